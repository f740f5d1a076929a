"""The engine keeps a page's findings as diagnostics' rows (``diagnostics.to_row``): the rows stand
for exactly the diagnostics that were made before, and everything made from them (the spool, the
JSON objects) is what the diagnostics themselves give."""

from __future__ import annotations

import json

import pytest

from dreg_lint.diagnostics import Diagnostic, Severity, row_sort_key, severity_value, to_row
from dreg_lint.engine import Linter
from dreg_lint.reporters.json_format import json_line, json_object
from dreg_lint.rule import Finding, Rule
from dreg_lint.settings import Settings
from dreg_lint.span import Span
from dreg_lint.spool import DiagnosticSpool, encode, encode_rows


def _linter(rule: Rule, **settings) -> Linter:
    linter = Linter(Settings(select=("DRL027",), plugin_autoload=False, **settings))
    linter.rules, linter.options = [rule], {rule.code: {}}
    return linter


def _page_rule(*findings: Finding, code: str = "XYZ004") -> Rule:
    rule = Rule(code=code, name="rule-xyz004", severity="info", groups=("references",), scope="page",
                doc="A test rule.")
    rule.checker(lambda document, context: iter(findings))
    return rule


def test_a_finding_s_row_is_that_of_its_diagnostic():
    text = "first line\nsecond line with a flagged   text\n"
    rule = _page_rule(Finding(Span(2, 3, 2, 9, 13, 19), "plain"),
                      Finding(Span(1, 1, 1, 5, 0, 4), "given", severity="ERROR", reference="NIC-9", project_line=4,
                              flagged="a  flagged\ttext"),
                      Finding(Span(1, 1, 1, 2, 0, 1), "member", severity=Severity.WARNING))
    page = _linter(rule).lint_text(text, "page.txt")
    assert page.rows == [to_row(d) for d in page.diagnostics]
    assert [(d.message, d.severity, d.project, d.project_line) for d in page.diagnostics] == [
        ("member", Severity.WARNING, None, None), ("given", Severity.ERROR, "NIC-9", 4),
        ("plain", Severity.INFO, None, None)]
    assert all(type(d.severity) is Severity for d in page.diagnostics)
    assert [type(row[2]) for row in page.rows] == [str] * 3  # a severity's value, as the spool keeps it


def test_a_severity_set_in_the_settings_wins_over_the_finding_s_and_the_rule_s():
    # (A built-in rule's code: the settings name only rules that are registered.)
    rule = _page_rule(Finding(Span(1, 1, 1, 2, 0, 1), "m", severity="error"), code="DRL001")
    page = _linter(rule, severity={"DRL001": "warning"}).lint_text("x\n", "page.txt")
    assert [d.severity for d in page.diagnostics] == [Severity.WARNING]


def test_a_finding_with_an_unknown_severity_is_a_rule_error():
    page = _linter(_page_rule(Finding(Span(1, 1, 1, 2, 0, 1), "m", severity="fatal"))).lint_text("x\n", "page.txt")
    assert [d.code for d in page.diagnostics] == ["DRL999"] and page.errors


def test_severity_values():
    for severity in Severity:
        assert severity_value(severity) == severity_value(severity.value) == severity.value
    assert severity_value("Warning") == "warning"
    with pytest.raises(ValueError):
        severity_value("fatal")


def test_a_row_sorts_as_its_diagnostic():
    rows = [to_row(Diagnostic("DRL001", "n", "info", "m", path, line, 1, line, 2))
            for path, line in (("b", 1), (None, 5), ("a", 3), ("a", 2))]
    assert sorted(rows, key=row_sort_key) == [to_row(d) for d in sorted(map(Diagnostic.from_row, rows),
                                                                         key=Diagnostic.sort_key)]


def test_rows_encode_as_the_diagnostics_they_stand_for():
    diagnostics = [Diagnostic("DRL001", "n", severity, f"m — {line} \udcff", path, line, 1, line, 2, "NIC-1", 3, "f" * 32)
                   for line, (path, severity) in enumerate([("a", "info"), ("a", "error"), ("b", "info")], 1)]
    for render in (None, json_object, json_line, lambda d: d.message):  # the last has no row form
        assert encode_rows(list(map(to_row, diagnostics)), render) == encode(diagnostics, render)
    spool = DiagnosticSpool(json_object)
    spool.add_rows(list(map(to_row, diagnostics)))
    assert list(spool) == diagnostics and spool.severities == {"info": 2, "error": 1}
    assert b"\0".join(spool.rendered(json_object)) == "\0".join(map(json_object, diagnostics)).encode()


def test_a_row_s_json_object_is_its_diagnostic_s():
    diagnostic = Diagnostic("DRL001", "n", "warning", "a\x85b", None, 1, 2, 3, 4, None, None, "")
    for render in (json_object, json_line):
        assert render.row(to_row(diagnostic)) == render(diagnostic)
        assert json.loads(render(diagnostic)) == diagnostic.to_json()


def test_findings_are_equal_and_hashed_by_value():
    span = Span(1, 1, 1, 2, 0, 1)
    assert Finding(span, "m", reference="NIC-1") == Finding(span, "m", reference="NIC-1")
    assert len({Finding(span, "m"), Finding(span, "m"), Finding(span, "other")}) == 2


def test_a_finding_changed_after_it_was_yielded_changes_nothing():
    def check(document, context):
        finding = Finding(Span(1, 1, 1, 2, 0, 1), "as yielded")
        yield finding
        finding.message = "changed afterwards"
        finding.span = Span(1, 2, 1, 3, 1, 2)

    rule = Rule(code="XYZ005", name="rule-xyz005", severity="info", groups=("references",), scope="page",
                doc="A test rule.")
    rule.checker(check)
    page = _linter(rule).lint_text("xy\n", "page.txt")
    assert [(d.message, d.line, d.column) for d in page.diagnostics] == [("as yielded", 1, 1)]
