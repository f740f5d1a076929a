"""Linting many files: in this process or in worker processes, through the result cache.

Output does not depend on how the work was split: results are gathered in discovery order and the
findings come out of the spool sorted the same way.
"""

from __future__ import annotations

import itertools
import os
import signal
import stat
from typing import TYPE_CHECKING, Iterable, Iterator

import attrs

if TYPE_CHECKING:
    from collections import deque
    from concurrent.futures import Future, ProcessPoolExecutor

from dreg_lint.atomic import hold_while_writing
from dreg_lint.cache import ResultCache
from dreg_lint.engine import Linter, PageResult
from dreg_lint.settings import Settings
from dreg_lint.spool import DiagnosticSpool, EncodedFacts, EncodedFindings, FactsSpool, Render, encode_facts, encode_rows


@attrs.define
class RunResult:
    diagnostics: DiagnosticSpool  # in report order
    errors: list[str]  # one line each, for standard error; any makes the exit status 2
    files: list[str]


@attrs.define
class Job:
    """Everything a worker needs: picklable."""

    settings: Settings
    cache_directory: str | None
    cache_salt: str


def lint_one(linter: Linter, job: Job, cache: ResultCache | None, path: str,
             data: bytes | None = None) -> PageResult | str:
    """The result of one page, or a one-line error where the file cannot be read."""
    if data is None:
        try:
            data = read_file(path)
        except OSError as error:
            return f"{path}: cannot read: {error.strerror or error}"
    key = cache.key(path, data) if cache is not None else ""
    if cache is not None:
        cached = cache.get(key)
        if cached is not None:
            return cached
    result = linter.lint_bytes(data, path)
    if cache is not None:
        cache.put(key, result)
    return result


