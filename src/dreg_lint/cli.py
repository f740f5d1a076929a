"""The ``dreg-lint`` command (its contract is CLI.md)."""

from __future__ import annotations

import argparse
import atexit
import gc
import io
import json
import os
import re
import signal
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any, Callable, Sequence, TextIO

import attrs

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130


class UsageError(Exception):
    """One line for standard error, then exit status 2."""


class _Parser(argparse.ArgumentParser):
    """argparse, with a usage error reported as one line (the contract's "one clear line")."""

    def error(self, message: str):  # type: ignore[override]
        _say(f"error: {message} (see dreg-lint --help)")
        raise SystemExit(EXIT_ERROR)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="dreg-lint",
        description="Lint reformatted NHS Digital Data Release Register pages.",
    )
    add = parser.add_argument
    add("paths", nargs="*", metavar="PATH", help="files or directories to lint, or - for standard input (default: .)")
    add("--output-format", metavar="FORMAT", help="full (default), concise, json, json-lines, sarif, github, gitlab, junit")
    add("-o", "--output-file", metavar="FILE", help="write the report to FILE instead of standard output")
    add("--select", metavar="RULES", help="comma list of codes, code prefixes, rule names or groups; ALL for every rule")
    add("--extend-select", metavar="RULES", help="rules to select on top of the configured selection")
    add("--ignore", metavar="RULES", help="rules not to run")
    add("--fail-on", choices=["error", "warning", "info"], help="the lowest severity that makes the exit status 1 (default: warning)")
    add("--exit-zero", action="store_true", help="exit 0 even when there are findings (errors still exit 2)")
    add("--baseline", metavar="FILE", help="report only findings that FILE does not list")
    add("--write-baseline", metavar="FILE", help="write every current finding to FILE and exit 0")
    add("--statistics", action="store_true", help="print one line per code with its count instead of the findings")
    add("--list-rules", action="store_true", help="list every rule: code, name, severity, groups, plugin")
    add("--explain", metavar="CODE|NAME", help="print a rule's documentation")
    add("--jobs", default="auto", metavar="N|auto",
        help="lint files in N parallel processes; auto (the default): one per core, one for a small run")
    add("--no-cache", action="store_true", help="do not read or write the result cache")
    add("--cache-dir", metavar="DIR", help="where the result cache lives (default: .dreg-lint-cache)")
    add("--config", metavar="FILE", help="use this configuration file instead of searching for one")
    add("--isolated", action="store_true", help="ignore every configuration file")
    add("--show-settings", action="store_true", help="print the effective configuration and exit")
    add("--show-files", action="store_true", help="print the files that would be linted and exit")
    add("--plugin", action="append", default=[], metavar="MODULE", help="load a local plugin module (repeatable)")
    add("--no-plugin-autoload", action="store_true", help="do not load installed plugins")
    add("--stdin-filename", metavar="NAME", help="the path to show for standard input")
    add("--force-exclude", action="store_true", help="apply exclude to paths named on the command line too")
    add("--color", choices=["auto", "always", "never"], default="auto", help="colour in full/concise output")
    add("--dump-ast", metavar="PATH", help="print the parsed page as JSON and exit")
    add("-q", "--quiet", action="store_true", help="print the findings only")
    add("-v", "--verbose", action="store_true", help="print timings, plugins and tracebacks")
    add("--version", action="store_true", help="print the version and exit")
    return parser


#: Whether the run loaded (or tried to load) a plugin other than dreg-lint's own (``console_main``).
_PLUGINS_RAN = False


