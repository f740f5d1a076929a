"""Field values: from the text after a label to typed model values.

The token syntax of values is in the grammar (``when`` and ``items`` starts); this module reads the
tokens. Parenthesis depth is counted in one linear pass, so unbalanced or very deep parentheses cost
no more than any other character.
"""

from __future__ import annotations

import re
from typing import Iterable

import lark

from dreg_lint.grammar_loader import item_tokens, parser
from dreg_lint.model import (
    FieldKey,
    ItemList,
    ListItem,
    OptOuts,
    OptOutStatus,
    OptOutToken,
    PartialDate,
    Period,
    Purposes,
    Text,
    When,
)
from dreg_lint.span import LineIndex

# An opt-out item that swallowed the next one: "...research studYes - patient objections upheld".
_GLUE = re.compile(r"[a-z](?=(?:Yes|No) - )")


class ValueToken:
    """A token of a list value (the grammar's ``items`` terminals), positioned in the value."""

    __slots__ = ("type", "value", "start_pos", "end_pos")

    def __init__(self, type: str, value: str, start_pos: int, end_pos: int) -> None:
        self.type = type
        self.value = value
        self.start_pos = start_pos
        self.end_pos = end_pos


class ValueReader:
    """Reads the value of one field: ``raw`` starts at ``offset`` in the page text."""

    __slots__ = ("index", "raw", "offset")

    def __init__(self, index: LineIndex, raw: str, offset: int) -> None:
        self.index = index
        self.raw = raw
        self.offset = offset

    def text(self, start: int, end: int) -> Text:
        """The stripped text between two offsets of ``raw``."""
        start, end = _strip(self.raw, start, end)
        return Text(self.raw[start:end], self.index.span(self.offset + start, self.offset + end))

    # Lists

    def tokens(self) -> list["ValueToken"]:
        if not self.raw.strip():
            return []
        return [ValueToken(m.lastgroup, m.group(), m.start(), m.end()) for m in item_tokens().finditer(self.raw)]

    def split(self, tokens: list[ValueToken], lo: int, hi: int, separators: str = ",;") -> tuple[ListItem, ...]:
        """Items of ``raw[lo:hi]`` split at depth 0 on ``separators``; empty items are kept."""
        if not self.raw[lo:hi].strip():
            return ()
        items: list[ListItem] = []
        depth = 0
        start, separator = lo, ""
        for token in tokens:
            kind = token.type
            if kind == "OPEN":
                depth += 1
            elif kind == "CLOSE":
                depth = max(depth - 1, 0)
            elif depth == 0 and kind in ("COMMA", "SEMICOLON") and token.value in separators:
                items.append(self._item(start, token.start_pos, separator))
                start, separator = token.end_pos, token.value
        items.append(self._item(start, hi, separator))
        return tuple(items)

    def _item(self, start: int, end: int, separator: str) -> ListItem:
        text = self.text(start, end)
        if not text.text:  # an empty item stands where its separator is
            span = self.index.span(self.offset + end, self.offset + end)
            return ListItem("", span, separator)
        return ListItem(text.text, text.span, separator)

    def item_list(self, separators: str = ",;") -> ItemList:
        tokens = self.tokens()
        return ItemList(self.split(tokens, 0, len(self.raw), separators), self.whole_span())

    def whole_span(self):
        return self.index.span(self.offset, self.offset + len(self.raw))

    def trail(self, tokens: list[ValueToken]) -> tuple[int, int, int] | None:
        """The trailing parenthesised group: (index of its "(", index of its ")", token count).

        None where the value does not end with ")" or the ")" has no matching "(".
        """
        last = len(tokens) - 1
        while last >= 0 and tokens[last].type == "ITEM_TEXT" and not tokens[last].value.strip():
            last -= 1
        if last < 0 or tokens[last].type != "CLOSE":
            return None
        depth = 0
        for position in range(last, -1, -1):
            kind = tokens[position].type
            if kind == "CLOSE":
                depth += 1
            elif kind == "OPEN":
                depth -= 1
                if depth == 0:
                    return position, last, len(tokens)
        return None


def item_list(reader: ValueReader, separators: str = ",;") -> ItemList:
    return reader.item_list(separators)


def sensitive(reader: ValueReader) -> ItemList:
    """``Sensitive, and Non-Sensitive``: comma items, each without its leading "and "."""
    items = []
    for item in reader.item_list(",").items:
        if item.text.lower().startswith("and "):
            start = item.span.start - reader.offset + 4
            text = reader.text(start, item.span.end - reader.offset)
            item = ListItem(text.text, text.span, item.separator)
        items.append(item)
    return ItemList(tuple(items), reader.whole_span())


