"""The effective configuration: one typed object, built from TOML tables, flags or a dict."""

from __future__ import annotations

from typing import Any

import attrs

FAIL_ON = ("error", "warning", "info")


class SettingsError(Exception):
    """A configuration error: one line naming the key and the file."""

    def __init__(self, message: str, source: str | None = None) -> None:
        super().__init__(f"{source}: {message}" if source else message)


def _tuple(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(",") if part.strip())
    return tuple(value)


@attrs.frozen
class Settings:
    """Configuration keys (see CLI.md); the attribute names are the keys with ``-`` as ``_``."""

    select: tuple[str, ...] = attrs.field(default=("ALL",), converter=_tuple)
    extend_select: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    ignore: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    fail_on: str = "warning"
    output_format: str = "full"
    include: tuple[str, ...] = attrs.field(default=("*.txt",), converter=_tuple)
    exclude: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    baseline: str | None = None
    plugins: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    severity: dict[str, str] = attrs.field(factory=dict)
    per_file_ignores: dict[str, list[str]] = attrs.field(factory=dict)
    per_project_ignores: dict[str, list[str]] = attrs.field(factory=dict)
    rule_options: dict[str, dict[str, Any]] = attrs.field(factory=dict)
    # Not configuration-file keys: set from the command line.
    plugin_autoload: bool = True
    verbose: bool = False
    source: str | None = None  # the file the settings came from, for error messages

    @classmethod
    def coerce(cls, config: "Settings | dict | None") -> "Settings":
        if config is None:
            return cls()
        if isinstance(config, Settings):
            return config
        return cls.from_table(dict(config), source=None)

    @classmethod
    def from_table(cls, table: dict[str, Any], source: str | None) -> "Settings":
        """Settings from a configuration table (``[tool.dreg-lint]`` or a dreg-lint.toml)."""
        values: dict[str, Any] = {"source": source}
        for key, value in table.items():
            spec = TABLE_KEYS.get(key)
            if spec is None:
                raise SettingsError(f"unknown configuration key '{key}'", source)
            attribute, check = spec
            problem = check(value)
            if problem:
                raise SettingsError(f"'{key}' {problem}", source)
            values[attribute] = value
        if "fail_on" in values and values["fail_on"] not in FAIL_ON:
            raise SettingsError(f"'fail-on' must be one of {', '.join(FAIL_ON)}", source)
        for code, level in values.get("severity", {}).items():
            if level not in FAIL_ON:
                raise SettingsError(f"'severity.{code}' must be one of {', '.join(FAIL_ON)}", source)
        return cls(**values)


def _is_str(value: Any) -> str | None:
    return None if isinstance(value, str) else "must be a string"


def _is_str_list(value: Any) -> str | None:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return None
    return "must be a list of strings"


def _is_str_table(value: Any) -> str | None:
    if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
        return None
    return "must be a table of strings"


def _is_list_table(value: Any) -> str | None:
    if isinstance(value, dict) and all(_is_str_list(v) is None for v in value.values()):
        return None
    return "must be a table of lists of strings"


def _is_table_of_tables(value: Any) -> str | None:
    if isinstance(value, dict) and all(isinstance(v, dict) for v in value.values()):
        return None
    return "must be a table of tables ([rules.CODE])"


TABLE_KEYS = {
    "select": ("select", _is_str_list),
    "extend-select": ("extend_select", _is_str_list),
    "ignore": ("ignore", _is_str_list),
    "fail-on": ("fail_on", _is_str),
    "output-format": ("output_format", _is_str),
    "include": ("include", _is_str_list),
    "exclude": ("exclude", _is_str_list),
    "baseline": ("baseline", _is_str),
    "plugins": ("plugins", _is_str_list),
    "severity": ("severity", _is_str_table),
    "per-file-ignores": ("per_file_ignores", _is_list_table),
    "per-project-ignores": ("per_project_ignores", _is_list_table),
    "rules": ("rule_options", _is_table_of_tables),
}
