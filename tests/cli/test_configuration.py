"""Configuration files: where they are found, every key, and the errors for bad ones."""

from __future__ import annotations

import json

import pytest

from cli.support import BAD, BAD_CODES, INFO_ONLY, assert_no_traceback, codes, run, write


@pytest.fixture
def bad(tmp_path):
    write(tmp_path, "bad.txt", BAD)
    return tmp_path


def lint_codes(directory, *args, path="bad.txt"):
    result = run(["--output-format", "json", *args, path], directory)
    assert result.rc in (0, 1), result
    return sorted(codes(result))


# Where the configuration comes from -----------------------------------------------------------


def test_pyproject_table(bad):
    write(bad, "pyproject.toml", '[project]\nname = "x"\n\n[tool.dreg-lint]\nselect = ["DRL010"]\n')
    assert lint_codes(bad) == ["DRL010"]


def test_pyproject_without_the_table_is_passed_over(tmp_path):
    write(tmp_path, "dreg-lint.toml", 'select = ["DRL014"]\n')
    sub = tmp_path / "sub"
    write(sub, "bad.txt", BAD)
    write(sub, "pyproject.toml", '[project]\nname = "x"\n')
    assert lint_codes(sub) == ["DRL014"]


@pytest.mark.parametrize("name", ["dreg-lint.toml", ".dreg-lint.toml"])
def test_dedicated_files_take_top_level_keys(bad, name):
    write(bad, name, 'select = ["DRL010"]\n')
    assert lint_codes(bad) == ["DRL010"]


def test_precedence_within_one_directory(bad):
    write(bad, "pyproject.toml", '[tool.dreg-lint]\nselect = ["DRL001"]\n')
    write(bad, "dreg-lint.toml", 'select = ["DRL010"]\n')
    write(bad, ".dreg-lint.toml", 'select = ["DRL014"]\n')
    assert lint_codes(bad) == ["DRL014"]
    (bad / ".dreg-lint.toml").unlink()
    assert lint_codes(bad) == ["DRL010"]
    (bad / "dreg-lint.toml").unlink()
    assert lint_codes(bad) == ["DRL001"]


def test_found_by_walking_up_from_a_subdirectory(tmp_path):
    write(tmp_path, "pyproject.toml", '[tool.dreg-lint]\nselect = ["DRL011"]\n')
    deep = tmp_path / "a" / "b" / "c"
    write(deep, "bad.txt", BAD)
    assert lint_codes(deep) == ["DRL011"]


def test_the_nearest_configuration_wins(tmp_path):
    write(tmp_path, "dreg-lint.toml", 'select = ["DRL011"]\n')
    write(tmp_path, "sub/dreg-lint.toml", 'select = ["DRL010"]\n')
    write(tmp_path, "sub/bad.txt", BAD)
    assert lint_codes(tmp_path / "sub") == ["DRL010"]


def test_config_flag_overrides_the_search(bad):
    write(bad, "dreg-lint.toml", 'select = ["DRL011"]\n')
    write(bad, "elsewhere/custom.toml", 'select = ["DRL001"]\n')
    assert lint_codes(bad, "--config", "elsewhere/custom.toml") == ["DRL001"]
    write(bad, "elsewhere/pyproject.toml", '[tool.dreg-lint]\nselect = ["DRL014"]\n')
    assert lint_codes(bad, "--config", "elsewhere/pyproject.toml") == ["DRL014"]


def test_missing_config_file_is_exit_2(bad):
    result = run(["--config", "nope.toml", "bad.txt"], bad)
    assert result.rc == 2, result
    (line,) = result.error_lines()
    assert "nope.toml" in line
    assert_no_traceback(result)


def test_isolated_ignores_every_configuration_file(bad):
    write(bad, "dreg-lint.toml", 'select = ["DRL011"]\nunknown-key = 1\n')
    assert lint_codes(bad, "--isolated") == sorted(BAD_CODES)


