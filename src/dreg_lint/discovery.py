"""Which files to lint: the paths given, directories searched, include/exclude and .gitignore."""

from __future__ import annotations

import functools
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

import attrs

if TYPE_CHECKING:
    import pathspec

from dreg_lint.settings import Settings

# Directories never searched (they hold no register pages of the user's).
SKIPPED_DIRECTORIES = {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__",
                       ".dreg-lint-cache", ".tox", ".nox", ".mypy_cache", ".pytest_cache"}


@attrs.define
class Discovery:
    """Files to lint, in a stable order, and one-line errors for paths that cannot be linted."""

    files: list[str] = attrs.field(factory=list)
    errors: list[str] = attrs.field(factory=list)


def discover(paths: list[str], settings: Settings, root: Path | None = None,
             force_exclude: bool = False) -> list[str]:
    return find_files(paths, settings, root, force_exclude).files


def find_files(paths: list[str], settings: Settings, root: Path | None = None,
               force_exclude: bool = False) -> Discovery:
    root = root or Path.cwd()
    found = Discovery()
    seen: set[str] = set()

    def add(path: str) -> None:
        if path not in seen:
            seen.add(path)
            found.files.append(path)

    for given in paths or ["."]:
        try:
            info = os.stat(given)
        except FileNotFoundError:
            found.errors.append(f"{given}: no such file or directory")
            continue
        except OSError as error:
            found.errors.append(f"{given}: {error.strerror or error}")
            continue
        if stat.S_ISDIR(info.st_mode):
            include, exclude = _spec(settings.include), _spec(settings.exclude)
            for path in _walk(Path(given), root, include, exclude, found.errors):
                add(path)
        elif stat.S_ISREG(info.st_mode):
            if force_exclude and _matches(_spec(settings.exclude), Path(given), root):
                continue
            add(given)
        else:
            found.errors.append(f"{given}: not a regular file")
    found.files.sort(key=_sort_key)
    return found


def _sort_key(path: str) -> tuple[str, ...]:
    """``Path(path).parts``, made from the parts of its directory (shared by all its files)."""
    head, tail = os.path.split(path)
    return _directory_parts(head) + (tail,) if tail else tuple(Path(path).parts)


@functools.lru_cache(maxsize=1024)
def _directory_parts(directory: str) -> tuple[str, ...]:
    return tuple(Path(directory).parts)


def is_excluded(path: str, settings: Settings, root: Path) -> bool:
    """Whether ``exclude`` names a path (for --force-exclude with --stdin-filename)."""
    return _matches(_spec(settings.exclude), Path(path), root)


def _spec(lines: Iterable[str]) -> "pathspec.PathSpec":
    # Imported here: linting files named on the command line (pre-commit's case) needs no patterns,
    # and start-up time is what a pre-commit user feels.
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(lines)


def _walk(top: Path, root: Path, include: pathspec.PathSpec, exclude: pathspec.PathSpec,
          errors: list[str] | None = None) -> Iterator[str]:
    # .gitignore files are kept with the absolute directory they sit in, their patterns' base.
    ignores = list(_parent_gitignores(top))

    def unreadable(error: OSError) -> None:  # a directory that cannot be listed (permission denied)
        if errors is not None:
            errors.append(f"{error.filename}: cannot read the directory: {error.strerror or error}")

    for directory, subdirectories, filenames in _tree(os.fspath(top), unreadable):
        here = Path(directory)
        absolute = Path(os.path.abspath(here))
        local = _gitignore(here)
        if local is not None:
            ignores.append((absolute, local))
        active = [(base, spec) for base, spec in ignores if base == absolute or base in absolute.parents]
        # Where the directory is relative to the root and to each .gitignore's base is worked out
        # once for all its entries (a directory may hold thousands of pages).
        in_root = _relative(here, root)
        in_bases = [(_relative(absolute, base), spec) for base, spec in active]
        subdirectories[:] = sorted(
            name for name in subdirectories
            if name not in SKIPPED_DIRECTORIES
            and not _ignored_in(in_bases, name + "/")  # a trailing slash: patterns for directories
            and not _matches_in(exclude, in_root, name + "/")
        )
        for name in sorted(filenames):
            path = os.path.join(directory, name)
            if _ignored_in(in_bases, name) or _matches_in(exclude, in_root, name):
                continue
            if _matches_in(include, in_root, name):
                yield os.path.normpath(path)


