"""Broken page files through the real command: encodings, line endings, control bytes, truncation,
shuffled lines. None of them is an error of the command (exit 2); each is linted or reported with a
structural code, with valid JSON output."""

from __future__ import annotations

import json
import random

import pytest

from cli.support import BAD, BAD_CODES, EXAMPLE_PAGES, SEEDS, assert_no_traceback, run, write

HEADER = "NHS Digital Data Release Register - reformatted\n"


def lint_json(directory, *paths, args=()):
    result = run(["--output-format", "json", "--isolated", "--no-cache", *args, *paths], directory)
    assert result.rc in (0, 1), result
    assert result.error_lines() == [], result
    assert_no_traceback(result)
    diagnostics = result.json()
    assert not [d for d in diagnostics if d["code"] == "DRL999"], diagnostics  # no rule crashed
    return diagnostics


def check_positions(diagnostics, texts: dict[str, bytes]):
    """Every diagnostic points inside its file."""
    for d in diagnostics:
        if d["path"] not in texts:
            continue
        lines = texts[d["path"]].decode("utf-8", "replace").replace("\r\n", "\n").replace("\r", "\n").split("\n")
        assert 1 <= d["line"] <= max(1, len(lines)), d
        assert d["column"] >= 1 and (d["end_line"], d["end_column"]) >= (d["line"], d["column"]), d


def codes_at(diagnostics):
    return [(d["code"], d["line"], d["column"]) for d in diagnostics]


def test_empty_file(tmp_path):
    write(tmp_path, "empty.txt", b"")
    assert [d["code"] for d in lint_json(tmp_path, "empty.txt")] == ["DRL901"]


def test_header_only(tmp_path):
    write(tmp_path, "header.txt", HEADER)
    diagnostics = lint_json(tmp_path, "header.txt")
    assert diagnostics and all(d["code"].startswith("DRL9") for d in diagnostics)


def test_whitespace_only(tmp_path):
    write(tmp_path, "blank.txt", "\n\n   \n\t\n")
    assert [d["code"] for d in lint_json(tmp_path, "blank.txt")] == ["DRL901"]


@pytest.mark.parametrize(
    ("name", "transform"),
    [
        ("crlf", lambda b: b.replace(b"\n", b"\r\n")),
        ("lone_cr", lambda b: b.replace(b"\n", b"\r")),
        ("bom", lambda b: b"\xef\xbb\xbf" + b),
        ("bom_crlf", lambda b: b"\xef\xbb\xbf" + b.replace(b"\n", b"\r\n")),
        ("no_final_newline", lambda b: b.rstrip(b"\n")),
    ],
)
def test_line_endings_and_bom_give_the_same_findings(tmp_path, name, transform):
    data = transform(BAD.encode("utf-8"))
    write(tmp_path, "page.txt", data)
    diagnostics = lint_json(tmp_path, "page.txt")
    assert codes_at(diagnostics) == [("DRL001", 5, 20), ("DRL011", 5, 23), ("DRL010", 6, 14), ("DRL014", 6, 14)]
    check_positions(diagnostics, {"page.txt": data})
    full = run(["--isolated", "page.txt"], tmp_path)
    assert "6 | Legal basis: Health and Social Care Act 2012\n" in full.out  # no stray CR or BOM shown


def test_trailing_spaces(tmp_path):
    data = BAD.replace("\n", "   \n").encode("utf-8")
    write(tmp_path, "spaces.txt", data)
    diagnostics = lint_json(tmp_path, "spaces.txt")
    assert set(BAD_CODES) <= {d["code"] for d in diagnostics}
    check_positions(diagnostics, {"spaces.txt": data})


def test_tabs(tmp_path):
    data = BAD.replace(": ", ":\t").replace("\n- ", "\n-\t").encode("utf-8")
    write(tmp_path, "tabs.txt", data)
    diagnostics = lint_json(tmp_path, "tabs.txt")
    assert {d["code"] for d in diagnostics} >= {"DRL010"}
    check_positions(diagnostics, {"tabs.txt": data})


def test_nul_bytes_inside_a_page(tmp_path):
    data = BAD.replace("Waiting", "Wait\x00ing").replace("Act 2012", "Act\x00 2012").encode("utf-8")
    write(tmp_path, "nul.txt", data)
    diagnostics = lint_json(tmp_path, "nul.txt")
    assert {"DRL001", "DRL011"} <= {d["code"] for d in diagnostics}
    check_positions(diagnostics, {"nul.txt": data})


def test_invalid_utf8_is_drl900_with_the_byte_offset(tmp_path):
    data = BAD.encode("utf-8").replace(b"Waiting", b"Wait\xff\xfeing")
    write(tmp_path, "latin.txt", data)
    diagnostics = lint_json(tmp_path, "latin.txt")
    (drl900,) = [d for d in diagnostics if d["code"] == "DRL900"]
    offset = data.index(b"\xff")
    assert f"byte offset {offset}" in drl900["message"]
    assert (drl900["line"], drl900["column"]) == (3, 5)
    assert set(BAD_CODES) <= {d["code"] for d in diagnostics}  # the rest is still linted


def test_latin1_page(tmp_path):
    data = BAD.replace("—", "-").replace("Board", "Bo\u00e4rd").encode("latin-1")
    write(tmp_path, "latin1.txt", data)
    diagnostics = lint_json(tmp_path, "latin1.txt")
    assert "DRL900" in {d["code"] for d in diagnostics}


