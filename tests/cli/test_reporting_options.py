"""--statistics, --list-rules, --explain, --quiet, --verbose, --color and colour variables, --dump-ast."""

from __future__ import annotations

import json
import re

import pytest

from cli.support import BAD, CLEAN, WARNING_ONLY, run, write

ANSI = re.compile(rb"\x1b\[")


@pytest.fixture
def pages(tmp_path):
    write(tmp_path, "bad.txt", BAD)
    write(tmp_path, "bad2.txt", BAD.replace("12345-ABCDE", "12399-ABCDE").replace("Y, N", "Y"))
    write(tmp_path, "warn.txt", WARNING_ONLY)
    return tmp_path


def test_statistics_counts_per_code_most_frequent_first(pages):
    result = run(["--statistics"], pages)
    assert result.rc == 1, result
    rows = [line.split() for line in result.out.splitlines()]
    counts = {row[1]: int(row[0]) for row in rows}
    assert counts == {"DRL010": 2, "DRL014": 2, "DRL011": 1, "DRL001": 1, "DRL009": 1}
    assert [int(row[0]) for row in rows] == sorted((int(row[0]) for row in rows), reverse=True)
    assert rows[0][2] in ("identifiable-without-lawful-gateway", "imprecise-legal-basis")


def test_statistics_respects_the_selection_and_fail_on(pages):
    result = run(["--statistics", "--select", "DRL014", "--fail-on", "error"], pages)
    assert result.rc == 0
    assert result.out.split() == ["2", "DRL014", "imprecise-legal-basis"]


def test_list_rules_is_a_table(pages):
    result = run(["--list-rules"], pages)
    assert result.rc == 0, result
    lines = result.out.splitlines()
    assert lines[0].split() == ["code", "name", "severity", "groups", "plugin"]
    rows = {line.split()[0]: line.split() for line in lines[1:]}
    for number in range(1, 38):
        assert f"DRL{number:03d}" in rows
    assert rows["DRL010"][1:4] == ["identifiable-without-lawful-gateway", "error", "legal-basis,privacy"]
    assert rows["DRL010"][4] == "dreg_lint.rules"
    assert rows["DRL900"][4] == "dreg_lint.structure"


@pytest.mark.parametrize("which", ["DRL010", "drl010", "identifiable-without-lawful-gateway"])
def test_explain_by_code_and_name(pages, which):
    result = run(["--explain", which], pages)
    assert result.rc == 0, result
    out = result.out
    assert out.startswith("DRL010 (identifiable-without-lawful-gateway)")
    for part in ("What it checks", "Why", "Bad example", "Good example", "Options", "gateways"):
        assert part in out, part


def test_explain_unknown_rule(pages):
    result = run(["--explain", "not-a-rule"], pages)
    assert result.rc == 2
    (line,) = result.error_lines()
    assert "not-a-rule" in line


def test_quiet_prints_diagnostics_only(pages):
    result = run(["--quiet", "--output-format", "concise"], pages)
    assert result.rc == 1
    assert result.err == ""
    assert len(result.out.splitlines()) == 7


def test_quiet_on_a_clean_page_prints_nothing(tmp_path):
    write(tmp_path, "clean.txt", CLEAN)
    result = run(["-q"], tmp_path)
    assert (result.rc, result.out, result.err) == (0, "", "")


def test_verbose_adds_timings_and_plugins(pages):
    result = run(["--verbose", "--output-format", "json"], pages)
    assert result.rc == 1
    assert len(result.json()) == 7  # standard output is still pure JSON
    assert "dreg_lint.rules" in result.err
    assert re.search(r"\d+\.\d+\s*s", result.err)


def colour_of(directory, *args, env=None) -> bool:
    result = run([*args, "bad.txt"], directory, env=env)
    return bool(ANSI.search(result.stdout_bytes))


def test_colour_is_off_when_not_a_terminal(pages):
    assert not colour_of(pages)
    assert not colour_of(pages, "--color", "auto")


def test_color_always_and_never(pages):
    assert colour_of(pages, "--color", "always")
    assert colour_of(pages, "--color", "always", "--output-format", "concise")
    assert not colour_of(pages, "--color", "never", env={"FORCE_COLOR": "1"})


def test_force_color_and_no_color(pages):
    assert colour_of(pages, env={"FORCE_COLOR": "1"})
    assert not colour_of(pages, env={"NO_COLOR": "1"})
    assert not colour_of(pages, env={"NO_COLOR": "1", "FORCE_COLOR": "1"})


def test_coloured_text_says_the_same_as_plain(pages):
    plain = run(["bad.txt"], pages).stdout_bytes
    coloured = run(["--color", "always", "bad.txt"], pages).stdout_bytes
    assert re.sub(rb"\x1b\[[0-9;]*m", b"", coloured) == plain


@pytest.mark.parametrize("output_format", ["json", "json-lines", "sarif", "github", "gitlab", "junit"])
def test_machine_formats_are_never_coloured(pages, output_format):
    for env in ({"FORCE_COLOR": "1"}, None):
        assert not colour_of(pages, "--color", "always", "--output-format", output_format, env=env)


def test_output_file_is_never_coloured(pages):
    run(["--color", "always", "-o", "report.txt", "bad.txt"], pages)
    assert not ANSI.search((pages / "report.txt").read_bytes())


def test_dump_ast_prints_the_document_as_json(pages):
    result = run(["--dump-ast", "bad.txt"], pages)
    assert result.rc == 0, result
    document = json.loads(result.out)
    assert document["node"] == "Document"
    assert document["organisation"]["name"] == "Lakeside Health Board"
    (project,) = document["projects"]
    assert project["reference"] == "DARS-NIC-12345-ABCDE"
    assert project["title"] == "Waiting time study"


def test_dump_ast_of_stdin_and_of_a_missing_file(pages):
    result = run(["--dump-ast", "-"], pages, input=BAD)
    assert json.loads(result.out)["projects"][0]["reference"] == "DARS-NIC-12345-ABCDE"
    result = run(["--dump-ast", "nope.txt"], pages)
    assert result.rc == 2
    (line,) = result.error_lines()
    assert "nope.txt" in line
