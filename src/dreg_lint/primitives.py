"""Reading primitives the rule catalogue is defined over (RULES.md section 0).

SPLIT, TRAIL and GLUE are done by the parser (``ItemList``, ``OptOuts``, ``Purposes``); what is here
are the comparisons and classifications that several rules share.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from typing import AnyStr, Callable, Iterable, Sequence, TypeVar

from dreg_lint.model import (FREE_TEXT_SECTIONS, FieldKey, ItemList, OptOuts, OptOutStatus, OptOutToken, Project,
                             Purposes, Text, TextLines, When, forget_project)
from dreg_lint.span import Span

_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_NIC = re.compile(r"NIC-(\d+)-([A-Z0-9]{5})")
CANONICAL_REFERENCE = re.compile(r"DARS-NIC-\d{4,6}-[A-Z0-9]{5}(?:-v\d+(?:\.\d+)*)?")


@functools.lru_cache(maxsize=4096)
def norm(text: str) -> str:
    """NORM: lower case, dashes folded, everything but letters and digits removed.

    Folding the dashes is implied: they go with everything else that is not a letter or a digit.
    Cached, because the same values (legal bases, access methods, ...) come back on project after
    project, and several rules normalise them."""
    return _NOT_ALNUM.sub("", text.lower())


def nic_key(reference: str | None) -> tuple[str, str] | None:
    """The NIC key of a reference: (digits without leading zeros, 5-character suffix)."""
    if not reference:
        return None
    match = _NIC.search(reference)
    if match is None:
        return None
    return (match.group(1).lstrip("0") or "0", match.group(2))


_Answer = TypeVar("_Answer")

#: Where the last project asked about is kept (each a list of one item: ``per_project``'s answers,
#: the joined free text), for ``let_go``.
_LAST_PROJECT: list[list] = []


def let_go() -> None:
    """Let go of the last project asked about, kept by ``per_project`` and the free-text search:
    the engine calls this once a page's rules have run. A project's blank lines, found only when
    read, are found from the nodes of all its page's projects, so a project kept beyond its page
    keeps its page's nodes (and a large page's whole model) too."""
    for held in _LAST_PROJECT:
        held[0] = None
    forget_project()


def per_project(question: Callable[[Project], _Answer]) -> Callable[[Project], _Answer]:
    """``question(project)``, worked out once for the project last asked about.

    The engine runs every rule on one project before the next, and several rules ask the same of
    each project. The answer is kept for that one project (a project cannot change, so it cannot go
    stale), with the project, replaced whole: a reader never gets another project's answer.
    """
    held: list[tuple[Project, _Answer] | None] = [None]
    _LAST_PROJECT.append(held)

    @functools.wraps(question)
    def asked(project: Project) -> _Answer:
        last = held[0]
        if last is None or last[0] is not project:
            last = held[0] = (project, question(project))
        return last[1]

    return asked


def opt_out_tokens(project: Project) -> list[OptOutToken]:
    """The opt-out tokens (after glue splitting); empty where the project has no opt-out field."""
    value = project.value(FieldKey.OPT_OUTS)
    return list(value.tokens) if isinstance(value, OptOuts) else []


def items(project: Project, key: FieldKey) -> ItemList | None:
    """The item list of a list field, or None where the field is absent."""
    value = project.value(key)
    return value if isinstance(value, ItemList) else None


@per_project
def is_identifiable(project: Project) -> bool:
    """Identifiable (explicit): ``Identifiable`` in Type of data (or the older Categories/Format) or
    among the opt-out tokens."""
    type_of_data = items(project, FieldKey.TYPE_OF_DATA)
    if type_of_data is not None and any(item.text.lower() == "identifiable" for item in type_of_data.items):
        return True
    data_format = project.value(FieldKey.FORMAT)
    if isinstance(data_format, Text) and data_format.text.lower().startswith("identifiable"):
        return True
    return any(token.status is OptOutStatus.IDENTIFIABLE for token in opt_out_tokens(project))


def free_text(project: Project) -> Iterable[Text]:
    """The free text the catalogue's text rules search: section bodies and the Purposes statement."""
    return project.free_text()


def search_text(pattern: re.Pattern[str], lines: Iterable[Text]) -> Iterable[tuple[Text, re.Match[str]]]:
    """Every match of ``pattern`` in the lines, with the line it is on."""
    for line in lines:
        for match in pattern.finditer(line.text):
            yield line, match


