"""Output formats. Each is a ``render(report, stream)`` function in a module of its own, declared
through the ``dreg_lint_output_formats`` hook like a third-party format, and imported only when
chosen."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Collection

import attrs

from dreg_lint.plugins import hookimpl

if TYPE_CHECKING:
    from dreg_lint.diagnostics import Diagnostic
    from dreg_lint.rule import Rule


@attrs.frozen
class OutputFormat:
    name: str
    description: str
    target: str  # "package.module:function"

    def load(self) -> Callable[["Report", Any], None]:
        import importlib

        module, _, function = self.target.partition(":")
        return getattr(importlib.import_module(module), function)


@attrs.frozen
class Report:
    """Everything a reporter may print."""

    # Sorted by path, line, column, code. A sized collection that may be iterated more than once
    # (a run's findings are read back from a spool file each time), not necessarily a list.
    diagnostics: Collection["Diagnostic"]
    rules: dict[str, "Rule"]  # every known rule by code (for help texts and SARIF metadata)
    plugins: dict[str, str]  # plugin name -> version
    version: str  # dreg-lint's version
    files: list[str]  # the files that were linted
    color: bool = False
    source_line: Callable[[str | None, int], str | None] = lambda path, line: None


_FORMATS = [
    OutputFormat("full", "path:line:col: CODE [severity] message, the source line with a caret, the rule's help",
                 "dreg_lint.reporters.text:render_full"),
    OutputFormat("concise", "path:line:col: CODE [severity] message", "dreg_lint.reporters.text:render_concise"),
    OutputFormat("json", "a JSON array of diagnostics", "dreg_lint.reporters.json_format:render_json"),
    OutputFormat("json-lines", "one JSON object per line", "dreg_lint.reporters.json_format:render_json_lines"),
    OutputFormat("sarif", "SARIF 2.1.0 for GitHub code scanning", "dreg_lint.reporters.sarif:render"),
    OutputFormat("github", "GitHub Actions workflow commands", "dreg_lint.reporters.github:render"),
    OutputFormat("gitlab", "GitLab code quality report", "dreg_lint.reporters.gitlab:render"),
    OutputFormat("junit", "JUnit XML", "dreg_lint.reporters.junit:render"),
]


class Utf8Output:
    """The stream the command gives a reporter where what it writes goes out as UTF-8 exactly, with
    no line ending translated: a text stream that also takes UTF-8 bytes, with ``write_utf8``.

    A reporter that holds its text as UTF-8 already (the JSON formats: each finding is rendered in
    the process that linted its page, and kept so) writes it with ``write_utf8``, and a report of
    tens of megabytes is not decoded and encoded once more. ``stream`` is an ``io.TextIOWrapper``
    that encodes UTF-8 and translates no line ending.
    """

    def __init__(self, stream: Any) -> None:
        self._stream = stream
        self._text_pending = False

    def write(self, text: str) -> int:
        self._text_pending = True
        return self._stream.write(text)

    def write_utf8(self, data: bytes) -> None:
        if self._text_pending:  # text the stream still holds goes first
            self._stream.flush()
            self._text_pending = False
        self._stream.buffer.write(data)

    def flush(self) -> None:
        self._stream.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def utf8_writer(stream: Any) -> Callable[[bytes], Any]:
    """How to write UTF-8 bytes to ``stream``: as they are where it takes them so (``write_utf8``,
    as ``Utf8Output`` does), else as their text."""
    write_utf8 = getattr(stream, "write_utf8", None)
    if write_utf8 is not None:
        return write_utf8
    return lambda data: stream.write(data.decode("utf-8", "surrogatepass"))


@hookimpl
def dreg_lint_output_formats() -> list[OutputFormat]:
    return list(_FORMATS)
