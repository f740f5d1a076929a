"""Plugins given with --plugin (local modules on PYTHONPATH): loaded, isolated when they fail."""

from __future__ import annotations

import textwrap

import pytest

from cli.support import BAD, BAD_CODES, assert_no_traceback, codes, run, write

RULE_HEAD = '''
import dreg_lint
from dreg_lint import Finding, Rule

__version__ = "{version}"

RULE = Rule(code="{code}", name="{name}", severity="warning", groups=("testing",), scope="project",
            doc="A test rule.\\n\\nWhat it checks\\nSomething.\\n")


@dreg_lint.hookimpl
def dreg_lint_rules():
    return [RULE]
'''

GOOD_CHECK = '''
@RULE.checker
def check(project, context):
    if project.title and len(project.title.split()) < 4:
        yield Finding(project.heading.title.span, f"short title `{project.title}`")
'''


def plugin(directory, module, body, code="TST001", name="tst-rule", version="0.3.1"):
    source = RULE_HEAD.format(code=code, name=name, version=version) + textwrap.dedent(body)
    write(directory, f"plugins/{module}.py", source)


@pytest.fixture
def site(tmp_path):
    write(tmp_path, "bad.txt", BAD)
    return tmp_path


def lint(site, *modules, args=()):
    plugin_args = [arg for module in modules for arg in ("--plugin", module)]
    return run(["--output-format", "json", *plugin_args, *args, "bad.txt"], site,
               env={"PYTHONPATH": str(site / "plugins")})


def test_local_plugin_rule_is_reported(site):
    plugin(site, "good_plugin", GOOD_CHECK)
    result = lint(site, "good_plugin")
    assert result.rc == 1, result
    assert sorted(codes(result)) == sorted([*BAD_CODES, "TST001"])
    (finding,) = [d for d in result.json() if d["code"] == "TST001"]
    assert (finding["line"], finding["column"], finding["project"]) == (3, 1, "DARS-NIC-12345-ABCDE")
    assert result.error_lines() == []


def test_local_plugin_in_list_rules_and_explain(site):
    plugin(site, "good_plugin", GOOD_CHECK)
    env = {"PYTHONPATH": str(site / "plugins")}
    listing = run(["--plugin", "good_plugin", "--list-rules"], site, env=env)
    row = [line for line in listing.out.splitlines() if line.startswith("TST001")]
    assert row and row[0].split()[1:] == ["tst-rule", "warning", "testing", "good_plugin"]
    explained = run(["--plugin", "good_plugin", "--explain", "tst-rule"], site, env=env)
    assert explained.rc == 0 and "A test rule." in explained.out


def test_local_plugin_rule_is_selectable(site):
    plugin(site, "good_plugin", GOOD_CHECK)
    assert codes(lint(site, "good_plugin", args=["--select", "testing"])) == ["TST001"]
    assert "TST001" not in codes(lint(site, "good_plugin", args=["--ignore", "TST"]))


def test_local_plugin_with_jobs_and_cache(site):
    plugin(site, "good_plugin", GOOD_CHECK)
    write(site, "more/a.txt", BAD.replace("12345-ABCDE", "11111-AAAAA"))
    write(site, "more/b.txt", BAD.replace("12345-ABCDE", "22222-BBBBB"))
    env = {"PYTHONPATH": str(site / "plugins")}
    serial = run(["--output-format", "json", "--plugin", "good_plugin", "--no-cache", "."], site, env=env)
    parallel = run(["--output-format", "json", "--plugin", "good_plugin", "--jobs", "2", "."], site, env=env)
    cached = run(["--output-format", "json", "--plugin", "good_plugin", "--jobs", "2", "."], site, env=env)
    assert codes(serial).count("TST001") == 3
    assert serial.stdout_bytes == parallel.stdout_bytes == cached.stdout_bytes


def test_editing_a_local_plugin_is_not_answered_from_the_cache(site):
    """A local module has no release version to bump: its file's state keys the cache instead."""
    plugin(site, "good_plugin", GOOD_CHECK)
    assert "TST001" in codes(lint(site, "good_plugin"))
    # The same version, a new check (of another length: Python's own bytecode cache judges a
    # source file by its size and its modification time in whole seconds).
    plugin(site, "good_plugin", GOOD_CHECK.replace("< 4", "< -1"))
    assert "TST001" not in codes(lint(site, "good_plugin"))


def test_plugin_that_raises_while_importing(site):
    write(site, "plugins/broken_import.py", "raise RuntimeError('cannot start: missing licence file')\n")
    result = lint(site, "broken_import")
    assert result.rc == 2, result
    assert sorted(codes(result)) == sorted(BAD_CODES)  # everything else is still reported
    (line,) = result.error_lines()
    assert "broken_import" in line and "cannot start" in line
    assert_no_traceback(result)


