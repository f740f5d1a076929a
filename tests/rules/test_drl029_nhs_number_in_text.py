"""DRL029 nhs-number-in-text."""

import glob

import pytest

from dreg_lint.rules.drl029_nhs_number_in_text import _NHS_NUMBER, modulus11_valid
from dreg_lint.testing import assert_examples, lint_snippet, positions

HEADER = "NHS Digital Data Release Register - reformatted\nNHS Example Trust projects\n"


def page(objectives, purposes="No (NHS Trust)", datasets="- Outpatients"):
    return (HEADER + "Clinic audit — DARS-NIC-20417-QW3RT\n"
            f"Opt outs honoured: Y\nPurposes: {purposes}\nDatasets:\n{datasets}\nObjectives:\n{objectives}\n")


def test_examples():
    assert_examples("DRL029")


def test_modulus_11():
    assert modulus11_valid("9434765919")
    assert modulus11_valid("4010232137")
    assert not modulus11_valid("4010232138")
    assert modulus11_valid("1000000060")  # remainder 0: check digit 11 becomes 0
    assert not modulus11_valid("1000000061")
    for last in "0123456789":  # check digit 10: no valid number
        assert not modulus11_valid("123456789" + last)
    assert not modulus11_valid("943476591")
    assert not modulus11_valid("\u0669434765919")


def test_valid_number_reported_at_the_number():
    found = lint_snippet(page("The letter for patient 943 476 5919 was found."), select="DRL029")
    assert [(d.code, d.line, d.column, d.end_column) for d in found] == [("DRL029", 9, 24, 36)]
    assert found[0].severity.value == "error"
    assert found[0].message == "valid NHS number `943 476 5919` in Objectives"


def test_formats_and_purposes_statement():
    text = page("Numbers 9434765919 and 401-023-2137 and 1000000060.", purposes="No, see 4010232137 (NHS Trust)")
    found = lint_snippet(text, select="DRL029")
    assert positions(found) == ["5:19", "9:9", "9:24", "9:41"]
    assert found[0].message == "valid NHS number `4010232137` in Purposes"


def test_false_positive_traps():
    text = page("Invalid 943 476 5918; eleven digits 09434765919 and 94347659190; phone 0121 496 0000; "
                "reference 123 456 7890; mixed 94 3476 5919.")
    assert lint_snippet(text, select="DRL029") == []


def test_datasets_are_not_free_text():
    assert lint_snippet(page("Nothing here.", datasets="- Extract 943 476 5919"), select="DRL029") == []


def test_test_range_downgraded_to_info_by_default():
    found = lint_snippet(page("Test patient 999 999 9999 only."), select="DRL029")
    assert positions(found) == ["9:14"]
    assert found[0].severity.value == "info"
    assert found[0].message == "valid NHS number `999 999 9999` in Objectives (in the 999 test range, never issued)"


def test_test_range_option():
    text = page("Test patient 999 999 9999 and real 943 476 5919.")
    found = lint_snippet(text, select="DRL029", options={"DRL029": {"test_range": "error"}})
    assert [(d.column, d.severity.value) for d in found] == [(14, "error"), (36, "error")]
    found = lint_snippet(text, select="DRL029", options={"DRL029": {"test_range": "ignore"}})
    assert [(d.column, d.severity.value) for d in found] == [(36, "error")]
    with pytest.raises(AssertionError, match="test_range"):
        lint_snippet(text, select="DRL029", options={"DRL029": {"test_range": "loud"}})


def test_pattern_is_safe_on_hostile_input():
    # Must finish quickly: a catastrophic pattern would hang here.
    for text in ["1" * 10_000_000, "123 " * 300_000, "123-" * 300_000, "-" * 200_000, ", " * 300_000]:
        assert _NHS_NUMBER.search(text) is None
    found = lint_snippet(page("1" * 1_000_000 + " " + "12 " * 300_000), select="DRL029")
    assert found == []


SEEDS = sorted(glob.glob("/work/shared/corpus/seeds/*.txt"))


@pytest.mark.skipif(len(SEEDS) != 4, reason="seed pages not available")
def test_seed_counts():
    # RULES.md section 3.2: distinct projects flagged per seed file 000, 001, 002, 003.
    counts = []
    for path in SEEDS:
        found = lint_snippet(open(path, encoding="utf-8").read(), select="DRL029")
        counts.append(len({d.project_line for d in found}))
    assert counts == [0, 0, 0, 0]
