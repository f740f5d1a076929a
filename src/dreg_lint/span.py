"""Source positions: where in the page text a node of the model comes from."""

from __future__ import annotations

import array
import bisect
import functools
import itertools
import operator
import re
import struct
from collections import namedtuple
from collections.abc import Sequence
from typing import Callable, Iterable, Iterator, TypeVar

_LINE_BREAK = re.compile(r"\r\n?|\n")

_SpanFields = namedtuple("_SpanFields", "line column end_line end_column start end")


class Span(_SpanFields):
    """A stretch of the page text.

    ``line``/``column`` are 1-based; ``end_column`` is the column just after the span on ``end_line``.
    ``start``/``end`` are offsets into the decoded page text (``end`` exclusive).

    An immutable value. It is a tuple underneath because a page model holds a span for every line,
    field value and list item (tens of thousands per megabyte of page), and a tuple is the cheapest
    immutable object to make and to keep. It still compares as a value of its own, as it did as an
    attrs class: it equals only another ``Span`` with the same fields (never a plain tuple), and
    spans have no order.
    """

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if other.__class__ is Span:
            return tuple.__eq__(self, other)
        # A plain tuple would answer for itself (a Span is a tuple to it): say no here.
        return False if isinstance(other, tuple) else NotImplemented

    def __ne__(self, other: object) -> bool:
        if other.__class__ is Span:
            return tuple.__ne__(self, other)
        return True if isinstance(other, tuple) else NotImplemented

    __hash__ = tuple.__hash__

    def __lt__(self, other: object) -> bool:
        raise TypeError("spans have no order")

    __le__ = __gt__ = __ge__ = __lt__

    def __repr__(self) -> str:
        return ("Span(line={!r}, column={!r}, end_line={!r}, end_column={!r}, start={!r}, end={!r})"
                .format(*self))

    def to_json(self) -> dict[str, int]:
        return dict(zip(self._fields, self))


#: The bytes of numbers as a ``LineSpans`` keeps them (array type "q"): an array converts each
#: number it is given one by one through the general argument parser, several times slower than
#: ``struct`` makes their bytes, which it then copies in.
_NUMBERS = "{}q".format
_FOUR_NUMBERS = struct.Struct(_NUMBERS(4)).pack

#: ``new_span((line, column, end_line, end_column, start, end))`` makes the same Span as
#: ``Span(line, column, end_line, end_column, start, end)`` without a Python-level call: the builder
#: makes one for every line, value and list item of a page.
new_span = functools.partial(tuple.__new__, Span)


_Item = TypeVar("_Item")


class CompactSequence(Sequence[_Item]):
    """An immutable sequence kept in a compact form, whose items are made when asked for.

    It is equal to another of its class with the same items or to the tuple of them, hashes as
    that tuple does, and gives a slice as a tuple. A subclass says what two of it compare by
    (``_compared``) and how to make one item (``_item``).
    """

    __slots__ = ()

    def _compared(self) -> object:
        raise NotImplementedError

    def _item(self, index: int) -> _Item:
        raise NotImplementedError

    def __getitem__(self, index):
        if isinstance(index, slice):
            return tuple(self)[index]
        return self._item(index)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, type(self)):
            return self._compared() == other._compared()
        if isinstance(other, tuple):
            return tuple(self) == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({list(self)!r})"


class LineSpans(CompactSequence[Span]):
    """Spans that each lie on one line (a page's blank lines), kept as numbers.

    A page of short projects has a blank line after nearly every line; as ``Span`` objects they were
    a sixth of its model. Here each is four machine integers (line, column, start, end), and a
    ``Span`` is made when one is asked for. It is an immutable sequence of spans, equal to another
    with the same spans or to the tuple of them.
    """

    __slots__ = ("_numbers",)

    def __init__(self, spans: Sequence[Span] = ()) -> None:
        self._numbers = array.array("q")
        for span in spans:
            self.add(span.line, span.column, span.start, span.end)

    def add(self, line: int, column: int, start: int, end: int) -> None:
        """Append the span of ``start:end``, which starts at ``column`` of ``line`` (for building)."""
        self._numbers.frombytes(_FOUR_NUMBERS(line, column, start, end))

    def add_numbers(self, numbers: Iterable[int]) -> None:
        """Append spans given as ``line, column, start, end`` one after another (for building)."""
        numbers = tuple(numbers)
        self._numbers.frombytes(struct.pack(_NUMBERS(len(numbers)), *numbers))

    def lines(self) -> Sequence[int]:
        """The line of each span."""
        return self._numbers[0::4]

    def starts(self) -> Sequence[int]:
        """The start offset of each span."""
        return self._numbers[2::4]

    def __len__(self) -> int:
        return len(self._numbers) // 4

    def _item(self, index: int) -> Span:
        count = len(self)
        if index < 0:
            index += count
        if not 0 <= index < count:
            raise IndexError("LineSpans index out of range")
        line, column, start, end = self._numbers[4 * index : 4 * index + 4]
        return new_span((line, column, line, column + end - start, start, end))

    def __iter__(self) -> Iterator[Span]:
        numbers = iter(self._numbers)
        for line, column, start, end in zip(numbers, numbers, numbers, numbers):
            yield new_span((line, column, line, column + end - start, start, end))

    def _compared(self) -> object:
        return self._numbers

    def __reduce__(self):
        return (LineSpans, (tuple(self),))

    @staticmethod
    def later(find: Callable[[], "LineSpans"]) -> "LineSpans":
        """Spans that ``find()`` gives, called when they are first read (see ``_LineSpansLater``)."""
        return _LineSpansLater(find)


