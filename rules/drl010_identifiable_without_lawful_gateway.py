"""Identifiable data flowed with no basis that lifts the duty of confidentiality.

What it checks
The project is identifiable (`Identifiable` among the Type of data items or the opt-out tokens, or
a legacy `Categories:`/`Format:` value saying so) and none of the gateway patterns matches the
Legal basis value, the parenthesised confidentiality-basis list of `Opt outs honoured` or its
opt-out tokens. The default patterns (case-insensitive) are: s251 of the NHS Act 2006
(`\\bs(?:ection)?\\.?\\s*251\\b`), `control of patient information` (COPI Regulations 2002), COPI
regulations 2, 3 and 5 (`\\bregulation\\s*[235]\\b|regulat\\w*\\s*\\(\\s*[235]\\s*\\)`), `\\bconsent`,
HSCA 2012 s261(2)(c) (`s261\\s*\\(2\\)\\s*\\(c\\)`), the Statistics and Registration Service Act
(`statistic\\w*\\s+(?:and\\s+)?registration\\s+service\\s+act|\\bsrsa\\b`, which also reads the
spelling `Statistical Registration Service Act` that real pages use), `statutory exemption` and
`court order`. Not
gateways on their own: the bare `Health and Social Care Act 2012`, s261(1), s261(2)(a), s261(2)(b)(ii),
the s261 heading, the 2023 De-Identified Data Directions, and s261(7) or s261(5)(d). The finding
covers the Legal basis value (or the `Identifiable` value where the basis is empty).

Why
Identifiable confidential patient information needs a basis that sets aside the common-law duty of
confidentiality: s251 support under the COPI Regulations after CAG approval [S15][S22], consent
[S17][S18][S20][S22], a statutory requirement or court order [S18][S31], COPI regulation 3 for
public-health risks [S16][S27], or an overriding public interest [S16][S18]. HSCA 2012 s261(2)(b)(ii)
covers information identifying providers ("relevant persons"), not patients [S25][S26]. The texts of
s261(7) and s261(5)(d) are UNVERIFIED (observed only next to s251/regulation 3 or on anonymised
flows [S3][S7]); SRSA scope is UNVERIFIED too.

Known false positives
Direct-care flows (a dataset "… FOR DIRECT CARE" [S8]) need no secondary-use gateway; an overriding
public interest is never written as a phrase on these pages; the `Identifiable` value may describe
only some files of a project that mixes flows. RULES.md's pattern for the Statistics and
Registration Service Act misses the spelling `Statistical Registration Service Act 2007` that real
pages use for approved-researcher flows; the default here reads both. A project cut off by the end of the page (DRL903)
is not reported when its Legal basis or opt-out line may have lost a gateway to the cut.

Options
`gateways` (list of regular expressions, default the eight patterns above): what counts as a lawful
gateway; matched case-insensitively against the legal basis, the confidentiality bases and the
opt-out values. `unverified_s261` (default `"error"`): how a basis that rests only on s261(7) or
s261(5)(d) is treated: `"error"` reports it like any missing gateway (RULES.md's reading),
`"warning"` reports it at warning severity asking to verify the basis, `"gateway"` accepts it.
"""

from __future__ import annotations

import functools
import re

from dreg_lint.diagnostics import Severity
from dreg_lint.model import FieldKey, OptOuts, OptOutStatus, Text
from dreg_lint.primitives import cut_line, items, opt_out_tokens, value_text_span
from dreg_lint.rule import Example, Finding, Option, Rule

GATEWAYS = [
    r"\bs(?:ection)?\.?\s*251\b",
    r"control of patient information",
    r"\bregulation\s*[235]\b|regulat\w*\s*\(\s*[235]\s*\)",
    r"\bconsent",
    r"s261\s*\(2\)\s*\(c\)",
    r"statistic\w*\s+(?:and\s+)?registration\s+service\s+act|\bsrsa\b",
    r"statutory exemption",
    r"court order",
]

#: HSCA 2012 s261(7) and s261(5)(d), whose texts are unverified.
UNVERIFIED_S261 = re.compile(r"s261\s*\(\s*7\s*\)|s261\s*\(\s*5\s*\)\s*\(\s*d\s*\)", re.IGNORECASE)

TREATMENTS = ("error", "warning", "gateway")

