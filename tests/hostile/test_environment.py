"""A hostile environment: broken configuration, unwritable cache and output, a reader that goes away,
and Ctrl-C in the middle of a run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from cli.support import BAD, DREG_LINT, assert_no_traceback, clean_env, run, write


@pytest.mark.parametrize(
    ("name", "content", "position"),
    [
        ("pyproject.toml", "[tool.dreg-lint]\nselect = [\"DRL001\"\nignore = []\n", "line 3"),
        ("dreg-lint.toml", "select = \n", "line 1"),
        (".dreg-lint.toml", "a = 1\na = 2\n", "line 2"),
        ("dreg-lint.toml", "[rules\n", "line 1"),
        ("dreg-lint.toml", b"select = [\"\xff\"]\n", "line 1"),
    ],
)
def test_malformed_toml_names_the_file_and_position(tmp_path, name, content, position):
    write(tmp_path, "bad.txt", BAD)
    write(tmp_path, name, content)
    result = run(["bad.txt"], tmp_path)
    assert result.rc == 2, result
    (line,) = result.error_lines()
    assert name in line and position in line, line
    assert result.out == ""
    assert_no_traceback(result)


def test_cache_directory_that_cannot_be_created(tmp_path):
    write(tmp_path, "bad.txt", BAD)
    write(tmp_path, "afile", "I am a file, not a directory")
    reference = run(["--output-format", "json", "--no-cache", "bad.txt"], tmp_path)
    for jobs in ("1", "2"):
        write(tmp_path, "other.txt", BAD.replace("12345-ABCDE", "99999-ZZZZZ"))
        result = run(["--output-format", "json", "--cache-dir", "afile/cache", "--jobs", jobs, "bad.txt"], tmp_path)
        assert result.rc == 1, result
        assert result.stdout_bytes == reference.stdout_bytes
        assert result.error_lines() == []
        assert_no_traceback(result)
    assert (tmp_path / "afile").read_text() == "I am a file, not a directory"


def test_default_cache_location_taken_by_a_file(tmp_path):
    write(tmp_path, "bad.txt", BAD)
    write(tmp_path, ".dreg-lint-cache", "not a directory")
    result = run(["--output-format", "json", "bad.txt"], tmp_path)
    assert result.rc == 1, result
    assert [d["code"] for d in result.json()] == ["DRL001", "DRL011", "DRL010", "DRL014"]
    assert result.error_lines() == []


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="running as root: chmod stops nothing")
def test_read_only_cache_directory(tmp_path):
    write(tmp_path, "bad.txt", BAD)
    cache = tmp_path / "cache"
    cache.mkdir()
    cache.chmod(0o500)
    try:
        result = run(["--output-format", "json", "--cache-dir", cache, "bad.txt"], tmp_path)
        assert result.rc == 1 and result.error_lines() == [], result
    finally:
        cache.chmod(0o700)


@pytest.mark.parametrize("target", ["no/such/directory/report.json", "afile/report.json"])
def test_unwritable_output_file(tmp_path, target):
    write(tmp_path, "bad.txt", BAD)
    write(tmp_path, "afile", "x")
    result = run(["--output-format", "json", "-o", target, "bad.txt"], tmp_path)
    assert result.rc == 2, result
    (line,) = result.error_lines()
    assert target in line
    assert_no_traceback(result)


def test_output_file_that_is_a_directory(tmp_path):
    write(tmp_path, "bad.txt", BAD)
    (tmp_path / "out").mkdir()
    result = run(["-o", "out", "bad.txt"], tmp_path)
    assert result.rc == 2, result
    (line,) = result.error_lines()
    assert "out" in line
    assert_no_traceback(result)


def _many_projects(count: int) -> str:
    header = "NHS Digital Data Release Register - reformatted\nHuge Example Trust projects\n"
    return header + "".join(
        f"Audit {n} — NIC-{10000 + n}-AB{n % 10}CD\nType of data: Identifiable\nOpt outs honoured: Y, N\n"
        f"Legal basis: Health and Social Care Act 2012\nObjectives:\nCounts.\n" for n in range(count))


@pytest.mark.parametrize("command", ["script", "module"])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_output_piped_into_head(tmp_path, command, jobs):
    write(tmp_path, "a.txt", _many_projects(1500))
    write(tmp_path, "b.txt", _many_projects(1500).replace("Audit", "Review"))
    argv = [DREG_LINT] if command == "script" else [sys.executable, "-m", "dreg_lint.cli"]
    shell = f"{' '.join(argv)} --jobs {jobs} --no-cache --isolated . | head -1"
    completed = subprocess.run(["sh", "-c", shell], cwd=tmp_path, capture_output=True, env=clean_env(),
                               timeout=120)
    assert completed.stdout.count(b"\n") == 1
    assert completed.stdout.startswith(b"a.txt:")
    assert b"Traceback" not in completed.stderr, completed.stderr
    assert b"BrokenPipeError" not in completed.stderr, completed.stderr
    assert b"Exception ignored" not in completed.stderr, completed.stderr


def test_reader_closing_the_pipe_early(tmp_path):
    write(tmp_path, "a.txt", _many_projects(3000))
    process = subprocess.Popen([DREG_LINT, "--isolated", "--no-cache", "--output-format", "json-lines", "a.txt"],
                               cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=clean_env())
    process.stdout.readline()
    process.stdout.close()
    _, stderr = process.communicate(timeout=120)
    assert b"Traceback" not in stderr and b"Exception ignored" not in stderr, stderr
    assert process.returncode in (0, 1, 2, -signal.SIGPIPE, 128 + signal.SIGPIPE), process.returncode


def _interrupt_while_linting(tmp_path, args, group: bool):
    """Start a long run, wait until it has created its cache (linting has begun), send SIGINT."""
    cache = tmp_path / "cache"
    process = subprocess.Popen([DREG_LINT, "--isolated", "--cache-dir", cache, *args], cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=clean_env(),
                               start_new_session=True)
    deadline = time.monotonic() + 60
    while not (cache / ".gitignore").exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert process.poll() is None, "the run ended before it could be interrupted: make the input larger"
    time.sleep(0.5)  # well into the linting
    if group:
        os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
    else:
        os.kill(process.pid, signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    return process.returncode, stdout, stderr, cache


@pytest.fixture
def big_site(tmp_path):
    for number in range(8):
        write(tmp_path, f"pages/p{number}.txt", _many_projects(3000).replace("Audit", f"Audit{number}"))
    return tmp_path


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("group", [False, True], ids=["process", "group"])
def test_ctrl_c(big_site, jobs, group):
    returncode, stdout, stderr, cache = _interrupt_while_linting(
        big_site, ["--jobs", jobs, "--write-baseline", "baseline.json", "pages"], group)
    assert returncode == 130, (returncode, stderr)
    assert b"Traceback" not in stderr, stderr
    assert [line for line in stderr.decode().splitlines() if line.strip()] == ["dreg-lint: interrupted"]
    assert not (big_site / "baseline.json").exists()
    assert not [p for p in big_site.rglob("*") if p.name.startswith(".tmp-") or p.suffix == ".part"]
    for entry in cache.rglob("*.json"):  # whatever is in the cache is whole
        import json

        json.loads(entry.read_text(encoding="utf-8"))


def test_ctrl_c_does_not_leave_a_half_written_report(big_site):
    write(big_site, "report.json", "[]\n")
    returncode, _, stderr, _ = _interrupt_while_linting(
        big_site, ["--output-format", "json", "-o", "report.json", "pages"], group=True)
    assert returncode == 130, stderr
    assert (big_site / "report.json").read_text() == "[]\n"


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_a_terminal_that_cannot_show_unicode(tmp_path, encoding):
    write(tmp_path, "bad.txt", BAD)
    write(tmp_path, "other.txt", BAD.replace("Lakeside", "Łąkowy"))  # DRL027: both pages list one reference
    reference = run(["--output-format", "json", "."], tmp_path)
    env = {"PYTHONIOENCODING": encoding}
    full = run(["--select", "DRL027,DRL010", "."], tmp_path, env=env)
    assert full.rc == 1, full
    assert "Waiting time study \\u2014 DARS-NIC-12345-ABCDE" in full.stdout_bytes.decode(encoding)
    assert_no_traceback(full)
    for output_format in ("json", "sarif", "gitlab", "junit", "github", "json-lines"):
        result = run(["--output-format", output_format, "."], tmp_path, env=env)
        assert result.rc == 1, result
        assert result.stdout_bytes == run(["--output-format", output_format, "."], tmp_path).stdout_bytes
    assert run(["--output-format", "json", "."], tmp_path, env=env).json() == reference.json()
