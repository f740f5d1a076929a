"""From the Lark parse tree of a page to the typed model.

The grammar has already sorted the lines into preamble, projects and sections. What is left here is
what a context-free grammar cannot say: which of two titles is the organisation, which headingless
block of lines is the dataset list and which the objectives (by position and by the blank lines that
the page left where a heading is missing), that a field line inside a section is still a field, and
whether the page ends where a page can end. Whatever has no place becomes a ``LooseLine`` and a
structural problem; nothing is dropped.

The tree comes from ``grammar_loader.model_parser()``: each line in it is its token, and the line rule
it stands for is read from the token's terminal and the rule around it (``line_kinds``). Lark counts
the line and column of every token, and a line token never holds a line break, so the spans of lines
and of the pieces of a line (a field's value, a list item, a heading's reference) come from the
token, without a table of the page's lines (``LineIndex``, made only for the few pages with CR line
breaks). The parser hands each project to the builder as soon as it has read it
(``grammar_loader.building_parts``), so a page's tokens and its model are never all in memory at once.
"""

from __future__ import annotations

import functools
import itertools
import operator
import re
from typing import Callable, Iterable

import attrs
import lark

from dreg_lint.grammar_loader import line_kinds
from dreg_lint.model import (
    FIELD_LABELS,
    SECTION_LABELS,
    DatasetItems,
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
    TextLines,
)
from dreg_lint.span import _LINE_BREAK, LineIndex, LineSpans, Span, count_lines, line_around, new_span

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
_TEXT_SECTION_PLACE = {key: place for place, key in enumerate(_TEXT_SECTION_ORDER)}

_START, _END = operator.attrgetter("start"), operator.attrgetter("end")
#: A line token's line, column, start and end: the numbers of its span in a ``TextLines``.
_LINE_NUMBERS = operator.attrgetter("line", "column", "start_pos", "end_pos")
_VALUE, _TYPE = operator.attrgetter("value"), operator.attrgetter("type")
#: Field labels as the model keeps them: one string object per label, however many fields use it.
_LABELS = {label: label for label in FIELD_LABELS}
#: Line rules that are not body lines of a section even when the grammar puts them in one.
_NOT_BODY = frozenset({"field", "access_note", "data_item", "footer", "misplaced"})
#: Line rules that are text lines of a section body.
_TEXT_LINES = frozenset({"text", "item"})


@functools.lru_cache(maxsize=1)
def _line_tables() -> tuple:
    """What the builder reads of ``line_kinds()``, made once rather than for every page: the page's
    and a section's terminal -> line rule, the terminals of a section's text lines and of its list
    items, and each project part's terminal -> line rule."""
    kinds = line_kinds()
    section = kinds["section"]
    return (kinds["page"], section,
            frozenset(terminal for terminal, kind in section.items() if kind in _TEXT_LINES),
            frozenset(terminal for terminal, kind in section.items() if kind == "item"),
            {"project": kinds["project"], "headless": kinds["headless"]})


