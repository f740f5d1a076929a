"""The value of a ``When:`` field: periods of partial dates and a note, read by the grammar's ``when``
rules.

The rules build the model as Lark's parser reduces by them (``grammar_loader.value_parser``): a
date for each month or day, a period for the agreement and the release, the note, and the ``When``
itself, with no tree in between to build and walk afterwards (a When value is read for every
project). What each rule's children are is read from the rule (its expansion), so the grammar stays
the only place that says so.

A span is a position in the page, and the rules see positions in the value: the reader of the
value being parsed (``dreg_lint.values.ValueReader``) is held for the thread while its parse runs.
"""

from __future__ import annotations

import functools
import threading
from typing import TYPE_CHECKING

import lark

from dreg_lint.grammar_loader import value_parser
from dreg_lint.model import PartialDate, Period, Text, When

if TYPE_CHECKING:
    from dreg_lint.values import ValueReader

_READING = threading.local()  # .reader: the reader of the value being parsed, in this thread


def when(reader: ValueReader) -> When:
    """The ``When`` of ``reader``'s value; one that does not fit the grammar is kept as its note."""
    raw = reader.raw
    if not raw.strip():
        return When(None, None, None, False, False)
    parse = _parser()
    _READING.reader = reader
    try:
        return parse(raw)
    except lark.exceptions.LarkError:
        return When(None, None, reader.text(0, len(raw)), False, False)
    finally:
        _READING.reader = None


@functools.lru_cache(maxsize=1)
def _parser():
    return value_parser("when", _callback)


def _callback(rule: lark.grammar.Rule):
    """What the parser makes of the children of ``rule`` (a rule of the ``when`` grammar)."""
    names = [symbol.name for symbol in rule.expansion]
    kind = rule.origin.name
    if kind in ("day_or_month", "release_month"):
        return functools.partial(_date_rule, "OR_BEFORE" in names)
    if kind in ("agreement", "release"):
        start, end = (at for at, symbol in enumerate(rule.expansion) if not symbol.is_term)
        return functools.partial(_period_rule, start, end, "FINAL_DOT" in names)
    if kind == "note":
        return _note_rule
    if kind == "when":
        return functools.partial(_when_rule, tuple(names))
    raise lark.exceptions.GrammarError(f"{rule}: a rule of the when grammar that dreg_lint does not read")


def _date_rule(or_before: bool, children: list) -> PartialDate:
    """A day or a month: its token, followed by "(or before)" where the rule says so."""
    return _date(_READING.reader, children[0], or_before)


def _period_rule(start: int, end: int, final_dot: bool, children: list) -> tuple[Period, bool]:
    """A period from the dates at ``start`` and ``end`` among the children, and whether the rule
    ends with the final dot."""
    first, last = children[start], children[end]
    reader = _READING.reader
    offset = reader.offset
    return Period(first, last, reader.span(first.span.start - offset, last.span.end - offset)), final_dot


def _note_rule(children: list) -> Text:
    token = children[0]
    return _READING.reader.text(token.start_pos, token.end_pos)


_NO_PERIOD = (None, False)


def _when_rule(names: tuple[str, ...], children: list) -> When:
    parts = dict(zip(names, children))
    agreement, _ = parts.get("agreement", _NO_PERIOD)
    release, final_dot = parts.get("release", _NO_PERIOD)
    return When(agreement, release, parts.get("note"), final_dot, True)


def _date(reader: ValueReader, token: lark.Token, or_before: bool) -> PartialDate:
    text = token.value
    year = month = day = None
    if token.type == "ISO_DAY":
        year, month, day = int(text[:4]), int(text[5:7]), int(text[8:10])
    elif token.type in ("ISO_MONTH", "DOT_MONTH", "SLASH_MONTH"):
        year, month = int(text[:4]), int(text[5:7])
    elif token.type == "MONTH_SLASH_YEAR":
        month, year = int(text[:2]), int(text[3:7])
    return PartialDate(text, year, month, day, or_before, reader.span(token.start_pos, token.end_pos))
