"""The benchmark runs: `python benchmarks/run.py --quick` exits 0 and prints every measurement row.

Timings are never asserted on: this only keeps the benchmark script working as the code changes.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import pytest

from corpus import REPOSITORY, SEEDS, SHARED

pytestmark = pytest.mark.skipif(
    not SEEDS.is_dir(),
    reason=f"the benchmark builds its corpus from {SEEDS}, which is not there (../shared is absent)",
)

SCRIPT = REPOSITORY / "benchmarks" / "run.py"


def _benchmark_module():
    spec = importlib.util.spec_from_file_location("dreg_lint_benchmark", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


# What the benchmark says it measures: every row and adversarial input must then be printed.
_BENCHMARK = _benchmark_module()
ROWS = list(_BENCHMARK.ROW_LABELS)
ADVERSARIAL = list(_BENCHMARK.ADVERSARIAL)


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory):
    output = tmp_path_factory.mktemp("benchmark") / "results.json"
    completed = subprocess.run(
        [sys.executable, str(SCRIPT), "--quick", "--shared", str(SHARED), "--output", str(output)],
        capture_output=True, text=True, timeout=600, cwd=REPOSITORY,
    )
    return completed, output


def test_quick_mode_exits_zero(quick_run):
    completed, _ = quick_run
    assert completed.returncode == 0, completed.stdout + completed.stderr


def table_rows(output: str) -> list[str]:
    """The lines of the main table: after its header and dashed rule, up to the first blank line."""
    lines = output.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("#") and "measurement" in line)
    rows = []
    for line in lines[header + 2:]:
        if not line.strip():
            break
        rows.append(line)
    return rows


def test_the_table_has_every_measurement_row(quick_run):
    completed, _ = quick_run
    rows = table_rows(completed.stdout)
    for number, label in ROWS:
        assert any(line.startswith(number) and label in line for line in rows), (
            f"row {number} `{label}` is missing from the table:\n{completed.stdout}"
        )
    assert "Machine:" in completed.stdout
    assert "(lark-cython)" in completed.stdout or "(pure-Python lark)" in completed.stdout
    for name in ADVERSARIAL:
        assert name in completed.stdout, f"adversarial input `{name}` is missing:\n{completed.stdout}"


def test_every_row_has_a_result(quick_run):
    completed, _ = quick_run
    rows = table_rows(completed.stdout)
    assert len(rows) == len(ROWS)
    for line in rows:
        assert line.split()[-1] in {"PASS", "MISS", "SKIP", "INFO", "ERROR", "TIMEOUT"}, line


def test_the_json_results_have_every_row(quick_run):
    _, output = quick_run
    data = json.loads(output.read_text(encoding="utf-8"))
    assert [(row["number"], row["label"]) for row in data["rows"]] == ROWS
    assert [entry["input"] for entry in data["adversarial"]] == ADVERSARIAL
    assert data["machine"]["python"]
    # which parser rows 2-4 ran on, as this environment (which the benchmark inherits) selects it
    from dreg_lint.grammar_loader import accelerator_plugins

    expected = "lark-cython" if accelerator_plugins() is not None else "pure-Python lark"
    assert data["machine"]["lark_parser"] == expected


def test_a_missing_shared_folder_is_a_clear_error(tmp_path):
    completed = subprocess.run(
        [sys.executable, str(SCRIPT), "--quick", "--shared", str(tmp_path / "nowhere")],
        capture_output=True, text=True, timeout=60, cwd=REPOSITORY,
    )
    assert completed.returncode == 2
    assert "--shared" in completed.stderr


def test_rounds_keep_the_fastest_run_and_the_largest_peak():
    benchmark = _benchmark_module()
    result = benchmark.CommandResult

    fast = result(["dreg-lint"], seconds=1.0, status=0, maxrss_mb=30.0, tree_peak_mb=None)
    slow = result(["dreg-lint"], seconds=2.0, status=0, maxrss_mb=40.0, tree_peak_mb=90.0)
    kept = benchmark.better(benchmark.better(None, slow), fast)
    assert (kept.seconds, kept.maxrss_mb, kept.tree_peak_mb) == (1.0, 40.0, 90.0)
    failed = result(["dreg-lint"], seconds=0.5, status=2, stderr="boom")
    assert benchmark.better(kept, failed).status == 2  # a failure is the result, however fast
    assert benchmark.better(failed, fast).status == 2


def test_row_5_compares_the_cpu_time_of_both_runs(quick_run):
    _, output = quick_run
    rows = {(row["number"], row["label"]): row for row in json.loads(output.read_text(encoding="utf-8"))["rows"]}
    note = rows["5", "dreg-lint --jobs 2"]["note"]
    if "only one usable core" in note:
        return  # then two processes share one core, and their CPU time says nothing more
    assert "CPU time of 5's processes" in note and "x 4's" in note, note


def test_the_cpu_note_gives_both_times_and_their_ratio():
    benchmark = _benchmark_module()
    serial = benchmark.CommandResult(["dreg-lint"], seconds=6.0, status=0, cpu_seconds=5.9)
    parallel = benchmark.CommandResult(["dreg-lint"], seconds=3.5, status=0, cpu_seconds=8.26)
    assert benchmark.cpu_note(serial, parallel) == "CPU time of 5's processes 8.26 s, 1.40x 4's 5.90 s"
