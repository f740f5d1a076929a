"""Diagnostics: what the linter reports, with the fields of the JSON output."""

from __future__ import annotations

import enum
import hashlib
import operator
import re
from typing import Any

import attrs


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is more severe."""
        return {"info": 0, "warning": 1, "error": 2}[self.value]

    @classmethod
    def parse(cls, value: "str | Severity") -> "Severity":
        return _PARSED[value]


class _Parsed(dict):
    """Severities by themselves and by their values, and any other spelling parsed when looked up.

    Every diagnostic's severity passes here (as it is made, and read back from the spool or the
    cache): a dictionary lookup runs in C, where calling the enum class, or any Python function,
    costs more than the rest of making the diagnostic. (A severity does not hash as its value.)
    """

    def __missing__(self, value: object) -> Severity:
        return Severity(str(value).lower())


_PARSED = _Parsed({**{severity: severity for severity in Severity},
                   **{severity.value: severity for severity in Severity}})


def fingerprint(path: str | None, code: str, reference: str | None, flagged: str) -> str:
    """A key for a finding that survives lines being inserted or removed elsewhere on the page.

    It is made of the path, the code, the project reference and the flagged text with its white
    space folded, never of line numbers.
    """
    if len(flagged) <= _LONG:
        if _single_spaced(flagged):
            normalised = flagged  # as it is folded: most flagged texts are
        else:
            normalised = " ".join(flagged.split())  # str.split() splits where ``\s`` matches
        key = "\x1f".join([path or "", code, reference or "", normalised])
        return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    # The same key, hashed a word at a time: folding the white space of a long text in one go
    # (a hostile value of millions of words) makes a piece per word, hundreds of MB.
    digest = hashlib.sha256("\x1f".join([path or "", code, reference or "", ""]).encode("utf-8", "surrogatepass"))
    separator = b""
    for word in _WORD.finditer(flagged):
        digest.update(separator)
        digest.update(word.group().encode("utf-8", "surrogatepass"))
        separator = b" "
    return digest.hexdigest()[:32]


def _single_spaced(text: str) -> bool:
    """Whether ``text``'s only white space is single ASCII spaces between words. A printable text's
    only white space is ASCII spaces (every other space and line break is not printable), and these
    checks run in C, several times faster than splitting the text into words."""
    return text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " "


_WORD = re.compile(r"\S+")
_LONG = 4096


@attrs.frozen(slots=True, order=False)
class Diagnostic:
    """One finding. Field names and meanings are those of the JSON output (see CLI.md)."""

    code: str
    name: str
    severity: Severity = attrs.field(converter=_PARSED.__getitem__)
    message: str
    path: str | None
    line: int
    column: int
    end_line: int
    end_column: int
    project: str | None = None
    project_line: int | None = None
    fingerprint: str = ""

    def sort_key(self) -> tuple[Any, ...]:
        """The report's order: by path, then ``SORT_IN_PATH``."""
        return (self.path or "", *key_in_path(self))

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "project": self.project,
            "project_line": self.project_line,
            "fingerprint": self.fingerprint,
        }

    @classmethod
    def from_row(cls, row: tuple[Any, ...]) -> "Diagnostic":
        """The diagnostic ``to_row`` made ``row`` of."""
        return cls(*row)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Diagnostic":
        return cls(**{field.name: data.get(field.name) for field in attrs.fields(cls)})


#: The fields that order the diagnostics of one path (``Diagnostic.sort_key``).
SORT_IN_PATH = ("line", "column", "code", "end_line", "end_column", "message")
#: ``Diagnostic.sort_key`` without the path, for diagnostics all of one path (``attrgetter`` makes
#: it without a Python-level call, for every finding of a run).
key_in_path = operator.attrgetter(*SORT_IN_PATH)

#: The names of a diagnostic's fields, in order (those of its JSON object, ``Diagnostic.to_json``).
FIELDS = tuple(field.name for field in attrs.fields(Diagnostic))
#: A diagnostic's fields in order, as a tuple: the compact form the spool keeps
#: (``Diagnostic.from_row`` makes the diagnostic again). The severity is kept as its value, a plain
#: string, which the field's converter parses back: pickle writes an enum member as a call of its
#: class, found by name, and reading it back calls the enum class, both in Python, for each
#: severity of each chunk of a page's rows.
to_row = operator.attrgetter(*(f"{name}._value_" if name == "severity" else name for name in FIELDS))
#: A diagnostic's row (``to_row``): the engine makes its findings as rows, and a run's rows become
#: diagnostics only where something reads them as such (``Diagnostic.from_row``).
Row = tuple[Any, ...]
#: ``key_in_path`` of the diagnostic a row (``to_row``) stands for.
row_key_in_path = operator.itemgetter(*(FIELDS.index(name) for name in SORT_IN_PATH))
#: A row's severity (its value, a string), its path and its project's reference.
row_severity, row_path, row_project = map(operator.itemgetter, map(FIELDS.index, ("severity", "path", "project")))


def row_sort_key(row: Row) -> tuple[Any, ...]:
    """``Diagnostic.sort_key`` of the diagnostic ``row`` stands for."""
    return (row_path(row) or "", *row_key_in_path(row))


def severity_value(severity: "Severity | str") -> str:
    """The value of a severity given as a member or as any spelling ``Severity.parse`` takes."""
    # A member's value is read directly: looking a member up in a dictionary hashes it through
    # Enum.__hash__, a Python call.
    return severity._value_ if severity.__class__ is Severity else _PARSED[severity]._value_
