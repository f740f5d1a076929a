"""Walking the model line by line: the leaves of a parsed page.

A *leaf* is a line-level node: a page header, the organisation line, an index entry, the file-count
line, the red-flag paragraph, the footer, a loose line, a project heading, a field line (and the
second line of a two-line field), a section heading, a dataset item, a line of text, or a blank
line. The leaves of a page are disjoint and cover every character of the page except its line breaks
(and a leading byte-order mark); the parser's tests hold it to that.
"""

from __future__ import annotations

from typing import Any, Iterator

import attrs

from dreg_lint.model import Document, Field, Project
from dreg_lint.span import Span


@attrs.frozen(slots=True)
class Leaf:
    """One line-level node. ``kind`` says which (see the module docstring); ``node`` is the model
    node it belongs to (``None`` for a blank line); ``project`` the project that holds it, if any."""

    kind: str
    span: Span
    node: Any
    project: Project | None = None


def field_line(field: Field) -> Span:
    """The span of a field's own line, without its continuation line."""
    span, value = field.span, field.value_span
    return Span(span.line, span.column, value.end_line, value.end_column, span.start, value.end)


def iter_project_leaves(project: Project, blank: bool = True) -> Iterator[Leaf]:
    """The leaves of one project, in the order the model keeps them (not sorted)."""
    if project.heading is not None:
        yield Leaf("heading", project.heading.span, project.heading, project)
    for field in project.fields:
        yield Leaf("field", field_line(field), field, project)
        if field.continuation is not None:
            yield Leaf("continuation", field.continuation.span, field.continuation, project)
    for section in project.sections:
        if section.heading is not None:
            yield Leaf("section_heading", section.heading, section, project)
        for item in section.items:
            yield Leaf("dataset_item", item.span, item, project)
        for line in section.lines:
            yield Leaf("text", line.span, line, project)
    for line in project.loose:
        yield Leaf("loose", line.span, line, project)
    if blank:
        for span in project.blank_lines:
            yield Leaf("blank", span, None, project)


def iter_leaves(document: Document, blank: bool = True) -> Iterator[Leaf]:
    """Every leaf of the page in page order; ``blank=False`` leaves the blank lines out."""
    leaves: list[Leaf] = []
    for kind, node in (("header", document.header), ("organisation", document.organisation),
                       ("file_count", document.file_count), ("red_flag", document.red_flag),
                       ("footer", document.footer)):
        if node is not None:
            leaves.append(Leaf(kind, node.span, node))
    leaves.extend(Leaf("index", entry.span, entry) for entry in document.index)
    leaves.extend(Leaf("loose", line.span, line) for line in document.loose)
    if blank:
        leaves.extend(Leaf("blank", span, None) for span in document.blank_lines)
    for project in document.projects:
        leaves.extend(iter_project_leaves(project, blank))
    leaves.sort(key=lambda leaf: (leaf.span.start, leaf.span.end))
    return iter(leaves)
