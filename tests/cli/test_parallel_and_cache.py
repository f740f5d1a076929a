"""--jobs and the result cache: the output never depends on how or whether work was cached."""

from __future__ import annotations

import json
import shutil

import pytest

from cli.support import BAD, SEEDS, run, varied_pages, write


@pytest.fixture
def corpus(tmp_path):
    for name, text in varied_pages(20).items():
        write(tmp_path, f"pages/{name}", text)
    if SEEDS.is_dir():
        for seed in sorted(SEEDS.glob("*.txt")):
            shutil.copy(seed, tmp_path / "pages" / seed.name)
    return tmp_path


def cache_entries(directory):
    """The per-page entries (not the replayable reports of whole runs)."""
    return sorted(p for p in directory.rglob("*.json") if p.parent.name != "reports")


@pytest.mark.parametrize("output_format", ["json", "full", "sarif", "github"])
def test_jobs_and_cache_give_byte_identical_output(corpus, output_format):
    reference = run(["--output-format", output_format, "--jobs", "1", "--no-cache", "pages"], corpus)
    assert reference.rc == 1, reference
    assert reference.out
    cache = corpus / "cache"
    first = run(["--output-format", output_format, "--jobs", "2", "--cache-dir", cache, "pages"], corpus)
    assert cache_entries(cache), "the parallel run wrote no cache entries"
    cached = run(["--output-format", output_format, "--jobs", "2", "--cache-dir", cache, "pages"], corpus)
    cached_serial = run(["--output-format", output_format, "--cache-dir", cache, "pages"], corpus)
    auto = run(["--output-format", output_format, "--jobs", "auto", "--no-cache", "pages"], corpus)
    for other in (first, cached, cached_serial, auto):
        assert other.rc == reference.rc
        assert other.stdout_bytes == reference.stdout_bytes
        assert other.err == reference.err


def test_cross_page_rule_sees_every_page_in_parallel(corpus):
    result = run(["--output-format", "json", "--jobs", "2", "--select", "DRL027", "pages"], corpus)
    shared = {d["path"] for d in result.json() if "99999-SHARE" in (d["project"] or "")}
    # pages 00, 05, 10 and 15 share one reference, whichever worker linted them
    assert shared == {f"pages/page_{n:02d}.txt" for n in (0, 5, 10, 15)}


def test_default_cache_directory_and_its_gitignore(tmp_path):
    write(tmp_path, "bad.txt", BAD)
    run(["bad.txt"], tmp_path)
    cache = tmp_path / ".dreg-lint-cache"
    assert cache.is_dir()
    assert cache_entries(cache)
    assert (cache / ".gitignore").read_text(encoding="utf-8").strip().endswith("*")
    assert run(["--show-files"], tmp_path).out.splitlines() == ["bad.txt"]


def test_no_cache_writes_nothing(tmp_path):
    write(tmp_path, "bad.txt", BAD)
    run(["--no-cache", "bad.txt"], tmp_path)
    assert not (tmp_path / ".dreg-lint-cache").exists()


def test_cache_dir_flag_and_environment(tmp_path):
    write(tmp_path, "bad.txt", BAD)
    run(["--cache-dir", "mycache", "bad.txt"], tmp_path)
    assert cache_entries(tmp_path / "mycache")
    assert not (tmp_path / ".dreg-lint-cache").exists()
    run(["bad.txt"], tmp_path, env={"DREG_LINT_CACHE_DIR": str(tmp_path / "envcache")})
    assert cache_entries(tmp_path / "envcache")


def test_cache_is_read(tmp_path):
    """A planted entry is used: proof that a re-run does read the cache (and so that the other
    tests compare cached output)."""
    write(tmp_path, "bad.txt", BAD)
    run(["--cache-dir", "c", "bad.txt"], tmp_path)
    (entry,) = cache_entries(tmp_path / "c")
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["diagnostics"] = [d for d in data["diagnostics"] if d["code"] == "DRL014"]
    entry.write_text(json.dumps(data), encoding="utf-8")
    result = run(["--cache-dir", "c", "--output-format", "json", "bad.txt"], tmp_path)
    assert [d["code"] for d in result.json()] == ["DRL014"]  # another output format shares the entry
    assert run(["--cache-dir", "c", "--no-cache", "--output-format", "json", "bad.txt"], tmp_path).json() != \
        result.json()


