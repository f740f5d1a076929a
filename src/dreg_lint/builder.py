"""From the Lark parse tree of a page to the typed model.

The grammar has already sorted the lines into preamble, projects and sections. What is left here is
what a context-free grammar cannot say: which of two titles is the organisation, which headingless
block of lines is the dataset list and which the objectives (by position and by the blank lines that
the page left where a heading is missing), that a field line inside a section is still a field, and
whether the page ends where a page can end. Whatever has no place becomes a ``LooseLine`` and a
structural problem; nothing is dropped.
"""

from __future__ import annotations

import re
from typing import Iterable

import lark

from dreg_lint.model import (
    FIELD_LABELS,
    SECTION_LABELS,
    DatasetItem,
    Document,
    Field,
    FieldKey,
    FileCount,
    Heading,
    LooseLine,
    Organisation,
    Problem,
    Project,
    Section,
    SectionKey,
    Text,
)
from dreg_lint.span import LineIndex, Span
from dreg_lint.values import READERS, ValueReader

HEADING_DASH = " \u2014 "
_LIST_MARKER = re.compile(r"[ \t]*(?:[0-9]+\.|\u2022|-)[ \t]")
# A line shaped like "Some label: value" where a field is expected.
_LABEL_LIKE = re.compile(r"[A-Z][A-Za-z0-9 /()'-]{0,40}:(?:[ \t]|$)")
# Where a page may end: a finished sentence or a closed bracket or quote.
_FINISHED = ".!?)]}\"'\u201d\u2019\u00bb\u2026:;"
# Sections a headingless block of text can stand for, in page order.
_TEXT_SECTION_ORDER = (
    SectionKey.OBJECTIVES,
    SectionKey.EXPECTED_BENEFITS,
    SectionKey.OUTPUTS,
    SectionKey.PROCESSING,
)


