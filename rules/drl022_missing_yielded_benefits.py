"""No benefits yielded by the project are published.

What it checks
The project has no `Yielded Benefits:` section, or the section has no non-blank line (the heading is
followed directly by the next heading). An empty section is reported at its heading; a missing one at
the project heading. The message says which of the two it is.

Why
Expected benefits are promises made when the data was requested; yielded benefits are the evidence
that the released data actually produced a public benefit. A project that has received data but
reports nothing yielded gives the public no way to weigh the benefit against the use of their data.

Known false positives
New agreements may not have yielded benefits yet; older page layouts (G0, G2 rows) have no such
heading at all; benefit text is sometimes filed under Expected Benefits instead (seed 002:58 "The
provision of the ASH data has benefited the CCG by …"). RULES.md's breakdown separates declared-empty
sections (seed 000:49, 003:107) from absent ones for anyone wanting only the former; see
`only_empty`.

Options
`only_empty` (default false): report only a `Yielded Benefits:` heading with nothing under it, not
projects that have no such section at all.
"""

from __future__ import annotations

from dreg_lint.model import SectionKey
from dreg_lint.primitives import project_anchor
from dreg_lint.rule import Example, Finding, Option, Rule

RULE = Rule(
    code="DRL022",
    name="missing-yielded-benefits",
    severity="info",
    groups=("accountability", "transparency"),
    scope="project",
    doc=__doc__,
    bad=Example(
        "Waiting list review — DARS-NIC-52290-YB3EN\n"
        "Opt outs honoured: No - data flow is not identifiable\n"
        "Objectives:\n"
        "To review waiting lists for planned surgery.\n"
        "Yielded Benefits:\n"
        "Expected Benefits:\n"
        "Shorter waits for planned surgery.\n",
        expect=("5:1",),
    ),
    good=Example(
        "Waiting list review — DARS-NIC-52290-YB3EN\n"
        "Opt outs honoured: No - data flow is not identifiable\n"
        "Objectives:\n"
        "To review waiting lists for planned surgery.\n"
        "Yielded Benefits:\n"
        "Theatre lists were rebalanced between two hospitals.\n"
        "Expected Benefits:\n"
        "Shorter waits for planned surgery.\n",
    ),
    options=(
        Option("only_empty", False,
               "Report only an empty `Yielded Benefits:` section, not a project without one."),
    ),
)


def _has_text(section) -> bool:
    return any(line.text.strip() for line in section.lines) or bool(section.items)


@RULE.checker
def check(project, context):
    agreement = f"agreement {project.reference}" if project.reference else f"project {project.number}"
    sections = [section for section in project.sections if section.key is SectionKey.YIELDED_BENEFITS]
    if not sections:
        if not context.options["only_empty"]:
            yield Finding(project_anchor(project),
                          f"no `Yielded Benefits:` section: {agreement} publishes no benefits achieved")
        return
    if any(_has_text(section) for section in sections):
        return
    section = sections[0]
    if section.heading is not None:
        label = section.label or "Yielded Benefits"
        yield Finding(section.heading, f"`{label}:` section is empty: {agreement} publishes no benefits "
                                       f"achieved")
    else:
        yield Finding(project_anchor(project), f"the yielded benefits section is empty: {agreement} publishes "
                                               f"no benefits achieved")