def test_cache_is_keyed_on_content_and_configuration(tmp_path):
    write(tmp_path, "bad.txt", BAD)
    first = run(["--cache-dir", "c", "--output-format", "json", "bad.txt"], tmp_path)
    write(tmp_path, "dreg-lint.toml", "[rules.DRL010]\ngateways = ['social care act']\n")
    changed = run(["--cache-dir", "c", "--output-format", "json", "bad.txt"], tmp_path)
    assert "DRL010" in {d["code"] for d in first.json()}
    assert "DRL010" not in {d["code"] for d in changed.json()}
    (tmp_path / "dreg-lint.toml").unlink()
    write(tmp_path, "bad.txt", BAD.replace("Y, N", "Y"))
    edited = run(["--cache-dir", "c", "--output-format", "json", "bad.txt"], tmp_path)
    assert "DRL001" not in {d["code"] for d in edited.json()}
    assert run(["--cache-dir", "c", "--output-format", "json", "bad.txt"], tmp_path).json() == edited.json()


@pytest.mark.parametrize("garbage", [b"", b"{not json", b'{"path": 1}', b"\xff\xfe\x00", b'{"diagnostics": [{}]}',
                                     b"[]", b'{"path": "bad.txt", "diagnostics": [{"code": 5}], "facts": {}}'])
def test_a_corrupt_cache_entry_is_ignored(corpus, garbage):
    reference = run(["--output-format", "json", "--no-cache", "pages"], corpus)
    run(["--output-format", "json", "--cache-dir", "c", "pages"], corpus)
    entries = cache_entries(corpus / "c")
    assert len(entries) >= 20
    for entry in entries:
        entry.write_bytes(garbage)
    for jobs in ("1", "2"):
        again = run(["--output-format", "json", "--cache-dir", "c", "--jobs", jobs, "pages"], corpus)
        assert again.rc == reference.rc, again
        assert again.stdout_bytes == reference.stdout_bytes
        assert "Traceback" not in again.err


def test_jobs_with_an_error_in_one_file(corpus):
    result = run(["--output-format", "json", "--jobs", "2", "pages", "missing.txt"], corpus)
    assert result.rc == 2
    assert len(result.error_lines()) == 1
    serial = run(["--output-format", "json", "--jobs", "1", "pages", "missing.txt"], corpus)
    assert result.stdout_bytes == serial.stdout_bytes


def test_jobs_auto_is_one_process_per_core_but_one_for_a_small_run(tmp_path, monkeypatch):
    from dreg_lint import runner

    small = write(tmp_path, "small.txt", BAD)
    big = write(tmp_path, "big.txt", "x" * 1000)
    monkeypatch.setattr(runner.os, "sched_getaffinity", lambda pid: {0, 1, 2}, raising=False)
    assert runner.job_count("auto", [str(small)]) == 1
    assert runner.job_count("auto", [str(tmp_path / "missing.txt"), str(small)]) == 1
    monkeypatch.setattr(runner, "AUTO_PARALLEL_BYTES", 1000)
    assert runner.job_count("auto", [str(small), str(big)]) == 3
    assert runner.job_count("2", [str(small)]) == 2  # a number is taken as it is
    for bad in ("0", "-1", "two"):
        with pytest.raises(ValueError):
            runner.job_count(bad)


def test_the_default_lints_a_small_run_in_one_process(tmp_path):
    write(tmp_path, "bad.txt", BAD)
    result = run(["-v", "--no-cache", "bad.txt"], tmp_path)
    assert result.rc == 1
    assert "with 1 job(s)" in result.err
    assert "with 2 job(s)" in run(["-v", "--no-cache", "--jobs", "2", "bad.txt"], tmp_path).err
