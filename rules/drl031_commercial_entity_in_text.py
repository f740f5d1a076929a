"""A company (`Ltd`, `Limited`, `PLC`, ...) named in the free text or among the data controllers.

What it checks
The free text (the Objectives, Yielded Benefits, Expected Benefits, Outputs and Processing bodies and
the Purposes statement) is searched for a company suffix as a whole word, case-sensitively:
`Ltd`, `LTD`, `Limited`, `LIMITED`, `PLC`, `plc`, `LLP`, `Inc`, `GmbH` (case-sensitive so that
"is limited to" is not a company). Each item of `Data-controller type:` is searched for the same
suffixes case-insensitively. Each match is reported at the suffix; the message quotes the words
before it, which usually name the company.

Why
Commercial processors and recipients of NHS patient data are a core transparency concern of the
register's critics [S10]; the register itself does not flag them, so they are only visible in the
text (RULES.md DRL031).

Known false positives
IT or cloud suppliers listed as processors while stating that they do not access the data
(001:807 "They supply support to the system, but do not access data") are reported too. Commercial
processors named without a suffix are missed, e.g. `MSD Healthcare Services` (003:63).

Options
`suffixes` (default `["Ltd", "LTD", "Limited", "LIMITED", "PLC", "plc", "LLP", "Inc", "GmbH"]`): the
company suffixes searched for, as plain words (matched case-sensitively in free text and
case-insensitively in the data controllers).
"""

from __future__ import annotations

import functools
import re

from dreg_lint.model import FieldKey, Text
from dreg_lint.primitives import (free_text_matches, holding_folded, items, match_span, word_patterns,
                                  words_after_boundary)
from dreg_lint.rule import Example, Finding, Option, Rule

DEFAULT_SUFFIXES = ["Ltd", "LTD", "Limited", "LIMITED", "PLC", "plc", "LLP", "Inc", "GmbH"]

_HEADER = "NHS Digital Data Release Register - reformatted\nNHS Example Csu projects\n"
_PROJECT = ("Clinic audit — DARS-NIC-20417-QW3RT\n"
            "Opt outs honoured: Y\n"
            "Data-controller type: NHS EXAMPLE CSU\n"
            "Processing:\n"
            "Servers are hosted by {host} in England.\n")

RULE = Rule(
    code="DRL031",
    name="commercial-entity-in-text",
    severity="info",
    groups=("transparency",),
    scope="project",
    doc=__doc__,
    bad=Example(_HEADER + _PROJECT.format(host="Cloudy Racks Ltd"), expect=("7:36",)),
    good=Example(_HEADER + _PROJECT.format(host="the CSU, whose use of them is limited to storage,")),
    options=(Option("suffixes", DEFAULT_SUFFIXES,
                    "Company suffixes searched for (plain words)."),),
)


@functools.lru_cache(maxsize=16)
def _patterns(suffixes: tuple[str, ...]) -> tuple[tuple[re.Pattern[str], ...], re.Pattern[str]]:
    # \b(?:suffix|...)\b, longest first; written so that re skips to the suffixes' first letters,
    # for the free text as one pattern per first letter, which re finds fastest.
    words = sorted(set(suffixes), key=len, reverse=True)
    body = words_after_boundary(words) + r"\b" if words else r"(?!)"
    return word_patterns(words, r"\b"), re.compile(body, re.IGNORECASE)


def _named(line: Text, match: re.Match[str], words: int = 4) -> str:
    """The suffix with the capitalised words just before it on the same line (up to ``words``),
    stopping at punctuation or a lower-case word: `LIMA Networks Ltd`, not `the data. LIMA ...`."""
    before = line.text[max(0, match.start() - 80): match.start()].split()
    name: list[str] = []
    for word in reversed(before[-words:]):
        if word[-1] in ".,;:!?)(" or not (word[0].isupper() or word[0].isdigit() or word == "&"):
            break
        name.insert(0, word)
    return " ".join(name + [match.group(0)])


@RULE.checker
def check(project, context):
    suffixes = tuple(s for s in context.options["suffixes"] if s.strip())
    in_text, in_controllers = _patterns(suffixes)
    for where, line, match in free_text_matches(project, in_text):
        yield Finding(match_span(line, match), f"company `{_named(line, match)}` named in {where}")
    controllers = items(project, FieldKey.DATA_CONTROLLERS)
    if controllers is not None:
        named = controllers.nonempty
        # Every match holds a suffix in some case: the case-insensitive pattern, which re tries at
        # every character, runs only on the items that hold one (few).
        for index in holding_folded([item.text for item in named], suffixes):
            item = named[index]
            text = Text(item.text, item.span)
            for match in in_controllers.finditer(item.text):
                name = item.text if len(item.text) <= 80 else item.text[:77] + "..."
                yield Finding(match_span(text, match), f"company `{name}` among the data controllers")
