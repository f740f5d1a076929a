from dreg_lint.testing import assert_examples, lint_snippet, positions

HEADER = "NHS Digital Data Release Register - reformatted\nNHS Example University projects\n"


def page(value: str) -> str:
    return (HEADER + "Outcomes study — DARS-NIC-90411-SL3BK\n" + f"Sublicensing allowed:{value}\n"
            + "Objectives:\nTo study outcomes.\n")


def test_examples():
    assert_examples("DRL020")


def test_yes():
    found = lint_snippet(page(" Yes"), "DRL020")
    assert [(d.code, d.line, d.column, d.end_column, d.severity.value) for d in found] == [
        ("DRL020", 4, 23, 26, "info")]
    assert found[0].message == ("`Sublicensing allowed:` `Yes`: the recipient may share the data of agreement "
                                "DARS-NIC-90411-SL3BK onwards")


def test_no_then_yes():
    found = lint_snippet(page(" No, Yes"), "DRL020")
    assert positions(found) == ["4:27"]
    assert found[0].message.endswith("(the field also says `No`)")


def test_no_or_empty():
    for value in (" No", "", " No, No"):
        assert lint_snippet(page(value), "DRL020") == [], value


def test_ignore_contradictory_option():
    options = {"DRL020": {"ignore_contradictory": True}}
    assert lint_snippet(page(" No, Yes"), "DRL020", options) == []
    assert positions(lint_snippet(page(" Yes"), "DRL020", options)) == ["4:23"]
