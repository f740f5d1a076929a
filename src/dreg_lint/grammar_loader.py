"""Loads the Lark grammar shipped in ``dreg_lint.grammar`` (the repository's ``grammar/`` folder)."""

from __future__ import annotations

import functools
from importlib import resources

import lark

GRAMMAR_FILE = "register.lark"


def grammar_text() -> str:
    return resources.files("dreg_lint.grammar").joinpath(GRAMMAR_FILE).read_text(encoding="utf-8")


@functools.lru_cache(maxsize=1)
def parser() -> lark.Lark:
    """The LALR parser with the contextual lexer, for the ``page``, ``when`` and ``items`` starts.

    Lark's own cache keeps the compiled tables between runs, so start-up does not rebuild them;
    where the cache cannot be written the grammar is simply compiled again.
    """
    options = dict(
        parser="lalr",
        lexer="contextual",
        start=["page", "when", "items"],
        maybe_placeholders=False,
    )
    try:
        return lark.Lark(grammar_text(), cache=True, **options)
    except OSError:
        return lark.Lark(grammar_text(), **options)
