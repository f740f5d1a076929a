"""The typed model of a register page: what the rules see and what ``--dump-ast`` prints.

Every node is a frozen, slotted attrs class carrying the ``Span`` of the text it was read from.
Values are structure, not strings: a ``When:`` line becomes periods of dates, an ``Opt outs honoured:``
line becomes classified tokens and a basis list, and so on. Labels of older page generations map onto
the same fields (``Repeats`` is the access method, ``Categories`` the type of data, ``Basis`` the
legal basis); each field remembers the label the page used.
"""

from __future__ import annotations

import enum
import operator
from collections.abc import Sequence
from typing import Callable, Iterable, Iterator

import attrs

from dreg_lint.span import CompactSequence, LineSpans, Span


class FieldKey(str, enum.Enum):
    """The one-line fields of a project, whatever label a page generation gives them."""

    TYPE_OF_DATA = "type_of_data"
    OPT_OUTS = "opt_outs"
    LEGAL_BASIS = "legal_basis"
    PURPOSES = "purposes"
    SENSITIVE = "sensitive"
    WHEN = "when"
    ACCESS_METHOD = "access_method"
    DATA_CONTROLLERS = "data_controllers"
    SUBLICENSING = "sublicensing"
    AGD_DISCUSSIONS = "agd_discussions"
    FORMAT = "format"
    HSCIC_ID = "hscic_id"


#: Field label as written on a page -> the model field it fills.
FIELD_LABELS: dict[str, FieldKey] = {
    "Type of data": FieldKey.TYPE_OF_DATA,
    "Categories": FieldKey.TYPE_OF_DATA,
    "Opt outs honoured": FieldKey.OPT_OUTS,
    "Legal basis": FieldKey.LEGAL_BASIS,
    "Basis": FieldKey.LEGAL_BASIS,
    "Purposes": FieldKey.PURPOSES,
    "Sensitive": FieldKey.SENSITIVE,
    "When": FieldKey.WHEN,
    "Access method": FieldKey.ACCESS_METHOD,
    "Repeats": FieldKey.ACCESS_METHOD,
    "How often": FieldKey.ACCESS_METHOD,
    "Data-controller type": FieldKey.DATA_CONTROLLERS,
    "Sublicensing allowed": FieldKey.SUBLICENSING,
    "AGD/predecessor discussions": FieldKey.AGD_DISCUSSIONS,
    "Format": FieldKey.FORMAT,
    "HSCIC Id": FieldKey.HSCIC_ID,
}


class SectionKey(str, enum.Enum):
    """The multi-line sections of a project."""

    DATASETS = "datasets"
    OBJECTIVES = "objectives"
    YIELDED_BENEFITS = "yielded_benefits"
    EXPECTED_BENEFITS = "expected_benefits"
    OUTPUTS = "outputs"
    PROCESSING = "processing"
    PROJECT_INFO = "project_info"


#: Section heading as written -> the model section. ``Objective``/``Output`` are the 2016 inline forms.
SECTION_LABELS: dict[str, SectionKey] = {
    "Datasets": SectionKey.DATASETS,
    "Data": SectionKey.DATASETS,
    "Objectives": SectionKey.OBJECTIVES,
    "Objective": SectionKey.OBJECTIVES,
    "Yielded Benefits": SectionKey.YIELDED_BENEFITS,
    "Expected Benefits": SectionKey.EXPECTED_BENEFITS,
    "Benefits": SectionKey.EXPECTED_BENEFITS,
    "Outputs": SectionKey.OUTPUTS,
    "Output": SectionKey.OUTPUTS,
    "Processing": SectionKey.PROCESSING,
    "Project info": SectionKey.PROJECT_INFO,
}

#: Sections whose body is free text (the rules' "free text").
FREE_TEXT_SECTIONS = frozenset(
    {
        SectionKey.OBJECTIVES,
        SectionKey.YIELDED_BENEFITS,
        SectionKey.EXPECTED_BENEFITS,
        SectionKey.OUTPUTS,
        SectionKey.PROCESSING,
        SectionKey.PROJECT_INFO,
    }
)


class OptOutStatus(str, enum.Enum):
    """What one token of ``Opt outs honoured:`` says."""

    YES = "yes"  # Y, Yes, "Yes - <reason>": opt-outs applied
    NO = "no"  # N, No, "No - <reason>": opt-outs not applied
    IDENTIFIABLE = "identifiable"
    ANONYMISED = "anonymised"
    PSEUDONYMISED = "pseudonymised"
    UNKNOWN = "unknown"
    EMPTY = "empty"  # nothing between two separators
    OTHER = "other"  # not in the known vocabulary