class PageBuilder:
    def __init__(self, source: str, base: int, path: str | None) -> None:
        self.source = source
        self.base = base  # offset of the parsed text in the source (1 after a byte-order mark)
        self.path = path
        self.line_count = 0  # known once the page is read (``_count_lines``)
        self.problems: list[Problem] = []
        self.project_count = 0  # projects built so far
        self.blank_lines = _BlankLines(source, base)
        self.page_kinds, self.section_kinds, self.text_terminals, self.item_terminals, self.part_kinds = _line_tables()

    @functools.cached_property
    def index(self) -> LineIndex:
        """The page's line table, made only where a span cannot come from a token (rare)."""
        return LineIndex(self.source)

    # Helpers

    def span(self, token: lark.Token) -> Span:
        """The span of a line token, from the line and column Lark counted for it (a line token
        holds no line break, and the text Lark read is the page's after its byte-order mark)."""
        line, column, start = token.line, token.column, token.start_pos
        width = token.end_pos - start
        if self.base:
            start += self.base
            if line == 1:
                column += self.base
        return new_span((line, column, line, column + width, start, start + width))

    def part(self, line: Span, lo: int, hi: int) -> Span:
        """The span of ``lo:hi`` of the line whose span is ``line``."""
        if 0 <= lo <= hi <= line.end - line.start:
            column = line.column + lo
            return new_span((line.line, column, line.line, column + hi - lo, line.start + lo, line.start + hi))
        # Not a piece of the line: the title of a heading "Project 1 — " whose dash is gone once
        # the line is stripped ends before it starts. Such a span is counted as it always was.
        return self.index.span(line.start + lo, line.start + hi)

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
        last = None  # the page's last token
        for child in tree.children:
            if isinstance(child, lark.Tree):  # a part the parser did not hand to ``project_part``
                child = self.project_part(child.data, child.children)
            if isinstance(child, _BuiltPart):  # a project, or the headingless run of the 2016 pages
                for project, project_footer in child:
                    projects.append(project)
                    footer = footer or project_footer
                last = child.last
                continue
            last = child
            kind, token = self.page_kinds[child.type], child
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
            else:
                loose.append(self._loose(token, _preamble_reason(kind)))
        self.line_count = self._count_lines(last)
        document_blank = self.blank_lines.of_page([header, organisation, file_count, red_flag, footer, *index, *loose],
                                                  self.line_count)
        self._page_problems(header, organisation, index, projects, footer)
        return Document(
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
            blank_lines=document_blank,
            line_count=self.line_count,
            problems=tuple(sorted(self.problems, key=lambda p: (p.span.start, p.code))),
        )

    def _count_lines(self, last: lark.Token | None) -> int:
        """``count_lines(self.source)``, counted from ``last``, the page's last token, on.

        Lark has counted the line breaks before each token (the parser reads the page with each
        lone CR made LF, so its line numbers are the page's), so only those after the last token
        are left to count: counting them all was a pass over every page of a run."""
        if last is None:
            return count_lines(self.source)
        return count_lines(self.source, last.end_pos + self.base, breaks_before=last.end_line - 1)

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

    def project_part(self, rule: str, children: list) -> "_BuiltPart":
        """The projects of a project part of the page (``grammar_loader.PART_RULES``), built from its
        lines and sections. The parser hands each part here as soon as it has read it
        (``grammar_loader.building_parts``), so its tokens are let go before the next is read.

        One project per heading; a headingless run (the 2016 pages) holds one project after
        another, and a new one starts where a field comes again after the datasets or text of the
        previous one."""
        kinds = self.part_kinds[rule]
        parts = _split_headless(children) if rule == "headless" else [children]
        built = _BuiltPart(ProjectBuilder(self, number, kinds).build(part)
                           for number, part in enumerate(parts, start=self.project_count + 1))
        self.project_count += len(built)
        last = children[-1]
        built.last = last.children[-1] if isinstance(last, lark.Tree) else last  # (a section's last line)
        return built

    # Page-level checks

    def _page_problems(self, header: Text | None, organisation: Organisation | None, index: list[IndexEntry],
                       projects: list[Project], footer: Text | None) -> None:
        if header is None:
            end = _LINE_BREAK.search(self.source)
            end = end.start() if end else len(self.source)
            first = new_span((1, 1, 1, end + 1, 0, end))  # the first line
            if _last_non_space(self.source) < 0:
                self.problem("DRL901", "empty page: no page header and no projects", first)
            else:
                self.problem("DRL901", "missing page header: the first line should be "
                             "'NHS Digital Data Release Register - reformatted'", first)
        self._truncation(header, organisation, index, projects, footer)

    def _truncation(self, header: Text | None, organisation: Organisation | None, index: list[IndexEntry],
                    projects: list[Project], footer: Text | None) -> None:
        source = self.source
        last = _last_non_space(source)
        if last < 0:
            return
        # the last line with more than space on it, and its number: the lines below it are space
        start, end = line_around(source, last)
        last_line = self.line_count - count_lines(source[end:]) + 1
        span = new_span((last_line, 1, last_line, end - start + 1, start, end))
        if not projects:
            if header is not None or organisation is not None or index:
                self.problem("DRL903", "truncated page: it ends before its first project", span)
            return
        project = projects[-1]
        if footer is not None and footer.span.line >= project.span.end_line:
            return
        where = _describe_end(project, span.line)
        last_text = source[start:end]
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


