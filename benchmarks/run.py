#!/usr/bin/env python
"""dreg-lint benchmark: how fast is it, against what floor, and does anything blow up?

    python benchmarks/run.py                 # 50 MB corpus, every measurement (a few minutes)
    python benchmarks/run.py --quick         # tiny corpus and tiny adversarial inputs (seconds)
    python benchmarks/run.py --size-mb 200 --output results.json
    python benchmarks/run.py --profile --size-mb 5   # cProfile of the in-process lint, top 30

Builds a corpus of at least --size-mb MB from the shared seed and real pages (copies with distinct
names, a few hundred files per directory) in a temporary directory, then measures, in one run:

  1  the floor: read every file and str.splitlines() it
  2  bare Lark parse with the project's grammar (no model, no rules)
  3  dreg_lint.parse() to the typed model
  4  the full command, --jobs 1, every rule, JSON output, no cache
  5  the same with --jobs 2
  6  a cached re-run of 4 (cache filled first, nothing changed)
  7  start-up: dreg-lint on one small page against `python -c "import lark, attrs, pluggy"`
  8  peak memory of 4 and 5, and scaling of 4 over 1x/2x/4x/8x of a base corpus
  9  adversarial single-file inputs at 1x/4x/16x sizes, checked for super-linear time

and prints one table with MB/s, the ratios, the targets and PASS/MISS. See benchmarks/README.md.
Only the standard library is used (plus dreg_lint itself for 2, 3 and --profile).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import platform
import pstats
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, Callable

REPOSITORY = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = Path(__file__).resolve().parents[2] / "shared"
MB = 1_000_000
FILES_PER_DIRECTORY = 250
SCALING_PARTS = 8  # the corpus is built as 8 equal parts: 1x = one part, 8x = all of them
SCALING_MULTIPLES = (1, 2, 4, 8)  # 8's series: run 4 on this many parts

# Every row of the main table, in order. The smoke test checks that each label is printed.
ROW_LABELS = [
    ("1", "floor: read + splitlines"),
    ("2", "bare Lark parse"),
    ("3", "dreg_lint.parse to model"),
    ("4", "dreg-lint --jobs 1"),
    ("5", "dreg-lint --jobs 2"),
    ("6", "dreg-lint cached re-run"),
    ("7", "start-up"),
    ("8", "peak memory --jobs 1"),
    ("8", "peak memory --jobs 2"),
    ("8", "memory flat in files"),
    ("8", "scaling time 8x/1x"),
    ("9", "adversarial inputs linear"),
]

# The targets, as printed next to the measured ratios.
TARGET_4_OF_2 = 0.50  # 4's throughput >= 50% of 2's
TARGET_2_OF_1 = 1 / 30  # 2's throughput >= 1/30 of 1's
TARGET_JOBS2_SPEEDUP = 1.8  # 5 at least 1.8x faster than 4
TARGET_CACHE_SPEEDUP = 20.0  # 6 at least 20x faster than 4
TARGET_STARTUP = 2.0  # 7: start-up <= 2x the import time of lark, attrs, pluggy
TARGET_PEAK_MB = 250.0  # 8: peak memory of 4 and 5
TARGET_MEMORY_FLAT = 1.25  # 8: peak(8x) <= 1.25 x peak(1x)
TARGET_SCALING = 8.8  # 8: time(8x)/time(1x)
SUPERLINEAR_FACTOR = 1.5  # 9: a time ratio above 1.5x the size ratio is flagged
SHORT_RUN_SECONDS = 3.0  # 9: a run shorter than this is repeated, best of 3
JUDGE_SECONDS = 0.2  # 9: ... when the smaller run takes at least this long beyond start-up (else noise)

# ----------------------------------------------------------------------------------------------
# Running a command in a fresh wrapper that reports its time and the peak memory of its child.

# The wrapper starts the command in a session of its own, times it with perf_counter (so the
# wrapper's own start-up is not counted), enforces the timeout by killing the whole session, and
# reports resource.getrusage(RUSAGE_CHILDREN).ru_maxrss: the largest resident set of any single
# process of the command's tree (a fresh wrapper per command, because that value only ever grows).
# It also samples /proc every 0.1 s for the summed resident set of the session (the workers of
# --jobs 2 included), which ru_maxrss cannot give, and reports the CPU time (user and system) of the
# whole tree: each process's is counted in its parent's children once the parent has waited for it.
WRAPPER = r'''
import json, os, resource, signal, subprocess, sys, threading, time
result_path, timeout, command = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
page_size = os.sysconf("SC_PAGE_SIZE")
peak_tree = [0]
stop = threading.Event()
def sample(session):
    while not stop.is_set():
        total = 0
        try:
            names = os.listdir("/proc")
        except OSError:
            return
        for name in names:
            if not name.isdigit():
                continue
            try:
                with open("/proc/" + name + "/stat", "rb") as handle:
                    stat = handle.read()
            except OSError:
                continue
            fields = stat[stat.rfind(b")") + 2:].split()
            if len(fields) > 21 and int(fields[3]) == session:
                total += int(fields[21]) * page_size
        peak_tree[0] = max(peak_tree[0], total)
        stop.wait(0.1)
timed_out = False
with open(result_path + ".stdout", "wb") as out, open(result_path + ".stderr", "wb") as err:
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                             start_new_session=True)
    sampler = threading.Thread(target=sample, args=(child.pid,), daemon=True)
    sampler.start()
    def kill():
        global timed_out
        timed_out = True
        try:
            os.killpg(child.pid, signal.SIGKILL)
        except OSError:
            pass
    # A blocking wait (Popen.wait with a timeout polls, which rounds times up to 50 ms steps).
    killer = threading.Timer(timeout, kill)
    killer.start()
    status = child.wait()
    elapsed = time.perf_counter() - start
    killer.cancel()
    stop.set()
    sampler.join(1)
try:
    os.killpg(child.pid, signal.SIGKILL)  # stray workers of a killed or crashed run
except OSError:
    pass
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(result_path, "w") as handle:
    json.dump({"seconds": elapsed, "status": status, "timed_out": timed_out,
               "maxrss_kb": usage.ru_maxrss, "tree_peak_bytes": peak_tree[0],
               "cpu_seconds": usage.ru_utime + usage.ru_stime}, handle)
'''


@dataclass
class CommandResult:
    command: list[str]
    seconds: float | None = None
    status: int | None = None
    timed_out: bool = False
    maxrss_mb: float | None = None  # the largest single process of the tree (ru_maxrss)
    tree_peak_mb: float | None = None  # the summed resident set of the tree, sampled every 0.1 s
    cpu_seconds: float | None = None  # user and system time of the whole tree
    stdout: str = ""
    stderr: str = ""

    @property
    def ok(self) -> bool:
        return not self.timed_out and self.status == 0 and self.seconds is not None

    def problem(self) -> str:
        if self.timed_out:
            return f"TIMEOUT after {self.seconds:.0f} s"
        if self.seconds is None:
            return "did not run: " + (self.stderr.strip().splitlines() or ["unknown error"])[-1]
        lines = [line for line in self.stderr.strip().splitlines() if line.strip()]
        return f"exit {self.status}" + (f": {lines[-1][:150]}" if lines else "")


def run_command(command: list[str], timeout: float, cwd: Path, scratch: Path) -> CommandResult:
    scratch.mkdir(parents=True, exist_ok=True)
    handle, result_path = tempfile.mkstemp(prefix="run-", suffix=".json", dir=scratch)
    os.close(handle)
    result = CommandResult(command)
    # Bytecode caching on, as on any installed copy: with PYTHONDONTWRITEBYTECODE set (some shells
    # set it), every run would compile dreg-lint's modules anew while lark, attrs and pluggy keep
    # their installed bytecode, which would skew the start-up comparison.
    env = dict(os.environ, NO_COLOR="1")
    env.pop("FORCE_COLOR", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    try:
        subprocess.run([sys.executable, "-c", WRAPPER, result_path, str(timeout), *command],
                       cwd=cwd, env=env, timeout=timeout + 60, check=False)
        with open(result_path, encoding="utf-8") as report:
            data = json.load(report)
        result.seconds = data["seconds"]
        result.status = data["status"]
        result.timed_out = data["timed_out"]
        result.maxrss_mb = data["maxrss_kb"] * 1024 / MB
        result.tree_peak_mb = data["tree_peak_bytes"] / MB or None
        result.cpu_seconds = data["cpu_seconds"]
    except (subprocess.TimeoutExpired, OSError, ValueError, KeyError) as error:
        result.stderr = f"the measuring wrapper failed: {error}"
    for suffix in ("stdout", "stderr"):
        try:
            text = Path(f"{result_path}.{suffix}").read_text(encoding="utf-8", errors="replace")
            # All of stdout (the probes parse it; measured runs write to /dev/null), stderr's end.
            setattr(result, suffix, getattr(result, suffix) + (text if suffix == "stdout" else text[-4000:]))
            os.unlink(f"{result_path}.{suffix}")
        except OSError:
            pass
    try:
        os.unlink(result_path)
    except OSError:
        pass
    return result


def dreg_lint_command() -> list[str]:
    """The dreg-lint console script of the running interpreter's environment, else the one on PATH,
    else the CLI module run by this interpreter."""
    beside = Path(sys.executable).with_name("dreg-lint")
    if beside.is_file() and os.access(beside, os.X_OK):
        return [str(beside)]
    found = shutil.which("dreg-lint")
    if found:
        return [found]
    return [sys.executable, "-c", "import sys; from dreg_lint.cli import main; sys.exit(main())"]


# ----------------------------------------------------------------------------------------------
# The corpus


@dataclass
class Corpus:
    root: Path
    parts: list[Path]
    part_bytes: list[int]
    files: list[Path]
    total_bytes: int
    small_page: Path

    @property
    def mb(self) -> float:
        return self.total_bytes / MB


def source_pages(shared: Path) -> list[Path]:
    pages = sorted((shared / "corpus" / "seeds").glob("*.txt")) + sorted((shared / "corpus" / "real").glob("*.txt"))
    return [page for page in pages if page.is_file()]


def build_corpus(shared: Path, root: Path, size_mb: float) -> Corpus:
    """At least size_mb MB of copies of the shared pages, as SCALING_PARTS parts of equal size, each
    spread over directories of FILES_PER_DIRECTORY files. Copies keep the page's name plus a number."""
    pages = source_pages(shared)
    if not pages:
        raise SystemExit(f"run.py: no pages in {shared}/corpus/seeds or {shared}/corpus/real")
    contents = [(page.stem, page.read_bytes()) for page in pages]
    per_part = max(1, int(size_mb * MB / SCALING_PARTS) + 1)
    root.mkdir(parents=True, exist_ok=True)
    parts, part_bytes, files = [], [], []
    copy = 0
    for number in range(SCALING_PARTS):
        part = root / f"part_{number}"
        written = count = 0
        while written < per_part:
            stem, data = contents[copy % len(contents)]
            directory = part / f"d{count // FILES_PER_DIRECTORY:03d}"
            if count % FILES_PER_DIRECTORY == 0:
                directory.mkdir(parents=True, exist_ok=True)
            target = directory / f"{stem}__{copy:06d}.txt"
            target.write_bytes(data)
            files.append(target)
            written += len(data)
            count += 1
            copy += 1
        parts.append(part)
        part_bytes.append(written)
    small = root.parent / "small" / "small_page.txt"  # outside the corpus root
    small.parent.mkdir(parents=True, exist_ok=True)
    smallest = min(contents, key=lambda item: len(item[1]))
    small.write_bytes(smallest[1])
    return Corpus(root, parts, part_bytes, files, sum(part_bytes), small)


