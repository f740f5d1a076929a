"""The type of data released is not disclosed (`information not disclosed for TRE projects`).

What it checks
The project's `Type of data:` value is `information not disclosed for TRE projects` (compared after
folding case, dashes and punctuation). The finding covers the value.

Why
The identifiability of the data (identifiable, pseudonymised, anonymised) is what decides whether
opt-outs and a confidentiality gateway are needed, and the site says that this information is missing
for TRE and "system access" projects [S1][S9]. Where it is not shown, the reader cannot check the
project's opt-out and legal-basis claims against the data actually provided.

Known false positives
The placeholder also appears on projects that are plainly disseminations rather than TRE access
(Data Services for Commissioners flows, e.g. seed 000:12 and 003:5); what triggers it is
UNVERIFIED. The finding is a transparency fact, not an accusation.

Options
None.
"""

from __future__ import annotations

from dreg_lint.model import FieldKey
from dreg_lint.primitives import norm
from dreg_lint.rule import Example, Finding, Rule
from dreg_lint.span import Span

PLACEHOLDER = "information not disclosed for TRE projects"

RULE = Rule(
    code="DRL023",
    name="tre-type-undisclosed",
    severity="info",
    groups=("accountability", "transparency"),
    scope="project",
    doc=__doc__,
    bad=Example(
        "Emergency admissions — DARS-NIC-61120-TD4RS\n"
        "Type of data: information not disclosed for TRE projects\n"
        "Opt outs honoured: No - data flow is not identifiable\n"
        "Objectives:\n"
        "To study emergency admissions in winter.\n",
        expect=("2:15",),
    ),
    good=Example(
        "Emergency admissions — DARS-NIC-61120-TD4RS\n"
        "Type of data: Pseudonymised\n"
        "Opt outs honoured: No - data flow is not identifiable\n"
        "Objectives:\n"
        "To study emergency admissions in winter.\n",
    ),
)


def _trimmed(field) -> Span:
    span, raw = field.value_span, field.raw
    lead = len(raw) - len(raw.lstrip())
    length = len(raw.strip())
    if span.line != span.end_line or span.end - span.start != len(raw):
        return span
    return Span(span.line, span.column + lead, span.line, span.column + lead + length,
                span.start + lead, span.start + lead + length)


@RULE.checker
def check(project, context):
    field = project.field(FieldKey.TYPE_OF_DATA)
    if field is None or norm(field.raw) != norm(PLACEHOLDER):
        return
    agreement = f"agreement {project.reference}" if project.reference else f"project {project.number}"
    yield Finding(_trimmed(field), f"`{field.label}:` is `{field.raw.strip()}`: the identifiability of the data "
                                   f"released under {agreement} is not shown")