class PageBuilder:
    def __init__(self, source: str, index: LineIndex, base: int, path: str | None) -> None:
        self.source = source
        self.index = index
        self.base = base  # offset of the parsed text in the source (1 after a byte-order mark)
        self.path = path
        self.problems: list[Problem] = []

    # Helpers

    def span(self, token: lark.Token) -> Span:
        return self.index.span(self.base + token.start_pos, self.base + token.end_pos)

    def text(self, token: lark.Token) -> Text:
        return Text(token.value, self.span(token))

    def problem(self, code: str, message: str, span: Span, project: Project | None = None) -> None:
        self.problems.append(Problem(code, message, span, project))

    # The page

    def build(self, tree: lark.Tree) -> Document:
        header = organisation = file_count = red_flag = footer = None
        index: list[Text] = []
        loose: list[LooseLine] = []
        projects: list[Project] = []
        for child in tree.children:
            kind, token = child.data, (child.children[0] if child.children else None)
            if kind == "header" and header is None and organisation is None:
                header = self.text(token)
            elif kind == "title" and organisation is None:
                organisation = self._organisation(token)
            elif kind == "index_entry" and file_count is None and red_flag is None:
                index.append(self.text(token))
            elif kind == "file_count" and file_count is None:
                file_count = FileCount(int(token.value.split(" ", 1)[0]), self.span(token))
            elif kind == "red_flag" and red_flag is None:
                red_flag = self.text(token)
            elif kind in ("project", "headless"):
                for project, project_footer in self._projects(child, len(projects)):
                    projects.append(project)
                    footer = footer or project_footer
            else:
                line = self._loose(token, f"a second {kind.replace('_', ' ')} line in the page preamble")
                loose.append(line)
        document_blank, projects = self._blank_lines(projects, [header, organisation, file_count, red_flag, footer, *index, *loose])
        document = Document(
            path=self.path,
            source=self.source,
            header=header,
            organisation=organisation,
            index=tuple(index),
            file_count=file_count,
            red_flag=red_flag,
            projects=tuple(projects),
            footer=footer,
            loose=tuple(loose),
            blank_lines=tuple(document_blank),
            line_count=self.index.line_count,
            problems=(),
        )
        self._page_problems(document)
        return _with_problems(document, self.problems)

    def _organisation(self, token: lark.Token) -> Organisation:
        value = token.value.rstrip()
        suffix = value.endswith(" projects")
        name = value[: -len(" projects")] if suffix else value
        return Organisation(name.strip(), suffix, self.span(token))

    def _loose(self, token: lark.Token, reason: str, project: Project | None = None) -> LooseLine:
        line = LooseLine(token.value, reason, self.span(token))
        self.problems.append(Problem("DRL902", f"unplaceable line: {reason}", line.span, project))
        return line

    # Projects

    def _projects(self, tree: lark.Tree, count: int) -> Iterable[tuple[Project, Text | None]]:
        """One project per heading; a headingless run splits where its first field comes again."""
        parts: list[list[lark.Tree]] = [[]]
        first_key = None
        seen_other = False
        for child in tree.children:
            if tree.data == "headless" and child.data == "field":
                key = FIELD_LABELS[child.children[0].value.split(":", 1)[0]]
                if first_key is None:
                    first_key = key
                elif key is first_key and seen_other:
                    parts.append([])
                    seen_other = False
            elif child.data != "heading":
                seen_other = True
            parts[-1].append(child)
        for number, children in enumerate(parts, start=count + 1):
            yield ProjectBuilder(self, number).build(children)

    def _blank_lines(self, projects: list[Project], page_nodes: list) -> tuple[list[Span], list[Project]]:
        """Hand every blank line to the project whose stretch of the page holds it."""
        covered = set()
        for node in page_nodes:
            if node is not None:
                covered.update(range(node.span.line, node.span.end_line + 1))
        for project in projects:
            for leaf in iter_project_leaves(project):
                covered.update(range(leaf.line, leaf.end_line + 1))
        blank = [line for line in range(1, self.index.line_count + 1) if line not in covered]
        starts = [project.span.line for project in projects]
        page_blank: list[Span] = []
        per_project: list[list[Span]] = [[] for _ in projects]
        for line in blank:
            owner = None
            for position, start in enumerate(starts):
                if start <= line:
                    owner = position
                else:
                    break
            (page_blank if owner is None else per_project[owner]).append(self.index.line_span(line))
        return page_blank, [
            _evolve(project, blank_lines=tuple(spans)) for project, spans in zip(projects, per_project)
        ]

    # Page-level checks

    def _page_problems(self, document: Document) -> None:
        first = self.index.line_span(1) if self.index.line_count else self.index.span(0, 0)
        if document.header is None:
            if not self.source.strip():
                self.problem("DRL901", "empty page: no page header and no projects", first)
            else:
                self.problem("DRL901", "missing page header: the first line should be "
                             "'NHS Digital Data Release Register - reformatted'", first)
        self._truncation(document)

    def _truncation(self, document: Document) -> None:
        if not self.source.strip():
            return
        last_line = self.index.line_count
        while last_line > 1 and not self.index.line_text(last_line).strip():
            last_line -= 1
        span = self.index.line_span(last_line)
        if not document.projects:
            if document.header is not None or document.organisation is not None or document.index:
                self.problem("DRL903", "truncated page: it ends before its first project", span)
            return
        project = document.projects[-1]
        if document.footer is not None and document.footer.span.line >= project.span.end_line:
            return
        where = _describe_end(project, span.line)
        last_text = self.index.line_text(last_line)
        if not project.sections and not project.datasets:
            reason = "it ends among the project's fields, before any section"
        elif last_text != last_text.rstrip():
            reason = f"the last line of {where} breaks off after a space"
        elif _is_empty_field_line(project, span.line):
            reason = "its last field has no value"
        elif not last_text.rstrip().endswith(tuple(_FINISHED)):
            reason = f"the last line of {where} breaks off mid-sentence"
        else:
            return
        name = project.reference or f"project {project.number}"
        self.problem("DRL903", f"truncated project {name}: {reason}", span, project)


