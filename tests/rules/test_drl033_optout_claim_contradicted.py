"""DRL033 optout-claim-contradicted."""

import glob

import pytest

from dreg_lint.rules.drl033_optout_claim_contradicted import _PROMISE
from dreg_lint.testing import assert_examples, lint_snippet, positions

HEADER = "NHS Digital Data Release Register - reformatted\nNHS Example Ccg projects\n"


def page(optouts, processing="The DSCRO will apply Type 2 objections before any identifiable data leaves it."):
    return (HEADER + "Project 4 — NIC-20417-QW3RT\n"
            f"Opt outs honoured: {optouts}\nLegal basis: Health and Social Care Act 2012\n"
            f"Processing:\n{processing}\n")


def test_examples():
    assert_examples("DRL033")


def test_promise_with_a_no_token_reported_at_the_promise():
    found = lint_snippet(page("N, Y"), select="DRL033")
    assert [(d.code, d.line, d.column, d.end_column) for d in found] == [("DRL033", 7, 16, 39)]
    assert found[0].severity.value == "info"
    assert found[0].message == ("Processing says `apply Type 2 objections` but opt-outs were not applied to some "
                                "files (`N` at line 4)")


def test_each_wording():
    text = page("N", processing="Type 2 objections will be applied. Patient OBJECTIONS UPHELD. We apply type 2 "
                                "objections.")
    found = lint_snippet(text, select="DRL033")
    assert positions(found) == ["7:1", "7:44", "7:66"]


def test_no_promise_or_no_no_token_is_clean():
    assert lint_snippet(page("Y"), select="DRL033") == []
    assert lint_snippet(page("Yes - patient objections upheld, Identifiable (Section 251)"), select="DRL033") == []
    assert lint_snippet(page("N", processing="Objections are discussed elsewhere."), select="DRL033") == []


def test_the_opt_out_field_itself_is_not_free_text():
    # "objections upheld" in the opt-out tokens is not a promise in the text.
    text = page("No - x, Yes - patient objections upheld", processing="Nothing about it.")
    assert lint_snippet(text, select="DRL033") == []


def test_reasoned_no_and_glued_tokens_count_by_default():
    found = lint_snippet(page("No - data flow is not identifiable, Anonymised - ICO Code Compliant"),
                         select="DRL033")
    assert found[0].message.endswith("(`No - data flow is not identifiable` at line 4)")
    glued = "Y, No - consent provided by participants of research studYes - patient objections upheld"
    found = lint_snippet(page(glued), select="DRL033")
    assert positions(found) == ["7:16"]
    assert "`No - consent provided by participants of research stud` at line 4" in found[0].message


def test_bare_no_only_option():
    options = {"DRL033": {"bare_no_only": True}}
    reasoned = page("Y, No - data flow is not identifiable")
    assert positions(lint_snippet(reasoned, select="DRL033")) == ["7:16"]
    assert lint_snippet(reasoned, select="DRL033", options=options) == []
    found = lint_snippet(page("No - data flow is not identifiable, N"), select="DRL033", options=options)
    assert positions(found) == ["7:16"]
    assert found[0].message.endswith("(`N` at line 4)")


def test_pattern_is_safe_on_hostile_input():
    # Must finish quickly: a catastrophic pattern would hang here.
    for text in ["type 2 " * 1_000_000, "objections " * 500_000, "apply type 2 " * 300_000, "-" * 200_000,
                 ", " * 300_000]:
        assert _PROMISE.search(text) is None


SEEDS = sorted(glob.glob("/work/shared/corpus/seeds/*.txt"))


@pytest.mark.skipif(len(SEEDS) != 4, reason="seed pages not available")
def test_seed_counts():
    # RULES.md section 3.2: distinct projects flagged per seed file 000, 001, 002, 003.
    counts = []
    for path in SEEDS:
        found = lint_snippet(open(path, encoding="utf-8").read(), select="DRL033")
        counts.append(len({d.project_line for d in found}))
    assert counts == [2, 0, 1, 1]