def _tree(top: str, unreadable: Callable[[OSError], None]) -> Iterator[tuple[str, list[str], list[str]]]:
    """``os.walk(top, followlinks=False, onerror=unreadable)``, top-down (the caller may prune the
    subdirectories), but with only the regular files (and links to them) among the files.

    The directory listing tells each entry's type, so that is known without a ``stat`` of each
    file, which a large register's thousands of pages made most of the time of finding them. A
    dangling link, a link loop, a FIFO or a device is not a regular file: skipped, as a directory
    walk should."""
    directories: list[str] = []
    files: list[str] = []
    linked: set[str] = set()  # links to directories: listed, not walked into
    try:
        with os.scandir(top) as entries:
            for entry in entries:
                try:
                    if entry.is_dir():
                        directories.append(entry.name)
                        if entry.is_symlink():
                            linked.add(entry.name)
                    elif entry.is_file():
                        files.append(entry.name)
                except OSError:
                    continue
    except OSError as error:
        unreadable(error)
        return
    yield top, directories, files
    for name in directories:
        if name not in linked:
            yield from _tree(os.path.join(top, name), unreadable)


def _relative(path: Path, base: Path) -> str | None:
    try:
        return os.path.relpath(os.path.abspath(path), os.path.abspath(base)).replace(os.sep, "/")
    except ValueError:
        return None


def _matches(spec: pathspec.PathSpec, path: Path, root: Path, directory: bool = False) -> bool:
    if not spec.patterns:
        return False
    relative = _relative(path, root)
    candidates = [relative] if relative and not relative.startswith("..") else []
    candidates.append(path.name)
    suffix = "/" if directory else ""
    return any(spec.match_file(candidate + suffix) for candidate in candidates)


def _matches_in(spec: pathspec.PathSpec, directory_in_root: str | None, name: str) -> bool:
    """``_matches`` for the entry ``name`` of a directory whose path relative to the root is given
    (``name`` ends with "/" for a directory)."""
    if not spec.patterns:
        return False
    relative = _child(directory_in_root, name)
    if relative is not None and not relative.startswith("..") and spec.match_file(relative):
        return True
    return spec.match_file(name)


def _child(directory: str | None, name: str) -> str | None:
    """The relative path of ``name`` in a directory given by its relative path (``_relative``)."""
    if directory is None:
        return None
    return name if directory == "." else f"{directory}/{name}"


def _gitignore(directory: Path) -> pathspec.PathSpec | None:
    try:
        with open(directory / ".gitignore", encoding="utf-8", errors="replace") as handle:
            return _spec(handle)
    except OSError:
        return None


def _parent_gitignores(top: Path) -> Iterable[tuple[Path, pathspec.PathSpec]]:
    """The .gitignore files above ``top`` up to the repository root (the directory with .git)."""
    chain = []
    for directory in Path(os.path.abspath(top)).parents:
        chain.append(directory)
        if (directory / ".git").exists():
            break
    else:
        return []
    specs = []
    for directory in reversed(chain):
        spec = _gitignore(directory)
        if spec is not None:
            specs.append((directory, spec))
    return specs


def _ignored_in(bases: list[tuple[str | None, pathspec.PathSpec]], name: str) -> bool:
    """Whether the .gitignore files ignore the entry ``name`` (ending with "/" for a directory) of a
    directory, given the directory's path relative to each file's base. The last file with a say
    decides (a pattern with "!" takes a path back)."""
    ignored = False
    for directory, spec in bases:
        relative = _child(directory, name)
        if relative is None or relative.startswith(".."):
            continue
        result = spec.check_file(relative)
        if result.include is not None:
            ignored = result.include
    return ignored
