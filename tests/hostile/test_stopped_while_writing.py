"""A process stopped with SIGTERM while it writes a file atomically: the way the main process of an
interrupted parallel run stops its workers, whatever they are doing. Each script below sends the
signal to itself at the worst moment, just after the temporary file is created."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import textwrap

from cli.support import BAD, clean_env, write

_STOPPED_ONCE_THE_TEMPORARY_FILE_EXISTS = """
import os, signal, tempfile

create = tempfile.mkstemp


def create_then_stopped(*args, **kwargs):
    created = create(*args, **kwargs)
    os.kill(os.getpid(), signal.SIGTERM)
    return created


tempfile.mkstemp = create_then_stopped
"""


def _run(tmp_path, script: str) -> subprocess.CompletedProcess:
    program = textwrap.dedent(_STOPPED_ONCE_THE_TEMPORARY_FILE_EXISTS) + textwrap.dedent(script)
    return subprocess.run([sys.executable, "-c", program], cwd=tmp_path, capture_output=True,
                          env=clean_env(), timeout=60)


def _files(directory) -> list[str]:
    return sorted(str(path.relative_to(directory)) for path in directory.rglob("*") if path.is_file())


def test_without_holding_the_signal_a_temporary_file_is_left_behind(tmp_path):
    # What the hold is for: SIGTERM kills the process wherever it is.
    (tmp_path / "out").mkdir()
    completed = _run(tmp_path, """
        from dreg_lint.atomic import write_atomically
        write_atomically("out/report.txt", "the whole report")
    """)
    assert completed.returncode == -signal.SIGTERM
    [left] = _files(tmp_path)
    assert re.fullmatch(r"out/\.tmp-\w+\.part", left), left


def test_a_held_signal_waits_until_the_file_is_in_place(tmp_path):
    (tmp_path / "out").mkdir()
    completed = _run(tmp_path, """
        import signal
        from dreg_lint.atomic import hold_while_writing, write_atomically
        hold_while_writing([signal.SIGTERM])
        write_atomically("out/report.txt", "the whole report")
        print("still running after the write", flush=True)
    """)
    assert completed.returncode == -signal.SIGTERM
    assert completed.stdout == b""  # the signal took effect as soon as the write ended
    assert _files(tmp_path) == ["out/report.txt"]
    assert (tmp_path / "out/report.txt").read_text() == "the whole report"


def test_a_held_signal_waits_until_a_failed_write_has_removed_its_temporary_file(tmp_path):
    (tmp_path / "out").mkdir()
    completed = _run(tmp_path, """
        import signal
        from dreg_lint.atomic import hold_while_writing, open_atomically
        hold_while_writing([signal.SIGTERM])
        try:
            with open_atomically("out/report.txt") as stream:
                stream.write("half a report")
                raise RuntimeError("the report could not be finished")
        finally:
            print("still running after the write", flush=True)
    """)
    assert completed.returncode == -signal.SIGTERM
    assert completed.stdout == b""
    assert _files(tmp_path) == []


def test_a_worker_stopped_while_it_writes_a_cache_entry_leaves_no_temporary_file(tmp_path):
    write(tmp_path, "bad.txt", BAD)
    write(tmp_path, "cache/.gitignore", "*\n")  # so that the first file the worker writes is the entry
    completed = _run(tmp_path, """
        from dreg_lint import runner
        from dreg_lint.settings import Settings
        runner._start_worker(runner.Job(Settings(), "cache", "salt"))
        runner._work("bad.txt")
        print("still running after the page", flush=True)
    """)
    assert completed.returncode == -signal.SIGTERM, completed.stderr
    assert completed.stdout == b""
    entries = [name for name in _files(tmp_path / "cache") if name != ".gitignore"]
    assert len(entries) == 1 and entries[0].endswith(".json"), entries  # the entry, and nothing half-written
    assert json.loads((tmp_path / "cache" / entries[0]).read_text(encoding="utf-8"))["path"] == "bad.txt"