def test_plugin_that_is_missing(site):
    result = lint(site, "no_such_plugin_module")
    assert result.rc == 2, result
    assert sorted(codes(result)) == sorted(BAD_CODES)
    (line,) = result.error_lines()
    assert "no_such_plugin_module" in line


def test_plugin_that_raises_inside_a_check(site):
    plugin(site, "crashing_plugin", '''
        @RULE.checker
        def check(project, context):
            raise ZeroDivisionError("the rule divided by zero")
    ''', code="CRS001", name="crashing-rule")
    result = lint(site, "crashing_plugin")
    assert result.rc == 2, result
    assert set(BAD_CODES) <= set(codes(result))  # the other rules still ran
    (line,) = result.error_lines()
    assert "crashing_plugin" in line and "0.3.1" in line and "CRS001" in line
    assert "ZeroDivisionError" in line and "bad.txt" in line
    assert_no_traceback(result)
    crash = [d for d in result.json() if d["code"] == "DRL999"]
    assert len(crash) == 1 and "CRS001" in crash[0]["message"]


def test_plugin_that_raises_inside_a_check_shows_a_traceback_with_verbose(site):
    plugin(site, "crashing_plugin", '''
        @RULE.checker
        def check(project, context):
            raise ZeroDivisionError("the rule divided by zero")
    ''', code="CRS001", name="crashing-rule")
    result = lint(site, "crashing_plugin", args=["-v"])
    assert result.rc == 2
    assert "Traceback" in result.err and "ZeroDivisionError" in result.err


def test_plugin_that_raises_with_jobs(site):
    plugin(site, "crashing_plugin", '''
        @RULE.checker
        def check(project, context):
            raise ZeroDivisionError("the rule divided by zero")
    ''', code="CRS001", name="crashing-rule")
    write(site, "more/a.txt", BAD.replace("12345-ABCDE", "11111-AAAAA"))
    result = run(["--output-format", "json", "--plugin", "crashing_plugin", "--jobs", "2", "."], site,
                 env={"PYTHONPATH": str(site / "plugins")})
    assert result.rc == 2
    assert len(result.error_lines()) == 2  # one per page
    assert codes(result).count("DRL010") == 2
    # A failing run is not cached: the error is reported again.
    again = run(["--output-format", "json", "--plugin", "crashing_plugin", "--jobs", "2", "."], site,
                env={"PYTHONPATH": str(site / "plugins")})
    assert again.rc == 2 and len(again.error_lines()) == 2


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('''
        @RULE.checker
        def check(project, context):
            yield "not a finding"
        ''', "str"),
        ('''
        @RULE.checker
        def check(project, context):
            return 42
        ''', "int"),
        ('''
        @RULE.checker
        def check(project, context):
            yield Finding("not a span", "message")
        ''', ""),
        ('''
        @RULE.checker
        def check(project, context):
            yield Finding(project.heading.title.span, None)
        ''', ""),
    ],
)
def test_plugin_returning_malformed_results(site, body, expected):
    plugin(site, "malformed_plugin", body, code="MAL001", name="malformed-rule")
    result = lint(site, "malformed_plugin")
    assert result.rc == 2, result
    assert set(BAD_CODES) <= set(codes(result))
    (line,) = result.error_lines()
    assert "MAL001" in line and "malformed_plugin" in line and expected in line
    assert_no_traceback(result)


def test_plugin_hook_returning_something_other_than_rules(site):
    write(site, "plugins/weird_hook.py", textwrap.dedent('''
        import dreg_lint

        @dreg_lint.hookimpl
        def dreg_lint_rules():
            return "TST001"
    '''))
    result = lint(site, "weird_hook")
    assert result.rc == 2, result
    assert sorted(codes(result)) == sorted(BAD_CODES)
    (line,) = result.error_lines()
    assert "weird_hook" in line and "dreg_lint_rules" in line


def test_plugin_hook_that_raises(site):
    write(site, "plugins/raising_hook.py", textwrap.dedent('''
        import dreg_lint

        @dreg_lint.hookimpl
        def dreg_lint_rules():
            raise KeyError("rules")
    '''))
    result = lint(site, "raising_hook")
    assert result.rc == 2, result
    assert sorted(codes(result)) == sorted(BAD_CODES)
    (line,) = result.error_lines()
    assert "raising_hook" in line and "KeyError" in line


def test_misspelt_hook_is_an_error(site):
    write(site, "plugins/misspelt.py", textwrap.dedent('''
        import dreg_lint

        @dreg_lint.hookimpl
        def dreg_lint_rulez():
            return []
    '''))
    result = lint(site, "misspelt")
    assert result.rc == 2, result
    (line,) = result.error_lines()
    assert "misspelt" in line and "dreg_lint_rulez" in line


