"""DRL032 identifying-dataset-in-deidentified-project."""

import glob

import pytest

from dreg_lint.rules.drl032_identifying_dataset_in_deidentified_project import _IDENTIFYING
from dreg_lint.testing import assert_examples, lint_snippet, positions

HEADER = "NHS Digital Data Release Register - reformatted\nNHS Example Csu projects\n"


def page(datasets, type_of_data="Pseudonymised", optouts="No - data flow is not identifiable"):
    return (HEADER + "Commissioning analytics — DARS-NIC-20417-QW3RT\n"
            f"Type of data: {type_of_data}\nOpt outs honoured: {optouts}\nDatasets:\n{datasets}\n"
            "Objectives:\nTo plan services.\n")


def test_examples():
    assert_examples("DRL032")


def test_each_pattern_reported_at_the_matched_words():
    datasets = ("- Personal Demographic Service\n"
                "- Bridge file: Hospital Episode Statistics to Mortality Data\n"
                "- HES:Civil Registration (Deaths) bridge\n"
                "- HES-ID to MPS-ID HES Outpatients\n"
                "- Hospital Episode Statistics Outpatients")
    found = lint_snippet(page(datasets), select="DRL032")
    assert [(d.code, d.line, d.column, d.end_column) for d in found] == [
        ("DRL032", 7, 3, 23), ("DRL032", 8, 3, 9), ("DRL032", 9, 35, 41), ("DRL032", 10, 3, 19)]
    assert found[0].severity.value == "info"
    assert found[0].message == ("identifying dataset `Personal Demographic Service` (`Personal Demographic`) in a "
                                "project not declared Identifiable")


def test_numbered_list_items():
    found = lint_snippet(page("  1. SUS for Commissioners\n  2. Personal Demographics Service"), select="DRL032")
    assert positions(found) == ["8:6"]


def test_two_dataset_lists_and_2016_data_lines():
    two_lists = page("- Outpatients").replace("To plan services.\n", "To plan services.\nDatasets:\n- Bridge file\n")
    assert [(d.line, d.column, d.end_column) for d in lint_snippet(two_lists, select="DRL032")] == [(11, 3, 9)]
    old = ("NHS Digital Data Release Register - reformatted\nAcme\n\nHSCIC Id: NIC-1-A1\nCategories: Pseudonymised\n"
           "Data: HES Outpatients\nData: Personal Demographics Service\nProject info\nSome text.\n")
    found = lint_snippet(old, select="DRL032")
    assert [(d.line, d.column, d.end_column) for d in found] == [(7, 7, 27)]
    assert "`Personal Demographics Service` (`Personal Demographic`)" in found[0].message


def test_items_made_by_hand_are_searched_by_their_text():
    # A model made without the builder (a plugin's test, say): plain DatasetItem tuples, no page.
    import attrs

    from dreg_lint import parse
    from dreg_lint.model import DatasetItem, SectionKey
    from dreg_lint.rule import Context
    from dreg_lint.rules.drl032_identifying_dataset_in_deidentified_project import RULE

    project = parse(page("- Outpatients")).projects[0]
    (datasets,) = [s for s in project.sections if s.key is SectionKey.DATASETS]
    span = datasets.items[0].span
    made = attrs.evolve(datasets, items=(DatasetItem("HES bridge", "-", span),))
    project = attrs.evolve(project, sections=tuple(made if s is datasets else s for s in project.sections))
    (finding,) = RULE.check(project, Context("page.txt", {}, None))
    assert finding.span == span and "`HES bridge` (`bridge`)" in finding.message


def test_identifiable_projects_are_not_reported():
    datasets = "- Personal Demographic Service"
    assert lint_snippet(page(datasets, type_of_data="Identifiable"), select="DRL032") == []
    identifiable_token = "N, Y, Identifiable (Section 251)"
    assert lint_snippet(page(datasets, type_of_data="information not disclosed for TRE projects",
                             optouts=identifiable_token), select="DRL032") == []
    # "Identifiable" only in the basis list is not explicit.
    basis_only = "No - data flow is not identifiable (Flow of Identifiable data)"
    assert positions(lint_snippet(page(datasets, optouts=basis_only), select="DRL032")) == ["7:3"]


def test_word_boundaries_and_free_text():
    datasets = "- Bridgend Community Data\n- Footbridges survey\n- Demographics (personal)"
    assert lint_snippet(page(datasets), select="DRL032") == []
    # Only Datasets lines count, not the free text.
    text = page("- Outpatients").replace("To plan services.", "We use the Personal Demographic Service bridge.")
    assert lint_snippet(text, select="DRL032") == []


def test_pattern_is_safe_on_hostile_input():
    # Must finish quickly: a catastrophic pattern would hang here.
    for text in ["bridg" * 2_000_000, "personal " * 1_000_000, "HES-ID to " * 500_000, "-" * 200_000,
                 ", " * 300_000]:
        assert _IDENTIFYING.search(text) is None
    assert lint_snippet(page("- " + "-" * 200_000), select="DRL032") == []


SEEDS = sorted(glob.glob("/work/shared/corpus/seeds/*.txt"))


@pytest.mark.skipif(len(SEEDS) != 4, reason="seed pages not available")
def test_seed_counts():
    # RULES.md section 3.2: distinct projects flagged per seed file 000, 001, 002, 003.
    counts = []
    for path in SEEDS:
        found = lint_snippet(open(path, encoding="utf-8").read(), select="DRL032")
        counts.append(len({d.project_line for d in found}))
    assert counts == [0, 3, 0, 0]
