"""One NIC agreement number on more than one page, and whether its copies agree.

What it checks
Across all pages linted together, every project reference is reduced to its NIC key (the digits of
`NIC-<digits>-<suffix>` without leading zeros, and the suffix). When one key appears on two or more
pages, every occurrence is reported at its reference, naming the other pages. Then, as follow-up
consistency checks, the copies of that agreement on different pages are compared field by field:
`When`, `Legal basis` (or `Basis`) and `Opt outs honoured`. Values are compared after NORM (case,
dashes, spaces and punctuation ignored, so `2016/09 — 2020/02.` on an older page equals
`2016.09 — 2020.02.`); a field present on one copy and absent on another counts as a difference.
Each copy whose value differs from a copy on another page gets its own finding at that value,
citing the other page and line. Occurrences on the same page are DRL026's business.

The consistency checks are messages of this rule, not a rule of their own: they are only meaningful
once the same agreement is known to be on several pages, the catalogue lists them as DRL027's
follow-up, and the codes DRL001-DRL037 are fixed. The `compare_fields` and `report_occurrences`
options select which of the two kinds of message are produced.

The examples are two pages: linted on its own each is clean (a cross-page rule then sees one page);
linted together, the bad example (the same agreement on the processor's page, with another release
period) draws findings at 3:13 (the occurrence) and 6:6 (the differing `When`).

Why
A DSA that names several controllers or processors appears on each organisation's page; its copies
come from one register row and should agree, so a difference between copies signals a reformatting
or register problem. NIC numbers span several DSA versions [S13]; the Data Uses Register lists each
agreement's dates, legal basis and opt-out application [S14].

Known false positives
Appearing on several pages is expected for multi-party DSAs (hence info, and the
`report_occurrences` option to keep only the differences). Pages captured at different times can
show different DSA versions of one NIC [S13], so a differing `When` may be an update rather than an
error. Pages of one organisation saved twice (two versions of the same page) report every project.

Options
`report_occurrences` (default true): report each occurrence of an agreement found on several pages.
Set it to false to keep only the consistency findings.
`compare_fields` (default `["when", "legal_basis", "opt_outs"]`): the fields whose copies are
compared; any of `when`, `legal_basis`, `opt_outs`. An empty list turns the consistency checks off.
"""

from __future__ import annotations

import re
from itertools import islice

from dreg_lint.model import FieldKey
from dreg_lint.primitives import nic_key, norm, reference_span
from dreg_lint.rule import Example, Finding, Option, Rule
from dreg_lint.span import new_span

_NIC_TEXT = re.compile(r"NIC-[0-9]+-[A-Z0-9]{5}")

#: Option name -> (model field, name used in messages).
FIELDS = {
    "when": (FieldKey.WHEN, "When"),
    "legal_basis": (FieldKey.LEGAL_BASIS, "Legal basis"),
    "opt_outs": (FieldKey.OPT_OUTS, "Opt outs honoured"),
}

_PAGE = ("NHS Digital Data Release Register - reformatted\n"
         "NHS Example Ccg projects\n"
         "Project 1 — DARS-NIC-20417-QW3RT\n"
         "Opt outs honoured: Y\n"
         "Legal basis: Health and Social Care Act 2012\n"
         "When:2017.01 — 2017.03.\n")

#: The same agreement as on the processor's page, with another release period. Linted together with
#: ``_PAGE`` it draws findings at 3:13 (the occurrence) and 6:6 (the differing When); linted alone (as
#: the documented examples are) a cross-page rule sees one page and reports nothing.
_OTHER_PAGE = (_PAGE.replace("NHS Example Ccg projects", "NHS Example Csu projects")
               .replace("DARS-NIC-20417", "NIC-20417").replace("2017.03.", "2017.04."))

RULE = Rule(
    code="DRL027",
    name="reference-on-several-pages",
    severity="info",
    groups=("references",),
    scope="pages",
    streamed_facts=True,
    doc=__doc__,
    bad=Example(_OTHER_PAGE),
    good=Example(_PAGE),
    options=(
        Option("report_occurrences", True,
               "Report each occurrence of an agreement that appears on several pages."),
        Option("compare_fields", ["when", "legal_basis", "opt_outs"],
               "Fields compared between the copies of one agreement: when, legal_basis, opt_outs."),
    ),
)


