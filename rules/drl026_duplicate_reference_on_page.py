"""Two projects on one page with the same NIC agreement number.

What it checks
Every project's reference is reduced to its NIC key: the digits of `NIC-<digits>-<suffix>` without
leading zeros, and the 5-character suffix, so `DARS-NIC-82396-W4F5T`, `NIC-82396-W4F5T` and
`DARS-NIC-082396-W4F5T-v2.1` are one agreement. When two or more projects of one page share a key,
every occurrence after the first is reported at its reference, citing the line of the first.
References without a NIC number (`PHECancerReg`) are not compared.

Why
One agreement split into two entries, typically one with and one without the `DARS-` prefix
(000:144 `DARS-NIC-120064-Z5S8S` and 000:412 `NIC-120064-Z5S8S`), shows its opt-out mix, dates and
metadata in two halves; an analysis per agreement (mixed opt-outs, DRL001/DRL035) must merge them.
The reference rules of RULES.md section 2; NIC numbers span several DSA versions [S13].

Known false positives
None known. Versions of one DSA (`-v4.6`, `-v5.5` of one NIC [S13]) are legitimately one agreement
and are reported as duplicates unless `versions_distinct` is set.

Options
`report_all` (default false): report every occurrence of a shared key, the first included, each
citing the other lines (4 findings on seed 000 instead of 2). The catalogue reports only the
occurrences after the first.
`versions_distinct` (default false): treat references that carry different version suffixes
(`-v4.6` vs `-v5.5`) as different agreements. A reference without a version matches any version.
"""

from __future__ import annotations

import re

from dreg_lint.primitives import nic_key, reference_span
from dreg_lint.rule import Example, Finding, Option, Rule

_NIC_TEXT = re.compile(r"NIC-[0-9]+-[A-Z0-9]{5}")
_VERSION = re.compile(r"-v([0-9][0-9.]*)$")

_PAGE = ("NHS Digital Data Release Register - reformatted\n"
         "NHS Example Ccg projects\n"
         "Project 1 — DARS-NIC-20417-QW3RT\n"
         "Opt outs honoured: Y\n"
         "Project 2 — DARS-NIC-20418-QW3RU\n"
         "Opt outs honoured: Y\n"
         "Project 3 — NIC-020417-QW3RT\n"
         "Opt outs honoured: N\n")

RULE = Rule(
    code="DRL026",
    name="duplicate-reference-on-page",
    severity="warning",
    groups=("references",),
    scope="page",
    doc=__doc__,
    bad=Example(_PAGE, expect=("7:13",)),
    good=Example(_PAGE.replace("NIC-020417-QW3RT", "NIC-20419-QW3RV")),
    options=(
        Option("report_all", False,
               "Report every occurrence of a shared NIC key, the first one included."),
        Option("versions_distinct", False,
               "References with different `-vN` version suffixes are different agreements."),
    ),
)


def _version(reference: str) -> str | None:
    match = _VERSION.search(reference)
    return match.group(1) if match else None


def _nic_text(reference: str) -> str:
    match = _NIC_TEXT.search(reference)
    return match.group(0) if match else reference


def _groups(projects, versions_distinct: bool) -> list[list]:
    """Projects sharing a NIC key, in page order (only groups of two or more)."""
    by_key: dict[tuple[str, str], list] = {}
    for project in projects:
        if reference_span(project) is None:
            continue
        key = nic_key(project.reference)
        if key is not None:
            by_key.setdefault(key, []).append(project)
    groups = []
    for members in by_key.values():
        if not versions_distinct:
            groups.append(members)
            continue
        # Split by version; an unversioned reference joins every version group.
        versions = {v for v in (_version(p.reference) for p in members) if v is not None}
        if len(versions) <= 1:
            groups.append(members)
            continue
        for version in sorted(versions):
            groups.append([p for p in members if _version(p.reference) in (version, None)])
    return [group for group in groups if len(group) > 1]


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _lines(projects) -> str:
    lines = [str(p.line) for p in projects]
    if len(lines) > 5:
        lines = lines[:5] + [f"and {len(projects) - 5} more"]
    return ("line " if len(projects) == 1 else "lines ") + ", ".join(lines)


@RULE.checker
def check(document, context):
    reported: set[int] = set()
    for group in _groups(document.projects, context.options["versions_distinct"]):
        first = group[0]
        for index, project in enumerate(group):
            if id(project) in reported:
                continue
            agreement = _short(_nic_text(project.reference))
            if index == 0:
                if not context.options["report_all"]:
                    continue
                message = (f"reference `{_short(project.reference)}`: agreement {agreement} is listed again on "
                           f"this page at {_lines(group[1:])}")
            else:
                message = (f"reference `{_short(project.reference)}` repeats agreement {agreement} first listed "
                           f"at line {first.line} (`{_short(first.reference)}`)")
            reported.add(id(project))
            yield Finding(reference_span(project), message, project=project)
