import pytest

from dreg_lint.testing import assert_examples, lint_snippet, positions

HEADER = "NHS Digital Data Release Register - reformatted\nNHS Example Csu projects\n"


def page(*fields: str) -> str:
    return (HEADER + "Benchmarking — DARS-NIC-60321-PL8MN\n" + "".join(f + "\n" for f in fields)
            + "Objectives:\nTo benchmark activity.\n")


def test_examples():
    assert_examples("DRL015")


def test_sublicensing_yes_and_no():
    found = lint_snippet(page("Sublicensing allowed: No, Yes"), "DRL015")
    assert [(d.code, d.line, d.column, d.end_column, d.severity.value) for d in found] == [
        ("DRL015", 4, 23, 30, "warning")]
    assert found[0].message == ("`Sublicensing allowed:` both forbids (`No`) and permits (`Yes`) onward sharing "
                                "for agreement DARS-NIC-60321-PL8MN")


def test_sensitive_spellings():
    found = lint_snippet(page("Sensitive: Non Sensitive, and Sensitive, and Non-Sensitive"), "DRL015")
    assert [(d.line, d.column, d.end_column) for d in found] == [(4, 12, 59)]
    assert found[0].message == ("`Sensitive:` says both `Non Sensitive` and `Sensitive` for agreement "
                                "DARS-NIC-60321-PL8MN")


def test_purposes_flags():
    found = lint_snippet(page("Purposes: No, Yes (Charity)"), "DRL015")
    assert positions(found) == ["4:11"]
    assert "both as not commercial (`No`) and as commercial (`Yes`)" in found[0].message


def test_no_contradiction():
    found = lint_snippet(page("Sensitive: Non Sensitive, and Non-Sensitive", "Sublicensing allowed: No, No",
                              "Purposes: Yes, We sell no data. No one else sees it. (Charity)"), "DRL015")
    assert found == []


def test_one_finding_per_field_in_line_order():
    found = lint_snippet(page("Purposes: Yes, No ()", "Sensitive: Sensitive, and Non-Sensitive",
                              "Sublicensing allowed: Yes, No"), "DRL015")
    assert positions(found) == ["4:11", "5:12", "6:23"]


def test_sensitive_severity_option():
    text = page("Sensitive: Sensitive, and Non-Sensitive", "Sublicensing allowed: No, Yes")
    info = lint_snippet(text, "DRL015", {"DRL015": {"sensitive_severity": "info"}})
    assert [(d.line, d.severity.value) for d in info] == [(4, "info"), (5, "warning")]
    off = lint_snippet(text, "DRL015", {"DRL015": {"sensitive_severity": "off"}})
    assert [d.line for d in off] == [5]


def test_bad_sensitive_severity_is_a_rule_error():
    with pytest.raises(AssertionError, match="sensitive_severity"):
        lint_snippet(page("Sensitive: Sensitive"), "DRL015", {"DRL015": {"sensitive_severity": "loud"}})