@attrs.frozen(slots=True)
class Text:
    """A piece of text as written, with its span."""

    text: str
    span: Span


class TextLines(CompactSequence[Text]):
    """Whole lines of the page (the body of a section): their texts, and their spans as numbers.

    Most of a page is the free text of its sections, and most of its lines are only ever searched,
    joined with the others (``texts``); making a ``Text`` and a ``Span`` for each took a seventh
    of the time spent building the model. A line's ``Text`` is made when it is asked for. It is
    an immutable sequence of ``Text``, equal to another with the same lines or to the tuple of
    them.
    """

    __slots__ = ("texts", "spans")

    def __init__(self, texts: Iterable[str] = (), spans: Sequence[Span] = ()) -> None:
        self.texts: tuple[str, ...] = tuple(texts)  # the text of each line
        self.spans = spans if isinstance(spans, LineSpans) else LineSpans(spans)

    def __len__(self) -> int:
        return len(self.texts)

    def _item(self, index: int) -> Text:
        return Text(self.texts[index], self.spans[index])

    def __iter__(self) -> Iterator[Text]:
        return map(Text, self.texts, self.spans)

    def _compared(self) -> object:
        return self.texts, self.spans

    def __reduce__(self):
        return (TextLines, (self.texts, self.spans))


@attrs.frozen(slots=True)
class ListItem:
    """One item of a list value, split at parenthesis depth 0.

    ``text`` is stripped; an empty item (``, ,``) has ``text == ""`` and a zero-width span where it
    stands. ``separator`` is the separator before the item (``","``, ``";"``, or ``""`` for the first).
    """

    text: str
    span: Span
    separator: str = ""

    @property
    def empty(self) -> bool:
        return not self.text


@attrs.frozen(slots=True)
class ItemList:
    """A list value: items split on ``,`` and ``;`` at parenthesis depth 0."""

    items: tuple[ListItem, ...]
    span: Span

    @property
    def texts(self) -> list[str]:
        return [item.text for item in self.items]

    @property
    def nonempty(self) -> list[ListItem]:
        return [item for item in self.items if item.text]

    def groups(self, separators: str = ",") -> list[ListItem]:
        """Items re-joined so that only ``separators`` split them (``;``-joined parts stay one)."""
        merged: list[list[ListItem]] = []
        for item in self.items:
            if not merged or item.separator in separators:
                merged.append([item])
            else:
                merged[-1].append(item)
        return [_join(group) for group in merged]


def _join(group: list[ListItem]) -> ListItem:
    if len(group) == 1:
        return group[0]
    first, last = group[0], group[-1]
    text = "; ".join(item.text for item in group)
    span = Span(first.span.line, first.span.column, last.span.end_line, last.span.end_column,
                first.span.start, last.span.end)
    return ListItem(text, span, first.separator)


@attrs.frozen(slots=True)
class OptOutToken:
    """One value of ``Opt outs honoured:`` before its parenthesised basis list."""

    text: str
    status: OptOutStatus
    reason: str | None
    glued: bool  # split out of a glued item such as "...studYes - patient objections upheld"
    span: Span


@attrs.frozen(slots=True)
class OptOuts:
    """``Opt outs honoured: <tokens> (<basis list>)``."""

    tokens: tuple[OptOutToken, ...]
    head: ItemList  # the items before the trailing parenthesis, as written (before glue splitting)
    basis: ItemList | None  # the parenthesised confidentiality basis list, if any
    excuses: bool  # the basis list starts with "Excuses:" (newest pages)

    def statuses(self) -> set[OptOutStatus]:
        return {token.status for token in self.tokens}


@attrs.frozen(slots=True)
class Purposes:
    """``Purposes: <flags>[, <statement>] (<sectors>)``."""

    flags: tuple[ListItem, ...]  # the leading Yes/No items
    statement: Text | None  # free text after the flags (CSU pages carry a paragraph here)
    sectors: ItemList | None  # the trailing parenthesised sector list
    empty: bool  # "()" or nothing at all


@attrs.frozen(slots=True)
class PartialDate:
    """A date as precise as the page gives it: a day, a month, or ``unknown``."""

    text: str
    year: int | None
    month: int | None
    day: int | None
    or_before: bool  # "2016/04 (or before)"
    span: Span

    @property
    def unknown(self) -> bool:
        return self.year is None

    @property
    def month_key(self) -> tuple[int, int] | None:
        if self.year is None or self.month is None:
            return None
        return (self.year, self.month)


@attrs.frozen(slots=True)
class Period:
    start: PartialDate
    end: PartialDate
    span: Span


