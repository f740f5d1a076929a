"""``parse()``: page text in, typed model out. It never raises on page content."""

from __future__ import annotations

import gc
import re

import attrs

from dreg_lint.builder import PageBuilder
from dreg_lint.grammar_loader import building_parts, model_parser
from dreg_lint.model import Document, Problem
from dreg_lint.span import LineIndex

BOM = "\ufeff"
_SNIFF = 4096
_LONE_CR = re.compile(r"\r(?!\n)")


def parse(text: str, path: str | None = None) -> Document:
    """Parse one register page.

    ``text`` is the decoded page (``parse_bytes`` takes the file's bytes). Every line of it belongs
    to exactly one node of the returned model; lines with no place in a page are kept as loose lines
    and reported as structural problems (``Document.problems``).
    """
    base = 1 if text.startswith(BOM) else 0
    body = text[base:] if base else text
    if "\r" in body:
        # Lark counts lines by LF only. A lone CR becomes LF for it: the same line break to the
        # grammar, at the same offset, so the lines and columns Lark gives every token are the page's.
        body = _LONE_CR.sub("\n", body)
    # A page becomes tens of thousands of objects, all alive until the model is done, so the cyclic
    # garbage collector's passes over them would find nothing (on a 20 MB page they take as long as
    # the parse itself); it runs again afterwards.
    collecting = gc.isenabled()
    gc.disable()
    try:
        builder = PageBuilder(text, base, path)
        # Each project is built as soon as the parser has read it, and its tokens let go.
        with building_parts(builder.project_part):
            tree = model_parser().parse(body, start="page")
        del body
        return builder.build(tree)
    finally:
        if collecting:
            gc.enable()


def parse_bytes(data: bytes, path: str | None = None) -> Document:
    """Decode a page file and parse it; decoding problems become structural problems.

    UTF-8 with or without a byte-order mark. Invalid UTF-8 is decoded with replacement characters
    and reported (DRL900) with the byte offset of the first bad byte; UTF-16 and binary files are
    reported (DRL906) and not parsed.
    """
    if _looks_binary(data):
        document = parse("", path)
        span = LineIndex("").span(0, 0)
        kind = "UTF-16 text" if data[:2] in (b"\xff\xfe", b"\xfe\xff") or _utf16_pattern(data) else "binary data"
        problem = Problem("DRL906", f"not a UTF-8 text page: the file looks like {kind}", span)
        return attrs.evolve(document, problems=(problem,))
    try:
        return parse(data.decode("utf-8"), path)
    except UnicodeDecodeError as error:
        first = error.start
    text = data.decode("utf-8", errors="replace")
    document = parse(text, path)
    at = len(data[:first].decode("utf-8", errors="replace"))
    bad = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    index = LineIndex(text)
    problem = Problem(
        "DRL900",
        f"{bad} undecodable byte sequence{'s' if bad != 1 else ''} (not UTF-8); the first at byte "
        f"offset {first}",
        index.span(at, at + 1),
    )
    problems = sorted((*document.problems, problem), key=lambda p: (p.span.start, p.code))
    return attrs.evolve(document, problems=tuple(problems))


def _looks_binary(data: bytes) -> bool:
    head = data[:_SNIFF]
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return True
    return bool(head) and head.count(0) * 10 > len(head)


def _utf16_pattern(data: bytes) -> bool:
    """NUL bytes in one byte lane and (mostly) none in the other: ASCII-range text in UTF-16."""
    head = data[:_SNIFF]
    if len(head) < 4:
        return False
    even, odd = head[0::2], head[1::2]
    return (odd.count(0) * 4 > len(odd) * 3 and even.count(0) * 4 < len(even)) or (
        even.count(0) * 4 > len(even) * 3 and odd.count(0) * 4 < len(odd))
