"""`Sublicensing allowed:` says `Yes`: the recipient may pass the data on.

What it checks
An item of the project's `Sublicensing allowed:` value (split on `,`) is `Yes`. The finding covers
that item.

Why
The Data Uses Register records whether a recipient has permission to share the data onwards
(sub-license it) [S14]. A `Yes` means the data can flow to organisations that do not appear on the
register under this agreement; auditors following where patient data went need to track those
onward flows.

Known false positives
`No, Yes` (seed 001:17) contradicts itself (DRL015 reports that) and may mean that only one version
or one dataset of the agreement permits sub-licensing; the `ignore_contradictory` option leaves
such values to DRL015.

Options
`ignore_contradictory` (default false): do not report a `Yes` when the same field also says `No`.
"""

from __future__ import annotations

from dreg_lint.model import FieldKey, ItemList
from dreg_lint.rule import Example, Finding, Option, Rule

RULE = Rule(
    code="DRL020",
    name="sublicensing-permitted",
    severity="info",
    groups=("accountability",),
    scope="project",
    doc=__doc__,
    bad=Example(
        "Shared outcomes study — DARS-NIC-90411-SL3BK\n"
        "Opt outs honoured: No - data flow is not identifiable\n"
        "Data-controller type: EXAMPLE UNIVERSITY\n"
        "Sublicensing allowed: Yes\n"
        "Objectives:\n"
        "To study outcomes after stroke.\n",
        expect=("4:23",),
    ),
    good=Example(
        "Shared outcomes study — DARS-NIC-90411-SL3BK\n"
        "Opt outs honoured: No - data flow is not identifiable\n"
        "Data-controller type: EXAMPLE UNIVERSITY\n"
        "Sublicensing allowed: No\n"
        "Objectives:\n"
        "To study outcomes after stroke.\n",
    ),
    options=(
        Option("ignore_contradictory", False,
               "Do not report `Yes` when the same field also says `No` (DRL015 reports that)."),
    ),
)


@RULE.checker
def check(project, context):
    field = project.field(FieldKey.SUBLICENSING)
    if field is None or not isinstance(field.value, ItemList):
        return
    texts = [item.text.strip().lower() for item in field.value.nonempty]
    if context.options["ignore_contradictory"] and "no" in texts:
        return
    agreement = f"agreement {project.reference}" if project.reference else f"project {project.number}"
    for item in field.value.nonempty:
        if item.text.strip().lower() == "yes":
            also = " (the field also says `No`)" if "no" in texts else ""
            yield Finding(item.span, f"`{field.label}:` `{item.text}`: the recipient may share the data of "
                                     f"{agreement} onwards{also}")
            return
