"""``parse()``: page text in, typed model out. It never raises on page content."""

from __future__ import annotations

import lark

from dreg_lint.builder import PageBuilder
from dreg_lint.grammar_loader import parser
from dreg_lint.model import Document
from dreg_lint.span import LineIndex

BOM = "\ufeff"


def parse(text: str, path: str | None = None) -> Document:
    """Parse one register page.

    ``text`` is the decoded page (see ``dreg_lint.decode`` for bytes). Every line of it belongs to
    exactly one node of the returned model; lines with no place in a page are kept as loose lines
    and reported as structural problems (``Document.problems``).
    """
    index = LineIndex(text)
    base = 1 if text.startswith(BOM) else 0
    tree = parser().parse(text[base:], start="page")
    return PageBuilder(text, index, base, path).build(tree)


__all__ = ["parse", "lark"]
