"""The page carries medConfidential's 🚩 flag for files sent with and without opt-outs.

What it checks
A line before the first project heading starts with the red-flag emoji U+1F6A9 (🚩). The page is
reported once, at that line. The match is on the emoji, not on the wording that follows it.

Why
The flag is medConfidential's own finding that the organisation was sent files from the same
dataset in the same month both with opt-outs respected and with opt-outs ignored, so it can compare
them and learn who opted out, and NHS Digital cannot know what it does with them [S2][S8].

Known false positives
The flag is computed by the site from per-file register rows that are not on the page (algorithm
UNVERIFIED), so the linter can only echo it, not confirm it. Older pages word the flag differently
("received multiple files …", "received multiple copies of from …") [S8]; they are flagged too,
unless `require_wording` is set.

Options
`require_wording` (default false): also require the text
`both with optouts respected and with optouts ignored` on the flag line, so that a 🚩 line with other
content is not reported. All three known wordings contain it.
"""

from __future__ import annotations

from dreg_lint.rule import Example, Finding, Option, Rule

WORDING = "both with optouts respected and with optouts ignored"

_HEADER = "NHS Digital Data Release Register - reformatted\nNHS Example Ccg projects\n"

RULE = Rule(
    code="DRL002",
    name="page-optout-red-flag",
    severity="warning",
    groups=("opt-outs", "transparency"),
    scope="page",
    doc=__doc__,
    bad=Example(
        _HEADER
        + "12 data files in total were disseminated unsafely (information about files used safely is missing "
        'for TRE/"system access" projects).\n'
        "🚩 NHS Example Ccg was sent multiple files from the same dataset, in the same month, both with "
        "optouts respected and with optouts ignored. The two files share identifiers.\n"
        "Project 1 — NIC-20001-QW3RT\n"
        "Opt outs honoured: Y, N\n"
        "Objectives:\n"
        "To monitor waiting times.\n",
        expect=("4:1",),
    ),
    good=Example(
        _HEADER
        + "12 data files in total were disseminated unsafely (information about files used safely is missing "
        'for TRE/"system access" projects).\n'
        "Project 1 — NIC-20001-QW3RT\n"
        "Opt outs honoured: Y\n"
        "Objectives:\n"
        "To monitor waiting times.\n",
    ),
    options=(
        Option("require_wording", False,
               "Only report a 🚩 line that also says 'both with optouts respected and with optouts ignored'."),
    ),
)


def _shorten(text: str, width: int = 70) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


@RULE.checker
def check(document, context):
    flag = document.red_flag
    if flag is None or not flag.text.startswith("\U0001F6A9"):
        return
    if context.options["require_wording"] and WORDING not in flag.text:
        return
    yield Finding(flag.span, f"the page's 🚩 flag says files of one dataset and month were sent both with and "
                             f"without opt-outs applied: `{_shorten(flag.text)}`")
