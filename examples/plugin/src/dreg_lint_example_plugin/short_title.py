"""Project titles too short to say what an agreement is for.

What it checks
A project heading whose title has fewer words than the `minimum_words` option (default 3).
Placeholder titles such as `Project 2` are left to DRL028.

Why
Readers of the register find agreements by their titles; a one-word title hides the purpose.

Known false positives
Well-known study acronyms that stand for a long name.

Options
minimum_words: the fewest words a title may have.
"""

import re

from dreg_lint import Example, Finding, Option, Rule

_PLACEHOLDER = re.compile(r"Project \d+")

RULE = Rule(
    code="XMP001",
    name="short-project-title",
    severity="info",
    groups=("transparency",),
    scope="project",
    doc=__doc__,
    bad=Example("Audit — DARS-NIC-12345-ABCDE\nOpt outs honoured: Y\nObjectives:\nCounts of visits.\n",
                expect=("1:1",)),
    good=Example("Audit of hip operations — DARS-NIC-12345-ABCDE\nOpt outs honoured: Y\nObjectives:\nCounts.\n"),
    options=(Option("minimum_words", 3, "the fewest words a project title may have"),),
)


@RULE.checker
def check(project, context):
    title = project.title
    if title is None or _PLACEHOLDER.fullmatch(title):
        return
    if len(title.split()) < context.options["minimum_words"]:
        yield Finding(project.heading.title.span,
                      f"project title `{title}` is too short to say what agreement {project.reference} is for")
