"""Another agreement's NIC reference mentioned in the project's free text.

What it checks
The free text (the Objectives, Yielded Benefits, Expected Benefits, Outputs and Processing bodies and
the Purposes statement) is searched for `(?:DARS-)?NIC-\\d+-[A-Z0-9]{5}`. Each match whose NIC key
(digits without leading zeros, and the suffix) differs from the project's own is reported at the
match. A reference glued to the word after it (`NIC-322238-S0R5Fexpiry`) is still found, and the
message says it is glued.

Why
Such references point to predecessor or related agreements (renewal chains, e.g. 002:37 "Renewal of
existing agreement (NIC-322238-S0R5F…"), which should be cross-checked: the earlier agreement's
releases and conditions carry over (RULES.md DRL037; NIC numbers and versions [S13]).

Known false positives
None known. Mentions of the project's own agreement are not reported.

Options
None.
"""

from __future__ import annotations

import re

from dreg_lint.primitives import free_text_matches, match_span, nic_key
from dreg_lint.rule import Example, Finding, Rule

#: ``(?:DARS-)?NIC-[0-9]+-[A-Z0-9]{5}`` written as two alternatives that start with a letter, so
#: that ``re`` skips to a `D` or an `N` instead of trying every position.
_EMBEDDED = re.compile(r"(?:DARS-NIC|NIC)-[0-9]+-[A-Z0-9]{5}")

_HEADER = "NHS Digital Data Release Register - reformatted\nNHS Example Ccg projects\n"
_PROJECT = ("Project 1 — NIC-20417-QW3RT\n"
            "Opt outs honoured: Y\n"
            "Objectives:\n"
            "Hospital data - renewal of the agreement ({reference}ending 2016) for the CCG.\n")

RULE = Rule(
    code="DRL037",
    name="embedded-reference-in-text",
    severity="info",
    groups=("references",),
    scope="project",
    doc=__doc__,
    bad=Example(_HEADER + _PROJECT.format(reference="NIC-19002-ZX8CV"), expect=("6:43",)),
    good=Example(_HEADER + _PROJECT.format(reference="DARS-NIC-020417-QW3RT ")),
)


@RULE.checker
def check(project, context):
    own = nic_key(project.reference)
    for where, line, match in free_text_matches(project, _EMBEDDED, needles=("NIC-",), fold=False):
        key = nic_key(match.group(0))
        if key is None or key == own:
            continue
        after = line.text[match.end(): match.end() + 1]
        glued = " (glued to the text after it)" if after.isalnum() else ""
        own_text = f" (the project's own is `{project.reference}`)" if project.reference else ""
        if len(own_text) > 100:
            own_text = ""
        found = match.group(0) if len(match.group(0)) <= 60 else match.group(0)[:57] + "..."
        yield Finding(match_span(line, match), f"{where} mentions another agreement `{found}`{glued}{own_text}")
