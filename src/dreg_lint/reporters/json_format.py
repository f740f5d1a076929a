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


def write_json(value: Any, stream: TextIO, **options: Any) -> None:
    """``dumps(value)`` written to ``stream`` piece by piece: a large report is never held in memory
    as one string (with a non-Latin-1 character anywhere, that string takes four bytes a character).
    The encoder yields each string value whole, so escaping the pieces is escaping the text."""
    encoder = json.JSONEncoder(ensure_ascii=False, **options)
    pending: list[str] = []
    for chunk in encoder.iterencode(clean_json(value)):
        pending.append(_ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04x}", chunk))
        if len(pending) >= 4096:
            stream.write("".join(pending))
            pending.clear()
    stream.write("".join(pending) + "\n")


def render_json(report: "Report", stream: TextIO) -> None:
    # The same text as dumping the whole array with indent=2, written one diagnostic at a time so
    # that a report of any size is never built in memory as one string. A diagnostic is a flat
    # object, so its lines are assembled here from values encoded by the C encoder; json's indenting
    # encoder is pure Python and was most of the time of a large report.
    stream.write("[")
    for index, diagnostic in enumerate(report.diagnostics):
        members = ",\n".join(f"    {_scalar(key)}: {_scalar(value)}" for key, value in diagnostic.to_json().items())
        stream.write(("," if index else "") + "\n  {\n" + members + "\n  }")
    stream.write("\n]\n" if report.diagnostics else "]\n")


def _scalar(value: Any) -> str:
    return _ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(clean_json(value), ensure_ascii=False))


def render_json_lines(report: "Report", stream: TextIO) -> None:
    for diagnostic in report.diagnostics:
        stream.write(dumps(diagnostic.to_json(), separators=(",", ":")) + "\n")
