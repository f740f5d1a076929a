"""The `When:` line gives release months but no agreement period.

What it checks
The project's `When:` line was read and has a release period (`<first> — <last>.`) but no
`DSA runs <start> — <end>` part. The finding covers the `When:` value. A missing or unreadable
`When:` line is DRL005's business, not this rule's.

Why
Without the agreement's start and end dates (a Data Uses Register field [S14]) nobody can tell
whether the releases were covered by an agreement, and DRL006/DRL007 cannot be checked: a
transparency gap.

Known false positives
Systematic for legacy register rows (page generations G1/G2, from before the register showed
agreement dates), which usually also trip DRL009, DRL018, DRL021, DRL022 and DRL028; consider
reading those findings together.

Options
None.
"""

from __future__ import annotations

from dreg_lint.model import FieldKey, When
from dreg_lint.primitives import value_text_span
from dreg_lint.rule import Example, Finding, Rule

RULE = Rule(
    code="DRL008",
    name="missing-dsa-period",
    severity="info",
    groups=("dates", "transparency"),
    scope="project",
    doc=__doc__,
    bad=Example(
        "Project 3 — NIC-80003-RT6YU\n"
        "Opt outs honoured: N\n"
        "When:2016.05 — 2017.02.\n"
        "Access method: Ongoing\n"
        "Objectives:\n"
        "To measure emergency readmissions.\n",
        expect=("3:6",),
    ),
    good=Example(
        "Project 3 — NIC-80003-RT6YU\n"
        "Opt outs honoured: N\n"
        "When:DSA runs 2019-04-01 — 2022-03-31 2019.05 — 2021.02.\n"
        "Access method: Ongoing\n"
        "Objectives:\n"
        "To measure emergency readmissions.\n",
    ),
)


@RULE.checker
def check(project, context):
    field = project.field(FieldKey.WHEN)
    when = field.value if field is not None else None
    if not isinstance(when, When) or not when.well_formed or when.release is None or when.agreement is not None:
        return
    release = when.release
    yield Finding(value_text_span(field), f"`When:` gives release months `{release.start.text} — "
                                          f"{release.end.text}` but no agreement period (`DSA runs <start> — <end>`)")