def test_two_rules_with_one_code_name_both_plugins(site):
    plugin(site, "first_pack", GOOD_CHECK, code="DUP001", name="first-rule")
    plugin(site, "second_pack", GOOD_CHECK, code="DUP001", name="second-rule")
    result = lint(site, "first_pack", "second_pack")
    assert result.rc == 2, result
    (line,) = result.error_lines()
    assert "DUP001" in line and "first_pack" in line and "second_pack" in line
    assert_no_traceback(result)


def test_plugin_rule_claiming_a_builtin_code(site):
    plugin(site, "usurper", GOOD_CHECK, code="DRL010", name="usurper-rule")
    result = lint(site, "usurper")
    assert result.rc == 2, result
    (line,) = result.error_lines()
    assert "DRL010" in line and "usurper" in line and "dreg_lint.rules" in line


def test_a_failing_plugin_is_an_error_for_list_rules_too(site):
    write(site, "plugins/broken_import.py", "raise RuntimeError('boom')\n")
    result = run(["--plugin", "broken_import", "--list-rules"], site, env={"PYTHONPATH": str(site / "plugins")})
    assert result.rc == 2
    assert "DRL010" in result.out
    (line,) = result.error_lines()
    assert "broken_import" in line


def test_no_plugin_autoload_flag_and_variable_are_accepted(site):
    for args, env in ((["--no-plugin-autoload"], None), ([], {"DREG_LINT_DISABLE_PLUGIN_AUTOLOAD": "1"})):
        result = run(["--output-format", "json", *args, "bad.txt"], site, env=env)
        assert result.rc == 1
        assert sorted(codes(result)) == sorted(BAD_CODES)


# The command ends its process without tearing the interpreter down (cli.console_main), but where a
# plugin ran: a plugin may leave a file open with bytes that only the teardown writes.
AT_EXIT = '''
import atexit
import os
import threading
import time

NOTES = os.environ["NOTE_DIRECTORY"]
LOG = open(os.path.join(NOTES, "log.txt"), "w")  # never closed: the teardown writes what it holds
LOG.write("loaded")

@atexit.register
def _note_the_exit():
    with open(os.path.join(NOTES, "atexit.txt"), "w") as handle:
        handle.write("ran")

def _late_writer():
    time.sleep(0.3)
    with open(os.path.join(NOTES, "thread.txt"), "w") as handle:
        handle.write("finished")

if os.environ.get("START_THREAD"):
    threading.Thread(target=_late_writer).start()

@RULE.checker
def check(project, context):
    return ()
'''


@pytest.mark.parametrize("with_thread", [False, True])
def test_where_a_plugin_ran_the_command_ends_as_the_interpreter_does(site, with_thread):
    plugin(site, "exiting_plugin", AT_EXIT)
    env = {"PYTHONPATH": str(site / "plugins"), "NOTE_DIRECTORY": str(site)}
    if with_thread:
        env["START_THREAD"] = "1"
    result = run(["--output-format", "json", "--plugin", "exiting_plugin", "bad.txt"], site, env=env)
    assert result.rc == 1, result
    assert sorted(codes(result)) == sorted(BAD_CODES)  # the whole report
    assert (site / "log.txt").read_text() == "loaded"
    assert (site / "atexit.txt").read_text() == "ran"
    assert (site / "thread.txt").exists() is with_thread  # a running thread is waited for
    if with_thread:
        assert (site / "thread.txt").read_text() == "finished"


FAST_EXIT = '''
import atexit, os, sys
from dreg_lint.cli import console_main

NOTES = sys.argv[1]

class Teardown:
    # (what it uses is bound now: the teardown may have cleared the modules' names before it runs)
    def __del__(self, open=open, path=os.path.join(NOTES, "teardown.txt")):
        with open(path, "w") as handle:
            handle.write("torn down")

KEPT = Teardown()  # freed only if the interpreter tears itself down

@atexit.register
def _note_the_exit():
    with open(os.path.join(NOTES, "atexit.txt"), "w") as handle:
        handle.write("ran")

sys.argv = ["dreg-lint", "--output-format", "json", "--no-plugin-autoload", *sys.argv[2:]]
console_main()
'''


@pytest.mark.parametrize("args, status", [(["bad.txt"], 1), (["bad.txt", "--exit-zero"], 0),
                                           (["missing.txt"], 2)])
def test_without_plugins_the_command_ends_its_process_once_its_report_is_written(site, args, status):
    import json
    import subprocess
    import sys

    script = write(site, "fast_exit.py", FAST_EXIT)
    done = subprocess.run([sys.executable, str(script), str(site), *args], cwd=site, capture_output=True)
    assert done.returncode == status, done
    if status != 2:
        assert sorted(d["code"] for d in json.loads(done.stdout)) == sorted(BAD_CODES)  # flushed whole
    assert (site / "atexit.txt").read_text() == "ran"
    assert not (site / "teardown.txt").exists()  # the interpreter's teardown was skipped
