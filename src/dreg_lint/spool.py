"""The findings of a run, kept in a temporary file page by page and read back in report order.

A run over a whole register finds tens of thousands of problems, and the report lists them sorted
by path. Holding them all as objects until the end made memory grow with the number of files; the
spool keeps each page's findings as a compact JSON row list in a temporary file (in memory until
it grows past a few megabytes) and an index of where each path's findings are, so memory holds
only the index, a counter per severity, and one page's findings at a time.
"""

from __future__ import annotations

import heapq
import json
import struct
import tempfile
from collections import Counter
from typing import Any, Iterable, Iterator

from dreg_lint.diagnostics import Diagnostic

# Bytes kept in memory before a spool moves to a file on disk: enough for a pre-commit run on a few
# pages, while a large run goes to disk early (the move copies what is in memory once more).
_IN_MEMORY = 1 << 20


# A page's findings as the spool stores them: (path, JSON rows) per path, and counts per severity.
EncodedFindings = tuple[list[tuple[str, bytes]], dict[str, int]]


def encode(diagnostics: Iterable[Diagnostic]) -> EncodedFindings:
    by_path: dict[str, list[list]] = {}
    severities: dict[str, int] = {}
    for d in diagnostics:
        by_path.setdefault(d.path or "", []).append(d.to_row())
        severities[d.severity.value] = severities.get(d.severity.value, 0) + 1
    # ASCII JSON: lone surrogates (from undecodable bytes) survive the round trip as escapes.
    return [(path, json.dumps(rows).encode("ascii")) for path, rows in by_path.items()], severities


class DiagnosticSpool:
    """A re-iterable, sized collection of diagnostics that iterates in report order (by path, then
    ``Diagnostic.sort_key``), given each ``add`` in that order within a path."""

    def __init__(self) -> None:
        self._file = tempfile.SpooledTemporaryFile(max_size=_IN_MEMORY)
        self._chunks: dict[str, list[tuple[int, int]]] = {}  # path -> (offset, length) of row lists
        self.severities: Counter[str] = Counter()
        self._count = 0

    def add(self, diagnostics: Iterable[Diagnostic]) -> None:
        """Keep ``diagnostics`` (sorted, as a page's or the cross-page rules' findings are)."""
        self.add_encoded(encode(diagnostics))

    def add_encoded(self, page: "EncodedFindings") -> None:
        """Keep findings encoded by ``encode`` (in a worker process, so that the main process,
        which every result passes through, only copies bytes)."""
        chunks, severities = page
        for path, data in chunks:
            offset = self._file.seek(0, 2)
            self._file.write(data)
            self._chunks.setdefault(path, []).append((offset, len(data)))
        for severity, count in severities.items():
            self.severities[severity] += count
            self._count += count

    def _read(self, offset: int, length: int) -> list[Diagnostic]:
        self._file.seek(offset)
        return [Diagnostic.from_row(row) for row in json.loads(self._file.read(length))]

    def __iter__(self) -> Iterator[Diagnostic]:
        for path in sorted(self._chunks):
            runs = [self._read(offset, length) for offset, length in self._chunks[path]]
            if len(runs) == 1:
                yield from runs[0]
            else:
                yield from heapq.merge(*runs, key=Diagnostic.sort_key)

    def __len__(self) -> int:
        return self._count


# A page's facts as the facts spool stores them: (rule code, the facts as ASCII JSON) per rule.
EncodedFacts = list[tuple[str, bytes]]
_RECORD = struct.Struct("<II")  # lengths of the code and of the facts


def encode_facts(facts: dict[str, Any]) -> EncodedFacts:
    # ASCII JSON, as for findings: lone surrogates survive as escapes. The facts are already what
    # JSON gives back (the engine round-trips them), so decoding gives them back exactly.
    return [(code, json.dumps(fact, separators=(",", ":")).encode("ascii")) for code, fact in facts.items()]


class FactsSpool:
    """The cross-page rules' facts of every page of a run, in a temporary file, one record per page
    and rule: they were the part of a run's memory that grew with its pages. ``for_rule`` gives a
    rule's facts back, page by page, as often as it iterates them."""

    def __init__(self) -> None:
        self._file = tempfile.SpooledTemporaryFile(max_size=_IN_MEMORY)
        self._pages: Counter[str] = Counter()

    def add(self, facts: EncodedFacts) -> None:
        for code, data in facts:
            name = code.encode("utf-8")
            self._file.seek(0, 2)
            self._file.write(_RECORD.pack(len(name), len(data)) + name + data)
            self._pages[code] += 1

    def for_rule(self, code: str) -> "RuleFacts":
        return RuleFacts(self, code)

    def _records(self, code: str) -> Iterator[Any]:
        wanted = code.encode("utf-8")
        position = 0
        end = self._file.seek(0, 2)
        while position < end:
            # Seek each time: two iterations may be under way at once.
            self._file.seek(position)
            name_length, length = _RECORD.unpack(self._file.read(_RECORD.size))
            name = self._file.read(name_length)
            position += _RECORD.size + name_length + length
            if name == wanted:
                yield json.loads(self._file.read(length))


class RuleFacts:
    """One rule's facts, one item per page on which it collected some, read from the spool on
    each iteration."""

    def __init__(self, spool: FactsSpool, code: str) -> None:
        self._spool, self._code = spool, code

    def __iter__(self) -> Iterator[Any]:
        return self._spool._records(self._code)

    def __len__(self) -> int:
        return self._spool._pages[self._code]
