"""``--dump-ast``: the parsed model of a page as a JSON-serialisable dict.

Every node of the model becomes an object with a ``"node"`` key naming its class, its attributes
(spans as ``{"line", "column", "end_line", "end_column", "start", "end"}``, enums as their values,
tuples as lists, field values typed as the model types them) and, for the nodes whose handiest
facts are properties (a project's reference and title, a field's emptiness), those facts too.
The page text itself is not repeated; a structural problem names its project by number and
reference instead of repeating it.
"""

from __future__ import annotations

import enum
from typing import Any

import attrs

from dreg_lint.model import Document, Field, ListItem, PartialDate, Problem, Project, Section
from dreg_lint.span import CompactSequence, Span

#: Attributes left out of the dump (``Document.source`` is the page text; ``Field._value`` is the
#: field's value while at hand, dumped as ``value``).
_SKIP = {"source", "_value"}

#: Properties dumped as if they were attributes, in their place: name -> the attribute they follow.
#: (A field's value is read from its text when asked for; see ``Field.value``.)
_IN_PLACE: dict[type, dict[str, str]] = {
    Field: {"raw": "value"},
}

#: Derived facts (properties) added to the dump of some nodes.
_EXTRA: dict[type, tuple[str, ...]] = {
    Project: ("reference", "title"),
    Field: ("empty",),
    ListItem: ("empty",),
    PartialDate: ("unknown",),
    Section: ("has_text",),
}


def to_json(document: Document) -> dict[str, Any]:
    """The whole model of ``document`` as plain dicts, lists, strings, numbers, booleans and None."""
    return _convert(document)


def _convert(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, str):
        return value
    if isinstance(value, Span):
        return value.to_json()
    if isinstance(value, Problem):
        return _problem(value)
    if isinstance(value, (tuple, list, CompactSequence)):
        return [_convert(item) for item in value]
    if attrs.has(type(value)):
        out: dict[str, Any] = {"node": type(value).__name__}
        in_place = _IN_PLACE.get(type(value), {})
        for attribute in attrs.fields(type(value)):
            if attribute.name not in _SKIP:
                out[attribute.name] = _convert(getattr(value, attribute.name))
            if attribute.name in in_place:
                out[in_place[attribute.name]] = _convert(getattr(value, in_place[attribute.name]))
        for name in _EXTRA.get(type(value), ()):
            out[name] = _convert(getattr(value, name))
        return out
    raise TypeError(f"cannot dump {type(value).__name__} as JSON")


def _problem(problem: Problem) -> dict[str, Any]:
    project = problem.project
    return {
        "node": "Problem",
        "code": problem.code,
        "message": problem.message,
        "span": problem.span.to_json(),
        "project": None if project is None else {"number": project.number, "reference": project.reference},
    }
