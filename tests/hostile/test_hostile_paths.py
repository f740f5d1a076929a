"""Paths that cannot be linted: each gives nothing, or one clear line on standard error and exit
status 2, while every other file's findings are still reported."""

from __future__ import annotations

import os

import pytest

from cli.support import BAD, BAD_CODES, assert_no_traceback, run, write

OTHER = BAD.replace("12345-ABCDE", "67890-FGHIJ")


@pytest.fixture
def site(tmp_path):
    write(tmp_path, "good/one.txt", BAD)
    write(tmp_path, "good/two.txt", OTHER)
    return tmp_path


def lint(site, *paths, timeout=60):
    return run(["--output-format", "json", "--isolated", *paths], site, timeout=timeout)


def others_all_reported(result):
    found = {(d["path"], d["code"]) for d in result.json()}
    for path in ("good/one.txt", "good/two.txt"):
        for code in BAD_CODES:
            assert (path, code) in found, (path, code, result)


def one_error_naming(result, *names):
    assert result.rc == 2, result
    errors = result.error_lines()
    assert len(errors) == 1, result
    for name in names:
        assert name in errors[0], (name, errors[0])
    assert_no_traceback(result)
    return errors[0]


def test_missing_file(site):
    result = lint(site, "good", "absent.txt")
    line = one_error_naming(result, "absent.txt")
    assert "no such file" in line.lower()
    others_all_reported(result)


def test_missing_directory(site):
    result = lint(site, "no/such/dir", "good")
    one_error_naming(result, "no/such/dir")
    others_all_reported(result)


def test_directory_named_like_a_page(site):
    (site / "folder.txt").mkdir()
    result = lint(site, "folder.txt", "good")
    assert result.rc == 1, result  # an (empty) directory is searched, and holds nothing
    assert result.error_lines() == []
    others_all_reported(result)
    write(site, "folder.txt/inner.txt", BAD.replace("12345-ABCDE", "13579-KLMNO"))
    result = lint(site, ".")
    assert "folder.txt/inner.txt" in {d["path"] for d in result.json()}


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="running as root: root can read a file whatever its permissions")
def test_file_without_read_permission(site):
    locked = write(site, "locked.txt", BAD)
    locked.chmod(0)
    try:
        result = lint(site, "locked.txt", "good")
        line = one_error_naming(result, "locked.txt")
        assert "permission denied" in line.lower()
        others_all_reported(result)
        in_directory = lint(site, ".")
        one_error_naming(in_directory, "locked.txt")
    finally:
        locked.chmod(0o644)


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="running as root: root can list a directory whatever its permissions")
def test_directory_without_permission(site):
    locked = site / "good" / "locked"
    locked.mkdir()
    write(locked, "page.txt", BAD)
    locked.chmod(0)
    try:
        result = lint(site, "good")
        one_error_naming(result, "locked", "ermission denied")
        others_all_reported(result)
    finally:
        locked.chmod(0o755)


def test_symlink_loop_inside_a_directory_is_skipped(site):
    os.symlink("loop_b.txt", site / "good" / "loop_a.txt")
    os.symlink("loop_a.txt", site / "good" / "loop_b.txt")
    os.symlink(".", site / "good" / "self")  # a directory link back to itself
    os.symlink("..", site / "good" / "parent")
    os.symlink("missing.txt", site / "good" / "dangling.txt")
    result = lint(site, "good")
    assert result.rc == 1, result
    assert result.error_lines() == []
    assert {d["path"] for d in result.json()} == {"good/one.txt", "good/two.txt"}
    others_all_reported(result)


def test_symlink_loop_named_explicitly(site):
    os.symlink("loop_b.txt", site / "loop_a.txt")
    os.symlink("loop_a.txt", site / "loop_b.txt")
    result = lint(site, "loop_a.txt", "good")
    one_error_naming(result, "loop_a.txt")
    others_all_reported(result)


def test_dangling_symlink_named_explicitly(site):
    os.symlink("nowhere.txt", site / "dangling.txt")
    result = lint(site, "dangling.txt", "good")
    one_error_naming(result, "dangling.txt")
    others_all_reported(result)


def test_symlink_to_a_page_is_linted(site):
    os.symlink("good/one.txt", site / "link.txt")
    result = lint(site, "link.txt")
    assert {d["path"] for d in result.json()} == {"link.txt"}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_inside_a_directory_is_skipped_without_blocking(site):
    os.mkfifo(site / "good" / "pipe.txt")
    result = lint(site, "good", timeout=60)  # reading the FIFO would block until the timeout
    assert result.rc == 1, result
    assert result.error_lines() == []
    others_all_reported(result)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_named_explicitly_is_an_error_not_a_hang(site):
    os.mkfifo(site / "pipe.txt")
    result = lint(site, "pipe.txt", "good", timeout=60)
    line = one_error_naming(result, "pipe.txt")
    assert "not a regular file" in line
    others_all_reported(result)


def test_device_named_explicitly(site):
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    result = lint(site, "/dev/zero", "good", timeout=60)  # reading it would never end
    one_error_naming(result, "/dev/zero")
    others_all_reported(result)


def test_several_bad_paths_each_get_one_line(site):
    os.symlink("loop_b.txt", site / "loop_a.txt")
    os.symlink("loop_a.txt", site / "loop_b.txt")
    result = lint(site, "absent.txt", "loop_a.txt", "good", "also-absent.txt")
    assert result.rc == 2
    errors = result.error_lines()
    assert len(errors) == 3, result
    assert ["absent.txt" in errors[0], "loop_a.txt" in errors[1], "also-absent.txt" in errors[2]] == [True] * 3
    others_all_reported(result)


def test_stdin_filename_naming_a_directory(site):
    result = run(["--output-format", "json", "--isolated", "--stdin-filename", "good", "-", "good"], site,
                 input=BAD)
    one_error_naming(result, "good")
    others_all_reported(result)


def test_hostile_file_names_are_reported_safely(site):
    name = "bad\x1b[31mname\x07.txt"
    result = lint(site, name, "good")
    line = one_error_naming(result, "bad")
    assert "\x1b" not in result.err and "\x07" not in result.err
    assert "\\x1b" in line
    others_all_reported(result)
