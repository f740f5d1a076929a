"""Loads the Lark grammar shipped in ``dreg_lint.grammar`` (the repository's ``grammar/`` folder)."""

from __future__ import annotations

import contextlib
import functools
import operator
import os
import re
import threading
from importlib import resources
from typing import Callable, Iterator

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
    return _lark()


#: The rules of the page grammar that hold one line: each is a single line terminal.
LINE_RULES = ("header", "title", "index_entry", "file_count", "red_flag", "heading", "field", "data_item",
              "access_note", "loose_item", "loose_text", "item", "text", "misplaced", "footer")

#: The rules whose children are lines (and, for projects, sections).
LINE_CONTAINERS = ("page", "project", "headless", "section")


#: The rules of the page grammar that are one project part of a page: a project, or the
#: headingless run of the 2016 pages.
PART_RULES = ("project", "headless")

_PARTS = threading.local()  # .build: what building_parts() was given, in this thread


@contextlib.contextmanager
def building_parts(build: Callable[[str, list], object]) -> Iterator[None]:
    """While in the block, each project part (``PART_RULES``) of a page that ``model_parser()``
    parses is given to ``build(rule, children)`` as soon as the parser has read it, and the page's
    tree holds what ``build`` returns in its place.

    So a part can be made into the model while the parser reads on: the tokens of a page of
    40,000 projects are then never all in memory at once. Outside the block the parts are trees,
    as ``parser()`` makes them.
    """
    previous = getattr(_PARTS, "build", None)
    _PARTS.build = build
    try:
        yield
    finally:
        _PARTS.build = previous


@functools.lru_cache(maxsize=1)
def model_parser() -> lark.Lark:
    """The parser ``dreg_lint.parse`` uses: ``parser()``, but its page lines given as tokens.

    The ``page``, ``project``, ``headless`` and ``section`` trees hold what ``parser()``'s hold,
    but each line in them is the token of its line rule instead of a tree holding that token. A
    separate instance, so that ``parser()`` still gives Lark's plain trees. The ``items`` start
    gives the same trees as ``parser()``'s; so does ``when`` until ``value_parser("when", ...)``
    gives its rules callbacks of their own.
    """
    model = _lark()
    _give_flat_lists(model)
    _rules_by_identity(model)
    return model


def _give_flat_lists(model: lark.Lark) -> None:
    """Make the page rules of ``model`` build flat lists, without a tree for each line.

    The parser calls a rule's callback with the values of its children, and for a page the tree
    Lark builds has a tree per line and per step of each repetition, which the model has no use
    for: each line would cost the parser several calls of Python code. Here every rule below the
    page gives the list of what it stands for in its container, which a rule Lark inlines
    (``_section_line``, the repetitions) or a line rule makes without a Python-level call: a line
    rule's list holds its token, and an inlined rule's is its children's lists joined
    (``functools.reduce(operator.iconcat, ...)``). Only the containers (``LINE_CONTAINERS``) run
    Python code, once each. The trees the containers get are those of ``parser()``, with each line
    rule's tree replaced by its token (the test suite compares them).

    The callbacks are the parser's table of them (``Lark._callbacks``, which its LALR parser reads
    on every reduction, in Lark and in lark-cython), replaced for the rules of the page grammar only.
    """
    callbacks = model._callbacks
    for name, rules in _rules_reached(callbacks, "page"):
        for rule in rules:
            if rule.alias or rule.options.expand1 or any(s.is_term and s.filter_out for s in rule.expansion):
                raise lark.exceptions.GrammarError(
                    f"{rule}: the model parser keeps every child of a page rule, as it is named")
            if name in LINE_RULES:
                callbacks[rule] = list
            elif name in LINE_CONTAINERS:
                callbacks[rule] = _container(name)
            elif not name.startswith("_"):
                raise lark.exceptions.GrammarError(
                    f"{name}: a page rule must be a line rule, a line container or inlined (_name)")
            elif not rule.expansion:
                callbacks[rule] = list
            elif any(symbol.is_term for symbol in rule.expansion):
                callbacks[rule] = _joined  # a token among the lists
            else:
                callbacks[rule] = _JOIN_LISTS


