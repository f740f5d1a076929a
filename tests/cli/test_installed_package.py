"""The package as users get it: a wheel built from this repository in a fresh virtual environment,
with the example plugin package installed beside it and found through its entry point.

This builds two packages and installs their dependencies from the package index, so it takes a
minute; it is marked ``slow`` but runs by default (deselect with ``-m "not slow"``).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import venv

import pytest

from cli.support import BAD, REPOSITORY, clean_env, write

pytestmark = pytest.mark.slow

_NOT_SOURCE = shutil.ignore_patterns(".git", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache",
                                     ".hypothesis", ".dreg-lint-cache", ".venv", "benchmarks", "tests", ".ci")


def _pip(python, *args):
    completed = subprocess.run([str(python), "-m", "pip", "install", "--quiet", *args], capture_output=True,
                               text=True, env=clean_env({"PIP_NO_INPUT": "1"}), timeout=900)
    assert completed.returncode == 0, completed.stdout + completed.stderr


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """A fresh environment (no system site packages) with dreg-lint and the example plugin."""
    root = tmp_path_factory.mktemp("installed")
    # Build from a copy, so that building never writes into the working tree.
    source = root / "source"
    shutil.copytree(REPOSITORY, source, ignore=_NOT_SOURCE)
    environment = root / "env"
    venv.EnvBuilder(with_pip=True, system_site_packages=False, clear=True).create(environment)
    bindir = environment / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / "python"
    _pip(python, str(source))
    _pip(python, str(source / "examples" / "plugin"))
    return python, bindir / "dreg-lint"


def _run(command, *args, cwd, env=None):
    return subprocess.run([str(command), *map(str, args)], cwd=cwd, capture_output=True, text=True,
                          env=clean_env(env), timeout=120)


def test_the_installed_package_is_not_the_working_tree(installed, tmp_path):
    python, _ = installed
    where = _run(python, "-c", "import dreg_lint, dreg_lint.grammar, dreg_lint.rules; print(dreg_lint.__file__)",
                 cwd=tmp_path)
    assert where.returncode == 0, where.stderr
    assert str(REPOSITORY) not in where.stdout
    assert "site-packages" in where.stdout
    isolated = _run(python, "-c", "import sys; print(sys.prefix != sys.base_prefix)", cwd=tmp_path)
    assert isolated.stdout.strip() == "True"
    no_system = _run(python, "-c", "import pytest", cwd=tmp_path)
    assert no_system.returncode != 0  # no system site packages leak in


def test_the_wheel_carries_the_grammar_and_the_rules(installed, tmp_path):
    _, dreg_lint = installed
    write(tmp_path, "bad.txt", BAD)
    result = _run(dreg_lint, "--output-format", "concise", "--no-plugin-autoload", "bad.txt", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert [line.split()[1] for line in result.stdout.splitlines()] == ["DRL001", "DRL011", "DRL010", "DRL014"]


def test_the_example_plugin_is_listed(installed, tmp_path):
    _, dreg_lint = installed
    result = _run(dreg_lint, "--list-rules", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    rows = [line.split() for line in result.stdout.splitlines() if line.startswith("XMP001")]
    assert rows and rows[0][1:4] == ["short-project-title", "info", "transparency"]
    assert rows[0][4] == "example"
    assert "DRL010" in result.stdout


def test_the_example_plugin_reports_a_one_word_title(installed, tmp_path):
    _, dreg_lint = installed
    write(tmp_path, "page.txt", BAD.replace("Waiting time study", "Waiting"))
    result = _run(dreg_lint, "--output-format", "json", "page.txt", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    import json

    found = [d for d in json.loads(result.stdout) if d["code"] == "XMP001"]
    assert len(found) == 1
    assert (found[0]["line"], found[0]["column"], found[0]["project"]) == (3, 1, "DARS-NIC-12345-ABCDE")
    assert "Waiting" in found[0]["message"]
    explained = _run(dreg_lint, "--explain", "XMP001", cwd=tmp_path)
    assert re.search(r"`minimum[-_]words` \(int, default 3\)", explained.stdout), explained.stdout


def test_the_example_plugin_option_and_autoload_switches(installed, tmp_path):
    _, dreg_lint = installed
    write(tmp_path, "page.txt", BAD.replace("Waiting time study", "Waiting study"))
    result = _run(dreg_lint, "--output-format", "concise", "--select", "XMP001", "page.txt", cwd=tmp_path)
    assert "XMP001" in result.stdout
    explained = _run(dreg_lint, "--explain", "XMP001", cwd=tmp_path).stdout
    option = re.search(r"`(minimum[-_]words)`", explained).group(1)
    write(tmp_path, "dreg-lint.toml", f"[rules.XMP001]\n{option} = 2\n")
    result = _run(dreg_lint, "--output-format", "concise", "--select", "XMP001", "page.txt", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout == "", result.stderr
    (tmp_path / "dreg-lint.toml").unlink()
    for args, env in ((["--no-plugin-autoload"], None), ([], {"DREG_LINT_DISABLE_PLUGIN_AUTOLOAD": "1"})):
        listing = _run(dreg_lint, "--list-rules", *args, cwd=tmp_path, env=env)
        assert listing.returncode == 0
        assert "XMP001" not in listing.stdout
        selecting = _run(dreg_lint, "--select", "XMP001", *args, "page.txt", cwd=tmp_path, env=env)
        assert selecting.returncode == 2  # with the plugin off, its code names no rule