@attrs.frozen(slots=True)
class When:
    """``When:`` with its agreement (DSA) period, release period and trailing note.

    ``well_formed`` is false where the value does not fit the grammar; the text is then kept in
    ``note`` and whatever parts were read are kept too.
    """

    agreement: Period | None
    release: Period | None
    note: Text | None
    final_dot: bool
    well_formed: bool


FieldValue = ItemList | OptOuts | Purposes | When | Text | None


#: ``Field._value`` of a field whose value is not at hand (None is a value: an empty one).
UNREAD = object()


@attrs.frozen(slots=True)
class Field:
    """A one-line field. ``label`` is as written; ``raw`` is the value text after the colon."""

    key: FieldKey
    label: str
    raw: str
    value_span: Span
    span: Span
    continuation: Text | None = None  # the "(System access exclusively means ...)" line
    # The value while it is at hand (see ``value``); not part of what the field is.
    _value: FieldValue = attrs.field(init=False, default=UNREAD, eq=False, hash=False, repr=False)

    @property
    def value(self) -> FieldValue:
        """The typed value, read from ``raw``.

        Read when first asked for, and kept only while the field is among the last few hundred
        read (``dreg_lint.values.field_value``): a value is several objects and spans for every
        item and date, and kept for every field they were over a third of a page's model. Rules ask
        about one project at a time, so each value is still read once per project.
        """
        value = self._value
        return _read_value(self) if value is UNREAD else value

    @property
    def empty(self) -> bool:
        return not self.raw.strip()


def _read_value(field: Field) -> FieldValue:
    # Imported on first use: dreg_lint.values imports this module (and Lark).
    global _read_value
    from dreg_lint.values import field_value

    _read_value = field_value
    return field_value(field)


@attrs.frozen(slots=True)
class Heading:
    """``<title> — <reference>``, split on the last em dash."""

    title: Text
    reference: Text
    span: Span


@attrs.frozen(slots=True)
class DatasetItem:
    """One dataset line; ``marker`` is the list marker as written (``1.``, ``-``, ``•``, ``Data:``)."""

    text: str
    marker: str
    span: Span


class DatasetItems(CompactSequence[DatasetItem]):
    """The items of a datasets section: each item's line as written (``lines``) and its span (kept
    as numbers, as ``LineSpans`` keeps them); an item's ``DatasetItem`` is read from its line by
    ``read`` (line -> text, marker) when it is asked for.

    A page lists more datasets than it has fields, and most dataset lists are never read item by
    item: a rule that searches them can search ``lines``. Making every item as the page was built
    took a sixteenth of building it. It is an immutable sequence of ``DatasetItem``, equal to
    another with the same items or to the tuple of them.
    """

    __slots__ = ("lines", "spans", "read")

    def __init__(self, lines: Iterable[str], spans: Sequence[Span], read: Callable[[str], tuple[str, str]]) -> None:
        self.lines: tuple[str, ...] = tuple(lines)  # each item's line, as written in the page
        self.spans = spans if isinstance(spans, LineSpans) else LineSpans(spans)
        self.read = read  # a module-level function, so that the items pickle

    def __len__(self) -> int:
        return len(self.lines)

    def _item(self, index: int) -> DatasetItem:
        return DatasetItem(*self.read(self.lines[index]), self.spans[index])

    def __iter__(self) -> Iterator[DatasetItem]:
        for line, span in zip(self.lines, self.spans):
            yield DatasetItem(*self.read(line), span)

    def _compared(self) -> object:
        return tuple(self)  # the items: two ways of reading lines may give the same ones

    def __reduce__(self):
        return (DatasetItems, (self.lines, self.spans, self.read))


@attrs.frozen(slots=True)
class Section:
    """A section with its heading (or none, where the page left the heading out).

    ``inferred`` is true where the heading was missing and the section was placed by its position.
    Datasets sections hold ``items``; the others hold text ``lines``.
    """

    key: SectionKey
    label: str | None
    heading: Span | None
    items: Sequence[DatasetItem]  # a DatasetItems
    lines: Sequence[Text]  # a TextLines
    inferred: bool
    span: Span

    @property
    def has_text(self) -> bool:
        return any(line.text.strip() for line in self.lines) or bool(self.items)


@attrs.frozen(slots=True)
class LooseLine:
    """A line the grammar accepted but the page structure has no place for.

    ``code`` is the structural diagnostic that reports it: DRL902 (unplaceable line) or DRL904
    (unknown field label).
    """

    text: str
    reason: str
    span: Span
    code: str = "DRL902"


