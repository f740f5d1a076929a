"""One field of a project says both yes and no.

What it checks
Three contradictions, each reported on the field that holds it: `Sublicensing allowed:` has both a
`Yes` and a `No` item; `Sensitive:` has both a `Sensitive` and a `Non Sensitive`/`Non-Sensitive`
item (compared after folding case and punctuation, with the `and` of `, and ` dropped); the flags
before the statement and sector list of `Purposes:` hold both `Yes` and `No`. The finding covers the
conflicting items of the field and names them.

Why
One agreement cannot both permit and forbid sub-licensing (onward sharing is a register field
[S14]), nor be both for a commercial purpose and not. The page aggregates all versions and files of
an agreement, so a contradiction means the conditions changed over time or differ per dataset, and
the reader cannot tell which applies to which data.

Known false positives
`Sensitive, and Non-Sensitive` is normal where some datasets of the agreement are sensitive and
others are not [S4]; the classification criteria themselves are UNVERIFIED. The `sensitive_severity`
option lowers that case to info or turns it off. `No, Yes` for sub-licensing may mean that only one
version or dataset permits it (seed 001:17).

Options
`sensitive_severity` (default `"warning"`): the severity of the Sensitive contradiction: `"warning"`
(the catalogue's behaviour), `"info"`, or `"off"` to not report it at all. The sub-licensing and
Purposes contradictions keep the rule's severity.
"""

from __future__ import annotations

import re

from dreg_lint.diagnostics import Severity
from dreg_lint.model import FieldKey, ItemList, ListItem, Purposes
from dreg_lint.primitives import norm
from dreg_lint.rule import Example, Finding, Option, Rule
from dreg_lint.span import Span

SENSITIVE_CHOICES = ("warning", "info", "off")
_AND = re.compile(r"^and\s+", re.IGNORECASE)

RULE = Rule(
    code="DRL015",
    name="contradictory-field-values",
    severity="warning",
    groups=("hygiene",),
    scope="project",
    doc=__doc__,
    bad=Example(
        "Benchmarking service — DARS-NIC-60321-PL8MN\n"
        "Opt outs honoured: No - data flow is not identifiable\n"
        "Sensitive: Non Sensitive, and Sensitive\n"
        "Access method: One-Off\n"
        "Sublicensing allowed: No, Yes\n"
        "Objectives:\n"
        "To benchmark hospital activity between areas.\n",
        expect=("3:12", "5:23"),
    ),
    good=Example(
        "Benchmarking service — DARS-NIC-60321-PL8MN\n"
        "Opt outs honoured: No - data flow is not identifiable\n"
        "Sensitive: Non Sensitive, and Non-Sensitive\n"
        "Access method: One-Off\n"
        "Sublicensing allowed: No\n"
        "Objectives:\n"
        "To benchmark hospital activity between areas.\n",
    ),
    options=(
        Option("sensitive_severity", "warning",
               "Severity of the Sensitive/Non Sensitive contradiction: 'warning', 'info' or 'off'."),
    ),
)


def _cover(items: list[ListItem]) -> Span:
    first = min(items, key=lambda item: item.span.start)
    last = max(items, key=lambda item: item.span.end)
    return Span(first.span.line, first.span.column, last.span.end_line, last.span.end_column,
                first.span.start, last.span.end)


def _yes_no(items) -> tuple[list[ListItem], list[ListItem]]:
    yes = [item for item in items if item.text.strip().lower() == "yes"]
    no = [item for item in items if item.text.strip().lower() == "no"]
    return yes, no


@RULE.checker
def check(project, context):
    choice = context.options["sensitive_severity"]
    if choice not in SENSITIVE_CHOICES:
        raise ValueError(f"option sensitive_severity must be one of {', '.join(SENSITIVE_CHOICES)}, "
                         f"not {choice!r}")
    agreement = f"agreement {project.reference}" if project.reference else f"project {project.number}"
    findings = []

    field = project.field(FieldKey.SENSITIVE)
    if choice != "off" and field is not None and isinstance(field.value, ItemList):
        keyed = [(norm(_AND.sub("", item.text)), item) for item in field.value.nonempty]
        sensitive = [item for key, item in keyed if key == "sensitive"]
        non = [item for key, item in keyed if key == "nonsensitive"]
        if sensitive and non:
            findings.append(Finding(
                _cover(sensitive + non),
                f"`{field.label}:` says both `{non[0].text}` and `{sensitive[0].text}` for {agreement}",
                severity=Severity.INFO if choice == "info" else None))

    field = project.field(FieldKey.SUBLICENSING)
    if field is not None and isinstance(field.value, ItemList):
        yes, no = _yes_no(field.value.nonempty)
        if yes and no:
            findings.append(Finding(
                _cover(yes + no),
                f"`{field.label}:` both forbids (`{no[0].text}`) and permits (`{yes[0].text}`) onward "
                f"sharing for {agreement}"))

    field = project.field(FieldKey.PURPOSES)
    if field is not None and isinstance(field.value, Purposes):
        yes, no = _yes_no(field.value.flags)
        if yes and no:
            findings.append(Finding(
                _cover(yes + no),
                f"`{field.label}:` marks {agreement} both as not commercial (`{no[0].text}`) and as "
                f"commercial (`{yes[0].text}`)"))

    yield from sorted(findings, key=lambda finding: finding.span.start)
