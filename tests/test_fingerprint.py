"""A finding's fingerprint: the path, code, reference and flagged text with its white space folded."""

from __future__ import annotations

import tracemalloc

from hypothesis import given
from hypothesis import strategies as st

from dreg_lint import diagnostics

_TEXT = st.text(st.one_of(st.sampled_from(" \t\n\r\x0b\x0c\x1c\x1f\x85\u00a0\u2003\u2028\u3000"),
                          st.characters(blacklist_categories=())))


def _folded_at_once(path, code, reference, flagged):
    key = "\x1f".join([path, code, reference, " ".join(flagged.split())])
    return diagnostics.hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]


@given(_TEXT, st.integers(1, 30))
def test_a_long_text_is_fingerprinted_as_a_short_one_would_be(text, copies):
    flagged = text * copies
    expected = _folded_at_once("a.txt", "DRL005", "DARS-NIC-1-A", flagged)
    assert diagnostics.fingerprint("a.txt", "DRL005", "DARS-NIC-1-A", flagged) == expected
    saved = diagnostics._LONG
    diagnostics._LONG = 0  # every text takes the word-by-word path
    try:
        assert diagnostics.fingerprint("a.txt", "DRL005", "DARS-NIC-1-A", flagged) == expected
    finally:
        diagnostics._LONG = saved


def test_fingerprinting_a_million_words_takes_no_memory_to_speak_of():
    flagged = "\u2014 " * 1_000_000  # a `When:` of dashes: 2 MB of text, a million words
    tracemalloc.start()
    try:
        diagnostics.fingerprint("a.txt", "DRL005", None, flagged)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 1_000_000


@given(st.one_of(_TEXT, st.lists(st.sampled_from(["word", "w\u00e9rd", "\u2014", " ", "  ", "\t", "\u00a0"]))
                 .map("".join)))
def test_a_text_is_taken_as_folded_only_where_folding_leaves_it_as_it_is(text):
    if diagnostics._single_spaced(text):
        assert " ".join(text.split()) == text


def test_a_plain_sentence_is_taken_as_folded():
    assert diagnostics._single_spaced("Opt outs honoured: Yes \u2014 see 2.1")
    assert not diagnostics._single_spaced("two  spaces")
    assert not diagnostics._single_spaced("a\u00a0no-break space")
