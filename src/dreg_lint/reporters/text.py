"""The human formats: ``full`` (the finding, the source line with a caret under the span, the rule's
one-line help) and ``concise`` (the finding alone).

Page text reaches the terminal here, so every character a terminal would act on (C0 and C1
controls, DEL, ESC, lone surrogates, line separators, bidirectional overrides) is printed as a
visible escape such as ``\\x1b``, with colour on or off; a tab is shown as a space. The caret line
is measured on the escaped text, so it stays under the span.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from dreg_lint.diagnostics import Severity
from dreg_lint.reporters._common import (
    char_width,
    display_path,
    escape_char,
    escape_control,
    is_unsafe,
    rule_summary,
)

if TYPE_CHECKING:
    from dreg_lint.diagnostics import Diagnostic
    from dreg_lint.reporters import Report

_RESET = "\x1b[0m"
_BOLD = "\x1b[1m"
_COLOURS = {Severity.ERROR: "\x1b[31m", Severity.WARNING: "\x1b[33m", Severity.INFO: "\x1b[34m"}
_GUTTER = "\x1b[34m"


def _safe(text: str) -> str:
    return escape_control(text.replace("\t", " "))


class _Style:
    def __init__(self, color: bool) -> None:
        self.color = color

    def __call__(self, text: str, *codes: str) -> str:
        if not self.color or not text:
            return text
        return "".join(codes) + text + _RESET


def _header(diagnostic: "Diagnostic", style: _Style) -> str:
    colour = _COLOURS.get(diagnostic.severity, "")
    return (f"{style(_safe(display_path(diagnostic.path)), _BOLD)}:{diagnostic.line}:{diagnostic.column}: "
            f"{style(_safe(diagnostic.code), _BOLD, colour)} [{diagnostic.severity.value}] "
            f"{_safe(diagnostic.message)}")


def _cells(text: str) -> list[tuple[str, int]]:
    """Each character of a source line as (what is printed, how many columns it takes)."""
    cells = []
    for char in text:
        if char == "\t":
            cells.append((" ", 1))
        elif is_unsafe(char):
            escaped = escape_char(char)
            cells.append((escaped, len(escaped)))
        else:
            cells.append((char, char_width(char)))
    return cells


def _caret(cells: list[tuple[str, int]], diagnostic: "Diagnostic") -> tuple[int, int]:
    """(columns before the caret, caret width) for the span's first line.

    A span that goes on to later lines is underlined to the end of its first line; a span past the
    end of the line, or an empty one, gets a single caret.
    """
    start = max(diagnostic.column, 1) - 1
    if diagnostic.end_line == diagnostic.line:
        end = max(diagnostic.end_column - 1, start)
    else:
        end = max(len(cells), start)
    widths = [width for _, width in cells]
    widths += [1] * max(0, end - len(widths))  # columns past the end of the line
    offset = sum(widths[:start])
    return offset, max(1, sum(widths[start:end]))


def _full(diagnostic: "Diagnostic", report: "Report", style: _Style) -> list[str]:
    lines = [_header(diagnostic, style)]
    indent = " " * (len(str(diagnostic.line)) + 1)
    source = report.source_line(diagnostic.path, diagnostic.line)
    if source is not None:
        source = source.rstrip("\r\n")
        cells = _cells(source)
        offset, width = _caret(cells, diagnostic)
        bar = style("|", _GUTTER)
        text = "".join(printed for printed, _ in cells)
        lines.append(f"{indent}{bar}")
        lines.append(f"{style(str(diagnostic.line), _GUTTER)} {bar}" + (f" {text}" if text else ""))
        lines.append(f"{indent}{bar} {' ' * offset}{style('^' * width, _COLOURS.get(diagnostic.severity, ''))}")
    summary = rule_summary(report, diagnostic.code)
    if summary:
        lines.append(f"{indent}= {style('help', _BOLD)}: {_safe(summary)}")
    return lines


def render_full(report: "Report", stream: TextIO) -> None:
    style = _Style(report.color)
    for index, diagnostic in enumerate(report.diagnostics):
        if index:
            stream.write("\n")
        stream.write("\n".join(_full(diagnostic, report, style)) + "\n")


def render_concise(report: "Report", stream: TextIO) -> None:
    style = _Style(report.color)
    for diagnostic in report.diagnostics:
        stream.write(_header(diagnostic, style) + "\n")