# ----------------------------------------------------------------------------------------------
# Adversarial inputs

HEADER = (
    "NHS Digital Data Release Register - reformatted\n\n"
    "Benchmark Adversarial Trust projects\n\n"
    "3 data files in total were disseminated unsafely (information about files used safely is "
    "missing for TRE/\"system access\" projects).\n\n"
)


def project(number: int, *, opt_outs: str = "Y", legal: str = "Health and Social Care Act 2012 - s261(7)",
            when: str = "When:DSA runs 2019-06-08 — 2022-06-07 2019.07 — 2021.03.",
            objectives: str = "Analysis of hospital admissions to plan local services.") -> str:
    return (
        f"Benchmark study {number} — DARS-NIC-{100000 + number % 900000:06d}-K7Q2Z\n\n"
        "Type of data: Pseudonymised\n\n"
        f"Opt outs honoured: {opt_outs}\n\n"
        f"Legal basis: {legal}\n\n"
        "Purposes: No (Research)\n\n"
        "Sensitive: Non Sensitive\n\n"
        f"{when}\n\n"
        "Access method: One-Off\n\n"
        "Data-controller type: UNIVERSITY OF EXAMPLE\n\n"
        "Sublicensing allowed: No\n\n"
        "Datasets:\n\n"
        "  1. Hospital Episode Statistics Admitted Patient Care\n\n"
        "Objectives:\n\n"
        f"{objectives}\n"
    )