class ProjectBuilder:
    """Builds one project from its children in the parse tree."""

    def __init__(self, page: PageBuilder, number: int) -> None:
        self.page = page
        self.number = number
        self.heading: Heading | None = None
        self.fields: list[Field] = []
        self.sections: list[Section] = []
        self.loose: list[LooseLine] = []
        self.footer: Text | None = None
        self._pending: list[tuple[str, lark.Token]] = []  # headingless lines awaiting a section

    def build(self, children: list[lark.Tree]) -> tuple[Project, Text | None]:
        for child in children:
            kind = child.data
            if kind == "heading":
                self.heading = self._heading(child.children[0])
            elif kind == "section":
                self._flush_pending()
                self._section(child)
            elif kind in ("loose_item", "loose_text"):
                self._pending.append((kind, child.children[0]))
            else:
                self._flush_pending()
                self._line(kind, child.children[0])
        self._flush_pending()
        project = self._project()
        for problem_code, message, span in self._late_problems(project):
            self.page.problem(problem_code, message, span, project)
        return project, self.footer

    def _project(self) -> Project:
        spans = [leaf for leaf in self._leaves()]
        first = min(spans, key=lambda s: s.start)
        last = max(spans, key=lambda s: s.end)
        span = Span(first.line, first.column, last.end_line, last.end_column, first.start, last.end)
        return Project(self.heading, tuple(self.fields), tuple(self.sections), tuple(self.loose), (),
                       self.number, span)

    def _leaves(self) -> Iterable[Span]:
        if self.heading is not None:
            yield self.heading.span
        for field in self.fields:
            yield field.span
        for section in self.sections:
            yield section.span
        for line in self.loose:
            yield line.span

    def _late_problems(self, project: Project) -> Iterable[tuple[str, str, Span]]:
        for line in self.loose:
            prefix = "unplaceable line: " if line.code == "DRL902" else ""
            yield (line.code, f"{prefix}{line.reason}", line.span)
        seen: dict[FieldKey, Field] = {}
        for field in self.fields:
            if field.key in seen:
                yield ("DRL905", f"duplicate field: '{field.label}:' appears again "
                       f"(first on line {seen[field.key].span.line})", field.span)
            else:
                seen[field.key] = field

    # Lines

    def _heading(self, token: lark.Token) -> Heading:
        value = token.value.rstrip()
        cut = value.rfind(HEADING_DASH)
        start = self.page.base + token.start_pos
        index = self.page.index
        title = Text(value[:cut], index.span(start, start + cut))
        ref_start = cut + len(HEADING_DASH)
        reference = Text(value[ref_start:].strip(), index.span(start + ref_start, start + len(value)))
        return Heading(title, reference, self.page.span(token))

    def _field(self, token: lark.Token) -> Field:
        label, _, raw = token.value.partition(":")
        key = FIELD_LABELS[label]
        value_offset = self.page.base + token.start_pos + len(label) + 1
        reader = ValueReader(self.page.index, raw, value_offset)
        value = READERS[key](reader)
        value_span = self.page.index.span(value_offset, value_offset + len(raw))
        return Field(key, label, raw, value, value_span, self.page.span(token))

    def _line(self, kind: str, token: lark.Token) -> None:
        """A line of the field part, or a field/footer/misplaced line inside a section."""
        if kind == "field":
            self.fields.append(self._field(token))
        elif kind == "access_note":
            self._access_note(token)
        elif kind == "data_item":
            self._data_item(token)
        elif kind == "footer":
            self.footer = self.page.text(token)
        else:  # misplaced
            self.loose.append(LooseLine(token.value, _misplaced_reason(token), self.page.span(token)))

    def _access_note(self, token: lark.Token) -> None:
        if self.fields and self.fields[-1].key is FieldKey.ACCESS_METHOD and self.fields[-1].continuation is None:
            self.fields[-1] = _evolve(self.fields[-1], continuation=self.page.text(token))
            last = self.fields[-1]
            span = last.span
            end = last.continuation.span
            self.fields[-1] = _evolve(last, span=Span(span.line, span.column, end.end_line, end.end_column, span.start, end.end))
        else:
            self.loose.append(LooseLine(token.value, "a system-access note that follows no Access method field",
                                        self.page.span(token)))

    def _data_item(self, token: lark.Token) -> None:
        """A 2016-style ``Data: <dataset>`` line: one item of the datasets section."""
        item = DatasetItem(token.value[5:].strip(), "Data:", self.page.span(token))
        section = self.sections[-1] if self.sections else None
        if section is not None and section.key is SectionKey.DATASETS and section.label == "Data":
            self.sections[-1] = _extend_section(section, items=(item,))
        else:
            self.sections.append(Section(SectionKey.DATASETS, "Data", None, (item,), (), False, item.span))

    # Sections

    def _section(self, tree: lark.Tree) -> None:
        opener = tree.children[0]
        label, inline_text = _section_label(opener.value)
        key = SECTION_LABELS[label]
        if opener.type == "INLINE_SECTION" and not self._is_2016_project():
            # "Output: ..." in the free text of a newer page is text, not a section.
            if self.sections:
                self._section_lines(len(self.sections) - 1, [("text", opener)])
                self._section_lines(len(self.sections) - 1, [(c.data, c.children[0]) for c in tree.children[1:]])
                return
        start = self.page.base + opener.start_pos
        heading = self.page.index.span(start, start + len(label) + 1) if inline_text is not None else self.page.span(opener)
        lines: tuple[Text, ...] = ()
        if inline_text is not None:
            text_start = start + len(label) + 2
            lines = (Text(inline_text, self.page.index.span(text_start, start + len(opener.value))),)
        self.sections.append(Section(key, label, heading, (), lines, False, self.page.span(opener)))
        self._section_lines(len(self.sections) - 1, [(c.data, c.children[0]) for c in tree.children[1:]])

    def _section_lines(self, position: int, lines: list[tuple[str, lark.Token]]) -> None:
        """Body lines of the section at ``position``. Fields found in a body are lifted out, and a
        block of text that the page separated from a dataset list by a missing heading's blank lines
        starts a section of its own."""
        for kind, token in lines:
            section = self.sections[position]
            if kind in ("field", "access_note", "data_item", "footer", "misplaced"):
                self._line(kind, token)
                continue
            span = self.page.span(token)
            if section.key is SectionKey.DATASETS and section.label != "Data":
                marker = _LIST_MARKER.match(token.value)
                gap = span.line - section.span.end_line
                if marker is None and section.items and gap >= 3:
                    self._open_inferred(kind, token)
                    position = len(self.sections) - 1
                    continue
                item = DatasetItem(token.value[marker.end():].strip() if marker else token.value.strip(),
                                   marker.group(0).strip() if marker else "", span)
                self.sections[position] = _extend_section(section, items=(item,))
            else:
                self.sections[position] = _extend_section(section, lines=(Text(token.value, span),))

    def _open_inferred(self, kind: str, token: lark.Token) -> None:
        span = self.page.span(token)
        if kind == "loose_item" or kind == "item" and not self.project_has(SectionKey.DATASETS):
            key = SectionKey.DATASETS
        else:
            key = self._next_text_section()
        section = Section(key, None, None, (), (), True, span)
        self.sections.append(section)
        self._section_lines(len(self.sections) - 1, [("item" if kind.endswith("item") else "text", token)])

    def project_has(self, key: SectionKey) -> bool:
        return any(section.key is key for section in self.sections)

    def _next_text_section(self) -> SectionKey:
        present = [s.key for s in self.sections]
        last = max((_TEXT_SECTION_ORDER.index(k) for k in present if k in _TEXT_SECTION_ORDER), default=-1)
        for key in _TEXT_SECTION_ORDER[last + 1 :]:
            if key not in present:
                return key
        return _TEXT_SECTION_ORDER[-1]

    def _flush_pending(self) -> None:
        """Headingless lines of the field part: unknown labels, a dataset list, blocks of text."""
        pending, self._pending = self._pending, []
        previous_end = None
        for kind, token in pending:
            span = self.page.span(token)
            if kind == "loose_text" and not self.sections and _LABEL_LIKE.match(token.value) \
                    and token.type == "TEXT":
                label = token.value.split(":", 1)[0]
                self.loose.append(LooseLine(token.value, f"unknown field label '{label}:'", span, "DRL904"))
                continue
            current = self.sections[-1] if self.sections else None
            is_item = kind == "loose_item"
            starts_block = (
                current is None
                or current.heading is not None  # headingless lines never join a headed section here
                or (previous_end is not None and span.line - previous_end >= 3)
                or (is_item and current.key is not SectionKey.DATASETS)
                or (not is_item and current.key is SectionKey.DATASETS and current.items)
            )
            if starts_block:
                self._open_inferred(kind, token)
            else:
                self._section_lines(len(self.sections) - 1, [("item" if is_item else "text", token)])
            previous_end = span.end_line

    def _is_2016_project(self) -> bool:
        return any(f.label in ("HSCIC Id", "Basis", "Format", "How often") for f in self.fields) or any(
            s.label in ("Data", "Project info") for s in self.sections)


