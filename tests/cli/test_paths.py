"""Which files are linted: files, directories, include/exclude, .gitignore, standard input,
--force-exclude and --show-files."""

from __future__ import annotations

import subprocess

import pytest

from cli.support import BAD, CLEAN, INFO_ONLY, WARNING_ONLY, assert_no_traceback, run, write


def shown(directory, *args) -> list[str]:
    result = run(["--show-files", *args], directory)
    assert result.rc == 0, result
    return result.out.splitlines()


def linted_paths(directory, *args) -> set[str]:
    result = run(["--output-format", "json", "--select", "DRL001", *args], directory)
    assert result.rc in (0, 1), result
    return {d["path"] for d in result.json()}


@pytest.fixture
def tree(tmp_path):
    write(tmp_path, "top.txt", BAD)
    write(tmp_path, "a/one.txt", BAD.replace("12345-ABCDE", "12346-ABCDF"))
    write(tmp_path, "a/b/c/deep.txt", BAD.replace("12345-ABCDE", "12347-ABCDG"))
    write(tmp_path, "a/notes.md", BAD)
    write(tmp_path, "a/page.TXT.bak", BAD)
    return tmp_path


def test_directories_are_searched_recursively_for_txt(tree):
    assert shown(tree) == ["a/b/c/deep.txt", "a/one.txt", "top.txt"]
    assert shown(tree, "a") == ["a/b/c/deep.txt", "a/one.txt"]
    assert linted_paths(tree, ".") == {"a/b/c/deep.txt", "a/one.txt", "top.txt"}


def test_files_named_explicitly_are_linted_whatever_their_suffix(tree):
    assert shown(tree, "a/notes.md", "top.txt") == ["a/notes.md", "top.txt"]
    assert linted_paths(tree, "a/notes.md") == {"a/notes.md"}


def test_a_file_named_twice_is_linted_once(tree):
    result = run(["--output-format", "json", "--select", "DRL001", "top.txt", "top.txt", "."], tree)
    assert [d["path"] for d in result.json()].count("top.txt") == 1


def test_include_patterns_from_the_configuration(tree):
    write(tree, "dreg-lint.toml", 'include = ["*.md"]\n')
    assert shown(tree) == ["a/notes.md"]
    write(tree, "dreg-lint.toml", 'include = ["*.md", "*.txt"]\n')
    assert shown(tree) == ["a/b/c/deep.txt", "a/notes.md", "a/one.txt", "top.txt"]


def test_exclude_patterns_from_the_configuration(tree):
    write(tree, "dreg-lint.toml", 'exclude = ["a/b/"]\n')
    assert shown(tree) == ["a/one.txt", "top.txt"]
    write(tree, "dreg-lint.toml", 'exclude = ["one.txt", "top.*"]\n')
    assert shown(tree) == ["a/b/c/deep.txt"]
    write(tree, "dreg-lint.toml", 'exclude = ["**/deep.txt"]\n')
    assert shown(tree) == ["a/one.txt", "top.txt"]


def test_exclude_is_relative_to_the_configuration_file_from_a_subdirectory(tree):
    write(tree, "dreg-lint.toml", 'exclude = ["a/b/"]\n')
    assert shown(tree / "a") == ["one.txt"]


def test_excluded_files_named_explicitly_are_linted_without_force_exclude(tree):
    write(tree, "dreg-lint.toml", 'exclude = ["a/one.txt"]\n')
    assert shown(tree, "a/one.txt", "top.txt") == ["a/one.txt", "top.txt"]
    assert linted_paths(tree, "a/one.txt") == {"a/one.txt"}


def test_force_exclude_applies_exclude_to_explicit_files(tree):
    write(tree, "dreg-lint.toml", 'exclude = ["a/one.txt", "top.txt"]\n')
    assert shown(tree, "--force-exclude", "a/one.txt", "top.txt", "a/b/c/deep.txt") == ["a/b/c/deep.txt"]
    result = run(["--force-exclude", "a/one.txt", "top.txt"], tree)
    assert result.rc == 0, result  # everything named was excluded: nothing to report
    assert result.out == ""


def test_force_exclude_applies_to_the_stdin_filename(tree):
    write(tree, "dreg-lint.toml", 'exclude = ["top.txt"]\n')
    result = run(["--force-exclude", "--stdin-filename", "top.txt", "-"], tree, input=BAD)
    assert result.rc == 0, result
    assert result.out == ""
    result = run(["--stdin-filename", "top.txt", "-"], tree, input=BAD)
    assert result.rc == 1, result


def git(directory, *args):
    subprocess.run(["git", *args], cwd=directory, check=True, capture_output=True)


def test_gitignore_is_respected_nested_too(tree):
    git(tree, "init", "-q")
    write(tree, ".gitignore", "deep.txt\n")
    write(tree, "a/.gitignore", "one.txt\n")
    write(tree, "a/kept.txt", INFO_ONLY)
    assert shown(tree) == ["a/kept.txt", "top.txt"]
    assert shown(tree, "a") == ["a/kept.txt"]  # the parent's .gitignore still applies below it


