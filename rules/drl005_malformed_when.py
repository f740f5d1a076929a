"""The `When:` line is missing, unreadable, or gives an impossible date.

What it checks
A project has no `When:` line; or its value does not fit the When grammar (an optional agreement
period `DSA runs <date> — <date>` followed by an optional release period `<month> — <month>.`, at
least one of the two present, optionally followed by the site's note such as
`breached contract — audit report.`); or one of its dates is impossible: month outside 1..12, day
not in the month (`2019-02-30`), or year outside 1990..2100. The grammar accepts the layouts of
FORMAT.md section 11: `YYYY.MM`, `YYYY/MM`, `MM/YYYY` and `unknown` release months, `(or before)`,
month-precision agreement dates with an en dash, and a space after the colon. The finding covers the
offending date or value; a missing line is reported at the project heading.

Why
The dates are what DRL003, DRL004, DRL006 and DRL007 are computed from; a malformed or impossible
date hides the agreement and release periods (RULES.md section 2). The agreement start and end are a
Data Uses Register field [S14].

Known false positives
The legacy layout `When: 2016/09 — 2020/02.` is valid [S8] and is accepted. RULES.md section 0
states a narrower grammar than the page variants FORMAT.md documents (no notes, `unknown`,
`(or before)`, `MM/YYYY` or month-precision agreements); by default those real variants are
accepted, the strict grammar is available as an option. A page cut off inside a project (reported
as truncated, DRL903) is not reported here for a `When:` line lost to the cut or cut short on the
last line.

Options
`strict` (default false): also report a value that does not match the grammar of RULES.md section 0
exactly (`^When:\\s*(DSA runs YYYY-MM-DD — YYYY-MM-DD)?\\s*(YYYY[./]MM — YYYY[./]MM\\.?)?\\s*$`).
`min_year` (default 1990) and `max_year` (default 2100): the range of plausible years.
"""

from __future__ import annotations

import re

from dreg_lint.model import FieldKey, When
from dreg_lint.primitives import cut_line, date_problem, project_anchor, value_text_span
from dreg_lint.rule import Example, Finding, Option, Rule

#: The When grammar of RULES.md section 0, as written there.
STRICT_WHEN = re.compile(
    r"\s*(?P<dsa>DSA runs \d{4}-\d{2}-\d{2} \u2014 \d{4}-\d{2}-\d{2})?\s*"
    r"(?P<release>\d{4}[./]\d{2} \u2014 \d{4}[./]\d{2}\.?)?\s*")

RULE = Rule(
    code="DRL005",
    name="malformed-when",
    severity="error",
    groups=("dates",),
    scope="project",
    doc=__doc__,
    bad=Example(
        "Project 2 — NIC-50002-HG7FD\n"
        "Opt outs honoured: N\n"
        "When:2017.13 — 2018.02.\n"
        "Access method: Ongoing\n"
        "Objectives:\n"
        "To review maternity bookings.\n",
        expect=("3:6",),
    ),
    good=Example(
        "Project 2 — NIC-50002-HG7FD\n"
        "Opt outs honoured: N\n"
        "When: 2017/11 — 2018/02.\n"
        "Access method: Ongoing\n"
        "Objectives:\n"
        "To review maternity bookings.\n",
    ),
    options=(
        Option("strict", False, "Also report values outside the narrower When grammar of RULES.md section 0 "
                                "(notes, `unknown`, `(or before)`, MM/YYYY, month-precision agreements)."),
        Option("min_year", 1990, "Earliest plausible year in a When date."),
        Option("max_year", 2100, "Latest plausible year in a When date."),
    ),
)


def _shorten(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


@RULE.checker
def check(project, context):
    options = context.options
    field = project.field(FieldKey.WHEN)
    cut = cut_line(context.document, project)
    if field is None:
        if cut is not None and not project.sections:
            return  # the page was cut off before the project's When: line
        yield Finding(project_anchor(project), "no `When:` line: the project gives neither its agreement period "
                                               "nor its release period")
        return
    if field.span.line == cut:
        return  # the value may have lost its end to the cut
    when = field.value
    if field.empty or not isinstance(when, When):
        yield Finding(field.span, "`When:` is empty: the project gives neither its agreement period nor its "
                                  "release period")
        return
    raw = field.raw.strip()
    span = value_text_span(field)
    if not when.well_formed:
        yield Finding(span, f"`When:` value `{_shorten(raw)}` does not fit the When grammar "
                            f"(`DSA runs <date> — <date> <YYYY.MM> — <YYYY.MM>.`)")
    elif when.agreement is None and when.release is None:
        yield Finding(span, f"`When:` value `{_shorten(raw)}` gives neither a DSA period nor a release period")
    elif options["strict"]:
        match = STRICT_WHEN.fullmatch(raw)
        if match is None or not (match.group("dsa") or match.group("release")):
            yield Finding(span, f"`When:` value `{_shorten(raw)}` does not fit the strict When grammar "
                                f"(`DSA runs YYYY-MM-DD — YYYY-MM-DD YYYY.MM — YYYY.MM.`)")
    for part, period in (("DSA", when.agreement), ("release", when.release)):
        if period is None:
            continue
        for date in (period.start, period.end):
            problem = date_problem(date, options["min_year"], options["max_year"])
            if problem is not None:
                yield Finding(date.span, f"impossible {part} date `{date.text}` in `When:`: {problem}")
