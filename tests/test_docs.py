"""Documentation is generated from the rules, never written twice: the README's rule table is current
and every rule's --explain text carries its documented sections and examples."""

from __future__ import annotations

import pytest

from dreg_lint.docs import main as docs_main
from dreg_lint.engine import Linter
from dreg_lint.explain import explain
from dreg_lint.settings import Settings

from corpus import REPOSITORY

RULES = Linter(Settings(plugin_autoload=False)).registry.rules


def test_the_readme_rule_table_is_generated_from_the_rules():
    assert docs_main(["--check", str(REPOSITORY / "README.md")]) == 0, (
        "README.md's rule table is out of date: run python -m dreg_lint.docs README.md")


@pytest.mark.parametrize("code", sorted(RULES))
def test_every_rule_documents_what_why_and_false_positives(code):
    rule = RULES[code]
    for heading in ("What it checks", "Why", "Known false positives"):
        assert rule.doc_section(heading), f"{code} has no '{heading}' section in its module docstring"
    assert rule.summary and len(rule.summary) < 200
    text = explain(rule)
    assert text.startswith(f"{code} ({rule.name})")
    assert "## What it checks" in text and "## Why" in text and "## Options" in text
    if rule.bad is not None and rule.bad.text:
        assert "## Bad example" in text
    for option in rule.options:
        assert f"`{option.name}`" in text


@pytest.mark.parametrize("code", sorted(c for c in RULES if c < "DRL900"))
def test_catalogue_rules_have_a_bad_and_a_good_example(code):
    rule = RULES[code]
    assert rule.bad is not None and rule.good is not None
    assert rule.good.text.strip()