def console_main() -> None:
    """The ``dreg-lint`` command: ``main()``, and then the process ends without the interpreter
    tearing itself down.

    Freeing every object and module one by one took 15-20 ms of a 110 ms run on one page (what a
    pre-commit hook waits for), and ending the process frees its memory at once. What the
    interpreter's exit would still do is done first: the standard streams are flushed and the
    ``atexit`` functions run. Where a plugin was loaded, which may have left a file open with
    bytes not yet written (only the teardown writes them), or a thread other than the main one is
    still running, the interpreter exits as it always does.
    """
    status = main()
    run_exit_functions = getattr(atexit, "_run_exitfuncs", None)  # (CPython's; elsewhere, exit as usual)
    if _PLUGINS_RAN or run_exit_functions is None or any(
            not thread.daemon for thread in threading.enumerate() if thread is not threading.main_thread()):
        sys.exit(status)
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except BrokenPipeError:
            pass  # the reader went away (dreg-lint ... | head): as main() takes it, not an error
        except (OSError, ValueError):
            status = status or EXIT_ERROR  # the report could not be written whole
    run_exit_functions()
    os._exit(status)


def main(argv: Sequence[str] | None = None) -> int:
    # A run allocates a great many small objects that live until the page is done (the model, the
    # findings) and form no cycles; with the default thresholds the cycle collector re-scans them
    # over and over on large pages (a third of the time on a page of 40,000 projects).
    gc.set_threshold(100_000, 50, 1000)
    _tolerant_streams()
    arguments = build_parser().parse_args(argv)
    try:
        return _run(arguments)
    except KeyboardInterrupt:
        _say("interrupted")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (dreg-lint ... | head): stop quietly, as other commands do.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except OSError:
            pass
        return EXIT_OK
    except UsageError as error:
        _say(f"error: {error}")
        return EXIT_ERROR
    except Exception as error:  # noqa: BLE001 - a bug must not print a traceback unless asked
        if arguments.verbose:
            raise
        _say(f"error: internal error: {type(error).__name__}: {error} (run with -v for the traceback)")
        return EXIT_ERROR


def _say(message: str) -> None:
    # Messages carry file names and plugin messages: nothing in them may act on the terminal or
    # start a line of its own (a CI runner reads standard error for commands too).
    print(f"dreg-lint: {_printable(message)}", file=sys.stderr)


_UNPRINTABLE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
                          "\u2066-\u2069\ud800-\udfff]")


def _printable(text: str) -> str:
    """``text`` with every character a terminal would act on shown as an escape (``\\x1b``)."""
    def escape(match: re.Match) -> str:
        code = ord(match.group())
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _UNPRINTABLE.sub(escape, text.replace("\t", " "))


def _read_stdin(name: str | None, errors: list[str]) -> tuple[str, bytes] | None:
    """Standard input as (the name to show, its bytes), or None with an error recorded."""
    shown = name or "-"
    if name and os.path.isdir(name):
        errors.append(f"{name}: --stdin-filename names a directory")
        return None
    try:
        return shown, sys.stdin.buffer.read()
    except OSError as error:
        errors.append(f"{shown}: cannot read standard input: {error.strerror or error}")
        return None


