"""Reading primitives the rule catalogue is defined over (RULES.md section 0).

SPLIT, TRAIL and GLUE are done by the parser (``ItemList``, ``OptOuts``, ``Purposes``); what is here
are the comparisons and classifications that several rules share.
"""

from __future__ import annotations

import re
from typing import Iterable

from dreg_lint.model import FieldKey, ItemList, OptOuts, OptOutStatus, OptOutToken, Project, Text

_DASHES = str.maketrans({"\u2013": "-", "\u2014": "-"})
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_NIC = re.compile(r"NIC-(\d+)-([A-Z0-9]{5})")
CANONICAL_REFERENCE = re.compile(r"DARS-NIC-\d{4,6}-[A-Z0-9]{5}(?:-v\d+(?:\.\d+)*)?")


def norm(text: str) -> str:
    """NORM: lower case, dashes folded, everything but letters and digits removed."""
    return _NOT_ALNUM.sub("", text.lower().translate(_DASHES))


def nic_key(reference: str | None) -> tuple[str, str] | None:
    """The NIC key of a reference: (digits without leading zeros, 5-character suffix)."""
    if not reference:
        return None
    match = _NIC.search(reference)
    if match is None:
        return None
    return (match.group(1).lstrip("0") or "0", match.group(2))


def opt_out_tokens(project: Project) -> list[OptOutToken]:
    """The opt-out tokens (after glue splitting); empty where the project has no opt-out field."""
    value = project.value(FieldKey.OPT_OUTS)
    return list(value.tokens) if isinstance(value, OptOuts) else []


def items(project: Project, key: FieldKey) -> ItemList | None:
    """The item list of a list field, or None where the field is absent."""
    value = project.value(key)
    return value if isinstance(value, ItemList) else None


def is_identifiable(project: Project) -> bool:
    """Identifiable (explicit): ``Identifiable`` in Type of data (or the older Categories/Format) or
    among the opt-out tokens."""
    type_of_data = items(project, FieldKey.TYPE_OF_DATA)
    if type_of_data is not None and any(item.text.lower() == "identifiable" for item in type_of_data.items):
        return True
    data_format = project.value(FieldKey.FORMAT)
    if isinstance(data_format, Text) and data_format.text.lower().startswith("identifiable"):
        return True
    return any(token.status is OptOutStatus.IDENTIFIABLE for token in opt_out_tokens(project))


def free_text(project: Project) -> Iterable[Text]:
    """The free text the catalogue's text rules search: section bodies and the Purposes statement."""
    return project.free_text()


def search_text(pattern: re.Pattern[str], lines: Iterable[Text]) -> Iterable[tuple[Text, re.Match[str]]]:
    """Every match of ``pattern`` in the lines, with the line it is on."""
    for line in lines:
        for match in pattern.finditer(line.text):
            yield line, match


def match_span(line: Text, match: re.Match[str], group: int = 0):
    """The span of a regular-expression match inside a line of text."""
    from dreg_lint.span import Span

    start = line.span.start + match.start(group)
    end = line.span.start + match.end(group)
    column = line.span.column + match.start(group)
    end_column = line.span.column + match.end(group)
    return Span(line.span.line, column, line.span.line, end_column, start, end)
