"""Finding and reading the configuration file.

``[tool.dreg-lint]`` in ``pyproject.toml``, or the top level of ``.dreg-lint.toml`` /
``dreg-lint.toml``, found by walking up from the current directory (in each directory the first of
those three that exists wins; a ``pyproject.toml`` without the table is passed over).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dreg_lint.settings import Settings, SettingsError

CONFIG_FILES = (".dreg-lint.toml", "dreg-lint.toml", "pyproject.toml")


def find_config(start: Path) -> Path | None:
    for directory in (start, *start.parents):
        for name in CONFIG_FILES:
            candidate = directory / name
            if not candidate.is_file():
                continue
            if name != "pyproject.toml" or "dreg-lint" in _read_toml(candidate).get("tool", {}):
                return candidate
    return None


def load_config(path: Path) -> Settings:
    """Settings from a configuration file; raises SettingsError naming the file and the key."""
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("dreg-lint", {})
        if not isinstance(table, dict):
            raise SettingsError("[tool.dreg-lint] must be a table", str(path))
    else:
        table = data
    return Settings.from_table(table, source=str(path))


def _read_toml(path: Path) -> dict[str, Any]:
    import tomllib  # only where a configuration file exists

    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        raise SettingsError(f"cannot read the configuration file: {error.strerror or error}", str(path)) from None
    try:
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise SettingsError(f"invalid TOML: not UTF-8 (line {line}, byte offset {error.start})", str(path)) from None
    except tomllib.TOMLDecodeError as error:
        raise SettingsError(f"invalid TOML: {error}", str(path)) from None
