"""The spool of a run's findings gives them back exactly, in report order, as often as asked."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dreg_lint import spool as spool_module
from dreg_lint.diagnostics import Diagnostic
from dreg_lint.spool import DiagnosticSpool


def diagnostic(path, line=1, column=1, code="DRL001", message="m", **extra):
    values = dict(code=code, name="some-rule", severity="warning", message=message, path=path, line=line,
                  column=column, end_line=line, end_column=column + 1, project="DARS-NIC-1-A",
                  project_line=1, fingerprint="f" * 32)
    values.update(extra)
    return Diagnostic(**values)


def test_pages_come_back_sorted_by_path_and_cross_page_findings_merge_in():
    spool = DiagnosticSpool()
    b = [diagnostic("b.txt", 1), diagnostic("b.txt", 9)]
    a = [diagnostic("a.txt", 2), diagnostic("a.txt", 3)]
    cross = [diagnostic("a.txt", 1, code="DRL027"), diagnostic("b.txt", 5, code="DRL027"),
             diagnostic("c.txt", 4, code="DRL027")]
    spool.add(b)
    spool.add(a)
    spool.add(cross)
    expected = sorted(a + b + cross, key=Diagnostic.sort_key)
    assert list(spool) == expected
    assert list(spool) == expected  # again: it is re-iterable
    assert len(spool) == 7 and spool.severities == {"warning": 7}
    # two iterations at once (the SARIF and GitLab reporters zip over the findings twice)
    assert [(x, y) for x, y in zip(spool, spool)] == list(zip(expected, expected))


def test_text_survives_exactly_including_lone_surrogates_and_none():
    # (Undecodable bytes become lone low surrogates; a high-low pair, which JSON would join, cannot
    # come out of decoding a page or a file name.)
    odd = diagnostic(None, message="bad byte \udcff\udc80, NUL \x00, ünïcode 🚩",
                     project=None, project_line=None, severity="error")
    spool = DiagnosticSpool()
    spool.add([odd, diagnostic("data/\udce9.txt")])
    assert list(spool) == [odd, diagnostic("data/\udce9.txt")]
    assert spool.severities == {"error": 1, "warning": 1}


def test_a_large_spool_moves_to_disk_and_still_reads_back(monkeypatch):
    monkeypatch.setattr(spool_module, "_IN_MEMORY", 10_000)
    spool = DiagnosticSpool()
    pages = [[diagnostic(f"p{n:03d}.txt", line, message="x" * 50) for line in range(1, 20)] for n in range(200)]
    for page in reversed(pages):
        spool.add(page)
    assert spool._file.on_disk  # the rows went to a temporary file
    assert list(spool) == [d for page in pages for d in page]


@pytest.mark.parametrize("where", ["in memory", "on disk", "on disk, without os.pread"])
def test_findings_added_after_the_spool_was_read_are_kept_at_its_end(monkeypatch, where):
    # The spool appends without seeking to its end; a read in between (b.txt, stored first, is
    # read last) must not make the next page overwrite what is there, nor be read before what the
    # file's buffer still holds is written.
    if where != "in memory":
        monkeypatch.setattr(spool_module, "_IN_MEMORY", 0)
    if where == "on disk, without os.pread":
        monkeypatch.setattr(spool_module, "_PREAD", None)
    spool = DiagnosticSpool()
    b, a, c = [diagnostic("b.txt", 1)], [diagnostic("a.txt", 2)], [diagnostic("c.txt", 3)]
    spool.add(b)
    spool.add(a)
    assert list(spool) == a + b
    spool.add(c)
    assert list(spool) == a + b + c
    assert spool._file.on_disk is (where != "in memory")


rows = st.lists(st.tuples(st.sampled_from(["a", "b", "", "c/d"]), st.integers(1, 50), st.integers(1, 9),
                          st.sampled_from(["DRL001", "DRL027", "DRL900"])), max_size=40)


@settings(max_examples=60, deadline=None)
@given(st.lists(rows, max_size=6))
def test_any_batches_of_sorted_findings_come_back_as_one_sorted_list(batches):
    spool = DiagnosticSpool()
    everything = []
    for batch in batches:
        diagnostics = sorted((diagnostic(path or None, line, column, code) for path, line, column, code in batch),
                             key=Diagnostic.sort_key)
        spool.add(diagnostics)
        everything.extend(diagnostics)
    assert list(spool) == sorted(everything, key=Diagnostic.sort_key)
    assert len(spool) == len(everything)


def test_findings_rendered_as_they_were_spooled_come_back_in_report_order():
    from dreg_lint.reporters.json_format import json_line, json_object

    spool = DiagnosticSpool(json_object)
    odd = diagnostic("a.txt", 1, message="bad byte \udcff, C1 \x85, 🚩", code="DRL900")
    spool.add([diagnostic("b.txt", 1), diagnostic("b.txt", 9)])
    spool.add([odd, diagnostic("a.txt", 3)])
    spool.add([diagnostic("a.txt", 2, code="DRL027"), diagnostic("b.txt", 5, code="DRL027")])
    expected = list(spool)
    assert [d.line for d in expected] == [1, 2, 3, 1, 5, 9]
    # a block of texts joined by NULs per path, in UTF-8 (the lone surrogate was made U+FFFD)
    assert list(spool.rendered(json_object)) == [
        "\0".join(json_object(d) for d in expected[:3]).encode(),
        "\0".join(json_object(d) for d in expected[3:]).encode()]
    assert spool.rendered(json_line) is None  # kept for another format: the reporter renders itself
    assert DiagnosticSpool().rendered(json_object) is None


def test_a_page_with_more_findings_than_an_encoding_batch_comes_back_whole(monkeypatch):
    from dreg_lint.reporters.json_format import json_object

    monkeypatch.setattr(spool_module, "_ENCODE_BATCH", 3)
    page = [diagnostic("a.txt", line, message=f"finding {line} \udcff 🚩") for line in range(1, 9)]
    for render in (None, json_object):
        spool = DiagnosticSpool(render)
        spool.add(page)
        assert list(spool) == page
        if render is not None:
            assert list(spool.rendered(render)) == ["\0".join(map(render, page)).encode()]


def test_rendered_findings_come_back_in_pieces_that_join_to_the_whole(monkeypatch):
    from dreg_lint.reporters.json_format import json_object

    monkeypatch.setattr(spool_module, "_PIECE", 10)
    monkeypatch.setattr(spool_module, "_ENCODE_BATCH", 2)
    page = [diagnostic("a.txt", line, message=f"finding {line} 🚩 \udcff") for line in range(1, 8)]
    cross = [diagnostic("b.txt", 3, code="DRL027")]
    spool = DiagnosticSpool(json_object)
    spool.add(page)
    spool.add([diagnostic("b.txt", line) for line in (1, 5, 7)])
    spool.add(cross)
    blocks = list(spool.rendered(json_object))
    assert len(blocks) > 2
    assert b"\0".join(blocks) == "\0".join(map(json_object, list(spool))).encode()


def test_findings_are_rendered_in_advance_for_exactly_the_formats_that_can_take_them():
    from dreg_lint.reporters.json_format import RENDERERS
    from dreg_lint.runner import _renderer
    from dreg_lint.settings import Settings

    for name in ("full", "concise", "json", "json-lines", "sarif", "github", "gitlab", "junit"):
        assert _renderer(Settings(output_format=name)) is RENDERERS.get(name), name


def test_every_severity_comes_back_as_the_member_it_was():
    from dreg_lint.diagnostics import Severity
    from dreg_lint.reporters.json_format import json_object

    # The rows keep a severity as its value (pickling the member is a Python call each way): the
    # diagnostics read back still hold the members, equal in every field to those spooled.
    for render in (None, json_object):
        spool = DiagnosticSpool(render)
        page = [diagnostic("a.txt", line, severity=severity) for line, severity in enumerate(Severity, 1)]
        cross = [diagnostic("a.txt", 2, code="DRL027", severity=Severity.ERROR)]
        spool.add(page)
        spool.add(cross)
        back = list(spool)
        assert back == sorted(page + cross, key=Diagnostic.sort_key)
        assert [type(d.severity) for d in back] == [Severity] * 4
        assert [d.severity for d in back] == [Severity.ERROR, Severity.WARNING, Severity.ERROR, Severity.INFO]
        assert dict(spool.severities) == {"error": 2, "warning": 1, "info": 1}


# The file under the spools: reads that go on where earlier ones ended are served from bytes read
# ahead, in at most two runs at once; any other read takes only its own bytes.

def _file_on_disk(monkeypatch, read_ahead=64):
    from dreg_lint.spool import _AppendOnlyFile

    monkeypatch.setattr(spool_module, "_IN_MEMORY", 0)
    monkeypatch.setattr(spool_module, "_READ_AHEAD", read_ahead)
    calls = []
    read_at = spool_module._read_at

    def counted(file, offset, length):
        calls.append((offset, length))
        return read_at(file, offset, length)

    monkeypatch.setattr(spool_module, "_read_at", counted)
    return _AppendOnlyFile(), calls


def test_reads_in_order_are_served_from_bytes_read_ahead(monkeypatch):
    file, calls = _file_on_disk(monkeypatch)
    records = [bytes([n]) * 10 for n in range(20)]
    offsets = [file.append(record) for record in records]
    assert [file.read(offset, 10) for offset in offsets] == records
    # the first read takes its own 10 bytes; the one going on from it 64, and so on
    assert calls == [(0, 10), (10, 64), (70, 64), (130, 64), (190, 10)]


def test_two_runs_read_in_turns_are_both_read_ahead(monkeypatch):
    # A page's findings from the front of the file, the cross-page findings about it from the back.
    file, calls = _file_on_disk(monkeypatch)
    front = [file.append(bytes([n]) * 8) for n in range(30)]
    back = [file.append(bytes([100 + n]) * 8) for n in range(30)]
    for n in range(30):
        assert file.read(front[n], 8) == bytes([n]) * 8
        assert file.read(back[n], 8) == bytes([100 + n]) * 8
    assert len(calls) == 2 + 2 * 4  # each run: its first read, then 64 bytes (eight records) a time


def test_reads_out_of_order_take_only_their_own_bytes(monkeypatch):
    file, calls = _file_on_disk(monkeypatch)
    offsets = [file.append(bytes([n]) * 10) for n in range(20)]
    for n in (7, 3, 15, 0, 11):
        assert file.read(offsets[n], 10) == bytes([n]) * 10
    assert calls == [(offsets[n], 10) for n in (7, 3, 15, 0, 11)]


def test_a_large_read_is_not_kept_but_the_next_one_reads_ahead_from_its_end(monkeypatch):
    file, calls = _file_on_disk(monkeypatch)
    large = file.append(b"x" * 500)
    after = [file.append(bytes([n]) * 10) for n in range(3)]
    assert file.read(large, 500) == b"x" * 500
    assert file._kept_reads == [(500, b"")]
    assert [file.read(offset, 10) for offset in after] == [bytes([n]) * 10 for n in range(3)]
    assert calls == [(0, 500), (500, 30)]  # the rest of the file: less than 64 bytes


@settings(max_examples=80, deadline=None)
@given(st.lists(st.one_of(st.binary(min_size=1, max_size=40).map(lambda data: ("append", data)),
                          st.tuples(st.just("read"), st.integers(0, 10**6), st.integers(0, 90))),
                max_size=60),
       st.sampled_from([1, 16, 64]))
def test_any_appends_and_reads_give_back_exactly_what_was_written(operations, read_ahead):
    with pytest.MonkeyPatch.context() as patch:  # (hypothesis runs the body many times per test)
        file, _calls = _file_on_disk(patch, read_ahead)
        written = bytearray()
        for operation in operations:
            if operation[0] == "append":
                assert file.append(operation[1]) == len(written)
                written += operation[1]
            elif written:
                offset = operation[1] % len(written)
                length = min(operation[2], len(written) - offset)
                assert file.read(offset, length) == bytes(written[offset : offset + length])
