"""The legal basis cites the bare Health and Social Care Act 2012, not the section that applied.

What it checks
The `Legal basis:` value, split on `,` and `;` outside parentheses, has an item that is exactly
`Health and Social Care Act 2012` (white space folded, a final full stop ignored). Each such item is
reported. Items that name a section or limb (`Health and Social Care Act 2012 – s261(7)`,
`… s261(1) and s261(2)(b)(ii)`, `… - s261 - 'Other dissemination of information'`) are not.

Why
Section 261 of the Act has distinct limbs with different scope: (2)(a) information that is
publishable anyway, (2)(b) information identifying a "relevant person" (a provider, not a patient),
(2)(c) information identifying an individual who has consented [S25][S26]. The bare Act, which is
only NHS Digital's general power to disseminate, does not say which of them the release relied on,
so the reader cannot judge whether the release was lawful for the data it carried.

Known false positives
Registers of the 2017 era used only the bare Act, on the rows for `Anonymised - ICO code compliant`
files, while identifiable rows of the same agreement carried the s251 value [S13]; the bare Act next
to `Section 251 approval is in place for the flow of identifiable data` (seed 000:625, 002:8) is that
pattern. The `alone_only` option reports only projects whose whole legal basis is the bare Act.

Options
`alone_only` (default false): report the bare Act only where it is the project's only legal basis
(every non-empty item is the bare Act), not where a more precise basis stands next to it.
"""

from __future__ import annotations

import re

from dreg_lint.model import FieldKey, ItemList
from dreg_lint.rule import Example, Finding, Option, Rule

BARE_ACT = "Health and Social Care Act 2012"
_SPACE = re.compile(r"\s+")

RULE = Rule(
    code="DRL014",
    name="imprecise-legal-basis",
    severity="info",
    groups=("legal-basis",),
    scope="project",
    doc=__doc__,
    bad=Example(
        "Project 2 — NIC-51200-HJ7KL\n"
        "Opt outs honoured: N\n"
        "Legal basis: Health and Social Care Act 2012\n"
        "When:2017.03 — 2017.09.\n"
        "Objectives:\n"
        "To compare referral patterns between practices.\n",
        expect=("3:14",),
    ),
    good=Example(
        "Referral patterns — DARS-NIC-51200-HJ7KL\n"
        "Opt outs honoured: No - data flow is not identifiable\n"
        "Legal basis: Health and Social Care Act 2012 – s261(1) and s261(2)(b)(ii)\n"
        "When:DSA runs 2020-01-01 — 2022-12-31 2020.02 — 2021.09.\n"
        "Objectives:\n"
        "To compare referral patterns between practices.\n",
    ),
    options=(
        Option("alone_only", False,
               "Report the bare Act only where it is the project's only legal basis."),
    ),
)


def is_bare_act(text: str) -> bool:
    return _SPACE.sub(" ", text).strip().rstrip(".").rstrip() == BARE_ACT


@RULE.checker
def check(project, context):
    field = project.field(FieldKey.LEGAL_BASIS)
    if field is None or not isinstance(field.value, ItemList):
        return
    items = field.value.nonempty
    bare = [item for item in items if is_bare_act(item.text)]
    if not bare:
        return
    others = len(items) - len(bare)
    if context.options["alone_only"] and others:
        return
    agreement = f"agreement {project.reference}" if project.reference else f"project {project.number}"
    beside = f" (next to {others} other item{'s' if others != 1 else ''})" if others else ""
    for item in bare:
        yield Finding(item.span, f"`{field.label}:` cites the bare `{BARE_ACT}`{beside}, not the section "
                                 f"(e.g. s261(2)(a), (b) or (c)) relied on for {agreement}")
