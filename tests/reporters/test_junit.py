import xml.etree.ElementTree as ET

from reporter_factories import make_diagnostic, make_report, render


def _parse(report):
    output = render("junit", report)
    assert output.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    return ET.fromstring(output.encode("utf-8"))


def test_one_testcase_per_file_and_one_failure_per_diagnostic():
    diagnostics = [
        make_diagnostic(path="data/a.txt", line=3),
        make_diagnostic(code="DRL001", severity="warning", message="Opt-outs mixed", path="data/a.txt", line=8,
                        column=2, name="mixed-optout-flows"),
        make_diagnostic(path="data/c.txt", line=1, column=1),
    ]
    root = _parse(make_report(diagnostics, files=["data/a.txt", "data/b.txt", "data/c.txt"]))
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures")) == ("3", "2")
    suites = root.findall("testsuite")
    assert len(suites) == 1
    suite = suites[0]
    assert suite.get("name") == "dreg-lint"
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("3", "2", "0")
    cases = suite.findall("testcase")
    assert [case.get("classname") for case in cases] == ["data/a.txt", "data/b.txt", "data/c.txt"]
    failures = cases[0].findall("failure")
    assert len(failures) == 2
    assert failures[0].get("message") == "DRL003 Release period is inverted"
    assert failures[0].get("type") == "DRL003"
    assert failures[0].text == "data/a.txt:3:6: DRL003 [error] Release period is inverted"
    assert failures[1].text == "data/a.txt:8:2: DRL001 [warning] Opt-outs mixed"
    assert cases[1].findall("failure") == []  # a passing test case
    assert len(cases[2].findall("failure")) == 1


def test_diagnostics_outside_the_file_list_get_a_testcase():
    root = _parse(make_report([make_diagnostic(path=None)], files=["data/a.txt"]))
    cases = root.find("testsuite").findall("testcase")
    assert [case.get("classname") for case in cases] == ["data/a.txt", "<stdin>"]
    assert root.get("failures") == "1"


def test_forbidden_characters_are_removed():
    message = "nul\x00 esc\x1b[31m bad\ufffe\uffff lone\udcff bell\x07 ok\té"
    diagnostic = make_diagnostic(message=message, path="data/\x01x.txt")
    root = _parse(make_report([diagnostic]))
    failure = root.find("testsuite/testcase/failure")
    assert failure.get("message") == "DRL003 nul esc[31m bad lone bell ok\té"
    # The failure text is one line, with control characters shown as escapes.
    assert failure.text == ("data/\\x01x.txt:3:6: DRL003 [error] "
                            "nul\\x00 esc\\x1b[31m bad lone\\udcff bell\\x07 ok\té")
    assert root.find("testsuite/testcase").get("classname") == "data/x.txt"


def test_line_breaks_in_page_text_do_not_reach_the_output_as_lines():
    message = "a\r\nb\n::error::forged"
    output = render("junit", make_report([make_diagnostic(message=message)]))
    assert not any(line.lstrip().startswith("::error::forged") for line in output.splitlines())
    failure = ET.fromstring(output.encode("utf-8")).find("testsuite/testcase/failure")
    assert failure.get("message") == f"DRL003 {message}"  # attributes keep them, as references
    assert failure.text.endswith("a\\r\\nb\\n::error::forged")


def test_empty_report():
    root = _parse(make_report([], files=[]))
    assert (root.get("tests"), root.get("failures")) == ("0", "0")
    assert root.find("testsuite").findall("testcase") == []
