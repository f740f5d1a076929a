import re

import pytest

from reporter_factories import make_diagnostic, make_report, render

# A workflow command as the Actions runner reads it: ::name key=value,key=value::data
COMMAND = re.compile(
    r"^::(?P<command>error|warning|notice) "
    r"file=(?P<file>[^,:\r\n]*),line=(?P<line>\d+),col=(?P<col>\d+),endLine=(?P<endLine>\d+),"
    r"endColumn=(?P<endColumn>\d+),title=(?P<title>[^,:\r\n]*)::(?P<data>[^\r\n]*)$")


def _unescape_property(value):
    return (value.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",")
            .replace("%25", "%"))


def _unescape_data(value):
    return value.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def test_exact_line():
    output = render("github", make_report([make_diagnostic(line=3, column=6, end_column=24)]))
    assert output == ("::error file=data/x.txt,line=3,col=6,endLine=3,endColumn=24,title=dreg-lint (DRL003)"
                      "::data/x.txt:3:6: DRL003 Release period is inverted\n")


@pytest.mark.parametrize("severity,command", [("error", "error"), ("warning", "warning"), ("info", "notice")])
def test_commands_by_severity(severity, command):
    output = render("github", make_report([make_diagnostic(severity=severity, line=2, end_line=4, end_column=3)]))
    match = COMMAND.match(output.rstrip("\n"))
    assert match and match["command"] == command
    assert (match["line"], match["col"], match["endLine"], match["endColumn"]) == ("2", "6", "4", "3")
    assert match["title"] == "dreg-lint (DRL003)"


def test_property_and_data_escaping():
    path = "data/a:b,c%d\r\ne.txt"
    message = "100% sure: a, b\r\nnext"
    output = render("github", make_report([make_diagnostic(path=path, message=message)]))
    assert output.count("\n") == 1
    match = COMMAND.match(output.rstrip("\n"))
    assert match, output
    assert match["file"] == "data/a%3Ab%2Cc%25d%0D%0Ae.txt"
    assert _unescape_property(match["file"]) == path
    assert match["data"] == "data/a:b,c%25d%0D%0Ae.txt:3:6: DRL003 100%25 sure: a, b%0D%0Anext"
    assert _unescape_data(match["data"]) == f"{path}:3:6: DRL003 {message}"


def test_page_text_cannot_inject_a_command():
    messages = ["x\n::error::forged", "x\r::error::forged", "x\r\n::error::forged", "x\u2028::error::forged",
                "x\x85::error::forged", "x\x0b::error::forged", "x\x1b[2K\r::error::forged",
                "%0A::error::forged"]
    diagnostics = [make_diagnostic(message=m, line=i + 1, severity="warning") for i, m in enumerate(messages)]
    diagnostics.append(make_diagnostic(path="p\n::error::forged", line=99))
    output = render("github", make_report(diagnostics))
    # Whatever a reader counts as a line break, every line is one of our commands.
    for lines in (output.split("\n")[:-1], output.splitlines(), re.split(r"\r\n|\r|\n", output)[:-1]):
        assert len(lines) == len(diagnostics)
        for line in lines:
            assert COMMAND.match(line), line
            assert not line.startswith("::error::forged")
    # "%0A" written by the page is not turned into a line break by the runner's unescaping.
    last_message_line = output.split("\n")[7]
    assert _unescape_data(COMMAND.match(last_message_line)["data"]).endswith("%0A::error::forged")


def test_control_characters_are_visible():
    output = render("github", make_report([make_diagnostic(message="a\x1b[31mb\x9bc\x00d")]))
    assert "\x1b" not in output and "\x9b" not in output and "\x00" not in output
    assert "a\\x1b[31mb\\x9bc\\x00d" in output


def test_stdin_and_surrogates():
    output = render("github", make_report([make_diagnostic(path=None, message="\udcff")]))
    output.encode("utf-8")
    assert COMMAND.match(output.rstrip("\n"))["file"] == "<stdin>"
    assert output.rstrip("\n").endswith(" DRL003 \\udcff")


def test_one_line_per_diagnostic():
    diagnostics = [make_diagnostic(line=n) for n in range(1, 6)]
    assert len(render("github", make_report(diagnostics)).splitlines()) == 5
    assert render("github", make_report([])) == ""
