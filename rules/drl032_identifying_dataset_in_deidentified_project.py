"""A demographic or ID-bridge dataset in a project not declared identifiable.

What it checks
For a project that is not Identifiable (explicit), that is with no `Identifiable` item in Type of
data (or the older Categories/Format) and no `Identifiable` opt-out token, each Datasets item is
searched case-insensitively for `personal demographic`, `HES-ID to MPS-ID` or the word `bridge`.
Each match is reported at the matched words of the dataset line.

Why
Demographic extracts (the Personal Demographics Service, PDS) and ID-bridge files are linkage keys:
they exist to connect records to people. Pseudonymised data is still personal data [S30], so such
datasets in a flow declared "not identifiable" (`No - data flow is not identifiable`,
`Anonymised - ICO Code Compliant`) deserve a reviewer's look (RULES.md DRL032). Projects that are
explicitly identifiable are not reported here; DRL010 governs their legal gateway.

Known false positives
The DSCRO may state that PDS data is pseudonymised before it flows on (001:842-844 "Pseudonymised
... Personal Demographics Service (PDS) ... data only"); bridge files may carry only pseudonyms.

Options
None.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from dreg_lint.model import DatasetItems, SectionKey
from dreg_lint.primitives import holding_folded, is_identifiable
from dreg_lint.rule import Example, Finding, Rule
from dreg_lint.span import Span

_IDENTIFYING = re.compile(r"personal demographic|HES-ID to MPS-ID|\bbridge\b", re.IGNORECASE)
#: What every match holds, in some case: looked for in all of a project's datasets at once, a
#: substring search that spares the items with none of them the pattern.
_NEEDLES = ("personal demographic", "hes-id to mps-id", "bridge")

_HEADER = "NHS Digital Data Release Register - reformatted\nNHS Example Csu projects\n"
_PROJECT = ("Commissioning analytics — DARS-NIC-20417-QW3RT\n"
            "Type of data: Pseudonymised\n"
            "Opt outs honoured: No - data flow is not identifiable\n"
            "Datasets:\n"
            "- Hospital Episode Statistics Admitted Patient Care\n"
            "- {dataset}\n"
            "Objectives:\n"
            "To plan services.\n")

RULE = Rule(
    code="DRL032",
    name="identifying-dataset-in-deidentified-project",
    severity="info",
    groups=("privacy",),
    scope="project",
    doc=__doc__,
    bad=Example(_HEADER + _PROJECT.format(dataset="Personal Demographics Service"), expect=("8:3",)),
    good=Example(_HEADER + _PROJECT.format(dataset="Mental Health Services Data Set")),
)


def _as_written(span, source) -> bool:
    """Whether an item is searched as its line is written in the page (one line, the page at hand),
    so that a match has a span of its own; else its text is searched and a match is the item's."""
    return source is not None and span.line == span.end_line


def _searched(items, source) -> Sequence[str]:
    """What is searched of each item: its line as written where it can be (see ``_as_written``)."""
    if source is not None and isinstance(items, DatasetItems):
        return items.lines  # each a whole line, the page's (items are read only where they match)
    return [source[item.span.start:item.span.end] if _as_written(item.span, source) else item.text
            for item in items]


@RULE.checker
def check(project, context):
    if is_identifiable(project):
        return
    source = context.document.source if context.document is not None else None
    lists = [section.items for section in project.sections if section.key is SectionKey.DATASETS]
    items = lists[0] if len(lists) == 1 else project.datasets
    texts = _searched(items, source)
    for index in holding_folded(texts, _NEEDLES):
        item, text = items[index], texts[index]
        span = item.span
        for match in _IDENTIFYING.finditer(text):
            if _as_written(span, source):
                where = Span(span.line, span.column + match.start(), span.line, span.column + match.end(),
                             span.start + match.start(), span.start + match.end())
            else:
                where = span
            name = item.text if len(item.text) <= 80 else item.text[:77] + "..."
            yield Finding(where, f"identifying dataset `{name}` (`{match.group(0)}`) in a project not "
                                 f"declared Identifiable")
