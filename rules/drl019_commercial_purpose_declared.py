"""The `Purposes:` flag says `Yes`: a commercial purpose is declared.

What it checks
Among the flags at the start of the project's `Purposes:` value (the comma-separated items before
any statement and before the trailing parenthesised sector list), one is `Yes`. The finding covers
that flag and names the sectors given in the parenthesis, if any.

Why
The Data Uses Register records whether an application is for a commercial purpose [S14]; that this
flag is that field is INFERRED (NHS commissioning uses read `No`; `Yes` appears on a CSU statement
about its customers, seed 001:12, and on `Yes (Charity)` for Our Future Health [S5]). Commercial
use of NHS patient data is medConfidential's core concern [S10], so every declared one is surfaced.

Known false positives
NHS bodies selling analytical services to other NHS bodies (seed 001:12 describes a CSU's
"customers" and "funders") are flagged as commercial too. The mapping of the flag to the commercial
purpose field is INFERRED, not stated by any source.

Options
None.
"""

from __future__ import annotations

from dreg_lint.model import FieldKey, Purposes
from dreg_lint.rule import Example, Finding, Rule

RULE = Rule(
    code="DRL019",
    name="commercial-purpose-declared",
    severity="info",
    groups=("accountability", "transparency"),
    scope="project",
    doc=__doc__,
    bad=Example(
        "Analytics for partners — DARS-NIC-88210-CM2XE\n"
        "Opt outs honoured: No - data flow is not identifiable\n"
        "Purposes: Yes, The unit sells benchmarking reports to health bodies. (Commissioning Support Unit (CSU))\n"
        "Sensitive: Non-Sensitive\n"
        "Objectives:\n"
        "To produce benchmarking reports.\n",
        expect=("3:11",),
    ),
    good=Example(
        "Analytics for partners — DARS-NIC-88210-CM2XE\n"
        "Opt outs honoured: No - data flow is not identifiable\n"
        "Purposes: No (Commissioning Support Unit (CSU))\n"
        "Sensitive: Non-Sensitive\n"
        "Objectives:\n"
        "To produce benchmarking reports.\n",
    ),
)


@RULE.checker
def check(project, context):
    field = project.field(FieldKey.PURPOSES)
    if field is None or not isinstance(field.value, Purposes):
        return
    purposes = field.value
    agreement = f"agreement {project.reference}" if project.reference else f"project {project.number}"
    sectors = [item.text for item in purposes.sectors.nonempty] if purposes.sectors is not None else []
    for flag in purposes.flags:
        if flag.text.strip().lower() == "yes":
            where = f" (sectors: {', '.join(f'`{s}`' for s in sectors)})" if sectors else ""
            yield Finding(flag.span, f"`{field.label}:` flag `{flag.text}` declares a commercial purpose for "
                                     f"{agreement}{where}")
            return