def test_show_settings_prints_the_merged_configuration(bad):
    write(bad, "pyproject.toml", '[tool.dreg-lint]\nselect = ["DRL011"]\nignore = ["DRL014"]\nfail-on = "info"\n'
                                 '[tool.dreg-lint.severity]\nDRL011 = "error"\n'
                                 '[tool.dreg-lint.per-file-ignores]\n"legacy/*.txt" = ["DRL010"]\n'
                                 '[tool.dreg-lint.rules.DRL024]\nmin_count = 5\n')
    result = run(["--show-settings", "--extend-select", "DRL001", "--ignore", "DRL003", "--output-format", "json"],
                 bad)
    assert result.rc == 0, result
    shown = json.loads(result.out)
    assert shown["select"] == ["DRL011"]
    assert shown["extend-select"] == ["DRL001"]
    assert shown["ignore"] == ["DRL014", "DRL003"]
    assert shown["fail-on"] == "info"
    assert shown["output-format"] == "json"
    assert shown["severity"] == {"DRL011": "error"}
    assert shown["per-file-ignores"] == {"legacy/*.txt": ["DRL010"]}
    assert shown["rules"] == {"DRL024": {"min_count": 5}}
    assert shown["include"] == ["*.txt"]


def test_show_settings_isolated_shows_the_defaults(bad):
    shown = json.loads(run(["--show-settings", "--isolated"], bad).out)
    assert shown["select"] == ["ALL"] and shown["fail-on"] == "warning" and shown["output-format"] == "full"


# Keys ------------------------------------------------------------------------------------------


def test_select_extend_select_and_ignore_keys(bad):
    write(bad, "dreg-lint.toml", 'select = ["opt-outs"]\nextend-select = ["DRL014"]\nignore = ["DRL011"]\n')
    assert lint_codes(bad) == ["DRL001", "DRL014"]


def test_output_format_key(bad):
    write(bad, "dreg-lint.toml", 'output-format = "concise"\n')
    assert run(["bad.txt"], bad).out.splitlines()[0].startswith("bad.txt:5:20: DRL001 [warning]")


def test_baseline_key_is_relative_to_the_configuration_file(tmp_path):
    write(tmp_path, "pages/bad.txt", BAD)
    run(["--write-baseline", "accepted.json", "pages"], tmp_path)
    write(tmp_path, "dreg-lint.toml", 'baseline = "accepted.json"\n')
    result = run(["pages"], tmp_path)
    assert result.rc == 0, result
    # From a subdirectory the baseline named by the configuration file is still found.
    result = run(["bad.txt"], tmp_path / "pages")
    assert result.rc != 2, result
    assert "cannot read the baseline" not in result.err


def test_per_file_ignores(tmp_path):
    write(tmp_path, "legacy/old.txt", BAD)
    write(tmp_path, "current/new.txt", BAD.replace("12345-ABCDE", "54545-ZZZZZ"))
    write(tmp_path, "dreg-lint.toml", '[per-file-ignores]\n"legacy/*.txt" = ["DRL010", "opt-outs"]\n')
    result = run(["--output-format", "json", "."], tmp_path)
    found = {(d["path"], d["code"]) for d in result.json()}
    assert ("legacy/old.txt", "DRL014") in found
    assert not {c for p, c in found if p == "legacy/old.txt"} & {"DRL010", "DRL001", "DRL011"}
    assert {c for p, c in found if p == "current/new.txt"} == set(BAD_CODES)


def test_per_file_ignores_by_file_name(tmp_path):
    write(tmp_path, "a/b/bad.txt", BAD)
    write(tmp_path, "dreg-lint.toml", '[per-file-ignores]\n"bad.txt" = ["ALL"]\n')
    assert lint_codes(tmp_path, path="a") == []


def test_per_file_ignores_apply_from_a_subdirectory(tmp_path):
    write(tmp_path, "legacy/old.txt", BAD)
    write(tmp_path, "dreg-lint.toml", '[per-file-ignores]\n"legacy/*.txt" = ["DRL010"]\n')
    assert "DRL010" not in lint_codes(tmp_path / "legacy", path="old.txt")
    assert "DRL010" not in lint_codes(tmp_path, path="./legacy/old.txt")