def opt_outs(reader: ValueReader) -> OptOuts:
    tokens = reader.tokens()
    group = reader.trail(tokens)
    if group is None:
        head_end, basis, excuses = len(reader.raw), None, False
        head_tokens = tokens
    else:
        open_at, close_at, _ = group
        head_end = tokens[open_at].start_pos
        head_tokens = tokens[:open_at]
        inner_lo, inner_hi = tokens[open_at].end_pos, tokens[close_at].start_pos
        inner_lo, excuses = _skip_prefix(reader.raw, inner_lo, inner_hi, "Excuses:")
        basis = ItemList(
            reader.split(tokens[open_at + 1 : close_at], inner_lo, inner_hi, ","),
            reader.index.span(reader.offset + tokens[open_at].start_pos, reader.offset + tokens[close_at].end_pos),
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
        base = item.span.start - reader.offset
        cuts = [match.end() for match in _GLUE.finditer(item.text)]
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
        head_end, head_tokens = tokens[open_at].start_pos, tokens[:open_at]
        sectors = ItemList(
            reader.split(tokens[open_at + 1 : close_at], tokens[open_at].end_pos, tokens[close_at].start_pos, ","),
            reader.index.span(reader.offset + tokens[open_at].start_pos, reader.offset + tokens[close_at].end_pos),
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


def when(reader: ValueReader) -> When:
    raw = reader.raw
    if not raw.strip():
        return When(None, None, None, False, False)
    try:
        tree = parser().parse(raw, start="when")
    except lark.exceptions.LarkError:
        return When(None, None, reader.text(0, len(raw)), False, False)
    agreement = release = note = None
    final_dot = False
    for part in tree.children:
        if part.data == "agreement":
            agreement = _period(reader, [child.children[0] for child in part.children[1:]])
        elif part.data == "release":
            months = [child for child in part.children if hasattr(child, "data")]
            release = _period(reader, [month.children[0] for month in months],
                              [len(month.children) > 1 for month in months])
            final_dot = any(getattr(c, "type", None) == "FINAL_DOT" for c in part.children)
        elif part.data == "note":
            token = part.children[0]
            note = reader.text(token.start_pos, token.end_pos)
    return When(agreement, release, note, final_dot, True)


def _period(reader: ValueReader, tokens: list[lark.Token], or_before: list[bool] | None = None) -> Period:
    flags = or_before or [False, False]
    start, end = (_date(reader, token, flag) for token, flag in zip(tokens, flags))
    return Period(start, end, reader.index.span(start.span.start, end.span.end))


def _date(reader: ValueReader, token: lark.Token, or_before: bool) -> PartialDate:
    text = token.value
    year = month = day = None
    if token.type == "ISO_DAY":
        year, month, day = int(text[:4]), int(text[5:7]), int(text[8:10])
    elif token.type in ("ISO_MONTH", "DOT_MONTH", "SLASH_MONTH"):
        year, month = int(text[:4]), int(text[5:7])
    elif token.type == "MONTH_SLASH_YEAR":
        month, year = int(text[:2]), int(text[3:7])
    span = reader.index.span(reader.offset + token.start_pos, reader.offset + token.end_pos)
    return PartialDate(text, year, month, day, or_before, span)


def _strip(raw: str, start: int, end: int) -> tuple[int, int]:
    while start < end and raw[start].isspace():
        start += 1
    while end > start and raw[end - 1].isspace():
        end -= 1
    return start, end


#: How each field's value is read.
READERS = {
    FieldKey.TYPE_OF_DATA: lambda r: item_list(r, ","),
    FieldKey.OPT_OUTS: opt_outs,
    FieldKey.LEGAL_BASIS: lambda r: item_list(r, ",;"),
    FieldKey.PURPOSES: purposes,
    FieldKey.SENSITIVE: sensitive,
    FieldKey.WHEN: when,
    FieldKey.ACCESS_METHOD: lambda r: item_list(r, ","),
    FieldKey.DATA_CONTROLLERS: lambda r: item_list(r, ","),
    FieldKey.SUBLICENSING: lambda r: item_list(r, ","),
    FieldKey.AGD_DISCUSSIONS: lambda r: item_list(r, ","),
    FieldKey.FORMAT: lambda r: r.text(0, len(r.raw)),
    FieldKey.HSCIC_ID: lambda r: r.text(0, len(r.raw)),
}