class _Rule(lark.grammar.Rule):
    """A grammar rule that is equal only to itself, and hashes so, in C.

    The LALR parser looks up the callback of a rule in a dict keyed by the rule, and compares the
    rule with a state number, on every reduction (a page has about one per line and per token of its
    repetitions); ``Rule``'s ``__hash__`` and ``__eq__`` are Python functions, two calls of Python
    code per reduction. The parse table and the callbacks hold one object per rule, so a rule is
    found by identity just as well.
    """

    __slots__ = ()
    __hash__ = object.__hash__
    __eq__ = object.__eq__
    __ne__ = object.__ne__


def _rules_by_identity(model: lark.Lark) -> None:
    """Make the rules of ``model`` ``_Rule``s, and key its table of callbacks by them again."""
    callbacks = model._callbacks
    kept = list(callbacks.items())
    callbacks.clear()  # the same dict object: the parser holds it
    for rule, _ in kept:
        rule.__class__ = _Rule
    callbacks.update(kept)


def value_parser(start: str, callback: Callable[[lark.grammar.Rule], Callable[[list], object]]
                 ) -> Callable[[str], object]:
    """A parse of one value with the ``start`` grammar of ``model_parser()`` (``when``), whose
    rules build what ``callback(rule)`` makes of their children instead of a tree.

    Each rule reachable from ``start`` calls ``callback(rule)`` with all its children, the tokens
    Lark leaves out of trees (``_RANGE_DASH``) too, and the parse returns what the start rule's
    callback returns. Lark's LALR parser and lexer are driven directly, without its front end's
    checks of the start and the input on every call: a value is a few tokens long, and those checks
    were 7% of parsing one. A value that does not fit raises Lark's errors, as ``parse`` does.
    """
    model = model_parser()
    callbacks = model._callbacks  # the parser's own table (see _give_flat_lists)
    for _name, rules in _rules_reached(callbacks, start):
        for rule in rules:
            callbacks[rule] = callback(rule)
    frontend = model.parser
    lexer, lalr = frontend.lexer, frontend.parser
    thread = (frontend.options and frontend.options._plugins.get("LexerThread")) or lark.lexer.LexerThread
    new_thread = thread.from_text

    def parse(text: str) -> object:
        return lalr.parse(new_thread(lexer, text), start)

    return parse


def _rules_reached(callbacks: dict, start: str) -> list[tuple[str, list]]:
    """(name, its grammar rules) for each rule name that ``start`` reaches, the grammar rules being
    the keys of a parser's ``callbacks``."""
    rules: dict[str, list] = {}
    for rule in callbacks:
        rules.setdefault(rule.origin.name, []).append(rule)
    return [(name, rules[name]) for name in _reachable(rules, start)]


def _reachable(rules: dict[str, list], start: str) -> set[str]:
    found, todo = set(), [start]
    while todo:
        name = todo.pop()
        if name not in found:
            found.add(name)
            todo += [symbol.name for rule in rules[name] for symbol in rule.expansion if not symbol.is_term]
    return found


#: The lists of a rule's children joined into the first, in C: ``reduce(iconcat, [a, b, c])``.
_JOIN_LISTS = functools.partial(functools.reduce, operator.iconcat)


def _joined(children: list) -> list:
    """Children that are lists (rules) or tokens (terminals), joined into one list."""
    joined: list = []
    for child in children:
        if child.__class__ is list:
            joined += child
        else:
            joined.append(child)
    return joined


