"""Files were released after the data sharing agreement had ended.

What it checks
The project's `When:` line gives both an agreement period (`DSA runs <start> — <end>`) and a release
period (`<first> — <last>.`), all four dates are known and possible, neither period runs backwards
(DRL003, DRL004), and the last release month is later than the month in which the agreement ended.
Comparison is by month: a release in the agreement's final month is not reported. The finding
covers the last release month.

Why
Data was disseminated after the agreement that authorises it had ended. The agreement's start and
end dates and the files released are both Data Uses Register fields [S14].

Known false positives
The agreement dates shown may be stale: the Data Uses Register covers agreements active from January
2020 [S14] and agreements are renewed under the same NIC number with a new version [S13], so a later
version may cover the late releases (INFERRED; seed 001 project 1 shows a 2019-2021 agreement yet
cites 2023 Directions). Month granularity hides releases late in the final month.

Options
`grace_months` (default 0): number of months after the agreement's end month within which a release
is not reported, for users who want to allow for renewals being published late.
"""

from __future__ import annotations

from dreg_lint.primitives import comparable_periods, month_index
from dreg_lint.rule import Example, Finding, Option, Rule

RULE = Rule(
    code="DRL006",
    name="released-after-dsa-expiry",
    severity="warning",
    groups=("dates",),
    scope="project",
    doc=__doc__,
    bad=Example(
        "Renal registry linkage — DARS-NIC-60006-MN5BV\n"
        "Opt outs honoured: No - data flow is not identifiable\n"
        "When:DSA runs 2019-09-01 — 2021-01-31 2019.10 — 2021.04.\n"
        "Access method: Ongoing\n"
        "Objectives:\n"
        "To study dialysis outcomes.\n",
        expect=("3:49",),
    ),
    good=Example(
        "Renal registry linkage — DARS-NIC-60006-MN5BV\n"
        "Opt outs honoured: No - data flow is not identifiable\n"
        "When:DSA runs 2019-09-01 — 2021-01-31 2019.10 — 2021.01.\n"
        "Access method: Ongoing\n"
        "Objectives:\n"
        "To study dialysis outcomes.\n",
    ),
    options=(
        Option("grace_months", 0, "Months after the agreement's end month in which a release is still not reported."),
    ),
)


@RULE.checker
def check(project, context):
    periods = comparable_periods(project)
    if periods is None:
        return
    agreement, release = periods
    if month_index(release.end) > month_index(agreement.end) + context.options["grace_months"]:
        yield Finding(release.end.span, f"files released until `{release.end.text}`, after the data sharing agreement "
                                        f"ended on `{agreement.end.text}`")
