"""Opt-outs were not applied, with no reason given, to an identifiable or s251 flow.

What it checks
The `Opt outs honoured:` value holds a bare `N` or `No` (a "not applied" value with no reason text)
and the project is identifiable: `Identifiable` is among the Type of data items or the opt-out
tokens, or its Legal basis matches `\\bs(?:ection)?\\.?\\s*251\\b` (s251 of the NHS Act 2006, case
insensitive). The finding covers the first bare `N`/`No`.

Why
When confidential patient information flows with s251 support, the national data opt-out (and
before it type 2 objections) applies unless the flow has a specific exemption [S15][S22]. Reasoned
exemptions are recorded as `No - <reason>` values (consent, invoice validation, "data flow is not
identifiable"), so a bare `N` records no exemption at all.

Known false positives
The bare `N` may belong to the project's non-identifiable files: the page aggregates every file of
the agreement and does not say which value goes with which file. 2017-era register rows had no
reason values at all [S13]. Invoice validation under CAG 7-07 is exempt [S17][S23] even when
recorded as `N`. A `No` at the very end of a page cut off inside the project (DRL903) is not
reported: it may be the start of a reasoned `No - …` value.

Options
`use_legal_basis` (default true): count an s251 legal basis as a sign of an identifiable flow. Set it
to false to report only projects explicitly marked `Identifiable`, since an s251 basis may cover only
some of the agreement's files.
"""

from __future__ import annotations

import re

from dreg_lint.model import FieldKey, OptOutStatus, Text
from dreg_lint.primitives import cut_line, is_identifiable, items, opt_out_tokens
from dreg_lint.rule import Example, Finding, Option, Rule

S251 = re.compile(r"\bs(?:ection)?\.?\s*251\b", re.IGNORECASE)

RULE = Rule(
    code="DRL011",
    name="optout-not-applied-to-identifiable-flow",
    severity="warning",
    groups=("opt-outs", "legal-basis"),
    scope="project",
    doc=__doc__,
    bad=Example(
        "Project 1 — NIC-11011-VB3NM\n"
        "Type of data: information not disclosed for TRE projects\n"
        "Opt outs honoured: Y, N\n"
        "Legal basis: Section 251 approval is in place for the flow of identifiable data\n"
        "Objectives:\n"
        "To stratify patients by risk of admission.\n",
        expect=("3:23",),
    ),
    good=Example(
        "Project 1 — NIC-11011-VB3NM\n"
        "Type of data: information not disclosed for TRE projects\n"
        "Opt outs honoured: N\n"
        "Legal basis: Health and Social Care Act 2012\n"
        "Objectives:\n"
        "To stratify patients by risk of admission.\n",
    ),
    options=(
        Option("use_legal_basis", True, "Count an s251 legal basis as a sign of an identifiable flow "
                                        "(false: only an explicit `Identifiable` value counts)."),
    ),
)


def _shorten(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _identifiable_evidence(project) -> str | None:
    if not is_identifiable(project):
        return None
    type_of_data = items(project, FieldKey.TYPE_OF_DATA)
    for item in type_of_data.items if type_of_data is not None else ():
        if item.text.lower() == "identifiable":
            label = project.field(FieldKey.TYPE_OF_DATA).label
            return f"`{item.text}` in `{label}` at line {item.span.line}"
    for token in opt_out_tokens(project):
        if token.status is OptOutStatus.IDENTIFIABLE:
            return f"`{token.text}` in `Opt outs honoured` at line {token.span.line}"
    data_format = project.value(FieldKey.FORMAT)
    if isinstance(data_format, Text):
        return f"`{data_format.text}` in `Format` at line {data_format.span.line}"
    return "`Identifiable`"


def _s251_evidence(project) -> str | None:
    basis = items(project, FieldKey.LEGAL_BASIS)
    if basis is None:
        return None
    for item in basis.items:
        if S251.search(item.text):
            return f"`{_shorten(item.text)}` in `Legal basis` at line {item.span.line}"
    return None


@RULE.checker
def check(project, context):
    tokens = opt_out_tokens(project)
    bare = [t for t in tokens if t.status is OptOutStatus.NO and t.reason is None and t.text in ("N", "No")]
    if bare and bare[-1] is tokens[-1] and bare[-1].span.line == cut_line(context.document, project):
        bare.pop()  # the page was cut off here: the `No` may be the start of `No - <reason>`
    if not bare:
        return
    evidence = _identifiable_evidence(project)
    if evidence is not None:
        why = f"the flow is identifiable ({evidence})"
    elif context.options["use_legal_basis"] and (evidence := _s251_evidence(project)) is not None:
        why = f"the flow relies on s251 ({evidence})"
    else:
        return
    yield Finding(bare[0].span, f"opt-outs not applied (`{bare[0].text}`) with no exemption reason, although {why}")
