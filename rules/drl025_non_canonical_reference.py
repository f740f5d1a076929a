"""A project reference that is not in the canonical `DARS-NIC-<number>-<suffix>` form.

What it checks
The project's reference (after the last ` — ` of its heading, or the `HSCIC Id:` value on the oldest
pages) must match `^DARS-NIC-\\d{4,6}-[A-Z0-9]{5}(-v\\d+(\\.\\d+)*)?$` in full: the `DARS-NIC-`
prefix, 4 to 6 digits, a 5-character upper-case suffix and an optional version such as `-v4.6`.
Anything else is reported at the reference: prefix-less `NIC-120064-Z5S8S`, bare codes such as
`PHECancerReg`, 7-digit numbers, lower-case suffixes. Where the reference carries a NIC number, the
message suggests the canonical form. Projects with no reference at all are not reported here.

Why
The canonical DARS form is what NHS Digital's register uses (`DARS-NIC-06605-X1L9Z-v4.6` in the
2017 register [S13]). Prefix-less `NIC-` rows come from older registers and are not linked to their
`DARS-` twin on the same page (see DRL026, 000:144 and 000:412), so tools that match agreements by
reference miss them. Non-NIC references such as `PHECancerReg` also exist on older pages [S8].

Known false positives
None known in the catalogue. Some newer compact pages print `NIC-791919-T4Y0Y` without `DARS-` for
every project (FORMAT.md section 8), where the missing prefix is the page's style rather than a
stale row; the `allow_prefixless` option accepts that form.

Options
`allow_prefixless` (default false): also accept `NIC-<digits>-<suffix>` without the `DARS-`
prefix. The catalogue reports it, because the prefix-less form is what keeps an agreement apart
from its `DARS-` twin.
"""

from __future__ import annotations

import re

from dreg_lint.primitives import CANONICAL_REFERENCE, reference_span
from dreg_lint.rule import Example, Finding, Option, Rule

_PREFIXLESS = re.compile(r"NIC-[0-9]{4,6}-[A-Z0-9]{5}(?:-v[0-9]++(?:\.[0-9]++)*+)?")
_NIC_PART = re.compile(r"NIC-([0-9]+)-([A-Za-z0-9]{5})")

_PAGE = ("NHS Digital Data Release Register - reformatted\n"
         "NHS Example Ccg projects\n"
         "Project 1 — DARS-NIC-20417-QW3RT\n"
         "Opt outs honoured: Y\n"
         "Legal basis: Health and Social Care Act 2012\n"
         "Project 2 — NIC-20418-QW3RU\n"
         "Opt outs honoured: N\n"
         "Legal basis: Health and Social Care Act 2012\n")

RULE = Rule(
    code="DRL025",
    name="non-canonical-reference",
    severity="warning",
    groups=("references",),
    scope="project",
    doc=__doc__,
    bad=Example(_PAGE, expect=("6:13",)),
    good=Example(_PAGE.replace("— NIC-20418", "— DARS-NIC-20418")),
    options=(Option("allow_prefixless", False,
                    "Accept `NIC-<digits>-<suffix>` references without the `DARS-` prefix."),),
)


def is_canonical(reference: str, allow_prefixless: bool = False) -> bool:
    if not reference.isascii():
        return False
    if CANONICAL_REFERENCE.fullmatch(reference):
        return True
    return allow_prefixless and _PREFIXLESS.fullmatch(reference) is not None


def suggestion(reference: str) -> str | None:
    """The canonical form of a reference that carries a NIC number, if it can be made canonical."""
    match = _NIC_PART.search(reference)
    if match is None:
        return None
    candidate = f"DARS-NIC-{match.group(1)}-{match.group(2).upper()}"
    return candidate if is_canonical(candidate) else None


@RULE.checker
def check(project, context):
    reference = project.reference
    span = reference_span(project)
    if reference is None or span is None:
        return
    if is_canonical(reference, context.options["allow_prefixless"]):
        return
    if not reference:
        yield Finding(span, "the heading has no reference after its dash: the agreement cannot be identified")
        return
    shown = reference if len(reference) <= 80 else reference[:77] + "..."
    canonical = suggestion(reference)
    hint = f"; canonical form would be `{canonical}`" if canonical else ""
    yield Finding(span, f"reference `{shown}` is not in the canonical `DARS-NIC-<digits>-<suffix>` form{hint}")