def _run(arguments: argparse.Namespace) -> int:
    from dreg_lint import __version__

    if arguments.version:
        print(f"dreg-lint {__version__}")
        return EXIT_OK
    if arguments.dump_ast:
        return _dump_ast(arguments.dump_ast)

    started = time.perf_counter()
    settings = _settings(arguments)

    from dreg_lint.engine import Linter
    from dreg_lint.plugins import BUILTIN_PLUGINS, PluginHost, Registry
    from dreg_lint.settings import SettingsError

    global _PLUGINS_RAN
    host = PluginHost().load(settings.plugins, autoload=settings.plugin_autoload)
    _PLUGINS_RAN = bool(host.errors) or any(name not in BUILTIN_PLUGINS for name in host.plugins)
    registry = Registry.from_host(host)
    _check_selectors(arguments, registry)
    try:
        linter = Linter(settings, host, registry)
    except SettingsError as error:
        raise UsageError(str(error)) from None
    errors = list(host.errors)

    if arguments.verbose:
        for name, info in sorted(host.plugins.items()):
            _say(f"plugin {name} {info.version} ({info.module})")
    if arguments.list_rules:
        _list_rules(linter)
        return _finish_errors(errors)
    if arguments.explain:
        from dreg_lint.explain import explain

        rule = linter.registry.find(arguments.explain)
        if rule is None:
            raise UsageError(f"--explain: no rule is called '{arguments.explain}'")
        print(explain(rule))
        return _finish_errors(errors)
    if arguments.show_settings:
        print(json.dumps(_settings_json(settings), indent=2, ensure_ascii=False))
        return _finish_errors(errors)

    output_format = _output_format(host, settings.output_format)

    from dreg_lint.discovery import find_files

    paths = list(arguments.paths) or ["."]
    stdin = None
    if "-" in paths:
        paths = [path for path in paths if path != "-"]
        stdin = _read_stdin(arguments.stdin_filename, errors)
    elif not arguments.paths and arguments.stdin_filename:
        raise UsageError("--stdin-filename needs - among the paths")
    root = Path(settings.source).parent if settings.source else Path.cwd()
    discovery = find_files(paths, settings, root, force_exclude=arguments.force_exclude) if paths else None
    files = discovery.files if discovery else []
    errors.extend(discovery.errors if discovery else [])
    if stdin is not None and arguments.force_exclude and arguments.stdin_filename:
        from dreg_lint.discovery import is_excluded

        if is_excluded(arguments.stdin_filename, settings, root):
            stdin = None
    if arguments.show_files:
        for path in files:
            print(_printable(path))
        return _finish_errors(errors)

    from dreg_lint.runner import Job, job_count, run

    try:
        jobs = job_count(arguments.jobs, files)
    except ValueError:
        raise UsageError(f"--jobs: expected a whole number of at least 1 or 'auto', got '{arguments.jobs}'") from None
    job = Job(settings, None if arguments.no_cache else _cache_directory(arguments, root),
              _cache_salt(settings, host))
    baseline_path = arguments.baseline or settings.baseline
    if baseline_path and not arguments.baseline and settings.source:
        baseline_path = str(Path(settings.source).parent / baseline_path)

    reports = _report_cache(arguments, settings, output_format, job, files, baseline_path, stdin, errors)
    record = reports.lookup() if reports is not None else None
    if record is not None:
        _deliver(arguments, output_format, reports.replay)
        if not arguments.quiet and record.get("summary"):
            print(record["summary"], file=sys.stderr)
        return record["status"]

    result = run(linter, job, files, jobs, stdin)
    errors.extend(result.errors)
    diagnostics = result.diagnostics

    if arguments.write_baseline:
        from dreg_lint.baseline import write_baseline

        try:
            count = write_baseline(arguments.write_baseline, diagnostics)
        except OSError as error:
            raise UsageError(f"{arguments.write_baseline}: cannot write the baseline: {error.strerror or error}") from None
        if not arguments.quiet:
            _say(f"wrote {count} finding{'s' if count != 1 else ''} to the baseline {arguments.write_baseline}")
        _print_errors(errors)
        return EXIT_ERROR if errors else EXIT_OK

    stale = 0
    if baseline_path:
        from dreg_lint.baseline import Baseline, BaselineError

        try:
            diagnostics, stale = Baseline.read(baseline_path).filter(diagnostics)
        except BaselineError as error:
            raise UsageError(str(error)) from None

    recording = reports.recording() if reports is not None and not errors else None
    try:
        _write_report(arguments, settings, linter, host, output_format, diagnostics, result.files, stdin,
                      recording)
    except BaseException:
        if recording is not None:
            recording.discard()
        raise
    _print_errors(errors)
    summary = None if arguments.quiet else _summary(diagnostics, len(result.files), stale, bool(baseline_path))
    if summary:
        print(summary, file=sys.stderr)
    if arguments.verbose:
        _say(f"linted {len(result.files)} file(s) in {time.perf_counter() - started:.3f}s with {jobs} job(s)")
    if errors:
        return EXIT_ERROR
    status = _exit_status(diagnostics, settings.fail_on, arguments.exit_zero)
    if recording is not None:
        recording.keep(status, summary)
    return status


