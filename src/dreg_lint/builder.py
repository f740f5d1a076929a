"""From the Lark parse tree of a page to the typed model.

The grammar has already sorted the lines into preamble, projects and sections. What is left here is
what a context-free grammar cannot say: which of two titles is the organisation, which headingless
block of lines is the dataset list and which the objectives (by position and by the blank lines that
the page left where a heading is missing), that a field line inside a section is still a field, and
whether the page ends where a page can end. Whatever has no place becomes a ``LooseLine`` and a
structural problem; nothing is dropped.
"""

from __future__ import annotations

import bisect
import re
from typing import Iterable

import attrs
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
    IndexEntry,
    LooseLine,
    Organisation,
    Problem,
    Project,
    Section,
    SectionKey,
    Text,
)
from dreg_lint import walk
from dreg_lint.span import LineIndex, Span
from dreg_lint.values import READERS, ValueReader

HEADING_DASH = " \u2014 "
_LIST_MARKER = re.compile(r"[ \t]*(?:[0-9]+\.|\u2022|-)[ \t]")
# The suffix the project index puts after the title of a TRE project.
_SYSTEM_ACCESS_SUFFIX = ' (partially via "system access")'
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
        index: list[IndexEntry] = []
        loose: list[LooseLine] = []
        projects: list[Project] = []
        for child in tree.children:
            kind, token = child.data, (child.children[0] if child.children else None)
            if kind == "header" and header is None and organisation is None:
                header = self.text(token)
            elif kind == "title" and organisation is None:
                organisation = self._organisation(token)
            elif kind == "index_entry" and file_count is None and red_flag is None:
                index.append(self._index_entry(token))
            elif kind == "file_count" and file_count is None:
                file_count = FileCount(int(token.value.split(" ", 1)[0]), self.span(token))
            elif kind == "red_flag" and red_flag is None:
                red_flag = self.text(token)
            elif kind in ("project", "headless"):
                for project, project_footer in self._projects(child, len(projects)):
                    projects.append(project)
                    footer = footer or project_footer
            else:
                loose.append(self._loose(token, _preamble_reason(kind)))
        document_blank, projects = self._blank_lines(projects, [header, organisation, file_count, red_flag, footer, *index, *loose])
        # Problems found while a project was built point at the finished project (with its blank lines).
        final = {project.number: project for project in projects}
        self.problems = [problem if problem.project is None else attrs.evolve(problem, project=final[problem.project.number])
                         for problem in self.problems]
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

    def _index_entry(self, token: lark.Token) -> IndexEntry:
        value = token.value.rstrip()
        marker = _LIST_MARKER.match(value)
        title = value[marker.end():] if marker else value
        system_access = title.endswith(_SYSTEM_ACCESS_SUFFIX)
        if system_access:
            title = title[: -len(_SYSTEM_ACCESS_SUFFIX)]
        return IndexEntry(token.value, self.span(token), title.strip(), system_access)

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
        """One project per heading; a headingless run (the 2016 pages) holds one project after
        another, and a new one starts where a field comes again after the datasets or text of the
        previous one."""
        parts = _split_headless(tree.children) if tree.data == "headless" else [list(tree.children)]
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
        # (a field's continuation line is its own leaf, so a blank line between the two stays blank)
        blank = [line for line in range(1, self.index.line_count + 1) if line not in covered]
        starts = [project.span.line for project in projects]
        page_blank: list[Span] = []
        per_project: list[list[Span]] = [[] for _ in projects]
        for line in blank:
            # the project whose first line is the last one at or above the blank line, if any
            owner = bisect.bisect_right(starts, line) - 1
            owner = None if owner < 0 else owner
            span = self.index.line_span(line)
            if span.start < self.base:  # a blank first line after the byte-order mark
                span = self.index.span(self.base, span.end)
            (page_blank if owner is None else per_project[owner]).append(span)
        return page_blank, [
            attrs.evolve(project, blank_lines=tuple(spans)) for project, spans in zip(projects, per_project)
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


class _Draft:
    """A section while it is being filled (lists, not tuples, so a long section costs linear time)."""

    __slots__ = ("key", "label", "heading", "items", "lines", "inferred", "first", "last")

    def __init__(self, key: SectionKey, label: str | None, heading: Span | None, inferred: bool, span: Span) -> None:
        self.key = key
        self.label = label
        self.heading = heading
        self.items: list[DatasetItem] = []
        self.lines: list[Text] = []
        self.inferred = inferred
        self.first = span
        self.last = span

    @property
    def end_line(self) -> int:
        return self.last.end_line

    def add_item(self, item: DatasetItem) -> None:
        self.items.append(item)
        self.last = item.span

    def add_line(self, line: Text) -> None:
        self.lines.append(line)
        self.last = line.span

    def section(self) -> Section:
        first, last = self.first, self.last
        span = Span(first.line, first.column, last.end_line, last.end_column, first.start, last.end)
        return Section(self.key, self.label, self.heading, tuple(self.items), tuple(self.lines), self.inferred, span)


#: Labels that only the 2016 pages use.
_LABELS_2016 = frozenset({"HSCIC Id", "Basis", "Format", "How often"})


class ProjectBuilder:
    """Builds one project from its children in the parse tree."""

    def __init__(self, page: PageBuilder, number: int) -> None:
        self.page = page
        self.number = number
        self.heading: Heading | None = None
        self.fields: list[Field] = []
        self.sections: list[_Draft] = []
        self.loose: list[LooseLine] = []
        self.footer: Text | None = None
        self._pending: list[tuple[str, lark.Token]] = []  # headingless lines awaiting a section
        self._keys: set[SectionKey] = set()  # the section keys present
        self._last_text = -1  # the latest place in _TEXT_SECTION_ORDER that a present section takes
        self._old = False  # a 2016 project (its labels or its Data/Project info lines seen)

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
        sections = tuple(draft.section() for draft in self.sections)
        spans = [*(self.heading.span for _ in (1,) if self.heading is not None),
                 *(field.span for field in self.fields), *(section.span for section in sections),
                 *(line.span for line in self.loose)]
        first = min(spans, key=lambda s: s.start)
        last = max(spans, key=lambda s: s.end)
        span = Span(first.line, first.column, last.end_line, last.end_column, first.start, last.end)
        return Project(self.heading, tuple(self.fields), sections, tuple(self.loose), (), self.number, span)

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
        if label in _LABELS_2016:
            self._old = True
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
        """The second line of ``Access method:``; it must follow that field with nothing in between."""
        follows_access = bool(self.fields) and self.fields[-1].key is FieldKey.ACCESS_METHOD \
            and not self._placed_after(self.fields[-1].span.end_line)
        if follows_access and self.fields[-1].continuation is None:
            last = self.fields[-1]
            note = self.page.text(token)
            span, end = last.span, note.span
            self.fields[-1] = attrs.evolve(last, continuation=note, span=Span(span.line, span.column, end.end_line,
                                                                          end.end_column, span.start, end.end))
        else:
            reason = ("a second system-access note after the Access method field" if follows_access
                      else "a system-access note that follows no Access method field")
            self.loose.append(LooseLine(token.value, reason, self.page.span(token)))

    def _placed_after(self, line: int) -> bool:
        """Whether a section line or a loose line already placed lies below ``line``."""
        return bool(self.sections and self.sections[-1].end_line > line
                    or self.loose and self.loose[-1].span.line > line)

    def _data_item(self, token: lark.Token) -> None:
        """A 2016-style ``Data: <dataset>`` line: one item of the datasets section."""
        item = DatasetItem(token.value[5:].strip(), "Data:", self.page.span(token))
        section = self.sections[-1] if self.sections else None
        if section is None or section.key is not SectionKey.DATASETS or section.label != "Data":
            section = self._append(_Draft(SectionKey.DATASETS, "Data", None, False, item.span))
        section.add_item(item)

    # Sections

    def _append(self, draft: _Draft) -> _Draft:
        self.sections.append(draft)
        self._keys.add(draft.key)
        if draft.key in _TEXT_SECTION_ORDER:
            self._last_text = max(self._last_text, _TEXT_SECTION_ORDER.index(draft.key))
        if draft.label in ("Data", "Project info"):
            self._old = True
        return draft

    def _section(self, tree: lark.Tree) -> None:
        opener = tree.children[0]
        label, inline_text = _section_label(opener.value)
        key = SECTION_LABELS[label]
        body = [(c.data, c.children[0]) for c in tree.children[1:]]
        if opener.type in ("INLINE_SECTION", "PROJECT_INFO") and not self._old and self.sections:
            # "Output: ..." or "Project info" in the free text of a newer page is text, not a section.
            self._section_lines([("text", opener), *body])
            return
        start = self.page.base + opener.start_pos
        if inline_text is None:
            self._append(_Draft(key, label, self.page.span(opener), False, self.page.span(opener)))
        else:
            # An inline heading ("Objective: ") takes the space after its colon; the text follows it.
            heading = self.page.index.span(start, start + len(label) + 2)
            draft = self._append(_Draft(key, label, heading, False, heading))
            draft.add_line(Text(inline_text, self.page.index.span(start + len(label) + 2, start + len(opener.value))))
        self._section_lines(body)

    def _section_lines(self, lines: list[tuple[str, lark.Token]]) -> None:
        """Body lines of the last section. Fields found in a body are lifted out, and a block of text
        that follows a dataset list without a heading starts a section of its own."""
        for kind, token in lines:
            section = self.sections[-1]
            if kind == "data_item" and section.key is not SectionKey.DATASETS and not self._old:
                kind = "text"  # "Data: ..." in the free text of a newer page is text
            if kind in ("field", "access_note", "data_item", "footer", "misplaced"):
                self._line(kind, token)
                continue
            span = self.page.span(token)
            if section.key is SectionKey.DATASETS and section.label != "Data":
                marker = _LIST_MARKER.match(token.value)
                gap = span.line - section.end_line
                # Unmarked text after the list is the next section whose heading the page left out:
                # after a marked item (compact pages) or after the blank lines of a missing heading.
                if marker is None and section.items and (gap >= 3 or section.items[-1].marker):
                    self._open_inferred(kind, token)
                    continue
                section.add_item(DatasetItem(token.value[marker.end():].strip() if marker else token.value.strip(),
                                             marker.group(0).strip() if marker else "", span))
            else:
                section.add_line(Text(token.value, span))

    def _open_inferred(self, kind: str, token: lark.Token) -> None:
        if kind == "loose_item" or kind == "item" and SectionKey.DATASETS not in self._keys:
            key = SectionKey.DATASETS
        else:
            key = self._next_text_section()
        self._append(_Draft(key, None, None, True, self.page.span(token)))
        self._section_lines([("item" if kind.endswith("item") else "text", token)])

    def project_has(self, key: SectionKey) -> bool:
        return key in self._keys

    def _next_text_section(self) -> SectionKey:
        for key in _TEXT_SECTION_ORDER[self._last_text + 1 :]:
            if key not in self._keys:
                return key
        return _TEXT_SECTION_ORDER[-1]

    def _flush_pending(self) -> None:
        """Headingless lines of the field part: unknown labels, a dataset list, blocks of text."""
        pending, self._pending = self._pending, []
        previous_end = None
        for kind, token in pending:
            span = self.page.span(token)
            if kind == "loose_text" and not self.sections and _LABEL_LIKE.match(token.value):
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
                or (not is_item and current.key is SectionKey.DATASETS and bool(current.items))
            )
            if starts_block:
                self._open_inferred(kind, token)
            else:
                self._section_lines([("item" if is_item else "text", token)])
            previous_end = span.end_line


