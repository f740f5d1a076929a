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
from json.encoder import encode_basestring  # the C encoder (ensure_ascii=False)
from typing import TYPE_CHECKING, Any, Callable, Iterator, TextIO

from dreg_lint.diagnostics import FIELDS, to_row
from dreg_lint.reporters import utf8_writer
from dreg_lint.reporters._common import clean_json

if TYPE_CHECKING:
    from dreg_lint.diagnostics import Diagnostic, Row
    from dreg_lint.reporters import Report

# Outside strings, JSON text is ASCII, so these can only occur inside strings, where a \u escape
# means the same character.
_ESCAPE = re.compile("[\x7f-\x9f\u2028\u2029]")
_NEEDS_CARE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff]")


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
    # The same text as dumping the whole array with indent=2, written a batch of diagnostics at a
    # time so that a report of any size is never built in memory as one string.
    _write(report, stream, json_object, "[\n  ", ",\n  ", "\n]\n", "[]\n")


def render_json_lines(report: "Report", stream: TextIO) -> None:
    _write(report, stream, json_line, "", "\n", "\n", "")


def json_object(diagnostic: "Diagnostic") -> str:
    """A diagnostic as ``render_json`` writes it."""
    return json_object.row(to_row(diagnostic))


def json_line(diagnostic: "Diagnostic") -> str:
    """A diagnostic as ``render_json_lines`` writes it (without the line break)."""
    return json_line.row(to_row(diagnostic))


#: Output format -> how it writes one diagnostic: the runner has them written as pages are linted.
RENDERERS = {"json": json_object, "json-lines": json_line}


def _write(report: "Report", stream: TextIO, render, open_: str, separator: str, close: str,
           empty: str) -> None:
    """The diagnostics as ``render`` makes them, with ``separator`` between them, after ``open_``
    and before ``close`` (``empty`` alone where there are none).

    The texts come as UTF-8 (see ``_blocks``): a stream that takes UTF-8 as it is
    (``dreg_lint.reporters.Utf8Output``) is given them so, and the report is never decoded and
    encoded again; any other stream is given text.
    """
    write = utf8_writer(stream)
    between = separator.encode()
    # Blocks are a page's findings or fewer: they are gathered up to _WRITE_SIZE and written at
    # once, as a write to the stream (and to the run's cached copy of the report) costs several
    # calls in Python, whatever its size.
    pending: list[bytes] = []
    size = 0
    written = False
    for block in _blocks(report, render):
        pending.append(between if written else open_.encode())
        block = block.replace(b"\0", between)
        pending.append(block)
        written = True
        size += len(block)
        if size >= _WRITE_SIZE:
            write(b"".join(pending))
            pending.clear()
            size = 0
    pending.append((close if written else empty).encode())
    write(b"".join(pending))


_WRITE_SIZE = 1 << 20


def _blocks(report: "Report", render) -> Iterator[bytes]:
    """The diagnostics as ``render`` writes them, in UTF-8, in batches joined by NULs: as the run's
    spool kept them when it had them made so (a page at a time), else made now."""
    rendered = getattr(report.diagnostics, "rendered", None)
    blocks = rendered(render) if rendered is not None else None
    if blocks is not None:
        return blocks
    return _batches(map(render, report.diagnostics))


def _batches(texts: Iterator[str]) -> Iterator[bytes]:
    # Small batches: one character beyond Latin-1 (a dash, a 🚩) makes a joined batch take two or
    # four bytes a character until it is encoded.
    pending: list[str] = []
    for text in texts:
        pending.append(text)
        if len(pending) >= 64:
            yield "\0".join(pending).encode("utf-8", "surrogatepass")
            pending.clear()
    if pending:
        yield "\0".join(pending).encode("utf-8", "surrogatepass")


#: The fields a diagnostic's JSON object starts with: the same for every finding of a rule.
_HEAD = ("code", "name", "severity")
# The order a row is unpacked in (``_row_object``).
if FIELDS != (*_HEAD, "message", "path", "line", "column", "end_line", "end_column", "project", "project_line",
              "fingerprint"):
    raise ImportError("json_format: the diagnostic's fields are no longer those a row is unpacked into")