class _BlankLines:
    """The page's blank lines, found when first read (``LineSpans.later``): no rule reads them, and
    finding them for every page was a fortieth of linting it.

    A blank line is a line that no line-level node of the model covers (see ``dreg_lint.walk``),
    and it belongs to the project whose stretch of the page holds it (from the project's first line
    to the next project's), or to the page above the first project. Each of those nodes is one
    token, on one line, so an offset on each covered line is known, and on a page with LF line
    breaks only (nearly all) each run of blank lines is found from the covered line above it with
    ``str.find``, without a table of all the page's lines.

    It keeps the nodes of each project, not the project: a project holds its blank lines, and a
    reference back to it would make a cycle that only the garbage collector frees.
    """

    __slots__ = ("source", "base", "line_count", "page_nodes", "projects", "found")

    def __init__(self, source: str, base: int) -> None:
        self.source, self.base = source, base
        self.line_count = 0  # known once the page is read (``of_page``)
        self.page_nodes: list = []  # the page's nodes outside projects
        self.projects: list[tuple] = []  # (first line, heading, fields, sections, loose) of each project
        self.found: list[LineSpans] | None = None  # the page's blank lines, then each project's

    def of_project(self, first_line: int, heading: Heading | None, fields: tuple, sections: tuple,
                   loose: tuple) -> LineSpans:
        """The blank lines of the next project (they come in page order), which starts at ``first_line``."""
        self.projects.append((first_line, heading, fields, sections, loose))
        return LineSpans.later(functools.partial(self._part, len(self.projects)))

    def of_page(self, nodes: list, line_count: int) -> LineSpans:
        """The blank lines above the first project, once the page is read: ``nodes`` are the page's
        nodes outside projects, and it has ``line_count`` lines."""
        self.page_nodes, self.line_count = nodes, line_count
        return LineSpans.later(functools.partial(self._part, 0))

    def _part(self, index: int) -> LineSpans:
        if self.found is None:
            self.found = self._find()
        return self.found[index]

    def _find(self) -> list[LineSpans]:
        source, base = self.source, self.base
        where = [-1] * (self.line_count + 2)  # an offset on each covered line 1..line_count
        where[0] = where[-1] = 0  # not lines: they end the runs of blank lines
        for node in self.page_nodes:
            if node is not None:
                where[node.span.line] = node.span.start
        starts = []  # the first line of each project
        for first_line, *nodes in self.projects:
            _cover_project(where, *nodes)
            starts.append(first_line)
        starts.append(len(where))  # past the last line
        found = [LineSpans() for _ in range(len(self.projects) + 1)]  # the page's, then each project's
        owner = 0  # the index in ``found`` of the part that holds the line
        find, crlf = source.find, "\r" in source
        index = LineIndex(source) if crlf else None
        line = 1
        while True:
            try:
                line = where.index(-1, line)  # the next blank line
            except ValueError:
                break
            # A run of blank lines, all in one project (a project's first line is never blank).
            while starts[owner] <= line:
                owner += 1
            spans = found[owner]
            if index is not None:  # (rare) CR line breaks: with the page's line table
                span = index.line_span(line)
                if span.start < base:  # a blank first line after the byte-order mark
                    span = index.span(base, span.end)
                spans.add(span.line, span.column, span.start, span.end)
                line += 1
                continue
            # LF line breaks only: the run starts after the break of the covered line above it.
            start = 0 if line == 1 else find("\n", where[line - 1]) + 1
            while where[line] < 0:
                end = find("\n", start)
                if end < 0:
                    end = len(source)
                if start < base:  # a blank first line after the byte-order mark
                    spans.add(1, 1 + base, base, end)
                else:
                    spans.add(line, 1, start, end)
                start = end + 1
                line += 1
        return found


def _cover_project(where: list[int], heading: Heading | None, fields: tuple, sections: tuple, loose: tuple) -> None:
    """Note an offset on the line of each line-level node of a project (``walk.iter_project_leaves``)."""
    if heading is not None:
        where[heading.span.line] = heading.span.start
    for field in fields:
        where[field.span.line] = field.span.start
        if field.continuation is not None:
            where[field.continuation.span.line] = field.continuation.span.start
    for section in sections:
        if section.heading is not None:
            where[section.heading.line] = section.heading.start
        # The builder's sections hold DatasetItems and TextLines.
        for spans in (section.items.spans, section.lines.spans):
            for line, start in zip(spans.lines(), spans.starts()):
                where[line] = start
    for line in loose:
        where[line.span.line] = line.span.start


