"""DRL025 non-canonical-reference."""

import glob

import pytest

from dreg_lint.primitives import CANONICAL_REFERENCE
from dreg_lint.rules.drl025_non_canonical_reference import _PREFIXLESS, is_canonical, suggestion
from dreg_lint.testing import assert_examples, lint_snippet, positions

HEADER = "NHS Digital Data Release Register - reformatted\nNHS Example Ccg projects\n"


def page(*references):
    return HEADER + "".join(f"Project {n} — {ref}\nOpt outs honoured: Y\n" for n, ref in enumerate(references, 1))


def test_examples():
    assert_examples("DRL025")


def test_prefixless_reference_reported_with_canonical_suggestion():
    found = lint_snippet(page("DARS-NIC-120064-Z5S8S", "NIC-120064-Z5S8S"), select="DRL025")
    assert [(d.code, d.line, d.column, d.end_column) for d in found] == [("DRL025", 5, 13, 29)]
    assert found[0].severity.value == "warning"
    assert found[0].project == "NIC-120064-Z5S8S"
    assert found[0].message == ("reference `NIC-120064-Z5S8S` is not in the canonical `DARS-NIC-<digits>-<suffix>` "
                                "form; canonical form would be `DARS-NIC-120064-Z5S8S`")


def test_canonical_forms_are_clean():
    text = page("DARS-NIC-82396-W4F5T", "DARS-NIC-120064-Z5S8S", "DARS-NIC-06605-X1L9Z-v4.6",
                "DARS-NIC-147797-45YHZ-v0.0", "DARS-NIC-1234-3SSRF")
    assert lint_snippet(text, select="DRL025") == []


def test_bare_codes_and_odd_numbers_reported_without_suggestion():
    found = lint_snippet(page("PHECancerReg", "CSU RS Ps/sens", "DARS-NIC-1234567-ABCDE", "DARS-NIC-123-ABCDE"),
                         select="DRL025")
    assert positions(found) == ["3:13", "5:13", "7:13", "9:13"]
    assert all("canonical form would be" not in d.message for d in found)
    assert found[0].message == ("reference `PHECancerReg` is not in the canonical "
                                "`DARS-NIC-<digits>-<suffix>` form")


def test_lower_case_suffix_gets_upper_case_suggestion():
    found = lint_snippet(page("DARS-NIC-12345-abcde"), select="DRL025")
    assert positions(found) == ["3:13"]
    assert found[0].message.endswith("canonical form would be `DARS-NIC-12345-ABCDE`")


def test_non_ascii_digits_are_not_canonical():
    assert not is_canonical("DARS-NIC-\u0661\u0662\u0663\u0664\u0665-ABCDE")
    assert positions(lint_snippet(page("DARS-NIC-\u0661\u0662\u0663\u0664\u0665-ABCDE"), select="DRL025")) == ["3:13"]


def test_headingless_project_reads_hscic_id():
    text = HEADER + "Opt outs honoured: N\nHSCIC Id: NIC-147797-45YHZ-v0.0\nData: MRIS - Cause of Death Report\n"
    found = lint_snippet(text, select="DRL025")
    assert positions(found) == ["4:11"]
    text = text.replace("HSCIC Id: NIC", "HSCIC Id: DARS-NIC")
    assert lint_snippet(text, select="DRL025") == []


def test_allow_prefixless_option():
    text = page("NIC-791919-T4Y0Y", "NIC-791919-T4Y0Y-v2.1", "PHECancerReg")
    assert positions(lint_snippet(text, select="DRL025")) == ["3:13", "5:13", "7:13"]
    found = lint_snippet(text, select="DRL025", options={"DRL025": {"allow_prefixless": True}})
    assert positions(found) == ["7:13"]


def test_suggestion():
    assert suggestion("NIC-05206-L1V6D") == "DARS-NIC-05206-L1V6D"
    assert suggestion("PHECancerReg") is None


def test_patterns_are_safe_on_hostile_input():
    # Must finish quickly: a catastrophic pattern would hang here.
    hostile = ["DARS-NIC-1234-ABCDE-v1" + ".1" * 300_000 + "x", "DARS-NIC-1234-ABCDE-v" + "1" * 1_000_000 + ".",
               "-" * 200_000, ", " * 300_000, "NIC-" + "1" * 1_000_000]
    for text in hostile:
        assert CANONICAL_REFERENCE.fullmatch(text) is None
        assert _PREFIXLESS.fullmatch(text) is None
        assert not is_canonical(text)


def test_hostile_reference_in_heading():
    found = lint_snippet(page("NIC-1-" + "-" * 200_000), select="DRL025")
    assert positions(found) == ["3:13"]
    assert len(found[0].message) < 200


SEEDS = sorted(glob.glob("/work/shared/corpus/seeds/*.txt"))


@pytest.mark.skipif(len(SEEDS) != 4, reason="seed pages not available")
def test_seed_counts():
    # RULES.md section 3.2: distinct projects flagged per seed file 000, 001, 002, 003.
    counts = []
    for path in SEEDS:
        found = lint_snippet(open(path, encoding="utf-8").read(), select="DRL025")
        counts.append(len({d.project_line for d in found}))
    assert counts == [3, 0, 1, 0]


def test_a_heading_with_nothing_after_its_dash_has_no_reference():
    found = lint_snippet(HEADER + "Project 1 — \nOpt outs honoured: Y\n", select="DRL025")
    assert [(d.line, d.column, d.end_column) for d in found] == [(3, 12, 12)]
    assert found[0].message == "the heading has no reference after its dash: the agreement cannot be identified"
