"""What a rule is: its metadata, its documentation and its check.

A rule module (built-in or from a plugin) reads top to bottom: a docstring that documents the rule,
then ``RULE = Rule(...)`` with its code, name, severity, groups, scope, options and a bad and a good
example, then the check, attached with ``@RULE.checker``. Plugins hand their ``Rule`` objects to
dreg-lint through the ``dreg_lint_rules`` hook (see ``dreg_lint.hookspecs``).

The docstring is the rule's documentation: ``--explain``, ``--list-rules``, the SARIF rule metadata
and the README table are all generated from it and from the examples, which the test suite runs.
Write it with these headings (each a line of its own, followed by a paragraph):

    <one-line summary>

    What it checks
    ...
    Why
    ... (with the source)
    Known false positives
    ...
"""

from __future__ import annotations

import enum
import inspect
from typing import Any, Callable, Iterable

import attrs

from dreg_lint.diagnostics import Severity
from dreg_lint.span import Span


class Scope(str, enum.Enum):
    PROJECT = "project"  # check(project, context) runs once per project
    PAGE = "page"  # check(document, context) runs once per page
    PAGES = "pages"  # collect(document, context) per page, then check(facts, context) once


@attrs.frozen(slots=True)
class Option:
    """A rule option, set in ``[tool.dreg-lint.rules.CODE]``."""

    name: str
    default: Any
    help: str

    @property
    def type_name(self) -> str:
        value = self.default
        if isinstance(value, bool):
            return "bool"
        if isinstance(value, (list, tuple)):
            return "list[str]"
        return type(value).__name__

    def accepts(self, value: Any) -> bool:
        kind = self.type_name
        if kind == "bool":
            return isinstance(value, bool)
        if kind == "list[str]":
            return isinstance(value, list) and all(isinstance(v, str) for v in value)
        if kind == "int":
            return isinstance(value, int) and not isinstance(value, bool)
        return isinstance(value, type(self.default))


@attrs.frozen(slots=True)
class Example:
    """A snippet of register text. ``expect`` lists ``"line:column"`` of each finding it must raise."""

    text: str
    expect: tuple[str, ...] = ()
    options: dict[str, Any] = attrs.field(factory=dict)


# Not frozen, but equal and hashed by value as a frozen class is: checks make one for every finding,
# and a frozen attrs class takes two to three times as long to make (-0.6% of the command's
# instructions on the benchmark's pages). The engine reads a finding once, as it gets it: changing
# one afterwards changes nothing.
@attrs.define(slots=True, unsafe_hash=True)
class Finding:
    """What a check yields. The engine turns it into a ``Diagnostic``.

    ``project`` is the project the finding is about (filled in for project-scope rules); cross-page
    rules give ``path``, ``reference``, ``project_line`` and ``flagged`` themselves, because the page
    is gone by the time they run.
    """

    span: Span
    message: str
    severity: Severity | None = None
    project: Any = None
    path: str | None = None
    reference: str | None = None
    project_line: int | None = None
    flagged: str | None = None


# Not frozen: the engine makes one per rule for every page, and a frozen attrs class takes three
# times as long to make. Checks only read it.
@attrs.define(slots=True, eq=False)
class Context:
    """What a check may look at besides its node."""

    path: str | None
    options: dict[str, Any]
    document: Any = None  # the Document (None in the cross-page check)


@attrs.define(slots=True, eq=False)
class Rule:
    code: str
    name: str
    severity: Severity = attrs.field(converter=Severity.parse)
    groups: tuple[str, ...] = attrs.field(converter=tuple)
    scope: Scope = attrs.field(converter=Scope)
    doc: str
    bad: Example | None = None
    good: Example | None = None
    options: tuple[Option, ...] = attrs.field(default=(), converter=tuple)
    check: Callable[..., Iterable[Finding] | None] | None = None
    collect: Callable[..., Any] | None = None  # cross-page rules only
    plugin: str = ""  # filled in by the registry: the plugin that declared the rule
    # A cross-page rule's check is given a list of the pages' facts, unless it sets this: then it
    # gets a sized collection that reads them back from a file each time it is iterated (iterate it
    # as often as needed, keep as little as possible), so a run's memory need not grow with its pages.
    streamed_facts: bool = False

    def checker(self, function: Callable[..., Iterable[Finding] | None]) -> Callable:
        """Decorator: attach the check."""
        self.check = function
        return function

    def collector(self, function: Callable[..., Any]) -> Callable:
        """Decorator: attach the per-page fact collector of a cross-page rule."""
        self.collect = function
        return function

    def default_options(self) -> dict[str, Any]:
        return {option.name: option.default for option in self.options}

    # Documentation, read from the docstring.

    @property
    def summary(self) -> str:
        return _doc_sections(self.doc)[""].split("\n\n")[0].replace("\n", " ").strip()

    def doc_section(self, heading: str) -> str:
        return _doc_sections(self.doc).get(heading.lower(), "")


_DOC_HEADINGS = ("what it checks", "why", "known false positives", "options")


def _doc_sections(doc: str) -> dict[str, str]:
    sections: dict[str, list[str]] = {"": []}
    current = ""
    for line in inspect.cleandoc(doc or "").splitlines():
        if line.strip().lower() in _DOC_HEADINGS:
            current = line.strip().lower()
            sections[current] = []
        else:
            sections[current].append(line)
    return {key: "\n".join(lines).strip() for key, lines in sections.items()}