def _value_position(field) -> tuple[int, int, int, int]:
    """Where the value is (line, column, end_line, end_column), without the white space around it
    (the field line where it is empty)."""
    raw = field.raw
    span = field.value_span
    stripped = raw.strip()
    if not stripped:
        return field.span[:4]
    if span.line != span.end_line or span.end - span.start != len(raw):
        return span[:4]
    column = span.column + len(raw) - len(raw.lstrip())
    return span.line, column, span.line, column + len(stripped)


# The facts of a page are ``[path, [occurrence, ...]]`` (``[]`` for a page without NIC references),
# each occurrence a flat row, the path given once: every page's facts travel from the worker, may sit
# in the result cache and are read back twice from the run's facts file, so they are kept small.
# Positions are (line, column, end_line, end_column): the findings need no offsets.
DIGITS, SUFFIX, REFERENCE, PROJECT_LINE, SPAN = 0, 1, 2, 3, slice(4, 8)
FIELD_AT = {name: 8 + index for index, name in enumerate(FIELDS)}  # a field: [norm, text, *span] or None


@RULE.collector
def collect(document, context):
    """Per project with a NIC key: where its reference is, and the compared fields' values."""
    path = document.path if document.path is not None else "<stdin>"
    occurrences = []
    for project in document.projects:
        span = reference_span(project)
        key = nic_key(project.reference)
        if span is None or key is None:
            continue
        row = [key[0], key[1], project.reference, project.line, *span[:4]]
        for field_key, _label in FIELDS.values():
            field = project.field(field_key)
            if field is None:
                row.append(None)
            else:
                raw = field.raw.strip()
                row.append([norm(raw), raw, *_value_position(field)])
        occurrences.append(row)
    return [path, occurrences] if occurrences else []


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _shown(value) -> str:
    if value is None:
        return "(absent)"
    return f"`{_short(value[1])}`" if value[1] else "(empty)"


def _occurrences(facts):
    for page in facts:
        if page:
            path, rows = page
            for row in rows:
                yield path, row


class _Copy:
    """An occurrence as a consistency finding may cite it."""

    __slots__ = ("path", "project_line", "field", "value")

    def __init__(self, path: str, row: list, at: int) -> None:
        self.path, self.project_line, self.field = path, row[PROJECT_LINE], row[at]
        self.value = None if self.field is None else self.field[0]


class _Differing:
    """For one field, which copy an occurrence's value is compared with.

    Comparing every occurrence with every other is quadratic in the copies of one agreement (a page
    saved many times has hundreds), so five occurrences are picked as the copies stream past:
    ``o1``, the first; ``a1``/``a2``, the first on another page than ``o1`` (and the first of those
    with another value than ``a1``); ``b1``/``b2``, the first with another value than ``o1`` (and
    the first of those on another page than ``b1``). The first occurrence off ``path`` and off
    ``value`` is then always one of them: ``o1`` unless it is on ``path`` (then ``a1`` or ``a2``) or
    has ``value`` (then ``b1`` or ``b2``)."""

    __slots__ = ("at", "o1", "a1", "a2", "b1", "b2")

    def __init__(self, at: int, path: str, row: list) -> None:
        self.at = at
        self.o1 = _Copy(path, row, at)
        self.a1 = self.a2 = self.b1 = self.b2 = None

    def see(self, path: str, row: list) -> None:
        field = row[self.at]
        value = None if field is None else field[0]
        o1 = self.o1
        if value != o1.value:
            if self.b1 is None:
                self.b1 = _Copy(path, row, self.at)
            elif self.b2 is None and path != self.b1.path:
                self.b2 = _Copy(path, row, self.at)
        if path != o1.path:
            if self.a1 is None:
                self.a1 = _Copy(path, row, self.at)
            elif self.a2 is None and value != self.a1.value:
                self.a2 = _Copy(path, row, self.at)

    def against(self, path: str, mine) -> "_Copy | None":
        """The first copy on another page than ``path`` whose value is not ``mine``, or None."""
        if self.b1 is None:
            return None  # every copy agrees: nothing to report
        if path == self.o1.path:
            return self.a1 if self.a1 is not None and self.a1.value != mine else self.a2
        if self.o1.value == mine:
            return self.b1 if self.b1.path != path else self.b2
        return self.o1


