"""The page's 🚩 says files went with and without opt-outs, but no project shows both.

What it checks
The page has a 🚩 line before its first project (what DRL002 reports), and no project on the page
has mixed opt-out values (what DRL001 reports): no project whose `Opt outs honoured:` tokens, after
glue splitting, include both a YES (`Y`, `Yes`, `Yes - ...`) and a NO (`N`, `No`, `No - ...`). One
finding per page, at the 🚩 line.

Why
A consistency check between the site's flag and the per-project opt-out values the page shows: the
flag is medConfidential's finding that the organisation received files of one dataset in one month
both with opt-outs respected and ignored [S2][S8], and that should be visible as a mixed project.

Known false positives
A page may be truncated, so the mixed project is missing (the message says so when the page is
known to be cut off); the mixing may occur across two references of the same NIC (see DRL026), one
with only `Y` and one with only `N` (the `merge_same_nic` option). The flag is computed from per-file
rows that are not on the page (UNVERIFIED algorithm), so it can also rest on files the page
aggregates away.

Options
`merge_same_nic` (default false): treat the projects that share a NIC key (DRL026) as one agreement,
so a `Y` on one reference and an `N` on its twin count as mixed.
`report_truncated` (default true): report truncated pages too. Set it to false to stay silent on
pages that end in the middle of a project, where the mixed project may be the part that is missing.
"""

from __future__ import annotations

from dreg_lint.model import OptOutStatus
from dreg_lint.primitives import has_mixed_optouts, nic_key, opt_out_tokens
from dreg_lint.rule import Example, Finding, Option, Rule

_FLAG = ("🚩 NHS Example Ccg was sent multiple files from the same dataset, in the same month, both with "
         "optouts respected and with optouts ignored.\n")
_PAGE = ("NHS Digital Data Release Register - reformatted\n"
         "NHS Example Ccg projects\n"
         "12 data files in total were disseminated unsafely (information about files used safely is missing "
         "for TRE/\"system access\" projects).\n"
         + _FLAG +
         "Project 1 — DARS-NIC-20417-QW3RT\n"
         "Opt outs honoured: {first}\n"
         "Project 2 — DARS-NIC-20418-QW3RU\n"
         "Opt outs honoured: N\n")

RULE = Rule(
    code="DRL035",
    name="red-flag-without-mixed-project",
    severity="warning",
    groups=("opt-outs",),
    scope="page",
    doc=__doc__,
    bad=Example(_PAGE.format(first="N"), expect=("4:1",)),
    good=Example(_PAGE.format(first="Y, N")),
    options=(
        Option("merge_same_nic", False,
               "Treat projects sharing a NIC key as one agreement when looking for mixed opt-outs."),
        Option("report_truncated", True, "Report pages that end in the middle of a project too."),
    ),
)


def _mixed_by_nic(projects) -> bool:
    statuses: dict[tuple[str, str], set[OptOutStatus]] = {}
    for project in projects:
        key = nic_key(project.reference)
        if key is None:
            continue
        statuses.setdefault(key, set()).update(token.status for token in opt_out_tokens(project))
    return any(OptOutStatus.YES in found and OptOutStatus.NO in found for found in statuses.values())


@RULE.checker
def check(document, context):
    flag = document.red_flag
    if flag is None:
        return
    if any(has_mixed_optouts(project) for project in document.projects):
        return
    if context.options["merge_same_nic"] and _mixed_by_nic(document.projects):
        return
    truncated = document.truncated
    if truncated and not context.options["report_truncated"]:
        return
    note = " (the page is truncated)" if truncated else ""
    count = len(document.projects)
    yield Finding(flag.span, f"the page's red flag says files went both with and without opt-outs, but none of "
                             f"its {count} project(s) shows both a YES and a NO opt-out value{note}")
