"""--select, --extend-select, --ignore by code, prefix, name, group and ALL; severity overrides."""

from __future__ import annotations

import pytest

from cli.support import BAD, BAD_CODES, WARNING_ONLY, codes, run, write

# BAD: DRL001 (warning, opt-outs), DRL011 (warning, opt-outs + legal-basis), DRL010 (error,
# legal-basis + privacy) and DRL014 (info, legal-basis).


@pytest.fixture
def bad(tmp_path):
    write(tmp_path, "bad.txt", BAD)
    return tmp_path


def lint(directory, *args):
    result = run(["--output-format", "json", *args, "bad.txt"], directory)
    assert result.rc in (0, 1), result
    return sorted(codes(result))


def test_default_selects_everything(bad):
    assert lint(bad) == sorted(BAD_CODES)


@pytest.mark.parametrize(
    ("select", "expected"),
    [
        ("DRL010", ["DRL010"]),
        ("drl010", ["DRL010"]),
        ("DRL01", ["DRL010", "DRL011", "DRL014"]),  # a code prefix
        ("DRL00", ["DRL001"]),
        ("identifiable-without-lawful-gateway", ["DRL010"]),  # a rule name
        ("opt-outs", ["DRL001", "DRL011"]),  # a group
        ("legal-basis", ["DRL010", "DRL011", "DRL014"]),
        ("privacy", ["DRL010"]),
        ("dates", []),
        ("ALL", sorted(BAD_CODES)),
        ("DRL010,mixed-optout-flows", ["DRL001", "DRL010"]),
        (" DRL010 , DRL014 ", ["DRL010", "DRL014"]),
    ],
)
def test_select(bad, select, expected):
    assert lint(bad, "--select", select) == expected


def test_extend_select_adds_to_the_selection(bad):
    assert lint(bad, "--select", "DRL001", "--extend-select", "privacy") == ["DRL001", "DRL010"]


def test_extend_select_adds_to_the_configured_selection(bad):
    write(bad, "dreg-lint.toml", 'select = ["DRL014"]\n')
    assert lint(bad) == ["DRL014"]
    assert lint(bad, "--extend-select", "DRL001") == ["DRL001", "DRL014"]


def test_select_on_the_command_line_replaces_the_configured_one(bad):
    write(bad, "dreg-lint.toml", 'select = ["DRL014"]\n')
    assert lint(bad, "--select", "DRL010") == ["DRL010"]


@pytest.mark.parametrize(
    ("ignore", "expected"),
    [
        ("DRL010", ["DRL001", "DRL011", "DRL014"]),
        ("DRL01", ["DRL001"]),
        ("mixed-optout-flows", ["DRL010", "DRL011", "DRL014"]),
        ("legal-basis", ["DRL001"]),
        ("opt-outs,privacy", ["DRL014"]),
        ("ALL", []),
    ],
)
def test_ignore(bad, ignore, expected):
    assert lint(bad, "--ignore", ignore) == expected


def test_ignore_wins_over_select(bad):
    assert lint(bad, "--select", "legal-basis", "--ignore", "DRL011") == ["DRL010", "DRL014"]


def test_ignore_extends_the_configured_ignore(bad):
    write(bad, "dreg-lint.toml", 'ignore = ["DRL014"]\n')
    assert lint(bad) == ["DRL001", "DRL010", "DRL011"]
    assert lint(bad, "--ignore", "DRL001") == ["DRL010", "DRL011"]


def test_nothing_selected_exits_0(bad):
    result = run(["--select", "dates", "bad.txt"], bad)
    assert result.rc == 0, result
    assert result.out == ""


def test_severity_override_changes_the_reported_severity_and_exit_status(tmp_path):
    write(tmp_path, "warning.txt", WARNING_ONLY)  # DRL009, a warning
    assert run(["warning.txt"], tmp_path).rc == 1
    write(tmp_path, "dreg-lint.toml", '[severity]\nDRL009 = "info"\n')
    result = run(["--output-format", "json", "warning.txt"], tmp_path)
    assert result.rc == 0, result
    assert [(d["code"], d["severity"]) for d in result.json()] == [("DRL009", "info")]
    assert run(["--fail-on", "info", "warning.txt"], tmp_path).rc == 1


def test_severity_override_to_error_and_fail_on_error(bad):
    write(bad, "dreg-lint.toml", '[severity]\nDRL014 = "error"\nDRL010 = "info"\n')
    result = run(["--output-format", "json", "--fail-on", "error", "--select", "DRL010,DRL014", "bad.txt"], bad)
    assert result.rc == 1, result
    assert {d["code"]: d["severity"] for d in result.json()} == {"DRL010": "info", "DRL014": "error"}
    result = run(["--fail-on", "error", "--select", "DRL010", "bad.txt"], bad)
    assert result.rc == 0, result


def test_severity_override_in_pyproject(bad):
    write(bad, "pyproject.toml", '[tool.dreg-lint.severity]\nDRL010 = "warning"\n')
    result = run(["--output-format", "json", "--select", "DRL010", "bad.txt"], bad)
    assert [d["severity"] for d in result.json()] == ["warning"]


def test_fail_on_from_the_configuration(bad):
    write(bad, "dreg-lint.toml", 'fail-on = "error"\n')
    assert run(["--select", "DRL001", "bad.txt"], bad).rc == 0
    assert run(["--select", "DRL001", "--fail-on", "warning", "bad.txt"], bad).rc == 1
