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

from dreg_lint.model import FieldKey, When
from dreg_lint.primitives import known_period, period_inverted
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
    when = project.value(FieldKey.WHEN)
    if not isinstance(when, When) or not when.well_formed or not known_period(when.release):
        return
    start, end = when.release.start, when.release.end
    if period_inverted(when.release):
        yield Finding(when.release.span, f"release period runs backwards: first release month `{start.text}` is "
                                         f"after last release month `{end.text}`")