class _Template:
    """A diagnostic's JSON object with these separators and braces: its head (``_HEAD``, then the
    message's key) for each rule and severity, and after the message a %-template of the other
    fields' values (each already JSON)."""

    def __init__(self, comma: str, colon: str, open_: str, close: str) -> None:
        self.comma, self.colon, self.open, self.close = comma, colon, open_, close
        self.head_template = open_ + "".join(f'"{name}"{colon}%s{comma}' for name in _HEAD) + f'"message"{colon}'
        self.tail = "".join(f'{comma}"{name}"{colon}%s' for name in FIELDS[len(_HEAD) + 1 :]) + close
        # (code, name, severity's value) -> the head: a few for a whole run, made as they first
        # come (two threads making one at once make the same string).
        self.heads: dict[tuple[str, str, str], str] = {}

    def new_head(self, code: str, name: str, severity: str) -> str:
        """The head of a rule and severity not in ``heads`` yet, made and kept there."""
        json_values = (encode_basestring(code), encode_basestring(name), encode_basestring(severity))
        head = self.heads[code, name, severity] = self.head_template % json_values
        return head


_INDENTED = _Template(",\n    ", ": ", "{\n    ", "\n  }")
_COMPACT = _Template(",", ":", "{", "}")


class _LastEncoded(dict):
    """The JSON of the last string looked up (``null`` for None), encoded when another one comes.

    A page's findings are rendered together, all with the page's path, and those of one project
    mostly one after another, with its reference: so these are encoded once for the findings that
    share them instead of once each (the path is a sixth of a finding's characters). Only the last
    value is kept, so memory holds one string whatever the run; every entry is a value with its own
    JSON, so two threads rendering at once still get their own values' JSON.
    """

    def __missing__(self, value: "str | None") -> str:
        encoded = "null" if value is None else encode_basestring(value)
        self.clear()
        self[value] = encoded
        return encoded


_PATHS, _PROJECTS = _LastEncoded(), _LastEncoded()


def _row_object(template: _Template) -> "Callable[[Row], str]":
    """How a diagnostic's row (``diagnostics.to_row``) becomes its JSON object as ``dumps`` writes
    it with the template's separators: a function made for each template, so that each finding of
    a run is rendered in one Python call."""
    heads, new_head, tail = template.heads, template.new_head, template.tail
    comma, colon, open_, close = template.comma, template.colon, template.open, template.close

    def render(row: "Row") -> str:
        """json's indenting encoder is pure Python, and calling ``dumps`` once per value was most of
        the time of a large report, so the object is assembled here from C-encoded strings: its
        head, kept for each rule and severity, the message, the path and the project's reference
        as encoded last, and one % operation for the rest. Nearly all text is plain. The rare
        diagnostic that needs cleaning (a lone surrogate, a character to escape) is found without
        any search where the text is ASCII, and otherwise by searching only its parts that are
        not ASCII; it is then encoded value by value through ``dumps``. (Every finding of a run
        passes here, so the values are encoded in line: the fields typed ``str`` are never None.)
        """
        code, name, severity, message, path, line, column, end_line, end_column, project, project_line, \
            fingerprint = row
        head = heads.get((code, name, severity)) or new_head(code, name, severity)
        message = encode_basestring(message)
        rest = tail % (
            _PATHS[path], line, column, end_line, end_column, _PROJECTS[project],
            "null" if project_line is None else project_line, encode_basestring(fingerprint))
        text = head + message + rest
        # ``isascii`` is a flag CPython keeps on every string: most diagnostics need no search at all.
        if text.isascii() or not _needs_care(head, message, rest):
            return text
        return open_ + comma.join(f'"{key}"{colon}{dumps(value)}' for key, value in zip(FIELDS, row)) + close

    return render


# The row form of each renderer, which the spool renders the engine's rows with (see spool.Render).
json_object.row = _row_object(_INDENTED)
json_line.row = _row_object(_COMPACT)


def _needs_care(*parts: str) -> bool:
    """Whether the text made of ``parts`` (and ASCII between them) has a character to clean: only
    the parts that are not ASCII are searched, nearly always just the message (a third of the
    text)."""
    return any(_NEEDS_CARE.search(part) is not None for part in parts if not part.isascii())
