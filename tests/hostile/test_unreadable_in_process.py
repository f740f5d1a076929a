"""Unreadable files and directories, simulated in-process so that the behaviour is tested even where
the suite runs as root (where chmod stops nothing and the end-to-end permission tests skip)."""

from __future__ import annotations

import errno
import os

from dreg_lint.cli import main

PAGE = ("NHS Digital Data Release Register - reformatted\nNHS Example Trust projects\n"
        "Clinic audit — DARS-NIC-12345-ABCDE\nOpt outs honoured: Y, N\nObjectives:\nTo count visits.\n")


def test_a_file_that_cannot_be_read_is_one_error_and_the_rest_is_linted(tmp_path, monkeypatch, capsys):
    (tmp_path / "locked.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "open.txt").write_text(PAGE, encoding="utf-8")
    real_open = os.open

    def guarded_open(file, *args, **kwargs):
        if str(file).endswith("locked.txt"):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded_open)  # how the runner opens a page
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


def test_a_page_is_read_whole_however_the_reads_come_back(tmp_path, monkeypatch):
    from dreg_lint.runner import read_file

    page = tmp_path / "page.txt"
    data = PAGE.encode() * 5000  # 0.6 MB
    page.write_bytes(data)
    (tmp_path / "empty.txt").write_bytes(b"")
    assert read_file(str(page)) == data
    assert read_file(str(tmp_path / "empty.txt")) == b""
    real_read = os.read
    # short reads (a network file system, a signal): read on to the end
    monkeypatch.setattr(os, "read", lambda descriptor, size: real_read(descriptor, min(size, 1000)))
    assert read_file(str(page)) == data
    # a file that grows between fstat and read: what is there when it is read is read whole
    real_fstat = os.fstat
    monkeypatch.setattr(os, "read", real_read)
    monkeypatch.setattr(os, "fstat", lambda descriptor: os.stat_result((*real_fstat(descriptor)[:6], 10, 0, 0, 0)))
    assert read_file(str(page)) == data


def test_a_page_from_a_pipe_is_read_whole(tmp_path):
    import threading

    from dreg_lint.runner import read_file

    if not hasattr(os, "mkfifo"):
        import pytest

        pytest.skip("no named pipes on this system")
    fifo = tmp_path / "page.txt"
    os.mkfifo(fifo)
    data = PAGE.encode() * 2000

    def write() -> None:
        with open(fifo, "wb") as handle:
            for start in range(0, len(data), 4096):
                handle.write(data[start:start + 4096])

    writer = threading.Thread(target=write)
    writer.start()
    try:
        assert read_file(str(fifo)) == data
    finally:
        writer.join()


def test_a_directory_given_as_a_page_is_one_error(tmp_path):
    from dreg_lint.runner import Job, lint_one
    from dreg_lint.settings import Settings

    (tmp_path / "folder.txt").mkdir()
    result = lint_one(None, Job(Settings(), None, ""), None, str(tmp_path / "folder.txt"))
    assert isinstance(result, str) and "\n" not in result
    assert result.startswith(f"{tmp_path / 'folder.txt'}: cannot read: ")  # "Is a directory" on Linux