def _container(rule: str) -> Callable[[list], object]:
    if rule in PART_RULES:
        def part(children: list) -> list:
            build = getattr(_PARTS, "build", None)
            children = _joined(children)
            return [lark.Tree(rule, children) if build is None else build(rule, children)]
        return part
    if rule == "page":  # the start: its value is what the parser returns
        return lambda children: lark.Tree(rule, _joined(children))
    return lambda children: [lark.Tree(rule, _joined(children))]


@functools.lru_cache(maxsize=1)
def line_kinds() -> dict[str, dict[str, str]]:
    """For each rule in ``LINE_CONTAINERS``: the terminal of a line directly in it -> its line rule.

    Read from the grammar (through the rules Lark inlines: ``_preamble``, ``_field_part``,
    ``_section_line`` and the repetitions), so that the grammar stays the only place that says which
    rule wraps which terminal where. A terminal with two roles in one container is an error.
    """
    expansions: dict[str, list] = {}
    for rule in model_parser().rules:
        expansions.setdefault(rule.origin.name, []).append(rule.expansion)

    def lines_in(name: str, seen: set[str]) -> set[str]:
        found = set()
        for expansion in expansions[name]:
            for symbol in expansion:
                if symbol.is_term or symbol.name in seen:
                    continue
                if symbol.name in LINE_RULES:
                    found.add(symbol.name)
                elif symbol.name.startswith("_"):  # inlined into ``name``'s children
                    seen.add(symbol.name)
                    found |= lines_in(symbol.name, seen)
        return found

    kinds: dict[str, dict[str, str]] = {}
    for container in LINE_CONTAINERS:
        table = kinds[container] = {}
        for line_rule in sorted(lines_in(container, set())):
            for expansion in expansions[line_rule]:
                (terminal,) = expansion
                if table.setdefault(terminal.name, line_rule) != line_rule:
                    raise lark.exceptions.GrammarError(
                        f"terminal {terminal.name} is both {table[terminal.name]} and {line_rule} in {container}")
    return kinds


def _lark() -> lark.Lark:
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
#: The ``items`` terminals other than the item text.
ITEM_PUNCTUATION = ("COMMA", "SEMICOLON", "OPEN", "CLOSE")


@functools.lru_cache(maxsize=1)
def item_tokens() -> "re.Pattern[str]":
    """One regular expression made of the grammar's own ``items`` terminals.

    The ``items`` rule is a flat run of those terminals, so reading a list value needs only its
    tokens; matching them with one expression built from the grammar's definitions keeps the
    grammar the only description of the syntax and skips the parser's per-token bookkeeping,
    which list values (read once per field, tens of thousands of times per corpus) cannot afford.
    """
    return _alternatives(ITEM_TERMINALS)


@functools.lru_cache(maxsize=1)
def item_punctuation() -> tuple["re.Pattern[str]", dict[str, str]]:
    """The ``items`` terminals other than ``ITEM_TEXT``: an expression matching any of them, and
    the terminal each matched character is.

    ``ITEM_TEXT`` is any run of characters that are neither punctuation nor a line break, so in a
    one-line value the item text is exactly what lies between the punctuation, and a list value
    can be read from the positions of its punctuation alone (the test suite checks that this agrees
    with ``item_tokens()``). Each punctuation terminal is one character, so one character class
    finds them all, far faster than an alternation of the terminals.
    """
    names = {}
    for terminal in model_parser().terminals:
        if terminal.name in ITEM_PUNCTUATION:
            pattern = terminal.pattern
            if not isinstance(pattern, lark.lexer.PatternStr) or len(pattern.value) != 1:
                raise lark.exceptions.GrammarError(f"{terminal.name} is not a single character")
            names[pattern.value] = terminal.name
    return re.compile("[" + "".join(map(re.escape, names)) + "]"), names


def _alternatives(names: tuple[str, ...]) -> "re.Pattern[str]":
    definitions = {terminal.name: terminal.pattern.to_regexp() for terminal in model_parser().terminals}
    return re.compile("|".join(f"(?P<{name}>{definitions[name]})" for name in names))