def test_gitignore_negation_and_directories(tree):
    git(tree, "init", "-q")
    write(tree, ".gitignore", "a/\n")
    assert shown(tree) == ["top.txt"]
    write(tree, ".gitignore", "*.txt\n!top.txt\n")
    assert shown(tree) == ["top.txt"]


def test_gitignore_above_the_repository_root_is_not_used(tmp_path):
    write(tmp_path, ".gitignore", "*.txt\n")
    repository = tmp_path / "repo"
    repository.mkdir()
    git(repository, "init", "-q")
    write(repository, "page.txt", CLEAN)
    assert shown(repository) == ["page.txt"]


def test_gitignored_file_named_explicitly_is_linted(tree):
    git(tree, "init", "-q")
    write(tree, ".gitignore", "top.txt\n")
    assert shown(tree, "top.txt") == ["top.txt"]


def test_hidden_and_tool_directories_are_skipped(tree):
    write(tree, ".git/x.txt", BAD)
    write(tree, ".venv/lib/y.txt", BAD)
    write(tree, "node_modules/z.txt", BAD)
    write(tree, ".dreg-lint-cache/w.txt", BAD)
    assert shown(tree) == ["a/b/c/deep.txt", "a/one.txt", "top.txt"]


def test_stdin_gives_the_same_diagnostics_as_the_file(tree):
    from_file = run(["--output-format", "json", "top.txt"], tree)
    from_stdin = run(["--output-format", "json", "--stdin-filename", "top.txt", "-"], tree, input=BAD)
    assert from_file.rc == from_stdin.rc == 1
    assert from_stdin.json() == from_file.json()
    full_file = run(["--output-format", "full", "top.txt"], tree)
    full_stdin = run(["--output-format", "full", "--stdin-filename", "top.txt", "-"], tree, input=BAD)
    assert full_stdin.out == full_file.out


def test_stdin_without_a_name_is_shown_as_dash(tmp_path):
    result = run(["--output-format", "json", "-"], tmp_path, input=BAD)
    assert result.rc == 1, result
    assert {d["path"] for d in result.json()} == {"-"}
    full = run(["-"], tmp_path, input=BAD)
    assert "5 | Opt outs honoured: Y, N" in full.out  # the source line comes from standard input


def test_stdin_full_output_shows_stdin_text_not_the_file_on_disk(tmp_path):
    write(tmp_path, "page.txt", CLEAN)  # the file on disk differs from the text piped in
    result = run(["--stdin-filename", "page.txt", "-"], tmp_path, input=BAD)
    assert "5 | Opt outs honoured: Y, N" in result.out, result


def test_stdin_together_with_files(tree):
    result = run(["--output-format", "json", "--select", "DRL001", "--stdin-filename", "piped.txt", "-", "top.txt"],
                 tree, input=BAD)
    assert {d["path"] for d in result.json()} == {"piped.txt", "top.txt"}


def test_show_files_lists_nothing_for_an_empty_directory(tmp_path):
    (tmp_path / "empty").mkdir()
    result = run(["--show-files", "empty"], tmp_path)
    assert result.rc == 0
    assert result.out == ""


def test_missing_path_is_reported_and_the_others_still_linted(tree):
    result = run(["--output-format", "json", "--select", "DRL001", "missing.txt", "top.txt", "a"], tree)
    assert result.rc == 2, result
    assert {d["path"] for d in result.json()} == {"top.txt", "a/one.txt", "a/b/c/deep.txt"}
    errors = result.error_lines()
    assert len(errors) == 1 and "missing.txt" in errors[0], result
    assert_no_traceback(result)


def test_paths_outside_the_current_directory(tmp_path):
    inner = tmp_path / "work"
    inner.mkdir()
    write(tmp_path, "pages/p.txt", WARNING_ONLY)
    result = run(["--output-format", "json", "../pages"], inner)
    assert result.rc == 1, result
    assert [d["path"] for d in result.json()] == ["../pages/p.txt"]


def test_the_library_lints_paths_like_the_command_and_names_a_missing_one(tmp_path):
    import pytest

    import dreg_lint

    page = tmp_path / "page.txt"
    page.write_text("NHS Digital Data Release Register - reformatted\nNHS Example Trust projects\n"
                    "Clinic audit — DARS-NIC-12345-ABCDE\nOpt outs honoured: Y, N\nObjectives:\nTo count visits.\n",
                    encoding="utf-8")
    found = dreg_lint.lint_paths([str(tmp_path)], {"select": ["DRL001"]})
    assert [(d.code, d.line, d.column) for d in found] == [("DRL001", 4, 20)]
    with pytest.raises(OSError, match="missing.txt"):
        dreg_lint.lint_paths([str(page), str(tmp_path / "missing.txt")])