def match_span(line: Text, match: re.Match[str], group: int = 0):
    """The span of a regular-expression match inside a line of text."""
    start = line.span.start + match.start(group)
    end = line.span.start + match.end(group)
    column = line.span.column + match.start(group)
    end_column = line.span.column + match.end(group)
    return Span(line.span.line, column, line.span.line, end_column, start, end)


def project_anchor(project: Project):
    """Where to report what a project lacks: its heading, or its first line where it has none."""
    if project.heading is not None:
        return project.heading.span
    if project.fields:
        return project.fields[0].span
    span = project.span
    return Span(span.line, span.column, span.line, span.column, span.start, span.start)


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def date_problem(date, min_year: int | None = None, max_year: int | None = None) -> str | None:
    """Why a ``PartialDate`` is not a possible calendar date (month 1..12, day valid for the month,
    year within the bounds given), or None. ``unknown`` dates have no problem here."""
    year, month, day = date.year, date.month, date.day
    if year is None:
        return None
    if min_year is not None and year < min_year or max_year is not None and year > max_year:
        return f"year {year} is outside {min_year}..{max_year}"
    if month is not None and not 1 <= month <= 12:
        return f"month {month:02d} does not exist"
    if day is not None and month is not None:
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)  # calendar.isleap's rule
        last = 29 if month == 2 and leap else _MONTH_DAYS[month - 1]
        if not 1 <= day <= last:
            # (Imported only here: every date of every project passes above, and a page seldom
            # has an impossible day.)
            import calendar

            return f"day {day:02d} does not exist in {calendar.month_name[month]} {year}"
    return None


def has_mixed_optouts(project: Project) -> bool:
    """Opt-outs applied to some files and not to others: at least one YES and one NO opt-out token
    (after glue splitting), the condition of DRL001 that DRL035 also needs."""
    statuses = {token.status for token in opt_out_tokens(project)}
    return OptOutStatus.YES in statuses and OptOutStatus.NO in statuses


def reference_span(project: Project):
    """The span of the project's reference as written (heading or ``HSCIC Id:`` value, without the
    white space around it), or None where the project has no reference."""
    if project.heading is not None:
        return project.heading.reference.span
    span = project.reference_span
    reference = project.reference
    if span is None or reference is None:
        return None
    field = project.field(FieldKey.HSCIC_ID)
    raw = field.raw if field is not None else reference
    lead = len(raw) - len(raw.lstrip())
    if span.line != span.end_line or span.end - span.start != len(raw):
        return span
    start, length = span.start + lead, len(reference)
    return Span(span.line, span.column + lead, span.line, span.column + lead + length, start, start + length)


def _labelled_sections(project: Project) -> Iterable[tuple[str, Sequence[Text]]]:
    """The free text by where it stands: (``"Purposes"`` or the section label, its lines)."""
    purposes = project.value(FieldKey.PURPOSES)
    if isinstance(purposes, Purposes) and purposes.statement is not None:
        yield "Purposes", (purposes.statement,)
    for section in project.sections:
        if section.key in FREE_TEXT_SECTIONS:
            yield section.label or section.key.value.replace("_", " ").capitalize(), section.lines


def value_text_span(field):
    """The span of a one-line field's value without the white space around it (the zero-width
    ``value_span`` for an empty value)."""
    span, raw = field.value_span, field.raw
    if not raw.strip() or span.line != span.end_line:
        return span
    lead, trail = len(raw) - len(raw.lstrip()), len(raw) - len(raw.rstrip())
    return Span(span.line, span.column + lead, span.end_line, span.end_column - trail,
                span.start + lead, span.end - trail)


def cut_line(document, project: Project) -> int | None:
    """The last line of the page where the page was cut off inside ``project`` (the parser's DRL903
    truncated-project finding), or None. Rules use it to tell a value or field lost to the cut from
    one that is really missing or malformed."""
    if document is None:
        return None
    for problem in document.problems:
        if (problem.code == "DRL903" and problem.project is not None
                and problem.project.span.start == project.span.start):
            return problem.span.line
    return None


#: The characters other than ASCII that ``re.IGNORECASE`` matches with an ASCII letter (İ and ı with
#: i, ſ with s, the Kelvin sign with k): in a text holding one, the text's ASCII letters lowered do
#: not tell where a case-insensitive pattern matches. tests/rules/test_text_search.py checks that
#: the list is complete for the running Python.
_ASCII_LETTER_TWINS = ("\u0130", "\u0131", "\u017f", "\u212a")

