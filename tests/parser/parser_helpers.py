"""Shared helpers for the parser tests."""

from __future__ import annotations

import re
from pathlib import Path

from dreg_lint.model import Document
from dreg_lint.parser import parse_bytes
from dreg_lint.span import LineIndex, Span
from dreg_lint.walk import iter_leaves

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "pages"
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
REAL = SHARED / "corpus" / "real"

_BREAK = re.compile(r"\r\n?|\n")


def fixture(name: str) -> Document:
    path = FIXTURES / name
    return parse_bytes(path.read_bytes(), str(path))


def fixture_text(name: str) -> str:
    return (FIXTURES / name).read_bytes().decode("utf-8")


def problems(document: Document) -> list[tuple[str, int, int, str]]:
    """The structural problems as (code, line, column, message)."""
    return [(p.code, p.span.line, p.span.column, p.message) for p in document.problems]


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset``, counting CRLF, CR and LF as line breaks."""
    line, start = 1, 0
    for match in _BREAK.finditer(text, 0, offset):
        if match.end() <= offset:
            line, start = line + 1, match.end()
    return line, offset - start + 1


def check_span(text: str, span: Span) -> None:
    assert 0 <= span.start <= span.end <= len(text), span
    assert (span.line, span.column) == position(text, span.start), span
    assert (span.end_line, span.end_column) == position(text, span.end), span


#: Model nodes whose ``text`` is exactly the source text under their ``span``.
_VERBATIM = {"Text", "ListItem", "OptOutToken", "PartialDate", "IndexEntry", "LooseLine"}


def check_spans(text: str, document: Document) -> None:
    """Every span of the model (found through the JSON dump, which carries them all) agrees with the
    text: offsets in range, line and column matching the offsets, and verbatim nodes' text equal to
    the source at their offsets."""
    from dreg_lint.dump import to_json

    def walk(value):
        if isinstance(value, dict):
            span = value.get("span")
            if isinstance(span, dict):
                check_span(text, Span(**span))
                if value.get("node") in _VERBATIM:
                    assert text[span["start"]:span["end"]] == value["text"], value
            for key, item in value.items():
                if key != "span":
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(to_json(document))


def check_coverage(text: str, document: Document) -> None:
    """The leaves of the model are disjoint and cover every character but line breaks and a
    leading byte-order mark; every span agrees with the text at its offsets; the page's line count
    is its lines' (the builder counts only those after the last token)."""
    check_spans(text, document)
    assert document.line_count == LineIndex(text).line_count
    covered = [False] * len(text)
    for leaf in iter_leaves(document):
        span = leaf.span
        check_span(text, span)
        assert span.line == span.end_line, f"leaf {leaf.kind} spans lines: {span}"
        for offset in range(span.start, span.end):
            assert not covered[offset], f"offset {offset} covered twice (leaf {leaf.kind} {span})"
            covered[offset] = True
        node = leaf.node
        if leaf.kind in ("index", "text", "continuation", "loose", "header", "red_flag", "footer"):
            assert node.text == text[span.start : span.end], (leaf.kind, node.text, span)
        elif leaf.kind == "field":
            assert text[span.start : span.end] == f"{node.label}:{node.raw}", (node, span)
        elif leaf.kind == "dataset_item":
            assert text[span.start : span.end].rstrip().endswith(node.text), (node, span)
        elif leaf.kind == "organisation":
            assert text[span.start : span.end].strip().startswith(node.name), (node, span)
    breaks = {offset for match in _BREAK.finditer(text) for offset in range(match.start(), match.end())}
    if text.startswith("\ufeff"):
        breaks.add(0)
    for offset, done in enumerate(covered):
        if offset in breaks:
            assert not done, f"line break at {offset} covered"
        else:
            assert done, f"offset {offset} ({text[offset]!r}, line {position(text, offset)}) not covered"


def fields(project) -> list[tuple[str, str, str]]:
    """(label, key, raw value stripped) of each field, in page order."""
    return [(f.label, f.key.value, f.raw.strip()) for f in project.fields]


def sections(project) -> list[tuple]:
    """(key, label, inferred, first line, last line) of each section."""
    return [(s.key.value, s.label, s.inferred, s.span.line, s.span.end_line) for s in project.sections]


def items(project) -> list[tuple[int, str, str]]:
    """(line, marker, text) of each dataset item."""
    return [(i.span.line, i.marker, i.text) for i in project.datasets]


def lines(section) -> list[tuple[int, str]]:
    return [(t.span.line, t.text) for t in section.lines]


def texts(item_list) -> list[str]:
    return None if item_list is None else [item.text for item in item_list.items]


def blank(spans) -> list[int]:
    return [span.line for span in spans]