def _last_non_space(text: str) -> int:
    """The offset of the last character of ``text`` that is not space, or -1 (without copying a
    whole 20 MB page to strip it)."""
    end = len(text)
    while end:
        chunk = text[max(0, end - 4096) : end]
        kept = len(chunk.rstrip())
        if kept:
            return end - len(chunk) + kept - 1
        end -= len(chunk)
    return -1


class _BuiltPart(list):
    """The projects of one project part of a page, with the footer each may hold: (project, footer);
    ``last`` is the part's last token."""

    last: lark.Token


class _Draft:
    """A section while it is being filled (lists, not tuples, so a long section costs linear time)."""

    __slots__ = ("key", "label", "heading", "item_lines", "item_spans", "texts", "spans", "inferred", "first", "last")

    def __init__(self, key: SectionKey, label: str | None, heading: Span | None, inferred: bool, span: Span) -> None:
        self.key = key
        self.label = label
        self.heading = heading
        self.item_lines: list[str] = []  # the dataset items' lines, and their spans (``DatasetItems``)
        self.item_spans = LineSpans()
        self.texts: list[str] = []  # the body's lines, and their spans
        self.spans = LineSpans()
        self.inferred = inferred
        self.first = span
        self.last = span

    @property
    def end_line(self) -> int:
        return self.last.end_line

    def add_item(self, line: str, span: Span) -> None:
        self.item_lines.append(line)
        self.item_spans.add(span.line, span.column, span.start, span.end)
        self.last = span

    def last_marker(self) -> str:
        """The list marker of the last item."""
        return self._read_item(self.item_lines[-1])[1]

    @property
    def _read_item(self) -> Callable[[str], tuple[str, str]]:
        # The `Data:` lines of the 2016 pages make sections of their own, labelled "Data".
        return _data_line if self.label == "Data" else _list_line

    def add_line(self, text: str, span: Span) -> None:
        self.texts.append(text)
        self.spans.add(span.line, span.column, span.start, span.end)
        self.last = span

    def section(self) -> Section:
        first, last = self.first, self.last
        span = new_span((first.line, first.column, last.end_line, last.end_column, first.start, last.end))
        return Section(self.key, self.label, self.heading,
                       DatasetItems(self.item_lines, self.item_spans, self._read_item),
                       TextLines(tuple(self.texts), self.spans), self.inferred, span)


def _list_line(line: str) -> tuple[str, str]:
    """The text and list marker (``1.``, ``-``, ``•``, or none) of an item of a dataset list."""
    marker = _LIST_MARKER.match(line)
    if marker is None:
        return line.strip(), ""
    return line[marker.end():].strip(), marker.group(0).strip()


def _data_line(line: str) -> tuple[str, str]:
    """The text and marker of a 2016 ``Data: <dataset>`` line."""
    return line[5:].strip(), "Data:"


#: Labels that only the 2016 pages use.
_LABELS_2016 = frozenset({"HSCIC Id", "Basis", "Format", "How often"})