def _report_cache(arguments, settings, output_format, job, files, baseline_path, stdin, errors):
    """The report cache of this run, or None where a report must not be replayed: no cache, an
    error already, standard input, a baseline being written, ``-v`` (it prints timings), or a
    format from a plugin (which may print anything, the time say)."""
    if (job.cache_directory is None or errors or stdin is not None or arguments.write_baseline
            or arguments.verbose or not output_format.target.startswith("dreg_lint.")):
        return None
    from dreg_lint import __version__
    from dreg_lint.report_cache import ReportCache, file_signature

    shaping = {key: value for key, value in vars(arguments).items()
               if key not in ("jobs", "cache_dir", "no_cache", "output_file")}
    material = {
        "salt": job.cache_salt,
        "version": __version__,
        "settings": _settings_json(settings),
        "arguments": shaping,
        "to_file": bool(arguments.output_file),
        "color": _use_color(arguments, output_format.name, sys.stdout),
        "stdout": [getattr(sys.stdout, "encoding", None), getattr(sys.stdout, "errors", None)],
        "cwd": os.getcwd(),
        "baseline": file_signature(baseline_path) if baseline_path else None,
    }
    return ReportCache(job.cache_directory, material, files)


# Settings


def _settings(arguments: argparse.Namespace):
    from dreg_lint.config import find_config, load_config
    from dreg_lint.settings import FAIL_ON, Settings, SettingsError

    try:
        if arguments.isolated:
            settings = Settings()
        elif arguments.config:
            settings = load_config(Path(arguments.config))
        else:
            found = find_config(Path.cwd())
            settings = load_config(found) if found else Settings()
    except SettingsError as error:
        raise UsageError(str(error)) from None
    changes: dict[str, Any] = {}
    if arguments.select is not None:
        changes["select"] = arguments.select
    if arguments.extend_select is not None:
        changes["extend_select"] = (*settings.extend_select, *_split(arguments.extend_select))
    if arguments.ignore is not None:
        changes["ignore"] = (*settings.ignore, *_split(arguments.ignore))
    if arguments.fail_on is not None:
        changes["fail_on"] = arguments.fail_on
    if arguments.output_format is not None:
        changes["output_format"] = arguments.output_format
    if arguments.plugin:
        changes["plugins"] = (*settings.plugins, *arguments.plugin)
    if arguments.no_plugin_autoload or os.environ.get("DREG_LINT_DISABLE_PLUGIN_AUTOLOAD"):
        changes["plugin_autoload"] = False
    changes["verbose"] = arguments.verbose
    if settings.fail_on not in FAIL_ON:
        raise UsageError(f"fail-on must be one of {', '.join(FAIL_ON)}")
    return attrs.evolve(settings, **changes)


def _check_selectors(arguments: argparse.Namespace, registry) -> None:
    """Selectors given on the command line that name no rule are blamed on the flag, not on the
    configuration file."""
    for flag in ("select", "extend_select", "ignore"):
        for selector in _split(getattr(arguments, flag) or ""):
            try:
                registry.resolve(selector)
            except KeyError:
                raise UsageError(f"--{flag.replace('_', '-')}: '{selector}' is not a rule code, code prefix, "
                                 f"rule name or group (see dreg-lint --list-rules)") from None


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(",") if part.strip())


def _settings_json(settings) -> dict[str, Any]:
    """The settings under their configuration-file key names (``rules`` for the option tables)."""
    table = attrs.asdict(settings)
    table["rules"] = table.pop("rule_options")
    return {key.replace("_", "-"): value for key, value in table.items()}


def _cache_directory(arguments: argparse.Namespace, root: Path) -> str:
    from dreg_lint.cache import DEFAULT_DIRECTORY

    return arguments.cache_dir or os.environ.get("DREG_LINT_CACHE_DIR") or str(root / DEFAULT_DIRECTORY)


