"""DRL037 embedded-reference-in-text."""

import glob

import pytest

from dreg_lint.rules.drl037_embedded_reference_in_text import _EMBEDDED
from dreg_lint.testing import assert_examples, lint_snippet, positions

HEADER = "NHS Digital Data Release Register - reformatted\nNHS Example Ccg projects\n"


def page(objectives, reference="NIC-38002-S3K0V", purposes="()", datasets="- SUS Outpatient data"):
    return (HEADER + f"Project 1 — {reference}\nOpt outs honoured: Y\nPurposes: {purposes}\n"
            f"Datasets:\n{datasets}\nObjectives:\n{objectives}\n")


def test_examples():
    assert_examples("DRL037")


def test_other_agreement_reported_at_the_reference():
    found = lint_snippet(page("Renewal of existing agreement (NIC-322238-S0R5Fexpiry:31/03/2016) for the CCG."),
                         select="DRL037")
    assert [(d.code, d.line, d.column, d.end_column) for d in found] == [("DRL037", 9, 32, 48)]
    assert found[0].severity.value == "info"
    assert found[0].message == ("Objectives mentions another agreement `NIC-322238-S0R5F` (glued to the text after "
                                "it) (the project's own is `NIC-38002-S3K0V`)")


def test_prefixed_and_several_references():
    text = page("Replaces DARS-NIC-175120-W5G2X and DARS-NIC-400304-S1P1B.")
    found = lint_snippet(text, select="DRL037")
    assert positions(found) == ["9:10", "9:36"]
    assert found[0].message == ("Objectives mentions another agreement `DARS-NIC-175120-W5G2X` (the project's own "
                                "is `NIC-38002-S3K0V`)")


def test_own_reference_is_not_reported():
    text = page("This agreement (DARS-NIC-038002-S3K0V) and NIC-38002-S3K0V-v2 continue.")
    assert lint_snippet(text, select="DRL037") == []


def test_purposes_statement_searched_but_not_datasets():
    text = page("Nothing.", purposes="Yes, continues NIC-12345-ABCDE (CSU)", datasets="- Extract NIC-99999-ZZZZZ")
    found = lint_snippet(text, select="DRL037")
    assert positions(found) == ["5:26"]
    assert found[0].message.startswith("Purposes mentions another agreement `NIC-12345-ABCDE`")


def test_project_without_nic_reference():
    found = lint_snippet(page("See NIC-12345-ABCDE.", reference="PHECancerReg"), select="DRL037")
    assert positions(found) == ["9:5"]
    assert found[0].message.endswith("(the project's own is `PHECancerReg`)")


def test_look_alikes_are_not_references():
    text = page("NIC-12345-abcde, NIC-12345-ABCD, NIC--ABCDE, NIC-ABCDE-12345, nic-12345-ABCDE.")
    assert lint_snippet(text, select="DRL037") == []


def test_pattern_is_safe_on_hostile_input():
    # Must finish quickly: a catastrophic pattern would hang here.
    for text in ["NIC-" + "1" * 10_000_000, "NIC-1" * 1_000_000, "DARS-" * 1_000_000, "-" * 200_000,
                 ", " * 300_000, "DARS-NIC-" * 300_000]:
        assert _EMBEDDED.search(text) is None
    found = lint_snippet(page("NIC-" + "1" * 1_000_000 + "-ABCDE"), select="DRL037")
    assert positions(found) == ["9:1"]
    assert len(found[0].message) < 200


SEEDS = sorted(glob.glob("/work/shared/corpus/seeds/*.txt"))


@pytest.mark.skipif(len(SEEDS) != 4, reason="seed pages not available")
def test_seed_counts():
    # RULES.md section 3.2: distinct projects flagged per seed file 000, 001, 002, 003.
    counts = []
    for path in SEEDS:
        found = lint_snippet(open(path, encoding="utf-8").read(), select="DRL037")
        counts.append(len({d.project_line for d in found}))
    assert counts == [0, 0, 1, 0]
