"""Exit status 0, 1 and 2 of the installed command (CLI.md "Exit status")."""

from __future__ import annotations

import pytest

from cli.support import BAD, CLEAN, INFO_ONLY, WARNING_ONLY, assert_no_traceback, run, write


@pytest.fixture
def pages(tmp_path):
    write(tmp_path, "clean.txt", CLEAN)
    write(tmp_path, "info.txt", INFO_ONLY)
    write(tmp_path, "warning.txt", WARNING_ONLY)
    write(tmp_path, "bad.txt", BAD)
    return tmp_path


def test_clean_page_exits_0(pages):
    result = run(["clean.txt"], pages)
    assert result.rc == 0, result
    assert result.out == ""
    assert "Found 0 findings in 1 file." in result.err


def test_no_path_means_the_current_directory(pages):
    result = run(["--output-format", "json"], pages)
    assert result.rc == 1, result
    assert {d["path"] for d in result.json()} == {"bad.txt", "info.txt", "warning.txt"}


@pytest.mark.parametrize(
    ("name", "fail_on", "expected"),
    [
        ("clean.txt", None, 0),
        ("info.txt", None, 0),  # the default threshold is warning
        ("info.txt", "info", 1),
        ("info.txt", "warning", 0),
        ("info.txt", "error", 0),
        ("warning.txt", None, 1),
        ("warning.txt", "warning", 1),
        ("warning.txt", "info", 1),
        ("warning.txt", "error", 0),
        ("bad.txt", "error", 1),
        ("bad.txt", "warning", 1),
        ("clean.txt", "info", 0),
    ],
)
def test_fail_on_threshold(pages, name, fail_on, expected):
    args = [name] + (["--fail-on", fail_on] if fail_on else [])
    result = run(args, pages)
    assert result.rc == expected, result


def test_exit_zero_with_findings(pages):
    result = run(["--exit-zero", "bad.txt"], pages)
    assert result.rc == 0, result
    assert "DRL010" in result.out  # the findings are still reported


def test_exit_zero_does_not_hide_usage_errors(pages):
    result = run(["--exit-zero", "--select", "DRL4242", "bad.txt"], pages)
    assert result.rc == 2, result


def test_exit_zero_does_not_hide_a_missing_file(pages):
    result = run(["--exit-zero", "bad.txt", "missing.txt"], pages)
    assert result.rc == 2, result
    assert "DRL010" in result.out


@pytest.mark.parametrize("selector", ["DRL4242", "no-such-rule", "no-such-group", "XYZ"])
@pytest.mark.parametrize("option", ["--select", "--extend-select", "--ignore"])
def test_unknown_selector_is_a_usage_error(pages, option, selector):
    result = run([option, selector, "bad.txt"], pages)
    assert result.rc == 2, result
    assert result.out == ""
    errors = result.error_lines()
    assert len(errors) == 1, result
    assert selector in errors[0]
    assert_no_traceback(result)


@pytest.mark.parametrize(
    "args",
    [
        ["--fail-on", "fatal"],
        ["--color", "sometimes"],
        ["--no-such-flag"],
        ["--output-format", "xml"],
        ["--jobs", "zero"],
        ["--jobs", "0"],
        ["--explain", "DRL4242"],
        ["--stdin-filename", "x.txt"],
    ],
)
def test_usage_errors_exit_2_with_one_line(pages, args):
    result = run([*args], pages)
    assert result.rc == 2, result
    assert_no_traceback(result)
    errors = result.error_lines()
    assert len(errors) == 1, result
    assert len([line for line in result.err_lines if line.strip()]) == 1, result


def test_version(pages):
    result = run(["--version"], pages)
    assert result.rc == 0
    assert result.out.startswith("dreg-lint ")


def test_help(pages):
    result = run(["--help"], pages)
    assert result.rc == 0
    for flag in ("--output-format", "--select", "--extend-select", "--ignore", "--fail-on", "--exit-zero",
                 "--baseline", "--write-baseline", "--statistics", "--list-rules", "--explain", "--jobs",
                 "--no-cache", "--cache-dir", "--config", "--isolated", "--show-settings", "--show-files",
                 "--plugin", "--no-plugin-autoload", "--stdin-filename", "--force-exclude", "--color",
                 "--dump-ast", "--quiet", "--verbose", "--output-file"):
        assert flag in result.out, flag