class _LineSpansLater(LineSpans):
    """``LineSpans`` found when first read: a page's blank lines, which no rule reads, while
    finding them for every page was a fortieth of linting it.

    Until then its numbers are unset, and reading them (every method does) comes here; once found
    they are read as any ``LineSpans``'s, with nothing in between. Finding them twice at once (two
    threads) finds the same numbers.
    """

    __slots__ = ("_find",)

    def __init__(self, find: Callable[[], LineSpans]) -> None:  # (not LineSpans.__init__: no numbers yet)
        self._find = find

    def __getattr__(self, name: str):
        if name != "_numbers":
            raise AttributeError(name)
        self._numbers = self._find()._numbers
        return self._numbers

    def __repr__(self) -> str:
        return f"LineSpans({list(self)!r})"


def count_lines(text: str, start: int = 0, breaks_before: int = 0) -> int:
    """Lines in the text (``LineIndex(text).line_count``): a final line break opens no other line.

    With ``start`` (never between the CR and LF of one break), only the breaks from there on are
    counted, and ``breaks_before`` are the text's breaks before it, known otherwise."""
    if text.find("\r", start) < 0:
        breaks = text.count("\n", start)
    else:
        breaks = len(_LINE_BREAK.findall(text, start))
    breaks += breaks_before
    return breaks if breaks and text.endswith(("\n", "\r")) else breaks + 1


def line_around(text: str, offset: int) -> tuple[int, int]:
    """The start and end (before its line break) of the line that holds ``offset``."""
    start = max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1
    found = _LINE_BREAK.search(text, offset)
    return start, found.start() if found else len(text)


class LineIndex:
    """Maps offsets of one text to lines and columns.

    A line break is CRLF, a lone CR or LF: the same three the grammar knows.
    """

    __slots__ = ("text", "starts", "_line", "_low", "_high")

    def __init__(self, text: str) -> None:
        self.text = text
        if "\r" not in text:
            # Lines without CR: the start of each line is the sum of the lengths (plus breaks) of
            # the lines before it, added up in C; the last sum is len(text) + 1, the sentinel.
            self.starts = list(itertools.accumulate(
                map(operator.add, map(len, text.split("\n")), itertools.repeat(1)), initial=0))
        else:
            self.starts = [0]
            self.starts.extend(m.end() for m in _LINE_BREAK.finditer(text))
            self.starts.append(len(text) + 1)  # a sentinel: the end of the last line
        # The line of the last lookup: spans are asked for line after line, so most lookups land
        # on the same line as the one before and need no search.
        self._line, self._low, self._high = 1, 0, self.starts[1]

    @property
    def line_count(self) -> int:
        """Lines in the text; a final line break does not open another line."""
        count = len(self.starts) - 1
        if count > 1 and self.starts[-2] == len(self.text):
            count -= 1
        return count

    def position(self, offset: int) -> tuple[int, int]:
        if not self._low <= offset < self._high:
            line = bisect.bisect_right(self.starts, offset)
            self._line, self._low, self._high = line, self.starts[line - 1], self.starts[line]
        return self._line, offset - self._low + 1

    def span(self, start: int, end: int) -> Span:
        line, column = self.position(start)
        if start <= end < self._high:
            return Span(line, column, line, end - self._low + 1, start, end)
        end_line, end_column = self.position(end)
        return Span(line, column, end_line, end_column, start, end)

    def line_end(self, line: int) -> int:
        """The offset where ``line`` ends, before its line break."""
        end = self.starts[line] - 1  # the last character of the break, or len(text) on the last line
        if end and self.text.startswith("\r\n", end - 1):
            end -= 1
        return end

    def line_span(self, line: int) -> Span:
        """The span of a whole line, without its line break."""
        start = self.starts[line - 1]
        end = self.line_end(line)
        return Span(line, 1, line, end - start + 1, start, end)

    def line_text(self, line: int) -> str:
        return self.text[self.starts[line - 1] : self.line_end(line)]
