"""The free-text search shared by the text rules finds what a plain search line by line finds.

The text rules' patterns are written for speed (no look-behind or ``\\b`` before the first
character, split into alternatives that each start with a literal) and run over a project's text
joined with NUL, after cheap tests that skip text where they cannot match; these properties hold
them to the plain patterns their documentation gives, searched line by line.
"""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from dreg_lint import primitives
from dreg_lint.model import Text
from dreg_lint.primitives import leftmost_matches, word_patterns
from dreg_lint.rules.drl029_nhs_number_in_text import _NHS_NUMBER, _NHS_SHAPE
from dreg_lint.rules.drl030_personal_data_in_text import PATTERNS
from dreg_lint.rules.drl031_commercial_entity_in_text import DEFAULT_SUFFIXES, _patterns
from dreg_lint.rules.drl032_identifying_dataset_in_deidentified_project import _IDENTIFYING, _NEEDLES
from dreg_lint.rules.drl033_optout_claim_contradicted import _PROMISE, _PROMISE_LOWERED
from dreg_lint.rules.drl037_embedded_reference_in_text import _EMBEDDED
from dreg_lint.span import Span

#: (rewritten pattern or its alternatives, the plain one it stands for, flags, the tests that
#: ``free_text_matches`` makes first)
PLAIN = [
    (_NHS_NUMBER, r"(?<![0-9])([0-9]{3})[ -]?([0-9]{3})[ -]?([0-9]{4})(?![0-9])", 0, {"shape": _NHS_SHAPE}),
    (PATTERNS["email"][0], PATTERNS["email"][0].pattern, 0, PATTERNS["email"][3]),  # for its needle
    (PATTERNS["phone"][0], r"(?<![0-9])(?:\+44\s?|0)(?:[0-9]\s?){8,9}[0-9](?![0-9])", 0, PATTERNS["phone"][3]),
    (PATTERNS["postcode"][0], r"\b[A-Z]{1,2}[0-9][A-Z0-9]?\s*[0-9][A-Z]{2}\b", 0, PATTERNS["postcode"][3]),
    (PATTERNS["person"][0], (r"\b(?:Mr|Mrs|Ms|Miss|Dr|Prof|Professor|Sir|Dame|Superintendent)\.?\s+"
                             r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+"), 0, PATTERNS["person"][3]),
    (_patterns(tuple(DEFAULT_SUFFIXES))[0], r"\b(?:Limited|LIMITED|Ltd|LTD|PLC|plc|LLP|Inc|GmbH)\b", 0, {}),
    (_PROMISE, r"type 2 objections will be applied|apply type 2 objections|objections upheld", re.IGNORECASE,
     {"needles": ("objections",), "lowered": _PROMISE_LOWERED}),
    (_EMBEDDED, r"(?:DARS-)?NIC-[0-9]+-[A-Z0-9]{5}", 0, {"needles": ("NIC-",), "fold": False}),
]


def finditer(fast, text):
    """The matches of a pattern, or of the alternation of its alternatives."""
    if isinstance(fast, re.Pattern):
        return list(fast.finditer(text))
    return [match for _, match in leftmost_matches(fast, text)]


def match(fast, text, pos):
    """The match at ``pos`` of a pattern, or of the alternation of its alternatives."""
    for pattern in [fast] if isinstance(fast, re.Pattern) else fast:
        found = pattern.match(text, pos)
        if found:
            return found
    return None


PIECES = ["0", "12", "345", "6789", " ", "  ", "-", "+44", "\t", "\0", "_", "é", "É", "a", "x", "A", "AB", "1A",
          "9XY", "Mr", "Mrs", "Ms", "Miss", "Dr", "Prof", "Professor", "Sir", "Dame", "Superintendent", ".",
          "Ann", "Bo", "Ltd", "LTD", "Limited", "plc", "Inc", "DARS-", "NIC-", "ABCDE", "x@y.org", "@",
          # the promises of DRL033 in pieces and in other cases, and what re.IGNORECASE takes for i, s, k
          "type 2 ", "objections", "OBJECTIONS", "ObJectIons", " upheld", " UPHELD", "apply ", " will be applied",
          "\u0130", "\u0131", "\u017f", "\u212a", "objectıons", "OBJECTİONS", "objectionſ", "ſ upheld"]
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
@example("Please apply type 2 objections; OBJECTIONS UPHELD, objectıons upheld")
def test_rewritten_patterns_match_where_the_plain_ones_do(text):
    for fast, plain, flags, _checks in PLAIN:
        plain = re.compile(plain, flags)
        assert [(m.span(), m.groups()) for m in finditer(fast, text)] == \
               [(m.span(), m.groups()) for m in plain.finditer(text)], (fast, text)
        for pos in range(len(text)):
            expected, got = plain.match(text, pos), match(fast, text, pos)
            assert (expected and expected.span()) == (got and got.span()), (fast, text, pos)


@given(st.lists(st.sampled_from(["Ltd", "Co", "& Co", ".com", "K", "s", "_x", "é"]), max_size=4), texts)
def test_suffix_patterns_are_the_plain_word_alternation(suffixes, text):
    words = "|".join(re.escape(s) for s in sorted(set(suffixes), key=len, reverse=True))
    for fast, flags in zip(_patterns(tuple(suffixes)), (0, re.IGNORECASE)):
        plain = re.compile(rf"\b(?:{words})\b" if words else r"(?!)", flags)
        assert [m.span() for m in finditer(fast, text)] == [m.span() for m in plain.finditer(text)]


@given(st.lists(st.sampled_from(["Prof", "Professor", "Pr", "P", "Ms", "Mrs", "Mr", "Sir", "S.", "é", ".x", "plc", "a"]),
                min_size=1, max_size=6, unique=True),
       st.sampled_from(["", r"\b", r"\.?\s+[A-Z][a-z]+"]), texts)
@example(["Prof", "Professor"], r"\.?\s+[A-Z][a-z]+", "Professor Ann, Prof. Bo")
def test_word_patterns_are_the_plain_word_alternation(words, tail, text):
    plain = re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + ")" + tail)
    assert [m.span() for m in finditer(word_patterns(words, tail), text)] == \
           [m.span() for m in plain.finditer(text)]


@given(st.lists(st.sampled_from(["a", "ab", "abc", "b", "bc", "c"]), min_size=1, max_size=4),
       st.text("abc", max_size=12))
def test_leftmost_matches_are_those_of_the_alternation(alternatives, text):
    # Overlapping alternatives, in any order: the earlier one wins a tie, as in the alternation.
    plain = re.compile("|".join(alternatives))
    found = leftmost_matches([re.compile(a) for a in alternatives], text)
    assert [m.span() for _, m in found] == [m.span() for m in plain.finditer(text)]


def test_the_characters_re_ignorecase_takes_for_ascii_letters_are_known():
    others = "".join(chr(c) for c in range(0x80, 0x110000) if not 0xD800 <= c <= 0xDFFF)
    found = set(re.findall("[a-z]", others, re.IGNORECASE))
    for letter in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ":  # as literals, as the rules write them
        found.update(re.findall(letter, others, re.IGNORECASE))
    assert found == set(primitives._ASCII_LETTER_TWINS)


@given(st.lists(st.sampled_from(["personal demographic", "PERSONAL DEMOGRAPHICS", "HES-ID to MPS-ID",
                                 "hes-id TO mps-id", "bridge", "BRIDGE", "bridges", "brıdge", "perſonal ", "x",
                                 "Demographic", "\u0130", "é", " ", "\0"]), max_size=6).map("".join))
def test_dataset_needles_are_in_every_identifying_match(text):
    if _IDENTIFYING.search(text):
        assert primitives.may_hold_folded(text, _NEEDLES)


@given(st.lists(st.lists(st.sampled_from(["personal demographic", "HES-ID to MPS-ID", "bridge", "BRIDGE", "brıdge",
                                          "perſonal ", "x", "\u0130", "é", " ", "\0"]), max_size=4).map("".join),
                max_size=5))
def test_the_datasets_holding_a_needle_are_those_that_may_hold_one(texts):
    holding = primitives.holding_folded(texts, _NEEDLES)
    assert holding == sorted(set(holding))
    assert set(holding) >= {index for index, text in enumerate(texts) if primitives.may_hold_folded(text, _NEEDLES)}
    if not any(map(primitives._has_ascii_letter_twin, texts)):
        assert holding == [index for index, text in enumerate(texts) if primitives.may_hold_folded(text, _NEEDLES)]


def assert_joined_search_is_plain_search(lines, cases=PLAIN):
    wheres = ["Objectives", "Purposes"] * 3
    free = [(where, Text(line, Span(1, 1, 1, 1, 0, 0))) for where, line in zip(wheres, lines)]
    original = primitives._labelled_sections
    primitives._labelled_sections = lambda project: iter([(where, (line,)) for where, line in free])
    try:
        for fast, plain, flags, checks in cases:
            project = object()  # a new project each time: nothing cached from the last
            found = [(where, line, match.span(), match.groups())
                     for where, line, match in primitives.free_text_matches(project, fast, **checks)]
            plain = re.compile(plain, flags)
            assert found == [(where, line, match.span(), match.groups())
                             for where, line in free for match in plain.finditer(line.text)], (fast, checks)
    finally:
        primitives._labelled_sections = original


@given(st.lists(texts, max_size=5))
@example(["ıt", "OBJECTIONS UPHELD", "apply type 2 objectıons"])
@example(["943 476 5919", "SW1A 1AA", "x@y.org", "+44 1234 567890"])
def test_joined_search_finds_what_a_search_line_by_line_finds(lines):
    # With the tests made first (needles, shapes, lowered text): were one of them to skip text
    # where the pattern matches, the search would find less than the plain search line by line.
    assert_joined_search_is_plain_search(lines)


@given(st.lists(st.text("0123456789 -+\t\u2002\x1fx", max_size=16), max_size=3))
@example(["943 476-5919"])
@example(["943-476 5919"])
@example(["943-4765919"])
@example(["943476 5919"])
@example(["+44\u20021234 567890"])
@example(["01234\t567890"])
@example(["0 1 2 3 4\x1c5 6 7 8 9"])
def test_digit_shapes_are_found_wherever_the_patterns_match(lines):
    digits = [case for case in PLAIN if case[0] in (_NHS_NUMBER, PATTERNS["phone"][0])]
    assert_joined_search_is_plain_search(lines, digits)


@given(st.lists(st.text("ABSW019 \t\u2002x_é", max_size=12), max_size=3))
@example(["W1 2BC"])
@example(["SW1A\t1AA"])
@example(["AB12  3CD"])
def test_postcode_shapes_are_found_wherever_the_pattern_matches(lines):
    assert_joined_search_is_plain_search(lines, [case for case in PLAIN if case[0] is PATTERNS["postcode"][0]])


@given(st.lists(st.lists(st.sampled_from(["Ltd", "ltd", "LIMITED", "Limıted", "LİMİTED", "plc", "PLC", "İnc", "ınc",
                                          "Inc.", "GMBH", "llp", "x", "NHS ", " ", "é", "\0"]), max_size=4).map("".join),
                max_size=5))
def test_the_controllers_holding_a_suffix_are_all_that_name_a_company(texts):
    # DRL031 searches only the data controllers that hold a suffix in some case.
    in_controllers = _patterns(tuple(DEFAULT_SUFFIXES))[1]
    holding = set(primitives.holding_folded(texts, DEFAULT_SUFFIXES))
    assert holding >= {index for index, text in enumerate(texts) if in_controllers.search(text)}
