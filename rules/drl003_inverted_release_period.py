"""The first release month of a project comes after its last release month.

What it checks
The release part of the project's `When:` line (`<YYYY.MM> — <YYYY.MM>.`, also `YYYY/MM` and
`MM/YYYY` in older layouts) was read, both months are known and possible calendar months, and the
first month (year, month) is later than the last one. The finding covers the release period.

Why
Files cannot stop being released before they start being released: the range is impossible and
points at corrupt or mis-sorted source rows behind the page (RULES.md section 2; how the site
produced `2017.06 — 2017.05` is UNVERIFIED).

Known false positives
None known. The generator may compute the range from unsorted rows (UNVERIFIED); the reversed range
is still a data-quality error worth reporting. An `unknown` month or an impossible month such as
`2017.13` is left to DRL005 (malformed-when).

Options
None.
"""

from __future__ import annotations

from dreg_lint.primitives import period_inverted, readable_period
from dreg_lint.rule import Example, Finding, Rule

RULE = Rule(
    code="DRL003",
    name="inverted-release-period",
    severity="error",
    groups=("dates",),
    scope="project",
    doc=__doc__,
    bad=Example(
        "Project 1 — NIC-30001-ZX8CV\n"
        "Opt outs honoured: N\n"
        "When:2016.09 — 2016.04.\n"
        "Access method: Ongoing\n"
        "Objectives:\n"
        "To plan district nursing capacity.\n",
        expect=("3:6",),
    ),
    good=Example(
        "Project 1 — NIC-30001-ZX8CV\n"
        "Opt outs honoured: N\n"
        "When:2016.04 — 2016.09.\n"
        "Access method: Ongoing\n"
        "Objectives:\n"
        "To plan district nursing capacity.\n",
    ),
)


@RULE.checker
def check(project, context):
    period = readable_period(project, "release")
    if period is None or not period_inverted(period):
        return
    start, end = period.start, period.end
    yield Finding(period.span, f"release period runs backwards: first release month `{start.text}` is "
                               f"after last release month `{end.text}`")