# ---------------------------------------------------------------------------------------------------


def _split_headless(children: list) -> list[list]:
    """Split the lines of a headingless run into projects.

    Sections are opened up into their heading and lines first, so that a field that begins the next
    project inside the text of the last section of the previous one is seen; each part is then put
    back together, its lines before any section heading becoming field-part lines again.
    """
    stream: list[lark.Tree] = []
    for child in children:
        if child.data == "section":
            stream.append(lark.Tree("section", [child.children[0]]))
            stream.extend(child.children[1:])
        else:
            stream.append(child)
    parts: list[list[lark.Tree]] = [[]]
    seen: set[FieldKey] = set()
    seen_other = False
    for child in stream:
        if child.data == "field":
            key = FIELD_LABELS[child.children[0].value.split(":", 1)[0]]
            if key in seen and seen_other:
                parts.append([])
                seen, seen_other = set(), False
            seen.add(key)
        else:
            seen_other = True
        parts[-1].append(child)
    return [_regroup(part) for part in parts]


_AS_FIELD_PART = {"text": "loose_text", "item": "loose_item"}


def _regroup(part: list) -> list:
    out: list[lark.Tree] = []
    for child in part:
        if child.data == "section":
            out.append(child)
        elif out and out[-1].data == "section":
            out[-1].children.append(child)
        else:
            out.append(lark.Tree(_AS_FIELD_PART.get(child.data, child.data), child.children))
    return out


def _preamble_reason(kind: str) -> str:
    return {
        "header": "a second page header in the page preamble",
        "title": "a second title line in the page preamble",
        "index_entry": "a project index entry after the file-count line",
        "file_count": "a second file-count line in the page preamble",
        "red_flag": "a second red-flag paragraph in the page preamble",
    }.get(kind, "a line out of place in the page preamble")


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


def _with_problems(document: Document, problems: list[Problem]) -> Document:
    ordered = sorted(problems, key=lambda p: (p.span.start, p.code))
    return attrs.evolve(document, problems=tuple(ordered))


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
    """The spans of the line-level nodes of a project (blank lines excepted); see ``dreg_lint.walk``."""
    for leaf in walk.iter_project_leaves(project, blank=False):
        yield leaf.span