RULE = Rule(
    code="DRL010",
    name="identifiable-without-lawful-gateway",
    severity="error",
    groups=("legal-basis", "privacy"),
    scope="project",
    doc=__doc__,
    bad=Example(
        "Outpatient follow-up study — DARS-NIC-10010-GH8JK\n"
        "Type of data: Identifiable\n"
        "Opt outs honoured: N\n"
        "Legal basis: Health and Social Care Act 2012, Health and Social Care Act 2012 s261(2)(b)(ii)\n"
        "Objectives:\n"
        "To follow up patients after clinic discharge.\n",
        expect=("4:14",),
    ),
    good=Example(
        "Outpatient follow-up study — DARS-NIC-10010-GH8JK\n"
        "Type of data: Identifiable\n"
        "Opt outs honoured: Yes - patient objections upheld (Section 251 NHS Act 2006)\n"
        "Legal basis: Section 251 approval is in place for the flow of identifiable data\n"
        "Objectives:\n"
        "To follow up patients after clinic discharge.\n",
    ),
    options=(
        Option("gateways", list(GATEWAYS), "Regular expressions (case-insensitive) naming a lawful gateway for "
                                           "identifiable data."),
        Option("unverified_s261", "error", "How a basis resting only on s261(7)/s261(5)(d) is treated: "
                                           "'error' (not a gateway), 'warning' (report, verify), 'gateway' (accept)."),
    ),
)


def _shorten(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _evidence(project):
    """The value that makes the project identifiable: (where, span), or None."""
    type_of_data = items(project, FieldKey.TYPE_OF_DATA)
    if type_of_data is not None:
        for item in type_of_data.items:
            if item.text.lower() == "identifiable":
                label = project.field(FieldKey.TYPE_OF_DATA).label
                return f"`{item.text}` in `{label}` at line {item.span.line}", item.span
    for token in opt_out_tokens(project):
        if token.status is OptOutStatus.IDENTIFIABLE:
            return f"`{token.text}` in `Opt outs honoured` at line {token.span.line}", token.span
    data_format = project.value(FieldKey.FORMAT)
    if isinstance(data_format, Text) and data_format.text.lower().startswith("identifiable"):
        return f"`{data_format.text}` in `Format` at line {data_format.span.line}", data_format.span
    return None


@functools.lru_cache(maxsize=16)
def _compile(patterns: tuple[str, ...]) -> list[re.Pattern[str]]:
    compiled = []
    for pattern in patterns:
        try:
            compiled.append(re.compile(pattern, re.IGNORECASE))
        except re.error as error:
            raise ValueError(f"option gateways: invalid regular expression {pattern!r}: {error}") from None
    return compiled


@RULE.checker
def check(project, context):
    treatment = context.options["unverified_s261"]
    if treatment not in TREATMENTS:
        raise ValueError(f"option unverified_s261 must be one of {', '.join(TREATMENTS)}, not {treatment!r}")
    gateways = _compile(tuple(context.options["gateways"]))
    evidence = _evidence(project)
    if evidence is None:
        return
    where, evidence_span = evidence
    basis_field = project.field(FieldKey.LEGAL_BASIS)
    cut = cut_line(context.document, project)
    if cut is not None:
        opt_field = project.field(FieldKey.OPT_OUTS)
        if (basis_field is None and not project.sections or basis_field is not None and basis_field.span.line == cut
                or opt_field is not None and opt_field.span.line == cut):
            return  # a gateway may have been lost to the cut of the page
    basis = basis_field.raw.strip() if basis_field is not None else ""
    parts = [basis]
    opt_outs = project.value(FieldKey.OPT_OUTS)
    if isinstance(opt_outs, OptOuts):
        parts += [token.text for token in opt_outs.tokens]
        if opt_outs.basis is not None:
            parts += opt_outs.basis.texts
    text = "\n".join(parts)
    if any(gateway.search(text) for gateway in gateways):
        return
    unverified = UNVERIFIED_S261.search(text)
    if unverified is not None and treatment == "gateway":
        return
    span = value_text_span(basis_field) if basis else evidence_span
    quoted = f"legal basis `{_shorten(basis)}`" if basis else "an empty legal basis"
    if unverified is not None and treatment == "warning":
        yield Finding(span, f"identifiable data ({where}) rests only on `{unverified.group(0)}`, whose scope is "
                            f"unverified: check that it lifts the duty of confidentiality", severity=Severity.WARNING)
        return
    yield Finding(span, f"identifiable data ({where}) with no lawful gateway for confidential patient "
                        f"information in {quoted} or the opt-out bases")
