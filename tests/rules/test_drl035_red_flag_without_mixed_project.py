"""DRL035 red-flag-without-mixed-project."""

import glob

import pytest

import dreg_lint
from dreg_lint.primitives import has_mixed_optouts
from dreg_lint.testing import assert_examples, lint_snippet, positions

FLAG = ("\U0001F6A9 NHS Example Ccg was sent multiple files from the same dataset, in the same month, both with "
        "optouts respected and with optouts ignored.")


def page(*optouts, flag=FLAG, tail="Objectives:\nTo count clinic visits.\n"):
    text = ("NHS Digital Data Release Register - reformatted\nNHS Example Ccg projects\n"
            "12 data files in total were disseminated unsafely (information about files used safely is missing for "
            "TRE/\"system access\" projects).\n")
    if flag:
        text += flag + "\n"
    for n, value in enumerate(optouts, 1):
        text += f"Project {n} — DARS-NIC-2041{n}-QW3R{n}\nOpt outs honoured: {value}\n"
    return text + tail


def test_examples():
    assert_examples("DRL035")


def test_flag_without_mixed_project_reported_at_the_flag():
    found = lint_snippet(page("N", "Y", "No - data flow is not identifiable"), select="DRL035")
    assert [(d.code, d.line, d.column, d.end_column) for d in found] == [("DRL035", 4, 1, len(FLAG) + 1)]
    assert found[0].severity.value == "warning"
    assert found[0].project is None
    assert found[0].message == ("the page's red flag says files went both with and without opt-outs, but none of "
                                "its 3 project(s) shows both a YES and a NO opt-out value")


def test_mixed_project_or_no_flag_is_clean():
    assert lint_snippet(page("N", "Y, N"), select="DRL035") == []
    assert lint_snippet(page("Yes - patient objections upheld, No - DSfC for Invoice Validation Purposes"),
                        select="DRL035") == []
    # Mixed only after glue splitting.
    glued = "No - consent provided by participants of research studYes - patient objections upheld"
    assert lint_snippet(page(glued), select="DRL035") == []
    assert lint_snippet(page("N", "Y", flag=None), select="DRL035") == []


def test_old_flag_wording_matches_on_the_emoji():
    old = "\U0001F6A9 NHS Example Ccg received multiple copies of from the same dataset."
    assert positions(lint_snippet(page("N", flag=old), select="DRL035")) == ["4:1"]


def test_merge_same_nic_option():
    text = page("Y", "N").replace("DARS-NIC-20412-QW3R2", "NIC-20411-QW3R1")
    assert positions(lint_snippet(text, select="DRL035")) == ["4:1"]
    options = {"DRL035": {"merge_same_nic": True}}
    assert lint_snippet(text, select="DRL035", options=options) == []
    # Different agreements are not merged.
    assert positions(lint_snippet(page("Y", "N"), select="DRL035", options=options)) == ["4:1"]


def test_report_truncated_option():
    truncated = page("N", tail="Objectives:\nTo count clinic vis")
    assert dreg_lint.parse(truncated).truncated
    found = lint_snippet(truncated, select="DRL035")
    assert positions(found) == ["4:1"]
    assert found[0].message.endswith("(the page is truncated)")
    assert lint_snippet(truncated, select="DRL035", options={"DRL035": {"report_truncated": False}}) == []
    # The option does not silence complete pages.
    assert positions(lint_snippet(page("N"), select="DRL035", options={"DRL035": {"report_truncated": False}})) \
        == ["4:1"]


def test_has_mixed_optouts_helper():
    document = dreg_lint.parse(page("Y, N", "N", "Y, Identifiable", "No - x, Yes - y"))
    assert [has_mixed_optouts(p) for p in document.projects] == [True, False, False, True]


SEEDS = sorted(glob.glob("/work/shared/corpus/seeds/*.txt"))


@pytest.mark.skipif(len(SEEDS) != 4, reason="seed pages not available")
def test_seed_counts():
    # RULES.md section 3.2: pages flagged per seed file 000, 001, 002, 003.
    counts = []
    for path in SEEDS:
        found = lint_snippet(open(path, encoding="utf-8").read(), select="DRL035")
        counts.append(len(found))
    assert counts == [0, 0, 0, 0]
