"""The pre-commit hook, run for real: a user's repository names this repository and its HEAD commit.

pre-commit clones the committed HEAD and installs dreg-lint from it into an environment of its own,
so this checks the committed code and .pre-commit-hooks.yaml (not the working tree). It needs the
package index for dreg-lint's dependencies; it is marked ``slow`` but runs by default.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cli.support import BAD, CLEAN, REPOSITORY, clean_env, write

pytestmark = pytest.mark.slow


def _pre_commit() -> list[str]:
    beside = Path(sys.executable).with_name("pre-commit")
    if beside.is_file():
        return [str(beside)]
    found = shutil.which("pre-commit")
    return [found] if found else [sys.executable, "-m", "pre_commit"]


def _head() -> str:
    completed = subprocess.run(["git", "-C", str(REPOSITORY), "rev-parse", "HEAD"], capture_output=True, text=True)
    if completed.returncode != 0:
        pytest.skip("the repository is not a git checkout")
    return completed.stdout.strip()


def _git(directory, *args):
    subprocess.run(["git", *args], cwd=directory, check=True, capture_output=True,
                   env=clean_env({"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
                                  "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}))


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory):
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def user_repository(tmp_path):
    _git(tmp_path, "init", "-q")
    write(tmp_path, ".pre-commit-config.yaml",
          f"repos:\n- repo: {REPOSITORY}\n  rev: {_head()}\n  hooks:\n  - id: dreg-lint\n")
    return tmp_path


def pre_commit_run(directory, home):
    _git(directory, "add", "-A")
    return subprocess.run([*_pre_commit(), "run", "--all-files", "--color", "never"], cwd=directory,
                          capture_output=True, text=True, env=clean_env({"PRE_COMMIT_HOME": str(home)}),
                          timeout=900)


def test_pre_commit_fails_on_a_page_with_a_finding(user_repository, pre_commit_home):
    write(user_repository, "pages/clean.txt", CLEAN)
    write(user_repository, "pages/bad.txt", BAD)
    completed = pre_commit_run(user_repository, pre_commit_home)
    assert completed.returncode == 1, completed.stdout + completed.stderr
    assert "dreg-lint" in completed.stdout and "Failed" in completed.stdout
    assert "pages/bad.txt:6:14: DRL010" in completed.stdout
    assert "pages/clean.txt" not in completed.stdout


def test_pre_commit_passes_on_a_clean_page(user_repository, pre_commit_home):
    write(user_repository, "pages/clean.txt", CLEAN)
    write(user_repository, "notes.md", BAD)  # not a .txt file: the hook does not see it
    completed = pre_commit_run(user_repository, pre_commit_home)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "Passed" in completed.stdout


def test_pre_commit_honours_exclude_through_force_exclude(user_repository, pre_commit_home):
    write(user_repository, "pages/clean.txt", CLEAN)
    write(user_repository, "archive/bad.txt", BAD)
    write(user_repository, "dreg-lint.toml", 'exclude = ["archive/"]\n')
    completed = pre_commit_run(user_repository, pre_commit_home)
    assert completed.returncode == 0, completed.stdout + completed.stderr
