"""DRL026 duplicate-reference-on-page."""

import glob

import pytest

from dreg_lint.rules.drl026_duplicate_reference_on_page import _NIC_TEXT, _VERSION
from dreg_lint.testing import assert_examples, lint_snippet, positions

HEADER = "NHS Digital Data Release Register - reformatted\nNHS Example Ccg projects\n"


def page(*references):
    return HEADER + "".join(f"Project {n} — {ref}\nOpt outs honoured: Y\n" for n, ref in enumerate(references, 1))


def test_examples():
    assert_examples("DRL026")


def test_later_occurrences_reported_citing_the_first():
    text = page("DARS-NIC-82396-W4F5T", "DARS-NIC-120064-Z5S8S", "NIC-120064-Z5S8S", "NIC-82396-W4F5T",
                "NIC-47164-S6N7Z")
    found = lint_snippet(text, select="DRL026")
    assert [(d.code, d.line, d.column, d.end_column) for d in found] == [("DRL026", 7, 13, 29), ("DRL026", 9, 13, 28)]
    assert found[0].severity.value == "warning"
    assert found[0].project == "NIC-120064-Z5S8S" and found[0].project_line == 7
    assert found[0].message == ("reference `NIC-120064-Z5S8S` repeats agreement NIC-120064-Z5S8S first listed at "
                                "line 5 (`DARS-NIC-120064-Z5S8S`)")
    assert found[1].message == ("reference `NIC-82396-W4F5T` repeats agreement NIC-82396-W4F5T first listed at "
                                "line 3 (`DARS-NIC-82396-W4F5T`)")


def test_leading_zeros_and_versions_are_one_agreement():
    found = lint_snippet(page("DARS-NIC-05206-L1V6D", "DARS-NIC-5206-L1V6D-v2.0"), select="DRL026")
    assert positions(found) == ["5:13"]


def test_unique_references_and_bare_codes_are_clean():
    assert lint_snippet(page("DARS-NIC-82396-W4F5T", "DARS-NIC-82396-W4F5U", "DARS-NIC-82397-W4F5T"),
                        select="DRL026") == []
    # References without a NIC number have no NIC key: not compared.
    assert lint_snippet(page("PHECancerReg", "PHECancerReg"), select="DRL026") == []


def test_three_occurrences_report_two():
    found = lint_snippet(page("DARS-NIC-10001-AAAA1", "NIC-10001-AAAA1", "DARS-NIC-10001-AAAA1"), select="DRL026")
    assert positions(found) == ["5:13", "7:13"]
    assert all("first listed at line 3" in d.message for d in found)


def test_report_all_option():
    text = page("DARS-NIC-82396-W4F5T", "DARS-NIC-120064-Z5S8S", "NIC-120064-Z5S8S", "NIC-82396-W4F5T")
    found = lint_snippet(text, select="DRL026", options={"DRL026": {"report_all": True}})
    assert positions(found) == ["3:13", "5:13", "7:13", "9:13"]
    assert found[0].message == ("reference `DARS-NIC-82396-W4F5T`: agreement NIC-82396-W4F5T is listed again on "
                                "this page at line 9")


def test_versions_distinct_option():
    text = page("DARS-NIC-06605-X1L9Z-v4.6", "DARS-NIC-06605-X1L9Z-v5.5")
    assert positions(lint_snippet(text, select="DRL026")) == ["5:13"]
    options = {"DRL026": {"versions_distinct": True}}
    assert lint_snippet(text, select="DRL026", options=options) == []
    same_version = page("DARS-NIC-06605-X1L9Z-v4.6", "NIC-06605-X1L9Z-v4.6")
    assert positions(lint_snippet(same_version, select="DRL026", options=options)) == ["5:13"]
    # An unversioned reference matches every version.
    text = page("DARS-NIC-06605-X1L9Z-v4.6", "DARS-NIC-06605-X1L9Z-v5.5", "NIC-06605-X1L9Z")
    assert positions(lint_snippet(text, select="DRL026", options=options)) == ["7:13"]


def test_patterns_are_safe_on_hostile_input():
    # Must finish quickly: a catastrophic pattern would hang here.
    for text in ["-v" + "1." * 300_000 + "x", "-v-v" * 200_000, "-" * 200_000, ", " * 300_000,
                 "NIC-" + "1" * 1_000_000, "NIC-1" * 300_000]:
        assert _VERSION.search(text) is None
        assert _NIC_TEXT.search(text) is None


SEEDS = sorted(glob.glob("/work/shared/corpus/seeds/*.txt"))


@pytest.mark.skipif(len(SEEDS) != 4, reason="seed pages not available")
def test_seed_counts():
    # RULES.md section 3.2: findings (occurrences after the first) per seed file 000, 001, 002, 003.
    counts = []
    for path in SEEDS:
        found = lint_snippet(open(path, encoding="utf-8").read(), select="DRL026")
        counts.append(len(found))
    assert counts == [2, 0, 0, 0]
