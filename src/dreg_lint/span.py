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

    __slots__ = ("text", "starts")

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0]
        self.starts.extend(m.end() for m in _LINE_BREAK.finditer(text))

    @property
    def line_count(self) -> int:
        """Lines in the text; a final line break does not open another line."""
        count = len(self.starts)
        if count > 1 and self.starts[-1] == len(self.text):
            count -= 1
        return count

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1

    def span(self, start: int, end: int) -> Span:
        line, column = self.position(start)
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