class ProjectBuilder:
    """Builds one project from its lines (tokens) and sections (trees) in the parse tree."""

    def __init__(self, page: PageBuilder, number: int, kinds: dict[str, str]) -> None:
        self.page = page
        self.number = number
        self.kinds = kinds  # terminal -> line rule, for the lines outside sections
        self.heading: Heading | None = None
        self.fields: list[Field] = []
        self.sections: list[_Draft] = []
        self.loose: list[LooseLine] = []
        self.footer: Text | None = None
        self._pending: list[tuple[str, lark.Token]] = []  # headingless lines awaiting a section
        self._keys: set[SectionKey] = set()  # the section keys present
        self._last_text = -1  # the latest place in _TEXT_SECTION_ORDER that a present section takes
        self._old = False  # a 2016 project (its labels or its Data/Project info lines seen)

    def build(self, children: list) -> tuple[Project, Text | None]:
        kinds = self.kinds
        for child in children:
            # (Pending lines are flushed only where there are any: a call per line for nothing.)
            if isinstance(child, lark.Tree):  # a section
                if self._pending:
                    self._flush_pending()
                self._section(child)
                continue
            kind = kinds[child.type]
            if kind == "field" and not self._pending:  # most lines of the field part
                self.fields.append(self._field(child))
            elif kind == "heading":
                self.heading = self._heading(child)
            elif kind in ("loose_item", "loose_text"):
                self._pending.append((kind, child))
            else:
                if self._pending:
                    self._flush_pending()
                self._line(kind, child)
        if self._pending:
            self._flush_pending()
        project = self._project()
        for problem_code, message, span in self._late_problems(project):
            self.page.problem(problem_code, message, span, project)
        return project, self.footer

    def _project(self) -> Project:
        sections = tuple(draft.section() for draft in self.sections)
        # Fields, sections and loose lines are each kept in page order, so the project's first and
        # last lines are among the first and last of each.
        ends = [nodes[at].span for nodes in (self.fields, sections, self.loose) if nodes for at in (0, -1)]
        if self.heading is not None:
            ends.append(self.heading.span)
        first = min(ends, key=_START)
        last = max(ends, key=_END)
        span = new_span((first.line, first.column, last.end_line, last.end_column, first.start, last.end))
        fields, loose = tuple(self.fields), tuple(self.loose)
        blank_lines = self.page.blank_lines.of_project(span.line, self.heading, fields, sections, loose)
        return Project(self.heading, fields, sections, loose, blank_lines, self.number, span)

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
        # `Project 1 — ` has lost the space after its dash to rstrip: its reference is empty.
        cut = (value + " ").rfind(HEADING_DASH)
        span = self.page.span(token)
        title = Text(value[:cut], self.page.part(span, 0, cut))
        ref_start = min(cut + len(HEADING_DASH), len(value))
        reference = Text(value[ref_start:].strip(), self.page.part(span, ref_start, len(value)))
        return Heading(title, reference, span)

    def _field(self, token: lark.Token) -> Field:
        label, _, raw = token.value.partition(":")
        key = FIELD_LABELS[label]
        label = _LABELS[label]
        if label in _LABELS_2016:
            self._old = True
        span = self.page.span(token)
        at = len(label) + 1
        return Field(key, label, raw, new_span((span.line, span.column + at, span.line, span.end_column,
                                                span.start + at, span.end)), span)

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
            self.fields[-1] = attrs.evolve(last, continuation=note, span=new_span((span.line, span.column, end.end_line,
                                                                               end.end_column, span.start, end.end)))
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
        span = self.page.span(token)
        section = self.sections[-1] if self.sections else None
        if section is None or section.key is not SectionKey.DATASETS or section.label != "Data":
            section = self._append(_Draft(SectionKey.DATASETS, "Data", None, False, span))
        section.add_item(token.value, span)

    # Sections

    def _append(self, draft: _Draft) -> _Draft:
        self.sections.append(draft)
        self._keys.add(draft.key)
        place = _TEXT_SECTION_PLACE.get(draft.key)
        if place is not None:
            self._last_text = max(self._last_text, place)
        if draft.label in ("Data", "Project info"):
            self._old = True
        return draft

    def _section(self, tree: lark.Tree) -> None:
        opener, body = tree.children[0], tree.children[1:]
        label, inline_text = _section_label(opener.value)
        key = SECTION_LABELS[label]
        if opener.type in ("INLINE_SECTION", "PROJECT_INFO") and not self._old and self.sections:
            # "Output: ..." or "Project info" in the free text of a newer page is text, not a section.
            self._section_lines((opener,), {opener.type: "text"})
            self._section_lines(body)
            return
        span = self.page.span(opener)
        if inline_text is None:
            self._append(_Draft(key, label, span, False, span))
        else:
            # An inline heading ("Objective: ") takes the space after its colon; the text follows it.
            heading = self.page.part(span, 0, len(label) + 2)
            draft = self._append(_Draft(key, label, heading, False, heading))
            draft.add_line(inline_text, self.page.part(span, len(label) + 2, len(opener.value)))
        self._section_lines(body)

    def _section_lines(self, lines: Iterable[lark.Token], kinds: dict[str, str] | None = None) -> None:
        """Body lines of the last section. Fields found in a body are lifted out, and a block of text
        that follows a dataset list without a heading starts a section of its own.

        ``kinds`` maps the lines' terminals to their line rules (a section body's, by default)."""
        if kinds is None:
            kinds = self.page.section_kinds
            section = self.sections[-1]
            text_terminals = self.page.text_terminals
            if (not self.page.base and (section.key is not SectionKey.DATASETS or section.label == "Data")
                    and text_terminals.issuperset(map(_TYPE, lines))):
                # The common case, in one go (most lines of a page are here): a body of text lines
                # under a text section's heading. Their spans are PageBuilder.span's (without a
                # byte-order mark), read from the tokens without a Python-level call per line.
                section.texts += map(_VALUE, lines)
                section.spans.add_numbers(itertools.chain.from_iterable(map(_LINE_NUMBERS, lines)))
                if section.texts:
                    section.last = section.spans[-1]
                return
            if (not self.page.base and section.key is SectionKey.DATASETS and section.label != "Data"
                    and self.page.item_terminals.issuperset(map(_TYPE, lines))):
                # The other common case: a dataset list under its heading, all of it list items (an
                # ``item`` line starts with a list marker), each with PageBuilder.span's span: as
                # the text lines are, without a Python-level call per line.
                section.item_lines += map(_VALUE, lines)
                section.item_spans.add_numbers(itertools.chain.from_iterable(map(_LINE_NUMBERS, lines)))
                if section.item_lines:
                    section.last = section.item_spans[-1]
                return
        for token in lines:
            kind = kinds[token.type]
            section = self.sections[-1]
            if kind in _NOT_BODY:
                if kind != "data_item" or section.key is SectionKey.DATASETS or self._old:
                    self._line(kind, token)
                    continue
                kind = "text"  # "Data: ..." in the free text of a newer page is text
            span = self.page.span(token)
            if section.key is SectionKey.DATASETS and section.label != "Data":
                if (_LIST_MARKER.match(token.value) is None and section.item_lines
                        and (span.line - section.end_line >= 3 or section.last_marker())):
                    # Unmarked text after the list is the next section whose heading the page left
                    # out: after a marked item (compact pages) or after the blank lines of a missing
                    # heading.
                    self._open_inferred(kind, token)
                    continue
                section.add_item(token.value, span)
            else:
                section.add_line(token.value, span)

    def _open_inferred(self, kind: str, token: lark.Token) -> None:
        if kind == "loose_item" or kind == "item" and SectionKey.DATASETS not in self._keys:
            key = SectionKey.DATASETS
        else:
            key = self._next_text_section()
        self._append(_Draft(key, None, None, True, self.page.span(token)))
        self._section_lines((token,), {token.type: "item" if kind.endswith("item") else "text"})

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
                or (not is_item and current.key is SectionKey.DATASETS and bool(current.item_lines))
            )
            if starts_block:
                self._open_inferred(kind, token)
            else:
                self._section_lines((token,), {token.type: "item" if is_item else "text"})
            previous_end = span.end_line


