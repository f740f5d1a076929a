"""The page counts data files disseminated unsafely (outside a trusted research environment).

What it checks
The page has the line `<N> data files in total were disseminated unsafely (…)` before its first
project, with N greater than zero (at least `min_count`). The page is reported once, at that line,
and the message gives N.

Why
This is medConfidential's headline count of the physical files sent out to the organisation, rather
than used inside a trusted research environment (TRE), which is where medConfidential holds patient
data should be used [S9]; the register itself has a line per physical file disseminated [S12].

Known false positives
The counting method is UNVERIFIED, and files used inside a TRE or by "system access" are explicitly
not counted (the line says so), so a low count does not mean little data was used. The linter only
echoes the site's figure.

Options
`min_count` (default 1): report only pages whose count is at least this number.
"""

from __future__ import annotations

from dreg_lint.rule import Example, Finding, Option, Rule

_HEADER = "NHS Digital Data Release Register - reformatted\nNHS Example Trust projects\n"
_PROJECT = ("Clinic activity — DARS-NIC-70011-UD5FG\n"
            "Opt outs honoured: No - data flow is not identifiable\n"
            "Objectives:\n"
            "To count clinic activity.\n")

RULE = Rule(
    code="DRL024",
    name="unsafe-dissemination-count",
    severity="info",
    groups=("accountability", "transparency"),
    scope="page",
    doc=__doc__,
    bad=Example(
        _HEADER + '37 data files in total were disseminated unsafely (information about files used safely is '
                  'missing for TRE/"system access" projects).\n' + _PROJECT,
        expect=("3:1",),
    ),
    good=Example(_HEADER + _PROJECT),
    options=(
        Option("min_count", 1, "Report only pages whose count of unsafely disseminated files is at least this."),
    ),
)


@RULE.checker
def check(document, context):
    count = document.file_count
    if count is None or count.count <= 0 or count.count < context.options["min_count"]:
        return
    files = "file" if count.count == 1 else "files"
    organisation = f" to {document.organisation.name}" if document.organisation is not None else ""
    yield Finding(count.span, f"the page says {count.count} data {files} were disseminated unsafely{organisation} "
                              f"(sent out rather than used in a trusted research environment)")
