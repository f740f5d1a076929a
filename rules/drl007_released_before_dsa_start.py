"""Files were released before the data sharing agreement shown had started.

What it checks
The project's `When:` line gives both an agreement period (`DSA runs <start> — <end>`) and a release
period (`<first> — <last>.`), all four dates are known and possible, neither period runs backwards
(DRL003, DRL004), and the first release month is earlier than the month in which the agreement
started. Comparison is by month. The finding covers the first release month.

Why
Releases predating the displayed agreement period are not covered by the agreement the page shows;
the agreement's dates and the files released are Data Uses Register fields [S14].

Known false positives
Normally the early releases were made under earlier versions of the same NIC agreement [S13], and
renewals can also change the NIC number (a renewal note naming the predecessor agreement is common
in the free text). That is why this is info, not warning.

Options
`grace_months` (default 0): number of months before the agreement's start month within which a
release is not reported.
"""

from __future__ import annotations

from dreg_lint.primitives import comparable_periods, month_index
from dreg_lint.rule import Example, Finding, Option, Rule

RULE = Rule(
    code="DRL007",
    name="released-before-dsa-start",
    severity="info",
    groups=("dates",),
    scope="project",
    doc=__doc__,
    bad=Example(
        "Renal registry linkage — DARS-NIC-60006-MN5BV\n"
        "Opt outs honoured: No - data flow is not identifiable\n"
        "When:DSA runs 2019-09-01 — 2022-08-31 2018.03 — 2021.04.\n"
        "Access method: Ongoing\n"
        "Objectives:\n"
        "To study dialysis outcomes.\n",
        expect=("3:39",),
    ),
    good=Example(
        "Renal registry linkage — DARS-NIC-60006-MN5BV\n"
        "Opt outs honoured: No - data flow is not identifiable\n"
        "When:DSA runs 2019-09-01 — 2022-08-31 2019.09 — 2021.04.\n"
        "Access method: Ongoing\n"
        "Objectives:\n"
        "To study dialysis outcomes.\n",
    ),
    options=(
        Option("grace_months", 0,
               "Months before the agreement's start month in which a release is still not reported."),
    ),
)


@RULE.checker
def check(project, context):
    periods = comparable_periods(project)
    if periods is None:
        return
    agreement, release = periods
    if month_index(release.start) < month_index(agreement.start) - context.options["grace_months"]:
        yield Finding(release.start.span, f"files released from `{release.start.text}`, before the data sharing "
                                          f"agreement started on `{agreement.start.text}`")
