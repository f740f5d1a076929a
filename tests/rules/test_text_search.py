"""The free-text search shared by the text rules finds what a plain search line by line finds.

The text rules' patterns are written for speed (no look-behind or ``\\b`` before the first
character) and run over a project's text joined with NUL; these properties hold them to the plain
patterns their documentation gives, searched line by line.
"""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from dreg_lint import primitives
from dreg_lint.model import Text
from dreg_lint.rules.drl029_nhs_number_in_text import _NHS_NUMBER
from dreg_lint.rules.drl030_personal_data_in_text import PATTERNS
from dreg_lint.rules.drl031_commercial_entity_in_text import DEFAULT_SUFFIXES, _patterns
from dreg_lint.rules.drl037_embedded_reference_in_text import _EMBEDDED
from dreg_lint.span import Span

#: rewritten pattern -> the plain one it stands for
PLAIN = [
    (_NHS_NUMBER, r"(?<![0-9])([0-9]{3})[ -]?([0-9]{3})[ -]?([0-9]{4})(?![0-9])"),
    (PATTERNS["phone"][0], r"(?<![0-9])(?:\+44\s?|0)(?:[0-9]\s?){8,9}[0-9](?![0-9])"),
    (PATTERNS["postcode"][0], r"\b[A-Z]{1,2}[0-9][A-Z0-9]?\s*[0-9][A-Z]{2}\b"),
    (PATTERNS["person"][0], (r"\b(?:Mr|Mrs|Ms|Miss|Dr|Prof|Professor|Sir|Dame|Superintendent)\.?\s+"
                             r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+")),
    (_patterns(tuple(DEFAULT_SUFFIXES))[0], r"\b(?:Limited|LIMITED|Ltd|LTD|PLC|plc|LLP|Inc|GmbH)\b"),
    (_EMBEDDED, r"(?:DARS-)?NIC-[0-9]+-[A-Z0-9]{5}"),
]

PIECES = ["0", "12", "345", "6789", " ", "  ", "-", "+44", "\t", "\0", "_", "é", "É", "a", "x", "A", "AB", "1A",
          "9XY", "Mr", "Mrs", "Ms", "Miss", "Dr", "Prof", "Professor", "Sir", "Dame", "Superintendent", ".",
          "Ann", "Bo", "Ltd", "LTD", "Limited", "plc", "Inc", "DARS-", "NIC-", "ABCDE", "x@y.org"]
texts = st.lists(st.sampled_from(PIECES), max_size=14).map("".join)


@given(texts)
@settings(max_examples=1000)
# Each look-behind or \b moved behind the first character, with and without what it excludes:
@example("1943 476 5919 943 476 5919")
@example("101234 567890 01234 567890 1+441234 567890 +44 1234 567890")
@example("xSW1A 1AA éA1 2BC _A1 2BC -A1 2BC\0W1 2BC")
@example("xMr Ann Bo éDr Ann Bo _Sir Ann Bo Dame Ann Bo")
@example("xLtd _Ltd éInc Ltd. LIMITEDx GmbH")
@example("DARS-NIC-1-ABCDE xNIC-1-ABCDE DARS-NIC-x NIC-1-ABCDE")
def test_rewritten_patterns_match_where_the_plain_ones_do(text):
    for fast, plain in PLAIN:
        plain = re.compile(plain)
        assert [(m.span(), m.groups()) for m in fast.finditer(text)] == \
               [(m.span(), m.groups()) for m in plain.finditer(text)], (fast.pattern, text)
        for pos in range(len(text)):
            expected, got = plain.match(text, pos), fast.match(text, pos)
            assert (expected and expected.span()) == (got and got.span()), (fast.pattern, text, pos)


@given(st.lists(st.sampled_from(["Ltd", "Co", "& Co", ".com", "K", "s", "_x", "é"]), max_size=4), texts)
def test_suffix_patterns_are_the_plain_word_alternation(suffixes, text):
    words = "|".join(re.escape(s) for s in sorted(set(suffixes), key=len, reverse=True))
    for fast, flags in zip(_patterns(tuple(suffixes)), (0, re.IGNORECASE)):
        plain = re.compile(rf"\b(?:{words})\b" if words else r"(?!)", flags)
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


@given(st.lists(texts, max_size=5))
def test_joined_search_finds_what_a_search_line_by_line_finds(lines):
    free = [("Objectives", Text(line, Span(1, 1, 1, 1, 0, 0))) for line in lines]
    original = primitives.labelled_free_text
    primitives.labelled_free_text = lambda project: iter(free)
    try:
        for pattern, _plain in PLAIN:
            project = object()  # a new project each time: nothing cached from the last
            found = [(where, line, match.span(), match.groups())
                     for where, line, match in primitives.free_text_matches(project, pattern)]
            assert found == [(where, line, match.span(), match.groups())
                             for where, line in free for match in pattern.finditer(line.text)]
    finally:
        primitives.labelled_free_text = original
