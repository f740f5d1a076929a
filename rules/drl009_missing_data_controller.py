"""No data controller is named for the project.

What it checks
The project has no `Data-controller type:` line, or its value has no non-empty item when split on
commas at parenthesis depth 0 (so `Data-controller type:` and `Data-controller type: ,` are both
reported). A missing line is reported at the project heading, an empty value at its line.

Why
The Data Uses Register is meant to name the organisation(s) acting as data controller and whether
they are sole or joint controllers [S14]; without one, nobody is shown to be accountable for the
data released.

Known false positives
A page cut off inside a project (DRL903) is not reported here when the line may have been lost to
the cut. Legacy register rows (page generations G1/G2) predate the field (INFERRED), so their empty value
may be a gap in the page rather than in the agreement. The field holds controller names despite its
label, so nothing here checks the "type".

Options
`ignore_legacy` (default false): do not report projects whose `When:` line has a release period and
no agreement (`DSA runs`) period, the mark of a legacy row (INFERRED).
"""

from __future__ import annotations

from dreg_lint.model import FieldKey, ItemList, When
from dreg_lint.primitives import cut_line, project_anchor, value_text_span
from dreg_lint.rule import Example, Finding, Option, Rule

RULE = Rule(
    code="DRL009",
    name="missing-data-controller",
    severity="warning",
    groups=("accountability",),
    scope="project",
    doc=__doc__,
    bad=Example(
        "Project 1 — NIC-90009-KJ2HG\n"
        "Opt outs honoured: Y\n"
        "When:2017.01 — 2017.08.\n"
        "Access method: Ongoing\n"
        "Data-controller type:\n"
        "Sublicensing allowed:\n"
        "Objectives:\n"
        "To audit diabetes reviews.\n",
        expect=("5:1",),
    ),
    good=Example(
        "Diabetes audit — DARS-NIC-90009-KJ2HG\n"
        "Opt outs honoured: Y\n"
        "When:DSA runs 2019-01-01 — 2021-12-31 2019.02 — 2021.08.\n"
        "Access method: Ongoing\n"
        "Data-controller type: NHS EXAMPLE VALLEY ICB - 99X\n"
        "Sublicensing allowed: No\n"
        "Objectives:\n"
        "To audit diabetes reviews.\n",
    ),
    options=(
        Option("ignore_legacy", False,
               "Skip legacy rows: projects whose When: has a release period but no DSA period."),
    ),
)


def _legacy(project) -> bool:
    when = project.value(FieldKey.WHEN)
    return isinstance(when, When) and when.well_formed and when.release is not None and when.agreement is None


@RULE.checker
def check(project, context):
    if context.options["ignore_legacy"] and _legacy(project):
        return
    agreement = f"agreement {project.reference}" if project.reference else f"project {project.number}"
    field = project.field(FieldKey.DATA_CONTROLLERS)
    cut = cut_line(context.document, project)
    if field is None:
        if cut is not None and not project.sections:
            return  # the page was cut off before the project's controller line
        yield Finding(project_anchor(project), f"no `Data-controller type:` line: no data controller is named for "
                                               f"{agreement}")
        return
    value = field.value
    if isinstance(value, ItemList) and value.nonempty or field.span.line == cut:
        return
    if field.empty:
        yield Finding(field.span, f"`Data-controller type:` is empty: no data controller is named for {agreement}")
    else:
        yield Finding(value_text_span(field), f"`Data-controller type:` value `{field.raw.strip()}` names no "
                                              f"data controller for {agreement}")