class _Agreement:
    """What the findings of one NIC key need, gathered in one pass over the facts: its size stays
    the same however many copies there are, but for one count per page the key is on."""

    __slots__ = ("count", "pages", "heads", "heads_done", "differing", "cites", "first_cited", "first_pages",
                 "varying")

    def __init__(self, path: str, row: list, compare: list[str]) -> None:
        self.count = 0
        self.pages: dict[str, int] = {}
        self.heads: list[tuple[str, int]] = []
        self.heads_done = False
        self.differing = {name: _Differing(FIELD_AT[name], path, row) for name in compare}
        self.cites: list[tuple[str, str]] = []  # (path, "path:line") of each head, made by ``ready``
        self.first_cited = ""  # the first three of them, cited from any page but theirs
        self.first_pages: set[str] = set()  # their pages
        self.varying: list[tuple[str, _Differing]] = []  # (label, its copies) where copies differ

    def ready(self, compare: list[str]) -> None:
        """Once every occurrence has been seen: what the findings of each copy share, made once."""
        self.cites = [(p, f"{p}:{line}") for p, line in self.heads]
        self.first_cited = ", ".join(text for _, text in self.cites[:3])
        self.first_pages = {p for p, _ in self.cites[:3]}
        self.varying = [(FIELDS[name][1], self.differing[name]) for name in compare
                        if self.differing[name].b1 is not None]

    def see(self, path: str, row: list) -> None:
        self.count += 1
        on_page = self.pages.get(path, 0) + 1
        self.pages[path] = on_page
        # The first three occurrences on other pages than any given one are among the first three
        # of each page; once every page has three others among those kept, later ones never are.
        if not self.heads_done and on_page <= 3:
            self.heads.append((path, row[PROJECT_LINE]))
            self.heads_done = len(self.heads) - max(self.pages[p] for p, _ in self.heads) >= 3
        for differing in self.differing.values():
            differing.see(path, row)

    def cited(self, path: str) -> str:
        others = self.count - self.pages[path]
        if path not in self.first_pages:
            cited = self.first_cited
        else:
            cited = ", ".join(islice((text for p, text in self.cites if p != path), 3))
        return cited + (f" and {others - 3} more" if others > 3 else "")


@RULE.checker
def check(facts, context):
    """Two passes over the facts (which may be read back from a file each time): one to learn, per
    agreement, the pages it is on and the copies to compare with, one to report, page by page."""
    compare = list(context.options["compare_fields"])
    unknown = [name for name in compare if name not in FIELDS]
    if unknown:
        raise ValueError(f"compare_fields: unknown field(s) {', '.join(unknown)}; use {', '.join(FIELDS)}")
    agreements: dict[tuple[str, str], _Agreement] = {}
    for path, row in _occurrences(facts):
        key = (row[DIGITS], row[SUFFIX])
        agreement = agreements.get(key)
        if agreement is None:
            agreement = agreements[key] = _Agreement(path, row, compare)
        agreement.see(path, row)
    shared = {key: agreement for key, agreement in agreements.items() if len(agreement.pages) >= 2}
    if not shared:
        return
    for agreement in shared.values():
        agreement.ready(compare)
    report_occurrences = context.options["report_occurrences"]
    for path, row in _occurrences(facts):
        agreement = shared.get((row[DIGITS], row[SUFFIX]))
        if agreement is None:
            continue
        reference = row[REFERENCE]
        match = _NIC_TEXT.search(reference)
        name = _short(match.group(0) if match else reference)
        span = new_span((*row[SPAN], 0, 0))
        if report_occurrences:
            yield Finding(
                span,
                f"agreement {name} is also listed on {len(agreement.pages) - 1} other page(s): "
                f"{agreement.cited(path)}",
                path=path, reference=reference, project_line=row[PROJECT_LINE], flagged=reference)
        for label, differing in agreement.varying:
            mine = row[differing.at]
            other = differing.against(path, None if mine is None else mine[0])
            if other is None:
                continue
            theirs = other.field
            there = f"{other.path}:{theirs[2] if theirs is not None else other.project_line}"
            yield Finding(
                new_span((*mine[2:6], 0, 0)) if mine is not None else span,
                f"`{label}` of agreement {name} differs from its copy at {there} "
                f"({_shown(mine)} here, {_shown(theirs)} there)",
                path=path, reference=reference, project_line=row[PROJECT_LINE],
                flagged=f"{label}: {mine[1] if mine is not None else '(absent)'}")
