"""--write-baseline and --baseline: accepted findings stay quiet, new ones are reported."""

from __future__ import annotations

import json

from cli.support import BAD, WARNING_ONLY, codes, run, write


def test_write_baseline_then_baseline_reports_nothing(tmp_path):
    write(tmp_path, "bad.txt", BAD)
    write(tmp_path, "warn.txt", WARNING_ONLY)
    result = run(["--write-baseline", "baseline.json"], tmp_path)
    assert result.rc == 0, result  # writing a baseline exits 0 whatever it found
    assert result.out == ""
    data = json.loads((tmp_path / "baseline.json").read_text(encoding="utf-8"))
    assert len(data["entries"]) == 5
    assert {entry["code"] for entry in data["entries"]} == {"DRL001", "DRL011", "DRL010", "DRL014", "DRL009"}
    result = run(["--baseline", "baseline.json"], tmp_path)
    assert result.rc == 0, result
    assert result.out == ""
    assert "Found 0 findings" in result.err
    assert "0 baseline entries no longer match" in result.err


def test_baseline_survives_inserted_lines_above_the_findings(tmp_path):
    write(tmp_path, "bad.txt", BAD)
    run(["--write-baseline", "baseline.json"], tmp_path)
    lines = BAD.splitlines(keepends=True)
    inserted = lines[:2] + ["- An index line added above every project\n", "- and another one\n"] + lines[2:]
    write(tmp_path, "bad.txt", "".join(inserted))
    moved = run(["--output-format", "json", "--isolated", "bad.txt"], tmp_path)
    assert {d["line"] for d in moved.json()} == {7, 8}  # the findings did move down two lines
    result = run(["--output-format", "json", "--baseline", "baseline.json", "bad.txt"], tmp_path)
    assert result.rc == 0, result
    assert result.json() == []


def test_new_findings_are_reported(tmp_path):
    write(tmp_path, "bad.txt", BAD)
    run(["--write-baseline", "baseline.json"], tmp_path)
    write(tmp_path, "new.txt", WARNING_ONLY)
    # and a second project on the baselined page with a new finding
    write(tmp_path, "bad.txt", BAD + BAD.split("projects\n", 1)[1].replace("12345-ABCDE", "77777-NEWNE")
          .replace("Waiting time study", "Second waiting time study").replace("Y, N", "Y"))
    result = run(["--output-format", "json", "--baseline", "baseline.json"], tmp_path)
    assert result.rc == 1, result
    found = {(d["path"], d["code"], d["project"]) for d in result.json()}
    assert ("new.txt", "DRL009", "DARS-NIC-54323-QWERV") in found
    assert ("bad.txt", "DRL010", "DARS-NIC-77777-NEWNE") in found
    assert not {f for f in found if f[2] == "DARS-NIC-12345-ABCDE"}


def test_a_second_identical_finding_is_new(tmp_path):
    write(tmp_path, "bad.txt", BAD)
    run(["--write-baseline", "baseline.json"], tmp_path)
    # The same project copied: the second copy's findings are over the baseline's counts.
    write(tmp_path, "bad.txt", BAD + BAD.split("projects\n", 1)[1])
    result = run(["--output-format", "json", "--baseline", "baseline.json", "--select", "DRL010"], tmp_path)
    assert len(result.json()) == 1


def test_stale_entries_are_counted_in_the_summary(tmp_path):
    write(tmp_path, "bad.txt", BAD)
    run(["--write-baseline", "baseline.json"], tmp_path)
    write(tmp_path, "bad.txt", BAD.replace("Y, N", "Y"))  # DRL001 and DRL011 fixed
    result = run(["--baseline", "baseline.json"], tmp_path)
    assert result.rc == 0, result
    assert "2 baseline entries no longer match" in result.err
    write(tmp_path, "bad.txt", BAD.replace("Y, N", "Y").replace("Type of data: Identifiable",
                                                                  "Type of data: Pseudonymised"))
    result = run(["--baseline", "baseline.json"], tmp_path)  # DRL010 fixed too
    assert "3 baseline entries no longer match" in result.err, result


def test_quiet_hides_the_summary_but_not_findings(tmp_path):
    write(tmp_path, "bad.txt", BAD)
    run(["--write-baseline", "baseline.json", "--select", "DRL010"], tmp_path)
    result = run(["--baseline", "baseline.json", "--quiet", "--output-format", "concise"], tmp_path)
    assert result.rc == 1
    assert result.err == ""
    assert sorted(line.split()[1] for line in result.out.splitlines()) == ["DRL001", "DRL011", "DRL014"]


def test_missing_or_broken_baseline_is_exit_2(tmp_path):
    write(tmp_path, "bad.txt", BAD)
    result = run(["--baseline", "nope.json"], tmp_path)
    assert result.rc == 2
    (line,) = result.error_lines()
    assert "nope.json" in line
    write(tmp_path, "broken.json", "{not json")
    result = run(["--baseline", "broken.json"], tmp_path)
    assert result.rc == 2
    (line,) = result.error_lines()
    assert "broken.json" in line
    write(tmp_path, "other.json", '{"entries": [1, 2]}')
    assert run(["--baseline", "other.json"], tmp_path).rc == 2


def test_write_baseline_to_an_unwritable_place_is_exit_2(tmp_path):
    write(tmp_path, "bad.txt", BAD)
    result = run(["--write-baseline", "no/such/dir/baseline.json"], tmp_path)
    assert result.rc == 2
    (line,) = result.error_lines()
    assert "baseline.json" in line
    assert "Traceback" not in result.err


def test_baseline_from_the_configuration(tmp_path):
    write(tmp_path, "bad.txt", BAD)
    run(["--write-baseline", "accepted.json"], tmp_path)
    write(tmp_path, "dreg-lint.toml", 'baseline = "accepted.json"\n')
    result = run(["--output-format", "json"], tmp_path)
    assert result.rc == 0, result
    assert result.json() == []
    assert codes(run(["--output-format", "json", "--isolated"], tmp_path))


def test_baseline_written_from_stdin_matches_the_file(tmp_path):
    write(tmp_path, "bad.txt", BAD)
    run(["--write-baseline", "baseline.json", "--stdin-filename", "bad.txt", "-"], tmp_path, input=BAD)
    result = run(["--baseline", "baseline.json", "bad.txt"], tmp_path)
    assert result.rc == 0, result
