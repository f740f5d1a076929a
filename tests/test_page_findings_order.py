"""A page's findings come out sorted as the report lists them (``Diagnostic.sort_key``)."""

from __future__ import annotations

from dreg_lint.diagnostics import Diagnostic
from dreg_lint.engine import Linter
from dreg_lint.rule import Finding, Rule
from dreg_lint.settings import Settings
from dreg_lint.span import Span


def test_a_page_s_findings_come_sorted_even_where_a_rule_gives_some_another_path():
    rule = Rule(code="XYZ003", name="rule-xyz003", severity="info", groups=("references",), scope="page",
                doc="A test rule.")

    @rule.checker
    def check(document, context):
        yield Finding(Span(3, 1, 3, 2, 0, 0), "late")
        yield Finding(Span(9, 1, 9, 2, 0, 0), "elsewhere", path="a-other.txt")  # sorts first by its path
        yield Finding(Span(2, 5, 2, 6, 0, 0), "b")
        yield Finding(Span(2, 5, 2, 6, 0, 0), "a")

    linter = Linter(Settings(select=("DRL027",), plugin_autoload=False))
    linter.rules, linter.options = [rule], {"XYZ003": {}}
    found = linter.lint_bytes(b"", "page.txt").diagnostics
    assert [(d.path, d.line, d.message) for d in found] == [
        ("a-other.txt", 9, "elsewhere"), ("page.txt", 2, "a"), ("page.txt", 2, "b"), ("page.txt", 3, "late")]
    assert found == sorted(found, key=Diagnostic.sort_key)
    linter.rules = [_without_other_path(rule)]
    found = linter.lint_bytes(b"", "page.txt").diagnostics
    assert [(d.line, d.message) for d in found] == [(2, "a"), (2, "b"), (3, "late")]


def _without_other_path(rule):
    check = rule.check

    def only_own(document, context):
        return [finding for finding in check(document, context) if finding.path is None]
    rule.check = only_own
    return rule
