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
        paths = list(dict.fromkeys(o["path"] for o in occurrences))
        if len(paths) < 2:
            continue
        for occurrence in occurrences:
            match = _NIC_TEXT.search(occurrence["reference"])
            agreement = _short(match.group(0) if match else occurrence["reference"])
            others = [o for o in occurrences if o["path"] != occurrence["path"]]
            if context.options["report_occurrences"]:
                cited = ", ".join(_where(o) for o in others[:3])
                if len(others) > 3:
                    cited += f" and {len(others) - 3} more"
                yield Finding(
                    Span(*occurrence["span"]),
                    f"agreement {agreement} is also listed on {len(paths) - 1} other page(s): {cited}",
                    path=occurrence["path"], reference=occurrence["reference"],
                    project_line=occurrence["project_line"], flagged=occurrence["reference"])
            for name in compare:
                label = FIELDS[name][1]
                mine = occurrence["fields"].get(name)
                other = next((o for o in others if _norm(o["fields"].get(name)) != _norm(mine)), None)
                if other is None:
                    continue
                theirs = other["fields"].get(name)
                there = f"{other['path']}:{theirs['span'][0] if theirs is not None else other['project_line']}"
                span = Span(*(mine["span"] if mine is not None else occurrence["span"]))
                yield Finding(
                    span,
                    f"`{label}` of agreement {agreement} differs from its copy at {there} "
                    f"({_shown(mine)} here, {_shown(theirs)} there)",
                    path=occurrence["path"], reference=occurrence["reference"],
                    project_line=occurrence["project_line"],
                    flagged=f"{label}: {mine['text'] if mine is not None else '(absent)'}")
