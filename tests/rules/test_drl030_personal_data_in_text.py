"""DRL030 personal-data-in-text."""

import glob
import re

import pytest

from dreg_lint.primitives import leftmost_matches
from dreg_lint.rules.drl030_personal_data_in_text import PATTERNS
from dreg_lint.testing import assert_examples, lint_snippet, positions

HEADER = "NHS Digital Data Release Register - reformatted\nNHS Example Trust projects\n"


def page(objectives, purposes="No (NHS Trust)"):
    return (HEADER + "Clinic audit — DARS-NIC-20417-QW3RT\n"
            f"Opt outs honoured: Y\nPurposes: {purposes}\nObjectives:\n{objectives}\n")


def found_summary(found):
    return [(d.line, d.column, d.end_column, d.severity.value, d.message) for d in found]


def test_examples():
    assert_examples("DRL030")


def test_each_kind_with_its_severity():
    text = page("Write to jo.bloggs@example.org or call 0121 496 0000 or +44 20 7946 0000 at B15 2TT; "
                "Dr Ann Other agreed.")
    found = lint_snippet(text, select="DRL030")
    assert [d.code for d in found] == ["DRL030"] * 5
    assert found_summary(found) == [
        (7, 10, 31, "warning", "email address `jo.bloggs@example.org` in Objectives"),
        (7, 40, 53, "warning", "phone number `0121 496 0000` in Objectives"),
        (7, 57, 73, "warning", "phone number `+44 20 7946 0000` in Objectives"),
        (7, 77, 84, "warning", "postcode `B15 2TT` in Objectives"),
        (7, 86, 98, "info", "named person `Dr Ann Other` in Objectives"),
    ]


def test_purposes_statement_is_searched():
    found = lint_snippet(page("Nothing.", purposes="Yes, contact info@example.org (NHS Trust)"), select="DRL030")
    assert found_summary(found) == [(5, 24, 40, "warning", "email address `info@example.org` in Purposes")]


def test_testimonial_names():
    text = page('"Inspiring work." Professor Sir Bruce Keogh\u2014National Medical Director. '
                'Superintendent Sean Russell\u2014Lead. Andy Williams\u2014Accountable Officer.')
    found = lint_snippet(text, select="DRL030")
    assert [(d.column, d.severity.value, d.message) for d in found] == [
        (19, "info", "named person `Professor Sir Bruce Keogh` in Objectives"),
        (72, "info", "named person `Superintendent Sean Russell` in Objectives")]


def test_false_positive_traps():
    text = page("The NHS number 943 476 5919 is ten digits; Dr Who; Mr. X; see section 3.2; 2019/20; "
                "code SD89/SD21; @handle; user@localhost; a 012345678 short number; the year 2016 05 2017.")
    assert lint_snippet(text, select="DRL030") == []


def test_kinds_option():
    text = page("Mail jo@example.org; Dr Ann Other.")
    options = {"DRL030": {"kinds": ["person"]}}
    assert positions(lint_snippet(text, select="DRL030", options=options)) == ["7:22"]
    options = {"DRL030": {"kinds": ["email", "phone", "postcode"]}}
    assert positions(lint_snippet(text, select="DRL030", options=options)) == ["7:6"]
    assert lint_snippet(text, select="DRL030", options={"DRL030": {"kinds": []}}) == []
    with pytest.raises(AssertionError, match="kinds"):
        lint_snippet(text, select="DRL030", options={"DRL030": {"kinds": ["shoe size"]}})


HOSTILE = [
    "a" * 10_000_000,
    "a@" * 1_000_000,
    "a." * 1_000_000,
    "x@" + "a." * 1_000_000,
    "x@" + "a-" * 1_000_000 + "a",
    "." * 1_000_000 + "@",
    "0" * 1_000_000,
    "0 " * 1_000_000,
    "+44 " * 300_000,
    "A1 " * 300_000,
    "AB1" + " " * 1_000_000 + "1",
    "Mr " * 300_000,
    "Dr Aa" + " " * 1_000_000 + "1",
    ("Mr Aa" + " " * 10) * 100_000 + "1",
    "-" * 200_000,
    ", " * 300_000,
]


@pytest.mark.parametrize("kind", sorted(PATTERNS))
def test_patterns_are_safe_on_hostile_input(kind):
    # Must finish quickly: a catastrophic pattern would hang here.
    pattern = PATTERNS[kind][0]
    for text in HOSTILE:
        for _ in leftmost_matches((pattern,) if isinstance(pattern, re.Pattern) else pattern, text):
            pass


def test_hostile_page_lints():
    assert lint_snippet(page("a." * 500_000 + "@" + "b" * 500_000), select="DRL030") == []


SEEDS = sorted(glob.glob("/work/shared/corpus/seeds/*.txt"))


@pytest.mark.skipif(len(SEEDS) != 4, reason="seed pages not available")
def test_seed_counts():
    # RULES.md section 3.2: distinct projects flagged per seed file 000, 001, 002, 003.
    counts = []
    for path in SEEDS:
        found = lint_snippet(open(path, encoding="utf-8").read(), select="DRL030")
        counts.append(len({d.project_line for d in found}))
    assert counts == [0, 1, 0, 0]
