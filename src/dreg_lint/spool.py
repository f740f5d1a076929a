"""The findings of a run, kept in a temporary file page by page and read back in report order.

A run over a whole register finds tens of thousands of problems, and the report lists them sorted
by path. Holding them all as objects until the end made memory grow with the number of files; the
spool keeps each page's findings as compact rows, pickled, in a temporary file (in memory until
it grows past a few megabytes) and an index of where each path's findings are, so memory holds
only the index, a counter per severity, and one page's findings at a time.
"""

from __future__ import annotations

import array
import os
import pickle
import struct
import tempfile
from collections import Counter
from typing import Any, BinaryIO, Callable, Iterable, Iterator

from dreg_lint.diagnostics import Diagnostic, Row, row_key_in_path, row_path, row_severity, to_row

# Bytes kept in memory before a spool moves to a file on disk: enough for a pre-commit run on a few
# pages, while a large run goes to disk early (the move copies what is in memory once more).
_IN_MEMORY = 1 << 20
# The file's buffer: a page's findings are a few kilobytes, and written one page at a time they were
# a system call each (a 50 MB run: 10,000 writes, four times as long as the same bytes written a
# megabyte at a time).
_WRITE_BUFFER = 1 << 20
# Bytes read at once where a read goes on from an earlier one, and how many such runs of reads are
# kept (``_AppendOnlyFile.read``).
_READ_AHEAD = 1 << 20
_KEPT_RUNS = 2

# Rows and facts are pickled: the spools are this run's own temporary files, read back by the same
# program, and pickle writes and reads lists of strings and numbers several times faster than
# JSON, and keeps any string as it is (a lone surrogate from undecodable bytes too).
_PICKLE = pickle.HIGHEST_PROTOCOL
_LENGTH = struct.Struct("<Q")


# A page's findings as the spool stores them: (path, chunk) per path, and counts per severity. A
# chunk is the rows, pickled a batch at a time, each batch after its length, and a length 0; then,
# where the findings were rendered for the report as they were encoded, the rendered texts
# separated by NULs (rendered JSON has no raw NUL).
EncodedFindings = tuple[list[tuple[str, bytes | bytearray]], dict[str, int]]
# How a report writes one diagnostic. A renderer may carry ``row``, the same text made from the
# diagnostic's row (``diagnostics.to_row``): the spool renders the rows the engine made with it.
Render = Callable[[Diagnostic], str]


def encode(diagnostics: Iterable[Diagnostic], render: Render | None = None) -> EncodedFindings:
    return encode_rows(list(map(to_row, diagnostics)), render)


def encode_rows(rows: list[Row], render: Render | None = None) -> EncodedFindings:
    """``encode`` of the diagnostics that ``rows`` stand for."""
    # Counted and grouped in C where it can be (every finding of a run passes here): a page's
    # findings are nearly always all on its own path.
    severities = dict(Counter(map(row_severity, rows)))
    render_row = _row_renderer(render)
    paths = set(map(row_path, rows))
    if len(paths) == 1:
        return [(paths.pop() or "", _chunk(rows, render_row))], severities
    by_path: dict[str, list[Row]] = {}
    for row in rows:
        by_path.setdefault(row_path(row) or "", []).append(row)
    return [(path, _chunk(page, render_row)) for path, page in by_path.items()], severities


def _row_renderer(render: Render | None) -> Callable[[Row], str] | None:
    """``render`` as it makes a diagnostic's text from the diagnostic's row."""
    if render is None:
        return None
    row_render = getattr(render, "row", None)
    if row_render is not None:
        return row_render
    return lambda row: render(Diagnostic.from_row(row))


