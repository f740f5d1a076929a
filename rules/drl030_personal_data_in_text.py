"""Personal data in the free text: an email address, a UK phone number, a postcode or a named person.

What it checks
The free text (the Objectives, Yielded Benefits, Expected Benefits, Outputs and Processing bodies and
the Purposes statement) is searched for four kinds of personal data, each reported at the match:
an email address (`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}`), a UK phone number
(`(?:\\+44\\s?|0)(?:\\d\\s?){9,10}` with no digit around it; the match ends on its last digit), a postcode
(`\\b[A-Z]{1,2}\\d[A-Z\\d]?\\s*\\d[A-Z]{2}\\b`), at warning; and a person named with a title
(`Mr`, `Mrs`, `Ms`, `Miss`, `Dr`, `Prof`, `Professor`, `Sir`, `Dame`, `Superintendent`, then two or
more capitalised words, e.g. `Professor Sir Bruce Keogh`), at info. Digits are ASCII digits; the
email pattern only starts where the address can start (not inside a longer run of address
characters), which finds the same addresses without quadratic scanning.

Why
Personal data about individuals should not be published in a data-release register; the free text
comes from the applications and sometimes carries contact details or names (RULES.md DRL030).
A named person is usually a member of staff quoted in a testimonial, hence info.

Known false positives
Testimonials from named public officials (001:86, `Professor Sir Bruce Keogh`,
`Superintendent Sean Russell`) are staff, not patients; organisations' own postcodes and switchboard
numbers are not personal data. Names without a title (`Andy Williams—Accountable Officer`, 001:86)
are missed (false negative).

Options
`kinds` (default `["email", "phone", "postcode", "person"]`): the kinds of personal data searched
for; remove `person` to skip named people, for example.
"""

from __future__ import annotations

import re

from dreg_lint.diagnostics import Severity
from dreg_lint.primitives import free_text_matches, match_span, word_patterns
from dreg_lint.rule import Example, Finding, Option, Rule

_TITLES = ("Mr", "Mrs", "Ms", "Miss", "Dr", "Prof", "Professor", "Sir", "Dame", "Superintendent")

#: kind -> (pattern, or its alternatives each starting with one literal character; severity or None
#: for the rule's; what the message calls it; what ``free_text_matches`` checks before running it).
#: Patterns that would start with a look-behind or ``\b`` check it after their first character
#: instead (same matches), so that ``re`` can skip to the characters a match starts with rather
#: than try every position: the phone number is ``(?<![0-9])(?:\+44\s?|0)...``, the postcode
#: ``\b[A-Z]{1,2}...`` and the person ``\b(?:Mr|Mrs|...)...`` (``word_patterns`` checks it
#: behind the title where several start with the same letter). The checks first: every address
#: has an `@`; every phone number has ten digits or more, with at most one space between two of
#: them (`0` in the text's shape, space any of what ``\s`` takes: ASCII white space, the separators
#: \x1c-\x1f, or a character that is not ASCII, `?`), where the two patterns would each scan the
#: text; and every postcode ends in a digit and two capitals (`0AA`).
PATTERNS = {
    "email": (re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"),
              None, "email address", {"needles": ("@",), "fold": False}),
    "phone": ((re.compile(r"\+(?<![0-9]\+)44\s?(?:[0-9]\s?){8,9}[0-9](?![0-9])"),
               re.compile(r"0(?<![0-9]0)(?:[0-9]\s?){8,9}[0-9](?![0-9])")),
              None, "phone number", {"shape": re.compile(rb"0(?:[\t-\r\x1c-\x1f ?]?0){9}")}),
    "postcode": (re.compile(r"[A-Z](?<=\b[A-Z])[A-Z]?[0-9][A-Z0-9]?\s*[0-9][A-Z]{2}\b"), None, "postcode",
                 {"shape": re.compile(rb"0AA")}),
    "person": (word_patterns(_TITLES, r"\.?\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+"),
               Severity.INFO, "named person", {}),
}

_HEADER = "NHS Digital Data Release Register - reformatted\nNHS Example Trust projects\n"
_PROJECT = ("Clinic audit — DARS-NIC-20417-QW3RT\n"
            "Opt outs honoured: Y\n"
            "Objectives:\n"
            "Queries go to {contact}.\n"
            "Yielded Benefits:\n"
            "{person} said the audit halved waiting times.\n")

RULE = Rule(
    code="DRL030",
    name="personal-data-in-text",
    severity="warning",
    groups=("privacy",),
    scope="project",
    doc=__doc__,
    bad=Example(_HEADER + _PROJECT.format(contact="jo.bloggs@example.org", person="Dr Ann Other"),
                expect=("6:15", "8:1")),
    good=Example(_HEADER + _PROJECT.format(contact="the audit team", person="The clinical lead")),
    options=(Option("kinds", ["email", "phone", "postcode", "person"],
                    "Kinds of personal data searched for: email, phone, postcode, person."),),
)


@RULE.checker
def check(project, context):
    kinds = list(context.options["kinds"])
    unknown = [kind for kind in kinds if kind not in PATTERNS]
    if unknown:
        raise ValueError(f"kinds: unknown kind(s) {', '.join(unknown)}; use {', '.join(PATTERNS)}")
    for kind in kinds:
        pattern, severity, what, checks = PATTERNS[kind]
        for where, line, match in free_text_matches(project, pattern, **checks):
            yield Finding(match_span(line, match), f"{what} `{match.group(0)}` in {where}", severity=severity)
