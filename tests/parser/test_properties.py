"""Properties of the parser, checked with hypothesis.

(a) generated valid pages of every generation and both layouts parse back to the description they
    were generated from; (b) no text and no bytes make ``parse``/``parse_bytes`` raise; (c) the leaves
    of the model cover the page exactly, and every span agrees with the text it points at.

The example budget comes from the hypothesis profile (tests/conftest.py); for a long soak run:

    HYPOTHESIS_PROFILE=long python -m pytest tests/parser/test_properties.py -q
"""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st
from pagegen import ExpectedPage, pages
from parser_helpers import check_coverage, check_span

from dreg_lint.model import FieldKey, When
from dreg_lint.parser import parse, parse_bytes
from dreg_lint.walk import iter_leaves


def _date(date) -> tuple | None:
    return None if date.year is None else (date.year, date.month, date.day)


def _period(period) -> tuple | None:
    return None if period is None else (_date(period.start), _date(period.end))


def _check_page(text: str, expected: ExpectedPage) -> None:
    document = parse(text)
    assert [(p.code, p.span.line, p.message) for p in document.problems] == []
    assert document.header is not None and document.header.text == "NHS Digital Data Release Register - reformatted"
    assert document.organisation is not None
    assert document.organisation.name == expected.organisation
    assert document.organisation.projects_suffix == expected.projects_suffix
    assert [(entry.title, entry.system_access) for entry in document.index] == expected.index
    assert (document.file_count.count if document.file_count else None) == expected.file_count
    assert (document.red_flag is not None) == expected.red_flag
    assert (document.footer is not None) == expected.footer
    assert document.loose == ()
    assert len(document.projects) == len(expected.projects)
    for number, (got, want) in enumerate(zip(document.projects, expected.projects), start=1):
        assert got.number == number
        assert got.title == want.title
        assert got.reference == want.reference
        assert [(f.label, f.raw.strip()) for f in got.fields] == [(w.label, w.raw) for w in want.fields]
        assert [f.continuation is not None for f in got.fields] == [w.continuation for w in want.fields]
        for f, w in zip(got.fields, want.fields):
            if w.when is not None:
                assert f.key is FieldKey.WHEN and isinstance(f.value, When)
                agreement, release, note = w.when
                assert f.value.well_formed
                assert _period(f.value.agreement) == agreement
                assert _period(f.value.release) == release
                assert (f.value.note.text if f.value.note else None) == note
        assert [(s.key, s.label, s.inferred, [i.text for i in s.items], [t.text for t in s.lines])
                for s in got.sections] == [(s.key, s.label, s.inferred, s.items, s.lines) for s in want.sections]
        assert got.loose == ()
    check_coverage(text, document)


@given(pages())
def test_generated_pages_parse_back(page):
    text, expected = page
    _check_page(text, expected)


# (b) nothing raises -------------------------------------------------------------------------------

# Lines that steer the parser into each of its paths, to be mixed with arbitrary text.
_STRUCTURAL = [
    "NHS Digital Data Release Register - reformatted", "Good TREs work", "Example Trust projects",
    "- Project 2", "- A title (partially via \"system access\")",
    "12 data files in total were disseminated unsafely (information about files used safely is missing).",
    "\U0001F6A9 Example Trust was sent multiple files.", "Source: NHS Digital.",
    "Project 1 — DARS-NIC-12345-ABCDE", "Title — NIC-123456-A1B2C", "Project 2 — CSU RS Ps/sens",
    "Opt outs honoured: N, Y (Excuses: , (a(b), )", "Opt outs honoured: No - x studYes - y", "Legal basis: , ;(",
    "Purposes: Yes, a statement (x (y)", "Purposes: ()", "Sensitive: Sensitive, and Non-Sensitive",
    "When:DSA runs 2019-06-08 — 2022-06-07 2018.06 — 2021.03.", "When: unknown — 11/2016", "When:2016.04 – ",
    "When:DSA runs 2018-12 – 2021-11 x — y.", "When:", "Access method: System Access",
    "(System access exclusively means data was not disseminated)", "Data-controller type:",
    "Type of data:", "AGD/predecessor discussions: a.pdf, b.pdf", "HSCIC Id: DARS-NIC-1-A-v0.0",
    "Basis: x", "Format: y", "How often: Ongoing", "Repeats: One-Off", "Categories: Identifiable",
    "Data: MRIS", "Data:", "Project info", "Objective: text", "Output: text", "Datasets:", "Objectives:",
    "Yielded Benefits:", "Expected Benefits:", "Benefits:", "Outputs:", "Processing:", "  1. Item", "  • Item",
    "- Item", "Label like: value", "", " ", "\t", "\u00a0", "\x00", "((((", "))))",
]
_BREAKS = st.sampled_from(["\n", "\r\n", "\r", "\n\n", "\n\n\n", "\r\r\n"])
_ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@st.composite
def messy_pages(draw) -> str:
    parts = draw(st.lists(st.tuples(st.one_of(st.sampled_from(_STRUCTURAL), _ANY_TEXT,
                                              st.tuples(st.sampled_from(_STRUCTURAL), _ANY_TEXT).map("".join)),
                                    _BREAKS), max_size=40))
    text = "".join(line + brk for line, brk in parts)
    if draw(st.booleans()):
        text = text.rstrip("\r\n")
    if draw(st.integers(0, 5)) == 0:
        text = "\ufeff" + text
    return text


@given(st.text(st.characters(blacklist_categories=("Cs",))))
@example("\r")
@example("\ufeff")
@example("\x00\x00\x00")
@example("When:DSA runs 2019-06-08 — ")
@example("Objectives:\n\n\n- x\n\n\ntext\nOpt outs honoured: Y")
def test_any_text_parses(text):
    document = parse(text)
    check_coverage(text, document)


@given(messy_pages())
def test_messy_pages_parse_and_cover(text):
    document = parse(text)
    check_coverage(text, document)
    for problem in document.problems:
        check_span(text, problem.span)


@given(st.binary())
@example(b"\xff\xfe\x00\x00")
@example(b"\xef\xbb\xbf\xff")
@example(b"NHS Digital Data Release Register - reformatted\n\xc3")
def test_any_bytes_parse(data):
    document = parse_bytes(data)
    for problem in document.problems:
        assert problem.code.startswith("DRL9")


@given(st.lists(st.sampled_from(_STRUCTURAL), max_size=30).map("\n".join).map(str.encode))
def test_structural_bytes_parse(data):
    document = parse_bytes(data)
    if any(problem.code == "DRL906" for problem in document.problems):
        assert document.projects == () and document.header is None  # not read at all
    else:
        check_coverage(data.decode("utf-8"), document)


def test_leaves_are_in_page_order():
    text = "NHS Digital Data Release Register - reformatted\nX projects\nA — NIC-12345-ABCDE\nObjectives:\nText.\n"
    kinds = [leaf.kind for leaf in iter_leaves(parse(text))]
    assert kinds == ["header", "organisation", "heading", "section_heading", "text"]
