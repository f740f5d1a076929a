"""The project states no legal basis for the release.

What it checks
The project has no `Legal basis:` line (or `Basis:` in the oldest layout), or its value is empty
after stripping white space. A missing line is reported at the project heading, an empty value at
its line. Empty items inside a non-empty value (`, ,`) are DRL013's business.

Why
Every dissemination must state the legal basis under which the data was released; it is one of the
fields the Data Uses Register publishes for each agreement [S14].

Known false positives
None known. A page cut off inside a project (DRL903) is not reported here when the line may have
been lost to the cut.

Options
None.
"""

from __future__ import annotations

from dreg_lint.model import FieldKey
from dreg_lint.primitives import cut_line, project_anchor
from dreg_lint.rule import Example, Finding, Rule

RULE = Rule(
    code="DRL012",
    name="missing-legal-basis",
    severity="error",
    groups=("legal-basis",),
    scope="project",
    doc=__doc__,
    bad=Example(
        "Cancer waiting times — DARS-NIC-12012-LB0ZX\n"
        "Opt outs honoured: No - data flow is not identifiable\n"
        "Legal basis:\n"
        "Purposes: No (Academic)\n"
        "Objectives:\n"
        "To describe waiting times for cancer treatment.\n",
        expect=("3:1",),
    ),
    good=Example(
        "Cancer waiting times — DARS-NIC-12012-LB0ZX\n"
        "Opt outs honoured: No - data flow is not identifiable\n"
        "Legal basis: Health and Social Care Act 2012 - s261 - 'Other dissemination of information'\n"
        "Purposes: No (Academic)\n"
        "Objectives:\n"
        "To describe waiting times for cancer treatment.\n",
    ),
)


@RULE.checker
def check(project, context):
    agreement = f"agreement {project.reference}" if project.reference else f"project {project.number}"
    field = project.field(FieldKey.LEGAL_BASIS)
    cut = cut_line(context.document, project)
    if field is None:
        if cut is not None and not project.sections:
            return  # the page was cut off before the project's Legal basis line
        yield Finding(project_anchor(project), f"no `Legal basis:` line: {agreement} states no legal basis for "
                                               f"the release")
    elif field.empty and field.span.line != cut:
        yield Finding(field.span, f"`{field.label}:` is empty: {agreement} states no legal basis for the release")
