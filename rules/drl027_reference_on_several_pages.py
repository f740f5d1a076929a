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
from collections import Counter
from itertools import islice

from dreg_lint.model import FieldKey
from dreg_lint.primitives import nic_key, norm, reference_span
from dreg_lint.rule import Example, Finding, Option, Rule
from dreg_lint.span import Span

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


def _span_tuple(span: Span) -> tuple[int, int, int, int, int, int]:
    return (span.line, span.column, span.end_line, span.end_column, span.start, span.end)


def _value_span(field) -> Span:
    """The value without the white space around it (the field line where it is empty)."""
    raw = field.raw
    span = field.value_span
    stripped = raw.strip()
    if not stripped or span.line != span.end_line or span.end - span.start != len(raw):
        return field.span if not stripped else span
    lead = len(raw) - len(raw.lstrip())
    start = span.start + lead
    return Span(span.line, span.column + lead, span.line, span.column + lead + len(stripped),
                start, start + len(stripped))


@RULE.collector
def collect(document, context):
    """Per project with a NIC key: where its reference is, and the compared fields' values."""
    path = document.path if document.path is not None else "<stdin>"
    facts = []
    for project in document.projects:
        span = reference_span(project)
        key = nic_key(project.reference)
        if span is None or key is None:
            continue
        fields = {}
        for name, (field_key, _label) in FIELDS.items():
            field = project.field(field_key)
            if field is None:
                fields[name] = None
            else:
                raw = field.raw.strip()
                fields[name] = {"norm": norm(raw), "text": raw, "span": _span_tuple(_value_span(field))}
        facts.append({
            "path": path,
            "key": key,
            "reference": project.reference,
            "project_line": project.line,
            "span": _span_tuple(span),
            "fields": fields,
        })
    return facts


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _where(occurrence) -> str:
    return f"{occurrence['path']}:{occurrence['project_line']}"


def _norm(value) -> str | None:
    return None if value is None else value["norm"]


def _shown(value) -> str:
    if value is None:
        return "(absent)"
    return f"`{_short(value['text'])}`" if value["text"] else "(empty)"


def _first(occurrences, keep):
    return next((o for o in occurrences if keep(o)), None)


def _differing_copies(occurrences, name):
    """For one field, a function (path, normalised value) -> the first occurrence on another path
    whose normalised value differs, or None.

    Comparing every occurrence with every other is quadratic in the copies of one agreement (a page
    saved many times has hundreds), so five occurrences are picked in one pass each: ``o1``, the
    first; ``a1``/``a2``, the first on another page than ``o1`` (and the first of those with another
    value than ``a1``); ``b1``/``b2``, the first with another value than ``o1`` (and the first of
    those on another page than ``b1``). The first occurrence off ``path`` and off ``value`` is then
    always one of them: ``o1`` unless it is on ``path`` (then ``a1`` or ``a2``) or has ``value``
    (then ``b1`` or ``b2``)."""
    def value(o):
        return _norm(o["fields"].get(name))

    o1 = occurrences[0]
    path1, value1 = o1["path"], value(o1)
    b1 = _first(occurrences, lambda o: value(o) != value1)
    if b1 is None:
        return lambda path, mine: None  # every copy agrees: nothing to report
    b2 = _first(occurrences, lambda o: value(o) != value1 and o["path"] != b1["path"])
    a1 = _first(occurrences, lambda o: o["path"] != path1)
    a2 = None if a1 is None else _first(occurrences, lambda o: o["path"] != path1 and value(o) != value(a1))

    def differing(path, mine):
        if path == path1:
            return a1 if a1 is not None and value(a1) != mine else a2
        if value1 == mine:
            return b1 if b1["path"] != path else b2
        return o1
    return differing


@RULE.checker
def check(facts, context):
    compare = list(context.options["compare_fields"])
    unknown = [name for name in compare if name not in FIELDS]
    if unknown:
        raise ValueError(f"compare_fields: unknown field(s) {', '.join(unknown)}; use {', '.join(FIELDS)}")
    by_key: dict[tuple[str, str], list[dict]] = {}
    for page in facts:
        for occurrence in page or ():
            by_key.setdefault(tuple(occurrence["key"]), []).append(occurrence)
    for key in sorted(by_key):
        occurrences = by_key[key]
        on_path = Counter(o["path"] for o in occurrences)
        if len(on_path) < 2:
            continue
        # The first three occurrences on other pages than any given one are among the first three
        # of each page: keeping only those makes citing them constant work per occurrence.
        seen: Counter = Counter()
        heads = []
        for o in occurrences:
            seen[o["path"]] += 1
            if seen[o["path"]] <= 3:
                heads.append(o)
        differing = {name: _differing_copies(occurrences, name) for name in compare}
        for occurrence in occurrences:
            path = occurrence["path"]
            match = _NIC_TEXT.search(occurrence["reference"])
            agreement = _short(match.group(0) if match else occurrence["reference"])
            if context.options["report_occurrences"]:
                others = len(occurrences) - on_path[path]
                cited = ", ".join(_where(o) for o in islice((o for o in heads if o["path"] != path), 3))
                if others > 3:
                    cited += f" and {others - 3} more"
                yield Finding(
                    Span(*occurrence["span"]),
                    f"agreement {agreement} is also listed on {len(on_path) - 1} other page(s): {cited}",
                    path=path, reference=occurrence["reference"],
                    project_line=occurrence["project_line"], flagged=occurrence["reference"])
            for name in compare:
                label = FIELDS[name][1]
                mine = occurrence["fields"].get(name)
                other = differing[name](path, _norm(mine))
                if other is None:
                    continue
                theirs = other["fields"].get(name)
                there = f"{other['path']}:{theirs['span'][0] if theirs is not None else other['project_line']}"
                span = Span(*(mine["span"] if mine is not None else occurrence["span"]))
                yield Finding(
                    span,
                    f"`{label}` of agreement {agreement} differs from its copy at {there} "
                    f"({_shown(mine)} here, {_shown(theirs)} there)",
                    path=path, reference=occurrence["reference"],
                    project_line=occurrence["project_line"],
                    flagged=f"{label}: {mine['text'] if mine is not None else '(absent)'}")