def test_per_file_ignores_with_an_unknown_code_is_a_configuration_error(bad):
    write(bad, "dreg-lint.toml", '[per-file-ignores]\n"*.txt" = ["DRL4242"]\n')
    result = run(["bad.txt"], bad)
    assert result.rc == 2, result
    (line,) = result.error_lines()
    assert "DRL4242" in line and "dreg-lint.toml" in line
    assert_no_traceback(result)


def test_per_project_ignores(tmp_path):
    write(tmp_path, "bad.txt", BAD)
    write(tmp_path, "other.txt", BAD.replace("12345-ABCDE", "54545-ZZZZZ"))
    write(tmp_path, "dreg-lint.toml", '[per-project-ignores]\n"DARS-NIC-12345-ABCDE" = ["DRL010", "DRL001"]\n')
    result = run(["--output-format", "json", "."], tmp_path)
    found = {(d["path"], d["code"]) for d in result.json()}
    assert {c for p, c in found if p == "bad.txt"} == {"DRL011", "DRL014"}
    assert {c for p, c in found if p == "other.txt"} == set(BAD_CODES)


def test_per_project_ignores_with_an_unknown_code_is_a_configuration_error(bad):
    write(bad, "dreg-lint.toml", '[per-project-ignores]\n"DARS-NIC-00000-NOPE0" = ["no-such-rule"]\n')
    result = run(["bad.txt"], bad)
    assert result.rc == 2, result
    (line,) = result.error_lines()
    assert "no-such-rule" in line and "dreg-lint.toml" in line


def test_rule_option_table(tmp_path):
    write(tmp_path, "bad.txt", BAD)
    # DRL010's `gateways` option lists the legal-basis phrases accepted as a lawful gateway.
    assert "DRL010" in lint_codes(tmp_path)
    write(tmp_path, "pyproject.toml", '[tool.dreg-lint.rules.DRL010]\ngateways = ["social care act 2012"]\n')
    assert "DRL010" not in lint_codes(tmp_path)


def test_rule_option_table_by_rule_name(tmp_path):
    write(tmp_path, "bad.txt", BAD)
    write(tmp_path, "dreg-lint.toml", '[rules.identifiable-without-lawful-gateway]\ngateways = ["social care act"]\n')
    assert "DRL010" not in lint_codes(tmp_path)


def test_rule_option_documented_by_explain():
    import subprocess

    from cli.support import DREG_LINT, clean_env

    out = subprocess.run([DREG_LINT, "--explain", "DRL010"], capture_output=True, text=True, env=clean_env()).stdout
    assert "gateways" in out


def test_info_rule_option(tmp_path):
    page = INFO_ONLY.replace("Riverside Cardiac Network projects\n",
                             "Riverside Cardiac Network projects\n7 data files in total were disseminated unsafely "
                             "(information about files used safely is missing for TRE/\"system access\" projects).\n")
    write(tmp_path, "p.txt", page)
    assert "DRL024" in lint_codes(tmp_path, path="p.txt")
    write(tmp_path, "dreg-lint.toml", "[rules.DRL024]\nmin_count = 8\n")
    assert "DRL024" not in lint_codes(tmp_path, path="p.txt")


