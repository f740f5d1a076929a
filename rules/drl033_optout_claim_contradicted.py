"""The text promises that type 2 objections are applied, but some files went out without opt-outs.

What it checks
The free text (the Objectives, Yielded Benefits, Expected Benefits, Outputs and Processing bodies and
the Purposes statement) matches, case-insensitively, `type 2 objections will be applied`,
`apply type 2 objections` or `objections upheld`, and the project's `Opt outs honoured:` value
(after glue splitting) has at least one NO token (`N`, `No`, or `No - <reason>`). Each such sentence
is reported at the matched words, citing the first NO token and its line.

Why
The processing text promises that patients' type 2 objections are applied [S20], while the
register records files of the same agreement released without opt-outs applied; a reader cannot
tell which statement is true for which file.

Known false positives
The promise usually covers only identifiable data leaving the DSCRO (000:720 "before any
identifiable data leaves the DSCRO"), while the NO may refer to pseudonymised or anonymised files
(`No - data flow is not identifiable`), where opt-outs do not apply [S22].

Options
`bare_no_only` (default false): count only bare `N`/`No` tokens (no reason recorded) as
contradicting the promise, so that reasoned exemptions such as `No - data flow is not identifiable`
or `No - consent provided by participants of research study` do not trigger the rule. The
catalogue counts every NO token; on the seeds both settings flag the same projects.
"""

from __future__ import annotations

import re

from dreg_lint.model import OptOutStatus
from dreg_lint.primitives import free_text_matches, match_span, opt_out_tokens
from dreg_lint.rule import Example, Finding, Option, Rule

_PROMISES = ("type 2 objections will be applied", "apply type 2 objections", "objections upheld")
_PROMISE = re.compile("|".join(_PROMISES), re.IGNORECASE)
#: The same, one pattern each, for ``free_text_matches`` to search the text's ASCII lowered with:
#: ``re`` tries a case-insensitive pattern at every position, and finds a plain string at once.
_PROMISE_LOWERED = tuple(re.compile(re.escape(promise).encode("ascii")) for promise in _PROMISES)

_HEADER = "NHS Digital Data Release Register - reformatted\nNHS Example Ccg projects\n"
_PROJECT = ("Project 4 — NIC-20417-QW3RT\n"
            "Opt outs honoured: {optouts}\n"
            "Legal basis: Section 251 approval is in place for the flow of identifiable data\n"
            "Processing:\n"
            "The regional office will apply type 2 objections before identifiable data leaves it.\n")

RULE = Rule(
    code="DRL033",
    name="optout-claim-contradicted",
    severity="info",
    groups=("opt-outs",),
    scope="project",
    doc=__doc__,
    bad=Example(_HEADER + _PROJECT.format(optouts="N, Y"), expect=("7:26",)),
    good=Example(_HEADER + _PROJECT.format(optouts="Y")),
    options=(Option("bare_no_only", False,
                    "Only bare `N`/`No` tokens (no reason recorded) contradict the promise."),),
)


def _contradicting(project, bare_only: bool):
    for token in opt_out_tokens(project):
        if token.status is OptOutStatus.NO and (not bare_only or not token.reason):
            return token
    return None


@RULE.checker
def check(project, context):
    token = _contradicting(project, context.options["bare_no_only"])
    if token is None:
        return
    shown = token.text if len(token.text) <= 60 else token.text[:57] + "..."
    for where, line, match in free_text_matches(project, _PROMISE, needles=("objections",),
                                                lowered=_PROMISE_LOWERED):
        yield Finding(match_span(line, match),
                      f"{where} says `{match.group(0)}` but opt-outs were not applied to some files "
                      f"(`{shown}` at line {token.span.line})")