def _chunk(rows: list[Row], render_row: Callable[[Row], str] | None) -> bytearray:
    """A page's findings as the spool keeps them: their rows, then (with ``render_row``) their
    rendered texts, NUL between them.

    Made a batch of findings at a time into one buffer: a hostile page can have hundreds of
    thousands of findings, and their rows, their texts and the joined whole would otherwise all be
    in memory at once.
    """
    data = bytearray()
    for start in range(0, len(rows), _ENCODE_BATCH):
        pickled = pickle.dumps(rows[start : start + _ENCODE_BATCH], _PICKLE)
        data += _LENGTH.pack(len(pickled))
        data += pickled
    data += _LENGTH.pack(0)
    if render_row is not None:
        for start in range(0, len(rows), _ENCODE_BATCH):
            if start:
                data += b"\0"
            data += b"\0".join(map(_utf8, map(render_row, rows[start : start + _ENCODE_BATCH])))
    return data


def _utf8(text: str) -> bytes:
    """A rendered text in UTF-8. Encoded one by one rather than joined first: one text with a
    character beyond Latin-1 (a dash, a 🚩) would make the joined batch two or four bytes a
    character, to be encoded character by character, where an ASCII text is encoded by a copy."""
    return text.encode("utf-8", "surrogatepass")


def _row_batches(data: bytes) -> tuple[list[tuple[int, int]], int]:
    """Where each pickled batch of rows of a chunk is (start, end), and where its rendered texts
    start: found from the lengths, without reading the rows."""
    batches: list[tuple[int, int]] = []
    at = 0
    while True:
        (length,) = _LENGTH.unpack_from(data, at)
        at += _LENGTH.size
        if not length:
            return batches, at
        batches.append((at, at + length))
        at += length


_ENCODE_BATCH = 1024
_PIECE = 256 * 1024  # bytes of rendered findings given back at a time


class _AppendOnlyFile:
    """A temporary file (in memory until it grows past ``_IN_MEMORY``) written only at its end.

    Appends go through a buffer and never seek; a read takes its bytes at their offset without
    moving the file (``os.pread``: one call, where seeking and reading through the buffered file
    were several).

    The spools are read back a page's findings or facts at a time, in nearly the order they were
    written, and a system call for each (20,000 on a 50 MB run) cost more than copying the bytes.
    So a read that goes on from the bytes of an earlier one (it starts among them or where they
    end) takes ``_READ_AHEAD`` bytes at once, and the reads after it are served from them while
    they fall inside. Two such runs are kept: the report reads a page's findings from one part of
    the file and the cross-page rules' findings about it from another, in turns. A read anywhere
    else takes only what it asks for. What was written is never changed, so bytes read ahead stay
    true however much is appended."""

    def __init__(self) -> None:
        self._memory: bytearray | None = bytearray()  # until it grows past _IN_MEMORY
        self._file: BinaryIO | None = None  # then a temporary file, written through its buffer
        self._unflushed = False  # bytes still in the file's buffer
        self.size = 0
        # The bytes of the last reads from the file, each with its offset, the latest first.
        self._kept_reads: list[tuple[int, bytes]] = []

    @property
    def on_disk(self) -> bool:
        return self._file is not None

    def append(self, data: bytes | bytearray) -> int:
        """Write ``data`` at the end; return the offset it starts at."""
        offset = self.size
        if self._file is None:
            self._memory += data
            if len(self._memory) > _IN_MEMORY:
                self._file = tempfile.TemporaryFile(buffering=_WRITE_BUFFER)
                self._file.write(self._memory)
                self._memory = None
                self._unflushed = True
        else:
            self._file.write(data)
            self._unflushed = True
        self.size += len(data)
        return offset

    def read(self, offset: int, length: int) -> bytes:
        """The ``length`` bytes at ``offset``."""
        if self._file is None:
            return bytes(self._memory[offset : offset + length])
        kept = self._kept_reads
        going_on = None  # the run this read goes on from
        for index, (at, data) in enumerate(kept):
            start = offset - at
            if 0 <= start and start + length <= len(data):
                if index:
                    kept.insert(0, kept.pop(index))  # the latest first
                return data[start : start + length]
            if 0 <= start <= len(data):  # it starts inside them or where they end
                going_on = index
        if self._unflushed:
            self._file.flush()
            self._unflushed = False
        size = length if going_on is None else max(length, min(_READ_AHEAD, self.size - offset))
        data = _read_at(self._file, offset, size)
        if going_on is not None:
            del kept[going_on]
        elif len(kept) == _KEPT_RUNS:
            del kept[-1]
        # A large read is not kept (a hostile page's findings can be hundreds of MB), only where
        # it ends, for the read that goes on from there.
        kept.insert(0, (offset, data) if size <= _READ_AHEAD else (offset + size, b""))
        return data[:length]


