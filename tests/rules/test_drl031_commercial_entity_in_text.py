"""DRL031 commercial-entity-in-text."""

import glob

import pytest

from dreg_lint.rules.drl031_commercial_entity_in_text import DEFAULT_SUFFIXES, _patterns
from dreg_lint.testing import assert_examples, lint_snippet, positions

HEADER = "NHS Digital Data Release Register - reformatted\nNHS Example Csu projects\n"


def page(processing, controllers="NHS EXAMPLE CSU", purposes="No (CSU)"):
    return (HEADER + "Commissioning analytics — DARS-NIC-20417-QW3RT\n"
            f"Opt outs honoured: Y\nPurposes: {purposes}\nData-controller type: {controllers}\n"
            f"Processing:\n{processing}\n")


def test_examples():
    assert_examples("DRL031")


def test_suffix_in_free_text_reported_with_the_company_name():
    text = page("The data. LIMA Networks Ltd supply IT infrastructure; hosting by Microsoft Limited.")
    found = lint_snippet(text, select="DRL031")
    assert [(d.code, d.line, d.column, d.end_column) for d in found] == [("DRL031", 8, 25, 28),
                                                                        ("DRL031", 8, 76, 83)]
    assert found[0].severity.value == "info"
    assert found[0].message == "company `LIMA Networks Ltd` named in Processing"
    assert found[1].message == "company `Microsoft Limited` named in Processing"


def test_purposes_statement_is_free_text():
    found = lint_snippet(page("Nothing.", purposes="Yes, supported by Acme Analytics PLC (CSU)"), select="DRL031")
    assert positions(found) == ["5:44"]
    assert found[0].message == "company `Acme Analytics PLC` named in Purposes"


def test_free_text_is_case_sensitive():
    text = page("Access is limited to analysts; LIMITED use; the ltd budget; Incorporated; Limitedness.")
    found = lint_snippet(text, select="DRL031")
    assert [d.message for d in found] == ["company `LIMITED` named in Processing"]


def test_controllers_are_case_insensitive():
    text = page("Nothing.", controllers="NHS EXAMPLE CSU, Acme Data limited, IQVIA LTD., ACME GMBH")
    found = lint_snippet(text, select="DRL031")
    assert positions(found) == ["6:50", "6:65", "6:76"]
    assert found[0].message == "company `Acme Data limited` among the data controllers"
    assert found[1].message == "company `IQVIA LTD.` among the data controllers"


def test_suffixes_option():
    text = page("Run by Acme GmbH and Beta Ltd and Gamma Co.")
    assert positions(lint_snippet(text, select="DRL031")) == ["8:13", "8:27"]
    options = {"DRL031": {"suffixes": ["Co"]}}
    found = lint_snippet(text, select="DRL031", options=options)
    assert [d.message for d in found] == ["company `Gamma Co` named in Processing"]
    assert lint_snippet(text, select="DRL031", options={"DRL031": {"suffixes": []}}) == []


def test_patterns_are_safe_on_hostile_input():
    # Must finish quickly: a catastrophic pattern would hang here.
    in_text, in_controllers = _patterns(tuple(DEFAULT_SUFFIXES))
    for text in ["L" * 10_000_000, "Lt" * 1_000_000, "Limite" * 300_000, "-" * 200_000, ", " * 300_000]:
        assert all(pattern.search(text) is None for pattern in in_text)
        assert in_controllers.search(text) is None
    found = lint_snippet(page("Ltd " * 5_000, controllers=", " * 30_000), select="DRL031")
    assert len(found) == 5_000


SEEDS = sorted(glob.glob("/work/shared/corpus/seeds/*.txt"))


@pytest.mark.skipif(len(SEEDS) != 4, reason="seed pages not available")
def test_seed_counts():
    # RULES.md section 3.2: distinct projects flagged per seed file 000, 001, 002, 003.
    counts = []
    for path in SEEDS:
        found = lint_snippet(open(path, encoding="utf-8").read(), select="DRL031")
        counts.append(len({d.project_line for d in found}))
    assert counts == [0, 3, 0, 0]