def test_utf8_cut_inside_a_character(tmp_path):
    data = BAD.encode("utf-8")
    cut = data[: data.index("—".encode()) + 1]
    write(tmp_path, "cut.txt", cut)
    assert "DRL900" in {d["code"] for d in lint_json(tmp_path, "cut.txt")}


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_is_drl906(tmp_path, encoding):
    write(tmp_path, "wide.txt", BAD.encode(encoding))
    diagnostics = lint_json(tmp_path, "wide.txt")
    assert [d["code"] for d in diagnostics] == ["DRL906"]
    assert "UTF-16" in diagnostics[0]["message"]


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00" * 40,
        b"PK\x03\x04" + b"\x00\x00\x08\x00" * 300,
        b"\x7fELF\x02\x01\x01" + b"\x00" * 1000,
        b"\x00" * 5000,
    ],
    ids=["png", "zip", "elf", "zeros"],
)
def test_binary_is_drl906(tmp_path, data):
    write(tmp_path, "binary.txt", data)
    assert [d["code"] for d in lint_json(tmp_path, "binary.txt")] == ["DRL906"]


def test_random_bytes_do_not_crash(tmp_path):
    generator = random.Random(906)
    texts = {}
    for number in range(10):
        data = bytes(generator.randrange(256) for _ in range(generator.randrange(1, 4000)))
        texts[f"random_{number}.txt"] = data
        write(tmp_path, f"random_{number}.txt", data)
    diagnostics = lint_json(tmp_path, ".")
    check_positions(diagnostics, texts)


def _sources() -> dict[str, bytes]:
    sources = {"bad": BAD.encode("utf-8")}
    for path in sorted(EXAMPLE_PAGES.glob("*.txt"))[:2]:
        sources[path.stem] = path.read_bytes()
    return sources


@pytest.mark.parametrize("source", sorted(_sources()))
def test_a_page_cut_at_every_few_bytes(tmp_path, source):
    data = _sources()[source]
    step = max(3, len(data) // 150)
    texts = {}
    for cut in range(0, len(data), step):
        name = f"cut_{cut:06d}.txt"
        texts[name] = data[:cut]
        write(tmp_path, name, data[:cut])
    diagnostics = lint_json(tmp_path, ".", args=["--jobs", "2"])
    check_positions(diagnostics, texts)
    # A page cut inside its projects is reported as cut (DRL903) or at least structurally.
    assert "DRL903" in {d["code"] for d in diagnostics}


def _pages_for_shuffling() -> list[bytes]:
    pages = [BAD.encode("utf-8")] + [p.read_bytes() for p in sorted(EXAMPLE_PAGES.glob("*.txt"))]
    pages += [p.read_bytes() for p in sorted(SEEDS.glob("*.txt"))[:2]] if SEEDS.is_dir() else []
    return pages


def test_shuffled_and_duplicated_lines(tmp_path):
    generator = random.Random(2024)
    texts = {}
    for number, data in enumerate(_pages_for_shuffling()):
        lines = data.split(b"\n")
        shuffled = lines[:]
        generator.shuffle(shuffled)
        duplicated = [line for line in lines for _ in range(generator.choice((1, 1, 2, 3)))]
        reversed_ = lines[::-1]
        swapped = lines[:]
        for _ in range(10):
            i, j = generator.randrange(len(swapped)), generator.randrange(len(swapped))
            swapped[i], swapped[j] = swapped[j], swapped[i]
        for kind, variant in (("shuffled", shuffled), ("duplicated", duplicated), ("reversed", reversed_),
                              ("swapped", swapped), ("doubled", lines + lines)):
            name = f"{kind}_{number}.txt"
            texts[name] = b"\n".join(variant)
            write(tmp_path, name, texts[name])
    diagnostics = lint_json(tmp_path, ".", args=["--jobs", "2"])
    check_positions(diagnostics, texts)
    assert "DRL905" in {d["code"] for d in diagnostics if d["path"].startswith("duplicated_")}


def test_a_red_flag_on_every_line(tmp_path):
    texts = {}
    for number, data in enumerate(_pages_for_shuffling()):
        text = data.decode("utf-8", "replace")
        for kind, variant in (("prefix", "\n".join("🚩 " + line for line in text.split("\n"))),
                              ("suffix", "\n".join(line + " 🚩" for line in text.split("\n"))),
                              ("alone", "\n".join(f"{line}\n🚩" for line in text.split("\n")))):
            name = f"flag_{kind}_{number}.txt"
            texts[name] = variant.encode("utf-8")
            write(tmp_path, name, texts[name])
    diagnostics = lint_json(tmp_path, ".")
    check_positions(diagnostics, texts)


def test_output_formats_on_broken_pages_parse_back(tmp_path):
    write(tmp_path, "a.txt", BAD.encode("utf-8").replace(b"Waiting", b"Wait\xff\x00\x1b[31m"))
    write(tmp_path, "b.txt", BAD.encode("utf-16"))
    write(tmp_path, "c.txt", b"")
    write(tmp_path, "d.txt", BAD.replace("\n", "\r")[:300])
    for output_format in ("json", "sarif", "gitlab"):
        result = run(["--output-format", output_format, "--isolated", "."], tmp_path)
        assert result.rc == 1, result
        json.loads(result.stdout_bytes.decode("utf-8"))
    lines = run(["--output-format", "json-lines", "--isolated", "."], tmp_path).out.splitlines()
    assert all(json.loads(line) for line in lines)
    import xml.etree.ElementTree as ElementTree

    ElementTree.fromstring(run(["--output-format", "junit", "--isolated", "."], tmp_path).stdout_bytes)