LONG_LINE_WORDS = ("The study links hospital episodes to outcomes for patients of the trust, "
                   "counts admissions (by month) and reports aggregate results; ")


def long_line(n: int) -> str:
    words = (LONG_LINE_WORDS * (n // len(LONG_LINE_WORDS) + 1))[:max(0, n - 1)].rstrip() + "."
    return HEADER + project(1, objectives=words)


# name -> (description, builder(n), n at 1x for the full run). 4x and 16x multiply n.
ADVERSARIAL: dict[str, tuple[str, Callable[[int], str], int]] = {
    "long line": ("one Objectives line of n characters (10 MB at 16x)", long_line, 625_000),
    "legal basis commas": ('"Legal basis: " + "a, " * n', lambda n: HEADER + project(1, legal="a, " * n), 50_000),
    "nested parentheses": ('"Opt outs honoured: Y " + "(" * n + ")" * n',
                           lambda n: HEADER + project(1, opt_outs="Y " + "(" * n + ")" * n), 100_000),
    "when dashes": ('"When:" + "— " * n', lambda n: HEADER + project(1, when="When:" + "— " * n), 250_000),
    "many projects": ("a small project repeated n times (40,000 at 16x)",
                      lambda n: HEADER + "\n".join(project(i + 1) for i in range(n)), 2_500),
    "many section lines": ("n lines in one Objectives section",
                           lambda n: HEADER + project(1, objectives="\n".join(
                               f"Line {i} of the objectives: counts of admissions by month." for i in range(n))),
                           25_000),
}
ADVERSARIAL_SCALES = (1, 4, 16)


# ----------------------------------------------------------------------------------------------
# Measurements


@dataclass
class Row:
    number: str
    label: str
    mb: float | None = None
    seconds: float | None = None
    peak_mb: float | None = None
    ratio: str = ""
    target: str = ""
    result: str = ""  # PASS, MISS, SKIP, ERROR, INFO or ""
    note: str = ""

    @property
    def mb_per_s(self) -> float | None:
        if self.mb is None or not self.seconds:
            return None
        return self.mb / self.seconds


@dataclass
class Report:
    machine: dict[str, Any] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)
    rows: list[Row] = field(default_factory=list)
    scaling: list[dict[str, Any]] = field(default_factory=list)
    adversarial: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def row(self, number: str, label: str) -> Row:
        for row in self.rows:
            if row.number == number and row.label == label:
                return row
        row = Row(number, label)
        self.rows.append(row)
        return row


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def describe_machine() -> dict[str, Any]:
    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace").splitlines():
            if line.lower().startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    versions = {}
    for module in ("lark", "attrs", "pluggy", "dreg_lint"):
        try:
            versions[module] = __import__(module).__version__
        except Exception as error:  # noqa: BLE001 - reported, not raised
            versions[module] = f"unavailable ({type(error).__name__})"
    try:
        from dreg_lint.grammar_loader import accelerator_plugins

        # Both the bare parse (2) and the command use lark-cython where it is installed, unless
        # DREG_LINT_PURE_PYTHON=1 is set for the benchmark (which its commands inherit).
        parser = "lark-cython" if accelerator_plugins() is not None else "pure-Python lark"
    except Exception as error:  # noqa: BLE001 - reported, not raised
        parser = f"unknown ({type(error).__name__})"
    try:
        load = [round(value, 2) for value in os.getloadavg()]
    except OSError:
        load = None
    return {
        "load_average_at_start": load,
        "cpu": cpu,
        "cores": os.cpu_count(),
        "usable_cores": usable,
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "lark_parser": parser,
        **{f"{module}_version": version for module, version in versions.items()},
    }


def timed_pass(files: list[Path], work: Callable[[str], Any]) -> tuple[float, int]:
    """Seconds to read every file as text and run work() on it; the number of files where it raised."""
    failures = 0
    start = time.perf_counter()
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        try:
            work(text)
        except Exception:  # noqa: BLE001 - counted and reported
            failures += 1
    return time.perf_counter() - start, failures


class Cli:
    """Builds and runs dreg-lint command lines, with the output format that works."""

    def __init__(self, workdir: Path, timeout: float) -> None:
        self.base = dreg_lint_command()
        self.workdir = workdir
        self.scratch = workdir / "scratch"
        self.timeout = timeout
        self.output_format = "json"
        self.format_note = ""

    def run(self, arguments: list[str], timeout: float | None = None) -> CommandResult:
        return run_command([*self.base, *arguments], timeout or self.timeout, self.workdir, self.scratch)

    def full(self, paths: list[Path], jobs: int = 1) -> CommandResult:
        """Measurement 4's command line (5's with jobs=2) on these paths."""
        return self.run([*map(str, paths), "--select", "ALL", "--output-format", self.output_format,
                         "--jobs", str(jobs), "--no-cache", "-o", os.devnull, "--exit-zero", "-q"])

    def probe(self, page: Path) -> list[str]:
        """Check that the command runs and that --output-format json works; fall back to concise."""
        notes = []
        result = self.run([str(page), "--select", "ALL", "--output-format", "json", "--no-cache",
                           "--exit-zero", "-q"])
        if result.ok:
            try:
                json.loads(result.stdout or "[]")
                return notes
            except ValueError:
                problem = "its output is not JSON"
        else:
            problem = result.problem()
        notes.append(f"NOTE: `dreg-lint --output-format json` does not work yet ({problem}); the "
                     f"full-command measurements use --output-format concise instead.")
        self.output_format = "concise"
        self.format_note = "concise output (json failed)"
        fallback = self.run([str(page), "--select", "ALL", "--output-format", "concise", "--no-cache",
                             "--exit-zero", "-q"])
        if not fallback.ok:
            notes.append(f"NOTE: dreg-lint does not run at all ({fallback.problem()}); the "
                         f"full-command measurements will show ERROR.")
        return notes


def tree_peak(result: CommandResult) -> float | None:
    """The peak of the whole process tree: the sampled sum, but never less than its largest process."""
    peaks = [peak for peak in (result.tree_peak_mb, result.maxrss_mb) if peak]
    return max(peaks) if peaks else None


def fail_row(row: Row, result: CommandResult) -> None:
    row.result = "ERROR" if not result.timed_out else "TIMEOUT"
    row.note = result.problem()


def measure_floor(report: Report, corpus: Corpus, repeats: int) -> None:
    floor = report.row("1", "floor: read + splitlines")
    floor.mb = corpus.mb
    floor.seconds = min(timed_pass(corpus.files, str.splitlines)[0] for _ in range(max(3, repeats)))
    floor.result = "INFO"


def in_process_passes(report: Report) -> dict[str, Callable[[str], Any]]:
    """What measurements 2 and 3 run on each page, made ready before any clock starts; a row whose
    work cannot even be set up is marked ERROR and left out."""
    passes: dict[str, Callable[[str], Any]] = {}
    try:
        from dreg_lint.grammar_loader import parser

        lark_parser = parser()  # built (or loaded from Lark's cache) before the clock starts
        passes["2"] = lambda text: lark_parser.parse(text, start="page")
    except Exception as error:  # noqa: BLE001 - a broken parser is a result, not a crash
        error_row(report.row("2", "bare Lark parse"), error)
    try:
        import dreg_lint

        dreg_lint.parse("")  # warm: grammar loaded, modules imported
        passes["3"] = dreg_lint.parse
    except Exception as error:  # noqa: BLE001
        error_row(report.row("3", "dreg_lint.parse to model"), error)
    return passes


def error_row(row: Row, error: Exception) -> None:
    row.result = "ERROR"
    row.note = f"{type(error).__name__}: {error}"[:200]


def measure_side_by_side(report: Report, cli: Cli, corpus: Corpus, repeats: int,
                         scaling: bool) -> tuple[CommandResult, CommandResult, dict[int, CommandResult]]:
    """Measurements 2-5 in rounds, one of each in turn per round, and the best of each kept; with
    ``scaling``, also 4 on 1x, 2x and 4x of the base corpus (8's series, whose 8x is 4 itself).

    On a shared machine the speed drifts by tens of percent over a minute (other tenants, clock
    frequency): timing 2 a few times and then 4 a few times would compare two different machines.
    Rounds put the measurements whose ratios are targets next to each other in time, and the best
    of each is the least disturbed. Peak memory is the largest of any round.
    """
    passes = in_process_passes(report)
    best: dict[str, tuple[float, int]] = {}
    serial = parallel = None
    multiples = [multiple for multiple in SCALING_MULTIPLES if multiple != SCALING_PARTS] if scaling else []
    points: dict[int, CommandResult] = {}
    for round_number in range(1, repeats + 1):
        log(f"  round {round_number} of {repeats}: 2, 3, 4, 5" + "".join(f", 4 on {m}x" for m in multiples))
        for number, work in passes.items():
            measured = timed_pass(corpus.files, work)
            if number not in best or measured[0] < best[number][0]:
                best[number] = measured
        serial = better(serial, cli.full([corpus.root]))
        parallel = better(parallel, cli.full([corpus.root], jobs=2))
        for multiple in multiples:
            points[multiple] = better(points.get(multiple), cli.full(corpus.parts[:multiple]))
    fill_in_process_rows(report, corpus, best)
    points[SCALING_PARTS] = serial
    return serial, parallel, points


def cpu_note(serial: CommandResult, parallel: CommandResult) -> str:
    """The CPU time of both runs: the two processes of 5 do the work of 4 and the cost of sharing it
    out (starting the workers, sending pages' findings back), so their CPU time is a little more
    than 4's; far more means the two cores slowed each other (on a virtual machine, two threads
    of one physical core, or a busy host), which no code can make up for."""
    return (f"CPU time of 5's processes {parallel.cpu_seconds:.2f} s, "
            f"{parallel.cpu_seconds / serial.cpu_seconds:.2f}x 4's {serial.cpu_seconds:.2f} s")


def _joined_note(*notes: str) -> str:
    return "; ".join(note for note in notes if note)


def better(kept: CommandResult | None, new: CommandResult) -> CommandResult:
    """The faster of two runs of one command, a failed run over any other (a failure is the
    result); the peak memory of both."""
    if kept is None:
        return new
    if not kept.ok:
        return kept
    winner = new if not new.ok or new.seconds < kept.seconds else kept
    peaks = [peak for peak in (kept.maxrss_mb, new.maxrss_mb) if peak]
    tree_peaks = [peak for peak in (kept.tree_peak_mb, new.tree_peak_mb) if peak]
    return replace(winner, maxrss_mb=max(peaks) if peaks else None,
                   tree_peak_mb=max(tree_peaks) if tree_peaks else None)


def fill_in_process_rows(report: Report, corpus: Corpus, best: dict[str, tuple[float, int]]) -> None:
    floor = report.row("1", "floor: read + splitlines")
    lark_row = report.row("2", "bare Lark parse")
    model_row = report.row("3", "dreg_lint.parse to model")
    lark_row.mb = model_row.mb = corpus.mb
    if "2" in best:
        lark_row.seconds, failures = best["2"]
        if failures:
            lark_row.note = f"Lark raised on {failures} of {len(corpus.files)} files"
        share = (corpus.mb / lark_row.seconds) / (corpus.mb / floor.seconds)
        lark_row.ratio = f"2/1 = 1/{1 / share:.1f}" if share < 1 else f"2/1 = {share:.2f}"
        lark_row.target = f">= 1/{1 / TARGET_2_OF_1:.0f}"
        lark_row.result = verdict(share >= TARGET_2_OF_1)
    if "3" in best:
        model_row.seconds, failures = best["3"]
        if failures:
            model_row.note = f"dreg_lint.parse raised on {failures} of {len(corpus.files)} files"
        if lark_row.seconds:
            model_row.ratio = f"3/2 = {lark_row.seconds / model_row.seconds:.0%} of 2's MB/s"
        model_row.result = "INFO"


def measure_commands(report: Report, cli: Cli, corpus: Corpus, serial: CommandResult,
                     parallel: CommandResult) -> None:
    """Rows 4 and 5 from their best runs (``measure_side_by_side``), 6, and 8's peak memory."""
    lark_row = report.row("2", "bare Lark parse")
    full = report.row("4", "dreg-lint --jobs 1")
    full.mb = corpus.mb
    jobs2 = report.row("5", "dreg-lint --jobs 2")
    jobs2.mb = corpus.mb
    cached = report.row("6", "dreg-lint cached re-run")
    cached.mb = corpus.mb
    if serial.ok:
        full.seconds, full.peak_mb = serial.seconds, serial.maxrss_mb
        full.note = cli.format_note
        if lark_row.seconds:
            share = lark_row.seconds / serial.seconds
            full.ratio = f"4/2 = {share:.0%}"
            full.target = f">= {TARGET_4_OF_2:.0%}"
            full.result = verdict(share >= TARGET_4_OF_2)
        else:
            full.result = "INFO"
    else:
        fail_row(full, serial)

    if parallel.ok:
        jobs2.seconds, jobs2.peak_mb = parallel.seconds, tree_peak(parallel)
        jobs2.note = cli.format_note
        if serial.ok:
            speedup = serial.seconds / parallel.seconds
            jobs2.ratio = f"4/5 = {speedup:.2f}x"
            jobs2.target = f">= {TARGET_JOBS2_SPEEDUP}x"
            jobs2.result = verdict(speedup >= TARGET_JOBS2_SPEEDUP)
            if (report.machine.get("usable_cores") or 2) < 2:
                jobs2.note = "only one usable core: --jobs 2 cannot be faster"
            elif parallel.cpu_seconds and serial.cpu_seconds:
                jobs2.note = _joined_note(jobs2.note, cpu_note(serial, parallel))
        else:
            jobs2.result = "INFO"
    else:
        fail_row(jobs2, parallel)

    cache_dir = cli.workdir / "cache"
    shutil.rmtree(cache_dir, ignore_errors=True)
    cache_args = ["--select", "ALL", "--output-format", cli.output_format, "--jobs", "1",
                  "--cache-dir", str(cache_dir), "-o", os.devnull, "--exit-zero", "-q"]
    fill = cli.run([str(corpus.root), *cache_args])
    if not fill.ok:
        fail_row(cached, fill)
        cached.note = "cache fill: " + cached.note
    else:
        rerun = cli.run([str(corpus.root), *cache_args])
        if rerun.ok:
            cached.seconds, cached.peak_mb = rerun.seconds, rerun.maxrss_mb
            cached.note = f"cache fill took {fill.seconds:.2f} s" + (f"; {cli.format_note}" if cli.format_note else "")
            if serial.ok:
                speedup = serial.seconds / rerun.seconds
                cached.ratio = f"4/6 = {speedup:.1f}x"
                cached.target = f">= {TARGET_CACHE_SPEEDUP:.0f}x"
                cached.result = verdict(speedup >= TARGET_CACHE_SPEEDUP)
            else:
                cached.result = "INFO"
        else:
            fail_row(cached, rerun)
    shutil.rmtree(cache_dir, ignore_errors=True)

    memory1 = report.row("8", "peak memory --jobs 1")
    memory2 = report.row("8", "peak memory --jobs 2")
    for row, result, peak in ((memory1, serial, serial.maxrss_mb),
                              (memory2, parallel, tree_peak(parallel))):
        if result.ok and peak:
            row.peak_mb = peak
            row.ratio = f"{peak:.0f} MB"
            row.target = f"< {TARGET_PEAK_MB:.0f} MB"
            row.result = verdict(peak < TARGET_PEAK_MB)
        else:
            fail_row(row, result)
    if parallel.ok and parallel.tree_peak_mb:
        memory2.note = (f"sum of all processes sampled every 0.1 s: {parallel.tree_peak_mb:.0f} MB; "
                        f"largest single process {parallel.maxrss_mb:.0f} MB")


def measure_startup(report: Report, cli: Cli, corpus: Corpus, tries: int = 5) -> float | None:
    row = report.row("7", "start-up")
    lint_times, import_times = [], []
    failure = None
    cli.run([str(corpus.small_page), "--no-cache", "-q", "--exit-zero"])  # warm Lark's grammar cache
    for _ in range(tries):
        lint = cli.run([str(corpus.small_page), "--no-cache", "-q", "--exit-zero"])
        if lint.ok:
            lint_times.append(lint.seconds)
        else:
            failure = lint
        imports = run_command([sys.executable, "-c", "import lark, attrs, pluggy"], 60, cli.workdir, cli.scratch)
        if imports.ok:
            import_times.append(imports.seconds)
    if not lint_times:
        fail_row(row, failure or CommandResult([]))
        return None
    row.seconds = min(lint_times)
    row.mb = corpus.small_page.stat().st_size / MB
    row.note = f"best of {tries}; one {corpus.small_page.stat().st_size} byte page"
    if import_times:
        ratio = row.seconds / min(import_times)
        row.ratio = f"7/import = {ratio:.2f}x ({min(import_times) * 1000:.0f} ms)"
        row.target = f"<= {TARGET_STARTUP:.0f}x"
        row.result = verdict(ratio <= TARGET_STARTUP)
    else:
        row.result = "INFO"
    return row.seconds


def measure_scaling(report: Report, corpus: Corpus, runs: dict[int, CommandResult], skip: str | None) -> None:
    """The series of measurement 4 on 1x, 2x, 4x and 8x of the base corpus, from the best runs of
    the rounds (``measure_side_by_side``)."""
    flat = report.row("8", "memory flat in files")
    scaling = report.row("8", "scaling time 8x/1x")
    if skip:
        for row in (flat, scaling):
            row.result, row.note = "SKIP", skip
        return
    points = []
    for multiple in SCALING_MULTIPLES:
        parts = corpus.parts[:multiple]
        size = sum(corpus.part_bytes[:multiple]) / MB
        files = sum(1 for part in parts for _ in part.rglob("*.txt"))
        result = runs[multiple]
        points.append({"multiple": multiple, "mb": size, "files": files, "seconds": result.seconds if result.ok else None,
                       "peak_mb": result.maxrss_mb if result.ok else None,
                       "problem": None if result.ok else result.problem()})
        if not result.ok:
            break
    report.scaling = points
    if len(points) < 4 or any(point["seconds"] is None for point in points):
        bad = next((point for point in points if point["seconds"] is None), None)
        for row in (flat, scaling):
            row.result = "ERROR"
            row.note = f"{bad['multiple']}x: {bad['problem']}" if bad else "incomplete"
        return
    first, last = points[0], points[-1]
    time_ratio = last["seconds"] / first["seconds"]
    size_ratio = last["mb"] / first["mb"]
    scaling.mb, scaling.seconds = last["mb"], last["seconds"]
    scaling.ratio = f"{time_ratio:.2f} (size x{size_ratio:.2f})"
    scaling.target = f"<= {TARGET_SCALING}"
    scaling.result = verdict(time_ratio <= TARGET_SCALING)
    scaling.note = "; ".join(f"{p['multiple']}x {p['mb']:.1f} MB {p['seconds']:.2f} s" for p in points)
    memory_ratio = last["peak_mb"] / first["peak_mb"]
    flat.peak_mb = last["peak_mb"]
    flat.ratio = f"8x/1x = {memory_ratio:.2f}"
    flat.target = f"<= {TARGET_MEMORY_FLAT}"
    flat.result = verdict(memory_ratio <= TARGET_MEMORY_FLAT)
    flat.note = "; ".join(f"{p['multiple']}x ({p['files']} files) {p['peak_mb']:.0f} MB" for p in points)


def measure_adversarial(report: Report, cli: Cli, startup: float | None, args: argparse.Namespace) -> None:
    row = report.row("9", "adversarial inputs linear")
    directory = cli.workdir / "adversarial"
    directory.mkdir(parents=True, exist_ok=True)
    divisor = 200 if args.quick else 1
    scales = ADVERSARIAL_SCALES[:2] if args.skip_slow else ADVERSARIAL_SCALES
    offset = startup or 0.0
    flagged, failed, judged = [], [], []
    for name, (description, build, n1) in ADVERSARIAL.items():
        entry: dict[str, Any] = {"input": name, "description": description, "n": {}, "sizes": {}, "seconds": {},
                                 "peak_mb": {}, "problems": {}, "ratios": {}, "pairs": [], "flags": []}
        times: dict[int, float] = {}
        for scale in scales:
            n = max(1, n1 * scale // divisor)
            entry["n"][scale] = n
            path = directory / f"{name.replace(' ', '_')}_{scale}x.txt"
            path.write_text(build(n), encoding="utf-8")
            entry["sizes"][scale] = path.stat().st_size / MB
            smaller = scale // 4
            if smaller > 1 and smaller in times and 1 in times:
                # Do not wait for a size that cannot finish: project it from the growth seen so far.
                growth = max(times[smaller] / max(times[1], 1e-3), 4.0)
                if times[smaller] * growth > 2 * args.timeout:
                    entry["problems"][scale] = (f"skipped: projected {times[smaller] * growth:.0f} s, "
                                                f"more than twice the {args.timeout:.0f} s timeout")
                    path.unlink()
                    continue
            log(f"   {name} {scale}x ({entry['sizes'][scale]:.2f} MB)")
            result = cli.full([path])
            if result.ok and result.seconds < SHORT_RUN_SECONDS and not args.quick:
                # Short runs are at the mercy of other processes: best of 3 (time), largest peak.
                for _ in range(2):
                    again = cli.full([path])
                    if again.ok and again.seconds < result.seconds:
                        again.maxrss_mb = max(again.maxrss_mb or 0, result.maxrss_mb or 0)
                        result = again
            path.unlink()
            entry["peak_mb"][scale] = result.maxrss_mb
            if result.ok:
                times[scale] = result.seconds
                entry["seconds"][scale] = result.seconds
            else:
                entry["problems"][scale] = result.problem()
                if result.timed_out:
                    entry["seconds"][scale] = None
                    entry["flags"].append(f"TIMEOUT at {scale}x")
                    break
        # Time net of start-up; the ratios printed are against 1x, and every pair whose smaller run
        # takes long enough to measure is judged (a 1x run that is nearly all start-up cannot be).
        net = {scale: max(seconds - offset, 1e-3) for scale, seconds in times.items()}
        for small in scales:
            for big in scales:
                if small < big and small in net and big in net and net[small] >= JUDGE_SECONDS:
                    ratio, limit = net[big] / net[small], SUPERLINEAR_FACTOR * big / small
                    entry["ratios"][f"{big}x/{small}x"] = ratio
                    entry["pairs"].append({"pair": f"{big}x/{small}x", "ratio": ratio, "limit": limit})
                    if ratio > limit:
                        entry["flags"].append(f"{big}x/{small}x = {ratio:.1f} > {limit:.0f}")
        entry["judged"] = bool(entry["pairs"]) or bool(entry["flags"])
        if entry["flags"]:
            flagged.append(name)
        elif entry["judged"]:
            judged.append(name)
        if any(not problem.startswith("skipped") and "TIMEOUT" not in problem
               for problem in entry["problems"].values()):
            failed.append(name)
        report.adversarial.append(entry)
    row.target = "none > 1.5x size ratio"
    notes = []
    if flagged:
        row.result = "MISS"
        row.ratio = f"{len(flagged)} of {len(ADVERSARIAL)} super-linear"
        notes.append("super-linear: " + ", ".join(flagged))
    elif failed:
        row.result = "ERROR"
    elif not judged:
        row.result = "INFO"
        row.ratio = "too small to judge"
        notes.append(f"no run takes {JUDGE_SECONDS} s beyond start-up (expected with --quick)")
    else:
        row.result = "PASS"
        row.ratio = f"{len(judged)} of {len(ADVERSARIAL)} judged linear"
    if failed:
        row.ratio = row.ratio or f"{len(failed)} input(s) failed"
        notes.append("failed: " + ", ".join(failed))
    unjudged = [entry["input"] for entry in report.adversarial if not entry["judged"]]
    if unjudged and judged:
        notes.append("too small to judge: " + ", ".join(unjudged))
    if startup:
        notes.append(f"ratios net of {startup:.2f} s start-up")
    row.note = "; ".join(notes)


# ----------------------------------------------------------------------------------------------
# Output


def fmt(value: float | None, pattern: str) -> str:
    return "-" if value is None else format(value, pattern)


def render(report: Report) -> str:
    out = io.StringIO()
    machine = report.machine
    out.write("\nMachine: {cpu}, {cores} cores ({usable_cores} usable); {implementation} {python}; "
              "lark {lark_version} ({lark_parser}), attrs {attrs_version}, pluggy {pluggy_version}, "
              "dreg-lint {dreg_lint_version}\n"
              .format(**machine))
    loads = [machine.get("load_average_at_start"), machine.get("load_average_at_end")]
    if all(loads):
        out.write(f"Load average (1, 5, 15 min): {', '.join(map(str, loads[0]))} at the start, "
                  f"{', '.join(map(str, loads[1]))} at the end\n")
    settings = report.settings
    out.write(f"Corpus: {settings['corpus_mb']:.1f} MB in {settings['corpus_files']} files "
              f"({settings['corpus_directories']} directories); command: {settings['command']}\n")
    for note in report.notes:
        out.write(textwrap.fill(note, 100) + "\n")
    header = ("#", "measurement", "MB", "time s", "MB/s", "peak MB", "ratio", "target", "result")
    lines = []
    for row in report.rows:
        lines.append((row.number, row.label, fmt(row.mb, ".2f") if row.mb and row.mb >= 0.01 else fmt(row.mb, ".4f"),
                      fmt(row.seconds, ".3f"), fmt(row.mb_per_s, ".2f"), fmt(row.peak_mb, ".0f"),
                      row.ratio or "-", row.target or "-", row.result or "-"))
    widths = [max(len(str(cells[i])) for cells in [header, *lines]) for i in range(len(header))]
    align = ["<", "<", ">", ">", ">", ">", "<", "<", "<"]

    def line(cells: tuple) -> str:
        return "  ".join(format(str(cell), f"{a}{w}") for cell, a, w in zip(cells, align, widths)).rstrip()

    out.write("\n" + line(header) + "\n" + "  ".join("-" * w for w in widths) + "\n")
    for cells in lines:
        out.write(line(cells) + "\n")
    notes = [(row.number, row.label, row.note) for row in report.rows if row.note]
    if notes:
        out.write("\nNotes:\n")
        for number, label, note in notes:
            out.write(textwrap.fill(f"{number} {label}: {note}", 100, subsequent_indent="    ") + "\n")
    if report.scaling:
        out.write("\nScaling (measurement 4 on 1x/2x/4x/8x of the base corpus):\n")
        out.write(f"  {'size':>5}  {'MB':>7}  {'files':>6}  {'time s':>8}  {'MB/s':>6}  {'peak MB':>7}\n")
        for point in report.scaling:
            seconds = point["seconds"]
            out.write(f"  {str(point['multiple']) + 'x':>5}  {point['mb']:7.2f}  {point['files']:6d}  "
                      f"{fmt(seconds, '8.3f'):>8}  {fmt(point['mb'] / seconds if seconds else None, '6.2f'):>6}  "
                      f"{fmt(point['peak_mb'], '7.0f'):>7}"
                      + (f"  {point['problem']}" if point["problem"] else "") + "\n")
    if report.adversarial:
        scales = sorted({scale for entry in report.adversarial for scale in entry["sizes"]})
        out.write("\nAdversarial inputs (full command, --no-cache; one file each):\n")
        head = f"  {'input':<20}" + "".join(f"  {str(s) + 'x MB':>9}  {str(s) + 'x s':>8}" for s in scales)
        pairs = [f"{big}x/{small}x" for small in scales for big in scales if small < big]  # 4x/1x, 16x/1x, 16x/4x
        head += "".join(f"  {pair:>8}" for pair in pairs) + f"  {'peak MB':>7}  verdict"
        out.write(head + "\n")
        for entry in report.adversarial:
            cells = f"  {entry['input']:<20}"
            for scale in scales:
                seconds = entry["seconds"].get(scale)
                problem = entry["problems"].get(scale, "")
                shown = fmt(seconds, ".3f") if seconds is not None else ("TIMEOUT" if "TIMEOUT" in problem
                                                                         else "skip" if problem.startswith("skipped")
                                                                         else "ERROR" if problem else "-")
                cells += f"  {fmt(entry['sizes'].get(scale), '9.3f'):>9}  {shown:>8}"
            for pair in pairs:
                cells += f"  {fmt(entry['ratios'].get(pair), '8.2f'):>8}"
            peaks = [peak for peak in entry["peak_mb"].values() if peak]
            cells += f"  {fmt(max(peaks) if peaks else None, '7.0f'):>7}"
            if entry["flags"]:
                state = "SUPER-LINEAR: " + ", ".join(entry["flags"])
            elif any(not p.startswith("skipped") for p in entry["problems"].values()):
                state = "ERROR"
            elif not entry["judged"]:
                state = "too small to judge"
            else:
                state = "linear"
            out.write(cells + f"  {state}\n")
            for scale, problem in sorted(entry["problems"].items()):
                out.write(f"      {scale}x: {problem}\n")
        out.write(f"  (time ratios net of start-up, shown where the smaller run takes >= {JUDGE_SECONDS} s beyond "
                  f"start-up; super-linear: a ratio above {SUPERLINEAR_FACTOR}x the size ratio, i.e. "
                  f"4x/1x > {4 * SUPERLINEAR_FACTOR:.0f}, 16x/1x > {16 * SUPERLINEAR_FACTOR:.0f}, "
                  f"16x/4x > {4 * SUPERLINEAR_FACTOR:.0f}, or a timeout)\n")
    return out.getvalue()


# ----------------------------------------------------------------------------------------------
# Profile


def profile(corpus: Corpus, top: int = 30) -> str:
    from dreg_lint.engine import Linter
    from dreg_lint.settings import Settings

    linter = Linter(Settings())
    linter.lint_bytes(corpus.small_page.read_bytes(), str(corpus.small_page))  # warm: grammar, rules
    profiler = cProfile.Profile()
    start = time.perf_counter()
    profiler.enable()
    facts = []
    for path in corpus.files:
        result = linter.lint_bytes(path.read_bytes(), str(path))
        facts.append(result.facts)
    linter.finish(facts)
    profiler.disable()
    elapsed = time.perf_counter() - start
    out = io.StringIO()
    out.write(f"\ncProfile of Linter(Settings()).lint_bytes() on {corpus.mb:.1f} MB ({len(corpus.files)} files) "
              f"plus finish(): {elapsed:.2f} s under the profiler\n")
    stats = pstats.Stats(profiler, stream=out)
    stats.strip_dirs().sort_stats("cumulative").print_stats(top)
    out.write("\nThe same, by own (internal) time:\n")
    stats.sort_stats("tottime").print_stats(20)
    return out.getvalue()


# ----------------------------------------------------------------------------------------------
# Main


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Benchmark dreg-lint (see benchmarks/README.md).")
    parser.add_argument("--quick", action="store_true",
                        help="a tiny corpus (0.3 MB), tiny adversarial inputs and no scaling series: seconds")
    parser.add_argument("--size-mb", type=float, default=None, help="corpus size in MB (default 50; 0.3 with --quick)")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED,
                        help=f"the shared folder with corpus/seeds and corpus/real (default {DEFAULT_SHARED})")
    parser.add_argument("--output", type=Path, help="also write the results as JSON to this file")
    parser.add_argument("--skip-slow", action="store_true",
                        help="skip the scaling series and the 16x adversarial size")
    parser.add_argument("--profile", action="store_true",
                        help="only profile the in-process lint of the corpus (cProfile, top 30 by cumulative time)")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds before a command is killed (default 300)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="rounds of measurements 2-5, side by side; the best of each is kept (default 3; "
                             "the floor: best of 3 or N)")
    parser.add_argument("--workdir", type=Path,
                        help="build the corpus here (kept afterwards) instead of in a temporary directory")
    parser.add_argument("--fail-on-miss", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    if args.size_mb is None:
        args.size_mb = 0.3 if args.quick else 50.0
    if args.size_mb <= 0 or args.repeat < 1 or args.timeout <= 0:
        parser.error("--size-mb, --repeat and --timeout must be positive")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_arguments(argv)
    shared = args.shared.resolve()
    if not (shared / "corpus" / "seeds").is_dir():
        print(f"run.py: {shared}/corpus/seeds not found; give the shared folder with --shared PATH", file=sys.stderr)
        return 2
    temporary = None
    if args.workdir:
        workdir = args.workdir.resolve()
        shutil.rmtree(workdir / "corpus", ignore_errors=True)
        workdir.mkdir(parents=True, exist_ok=True)
    else:
        temporary = tempfile.TemporaryDirectory(prefix="dreg-lint-bench-")
        workdir = Path(temporary.name)
    try:
        return run(args, shared, workdir)
    finally:
        if temporary is not None:
            temporary.cleanup()


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def run(args: argparse.Namespace, shared: Path, workdir: Path) -> int:
    machine = describe_machine()  # first: the load average before the benchmark adds its own
    log(f"building a {args.size_mb:g} MB corpus in {workdir}")
    corpus = build_corpus(shared, workdir / "corpus", args.size_mb)
    directories = sum(1 for part in corpus.parts for _ in part.iterdir())
    log(f"corpus: {corpus.mb:.1f} MB, {len(corpus.files)} files, {directories} directories")

    if args.profile:
        print(profile(corpus))
        return 0

    report = Report(machine=machine)
    cli = Cli(workdir, args.timeout)
    report.settings = {
        "size_mb": args.size_mb, "quick": args.quick, "skip_slow": args.skip_slow, "timeout": args.timeout,
        "corpus_mb": corpus.mb, "corpus_files": len(corpus.files), "corpus_directories": directories,
        "command": " ".join(cli.base), "shared": str(shared),
    }
    for number, label in ROW_LABELS:  # every row exists, in order, even when its measurement fails
        report.row(number, label)

    log("checking the command and its JSON output")
    report.notes.extend(cli.probe(corpus.small_page))
    listed = cli.run([str(corpus.root), "--show-files"])
    if listed.ok:
        count = sum(1 for line in listed.stdout.splitlines() if line.strip().endswith(".txt"))
        if count < len(corpus.files):
            report.notes.append(f"NOTE: dreg-lint --show-files lists {count} of the {len(corpus.files)} corpus "
                                f"files (a .gitignore or exclude above {corpus.root}?); the MB/s figures are too high.")

    log("1: in-process floor")
    measure_floor(report, corpus, args.repeat)
    log(f"2-5: the bare parse, dreg_lint.parse, the full command (--jobs 1, --jobs 2; output format "
        f"{cli.output_format}) side by side, best of {args.repeat} rounds")
    skip = "skipped (--quick)" if args.quick else "skipped (--skip-slow)" if args.skip_slow else None
    serial, parallel, scaling_runs = measure_side_by_side(report, cli, corpus, args.repeat, scaling=skip is None)
    log("6: the cached re-run")
    measure_commands(report, cli, corpus, serial, parallel)
    log("7: start-up")
    startup = measure_startup(report, cli, corpus)
    measure_scaling(report, corpus, scaling_runs, skip)
    log("9: adversarial inputs")
    measure_adversarial(report, cli, startup, args)

    try:
        report.machine["load_average_at_end"] = [round(value, 2) for value in os.getloadavg()]
    except OSError:
        pass
    busy = report.machine.get("load_average_at_start")
    if busy and busy[0] > 0.5:
        report.notes.append(
            f"WARNING: the machine was busy when the benchmark started (load average {busy[0]:.2f} over the "
            f"last minute, {report.machine['usable_cores']} usable cores): other processes compete for the CPU, "
            f"so the times are pessimistic, --jobs 2 most of all. Compare figures from an idle machine.")
    text = render(report)
    print(text)
    if args.output:
        data = asdict(report)
        for row, source in zip(data["rows"], report.rows):
            row["mb_per_s"] = source.mb_per_s
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(json.dumps(data, indent=2, default=str) + "\n", encoding="utf-8")
        log(f"results written to {args.output}")
    if args.fail_on_miss and any(row.result in ("MISS", "ERROR", "TIMEOUT") for row in report.rows):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
