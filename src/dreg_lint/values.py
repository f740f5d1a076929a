"""Field values: from the text after a label to typed model values.

The token syntax of values is in the grammar (``when`` and ``items`` starts); this module reads the
tokens of list values (``dreg_lint.when_value`` reads ``When:`` values). Parenthesis depth is counted
in one linear pass, so unbalanced or very deep parentheses cost no more than any other character.
"""

from __future__ import annotations

import array
import collections
import functools
import operator
import re
from typing import Iterable

from dreg_lint.grammar_loader import item_punctuation
from dreg_lint.model import (
    UNREAD,
    Field,
    FieldKey,
    FieldValue,
    ItemList,
    ListItem,
    OptOuts,
    OptOutStatus,
    OptOutToken,
    Purposes,
    Text,
)
from dreg_lint.span import Span, new_span
from dreg_lint.when_value import when

# An opt-out item that swallowed the next one: "...research studYes - patient objections upheld".
_GLUE = re.compile(r"[a-z](?=(?:Yes|No) - )")


class ValueReader:
    """Reads the value of one field: ``raw``, whose span in the page is ``whole``.

    A field is one line, so every span inside its value is on that line: its columns follow from
    the value's own column, with no lookup in the page's line table.
    """

    __slots__ = ("raw", "offset", "line", "column", "_whole")

    def __init__(self, raw: str, whole: Span) -> None:
        self.raw = raw
        self.offset, self.line, self.column = whole.start, whole.line, whole.column
        self._whole = whole

    def span(self, start: int, end: int) -> Span:
        """The span of ``raw[start:end]``."""
        column = self.column + start
        return new_span((self.line, column, self.line, column + end - start, self.offset + start, self.offset + end))

    def whole_span(self) -> Span:
        """The span of the whole value (one object for the field and its value: spans are values)."""
        return self._whole

    def text(self, start: int, end: int) -> Text:
        """The stripped text between two offsets of ``raw``."""
        return Text(*self._stripped(start, end))

    def _stripped(self, start: int, end: int) -> tuple[str, Span]:
        """``text(start, end)`` as (text, span), an empty text standing at ``end``."""
        piece = self.raw[start:end]
        text = piece.strip()  # strips what str.isspace() calls space, as _strip does
        if not text:
            start = end
        elif len(text) != len(piece):
            start += len(piece) - len(piece.lstrip())
        column, offset, width = self.column + start, self.offset + start, len(text)
        return text, new_span((self.line, column, self.line, column + width, offset, offset + width))

    # Lists

    def tokens(self) -> "array.array[int]":
        """Where the value's separators and parentheses (the ``items`` terminals other than the
        item text) are: their offsets in ``raw``. Each is one character (``item_punctuation``);
        the item text (``ITEM_TEXT``) is what lies between them.

        An array of machine integers, not a token object each: a hostile value can hold millions.
        """
        punctuation, _ = item_punctuation()
        first = punctuation.search(self.raw)  # most values have none: no iterator to run
        if first is None:
            return array.array("q")
        return array.array("q", map(_MATCH_START, punctuation.finditer(self.raw, first.start())))

    def split(self, tokens: "array.array[int]", lo: int, hi: int,
              separators: str = ",;") -> tuple[ListItem, ...]:
        """Items of ``raw[lo:hi]`` split at depth 0 on ``separators``; empty items are kept."""
        raw = self.raw
        if not raw[lo:hi].strip():
            return ()
        if not tokens:  # no punctuation: one item
            return (ListItem(*self._stripped(lo, hi)),)
        opening, closing = _parentheses()
        items: list[ListItem] = []
        depth = 0
        start, separator = lo, ""
        for at in tokens:
            character = raw[at]
            if character == opening:
                depth += 1
            elif character == closing:
                if depth:
                    depth -= 1
            elif depth == 0 and character in separators:  # a COMMA or SEMICOLON
                items.append(ListItem(*self._stripped(start, at), separator))
                start, separator = at + 1, character
        items.append(ListItem(*self._stripped(start, hi), separator))
        return tuple(items)

    def item_list(self, separators: str = ",;") -> ItemList:
        raw = self.raw
        for separator in separators:  # (a loop, not any(): no generator to make for each value)
            if separator in raw:
                return ItemList(self.split(self.tokens(), 0, len(raw), separators), self._whole)
        # Nothing to split on (most values): one item, whatever parentheses it holds.
        return ItemList((ListItem(*self._stripped(0, len(raw))),) if raw.strip() else (), self._whole)

    def trail(self, tokens: "array.array[int]") -> tuple[int, int, int] | None:
        """The trailing parenthesised group: (index of its "(", index of its ")", token count).

        None where the value does not end with ")" (and spaces) or the ")" has no matching "(".
        """
        raw = self.raw
        opening, closing = _parentheses()
        last = len(tokens) - 1
        if last < 0 or raw[tokens[last]] != closing or raw[tokens[last] + 1 :].strip():
            return None
        depth = 0
        for position in range(last, -1, -1):
            character = raw[tokens[position]]
            if character == closing:
                depth += 1
            elif character == opening:
                depth -= 1
                if depth == 0:
                    return position, last, len(tokens)
        return None