def _cache_salt(settings, host) -> str:
    from dreg_lint import __version__
    from dreg_lint.cache import salt

    # Only what changes a page's diagnostics: not the report's format, the exit threshold, the
    # baseline (applied afterwards) or which files are searched.
    effective = _settings_json(attrs.evolve(settings, verbose=False, output_format="",
                                            fail_on="", baseline=None, include=(), exclude=()))
    versions = {name: info.version for name, info in host.plugins.items()}
    for name, info in host.plugins.items():
        if info.version.startswith("local"):
            # A local plugin module has no release to bump: its source file stands for its version,
            # so that editing it cannot leave results of the old code in the cache.
            source = getattr(sys.modules.get(info.module), "__file__", None)
            if source:
                from dreg_lint.report_cache import file_signature

                versions[name] += f" {file_signature(source)}"
    versions["dreg-lint"] = __version__
    return salt(json.dumps(effective, sort_keys=True, default=str), versions)


# Output


def _output_format(host, name: str):
    formats = {}
    for _plugin, declared in host.call("dreg_lint_output_formats"):
        for output_format in declared:
            formats.setdefault(output_format.name, output_format)
    if name not in formats:
        raise UsageError(f"--output-format: unknown format '{name}' (known: {', '.join(sorted(formats))})")
    return formats[name]


def _use_color(arguments: argparse.Namespace, format_name: str, stream: TextIO) -> bool:
    if format_name not in _HUMAN_FORMATS or arguments.output_file:
        return False
    if arguments.color == "always":
        return True
    if arguments.color == "never" or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


def _write_report(arguments, settings, linter, host, output_format, diagnostics, files,
                  stdin: tuple[str, bytes] | None = None, recording=None) -> None:
    from dreg_lint import __version__
    from dreg_lint.reporters import Report

    if arguments.statistics:
        render = _render_statistics
    else:
        try:
            render = output_format.load()
        except Exception as error:  # noqa: BLE001 - a broken reporter plugin
            raise UsageError(f"output format {output_format.name} failed to load: {type(error).__name__}: {error}") from None
    sources = _SourceLines(stdin)
    report = Report(
        diagnostics=diagnostics,
        rules=dict(linter.registry.rules),
        plugins={name: info.version for name, info in host.plugins.items()},
        version=__version__,
        files=list(files),
        color=_use_color(arguments, output_format.name, sys.stdout),
        source_line=sources.line,
    )
    _deliver(arguments, output_format,
             lambda stream: render(report, recording.tee(stream) if recording is not None else stream))


def _deliver(arguments, output_format, write: Callable[[TextIO], None]) -> None:
    """Call ``write`` with the stream the report goes to."""
    from dreg_lint.reporters import Utf8Output

    if arguments.output_file:
        from dreg_lint.atomic import open_atomically

        # Written as it is rendered (a large report is never held in memory twice), into a
        # temporary file that replaces the target only when complete.
        try:
            with open_atomically(arguments.output_file) as stream:
                write(Utf8Output(stream))
        except OSError as error:
            raise UsageError(f"{arguments.output_file}: cannot write the report: {error.strerror or error}") from None
    elif output_format.name not in _HUMAN_FORMATS and not _is_utf8(sys.stdout):
        # Machine formats are UTF-8 whatever the locale says (JSON, SARIF and the CI runners read
        # UTF-8); the human formats follow the terminal's encoding, with escapes for the rest.
        sys.stdout.flush()
        stream = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", errors="backslashreplace",
                                  newline="\n", write_through=False)
        write(Utf8Output(stream))
        stream.flush()
        stream.detach()
    elif output_format.name not in _HUMAN_FORMATS and type(sys.stdout) is io.TextIOWrapper and os.linesep == "\n":
        # UTF-8 already, and writing a line break as it is (standard output translates line breaks
        # to the platform's).
        write(Utf8Output(sys.stdout))
        sys.stdout.flush()
    else:
        write(sys.stdout)
        sys.stdout.flush()


_HUMAN_FORMATS = ("full", "concise")


