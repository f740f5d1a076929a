"""The report cache: a re-run with nothing changed replays the last report, and anything the report
depends on changing means it is not replayed."""

from __future__ import annotations

import json
import os

import pytest

from cli.support import BAD, run, write
from dreg_lint.report_cache import KEEP


def reports(cache):
    return sorted((cache / "reports").glob("*.json")) if (cache / "reports").is_dir() else []


def plant(cache, text: str) -> None:
    """Replace every stored report with ``text``: a replayed report then shows it."""
    for record in reports(cache):
        record.with_suffix(".report").write_text(text, encoding="utf-8")


@pytest.mark.parametrize("output_format", ["full", "json", "sarif", "github", "junit"])
def test_an_unchanged_rerun_replays_the_same_report_status_and_summary(tmp_path, output_format):
    write(tmp_path, "pages/bad.txt", BAD)
    args = ["--output-format", output_format, "--cache-dir", "c", "pages"]
    first = run(args, tmp_path)
    assert first.rc == 1 and first.out
    assert len(reports(tmp_path / "c")) == 1
    again = run(args, tmp_path)
    assert (again.rc, again.stdout_bytes, again.err) == (first.rc, first.stdout_bytes, first.err)
    assert again.err.startswith("Found ")
    plant(tmp_path / "c", "REPLAYED\n")
    assert run(args, tmp_path).out == "REPLAYED\n"  # proof that it was replayed, not linted again


def test_the_replayed_report_goes_to_the_output_file(tmp_path):
    write(tmp_path, "bad.txt", BAD)
    args = ["--output-format", "json", "--cache-dir", "c", "-o", "report.json", "bad.txt"]
    assert run(args, tmp_path).rc == 1
    first = (tmp_path / "report.json").read_bytes()
    (tmp_path / "report.json").unlink()
    assert run(args, tmp_path).rc == 1
    assert (tmp_path / "report.json").read_bytes() == first


def test_editing_touching_or_adding_a_page_is_not_replayed(tmp_path):
    write(tmp_path, "pages/bad.txt", BAD)
    args = ["--output-format", "json", "--cache-dir", "c", "pages"]
    run(args, tmp_path)
    plant(tmp_path / "c", "STALE\n")
    write(tmp_path, "pages/bad.txt", BAD.replace("Y, N", "Y"))
    edited = run(args, tmp_path)
    assert "DRL001" not in {d["code"] for d in edited.json()}
    plant(tmp_path / "c", "STALE\n")
    stat = (tmp_path / "pages/bad.txt").stat()
    os.utime(tmp_path / "pages/bad.txt", ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert run(args, tmp_path).json() == edited.json()
    plant(tmp_path / "c", "STALE\n")
    write(tmp_path, "pages/other.txt", BAD)
    assert {d["path"] for d in run(args, tmp_path).json()} == {"pages/bad.txt", "pages/other.txt"}


@pytest.mark.parametrize("change", [
    ["--output-format", "concise"], ["--select", "DRL001"], ["--fail-on", "error"], ["--statistics"],
    ["--exit-zero"], ["-q"],
])
def test_other_arguments_are_other_reports(tmp_path, change):
    write(tmp_path, "bad.txt", BAD)
    run(["--cache-dir", "c", "bad.txt"], tmp_path)
    plant(tmp_path / "c", "STALE\n")
    changed = run(["--cache-dir", "c", *change, "bad.txt"], tmp_path)
    assert "STALE" not in changed.out
    assert len(reports(tmp_path / "c")) == 2


def test_configuration_and_baseline_changes_are_not_replayed(tmp_path):
    write(tmp_path, "bad.txt", BAD)
    args = ["--output-format", "json", "--cache-dir", "c", "bad.txt"]
    run(args, tmp_path)
    plant(tmp_path / "c", "STALE\n")
    write(tmp_path, "dreg-lint.toml", "[rules.DRL010]\ngateways = ['social care act']\n")
    configured = run(args, tmp_path)
    assert "DRL010" not in {d["code"] for d in configured.json()}
    assert run(["--cache-dir", "c", "--write-baseline", "base.json", "bad.txt"], tmp_path).rc == 0
    with_baseline = ["--baseline", "base.json", *args]
    assert run(with_baseline, tmp_path).json() == []
    plant(tmp_path / "c", "STALE\n")
    baseline = json.loads((tmp_path / "base.json").read_text(encoding="utf-8"))
    write(tmp_path, "base.json", json.dumps({**baseline, "entries": baseline["entries"][:1]}))
    assert run(with_baseline, tmp_path).json() != []


def test_runs_with_errors_standard_input_or_no_cache_are_never_kept(tmp_path):
    write(tmp_path, "bad.txt", BAD)
    assert run(["--cache-dir", "c", "bad.txt", "missing.txt"], tmp_path).rc == 2
    assert run(["--cache-dir", "c", "-"], tmp_path, input=BAD).rc == 1
    assert run(["--cache-dir", "c", "-v", "bad.txt"], tmp_path).rc == 1
    assert reports(tmp_path / "c") == []
    run(["--no-cache", "bad.txt"], tmp_path)
    assert not (tmp_path / ".dreg-lint-cache").exists()


def test_only_the_newest_reports_are_kept(tmp_path):
    write(tmp_path, "bad.txt", BAD)
    for number in range(KEEP + 3):
        run(["--cache-dir", "c", "--select", f"DRL0{number + 1:02d}", "bad.txt"], tmp_path)
    assert len(reports(tmp_path / "c")) == KEEP
    assert len(list((tmp_path / "c" / "reports").glob("*.report"))) == KEEP
    assert not list((tmp_path / "c" / "reports").glob(".tmp-*"))


@pytest.mark.parametrize("garbage", [b"", b"{not json", b"[]", b'{"status": "1"}', b"\xff\xfe"])
def test_a_corrupt_record_is_ignored(tmp_path, garbage):
    write(tmp_path, "bad.txt", BAD)
    args = ["--output-format", "json", "--cache-dir", "c", "bad.txt"]
    first = run(args, tmp_path)
    for record in reports(tmp_path / "c"):
        record.write_bytes(garbage)
    again = run(args, tmp_path)
    assert (again.rc, again.stdout_bytes) == (first.rc, first.stdout_bytes)
    assert "Traceback" not in again.err
    for record in reports(tmp_path / "c"):
        record.with_suffix(".report").unlink()
    assert run(args, tmp_path).stdout_bytes == first.stdout_bytes
