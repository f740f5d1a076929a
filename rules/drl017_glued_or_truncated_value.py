"""Two opt-out values glued together, the first one cut short.

What it checks
An item of `Opt outs honoured:` before its parenthesis, as written (split on `,` outside
parentheses, before any glue splitting), contains a lower-case letter immediately followed by
`Yes - ` or `No - ` (the GLUE pattern `[a-z](Yes|No) - `), as in
`No - consent provided by participants of research studYes - patient objections upheld`. The
finding covers that item and names the two values it holds.

Why
Two register values were concatenated without a separator and the first one lost its last
character (`study` became `stud`). A reader or tool that splits on commas sees one odd "No" value and
drops the `Yes - patient objections upheld` value, so the project's opt-out status is mis-classified.
The same artefact occurs on other pages of the site (UK Health Security Agency [S3]).

Known false positives
None known. The linter's own opt-out rules already read the two values separately; this rule reports
the damage to the published value itself.

Options
None.
"""

from __future__ import annotations

import re

from dreg_lint.model import FieldKey, OptOuts
from dreg_lint.rule import Example, Finding, Rule

GLUE = re.compile(r"[a-z](Yes|No) - ")

RULE = Rule(
    code="DRL017",
    name="glued-or-truncated-value",
    severity="warning",
    groups=("hygiene", "opt-outs"),
    scope="project",
    doc=__doc__,
    bad=Example(
        "Trial follow-up — DARS-NIC-44120-TR5WQ\n"
        "Opt outs honoured: Y, No - consent provided by participants of research studYes - patient "
        "objections upheld, Identifiable (Section 251 NHS Act 2006)\n"
        "Legal basis: Section 251 approval is in place for the flow of identifiable data\n"
        "Objectives:\n"
        "To follow trial participants up through hospital records.\n",
        expect=("2:23",),
    ),
    good=Example(
        "Trial follow-up — DARS-NIC-44120-TR5WQ\n"
        "Opt outs honoured: Y, No - consent provided by participants of research study, Yes - patient "
        "objections upheld, Identifiable (Section 251 NHS Act 2006)\n"
        "Legal basis: Section 251 approval is in place for the flow of identifiable data\n"
        "Objectives:\n"
        "To follow trial participants up through hospital records.\n",
    ),
)


@RULE.checker
def check(project, context):
    field = project.field(FieldKey.OPT_OUTS)
    if field is None or not isinstance(field.value, OptOuts):
        return
    agreement = f"agreement {project.reference}" if project.reference else f"project {project.number}"
    for item in field.value.head.items:
        match = GLUE.search(item.text)
        if match is None:
            continue
        cut = match.start() + 1
        left, right = item.text[:cut], item.text[cut:]
        yield Finding(item.span, f"`{field.label}:` runs `{left}` into `{right}` with no separator "
                                 f"(the first value looks cut short) in {agreement}")
