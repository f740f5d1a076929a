"""The project does not say whether sub-licensing is allowed.

What it checks
The project has no `Sublicensing allowed:` line, or the line has no non-empty item (nothing after
the colon, or only separators). A missing line is reported at the project heading; an empty one at
the line itself.

Why
Whether the recipient may share the data onwards (sub-license it) is a Data Uses Register field
[S14]. Without it the reader cannot tell whether the data stayed with the named recipient.

Known false positives
Legacy register rows predate the field (INFERRED): page generation G2 prints an empty
`Sublicensing allowed:` (seed 000 projects 2-5, seed 002), and the older G0/G1 layouts have no such
line at all. The same projects usually also trip DRL008, DRL009, DRL018, DRL022 and DRL028.

Options
`report_absent` (default true): report projects that have no `Sublicensing allowed:` line at all.
Set it to false to report only a line that is present but empty, e.g. when linting older page
layouts that never had the field.
"""

from __future__ import annotations

from dreg_lint.model import FieldKey, ItemList
from dreg_lint.primitives import project_anchor
from dreg_lint.rule import Example, Finding, Option, Rule

RULE = Rule(
    code="DRL021",
    name="missing-sublicensing",
    severity="info",
    groups=("accountability", "transparency"),
    scope="project",
    doc=__doc__,
    bad=Example(
        "Project 2 — NIC-40021-FG7HJ\n"
        "Opt outs honoured: N\n"
        "Data-controller type:\n"
        "Sublicensing allowed:\n"
        "Objectives:\n"
        "To audit diabetes care.\n",
        expect=("4:1",),
    ),
    good=Example(
        "Diabetes audit — DARS-NIC-40021-FG7HJ\n"
        "Opt outs honoured: No - data flow is not identifiable\n"
        "Data-controller type: NHS EXAMPLE ICB\n"
        "Sublicensing allowed: No\n"
        "Objectives:\n"
        "To audit diabetes care.\n",
    ),
    options=(
        Option("report_absent", True,
               "Report projects with no `Sublicensing allowed:` line at all (not only empty ones)."),
    ),
)


@RULE.checker
def check(project, context):
    agreement = f"agreement {project.reference}" if project.reference else f"project {project.number}"
    field = project.field(FieldKey.SUBLICENSING)
    if field is None:
        if context.options["report_absent"]:
            yield Finding(project_anchor(project),
                          f"no `Sublicensing allowed:` line: {agreement} does not say whether onward sharing "
                          f"is allowed")
        return
    value = field.value
    if isinstance(value, ItemList) and value.nonempty:
        return
    if not isinstance(value, ItemList) and field.raw.strip():
        return
    yield Finding(field.span, f"`{field.label}:` is empty: {agreement} does not say whether onward sharing "
                              f"is allowed")
