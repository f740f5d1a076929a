"""A project titled only `Project <N>`: the agreement's purpose is not named.

What it checks
The title of the project heading (the part before the last ` — `) is exactly `Project` followed by a
space and a number (`^Project \\d+$`), as in `Project 3 — NIC-120064-Z5S8S`. The finding points at
the title. Projects without a heading are not reported here.

Why
The site prints `Project N` where no title was published for the agreement (INFERRED from the seed
pages, RULES.md section 1.2), so a reader cannot tell from the heading what the data was released
for; the Data Uses Register is meant to describe each agreement's purpose [S14].

Known false positives
Legacy (2016/17) rows never had titles; the same projects usually also lack a DSA period, a data
controller and sub-licensing information (DRL008, DRL009, DRL021).

Options
None.
"""

from __future__ import annotations

import re

from dreg_lint.rule import Example, Finding, Rule

_PLACEHOLDER = re.compile(r"Project [0-9]+")

_HEADER = "NHS Digital Data Release Register - reformatted\nNHS Example Ccg projects\n"

RULE = Rule(
    code="DRL028",
    name="placeholder-project-title",
    severity="info",
    groups=("transparency",),
    scope="project",
    doc=__doc__,
    bad=Example(_HEADER + "Project 2 — NIC-20418-QW3RU\nOpt outs honoured: N\n", expect=("3:1",)),
    good=Example(_HEADER + "Project 2 of the stroke audit — DARS-NIC-20418-QW3RU\nOpt outs honoured: N\n"),
)


@RULE.checker
def check(project, context):
    if project.heading is None:
        return
    title = project.heading.title
    if _PLACEHOLDER.fullmatch(title.text):
        shown = title.text if len(title.text) <= 60 else title.text[:57] + "..."
        yield Finding(title.span, f"placeholder title `{shown}`: the agreement's purpose is not named")