# ---------------------------------------------------------------------------------------------------


def _section_label(line: str) -> tuple[str, str | None]:
    """``"Datasets:"`` -> ("Datasets", None); ``"Objective: text"`` -> ("Objective", "text")."""
    stripped = line.strip()
    if stripped == "Project info":
        return "Project info", None
    label, _, rest = line.partition(":")
    if rest.strip():
        return label, rest[1:] if rest.startswith(" ") else rest
    return label, None


def _misplaced_reason(token: lark.Token) -> str:
    return {
        "HEADER": "a page header inside a project (two pages glued together?)",
        "FILE_COUNT": "a file-count line inside a project",
        "FLAG": "a red-flag paragraph inside a project",
    }.get(token.type, "a line out of place")


def _extend_section(section: Section, items: tuple = (), lines: tuple = ()) -> Section:
    last = (items or lines)[-1].span
    span = section.span
    return _evolve(
        section,
        items=section.items + items,
        lines=section.lines + lines,
        span=Span(span.line, span.column, last.end_line, last.end_column, span.start, last.end),
    )


def _evolve(node, **changes):
    import attrs

    return attrs.evolve(node, **changes)


def _with_problems(document: Document, problems: list[Problem]) -> Document:
    ordered = sorted(problems, key=lambda p: (p.span.start, p.code))
    return _evolve(document, problems=tuple(ordered))


def _describe_end(project: Project, line: int) -> str:
    for section in project.sections:
        if section.span.line <= line <= section.span.end_line:
            if section.label:
                return f"its {section.label} section"
            return f"its headingless {section.key.value.replace('_', ' ')} text"
    return "the project"


def _is_empty_field_line(project: Project, line: int) -> bool:
    for field in project.fields:
        if field.span.end_line == line:
            return field.empty and field.key is not FieldKey.DATA_CONTROLLERS and field.key is not FieldKey.SUBLICENSING
    for section in project.sections:
        for item in section.items:
            if item.span.line == line and not item.text:
                return True
    return False


def iter_project_leaves(project: Project) -> Iterable[Span]:
    """The spans of the line-level nodes of a project (blank lines excepted)."""
    if project.heading is not None:
        yield project.heading.span
    for field in project.fields:
        yield field.span
    for section in project.sections:
        if section.heading is not None:
            yield section.heading
        for item in section.items:
            yield item.span
        for line in section.lines:
            yield line.span
    for line in project.loose:
        yield line.span
