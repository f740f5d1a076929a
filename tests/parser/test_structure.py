"""Structural diagnostics (DRL900-DRL906): exact code, line, column and message."""

from __future__ import annotations

import pytest
from parser_helpers import check_coverage, problems

from dreg_lint.model import FieldKey
from dreg_lint.parser import parse, parse_bytes

H = "NHS Digital Data Release Register - reformatted\nNHS Example Trust projects\n"
P = "A — DARS-NIC-10001-AAAA1\n"
TRUNC = "truncated project DARS-NIC-10001-AAAA1: "

CASES = [
    ("missing header", "NHS Example Trust projects\n" + P + "Opt outs honoured: Y\nObjectives:\nDone.",
     [("DRL901", 1, 1, "missing page header: the first line should be 'NHS Digital Data Release Register - "
                       "reformatted'")]),
    ("empty page", "", [("DRL901", 1, 1, "empty page: no page header and no projects")]),
    ("blank page", "\n\n  \n", [("DRL901", 1, 1, "empty page: no page header and no projects")]),
    ("glued pages", H + P + "Objectives:\nDone.\nNHS Digital Data Release Register - reformatted\n"
     "3 data files in total were disseminated unsafely.\n\U0001F6A9 Other Trust was sent.\n"
     "B — DARS-NIC-10002-BBBB2\nObjectives:\nDone.",
     [("DRL902", 6, 1, "unplaceable line: a page header inside a project (two pages glued together?)"),
      ("DRL902", 7, 1, "unplaceable line: a file-count line inside a project"),
      ("DRL902", 8, 1, "unplaceable line: a red-flag paragraph inside a project")]),
    ("file count among fields", H + P + "Opt outs honoured: Y\n12 data files in total were disseminated unsafely.\n"
     "Objectives:\nDone.", [("DRL902", 5, 1, "unplaceable line: a file-count line inside a project")]),
    ("index entry after the count", H + "- A\n3 data files in total were disseminated unsafely.\n- B\n" + P
     + "Objectives:\nDone.", [("DRL902", 5, 1, "unplaceable line: a project index entry after the file-count line")]),
    ("second title", H + "Another title\n" + P + "Objectives:\nDone.",
     [("DRL902", 3, 1, "unplaceable line: a second title line in the page preamble")]),
    ("second system-access note", H + P + "Access method: System Access\n(System access exclusively means x)\n"
     "(System access exclusively means y)\nObjectives:\nDone.",
     [("DRL902", 6, 1, "unplaceable line: a second system-access note after the Access method field")]),
    ("note inside a section", H + P + "Access method: System Access\nDatasets:\n- X\n"
     "(System access exclusively means x)\nObjectives:\nDone.",
     [("DRL902", 7, 1, "unplaceable line: a system-access note that follows no Access method field")]),
    ("ends before the first project", H + "3 data files in total were disseminated unsafely.\n",
     [("DRL903", 3, 1, "truncated page: it ends before its first project")]),
    ("ends among fields", H + P + "Opt outs honoured: Y\nWhen:DSA runs 2019-02-01 — ",
     [("DRL903", 5, 1, TRUNC + "it ends among the project's fields, before any section")]),
    ("ends after a space", H + P + "Objectives:\nThe cut came after a ",
     [("DRL903", 5, 1, TRUNC + "the last line of its Objectives section breaks off after a space")]),
    ("ends on an empty field", H + P + "Datasets:\n- X\nType of data:",
     [("DRL903", 6, 1, TRUNC + "its last field has no value")]),
    ("ends mid-sentence", H + P + "Objectives:\nThe cut came in the midd",
     [("DRL903", 5, 1, TRUNC + "the last line of its Objectives section breaks off mid-sentence")]),
    ("ends mid-sentence before blank lines", H + P + "Objectives:\nThe cut came in the midd\n\n\n",
     [("DRL903", 5, 1, TRUNC + "the last line of its Objectives section breaks off mid-sentence")]),
    ("ends in a headingless block", H + P + "Sublicensing allowed: No\n\n\n  1. X\n\n\nTo provide data for research",
     [("DRL903", 10, 1, TRUNC + "the last line of its headingless objectives text breaks off mid-sentence")]),
    ("ends in a 2016 Data line", "NHS Digital Data Release Register - reformatted\n\nX Uni\n\n"
     "Opt outs honoured: Y\n\nHSCIC Id: DARS-NIC-1-A-v0.0\n\nData: ",
     [("DRL903", 9, 1, "truncated project DARS-NIC-1-A-v0.0: the last line of its Data section breaks off after "
                       "a space")]),
    ("finished", H + P + "Objectives:\nThe end.\n\n\n", []),
    ("finished with a 2016 footer", "NHS Digital Data Release Register - reformatted\n\nX Uni\n\n"
     "Opt outs honoured: Y\n\nData: X\n\nSource: NHS Digital.", []),
    ("unknown label", H + P + "Opt outs honoured: Y\nLegal basys: Consent\nObjectives:\nDone.",
     [("DRL904", 5, 1, "unknown field label 'Legal basys:'")]),
    ("duplicate field", H + P + "Opt outs honoured: Y\nOpt outs honoured: N\nObjectives:\nDone.",
     [("DRL905", 5, 1, "duplicate field: 'Opt outs honoured:' appears again (first on line 4)")]),
    ("duplicate by meaning", H + P + "Type of data: X\nCategories: Y\nObjectives:\nDone.",
     [("DRL905", 5, 1, "duplicate field: 'Categories:' appears again (first on line 4)")]),
]


