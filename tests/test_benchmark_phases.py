"""`benchmarks/phases.py` runs on pages of our own: it times every phase, runs one phase quietly for
counting its instructions, and refuses a path that is not a directory. Timings are never asserted on."""

from __future__ import annotations

import shutil
import subprocess
import sys

from corpus import REPOSITORY

SCRIPT = REPOSITORY / "benchmarks" / "phases.py"
PAGES = REPOSITORY / "tests" / "fixtures" / "pages"


def _run(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), *arguments], capture_output=True, text=True, timeout=120)


def test_every_phase_is_timed(tmp_path):
    for page in sorted(PAGES.glob("*.txt"))[:4]:
        shutil.copy(page, tmp_path / page.name)
    result = _run(str(tmp_path), "--repeat", "1")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].endswith("MB of pages, best of 1 rounds")
    assert [line.split()[0] for line in lines[1:5]] == ["bare", "model-lark", "parse", "lint"]
    assert "building the model" in lines[5] and "rules and findings" in lines[5]


def test_one_phase_runs_quietly_for_counting(tmp_path):
    shutil.copy(sorted(PAGES.glob("*.txt"))[0], tmp_path / "page.txt")
    result = _run(str(tmp_path), "--phase", "lint")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_a_path_that_is_not_a_directory_is_refused(tmp_path):
    result = _run(str(tmp_path / "missing"))
    assert result.returncode == 2
    assert result.stderr.strip() == f"phases.py: {tmp_path / 'missing'} is not a directory"
