"""The data sharing agreement ends before it starts.

What it checks
The `DSA runs <start> — <end>` part of the project's `When:` line was read, both dates are known and
possible calendar dates, and the start is later than the end. Day-precision dates are compared by
day; where either date gives only a month (`DSA runs 2018-12 – 2021-11`), by month. The finding
covers the DSA period.

Why
An agreement cannot end before it starts; the dates shown for the agreement that authorises the
releases (a Data Uses Register field [S14]) are then unusable, and so are the checks that rely on
them (DRL006, DRL007).

Known false positives
None known. Impossible dates such as `2019-02-30` are left to DRL005 (malformed-when).

Options
None.
"""

from __future__ import annotations

from dreg_lint.primitives import period_inverted, readable_period
from dreg_lint.rule import Example, Finding, Rule

RULE = Rule(
    code="DRL004",
    name="inverted-dsa-period",
    severity="error",
    groups=("dates",),
    scope="project",
    doc=__doc__,
    bad=Example(
        "Audit of stroke care — DARS-NIC-40001-PL4KM\n"
        "Opt outs honoured: No - data flow is not identifiable\n"
        "When:DSA runs 2022-06-07 — 2019-06-08 2019.07 — 2021.03.\n"
        "Access method: One-Off\n"
        "Objectives:\n"
        "To compare stroke unit outcomes.\n",
        expect=("3:15",),
    ),
    good=Example(
        "Audit of stroke care — DARS-NIC-40001-PL4KM\n"
        "Opt outs honoured: No - data flow is not identifiable\n"
        "When:DSA runs 2019-06-08 — 2022-06-07 2019.07 — 2021.03.\n"
        "Access method: One-Off\n"
        "Objectives:\n"
        "To compare stroke unit outcomes.\n",
    ),
)


@RULE.checker
def check(project, context):
    period = readable_period(project, "agreement")
    if period is None or not period_inverted(period):
        return
    start, end = period.start, period.end
    yield Finding(period.span, f"data sharing agreement ends before it starts: start `{start.text}` is "
                               f"after end `{end.text}`")