# ---------------------------------------------------------------------------------------------------


def _split_headless(children: list) -> list[list]:
    """Split the lines of a headingless run into projects.

    Sections are opened up into their heading and lines first, so that a field that begins the next
    project inside the text of the last section of the previous one is seen; each part is then put
    back together, its lines before any section heading becoming field-part lines again.
    """
    stream: list = []
    for child in children:
        if isinstance(child, lark.Tree):  # a section
            stream.append(lark.Tree("section", [child.children[0]]))
            stream.extend(child.children[1:])
        else:
            stream.append(child)
    parts: list[list] = [[]]
    seen: set[FieldKey] = set()
    seen_other = False
    for child in stream:
        if not isinstance(child, lark.Tree) and child.type == "FIELD":
            key = FIELD_LABELS[child.value.split(":", 1)[0]]
            if key in seen and seen_other:
                parts.append([])
                seen, seen_other = set(), False
            seen.add(key)
        else:
            seen_other = True
        parts[-1].append(child)
    return [_regroup(part) for part in parts]


def _regroup(part: list) -> list:
    """A part's lines after a section heading go back into that section; the lines before any are
    field-part lines (their line rule is then read as the field part's: text is loose text)."""
    out: list = []
    for child in part:
        if isinstance(child, lark.Tree):
            out.append(child)
        elif out and isinstance(out[-1], lark.Tree):
            out[-1].children.append(child)
        else:
            out.append(child)
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
        items = section.items  # a DatasetItems: an item is read only where it is on the line
        for index, item_line in enumerate(items.spans.lines()):
            if item_line == line and not items[index].text:
                return True
    return False