_MATCH_START = re.Match.start


@functools.lru_cache(maxsize=1)
def _parentheses() -> tuple[str, str]:
    """The characters of the grammar's ``OPEN`` and ``CLOSE`` terminals."""
    _, names = item_punctuation()
    characters = {name: character for character, name in names.items()}
    return characters["OPEN"], characters["CLOSE"]


def sensitive(reader: ValueReader) -> ItemList:
    """``Sensitive, and Non-Sensitive``: comma items, each without its leading "and "."""
    listed = reader.item_list(",")
    items = []
    cut = False
    for item in listed.items:
        if item.text.lower().startswith("and "):
            start = item.span.start - reader.offset + 4
            item = ListItem(*reader._stripped(start, item.span.end - reader.offset), item.separator)
            cut = True
        items.append(item)
    # Most values have no "and ": their list is the one read.
    return ItemList(tuple(items), reader.whole_span()) if cut else listed


def opt_outs(reader: ValueReader) -> OptOuts:
    tokens = reader.tokens()
    group = reader.trail(tokens)
    if group is None:
        head_end, basis, excuses = len(reader.raw), None, False
        head_tokens = tokens
    else:
        open_at, close_at, _ = group
        head_end = tokens[open_at]
        head_tokens = tokens[:open_at]
        inner_lo, inner_hi = tokens[open_at] + 1, tokens[close_at]
        inner_lo, excuses = _skip_prefix(reader.raw, inner_lo, inner_hi, "Excuses:")
        basis = ItemList(
            reader.split(tokens[open_at + 1 : close_at], inner_lo, inner_hi, ","),
            reader.span(tokens[open_at], tokens[close_at] + 1),
        )
    head = ItemList(reader.split(head_tokens, 0, head_end, ","), reader.whole_span())
    return OptOuts(tuple(_opt_out_tokens(reader, head.items)), head, basis, excuses)


def _skip_prefix(raw: str, lo: int, hi: int, prefix: str) -> tuple[int, bool]:
    start, _ = _strip(raw, lo, hi)
    if raw.startswith(prefix, start) and start + len(prefix) <= hi:
        return start + len(prefix), True
    return lo, False


def _opt_out_tokens(reader: ValueReader, items: Iterable[ListItem]) -> Iterable[OptOutToken]:
    for item in items:
        # _GLUE needs "Yes - " or "No - ": looking for those first is far faster than the expression.
        cuts = ([match.end() for match in _GLUE.finditer(item.text)]
                if "Yes - " in item.text or "No - " in item.text else None)
        if not cuts:  # the item is the token (its text is already stripped)
            status, reason = classify_opt_out(item.text)
            yield OptOutToken(item.text, status, reason, False, item.span)
            continue
        base = item.span.start - reader.offset
        bounds = [0, *cuts, len(item.text)]
        glued = bool(cuts)
        for lo, hi in zip(bounds, bounds[1:]):
            text = reader.text(base + lo, base + hi) if item.text else Text("", item.span)
            status, reason = classify_opt_out(text.text)
            yield OptOutToken(text.text, status, reason, glued, text.span)


_YES = {"y", "yes"}
_NO = {"n", "no"}


