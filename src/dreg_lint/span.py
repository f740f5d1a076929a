"""Source positions: where in the page text a node of the model comes from."""

from __future__ import annotations

import bisect
import re

import attrs

_LINE_BREAK = re.compile(r"\r\n?|\n")


@attrs.frozen(slots=True)
class Span:
    """A stretch of the page text.

    ``line``/``column`` are 1-based; ``end_column`` is the column just after the span on ``end_line``.
    ``start``/``end`` are offsets into the decoded page text (``end`` exclusive).
    """

    line: int
    column: int
    end_line: int
    end_column: int
    start: int
    end: int

    def to_json(self) -> dict[str, int]:
        return attrs.asdict(self)


class LineIndex:
    """Maps offsets of one text to lines and columns.

    A line break is CRLF, a lone CR or LF: the same three the grammar knows.
    """

    __slots__ = ("text", "starts", "_line", "_low", "_high")

    def __init__(self, text: str) -> None:
        self.text = text
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

    def line_span(self, line: int) -> Span:
        """The span of a whole line, without its line break."""
        start = self.starts[line - 1]
        match = _LINE_BREAK.search(self.text, start)
        end = match.start() if match else len(self.text)
        return self.span(start, end)

    def line_text(self, line: int) -> str:
        span = self.line_span(line)
        return self.text[span.start : span.end]