def _read_at(file: BinaryIO, offset: int, length: int) -> bytes:
    """The ``length`` bytes of ``file`` at ``offset``, leaving its position (its end) as it is."""
    if _PREAD is None:  # (Windows) the file's end is where the next append goes again
        end = file.tell()
        file.seek(offset)
        data = file.read(length)
        file.seek(end)
        return data
    data = _PREAD(file.fileno(), length, offset)
    while len(data) < length:  # a short read: a signal, say
        more = _PREAD(file.fileno(), length - len(data), offset + len(data))
        if not more:
            raise OSError(f"the spool file ends at {offset + len(data)}, before {offset + length}")
        data += more
    return data


_PREAD = getattr(os, "pread", None)


class DiagnosticSpool:
    """A re-iterable, sized collection of diagnostics that iterates in report order (by path, then
    ``Diagnostic.sort_key``), given each ``add`` in that order within a path.

    With ``render``, each finding is also kept as ``render`` made it (in the worker that linted its
    page, for the findings of pages), and ``rendered(render)`` gives these texts back in report
    order: a reporter then only writes them out, which shortens the part of a parallel run that
    the main process does alone."""

    def __init__(self, render: Render | None = None) -> None:
        self._file = _AppendOnlyFile()
        self._chunks: dict[str, list[tuple[int, int]]] = {}  # path -> (offset, length) of chunks
        self.severities: Counter[str] = Counter()
        self._count = 0
        self.render = render

    def add(self, diagnostics: Iterable[Diagnostic]) -> None:
        """Keep ``diagnostics`` (sorted, as a page's or the cross-page rules' findings are)."""
        self.add_encoded(encode(diagnostics, self.render))

    def add_rows(self, rows: list[Row]) -> None:
        """``add`` the diagnostics that ``rows`` (``diagnostics.to_row``) stand for."""
        self.add_encoded(encode_rows(rows, self.render))

    def add_encoded(self, page: "EncodedFindings") -> None:
        """Keep findings encoded by ``encode`` with this spool's ``render`` (in a worker process, so
        that the main process, which every result passes through, only copies bytes)."""
        chunks, severities = page
        # Written at once: a batch of the cross-page rules' findings has a chunk for each of a
        # hundred paths or so, and each write is a few calls in Python (a page's one chunk, which
        # a hostile page can make large, is written as it is rather than copied).
        offset = self._file.append(chunks[0][1] if len(chunks) == 1 else b"".join(data for _, data in chunks))
        for path, data in chunks:
            self._chunks.setdefault(path, []).append((offset, len(data)))
            offset += len(data)
        for severity, count in severities.items():
            self.severities[severity] += count
            self._count += count

    def _load(self, offset: int, length: int) -> tuple[list[tuple[Any, ...]], bytes]:
        """The rows of the chunk at ``offset`` and its rendered texts."""
        data = self._file.read(offset, length)
        batches, texts = _row_batches(data)
        view = memoryview(data)
        return [row for start, end in batches for row in pickle.loads(view[start:end])], data[texts:]

    def _read(self, offset: int, length: int) -> list[Diagnostic]:
        return [Diagnostic.from_row(row) for row in self._load(offset, length)[0]]

    def __iter__(self) -> Iterator[Diagnostic]:
        for path in sorted(self._chunks):
            chunks = self._chunks[path]
            if len(chunks) == 1:
                yield from self._read(*chunks[0])
                continue
            # A stable sort of the runs one after another merges them (as timsort finds the runs),
            # the earlier run first where keys tie.
            merged = [d for offset, length in chunks for d in self._read(offset, length)]
            merged.sort(key=Diagnostic.sort_key)
            yield from merged

    def rendered(self, render: Render) -> Iterator[bytes] | None:
        """The findings as ``render`` made them, in report order, a batch at a time: each item is
        the texts of some findings, encoded in UTF-8 and joined by NULs (which rendered JSON never
        contains), so a reporter can put its separators in with one ``bytes.replace`` and write
        the bytes as they are. None unless this spool's ``render`` is ``render``."""
        if render is not self.render:
            return None
        return self._rendered()

    def _rendered(self) -> Iterator[bytes]:
        for path in sorted(self._chunks):
            chunks = self._chunks[path]
            if len(chunks) == 1:  # in order already: only its texts are needed
                offset, length = chunks[0]
                data = self._file.read(offset, length)
                # Given back a piece at a time, each cut at a NUL (which no UTF-8 sequence holds):
                # a hostile page can have hundreds of thousands of findings, and the reporter
                # copies each piece as it puts its separators in.
                start = _row_batches(data)[1]
                while start < len(data):
                    end = data.find(b"\0", start + _PIECE)
                    end = len(data) if end < 0 else end
                    yield data[start:end]
                    start = end + 1
                continue
            keys: list[tuple[Any, ...]] = []
            texts: list[bytes] = []
            for offset, length in chunks:
                rows, blob = self._load(offset, length)
                keys += map(row_key_in_path, rows)  # all of one path
                texts += blob.split(b"\0")
            # A stable sort of the runs one after another merges them, the earlier first on ties.
            order = sorted(range(len(keys)), key=keys.__getitem__)
            for start in range(0, len(order), _ENCODE_BATCH):
                yield b"\0".join(map(texts.__getitem__, order[start : start + _ENCODE_BATCH]))

    def __len__(self) -> int:
        return self._count


