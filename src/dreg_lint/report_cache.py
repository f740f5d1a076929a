"""The report cache: the last reports of whole runs, replayed when nothing they depend on changed.

A run that finds every page in the result cache still has to load every page's findings, run the
cross-page rules again and render the whole report, which for a large register is most of the
work a cached run does. So the result cache also keeps the finished report of a run, under a key
made of everything the report depends on:

- the result cache's salt (the effective configuration and the versions of dreg-lint and of every
  plugin), the command-line arguments that shape the report, the working directory, the colour
  decision and the output encoding;
- every linted file's path, size, modification and change times, inode and device (a page edited
  in place, touched or replaced changes them), and the same for a baseline file.

Only reports of the built-in formats are kept (a third-party reporter may print the time, say),
only for runs without errors, and never for standard input. The newest ``KEEP`` reports stay;
older ones are deleted. Entries are written atomically: the report first, then the record that
points at it, so a record always names a complete report.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
from typing import Any, BinaryIO, Iterable, TextIO

from dreg_lint.atomic import write_atomically
from dreg_lint.reporters import utf8_writer

KEEP = 8
_LAYOUT = "1"
_CHUNK = 1 << 20


def file_signature(path: str) -> list[Any]:
    try:
        info = os.stat(path)
    except OSError as error:
        return [path, "unreadable", error.errno]
    return [path, info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev]


class ReportCache:
    def __init__(self, directory: str, material: dict[str, Any], files: Iterable[str]) -> None:
        self.directory = os.path.join(directory, "reports")
        digest = hashlib.sha256()
        digest.update(json.dumps([_LAYOUT, material], sort_keys=True, default=str).encode("utf-8", "surrogatepass"))
        for path in files:
            digest.update(json.dumps(file_signature(path)).encode("utf-8", "surrogatepass"))
        self.key = digest.hexdigest()
        self._report: BinaryIO | None = None

    def _file(self, suffix: str) -> str:
        return os.path.join(self.directory, self.key + suffix)

    def lookup(self) -> dict[str, Any] | None:
        """The record of the run (its exit status and summary line), or None. The report is opened
        here, so that a run pruning it meanwhile cannot take it away from ``replay``."""
        try:
            with open(self._file(".json"), encoding="utf-8") as handle:
                record = json.load(handle)
            if not isinstance(record, dict) or not isinstance(record.get("status"), int):
                return None
            self._report = open(self._file(".report"), "rb")
            return record
        except (OSError, ValueError):
            return None

    def replay(self, stream: TextIO) -> None:
        assert self._report is not None, "replay() follows a lookup() that found the report"
        with self._report as handle:
            write_utf8 = getattr(stream, "write_utf8", None)  # see dreg_lint.reporters.Utf8Output
            if write_utf8 is not None:
                while chunk := handle.read(_CHUNK):
                    write_utf8(chunk)
                return
            text = io.TextIOWrapper(handle, encoding="utf-8", errors="surrogatepass", newline="")
            while chunk := text.read(_CHUNK):
                stream.write(chunk)

    def recording(self) -> "_Recording":
        return _Recording(self)

    def _prune(self) -> None:
        try:
            records = [entry for entry in os.scandir(self.directory) if entry.name.endswith(".json")]
            records.sort(key=lambda entry: entry.stat().st_mtime_ns, reverse=True)
            for entry in records[KEEP:]:
                for suffix in (".json", ".report"):
                    os.unlink(entry.path[: -len(".json")] + suffix)
        except OSError:
            pass  # another run pruned it first, or the directory went away: it does not matter


class _Recording:
    """A copy of the report as it is written (see ``tee``), kept as the run's entry by ``keep``."""

    def __init__(self, cache: ReportCache) -> None:
        self.cache = cache
        self.temporary: str | None = None
        self.copy: BinaryIO | None = None  # the report in UTF-8
        try:
            os.makedirs(cache.directory, exist_ok=True)
            handle, self.temporary = tempfile.mkstemp(dir=cache.directory, prefix=".tmp-", suffix=".part")
            self.copy = os.fdopen(handle, "wb")
        except OSError:
            self.temporary = None  # an unwritable cache: the run goes on without an entry

    def tee(self, stream: TextIO) -> TextIO:
        return stream if self.copy is None else _Tee(stream, self)

    def keep(self, status: int, summary: str | None) -> None:
        if self.copy is None or self.temporary is None:
            return
        try:
            self.copy.close()
            os.replace(self.temporary, self.cache._file(".report"))
            self.temporary = None
            write_atomically(self.cache._file(".json"), json.dumps({"status": status, "summary": summary}))
            self.cache._prune()
        except OSError:
            self.discard()

    def discard(self) -> None:
        """Forget the copy (the run failed or was interrupted)."""
        try:
            if self.copy is not None:
                self.copy.close()
            if self.temporary is not None:
                os.unlink(self.temporary)
        except OSError:
            pass
        self.copy = self.temporary = None


class _Tee:
    """Writes to the report's stream, and to the recording while it can (a full disk only loses
    the recording)."""

    def __init__(self, stream: TextIO, recording: _Recording) -> None:
        self.stream, self.recording = stream, recording

    def write(self, text: str) -> int:
        self._record(text.encode("utf-8", "surrogatepass"))
        return self.stream.write(text)

    def write_utf8(self, data: bytes) -> None:
        """As ``Utf8Output.write_utf8``, onto a stream that may take only text."""
        self._record(data)
        utf8_writer(self.stream)(data)

    def _record(self, data: bytes) -> None:
        if self.recording.copy is not None:
            try:
                self.recording.copy.write(data)
            except OSError:
                self.recording.discard()

    def flush(self) -> None:
        self.stream.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)
