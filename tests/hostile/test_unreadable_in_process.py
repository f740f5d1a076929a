"""Unreadable files and directories, simulated in-process so that the behaviour is tested even where
the suite runs as root (where chmod stops nothing and the end-to-end permission tests skip)."""

from __future__ import annotations

import builtins
import errno
import os

from dreg_lint.cli import main

PAGE = ("NHS Digital Data Release Register - reformatted\nNHS Example Trust projects\n"
        "Clinic audit — DARS-NIC-12345-ABCDE\nOpt outs honoured: Y, N\nObjectives:\nTo count visits.\n")


def test_a_file_that_cannot_be_read_is_one_error_and_the_rest_is_linted(tmp_path, monkeypatch, capsys):
    (tmp_path / "locked.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "open.txt").write_text(PAGE, encoding="utf-8")
    real_open = builtins.open

    def guarded_open(file, *args, **kwargs):
        if str(file).endswith("locked.txt"):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded_open)
    monkeypatch.chdir(tmp_path)
    status = main(["locked.txt", "open.txt", "--no-cache", "--output-format", "concise", "--select", "DRL001"])
    out, err = capsys.readouterr()
    assert status == 2
    errors = [line for line in err.splitlines() if "error" in line]
    assert errors == ["dreg-lint: error: locked.txt: cannot read: Permission denied"]
    assert "Traceback" not in err
    assert out.splitlines() == [
        "open.txt:4:20: DRL001 [warning] opt-outs applied to some files (`Y`) and not to others (`N`) "
        "of agreement DARS-NIC-12345-ABCDE"
    ]


def test_a_directory_that_cannot_be_listed_is_one_error(tmp_path, monkeypatch, capsys):
    (tmp_path / "pages" / "locked").mkdir(parents=True)
    (tmp_path / "pages" / "page.txt").write_text(PAGE, encoding="utf-8")
    real_scandir = os.scandir

    def guarded_scandir(path=".", *args):
        if str(path).endswith("locked"):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_scandir(path, *args)

    monkeypatch.setattr(os, "scandir", guarded_scandir)
    monkeypatch.chdir(tmp_path)
    status = main(["pages", "--no-cache", "--output-format", "concise", "--select", "DRL001"])
    out, err = capsys.readouterr()
    assert status == 2
    assert len([line for line in err.splitlines() if "locked" in line]) == 1
    assert "ermission denied" in err
    assert out.count("DRL001") == 1
