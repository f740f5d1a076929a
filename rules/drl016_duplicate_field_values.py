"""One field lists the same value twice, typed differently or identically.

What it checks
Within each of `Legal basis`, `Access method`, `Data-controller type`, `Sublicensing allowed`,
`Sensitive`, `Type of data` and `Opt outs honoured` (its values before the parenthesis, as written,
before glued values are separated), the items split on `,` outside parentheses are compared after
NORM: lower case, dashes folded, everything but letters and digits dropped (a leading `and ` of a
`Sensitive` item is dropped first). Parts joined by `;` stay one item. A value whose key comes
back is reported once, at its first repeat, naming the first occurrence (and how many copies there
are when there are more than two: a value pasted thousands of times is one problem, not thousands).

Why
Case and punctuation variants (`Frequent adhoc flow` / `Frequent Adhoc Flow`, `Health and Social Care
Act 2012 – s261(1) …` with and without the en dash, `Non Sensitive` / `Non-Sensitive`) are the same
register value typed differently. They inflate the lists, suggest more distinct bases or methods than
there are, and defeat exact matching by anyone processing the register (seed 000:24, 001:11, 001:13).

Known false positives
`N` and `No` (or `Y` and `Yes`) mean the same but come from different register eras; their keys
differ and they are not reported. Items joined by `;` are one register value and are not split
here, so `…s261(7); National Health Service Act 2006 - s251 …` does not duplicate a separate
`National Health Service Act 2006 - s251 …` item (seed 000:16). Controller names with a comma
inside (`NHS HEYWOOD, MIDDLETON AND ROCHDALE CCG`) are split, which can only hide duplicates.

Options
None.
"""

from __future__ import annotations

import re

from dreg_lint.model import FieldKey, ItemList, ListItem, OptOuts
from dreg_lint.primitives import norm
from dreg_lint.rule import Example, Finding, Rule

FIELDS = (
    FieldKey.TYPE_OF_DATA,
    FieldKey.OPT_OUTS,
    FieldKey.LEGAL_BASIS,
    FieldKey.SENSITIVE,
    FieldKey.ACCESS_METHOD,
    FieldKey.DATA_CONTROLLERS,
    FieldKey.SUBLICENSING,
)
_AND = re.compile(r"^and\s+", re.IGNORECASE)

RULE = Rule(
    code="DRL016",
    name="duplicate-field-values",
    severity="info",
    groups=("hygiene",),
    scope="project",
    doc=__doc__,
    bad=Example(
        "DSfC - Example CCG - Comm — DARS-NIC-77001-ZX4CV\n"
        "Opt outs honoured: No - data flow is not identifiable\n"
        "Legal basis: Health and Social Care Act 2012 – s261(2)(b)(ii), Health and Social Care Act 2012 "
        "s261(2)(b)(ii)\n"
        "Access method: Frequent adhoc flow, One-Off, Frequent Adhoc Flow\n"
        "Objectives:\n"
        "To plan local urgent care services.\n",
        expect=("3:64", "4:46"),
    ),
    good=Example(
        "DSfC - Example CCG - Comm — DARS-NIC-77001-ZX4CV\n"
        "Opt outs honoured: N, No\n"
        "Legal basis: Health and Social Care Act 2012 – s261(7); National Health Service Act 2006 - s251 - "
        "'Control of patient information'., National Health Service Act 2006 - s251 - "
        "'Control of patient information'.\n"
        "Access method: Frequent Adhoc Flow, One-Off\n"
        "Objectives:\n"
        "To plan local urgent care services.\n",
    ),
)


def _items(key: FieldKey, value) -> list[ListItem]:
    if key is FieldKey.OPT_OUTS:
        return list(value.head.items) if isinstance(value, OptOuts) else []
    if not isinstance(value, ItemList):
        return []
    return value.groups(",")


@RULE.checker
def check(project, context):
    agreement = f"agreement {project.reference}" if project.reference else f"project {project.number}"
    for key in FIELDS:
        field = project.field(key)
        if field is None or "," not in field.raw:
            continue  # items are split on commas: without one there is one item at most
        copies: dict[str, list] = {}  # key -> [first item, first repeat, number of copies]
        for item in _items(key, field.value):
            text = _AND.sub("", item.text) if key is FieldKey.SENSITIVE else item.text
            item_key = norm(text)
            if not item_key:
                continue
            entry = copies.get(item_key)
            if entry is None:
                copies[item_key] = [item, None, 1]
            else:
                entry[2] += 1
                if entry[1] is None:
                    entry[1] = item
        for first, item, count in copies.values():
            if item is None:
                continue
            if first.text == item.text:
                what = f"repeats `{first.text}` (first at column {first.span.column})"
            else:
                what = f"repeats `{first.text}` (column {first.span.column}) as `{item.text}`"
            more = f" ({count} copies in all)" if count > 2 else ""
            yield Finding(item.span, f"`{field.label}:` {what}{more} in {agreement}")