# A page's facts as the facts spool stores them: (rule code, the facts pickled) per rule.
EncodedFacts = list[tuple[str, bytes]]


def encode_facts(facts: dict[str, Any]) -> EncodedFacts:
    # The facts are JSON-shaped (the engine sees to it), and pickle gives them back exactly so.
    return [(code, pickle.dumps(fact, _PICKLE)) for code, fact in facts.items()]


class FactsSpool:
    """The cross-page rules' facts of every page of a run, in a temporary file, one record per page
    and rule: they were the part of a run's memory that grew with its pages. ``for_rule`` gives a
    rule's facts back, page by page, as often as it iterates them. What stays in memory is where
    each rule's records are: two machine integers a page."""

    def __init__(self) -> None:
        self._file = _AppendOnlyFile()
        self._where: dict[str, array.array[int]] = {}  # rule code -> offset, length of each record

    def add(self, facts: EncodedFacts) -> None:
        for code, data in facts:
            where = self._where.get(code)
            if where is None:
                where = self._where[code] = array.array("q")
            where.extend((self._file.append(data), len(data)))

    def for_rule(self, code: str) -> "RuleFacts":
        return RuleFacts(self, code)

    def _records(self, code: str) -> Iterator[Any]:
        where = self._where.get(code, ())
        for at in range(0, len(where), 2):
            # Read at an offset each time: two iterations may be under way at once.
            yield pickle.loads(self._file.read(where[at], where[at + 1]))

    def _count(self, code: str) -> int:
        return len(self._where.get(code, ())) // 2


class RuleFacts:
    """One rule's facts, one item per page on which it collected some, read from the spool on
    each iteration."""

    def __init__(self, spool: FactsSpool, code: str) -> None:
        self._spool, self._code = spool, code

    def __iter__(self) -> Iterator[Any]:
        return self._spool._records(self._code)

    def __len__(self) -> int:
        return self._spool._count(self._code)
