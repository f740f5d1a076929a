"""Loads the Lark grammar shipped in ``dreg_lint.grammar`` (the repository's ``grammar/`` folder)."""

from __future__ import annotations

import functools
import os
import re
from importlib import resources

import lark

GRAMMAR_FILE = "register.lark"


def grammar_text() -> str:
    return resources.files("dreg_lint.grammar").joinpath(GRAMMAR_FILE).read_text(encoding="utf-8")


@functools.lru_cache(maxsize=1)
def parser() -> lark.Lark:
    """The LALR parser with the contextual lexer, for the ``page``, ``when`` and ``items`` starts.

    Lark's own cache keeps the compiled tables between runs, so start-up does not rebuild them;
    where the cache cannot be written the grammar is simply compiled again. Where the optional
    ``lark-cython`` accelerator is installed (``pip install 'dreg-lint[speed]'``) the same grammar
    runs on it, giving the same trees faster; ``DREG_LINT_PURE_PYTHON=1`` turns it off.
    """
    options: dict = dict(
        parser="lalr",
        lexer="contextual",
        start=["page", "when", "items"],
        maybe_placeholders=False,
    )
    accelerator = accelerator_plugins()
    if accelerator is not None:
        options["_plugins"] = accelerator
    try:
        return lark.Lark(grammar_text(), cache=True, **options)
    except OSError:
        return lark.Lark(grammar_text(), **options)


def accelerator_plugins() -> dict | None:
    if os.environ.get("DREG_LINT_PURE_PYTHON"):
        return None
    try:
        import lark_cython
    except ImportError:
        return None
    return lark_cython.plugins

#: The terminals of the ``items`` start: item text, separators and parentheses.
ITEM_TERMINALS = ("ITEM_TEXT", "COMMA", "SEMICOLON", "OPEN", "CLOSE")


@functools.lru_cache(maxsize=1)
def item_tokens() -> "re.Pattern[str]":
    """One regular expression made of the grammar's own ``items`` terminals.

    The ``items`` rule is a flat run of those terminals, so reading a list value needs only its
    tokens; matching them with one expression built from the grammar's definitions keeps the
    grammar the only description of the syntax and skips the parser's per-token bookkeeping,
    which list values (read once per field, tens of thousands of times per corpus) cannot afford.
    """
    definitions = {terminal.name: terminal.pattern.to_regexp() for terminal in parser().terminals}
    return re.compile("|".join(f"(?P<{name}>{definitions[name]})" for name in ITEM_TERMINALS))