# Errors ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "key"),
    [
        ('selekt = ["DRL001"]\n', "selekt"),
        ('select = "DRL001"\n', "select"),
        ("select = [1, 2]\n", "select"),
        ("fail-on = 3\n", "fail-on"),
        ('fail-on = "fatal"\n', "fail-on"),
        ("output-format = true\n", "output-format"),
        ('include = "*.txt"\n', "include"),
        ("exclude = [[]]\n", "exclude"),
        ("baseline = 1\n", "baseline"),
        ('plugins = "x"\n', "plugins"),
        ('severity = "error"\n', "severity"),
        ('[severity]\nDRL001 = "fatal"\n', "DRL001"),
        ('[severity]\nDRL4242 = "error"\n', "DRL4242"),
        ('[per-file-ignores]\n"*.txt" = "DRL001"\n', "per-file-ignores"),
        ('per-project-ignores = ["DRL001"]\n', "per-project-ignores"),
        ("rules = 1\n", "rules"),
        ("[rules.DRL4242]\nx = 1\n", "DRL4242"),
        ("[rules.DRL010]\nno_such_option = 1\n", "no_such_option"),
        ("[rules.DRL010]\ngateways = 5\n", "gateways"),
        ("[rules.DRL024]\nmin_count = \"many\"\n", "min_count"),
        ('output-format = "xml"\n', "xml"),
    ],
)
@pytest.mark.parametrize("where", ["dreg-lint.toml", "pyproject.toml"])
def test_bad_keys_and_types_name_the_key_and_the_file(bad, content, key, where):
    if where == "pyproject.toml":
        content = "[tool.dreg-lint]\n" + content.replace("[", "[tool.dreg-lint.").replace("[tool.dreg-lint.[", "[[")
        content = content.replace("= [tool.dreg-lint.", "= [").replace("[tool.dreg-lint.]", "[]")
    write(bad, where, content)
    result = run(["bad.txt"], bad)
    assert result.rc == 2, (content, result)
    assert result.out == ""
    (line,) = result.error_lines()
    assert key in line, line
    if key != "xml":
        assert where in line, line
    assert_no_traceback(result)


def test_table_of_tool_dreg_lint_must_be_a_table(bad):
    write(bad, "pyproject.toml", '[tool]\ndreg-lint = "yes"\n')
    result = run(["bad.txt"], bad)
    assert result.rc == 2, result
    (line,) = result.error_lines()
    assert "pyproject.toml" in line


def test_malformed_toml_names_the_file_and_position(bad):
    write(bad, "dreg-lint.toml", 'select = ["DRL001"\nignore = \n')
    result = run(["bad.txt"], bad)
    assert result.rc == 2, result
    (line,) = result.error_lines()
    assert "dreg-lint.toml" in line and "line 2" in line, line
    assert_no_traceback(result)


def test_cli_selector_error_names_the_flag_not_the_configuration_file(bad):
    write(bad, "dreg-lint.toml", 'ignore = ["DRL014"]\n')
    result = run(["--select", "DRL4242", "bad.txt"], bad)
    assert result.rc == 2
    (line,) = result.error_lines()
    assert "--select" in line and "DRL4242" in line and "dreg-lint.toml" not in line


def test_plugins_key_loads_a_module(tmp_path):
    write(tmp_path, "plugs/cfg_plugin.py", PLUGIN_SHORT_TITLE)
    write(tmp_path, "bad.txt", BAD)
    write(tmp_path, "dreg-lint.toml", 'plugins = ["cfg_plugin"]\n')
    result = run(["--output-format", "json", "--select", "TST", "bad.txt"], tmp_path,
                 env={"PYTHONPATH": str(tmp_path / "plugs")})
    assert result.rc == 1, result
    assert codes(result) == ["TST001"]


PLUGIN_SHORT_TITLE = '''
import dreg_lint
from dreg_lint import Finding, Rule

RULE = Rule(code="TST001", name="tst-short-title", severity="warning", groups=("tst",), scope="project",
            doc="Short titles.\\n\\nWhat it checks\\nTitles of fewer than four words.\\n")


@RULE.checker
def check(project, context):
    if project.title and len(project.title.split()) < 4:
        yield Finding(project.heading.title.span, f"short title {project.title}")


@dreg_lint.hookimpl
def dreg_lint_rules():
    return [RULE]
'''


def test_the_example_configuration_is_valid(tmp_path):
    from cli.support import REPOSITORY

    result = run(["--config", REPOSITORY / "examples" / "pyproject.toml", "--show-settings"], tmp_path)
    assert result.rc == 0, result
    assert json.loads(result.out)["ignore"] == ["DRL014"]