def _is_utf8(stream) -> bool:
    return (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "") in ("utf8", "utf8sig")


def _tolerant_streams() -> None:
    """A character the terminal's encoding cannot show is printed as an escape, not a crash."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError, OSError):
            pass


class _SourceLines:
    """Source lines for the full format, read once per file."""

    def __init__(self, stdin: tuple[str, bytes] | None = None) -> None:
        self.files: dict[str, list[str]] = {}
        self.stdin = stdin  # standard input is shown as it was read, not as the file of that name

    def line(self, path: str | None, number: int) -> str | None:
        if path is None:
            return None
        if path not in self.files:
            try:
                if self.stdin is not None and path == self.stdin[0]:
                    data = self.stdin[1]
                else:
                    with open(path, "rb") as handle:
                        data = handle.read()
                from dreg_lint.span import LineIndex

                text = data.decode("utf-8", errors="replace")
                index = LineIndex(text)
                self.files[path] = [index.line_text(n) for n in range(1, index.line_count + 1)]
            except OSError:
                self.files[path] = []
        lines = self.files[path]
        return lines[number - 1] if 0 < number <= len(lines) else None


def _render_statistics(report, stream: TextIO) -> None:
    counts = Counter(d.code for d in report.diagnostics)
    names = {d.code: d.name for d in report.diagnostics}
    for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        stream.write(f"{count:6d}  {code}  {names[code]}\n")


def _severity_counts(diagnostics) -> Counter:
    """Findings per severity; a spool of findings has counted them already."""
    counts = getattr(diagnostics, "severities", None)
    return counts if counts is not None else Counter(d.severity.value for d in diagnostics)


def _summary(diagnostics, file_count: int, stale: int, with_baseline: bool) -> str:
    counts = _severity_counts(diagnostics)
    total = sum(counts.values())
    parts = ", ".join(f"{counts[level]} {level}" for level in ("error", "warning", "info") if counts[level])
    text = f"Found {total} finding{'s' if total != 1 else ''}" + (f" ({parts})" if parts else "")
    text += f" in {file_count} file{'s' if file_count != 1 else ''}."
    if with_baseline:
        text += f" {stale} baseline entr{'ies' if stale != 1 else 'y'} no longer match{'es' if stale == 1 else ''}."
    return text


def _print_errors(errors: list[str]) -> None:
    for line in errors:
        if line.startswith("Traceback"):  # asked for with -v
            print("\n".join(_printable(part) for part in line.split("\n")), file=sys.stderr)
        else:
            _say(f"error: {line}")


def _finish_errors(errors: list[str]) -> int:
    _print_errors(errors)
    return EXIT_ERROR if errors else EXIT_OK


def _exit_status(diagnostics, fail_on: str, exit_zero: bool) -> int:
    if exit_zero:
        return EXIT_OK
    from dreg_lint.diagnostics import Severity

    threshold = Severity(fail_on).rank
    counts = _severity_counts(diagnostics)
    return EXIT_FINDINGS if any(Severity(level).rank >= threshold for level in counts if counts[level]) else EXIT_OK


def _list_rules(linter) -> None:
    rows = [(r.code, r.name, r.severity.value, ",".join(r.groups), r.plugin) for r in
            sorted(linter.registry.rules.values(), key=lambda r: r.code)]
    widths = [max(len(row[i]) for row in rows + [("code", "name", "severity", "groups", "plugin")]) for i in range(5)]
    header = ("code", "name", "severity", "groups", "plugin")
    for row in [header, *rows]:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())


def _dump_ast(path: str) -> int:
    from dreg_lint.dump import to_json
    from dreg_lint.parser import parse_bytes

    try:
        if path == "-":
            data = sys.stdin.buffer.read()
        else:
            with open(path, "rb") as handle:
                data = handle.read()
    except OSError as error:
        raise UsageError(f"{path}: cannot read: {error.strerror or error}") from None
    document = parse_bytes(data, path)
    json.dump(to_json(document), sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    console_main()