def classify_opt_out(text: str) -> tuple[OptOutStatus, str | None]:
    """The status of one opt-out token, and its reason (the text after "Yes - "/"No - ")."""
    lowered = text.lower()
    if not text:
        return OptOutStatus.EMPTY, None
    if lowered in _YES:
        return OptOutStatus.YES, None
    if lowered in _NO:
        return OptOutStatus.NO, None
    if text.startswith("Yes - "):
        return OptOutStatus.YES, text[6:].strip()
    if text.startswith("No - "):
        return OptOutStatus.NO, text[5:].strip()
    if lowered == "identifiable":
        return OptOutStatus.IDENTIFIABLE, None
    if lowered == "anonymised - ico code compliant":
        return OptOutStatus.ANONYMISED, None
    if lowered == "pseudonymised":
        return OptOutStatus.PSEUDONYMISED, None
    if lowered == "unknown":
        return OptOutStatus.UNKNOWN, None
    return OptOutStatus.OTHER, None


def purposes(reader: ValueReader) -> Purposes:
    tokens = reader.tokens()
    group = reader.trail(tokens)
    if group is None:
        head_end, head_tokens, sectors = len(reader.raw), tokens, None
    else:
        open_at, close_at, _ = group
        head_end, head_tokens = tokens[open_at], tokens[:open_at]
        sectors = ItemList(
            reader.split(tokens[open_at + 1 : close_at], tokens[open_at] + 1, tokens[close_at], ","),
            reader.span(tokens[open_at], tokens[close_at] + 1),
        )
    head = reader.split(head_tokens, 0, head_end, ",")
    flags: list[ListItem] = []
    for item in head:
        if item.text.lower() not in ("yes", "no"):
            break
        flags.append(item)
    statement = None
    if len(flags) < len(head):
        rest = head[len(flags)]
        start = rest.span.start - reader.offset
        text = reader.text(start, head_end)
        statement = text if text.text else None
    empty = not flags and statement is None and (sectors is None or not sectors.nonempty)
    return Purposes(tuple(flags), statement, sectors, empty)


def _strip(raw: str, start: int, end: int) -> tuple[int, int]:
    while start < end and raw[start].isspace():
        start += 1
    while end > start and raw[end - 1].isspace():
        end -= 1
    return start, end


def whole_text(reader: ValueReader) -> Text:
    return reader.text(0, len(reader.raw))


#: How each field's value is read. (``methodcaller("item_list", ",")`` is ``item_list(r, ",")``
#: called without a Python frame of its own: every page reads thousands of these.)
READERS = {
    FieldKey.TYPE_OF_DATA: operator.methodcaller("item_list", ","),
    FieldKey.OPT_OUTS: opt_outs,
    FieldKey.LEGAL_BASIS: operator.methodcaller("item_list", ",;"),
    FieldKey.PURPOSES: purposes,
    FieldKey.SENSITIVE: sensitive,
    FieldKey.WHEN: when,
    FieldKey.ACCESS_METHOD: operator.methodcaller("item_list", ","),
    FieldKey.DATA_CONTROLLERS: operator.methodcaller("item_list", ","),
    FieldKey.SUBLICENSING: operator.methodcaller("item_list", ","),
    FieldKey.AGD_DISCUSSIONS: operator.methodcaller("item_list", ","),
    FieldKey.FORMAT: whole_text,
    FieldKey.HSCIC_ID: whole_text,
}


#: The fields whose values are at hand, oldest first (enough for every field of the largest real
#: project several times over).
_HELD: collections.deque[Field] = collections.deque()
HELD_VALUES = 256


def field_value(field: Field) -> FieldValue:
    """Read a field's value from its raw text, and keep it on the field while it is one of the
    last ``HELD_VALUES`` fields read (``Field.value``)."""
    value = READERS[field.key](ValueReader(field.raw, field.value_span))
    object.__setattr__(field, "_value", value)  # a cache, not a change: the field is frozen
    _HELD.append(field)
    if len(_HELD) > HELD_VALUES:
        object.__setattr__(_HELD.popleft(), "_value", UNREAD)
    return value


def let_go() -> None:
    """Let go of every value held (``field_value``): a page's values are of no use once its rules
    have run, and a hostile value can be hundreds of MB."""
    while _HELD:
        object.__setattr__(_HELD.popleft(), "_value", UNREAD)
