"""Structural diagnostics (DRL900-DRL999): what the parser found wrong with the shape of a page.

They are registered through the same hook as every rule, so they can be selected, ignored and
explained like any other; their checks hand on the problems the parser recorded in
``Document.problems``. DRL999 is reported by the engine when a rule itself fails.
"""

from __future__ import annotations

from dreg_lint.plugins import hookimpl
from dreg_lint.rule import Example, Finding, Rule

_HEADER = "NHS Digital Data Release Register - reformatted\nNHS Example Trust projects\n"


def _problems_check(code: str):
    def check(document, context):
        for problem in document.problems:
            if problem.code == code:
                yield Finding(problem.span, problem.message, project=problem.project)

    return check


def _rule(code, name, severity, doc, bad, expect, good, builtin_check=True) -> Rule:
    rule = Rule(code=code, name=name, severity=severity, groups=("structure",), scope="page", doc=doc,
                bad=Example(bad, tuple(expect)), good=Example(good))
    rule.check = _problems_check(code) if builtin_check else (lambda document, context: ())
    return rule


_GOOD = _HEADER + "Example project — DARS-NIC-10001-AAAA1\nOpt outs honoured: Y\nObjectives:\nTo count clinic visits.\n"

RULES = [
    _rule("DRL900", "undecodable-bytes", "warning", """Bytes that are not UTF-8.

What it checks
The page file holds bytes that do not decode as UTF-8. The message gives the byte offset of the
first bad byte; the page is decoded with replacement characters and linted as usual.

Why
Register pages are UTF-8. Stray bytes usually come from a copy through another encoding, and they
can hide or alter values (a reference, a date) that the rules read.

Known false positives
None known.
""", "NHS Digital Data Release Register - reformatted\nNHS Example Trust projects \udcff\n", ["2:28"], _GOOD,
          builtin_check=True),
    _rule("DRL901", "missing-page-header", "warning", """The page does not start with the register header.

What it checks
The first line of a page is `NHS Digital Data Release Register - reformatted` (or the sister
site's `Good TREs work`). A page without it, or an empty page, is reported at line 1.

Why
The header is how a page says what it is; a page without one was cut at the top or is not a
register page (FORMAT.md section 2).

Known false positives
Excerpts deliberately copied from the organisation title on.
""", "NHS Example Trust projects\nExample project — DARS-NIC-10001-AAAA1\nOpt outs honoured: Y\n", ["1:1"], _GOOD),
    _rule("DRL902", "unplaceable-line", "warning", """A line with no place in the page structure.

What it checks
A line that the page structure has no place for: a second page header or file-count line inside a
project (pages glued together), a red-flag paragraph after the first project, a system-access note
that follows no `Access method:` field. The line is kept in the model as a loose line.

Why
Such lines mean a page was pasted together or re-ordered; whatever they carry is not read as a field.

Known false positives
None known.
""", _HEADER + "Example project — DARS-NIC-10001-AAAA1\nOpt outs honoured: Y\n"
        "12 data files in total were disseminated unsafely.\nObjectives:\nTo count clinic visits.\n",
          ["5:1"], _GOOD),
    _rule("DRL903", "truncated-project", "warning", """The page ends in the middle of a project.

What it checks
The page ends where no complete page ends: before its first project, among a project's one-line
fields, on a field or dataset line with no value, or on a line that breaks off mid-sentence or after
a space. One diagnostic, on the last line, naming the project that was cut off.

Why
Partly downloaded or partly pasted pages lose their last project's sections silently; every
finding about that project (a missing section, say) is then about the copy, not the register.

Known false positives
A complete page whose last line is a short sentence without a full stop.
""", _HEADER + "Example project — DARS-NIC-10001-AAAA1\nOpt outs honoured: Y\nObjectives:\nTo count clinic vis",
          ["6:1"], _GOOD),
    _rule("DRL904", "unknown-field-label", "warning", """A field label that no page generation uses.

What it checks
A line shaped like `Label: value` among a project's one-line fields whose label is not one of the
known labels (Type of data, Opt outs honoured, Legal basis, Purposes, Sensitive, When, Access method,
Data-controller type, Sublicensing allowed, AGD/predecessor discussions, Repeats, Categories, Basis,
Format, How often, HSCIC Id).

Why
A misspelt or new label means its value is not read by any rule.

Known false positives
A headingless objectives paragraph that opens with a word and a colon.
""", _HEADER + "Example project — DARS-NIC-10001-AAAA1\nOpt outs honoured: Y\nLegal basys: Consent\n"
        "Objectives:\nTo count clinic visits.\n", ["5:1"], _GOOD),
    _rule("DRL905", "duplicate-field", "warning", """A one-line field given twice in one project.

What it checks
The same field (by its meaning, whatever the label) appears more than once in one project; the
first one is the one the rules read.

Why
Duplicated lines come from bad copies or merges, and the two values may disagree.

Known false positives
None known.
""", _HEADER + "Example project — DARS-NIC-10001-AAAA1\nOpt outs honoured: Y\nOpt outs honoured: N\n"
        "Objectives:\nTo count clinic visits.\n", ["5:1"], _GOOD),
    _rule("DRL906", "not-a-text-page", "error", """The file is not a UTF-8 text page.

What it checks
The file looks like UTF-16 text (a byte-order mark or a NUL after every other byte) or binary data
(NUL bytes in most of its first kilobytes). Nothing else is read from it.

Why
A register page saved in another encoding or a file that is not a page at all would otherwise be
read as garbage lines.

Known false positives
None known.
""", "\x00\x01\x02\x03", ["1:1"], _GOOD),
    _rule("DRL999", "rule-error", "error", """A rule failed while checking a page.

What it checks
Not a finding about the page: a rule raised an exception or returned something that is not a
finding. The message names the rule, its plugin and the project; the exit status becomes 2.

Why
A failing rule must never be silent: the page may break the rule it could not check.

Known false positives
None: report it to the rule's author.
""", "", [], _GOOD, builtin_check=False),
]


@hookimpl
def dreg_lint_rules() -> list[Rule]:
    return RULES
