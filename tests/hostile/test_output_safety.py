"""Page text (and file names) must not be able to forge workflow commands, break the structured
formats, or send control sequences to a terminal."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ElementTree

import pytest

from cli.support import run, write

HEADER = "NHS Digital Data Release Register - reformatted\n"

FORGERIES = [
    "%0A::error::x",
    "::error file=x.txt,line=1::forged",
    "%0D%0A::warning::forged %25 %3A %2C",
    "::add-mask::secret",
    "::set-output name=x::y",
    "::stop-commands::token",
]

CONTROL = "\x1b[31mred\x1b[0m \x1b]0;title\x07 \x07bell \x08back \x9b31m \x85next \u202eevil \x00nul \x7fdel \r"


def hostile_page(extra: str = "") -> str:
    org = "%0A::error::x Trust ::warning::y" + extra
    value = " ".join(FORGERIES)
    return (HEADER + f"{org} projects\n"
            f"Study {value} — DARS-NIC-12345-ABCDE\n"
            f"Type of data: Identifiable\n"
            f"Opt outs honoured: Y, N, {value}\n"
            f"Legal basis: Health and Social Care Act 2012 {value}{extra}\n"
            f"Purposes: {value} ()\n"
            f"When:{value}\n"
            f"Access method: {value}{extra}\n"
            f"Data-controller type: \n"
            f"Objectives:\n{value}{extra}\n"
            f"::error::a whole line of its own\n"
            f"Legal basys: ::warning file=a,line=1::b\n")


@pytest.fixture
def site(tmp_path):
    write(tmp_path, "forged.txt", hostile_page())
    write(tmp_path, "control.txt", hostile_page(CONTROL).encode("utf-8") + b"\xff\xfe bad bytes ]]> <x> & \"q\"\n")
    return tmp_path


GITHUB = re.compile(r"^::(error|warning|notice) file=[^,:\r\n]*,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,"
                    r"title=dreg-lint \((DRL|TST)\d{3}\)::[^\r\n]*$")


def test_page_text_cannot_forge_github_workflow_commands(site):
    result = run(["--output-format", "github", "--isolated", "."], site)
    assert result.rc == 1, result
    count = len(run(["--output-format", "json", "--isolated", "."], site).json())
    lines = result.out.split("\n")
    assert lines[-1] == ""
    lines = lines[:-1]
    assert len(lines) == count
    for line in lines:
        assert GITHUB.match(line), line
        # The data part may carry "::" (it is data after the command's own "::"), but nothing can
        # start a line of its own: one line per diagnostic, each one of dreg-lint's commands.
    for stray in ("::add-mask::", "::set-output", "::stop-commands::"):
        assert not any(line.startswith(stray) for line in lines)
    assert "\r" not in result.out


def test_page_percent_escapes_are_escaped_in_github_output(site):
    out = run(["--output-format", "github", "--isolated", "forged.txt"], site).out
    assert "%250A::error::x" in out  # the page's "%0A" printed as data, not as a newline
    assert not re.search(r"(?<!%25)%0A::", out.replace("%250A", ""))


def test_file_names_cannot_forge_github_workflow_commands(site):
    name = "evil\n::error file=x,line=1::forged, name:%0A.txt"
    try:
        write(site, name, hostile_page())
    except OSError:
        pytest.skip("this file system does not allow such a name")
    result = run(["--output-format", "github", "--isolated", name], site)
    assert result.rc == 1, result
    for line in result.out.splitlines():
        assert GITHUB.match(line), line
    assert "file=evil%0A%3A%3Aerror file=x%2Cline=1%3A%3Aforged%2C name%3A%250A.txt" in result.out


def test_file_names_cannot_forge_commands_on_standard_error(site):
    name = "gone\n::error::forged.txt"
    result = run(["--isolated", name], site)
    assert result.rc == 2
    assert not any(line.startswith("::") for line in result.err.splitlines()), result.err
    assert len(result.error_lines()) == 1


@pytest.mark.parametrize("output_format", ["json", "sarif", "gitlab"])
def test_json_formats_parse_back(site, output_format):
    result = run(["--output-format", output_format, "--isolated", "."], site)
    assert result.rc == 1, result
    document = json.loads(result.stdout_bytes.decode("utf-8", "strict"))
    text = json.dumps(document, ensure_ascii=False)
    text.encode("utf-8", "strict")  # no lone surrogates smuggled through


def test_json_lines_parse_back(site):
    result = run(["--output-format", "json-lines", "--isolated", "."], site)
    lines = result.stdout_bytes.decode("utf-8", "strict").split("\n")
    assert lines[-1] == ""
    objects = [json.loads(line) for line in lines[:-1]]
    assert objects == run(["--output-format", "json", "--isolated", "."], site).json()


def test_json_messages_keep_the_page_text(site):
    diagnostics = run(["--output-format", "json", "--isolated", "forged.txt"], site).json()
    assert any("%0A::error::x" in d["message"] or "::error" in d["message"] for d in diagnostics)


def test_junit_parses_back(site):
    result = run(["--output-format", "junit", "--isolated", "."], site)
    assert result.rc == 1
    root = ElementTree.fromstring(result.stdout_bytes)
    assert len(root.findall(".//failure")) == len(run(["--output-format", "json", "--isolated", "."], site).json())
    raw = result.stdout_bytes.decode("utf-8")
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]", raw)


def test_sarif_uris_are_relative_and_escaped(site):
    sarif = run(["--output-format", "sarif", "--isolated", "."], site).json()
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]}
    assert uris == {"control.txt", "forged.txt"}


UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
OUR_COLOURS = re.compile(r"\x1b\[[0-9;]*m")


@pytest.mark.parametrize("output_format", ["full", "concise"])
def test_no_control_sequences_reach_the_terminal(site, output_format):
    plain = run(["--output-format", output_format, "--isolated", "--color", "never", "."], site)
    coloured = run(["--output-format", output_format, "--isolated", "--color", "always", "."], site)
    assert plain.rc == coloured.rc == 1
    plain_text = plain.stdout_bytes.decode("utf-8", "strict")
    assert not UNSAFE.search(plain_text), repr(UNSAFE.search(plain_text))
    coloured_text = coloured.stdout_bytes.decode("utf-8", "strict")
    # Colour adds dreg-lint's own SGR codes and nothing else: strip them and the text is the plain one,
    # so no escape sequence in the coloured output can have come from the page.
    assert OUR_COLOURS.sub("", coloured_text) == plain_text
    if output_format == "full":
        assert "\\x1b" in plain_text  # the page's escape is shown, visibly


def test_no_control_sequences_on_standard_error(site):
    result = run(["--isolated", "--verbose", "control.txt", "missing\x1b[2J.txt", "\x9b2J.txt"], site)
    assert result.rc == 2
    assert not UNSAFE.search(result.err.replace("\n", "")), result.err


def test_statistics_and_show_files_are_safe(site):
    name = "odd\x1b[31m\u202ename.txt"
    write(site, name, hostile_page(CONTROL))
    shown = run(["--show-files", "--isolated", "."], site)
    assert not UNSAFE.search(shown.out.replace("\n", "")), shown.out
    statistics = run(["--statistics", "--isolated", "."], site)
    assert not UNSAFE.search(statistics.out.replace("\n", ""))


def test_plugin_error_messages_are_safe(site):
    write(site, "plugins/nasty.py", "raise RuntimeError('\\x1b[2J\\n::error::forged')\n")
    result = run(["--plugin", "nasty", "--isolated", "forged.txt"], site, env={"PYTHONPATH": str(site / "plugins")})
    assert result.rc == 2
    assert not any(line.startswith("::") for line in result.err.splitlines()), result.err
    assert "\x1b" not in result.err
