"""DRL034 recipient-not-controller."""

import glob

import pytest

from dreg_lint.rules.drl034_recipient_not_controller import _LOCATION_CODE, is_listed
from dreg_lint.testing import assert_examples, lint_snippet, positions


def page(organisation, controllers):
    return ("NHS Digital Data Release Register - reformatted\n"
            f"{organisation} projects\n"
            "Commissioning analytics — DARS-NIC-20417-QW3RT\n"
            "Opt outs honoured: Y\n"
            f"Data-controller type: {controllers}\n")


def test_examples():
    assert_examples("DRL034")


def test_recipient_missing_from_controllers_reported_at_the_list():
    found = lint_snippet(page("NHS Warwickshire North Ccg",
                              "NHS COVENTRY AND WARWICKSHIRE CCG, NHS COVENTRY AND WARWICKSHIRE ICB - B2M3M"),
                         select="DRL034")
    assert [(d.code, d.line, d.column, d.end_line, d.end_column) for d in found] == [("DRL034", 5, 23, 5, 99)]
    assert found[0].severity.value == "info"
    assert found[0].message == ("page organisation `NHS Warwickshire North Ccg` is not among the data controllers "
                                "(`NHS COVENTRY AND WARWICKSHIRE CCG`, `NHS COVENTRY AND WARWICKSHIRE ICB - B2M3M`)")


def test_long_controller_lists_are_shortened():
    controllers = ", ".join(f"NHS TOWN{n} CCG" for n in range(12))
    found = lint_snippet(page("NHS Example Csu", controllers), select="DRL034")
    assert found[0].message.endswith("(`NHS TOWN0 CCG`, `NHS TOWN1 CCG`, `NHS TOWN2 CCG` and 9 more)")


def test_case_dash_and_comma_insensitive_match():
    assert lint_snippet(page("NHS Greater Manchester Icb - 01d",
                             "NHS HEYWOOD, MIDDLETON AND ROCHDALE CCG, NHS GREATER MANCHESTER ICB \u2013 01D"),
                        select="DRL034") == []
    # A controller name with commas in it is split by SPLIT; runs of items are joined back.
    assert lint_snippet(page("NHS Heywood, Middleton And Rochdale Ccg",
                             "NHS HEYWOOD, MIDDLETON AND ROCHDALE CCG, NHS GREATER MANCHESTER ICB - 01D"),
                        select="DRL034") == []
    # But not items out of order, nor a mere prefix.
    assert positions(lint_snippet(page("NHS Heywood, Middleton And Rochdale Ccg",
                                       "MIDDLETON AND ROCHDALE CCG, NHS HEYWOOD"), select="DRL034")) == ["5:23"]
    assert positions(lint_snippet(page("NHS Heywood", "NHS HEYWOOD MIDDLETON CCG"), select="DRL034")) == ["5:23"]


def test_empty_or_absent_controllers_are_left_to_drl009():
    assert lint_snippet(page("NHS Example Ccg", ""), select="DRL034") == []
    text = page("NHS Example Ccg", "x").replace("Data-controller type: x\n", "")
    assert lint_snippet(text, select="DRL034") == []
    assert lint_snippet(page("NHS Example Ccg", " , "), select="DRL034") == []


def test_page_without_organisation_line():
    text = "Commissioning analytics — DARS-NIC-20417-QW3RT\nData-controller type: NHS OTHER CCG\n"
    assert lint_snippet(text, select="DRL034") == []


def test_ignore_location_codes_option():
    text = page("NHS Greater Manchester Icb - 02a", "NHS GREATER MANCHESTER ICB - 01D")
    assert positions(lint_snippet(text, select="DRL034")) == ["5:23"]
    options = {"DRL034": {"ignore_location_codes": True}}
    assert lint_snippet(text, select="DRL034", options=options) == []
    other = page("NHS South Yorkshire Icb - 02p", "NHS GREATER MANCHESTER ICB - 01D")
    assert positions(lint_snippet(other, select="DRL034", options=options)) == ["5:23"]


def test_is_listed():
    assert is_listed("A, B", ["A", "B", "C"])
    assert is_listed("B C", ["A", "B", "C"])
    assert not is_listed("A C", ["A", "B", "C"])
    assert is_listed("", ["A"])


def test_hostile_inputs_finish():
    # Must finish quickly: a quadratic search or a catastrophic pattern would hang here.
    assert not is_listed("a" * 300_001, ["aa"] * 300_000)
    assert not is_listed("a" * 299_999 + "b", ["a"] * 300_000)
    assert is_listed("a" * 4, ["a"] * 300_000)
    assert not is_listed("a " * 300_000, [", "] * 300_000)
    for text in ["a -" * 300_000, " - " * 300_000, "-" * 200_000, " -" + "a" * 1_000_000]:
        _LOCATION_CODE.search(text)
    found = lint_snippet(page("NHS Example Ccg", ", ".join(["NHS A"] * 30_000)), select="DRL034")
    assert positions(found) == ["5:23"]


SEEDS = sorted(glob.glob("/work/shared/corpus/seeds/*.txt"))


@pytest.mark.skipif(len(SEEDS) != 4, reason="seed pages not available")
def test_seed_counts():
    # RULES.md section 3.2: distinct projects flagged per seed file 000, 001, 002, 003.
    counts = []
    for path in SEEDS:
        found = lint_snippet(open(path, encoding="utf-8").read(), select="DRL034")
        counts.append(len({d.project_line for d in found}))
    assert counts == [1, 3, 0, 0]
