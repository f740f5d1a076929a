"""Hand-made rules, diagnostics and reports for the renderer tests."""

from __future__ import annotations

import io

from dreg_lint.diagnostics import Diagnostic
from dreg_lint.reporters import _FORMATS, Report
from dreg_lint.rule import Example, Option, Rule

DOC = """{summary}

What it checks
The thing {code} checks.

Why
Because of {code}.

Known false positives
None known.
"""


def make_rule(code: str = "DRL003", name: str = "inverted-release-period", severity: str = "error",
              groups=("dates",), plugin: str = "dreg_lint.rules", summary: str | None = None,
              options=()) -> Rule:
    summary = summary or f"Summary of {code}."
    rule = Rule(code=code, name=name, severity=severity, groups=groups, scope="project",
                doc=DOC.format(summary=summary, code=code),
                bad=Example("When:2016.09 — 2016.04.\n", ("1:6",)), good=Example("When:2016.04 — 2016.09.\n"),
                options=options, plugin=plugin)
    rule.check = lambda project, context: ()
    return rule


def make_diagnostic(code: str = "DRL003", severity: str = "error", message: str = "Release period is inverted",
                    path: str | None = "data/x.txt", line: int = 3, column: int = 6, end_line: int | None = None,
                    end_column: int = 10, project: str | None = "NIC-1", project_line: int | None = 1,
                    fingerprint: str = "f" * 32, name: str = "inverted-release-period") -> Diagnostic:
    return Diagnostic(code=code, name=name, severity=severity, message=message, path=path, line=line,
                      column=column, end_line=line if end_line is None else end_line, end_column=end_column,
                      project=project, project_line=project_line, fingerprint=fingerprint)


def default_rules() -> dict[str, Rule]:
    rules = [
        make_rule("DRL001", "mixed-optout-flows", "warning", ("opt-outs",),
                  options=(Option("bare_no_only", False, "Count only a bare No."),)),
        make_rule("DRL003", "inverted-release-period", "error", ("dates",)),
        make_rule("DRL010", "info-rule", "info", ("style", "dates")),
    ]
    return {rule.code: rule for rule in rules}


def make_report(diagnostics, rules=None, files=None, plugins=None, color=False, lines=None) -> Report:
    """``lines`` maps (path, line) or line -> source text."""
    lines = lines or {}

    def source_line(path, line):
        return lines.get((path, line), lines.get(line))

    diagnostics = sorted(diagnostics, key=Diagnostic.sort_key)
    if files is None:
        files = sorted({d.path for d in diagnostics if d.path is not None})
    return Report(
        diagnostics=diagnostics,
        rules=default_rules() if rules is None else rules,
        plugins=plugins if plugins is not None else {"dreg_lint.structure": "0.1.0", "dreg_lint.rules": "0.1.0",
                                                      "dreg_lint.reporters": "0.1.0"},
        version="0.1.0",
        files=list(files),
        color=color,
        source_line=source_line,
    )


def render(format_name: str, report: Report) -> str:
    target = next(f for f in _FORMATS if f.name == format_name)
    stream = io.StringIO()
    target.load()(report, stream)
    return stream.getvalue()
