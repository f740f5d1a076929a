"""A value outside the known vocabulary of an enumerated field.

What it checks
Each non-empty item of the enumerated fields is compared with the vocabulary seen on register pages
and reported at the item when it is not in it:
Type of data (or Categories) must NORM-equal `information not disclosed for TRE projects`,
`Pseudonymised`, `Identifiable` or `Anonymised - ICO Code Compliant`; Sensitive (items stripped of
a leading `and `) `Sensitive` or `Non Sensitive` (NORM, so `Non-Sensitive` is the same);
Access method (or Repeats/How often) `One-Off`, `Ongoing`, `Frequent Adhoc Flow` or `System Access`
(NORM); Sublicensing allowed exactly `Yes` or `No`; each opt-out token (after glue splitting)
exactly `Y`, `N`, `Yes`, `No`, `Identifiable`, `Anonymised - ICO Code Compliant` or `Pseudonymised`,
or starting with `Yes - ` or `No - `; the Purposes flags exactly `Yes` or `No` (or none).
The parser only takes `Yes`/`No`-like words as Purposes flags; a Purposes value without such a flag
whose first comma item is a single short word (`Purposes: Maybe (Academic)`) is reported as an
unknown flag too. Empty items are DRL013's business and are not reported here.

Why
New register vocabularies and parser drift should surface early: every other rule reads these
values by their known spellings (RULES.md DRL036; the 2017 register's column values [S13]).

Known false positives
`Identifiable` and `Anonymised - ICO Code Compliant` as Type of data values are UNVERIFIED for that
field (kept in the vocabulary so they are not reported). Register values seen only off the seeds,
such as `Aggregated - Anonymised` (Categories on older pages) or `unknown` opt-out tokens on a sister
site, are reported; add them with `extra_values` if they are expected.

Options
`extra_values` (default `[]`): more accepted values, each written `<field>: <value>` with field one
of `type_of_data`, `sensitive`, `access_method`, `sublicensing`, `opt_outs`, `purposes`, e.g.
`"type_of_data: Aggregated - Anonymised"`. They are compared the way the field's own vocabulary is
(NORM for type of data, sensitive and access method; exactly for the others).
"""

from __future__ import annotations

import functools

from dreg_lint.model import FieldKey, OptOuts, OptOutStatus, Purposes
from dreg_lint.primitives import items, norm
from dreg_lint.rule import Example, Finding, Option, Rule
from dreg_lint.span import Span

#: field name -> (model field, label in messages, known values, compared with NORM)
VOCABULARY = {
    "type_of_data": (FieldKey.TYPE_OF_DATA, "Type of data",
                     ("information not disclosed for TRE projects", "Pseudonymised", "Identifiable",
                      "Anonymised - ICO Code Compliant"), True),
    "sensitive": (FieldKey.SENSITIVE, "Sensitive", ("Sensitive", "Non Sensitive"), True),
    "access_method": (FieldKey.ACCESS_METHOD, "Access method",
                      ("One-Off", "Ongoing", "Frequent Adhoc Flow", "System Access"), True),
    "sublicensing": (FieldKey.SUBLICENSING, "Sublicensing allowed", ("Yes", "No"), False),
    "opt_outs": (FieldKey.OPT_OUTS, "Opt outs honoured",
                 ("Y", "N", "Yes", "No", "Identifiable", "Anonymised - ICO Code Compliant", "Pseudonymised"),
                 False),
    "purposes": (FieldKey.PURPOSES, "Purposes flag", ("Yes", "No"), False),
}

_REASONED = ("Yes - ", "No - ")
_MAX_FLAG = 15  # longest single word still taken for a Purposes flag

_HEADER = "NHS Digital Data Release Register - reformatted\nNHS Example Trust projects\n"
_PROJECT = ("Clinic audit — DARS-NIC-20417-QW3RT\n"
            "Type of data: Pseudonymised\n"
            "Opt outs honoured: No - data flow is not identifiable\n"
            "Purposes: No (NHS Trust)\n"
            "Sensitive: Non Sensitive, and Sensitive\n"
            "Access method: One-Off, {access}\n"
            "Sublicensing allowed: No\n")

RULE = Rule(
    code="DRL036",
    name="unknown-enumerated-value",
    severity="warning",
    groups=("hygiene",),
    scope="project",
    doc=__doc__,
    bad=Example(_HEADER + _PROJECT.format(access="Carrier Pigeon"), expect=("8:25",)),
    good=Example(_HEADER + _PROJECT.format(access="Frequent adhoc flow")),
    options=(Option("extra_values", [],
                    "More accepted values, each `<field>: <value>` (field: type_of_data, sensitive, "
                    "access_method, sublicensing, opt_outs, purposes)."),),
)


@functools.lru_cache(maxsize=16)  # built once per configuration, not once per project
def _known(extra_values: tuple[str, ...]) -> dict[str, set[str]]:
    known = {name: {norm(v) if by_norm else v for v in values}
             for name, (_key, _label, values, by_norm) in VOCABULARY.items()}
    for entry in extra_values:
        name, colon, value = entry.partition(":")
        name = name.strip()
        if not colon or name not in VOCABULARY:
            raise ValueError(f"extra_values: {entry!r} is not `<field>: <value>` with field one of "
                             f"{', '.join(VOCABULARY)}")
        known[name].add(norm(value) if VOCABULARY[name][3] else value.strip())
    return known


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _message(name: str, value: str) -> str:
    _key, label, values, _by_norm = VOCABULARY[name]
    return f"unknown {label} value `{_short(value)}` (known: {', '.join(values)})"


def _is_known(name: str, value: str, known: dict[str, set[str]]) -> bool:
    return (norm(value) if VOCABULARY[name][3] else value) in known[name]


@RULE.checker
def check(project, context):
    known = _known(tuple(context.options["extra_values"]))
    for name in ("type_of_data", "sensitive", "access_method", "sublicensing"):
        values = items(project, VOCABULARY[name][0])
        if values is None:
            continue
        for item in values.nonempty:
            text = item.text
            if name == "sensitive" and text.lower().startswith("and "):
                text = text[4:].strip()
            if text and not _is_known(name, text, known):
                yield Finding(item.span, _message(name, text))
    opt_outs = project.value(FieldKey.OPT_OUTS)
    if isinstance(opt_outs, OptOuts):
        for token in opt_outs.tokens:
            if token.status is OptOutStatus.EMPTY or not token.text:
                continue
            if token.text.startswith(_REASONED) or _is_known("opt_outs", token.text, known):
                continue
            yield Finding(token.span, _message("opt_outs", token.text))
    purposes = project.value(FieldKey.PURPOSES)
    if isinstance(purposes, Purposes):
        for flag in purposes.flags:
            if flag.text and not _is_known("purposes", flag.text, known):
                yield Finding(flag.span, _message("purposes", flag.text))
        statement = purposes.statement
        if not purposes.flags and statement is not None:
            word = statement.text.split(",", 1)[0]
            stripped = word.strip()
            if (stripped and len(stripped) <= _MAX_FLAG and not any(c.isspace() for c in stripped)
                    and not _is_known("purposes", stripped, known)):
                lead = len(word) - len(word.lstrip())
                start = statement.span.start + lead
                column = statement.span.column + lead
                span = Span(statement.span.line, column, statement.span.line, column + len(stripped),
                            start, start + len(stripped))
                yield Finding(span, _message("purposes", stripped))
