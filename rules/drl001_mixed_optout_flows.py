"""One agreement delivered files both with and without patient opt-outs applied.

What it checks
The `Opt outs honoured:` value of a project, split into tokens (after separating glued values such
as `…studYes - patient objections upheld`), holds at least one token saying opt-outs were applied
(`Y`, `Yes`, or `Yes - <reason>`) and at least one saying they were not (`N`, `No`, or
`No - <reason>`). The finding covers the first such pair of tokens on the line.

Why
The same data sharing agreement then released data both with and without patients' objections
removed. Because identifiers are consistent between files, the recipient can compare the two and
infer who opted out, or simply keep opted-out patients' records: the concern medConfidential states
in its own 🚩 flag [S2]. Opt-outs must be applied whenever s251 support is relied on [S15][S22].

Known false positives
One agreement often bundles flows with different legal bases (invoice validation, risk
stratification and commissioning under separate s251 approvals such as CAG 7-04(a)/2013 [S24]), so
mixing can be lawful; `No - DSfC for Invoice Validation Purposes` is an exempt flow [S17][S23]; a `Y`
on an anonymised file can be an artefact of the Date of Death column [S13]; and the page aggregates
all releases over years, so 2017 `Y`/`N` values sit next to 2019+ reasoned values.

Options
`bare_no_only` (default false): count only a bare `N` or `No` (no reason given) as "not applied", so
that reasoned exemptions such as `No - DSfC for Invoice Validation Purposes` or
`No - data flow is not identifiable` never make a project mixed. RULES.md mentions this variant.
"""

from __future__ import annotations

from dreg_lint.model import OptOutStatus, OptOutToken
from dreg_lint.primitives import opt_out_tokens
from dreg_lint.rule import Example, Finding, Option, Rule
from dreg_lint.span import Span

RULE = Rule(
    code="DRL001",
    name="mixed-optout-flows",
    severity="warning",
    groups=("opt-outs",),
    scope="project",
    doc=__doc__,
    bad=Example(
        "Example commissioning flows — DARS-NIC-10234-ABC12\n"
        "Type of data: information not disclosed for TRE projects\n"
        "Opt outs honoured: Y, N\n"
        "Legal basis: Health and Social Care Act 2012\n"
        "Objectives:\n"
        "To count outpatient clinic visits.\n",
        expect=("3:20",),
    ),
    good=Example(
        "Example commissioning flows — DARS-NIC-10234-ABC12\n"
        "Type of data: information not disclosed for TRE projects\n"
        "Opt outs honoured: No - data flow is not identifiable (Does not include the flow of confidential data)\n"
        "Legal basis: Health and Social Care Act 2012\n"
        "Objectives:\n"
        "To count outpatient clinic visits.\n",
    ),
    options=(
        Option("bare_no_only", False,
               "Count only a bare `N`/`No` as 'opt-outs not applied'; reasoned `No - ...` values are ignored."),
    ),
)


def _is_bare(token: OptOutToken) -> bool:
    return token.reason is None and token.text in ("N", "No")


@RULE.checker
def check(project, context):
    tokens = opt_out_tokens(project)
    applied = [t for t in tokens if t.status is OptOutStatus.YES]
    not_applied = [t for t in tokens if t.status is OptOutStatus.NO]
    if context.options["bare_no_only"]:
        not_applied = [t for t in not_applied if _is_bare(t)]
    if not applied or not not_applied:
        return
    yes, no = applied[0], not_applied[0]
    first, last = (yes, no) if yes.span.start <= no.span.start else (no, yes)
    span = Span(first.span.line, first.span.column, last.span.end_line, last.span.end_column,
                first.span.start, last.span.end)
    agreement = f"agreement {project.reference}" if project.reference else f"project {project.number}"
    yield Finding(span, f"opt-outs applied to some files (`{yes.text}`) and not to others (`{no.text}`) "
                        f"of {agreement}")