@pytest.mark.parametrize("name, text, expected", CASES, ids=[case[0] for case in CASES])
def test_structural_problems(name, text, expected):
    document = parse(text)
    assert problems(document) == expected
    check_coverage(text, document)


def test_problems_name_the_finished_project():
    document = parse(H + P + "Opt outs honoured: Y\nOpt outs honoured: N\nObjectives:\nDone.\n\n")
    (problem,) = document.problems
    assert problem.project is document.projects[0]
    assert problem.project.blank_lines[0].line == 8


def test_truncated_flag():
    assert parse(H + P + "Objectives:\nThe cut came in the midd").truncated
    assert not parse(H + P + "Objectives:\nThe end.").truncated


def test_duplicate_field_keeps_the_first_for_rules():
    project = parse(H + P + "Opt outs honoured: Y\nOpt outs honoured: N\nObjectives:\nDone.").projects[0]
    assert project.value(FieldKey.OPT_OUTS).tokens[0].text == "Y"
    assert [f.raw for f in project.all_fields(FieldKey.OPT_OUTS)] == [" Y", " N"]


BYTES = [
    ("UTF-16 with a byte-order mark", "NHS".encode("utf-16"),
     [("DRL906", 1, 1, "not a UTF-8 text page: the file looks like UTF-16 text")]),
    ("UTF-16 without one", "NHS Digital".encode("utf-16-le"),
     [("DRL906", 1, 1, "not a UTF-8 text page: the file looks like UTF-16 text")]),
    ("binary", b"\x00\x01\x00\x00\x00\x02", [("DRL906", 1, 1, "not a UTF-8 text page: the file looks like binary data")]),
    ("a lone NUL", b"\x00", [("DRL906", 1, 1, "not a UTF-8 text page: the file looks like binary data")]),
    ("bad UTF-8", H.encode() + b"A \xe2\x80\x94 DARS-NIC-10001-AAAA1\nObjectives:\nCaf\xe9 ok \xff\xfe.\n",
     [("DRL900", 5, 4, "3 undecodable byte sequences (not UTF-8); the first at byte offset 117")]),
    ("one bad byte", H.encode() + b"A \xe2\x80\x94 DARS-NIC-10001-AAAA1\nObjectives:\nDone\xff.\n",
     [("DRL900", 5, 5, "1 undecodable byte sequence (not UTF-8); the first at byte offset 118")]),
    ("byte-order mark", ("\ufeff" + H + P + "Objectives:\nDone.").encode(), []),
]


@pytest.mark.parametrize("name, data, expected", BYTES, ids=[case[0] for case in BYTES])
def test_byte_level_problems(name, data, expected):
    document = parse_bytes(data, "page.txt")
    assert problems(document) == expected
    assert document.path == "page.txt"


def test_undecodable_bytes_are_replaced_and_parsed():
    document = parse_bytes(H.encode() + b"A \xe2\x80\x94 DARS-NIC-10001-AAAA1\nObjectives:\nCaf\xe9.\n")
    assert document.projects[0].sections[0].lines[0].text == "Caf\ufffd."


def test_sister_site_header():
    document = parse("Good TREs work\nExample Trust projects\n" + P + "Objectives:\nDone.")
    assert document.header.text == "Good TREs work" and problems(document) == []


def test_page_that_starts_at_its_title():
    # an excerpt that starts at the organisation title (FORMAT.md section 1, iqvia_technology_services_ltd)
    document = parse("Iqvia Technology Services Ltd. projects\n\n" + P + "\nObjectives:\n\nDone.")
    assert document.header is None and document.organisation.name == "Iqvia Technology Services Ltd."
    assert [p.reference for p in document.projects] == ["DARS-NIC-10001-AAAA1"]
    assert [p.code for p in document.problems] == ["DRL901"]


def test_project_index_without_a_file_count_line_is_still_the_index():
    document = parse(H + "- A\n- Project 2\n" + P + "Objectives:\nDone.")
    assert [(e.title, e.span.line) for e in document.index] == [("A", 3), ("Project 2", 4)]
