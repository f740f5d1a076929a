"""Every output format through the installed command, parsed back; -o FILE."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ElementTree

import pytest

from cli.support import BAD, WARNING_ONLY, run, write

JSON_FIELDS = {"code", "name", "severity", "message", "path", "line", "column", "end_line", "end_column",
               "project", "project_line", "fingerprint"}


@pytest.fixture
def pages(tmp_path):
    # Two pages with findings, named so that path order differs from the order they were written in.
    write(tmp_path, "zeta.txt", BAD)
    write(tmp_path, "alpha/page.txt", WARNING_ONLY)
    write(tmp_path, "beta.txt", BAD.replace("12345-ABCDE", "22345-ABCDE"))
    return tmp_path


def report(directory, output_format, *args):
    result = run(["--output-format", output_format, *args], directory)
    assert result.rc == 1, result
    return result


def test_json_fields_and_order(pages):
    diagnostics = report(pages, "json").json()
    assert isinstance(diagnostics, list) and len(diagnostics) == 9
    for diagnostic in diagnostics:
        assert set(diagnostic) == JSON_FIELDS
        assert diagnostic["severity"] in ("error", "warning", "info")
        assert isinstance(diagnostic["line"], int) and diagnostic["line"] >= 1
        assert isinstance(diagnostic["column"], int) and diagnostic["column"] >= 1
        assert (diagnostic["end_line"], diagnostic["end_column"]) >= (diagnostic["line"], diagnostic["column"])
        assert re.fullmatch(r"[0-9a-f]{16,}", diagnostic["fingerprint"])
    keys = [(d["path"], d["line"], d["column"], d["code"]) for d in diagnostics]
    assert keys == sorted(keys)
    assert [d["path"] for d in diagnostics][:2] == ["alpha/page.txt", "beta.txt"]


def test_json_values_for_a_known_finding(pages):
    diagnostics = report(pages, "json", "zeta.txt").json()
    by_code = {d["code"]: d for d in diagnostics}
    assert by_code["DRL010"] == {
        "code": "DRL010", "name": "identifiable-without-lawful-gateway", "severity": "error",
        "message": by_code["DRL010"]["message"], "path": "zeta.txt",
        "line": 6, "column": 14, "end_line": 6, "end_column": 45,  # "Health and Social Care Act 2012"
        "project": "DARS-NIC-12345-ABCDE", "project_line": 3,
        "fingerprint": by_code["DRL010"]["fingerprint"],
    }
    assert "Health and Social Care Act 2012" in by_code["DRL010"]["message"]


def test_json_is_an_empty_array_when_clean(tmp_path):
    from cli.support import CLEAN

    write(tmp_path, "clean.txt", CLEAN)
    result = run(["--output-format", "json", "clean.txt"], tmp_path)
    assert result.rc == 0
    assert result.json() == []


def test_json_lines_are_the_json_objects(pages):
    as_array = report(pages, "json").json()
    lines = report(pages, "json-lines").out.splitlines()
    assert [json.loads(line) for line in lines] == as_array


def test_sarif_has_what_github_code_scanning_requires(pages):
    sarif = report(pages, "sarif").json()
    assert sarif["version"] == "2.1.0"
    assert "sarif" in sarif["$schema"] and sarif["$schema"].startswith("https://")
    assert len(sarif["runs"]) == 1
    run_ = sarif["runs"][0]
    driver = run_["tool"]["driver"]
    assert driver["name"] == "dreg-lint"
    assert re.fullmatch(r"\d+\.\d+\.\d+.*", driver["semanticVersion"])
    rules = driver["rules"]
    ids = [rule["id"] for rule in rules]
    assert len(ids) == len(set(ids))
    for rule in rules:
        assert rule["name"] and rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["help"]["text"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    assert len(run_["results"]) == 9
    for result in run_["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note")
        assert result["message"]["text"]
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        uri = physical["artifactLocation"]["uri"]
        assert uri in ("zeta.txt", "beta.txt", "alpha/page.txt")  # repository-relative, forward slashes
        region = physical["region"]
        assert {"startLine", "startColumn", "endLine", "endColumn"} <= set(region)
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        assert result["partialFingerprints"]["primaryLocationLineHash"]
    levels = {r["ruleId"]: r["level"] for r in run_["results"]}
    assert levels["DRL010"] == "error" and levels["DRL001"] == "warning" and levels["DRL014"] == "note"


def test_sarif_uri_is_relative_even_for_dot_slash_paths(pages):
    sarif = report(pages, "sarif", "./zeta.txt").json()
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]}
    assert uris == {"zeta.txt"}


GITHUB = re.compile(r"^::(error|warning|notice) file=([^,]*),line=(\d+),col=(\d+),endLine=(\d+),endColumn=(\d+),"
                    r"title=dreg-lint \((DRL\d{3})\)::(.*)$")


def test_github_workflow_commands(pages):
    lines = report(pages, "github").out.splitlines()
    assert len(lines) == 9
    diagnostics = report(pages, "json").json()
    for line, diagnostic in zip(lines, diagnostics):
        match = GITHUB.match(line)
        assert match, line
        level, path, row, col, end_row, end_col, code, data = match.groups()
        assert level == {"error": "error", "warning": "warning", "info": "notice"}[diagnostic["severity"]]
        assert (path, int(row), int(col), int(end_row), int(end_col), code) == (
            diagnostic["path"], diagnostic["line"], diagnostic["column"], diagnostic["end_line"],
            diagnostic["end_column"], diagnostic["code"])
        assert data.startswith(f"{path}:{row}:{col}: {code} ")


def test_gitlab_code_quality(pages):
    issues = report(pages, "gitlab").json()
    assert isinstance(issues, list) and len(issues) == 9
    fingerprints = [issue["fingerprint"] for issue in issues]
    assert len(set(fingerprints)) == len(fingerprints)
    for issue in issues:
        assert issue["check_name"].startswith("DRL")
        assert issue["description"]
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert issue["location"]["path"] in ("zeta.txt", "beta.txt", "alpha/page.txt")
        assert issue["location"]["lines"]["begin"] >= 1


def test_junit_xml(pages):
    tree = ElementTree.fromstring(report(pages, "junit").stdout_bytes)
    assert tree.tag == "testsuites"
    failures = tree.findall(".//failure")
    assert len(failures) == 9
    assert sorted(f.get("type") for f in failures) == sorted(d["code"] for d in report(pages, "json").json())
    names = {case.get("name") for case in tree.iter("testcase")}
    assert {"zeta.txt", "beta.txt", "alpha/page.txt"} <= names
    assert int(tree.get("failures")) >= 1


def test_full_format_has_the_source_line_a_caret_and_help(pages):
    out = report(pages, "full", "zeta.txt").out
    assert out.startswith("zeta.txt:5:20: DRL001 [warning] ")
    lines = out.splitlines()
    at = lines.index("6 | Legal basis: Health and Social Care Act 2012")
    caret_line = lines[at + 1]
    assert caret_line.index("^") == lines[at].index("Health")
    assert caret_line.count("^") == len("Health and Social Care Act 2012")
    assert any(line.strip().startswith("= help:") for line in lines)


def test_full_is_the_default(pages):
    assert run(["zeta.txt"], pages).out == report(pages, "full", "zeta.txt").out


def test_concise_is_one_line_per_finding(pages):
    out = report(pages, "concise").out
    diagnostics = report(pages, "json").json()
    assert out.splitlines() == [
        f"{d['path']}:{d['line']}:{d['column']}: {d['code']} [{d['severity']}] {d['message']}" for d in diagnostics
    ]


def test_output_format_from_the_configuration(pages):
    write(pages, "dreg-lint.toml", 'output-format = "json-lines"\n')
    lines = run(["zeta.txt"], pages).out.splitlines()
    assert [json.loads(line)["code"] for line in lines] == ["DRL001", "DRL011", "DRL010", "DRL014"]
    assert run(["--output-format", "concise", "zeta.txt"], pages).out.startswith("zeta.txt:5:20: DRL001")


@pytest.mark.parametrize("output_format", ["full", "concise", "json", "json-lines", "sarif", "github", "gitlab", "junit"])
def test_output_file(pages, output_format):
    to_stdout = report(pages, output_format)
    result = run(["--output-format", output_format, "--output-file", "report.out"], pages)
    assert result.rc == 1, result
    assert result.out == ""
    written = (pages / "report.out").read_text(encoding="utf-8")
    if output_format == "sarif":  # invocation details may differ; the results may not
        assert json.loads(written)["runs"][0]["results"] == to_stdout.json()["runs"][0]["results"]
    else:
        assert written == to_stdout.out


def test_short_output_file_flag_and_summary_on_stderr(pages):
    result = run(["--output-format", "json", "-o", "report.json"], pages)
    assert result.rc == 1
    assert len(json.loads((pages / "report.json").read_text(encoding="utf-8"))) == 9
    assert "Found 9 findings" in result.err


def test_output_file_replaces_an_existing_report(pages):
    write(pages, "report.json", "x" * 100000)
    run(["--output-format", "json", "-o", "report.json", "zeta.txt"], pages)
    assert len(json.loads((pages / "report.json").read_text(encoding="utf-8"))) == 4
    assert not list(pages.glob(".tmp-*"))


def test_output_file_through_a_symbolic_link_replaces_the_file_and_keeps_the_link(pages):
    write(pages, "reports/latest.json", "old")
    (pages / "report.json").symlink_to(pages / "reports" / "latest.json")
    run(["--output-format", "json", "-o", "report.json", "zeta.txt"], pages)
    assert (pages / "report.json").is_symlink()
    assert len(json.loads((pages / "reports" / "latest.json").read_text(encoding="utf-8"))) == 4
    assert not list(pages.glob(".tmp-*")) and not list((pages / "reports").glob(".tmp-*"))


def test_output_file_that_is_not_a_regular_file_is_written_to_not_replaced(pages):
    # A named pipe stands for /dev/null and the like: renaming a temporary file onto one would put
    # a regular file in its place (as root, /dev/null itself).
    import os
    import stat
    import threading

    fifo = pages / "report.pipe"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = run(["--output-format", "json", "-o", "report.pipe", "zeta.txt"], pages)
    reader.join(timeout=30)
    assert result.rc == 1, result
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert len(json.loads(received[0].decode("utf-8"))) == 4
    assert not list(pages.glob(".tmp-*"))
