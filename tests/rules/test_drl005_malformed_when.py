import datetime

from hypothesis import example, given
from hypothesis import strategies as st

from dreg_lint.model import PartialDate
from dreg_lint.primitives import date_problem
from dreg_lint.span import Span
from dreg_lint.testing import assert_examples, lint_snippet, positions

HEAD = ("NHS Digital Data Release Register - reformatted\nNHS Example Ccg projects\n"
        "Project 2 — NIC-50002-HG7FD\nOpt outs honoured: N\n")
TAIL = "Access method: Ongoing\nObjectives:\nTo review maternity bookings.\n"


def lint(when, **options):
    return lint_snippet(HEAD + when + "\n" + TAIL, "DRL005", {"DRL005": options} if options else None)


def test_examples():
    assert_examples("DRL005")


def test_impossible_month():
    [found] = lint("When:2017.13 — 2018.02.")
    assert (found.code, found.line, found.column, found.end_column) == ("DRL005", 5, 6, 13)
    assert found.severity.value == "error"
    assert found.message == "impossible release date `2017.13` in `When:`: month 13 does not exist"


def test_impossible_day_and_year():
    [found] = lint("When:DSA runs 2019-02-30 — 2022-01-31 2019.03 — 2020.01.")
    assert positions([found]) == ["5:15"]
    assert found.message == "impossible DSA date `2019-02-30` in `When:`: day 30 does not exist in February 2019"
    [found] = lint("When:1989.03 — 1990.01.")
    assert found.message == "impossible release date `1989.03` in `When:`: year 1989 is outside 1990..2100"
    assert positions(lint("When:DSA runs 2019-04-31 — 2101-01-31")) == ["5:15", "5:28"]


def test_leap_day_is_possible():
    assert lint("When:DSA runs 2020-02-29 — 2022-01-31 2020.03 — 2021.01.") == []


@given(st.integers(1, 9999), st.integers(0, 14), st.integers(0, 33))
@example(1900, 2, 29)
@example(2000, 2, 29)
@example(2100, 2, 29)
def test_a_date_is_possible_where_the_calendar_has_it(year, month, day):
    try:
        datetime.date(year, month, day)
        possible = True
    except ValueError:
        possible = False
    date = PartialDate(f"{year:04d}-{month:02d}-{day:02d}", year, month, day, False, Span(1, 1, 1, 1, 0, 0))
    assert (date_problem(date) is None) == possible


def test_missing_when_line():
    text = HEAD + TAIL
    [found] = lint_snippet(text, "DRL005")
    assert (found.line, found.column) == (3, 1)
    assert found.message == ("no `When:` line: the project gives neither its agreement period nor its release "
                             "period")


def test_empty_when():
    [found] = lint("When:")
    assert (found.line, found.column) == (5, 1)
    assert found.message.startswith("`When:` is empty")


def test_value_outside_the_grammar():
    [found] = lint("When:2017.06 —")
    assert (found.line, found.column) == (5, 6)
    assert found.message.startswith("`When:` value `2017.06 —` does not fit the When grammar")
    [found] = lint("When: breached contract")
    assert (found.line, found.column) == (5, 7)
    assert found.message.startswith("`When:` value `breached contract` ")


def test_page_variants_are_well_formed():
    for when in ("When:DSA runs 2019-06-08 — 2022-06-07 2018.06 — 2021.03.", "When:2018.06 — 2019.04.",
                 "When:DSA runs 2021-02-11 — 2022-02-10", "When: 2016/09 — 2020/02.",
                 "When: 2016/04 (or before) — 2016/11.", "When: unknown — 11/2016",
                 "When:DSA runs 2018-12 – 2021-11 2018.06 — 2021.05.",
                 "When:DSA runs 2023-11-27 — 2026-11-26 breached contract — audit report.",
                 "When:2017.06 — 2017.05."):
        assert lint(when) == [], when


def test_strict_option():
    assert lint("When:DSA runs 2019-06-08 — 2022-06-07 2018.06 — 2021.03.", strict=True) == []
    assert lint("When: 2016/09 — 2020/02", strict=True) == []
    for when in ("When:DSA runs 2023-11-27 — 2026-11-26 breached contract — audit report.",
                 "When: unknown — 11/2016", "When:DSA runs 2018-12 – 2021-11 2018.06 — 2021.05."):
        found = lint(when, strict=True)
        assert len(found) == 1, when
        assert "does not fit the strict When grammar" in found[0].message


def test_year_range_options():
    assert lint("When:1989.03 — 1990.01.", min_year=1980) == []
    assert positions(lint("When:2019.03 — 2020.01.", max_year=2019)) == ["5:16"]


def test_page_cut_off_inside_the_project():
    cut_in_when = HEAD + "When:DSA runs 2019-02-01 — "
    assert [d.code for d in lint_snippet(cut_in_when, ["DRL005", "DRL903"])] == ["DRL903"]
    cut_before_when = HEAD.rstrip("\n")
    assert [d.code for d in lint_snippet(cut_before_when, ["DRL005", "DRL903"])] == ["DRL903"]
    # a complete project without a When: line is still reported
    assert positions(lint_snippet(HEAD + TAIL, "DRL005")) == ["3:1"]