def read_file(path: str) -> bytes:
    """The bytes of the file at ``path``.

    A regular file is read in one call of the size ``fstat`` gives, and one byte more: a read that
    returns exactly the size is at the end of the file. ``open(path, "rb").read()`` makes seven
    system calls of a page, this four, and a run reads thousands of pages. Anything else (a pipe, a
    file that grew or shrank meanwhile, a short read) is read on until a read returns nothing."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        status = os.fstat(descriptor)
        size = status.st_size
        data = os.read(descriptor, size + 1)
        if len(data) == size and stat.S_ISREG(status.st_mode):
            return data
        parts = [data]
        while True:
            more = os.read(descriptor, max(size, 1 << 16))
            if not more:
                return b"".join(parts)
            parts.append(more)
    finally:
        os.close(descriptor)


_WORKER: tuple[Linter, Job, ResultCache | None, Render | None] | None = None


def _renderer(settings: Settings) -> Render | None:
    """How the report will write each finding, where a built-in format can write them one by one:
    then they are written as pages are linted, in the workers of a parallel run."""
    if settings.output_format not in ("json", "json-lines"):
        return None  # and the JSON reporter is not imported (start-up is what a pre-commit user feels)
    from dreg_lint.reporters.json_format import RENDERERS

    return RENDERERS[settings.output_format]


def _start_worker(job: Job) -> None:
    global _WORKER
    # Ctrl-C in a terminal reaches every process of the group: the main process stops the workers,
    # which must not print tracebacks of their own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    hold_while_writing([signal.SIGTERM])  # how the main process stops them: see _stop
    cache = ResultCache(job.cache_directory, job.cache_salt) if job.cache_directory else None
    _WORKER = (Linter(job.settings), job, cache, _renderer(job.settings))


def _work(path: str) -> "LintedPage | str":
    assert _WORKER is not None
    linter, job, cache, render = _WORKER
    return _linted(lint_one(linter, job, cache, path), render)


@attrs.frozen
class LintedPage:
    """What the runner keeps of a page's result: its findings and facts encoded for the spools (in
    the worker that linted it, so the main process does not decode and re-encode them), errors."""

    findings: EncodedFindings
    facts: EncodedFacts
    errors: list[str]


def _linted(result: PageResult | str, render: Render | None) -> LintedPage | str:
    if isinstance(result, str):
        return result
    return LintedPage(encode_rows(result.rows, render), encode_facts(result.facts), result.errors)


def run(linter: Linter, job: Job, files: list[str], jobs: int,
        stdin: tuple[str, bytes] | None = None) -> RunResult:
    cache = ResultCache(job.cache_directory, job.cache_salt) if job.cache_directory else None
    names = files if stdin is None else [stdin[0], *files]
    render = _renderer(job.settings)
    first: list[LintedPage | str] = []
    if stdin is not None:
        name, data = stdin
        first.append(_linted(lint_one(linter, job, None, name, data), render))
    if jobs > 1 and len(files) > 1:
        from collections import deque
        from concurrent.futures import ProcessPoolExecutor  # only parallel runs pay for importing it

        pool = ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker, initargs=(job,))
        try:
            futures = deque(pool.submit(_work_many, part) for part in _parts(files, jobs))
            result = _gather(linter, itertools.chain(first, _in_order(futures)), names, render)
        except BaseException:
            _stop(pool)  # interrupted: do not wait for the work still queued
            raise
        pool.shutdown(wait=True)
        return result
    pages = (_linted(lint_one(linter, job, cache, path), render) for path in files)
    return _gather(linter, itertools.chain(first, pages), names, render)


def _work_many(paths: list[str]) -> list[LintedPage | str]:
    return [_work(path) for path in paths]


def _parts(files: list[str], jobs: int) -> Iterator[list[str]]:
    """The files in parts for the workers: parts of up to 64 files (each part costs a round trip),
    smaller towards the end, so that no worker is still busy with a large part when the others
    have run out of work (the main process waits for the last one)."""
    largest = max(1, min(64, len(files) // (jobs * 8)))
    start = 0
    while start < len(files):
        size = max(1, min(largest, (len(files) - start) // (jobs * 4)))
        yield files[start:start + size]
        start += size


def _in_order(futures: "deque[Future[list[LintedPage | str]]]") -> Iterator[LintedPage | str]:
    # Popped as they are used, so that a part's results are not kept to the end of the run.
    while futures:
        yield from futures.popleft().result()


def _stop(pool: "ProcessPoolExecutor") -> None:
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        try:
            process.terminate()  # SIGTERM: a worker writing a cache entry finishes it first (_start_worker)
        except (OSError, AttributeError):
            pass
    for process in processes:
        try:
            process.join(timeout=5)
        except (OSError, AssertionError):
            pass


def _gather(linter: Linter, results: Iterable[LintedPage | str], files: list[str],
            render: Render | None) -> RunResult:
    """Spool each page's findings and facts as its result arrives (so that memory does not grow
    with the number of pages), and run the cross-page rules over the facts at the end."""
    diagnostics = DiagnosticSpool(render)
    errors: list[str] = []
    facts = FactsSpool()
    for result in results:
        if isinstance(result, str):
            errors.append(result)
            continue
        diagnostics.add_encoded(result.findings)
        errors.extend(result.errors)
        facts.add(result.facts)
    final = linter.finish(facts, into=diagnostics.add_rows)
    diagnostics.add_rows(final.rows)
    errors.extend(final.errors)
    return RunResult(diagnostics, errors, files)


# Starting a worker costs about as much as linting 0.5 MB of pages, so below this much work
# ``--jobs auto`` lints in one process: a pre-commit run on a few pages stays instant.
AUTO_PARALLEL_BYTES = 4_000_000


def job_count(value: str, files: Iterable[str] = ()) -> int:
    """The processes to lint ``files`` in: ``--jobs N`` as given; ``auto`` one per core, or one for
    a run smaller than ``AUTO_PARALLEL_BYTES``."""
    if value == "auto":
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
        return max(1, cores) if _at_least(files, AUTO_PARALLEL_BYTES) else 1
    number = int(value)
    if number < 1:
        raise ValueError(value)
    return number


def _at_least(files: Iterable[str], size: int) -> bool:
    total = 0
    for path in files:
        try:
            total += os.stat(path).st_size
        except OSError:
            continue  # reported when it is linted
        if total >= size:
            return True
    return False
