"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` line per diagnostic.

    ::error file=data/x.txt,line=3,col=5,endLine=3,endColumn=9,title=dreg-lint (DRL001)::data/x.txt:3:5: DRL001 message

The runner splits its input into lines and reads a command from a line that starts with ``::``, so
page text must never contain a line break that reaches the output. Property values are escaped as
the runner expects (``%`` -> ``%25``, CR -> ``%0D``, LF -> ``%0A``, ``:`` -> ``%3A``, ``,`` ->
``%2C``), and the message part likewise for ``%``, CR and LF; the runner turns these back. Every
other character that a log viewer or a reader splitting on Unicode line boundaries would act on
(other C0 and C1 controls, ESC, U+2028/U+2029, bidirectional overrides, lone surrogates) is shown
as a visible escape such as ``\\x1b``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from dreg_lint.diagnostics import Severity
from dreg_lint.reporters._common import display_path, escape_control

if TYPE_CHECKING:
    from dreg_lint.reporters import Report

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    text = escape_control(text, keep="\t\r\n")
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: "Report", stream: TextIO) -> None:
    for d in report.diagnostics:
        path = display_path(d.path)
        properties = ",".join(f"{key}={escape_property(str(value))}" for key, value in (
            ("file", path), ("line", d.line), ("col", d.column), ("endLine", d.end_line),
            ("endColumn", d.end_column), ("title", f"dreg-lint ({d.code})")))
        data = escape_data(f"{path}:{d.line}:{d.column}: {d.code} {d.message}")
        stream.write(f"::{COMMANDS[d.severity]} {properties}::{data}\n")
