from dreg_lint.testing import assert_examples, lint_snippet, positions

HEADER = "NHS Digital Data Release Register - reformatted\nNHS Example Trust projects\n"
PROJECT = "Waiting lists — DARS-NIC-52290-YB3EN\nOpt outs honoured: N\nObjectives:\nTo review waiting lists.\n"


def test_examples():
    assert_examples("DRL022")


def test_empty_section():
    text = HEADER + PROJECT + "Yielded Benefits:\nExpected Benefits:\nShorter waits.\n"
    found = lint_snippet(text, "DRL022")
    assert [(d.code, d.line, d.column, d.end_column, d.severity.value) for d in found] == [
        ("DRL022", 7, 1, 18, "info")]
    assert found[0].message == ("`Yielded Benefits:` section is empty: agreement DARS-NIC-52290-YB3EN publishes "
                                "no benefits achieved")


def test_empty_section_in_blank_line_layout():
    text = (HEADER + "\nWaiting lists — DARS-NIC-52290-YB3EN\n\nOpt outs honoured: N\n\nObjectives:\n\n"
            "To review waiting lists.\n\nYielded Benefits:\n\n\nExpected Benefits:\n\nShorter waits.\n")
    assert positions(lint_snippet(text, "DRL022")) == ["12:1"]


def test_absent_section():
    found = lint_snippet(HEADER + PROJECT + "Expected Benefits:\nShorter waits.\n", "DRL022")
    assert [(d.line, d.column, d.end_column) for d in found] == [(3, 1, 37)]
    assert found[0].message == ("no `Yielded Benefits:` section: agreement DARS-NIC-52290-YB3EN publishes no "
                                "benefits achieved")


def test_section_with_text():
    text = HEADER + PROJECT + "Yielded Benefits:\nTheatre lists were rebalanced.\nExpected Benefits:\nMore.\n"
    assert lint_snippet(text, "DRL022") == []


def test_only_empty_option():
    options = {"DRL022": {"only_empty": True}}
    assert lint_snippet(HEADER + PROJECT, "DRL022", options) == []
    text = HEADER + PROJECT + "Yielded Benefits:\nExpected Benefits:\nShorter waits.\n"
    assert positions(lint_snippet(text, "DRL022", options)) == ["7:1"]
