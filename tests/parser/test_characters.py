"""Line breaks and odd characters: CRLF, lone CR, a byte-order mark, tabs, no-break spaces, NUL."""

from __future__ import annotations

import pytest
from parser_helpers import blank, check_coverage, fixture, fixture_text, items, lines, problems

from dreg_lint.model import FieldKey, SectionKey
from dreg_lint.parser import parse


@pytest.mark.parametrize("name", ["crlf.txt", "lone_cr.txt", "odd_chars.txt"])
def test_character_fixtures_cover_their_text(name):
    document = fixture(name)
    assert problems(document) == []
    check_coverage(fixture_text(name), document)


def test_crlf_page():
    doc = fixture("crlf.txt")
    assert doc.source.count("\r\n") == 36 and doc.line_count == 36
    assert blank(doc.blank_lines) == [2, 4, 6, 7]
    (project,) = doc.projects
    assert project.reference == "DARS-NIC-600001-W1N0S"
    assert [f.span.line for f in project.fields] == [10, 12, 14, 16, 18, 20, 22, 25, 27]
    access = project.field(FieldKey.ACCESS_METHOD)
    assert access.continuation.span.line == 23 and not access.continuation.text.endswith("\r")
    assert items(project) == [(31, "1.", "Civil Registration - Deaths"), (32, "2.", "Emergency Care Data Set (ECDS)")]
    assert lines(project.section(SectionKey.OBJECTIVES)) == [
        (36, "Every line of this page ends with a carriage return and a line feed.")]
    # no value or text keeps a carriage return
    assert all("\r" not in f.raw for f in project.fields)


def test_lone_cr_page():
    doc = fixture("lone_cr.txt")
    assert "\n" not in doc.source and doc.line_count == 14
    assert doc.organisation.name == "Lone Cr Trust" and doc.file_count.count == 4
    assert [(p.reference, p.line, p.span.end_line) for p in doc.projects] == [
        ("DARS-NIC-600002-C4R0M", 4, 10), ("DARS-NIC-600003-C4R0N", 11, 14)]
    first = doc.projects[0]
    when = first.value(FieldKey.WHEN)
    assert when.agreement.end.text == "2022-02-10" and when.release is None
    assert items(first) == [(8, "-", "Maternity Services Data Set")]
    assert lines(doc.projects[1].sections[0]) == [(14, "The last line has no line break.")]


def test_bom_tabs_nbsp_nul():
    doc = fixture("odd_chars.txt")
    assert doc.source.startswith("\ufeff")
    assert doc.header.span.start == 1 and doc.header.span.column == 2
    assert doc.header.text == "NHS Digital Data Release Register - reformatted"
    assert doc.organisation.name == "Odd\u00a0Characters Trust"
    (project,) = doc.projects
    assert project.title == "Tabs\tand\u00a0spaces" and project.reference == "DARS-NIC-600004-T4B5S"
    opt = project.value(FieldKey.OPT_OUTS)
    assert [t.text for t in opt.tokens] == ["Y", "N"]
    assert project.field(FieldKey.OPT_OUTS).raw == "\tY,\tN"
    assert [i.text for i in project.value(FieldKey.SENSITIVE).items] == ["Sensitive"]
    # a CRLF among LF line breaks
    assert project.field(FieldKey.WHEN).value.final_dot and project.field(FieldKey.WHEN).span.line == 7
    assert items(project) == [(9, "1.", "Tab indented item"), (10, "2.", "Tab after the number")]
    # lines of only no-break spaces or blanks are blank lines
    assert blank(project.blank_lines) == [11, 17]
    assert lines(project.section(SectionKey.OBJECTIVES)) == [
        (13, "A NUL \x00 byte sits here."),
        (14, "\tAn indented line with an en\u2002space."),
        (15, "Child and Young People\u035bs services \u035ePersonnel\u035f"),
        (16, "\u00a0A line that starts with a no-break space."),
        (18, "\x0bA vertical tab line."),
        (19, "Last line."),
    ]


@pytest.mark.parametrize("text", [
    "\x00", "\x00\n\x00", "\r\r\r", "\ufeff", "\ufeff\n", "\t\n\t", "\u00a0", "\u2028\u2029\x85",
    "NHS Digital Data Release Register - reformatted\r\nX projects\rY — NIC-12345-ABCDE\nObjectives:\r\nA.\r",
])
def test_odd_inputs_parse_and_cover(text):
    document = parse(text)
    check_coverage(text, document)
