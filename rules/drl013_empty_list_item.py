"""A list value with an empty item: a register value left blank.

What it checks
The list fields `Legal basis`, `Access method`, `Data-controller type`, `Sublicensing allowed`,
`Sensitive` and `Type of data` are split on `,` and `;` outside parentheses; where the value is not
empty but one of its items is (a leading `, `, a doubled `, ,`, a trailing `,`), that item is
reported. For `Opt outs honoured` the values before the trailing parenthesis and the
confidentiality-basis list inside it are checked the same way (`Identifiable (, )`). Each empty item
is one finding, at the zero-width position where it stands. An empty field as a whole (`Sublicensing
allowed:` with nothing after it) is not an empty item; other rules report missing values.

Why
An empty item means a register value was blank: for example a legal basis listed for some files of
the agreement is missing, or a confidentiality basis was never recorded. Such lines occur on real
pages: `Legal basis: , Other-NHS Regulatons (3); Section 42(4) …` and
`Opt outs honoured: Identifiable (, )` on Public Health England's page [S2]. Readers and tools
cannot tell whether a blank stands for "none" or for a value lost in the export.

Known false positives
A space before a comma is not an empty item: `…'Control of patient information'. , Health and Social
Care Act 2012 – s261(7); …` (seed 000:16, 003:7) splits into non-empty items and is not reported.
Commas inside parentheses do not split (`Identifiable (Section 251, Section 251 NHS Act 2006)`). An
empty parenthesis after the opt-out values (`N ()`) holds no item at all and is not reported. In
`Sensitive` values joined with `, and `, a bare `and` between two commas counts as an empty item.

Options
None.
"""

from __future__ import annotations

import hashlib

from dreg_lint.model import FieldKey, ItemList, ListItem, OptOuts
from dreg_lint.rule import Example, Finding, Rule

#: The list fields checked, in the order they are reported when several have empty items.
LIST_FIELDS = (
    FieldKey.TYPE_OF_DATA,
    FieldKey.LEGAL_BASIS,
    FieldKey.SENSITIVE,
    FieldKey.ACCESS_METHOD,
    FieldKey.DATA_CONTROLLERS,
    FieldKey.SUBLICENSING,
)

RULE = Rule(
    code="DRL013",
    name="empty-list-item",
    severity="warning",
    groups=("hygiene", "legal-basis"),
    scope="project",
    doc=__doc__,
    bad=Example(
        "Regional cancer audit — DARS-NIC-31415-KD9PQ\n"
        "Opt outs honoured: Identifiable (, )\n"
        "Legal basis: , Other-NHS Regulatons (3); Section 42(4) of an example statute\n"
        "Access method: One-Off\n"
        "Objectives:\n"
        "To describe survival after diagnosis.\n",
        expect=("2:34", "2:36", "3:14"),
    ),
    good=Example(
        "Regional cancer audit — DARS-NIC-31415-KD9PQ\n"
        "Opt outs honoured: Identifiable (Section 251, Section 251 NHS Act 2006)\n"
        "Legal basis: National Health Service Act 2006 - s251 - 'Control of patient information'. , "
        "Health and Social Care Act 2012 – s261(7)\n"
        "Access method: One-Off\n"
        "Objectives:\n"
        "To describe survival after diagnosis.\n",
    ),
)


def _agreement(project) -> str:
    return f"agreement {project.reference}" if project.reference else f"project {project.number}"


def _is_empty(item: ListItem, key: FieldKey | None) -> bool:
    if not item.text:
        return True
    # "Sensitive, and , and Non-Sensitive": the parser strips "and " before a value, but a lone
    # "and" between two commas is left behind; it stands for nothing.
    return key is FieldKey.SENSITIVE and item.text.lower() == "and"


def _where(items: tuple[ListItem, ...], index: int) -> str:
    before = items[index].separator
    after = items[index + 1].separator if index + 1 < len(items) else ""
    if not before and not after:
        return "nothing between the separators"
    if not before:
        return f"nothing before the first `{after}`"
    if not after:
        return f"nothing after the last `{before}`"
    return f"nothing between `{before}` and `{after}`"


def _empty_items(items: ItemList, key: FieldKey | None):
    for index, item in enumerate(items.items):
        if _is_empty(item, key):
            yield index, item, _where(items.items, index)


def _digest(field) -> str:
    # Empty items have zero-width spans, so the fingerprint is made of the field's whole value and
    # the item's position; a digest keeps that small however long the value is. Only computed for
    # a field with an empty item: hashing every field of every project costs more than the rule.
    return hashlib.sha256(field.raw.strip().encode("utf-8", "surrogatepass")).hexdigest()[:16]


@RULE.checker
def check(project, context):
    found = []
    for key in LIST_FIELDS:
        field = project.field(key)
        if field is None or field.empty or not isinstance(field.value, ItemList):
            continue
        digest = None  # made once per field: a value of 300,000 commas has as many empty items
        for index, item, where in _empty_items(field.value, key):
            digest = digest or _digest(field)
            found.append((item.span, f"empty item in `{field.label}:` ({where})",
                          f"{field.label}: {digest} #{index}"))
    field = project.field(FieldKey.OPT_OUTS)
    if field is not None and not field.empty and isinstance(field.value, OptOuts):
        optouts = field.value
        digest = None
        for index, item, where in _empty_items(optouts.head, None):
            digest = digest or _digest(field)
            found.append((item.span, f"empty opt-out value in `{field.label}:` ({where})",
                          f"{field.label}: {digest} #head{index}"))
        if optouts.basis is not None:
            for index, item, where in _empty_items(optouts.basis, None):
                digest = digest or _digest(field)
                found.append((item.span, f"empty item in the confidentiality basis `(…)` of "
                                         f"`{field.label}:` ({where})",
                              f"{field.label}: {digest} #basis{index}"))
    agreement = _agreement(project)
    for span, message, flagged in sorted(found, key=lambda entry: entry[0].start):
        yield Finding(span, f"{message} of {agreement}", flagged=flagged)
