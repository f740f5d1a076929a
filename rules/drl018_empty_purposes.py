"""The `Purposes:` value is an empty pair of parentheses.

What it checks
The project's `Purposes:` value is `()` (an opening and a closing parenthesis with nothing but white
space between them, the pattern `^\\(\\s*\\)$`): neither the commercial-purpose flag nor the sector list
was published. The finding covers the `()`. A project without a `Purposes:` line is not reported
(older page layouts have none); a `Purposes:` line with no value at all is reported only with the
`include_blank` option.

Why
The Data Uses Register is meant to record whether an application is for a commercial purpose and
what kind of organisation applied [S14]; `()` publishes neither, so the reader cannot tell whether
the data was used commercially.

Known false positives
Legacy register rows (page generation G2, seed 000 projects 2-5 and seed 002) print `()` for every
project because the register of the time had no such field (INFERRED); the same projects usually
also trip DRL008, DRL009, DRL021, DRL022 and DRL028.

Options
`include_blank` (default false): also report a `Purposes:` line with nothing after the colon, which
the catalogue's definition does not cover.
"""

from __future__ import annotations

import re

from dreg_lint.model import FieldKey, Purposes
from dreg_lint.rule import Example, Finding, Option, Rule

EMPTY = re.compile(r"^\(\s*\)$")

RULE = Rule(
    code="DRL018",
    name="empty-purposes",
    severity="info",
    groups=("accountability", "transparency"),
    scope="project",
    doc=__doc__,
    bad=Example(
        "Project 4 — NIC-33017-BN6MQ\n"
        "Opt outs honoured: N\n"
        "Purposes: ()\n"
        "Sensitive: Sensitive\n"
        "Objectives:\n"
        "To follow up patients after hip replacement.\n",
        expect=("3:11",),
    ),
    good=Example(
        "Hip replacement follow-up — DARS-NIC-33017-BN6MQ\n"
        "Opt outs honoured: No - data flow is not identifiable\n"
        "Purposes: No (Clinical Commissioning Group (CCG))\n"
        "Sensitive: Sensitive\n"
        "Objectives:\n"
        "To follow up patients after hip replacement.\n",
    ),
    options=(
        Option("include_blank", False, "Also report a `Purposes:` line with no value at all."),
    ),
)


@RULE.checker
def check(project, context):
    field = project.field(FieldKey.PURPOSES)
    if field is None:
        return
    agreement = f"agreement {project.reference}" if project.reference else f"project {project.number}"
    value = field.raw.strip()
    if EMPTY.match(value):
        purposes = field.value
        span = purposes.sectors.span if isinstance(purposes, Purposes) and purposes.sectors else field.span
        yield Finding(span, f"`{field.label}:` is `{value}`: no commercial-purpose flag and no sector "
                            f"published for {agreement}")
    elif not value and context.options["include_blank"]:
        yield Finding(field.span, f"`{field.label}:` has no value: no commercial-purpose flag and no sector "
                                  f"published for {agreement}")