_KEY = operator.attrgetter("key")
#: The project last asked for a field, and its first field of each kind. Rules ask for fields
#: dozens of times a project, and the engine runs every rule on one project before the next, so
#: one project's index is enough (and memory does not grow with a page's projects). One tuple,
#: replaced whole, so a reader never sees a project with another's index.
_INDEXED: "tuple[Project | None, dict[FieldKey, Field]]" = (None, {})


def forget_project() -> None:
    """Let go of the project whose field index is kept (``Project.field``)."""
    global _INDEXED
    _INDEXED = (None, {})


@attrs.frozen(slots=True)
class Project:
    heading: Heading | None
    fields: tuple[Field, ...]
    sections: tuple[Section, ...]
    loose: tuple[LooseLine, ...]
    blank_lines: Sequence[Span]  # a LineSpans
    number: int  # 1-based position on the page
    span: Span

    @property
    def reference(self) -> str | None:
        """The agreement reference as written: from the heading, or the 2016 ``HSCIC Id:`` field."""
        if self.heading is not None:
            return self.heading.reference.text
        hscic = self.field(FieldKey.HSCIC_ID)
        if hscic is not None and hscic.raw.strip():
            return hscic.raw.strip()
        return None

    @property
    def reference_span(self) -> Span | None:
        if self.heading is not None:
            return self.heading.reference.span
        hscic = self.field(FieldKey.HSCIC_ID)
        return hscic.value_span if hscic is not None and hscic.raw.strip() else None

    @property
    def title(self) -> str | None:
        return self.heading.title.text if self.heading is not None else None

    @property
    def line(self) -> int:
        """The heading line, or the first line where the project has no heading."""
        return self.span.line

    def field(self, key: FieldKey) -> Field | None:
        """The first field of that kind, or None where the page has none."""
        global _INDEXED
        project, by_key = _INDEXED
        if project is not self:
            fields = self.fields[::-1]  # the first of a kind is put in last, so it stays
            by_key = dict(zip(map(_KEY, fields), fields))
            _INDEXED = (self, by_key)
        return by_key.get(key)

    def all_fields(self, key: FieldKey) -> list[Field]:
        return [field for field in self.fields if field.key is key]

    def value(self, key: FieldKey) -> FieldValue:
        field = self.field(key)
        return field.value if field is not None else None

    def section(self, key: SectionKey) -> Section | None:
        for section in self.sections:
            if section.key is key:
                return section
        return None

    @property
    def datasets(self) -> list[DatasetItem]:
        return [item for s in self.sections if s.key is SectionKey.DATASETS for item in s.items]

    def free_text(self) -> Iterator[Text]:
        """The free-text lines: section bodies and the Purposes statement."""
        purposes = self.value(FieldKey.PURPOSES)
        if isinstance(purposes, Purposes) and purposes.statement is not None:
            yield purposes.statement
        for section in self.sections:
            if section.key in FREE_TEXT_SECTIONS:
                yield from section.lines


@attrs.frozen(slots=True)
class Organisation:
    """The title line: ``<Org> projects`` (or the bare name on older pages)."""

    name: str
    projects_suffix: bool
    span: Span


@attrs.frozen(slots=True)
class IndexEntry:
    """One line of the project index list of the newest pages: ``- <project title>``.

    ``text`` is the line as written; ``title`` is the project title it names, without the list
    marker and without the `` (partially via "system access")`` suffix that TRE projects carry in the
    index but not in their heading (``system_access`` says whether the suffix was there).
    """

    text: str
    span: Span
    title: str
    system_access: bool = False


@attrs.frozen(slots=True)
class FileCount:
    count: int
    span: Span


@attrs.frozen(slots=True)
class Document:
    """One register page."""

    path: str | None
    source: str = attrs.field(repr=False)
    header: Text | None
    organisation: Organisation | None
    index: tuple[IndexEntry, ...]  # the project index list (newest pages), in page order
    file_count: FileCount | None
    red_flag: Text | None
    projects: tuple[Project, ...]
    footer: Text | None
    loose: tuple[LooseLine, ...]  # preamble lines with no place
    blank_lines: Sequence[Span]  # blank lines outside projects (a LineSpans)
    line_count: int
    problems: tuple["Problem", ...]  # structural findings of the parser

    @property
    def truncated(self) -> bool:
        return any(problem.code == "DRL903" for problem in self.problems)


@attrs.frozen(slots=True)
class Problem:
    """A structural finding of the parser, turned into a diagnostic by the linter (codes DRL9xx)."""

    code: str
    message: str
    span: Span
    project: Project | None = None
