"""``json``: one array of diagnostics (the fields of CLI.md); ``json-lines``: one object per line.

Strings are written as they are (not ASCII-escaped), with three exceptions: lone surrogates (left
by undecodable bytes in a page or a file name), which cannot be encoded, are replaced by U+FFFD;
DEL and the C1 controls are written as ``\\u`` escapes, so that printing the output on a terminal
is safe (JSON already escapes the C0 controls); and U+2028/U+2029 are escaped too, so that no
reader that splits lines on them can break a json-lines record in two.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any, TextIO

from dreg_lint.reporters._common import clean_json

if TYPE_CHECKING:
    from dreg_lint.reporters import Report

# Outside strings, JSON text is ASCII, so these can only occur inside strings, where a \u escape
# means the same character.
_ESCAPE = re.compile("[\x7f-\x9f\u2028\u2029]")


def dumps(value: Any, **options: Any) -> str:
    text = json.dumps(clean_json(value), ensure_ascii=False, **options)
    return _ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def render_json(report: "Report", stream: TextIO) -> None:
    stream.write(dumps([diagnostic.to_json() for diagnostic in report.diagnostics], indent=2) + "\n")


def render_json_lines(report: "Report", stream: TextIO) -> None:
    for diagnostic in report.diagnostics:
        stream.write(dumps(diagnostic.to_json(), separators=(",", ":")) + "\n")
