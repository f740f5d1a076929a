"""Reading primitives the rule catalogue is defined over (RULES.md section 0).

SPLIT, TRAIL and GLUE are done by the parser (``ItemList``, ``OptOuts``, ``Purposes``); what is here
are the comparisons and classifications that several rules share.
"""

from __future__ import annotations

import bisect
import functools
import re
from typing import Iterable

from dreg_lint.model import FieldKey, ItemList, OptOuts, OptOutStatus, OptOutToken, Project, Text

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


def opt_out_tokens(project: Project) -> list[OptOutToken]:
    """The opt-out tokens (after glue splitting); empty where the project has no opt-out field."""
    value = project.value(FieldKey.OPT_OUTS)
    return list(value.tokens) if isinstance(value, OptOuts) else []


def items(project: Project, key: FieldKey) -> ItemList | None:
    """The item list of a list field, or None where the field is absent."""
    value = project.value(key)
    return value if isinstance(value, ItemList) else None


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
    from dreg_lint.span import Span

    start = line.span.start + match.start(group)
    end = line.span.start + match.end(group)
    column = line.span.column + match.start(group)
    end_column = line.span.column + match.end(group)
    return Span(line.span.line, column, line.span.line, end_column, start, end)


def project_anchor(project: Project):
    """Where to report what a project lacks: its heading, or its first line where it has none."""
    from dreg_lint.span import Span

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
    import calendar

    if date.year is None:
        return None
    if min_year is not None and date.year < min_year or max_year is not None and date.year > max_year:
        return f"year {date.year} is outside {min_year}..{max_year}"
    if date.month is not None and not 1 <= date.month <= 12:
        return f"month {date.month:02d} does not exist"
    if date.day is not None and date.month is not None:
        last = 29 if date.month == 2 and calendar.isleap(date.year) else _MONTH_DAYS[date.month - 1]
        if not 1 <= date.day <= last:
            return f"day {date.day:02d} does not exist in {calendar.month_name[date.month]} {date.year}"
    return None


def has_mixed_optouts(project: Project) -> bool:
    """Opt-outs applied to some files and not to others: at least one YES and one NO opt-out token
    (after glue splitting), the condition of DRL001 that DRL035 also needs."""
    statuses = {token.status for token in opt_out_tokens(project)}
    return OptOutStatus.YES in statuses and OptOutStatus.NO in statuses


def reference_span(project: Project):
    """The span of the project's reference as written (heading or ``HSCIC Id:`` value, without the
    white space around it), or None where the project has no reference."""
    from dreg_lint.span import Span

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


def labelled_free_text(project: Project) -> Iterable[tuple[str, Text]]:
    """The free text with where it stands: (``"Purposes"`` or the section label, line of text)."""
    from dreg_lint.model import FREE_TEXT_SECTIONS, Purposes

    purposes = project.value(FieldKey.PURPOSES)
    if isinstance(purposes, Purposes) and purposes.statement is not None:
        yield "Purposes", purposes.statement
    for section in project.sections:
        if section.key in FREE_TEXT_SECTIONS:
            label = section.label or section.key.value.replace("_", " ").capitalize()
            for line in section.lines:
                yield label, line


def value_text_span(field):
    """The span of a one-line field's value without the white space around it (the zero-width
    ``value_span`` for an empty value)."""
    from dreg_lint.span import Span

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


class _JoinedText:
    """The free text of one project joined with NUL, for searching it in one go."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.lines = list(labelled_free_text(project))
        self.text = "\0".join(line.text for _, line in self.lines)
        self.starts = []  # where each line starts in ``text``
        offset = 0
        for _, line in self.lines:
            self.starts.append(offset)
            offset += len(line.text) + 1
        self._folded: str | None = None

    @property
    def folded(self) -> str:
        if self._folded is None:
            self._folded = self.text.casefold()
        return self._folded


_JOINED: list[_JoinedText | None] = [None]  # the last project asked about


@functools.lru_cache(maxsize=64)
def _casefolded(needles: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(needle.casefold() for needle in needles)


def free_text_matches(project: Project, pattern: "re.Pattern[str]", needles: Iterable[str] = (),
                      fold: bool = True) -> Iterable[tuple[str, Text, "re.Match[str]"]]:
    """(where, line, match) for every match of ``pattern`` in the project's free text, line by line.

    Most projects have no match at all, and a regular expression scans text far slower than a
    substring search, so ``needles``, if given, come first: strings of which every match must
    contain one, compared casefolded (so a case-insensitive pattern can use them too), or as they
    are with ``fold=False`` (for a case-sensitive pattern: fewer projects then get past them).

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
    if not joined.lines:
        return
    if needles:
        needles = tuple(needles)
        if fold:
            folded = joined.folded
            if not any(needle in folded for needle in _casefolded(needles)):
                return
        elif not any(needle in joined.text for needle in needles):
            return
    for found in pattern.finditer(joined.text):
        index = bisect.bisect_right(joined.starts, found.start()) - 1
        where, line = joined.lines[index]
        yield where, line, pattern.match(line.text, found.start() - joined.starts[index])


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
    from dreg_lint.model import When

    when = project.value(FieldKey.WHEN)
    if not isinstance(when, When) or not when.well_formed:
        return None
    period = getattr(when, part)
    return period if known_period(period) else None


def comparable_periods(project: Project):
    """(agreement, release) where ``When:`` has both, both readable and neither running backwards:
    when releases can be compared with the agreement (DRL006, DRL007); otherwise None."""
    agreement, release = readable_period(project, "agreement"), readable_period(project, "release")
    if agreement is None or release is None:
        return None
    if period_inverted(agreement) or period_inverted(release):
        return None
    return agreement, release