#: ASCII digits to `0`, ASCII capitals to `A`: the shape of a text (``_JoinedText.shape``).
_SHAPE = bytes.maketrans(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", b"0" * 10 + b"A" * 26)


def _has_ascii_letter_twin(text: str) -> bool:
    return not text.isascii() and any(twin in text for twin in _ASCII_LETTER_TWINS)


class _JoinedText:
    """The free text of one project joined with NUL, for searching it in one go, and the views of
    it that are cheap to search, each made when first asked for: a bytes object is made from the
    text in a fraction of the time a regular expression takes to scan it."""

    __slots__ = ("project", "parts", "text", "_firsts", "_starts", "_ascii", "_lowered", "_shape")

    def __init__(self, project: Project) -> None:
        self.project = project
        self.parts = list(_labelled_sections(project))  # (label, lines), in page order
        texts: list[str] = []
        for _label, lines in self.parts:
            texts += lines.texts if isinstance(lines, TextLines) else [line.text for line in lines]
        self.text = "\0".join(texts)
        self._firsts = self._starts = self._ascii = self._lowered = self._shape = None

    def line(self, offset: int) -> tuple[str, Text, int]:
        """(where, line, the offset of the line in ``text``) of the line that holds ``offset``."""
        if self._starts is None:
            # Most projects have no match and never need these. (A line's text may hold a NUL.)
            lengths = itertools.chain.from_iterable(map(_lengths, (lines for _label, lines in self.parts)))
            self._starts = list(itertools.accumulate(map((1).__add__, lengths), initial=0))
            self._firsts = list(itertools.accumulate((len(lines) for _label, lines in self.parts[:-1]), initial=0))
        index = bisect.bisect_right(self._starts, offset) - 1
        # The last part whose first line is at or before the line: a part without lines shares
        # its first index with the part after it, so it is never the one found.
        part = bisect.bisect_right(self._firsts, index) - 1
        label, lines = self.parts[part]
        return label, lines[index - self._firsts[part]], self._starts[index]

    @property
    def ascii(self) -> bytes:
        """``text`` with each character that is not ASCII as `?`: one byte per character."""
        if self._ascii is None:
            self._ascii = self.text.encode("ascii", "replace")
        return self._ascii

    @property
    def lowered(self) -> bytes:
        """``ascii`` with the capitals lowered."""
        if self._lowered is None:
            self._lowered = self.ascii.lower()
        return self._lowered

    @property
    def shape(self) -> bytes:
        """``ascii`` with every digit as `0` and every capital as `A`."""
        if self._shape is None:
            self._shape = self.ascii.translate(_SHAPE)
        return self._shape


def _lengths(lines: Sequence[Text]) -> Iterable[int]:
    return map(len, lines.texts) if isinstance(lines, TextLines) else [len(line.text) for line in lines]


_JOINED: list[_JoinedText | None] = [None]  # the last project asked about
_LAST_PROJECT.append(_JOINED)


@functools.lru_cache(maxsize=64)
def _lowered_needles(needles: tuple[str, ...]) -> tuple[bytes, ...] | None:
    """The needles lowered as ASCII bytes; None where one is not ASCII (nothing to compare then)."""
    if not all(needle.isascii() for needle in needles):
        return None
    return tuple(needle.lower().encode("ascii") for needle in needles)


def _may_hold_folded(text: str, lowered: "Callable[[], bytes]", needles: tuple[bytes, ...] | None) -> bool:
    """False only where ``text`` holds none of ``needles`` (``_lowered_needles``) in any case that
    ``re.IGNORECASE`` matches. ``lowered()`` gives the text's ASCII with the capitals lowered,
    which is made far faster than ``text.casefold()`` and is exact but in a text with an
    ``_ASCII_LETTER_TWINS``."""
    if needles is None or _has_ascii_letter_twin(text):
        return True
    folded = lowered()
    return any(needle in folded for needle in needles)


def may_hold_folded(text: str, needles: Iterable[str]) -> bool:
    """False only where ``text`` holds none of ``needles`` in any case: where a case-insensitive
    pattern every match of which contains one of them cannot match."""
    return _may_hold_folded(text, lambda: text.encode("ascii", "replace").lower(),
                            _lowered_needles(tuple(needles)))


def holding_folded(texts: Sequence[str], needles: Iterable[str]) -> list[int]:
    """The indices, in order, of the ``texts`` that may hold one of ``needles`` in any case (those
    for which ``may_hold_folded`` may be true): where a case-insensitive pattern every match of
    which contains one of them can match. Found with one search of the texts joined: where most
    hold none, that costs a fraction of the pattern's search of each."""
    lowered_needles = _lowered_needles(tuple(needles))
    joined = "\0".join(texts)
    if lowered_needles is None or _has_ascii_letter_twin(joined):
        return list(range(len(texts)))
    lowered = joined.encode("ascii", "replace").lower()
    starts = None  # the offset of each text in ``joined``, made at the first needle found
    found = set()
    for needle in lowered_needles:
        at = lowered.find(needle)
        while at != -1:
            if starts is None:
                starts = list(itertools.accumulate(map((1).__add__, map(len, texts)), initial=0))
            found.add(bisect.bisect_right(starts, at) - 1)
            at = lowered.find(needle, at + 1)
    return sorted(found)


def leftmost_matches(patterns: Sequence["re.Pattern[AnyStr]"], text: AnyStr):
    """(pattern, match) for every match of the alternation ``(?:p1|p2|...)`` of ``patterns`` in
    ``text``, as its ``finditer`` finds them, each with the pattern that matched.

    At each position the alternation takes the first alternative that matches there, and the next
    search starts where that match ends; so each pattern is searched on its own and the leftmost
    match wins, the earlier pattern on a tie. ``re`` finds a pattern that starts with a literal
    character several times faster than one that starts with any of several, so a few searches
    for the alternatives cost less than one for the alternation. The patterns must never match the
    empty string."""
    if len(patterns) == 1:
        pattern = patterns[0]
        for match in pattern.finditer(text):
            yield pattern, match
        return
    found = [pattern.search(text) for pattern in patterns]
    pos = 0
    while True:
        best = None
        for index, match in enumerate(found):
            if match is not None and match.start() < pos:
                match = found[index] = patterns[index].search(text, pos)
            if match is not None and (best is None or match.start() < found[best].start()):
                best = index
        if best is None:
            return
        match = found[best]
        if match.end() == match.start():
            raise ValueError(f"pattern {patterns[best].pattern!r} matched the empty string")
        yield patterns[best], match
        pos = match.end()


def free_text_matches(project: Project, pattern: "re.Pattern[str] | Sequence[re.Pattern[str]]",
                      needles: Iterable[str] = (), fold: bool = True, *,
                      shape: "re.Pattern[bytes] | None" = None,
                      lowered: "Sequence[re.Pattern[bytes]]" = ()) -> Iterable[tuple[str, Text, "re.Match[str]"]]:
    """(where, line, match) for every match of ``pattern`` in the project's free text, line by line.

    ``pattern`` may be given as its alternatives, patterns searched one by one and taken as
    ``leftmost_matches`` takes them (see ``word_patterns``).

    Most projects have no match at all, and a regular expression scans text far slower than a
    substring search, so cheap necessary conditions, where given, come first:

    - ``needles``: strings of which every match must contain one, compared in any case as
      ``re.IGNORECASE`` does (so a case-insensitive pattern can use them too), or as they are with
      ``fold=False`` (for a case-sensitive pattern: fewer projects then get past them).
    - ``shape``: a bytes pattern that finds a match in the text's shape (the text with every
      character that is not ASCII as `?`, every ASCII digit as `0`, every ASCII capital as `A`)
      wherever ``pattern`` finds one in the text. For patterns of digits and capitals, which
      ``re`` would otherwise try at every digit or capital.

    A case-insensitive pattern is slow to scan; ``lowered``, if given, are its alternatives as
    case-sensitive bytes patterns that match the text's ASCII with its capitals lowered (every
    other character `?`) exactly where ``pattern`` (then a single pattern) matches the text. They
    are searched instead, but in a text where a character other than ASCII matches an ASCII letter.

    The pattern then scans the whole free text joined with NUL once, and each match is mapped back
    to its line and matched again there, so that it is relative to the line. This finds exactly what
    a search line by line finds as long as the pattern never matches NUL or the empty string and
    its look-arounds and ``\\b`` see NUL as they see the start or end of a line: none of the rules'
    patterns matches NUL, and NUL is neither a digit, a letter nor space. The joined text is kept
    for the next rule that asks about the same project; the engine runs every rule on one project
    before the next.
    """
    joined = _JOINED[0]
    if joined is None or joined.project is not project:
        joined = _JOINED[0] = _JoinedText(project)
    text = joined.text
    if not text:
        return  # no free text, or only empty lines: no pattern matches the empty string
    if needles:
        needles = tuple(needles)
        if not fold:
            if not any(needle in text for needle in needles):
                return
        elif not _may_hold_folded(text, lambda: joined.lowered, _lowered_needles(needles)):
            return
    if shape is not None and shape.search(joined.shape) is None:
        return
    patterns = (pattern,) if isinstance(pattern, re.Pattern) else pattern
    searched = patterns
    if lowered and not _has_ascii_letter_twin(text):
        searched, text = lowered, joined.lowered
    for found_by, found in leftmost_matches(searched, text):
        where, line, start = joined.line(found.start())
        if searched is not patterns:
            found_by = pattern
        yield where, line, found_by.match(line.text, found.start() - start)


def words_after_boundary(words: Iterable[str]) -> str:
    """The regular expression ``\\b(?:w1|w2|...)`` (the words escaped), written so that ``re`` scans
    text for it several times faster.

    ``re`` skips quickly to where a match can start only when the pattern starts with a character
    or a set of characters; a leading ``\\b`` (or look-behind) makes it try the whole pattern at
    every position instead. So each word is written as its first character, then the boundary
    checked behind it (``W(?<=\\bW)``: a boundary just before that character), then the rest:
    the same matches, found from the words' first characters.
    """
    alternatives = []
    for word in words:
        if not word:
            alternatives.append(r"\b")
            continue
        first = re.escape(word[0])
        alternatives.append(rf"{first}(?<=\b{first}){re.escape(word[1:])}")
    return "(?:" + "|".join(alternatives) + ")"


def word_patterns(words: Iterable[str], tail: str = "") -> tuple["re.Pattern[str]", ...]:
    """``\\b(?:w1|w2|...)`` followed by ``tail`` (case-sensitive), as alternatives for
    ``free_text_matches``: one pattern for the words with the same first character, in their order.
    Words with different first characters never match at the same place, so the order of the
    patterns does not matter. The words must not be empty.

    Each pattern starts with its one first character, which ``re`` skips to fastest (in CPython
    3.11 faster even than to a longer literal prefix), and tries the rest of the pattern at each.
    Where several words start with it, the boundary is checked behind each whole word
    (``M(?:r(?<=\\bMr)|s(?<=\\bMs))``), so that at most places only the next character is compared:
    a look-behind costs several times as much. A lone word is written as ``words_after_boundary``
    writes it (``W(?<=\\bW)ord``): behind the whole word, the check would make ``re`` take the word
    as the literal prefix to skip to. But for a word that starts with a lower-case letter, which
    most of a text is made of, that costs less than a look-behind at each (``plc(?<=\\bplc)``).
    """
    groups: dict[str, list[str]] = {}
    for word in words:
        if not word:
            raise ValueError("word_patterns: empty word")
        groups.setdefault(word[0], []).append(word)
    patterns = []
    for first, group in groups.items():
        if len(group) == 1 and first.islower():
            body = rf"{re.escape(group[0])}(?<=\b{re.escape(group[0])})"
        elif len(group) == 1:
            body = words_after_boundary(group)
        else:
            body = re.escape(first) + "(?:" + "|".join(
                rf"{re.escape(word[1:])}(?<=\b{re.escape(word)})" for word in group) + ")"
        patterns.append(re.compile(body + tail))
    return tuple(patterns)


def known_period(period) -> bool:
    """Both ends of a period are real dates (not `unknown`, no impossible month or day)."""
    return period is not None and all(
        date.month_key is not None and date_problem(date) is None for date in (period.start, period.end))


def period_inverted(period) -> bool:
    """A known period whose start comes after its end: by day where both ends give one, else by month."""
    start, end = period.start, period.end
    if start.day is not None and end.day is not None:
        return (start.year, start.month, start.day) > (end.year, end.month, end.day)
    return start.month_key > end.month_key


def month_index(date) -> int:
    return date.year * 12 + date.month - 1


def readable_period(project: Project, part: str):
    """The project's ``When:`` ``agreement`` or ``release`` period where the value fits the grammar
    and both ends are real dates; otherwise None (DRL005 reports the rest)."""
    return _readable_periods(project)[part]


@per_project
def _readable_periods(project: Project) -> dict:
    # Six rules ask about each project's periods.
    when = project.value(FieldKey.WHEN)
    periods = {"agreement": None, "release": None}
    if isinstance(when, When) and when.well_formed:
        for name in periods:
            period = getattr(when, name)
            periods[name] = period if known_period(period) else None
    return periods


def comparable_periods(project: Project):
    """(agreement, release) where ``When:`` has both, both readable and neither running backwards:
    when releases can be compared with the agreement (DRL006, DRL007); otherwise None."""
    agreement, release = readable_period(project, "agreement"), readable_period(project, "release")
    if agreement is None or release is None:
        return None
    if period_inverted(agreement) or period_inverted(release):
        return None
    return agreement, release
