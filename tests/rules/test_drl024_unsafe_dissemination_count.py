from dreg_lint.testing import assert_examples, lint_snippet, positions

HEADER = "NHS Digital Data Release Register - reformatted\nNHS Example Trust projects\n"
PROJECT = "Clinic activity — DARS-NIC-70011-UD5FG\nOpt outs honoured: N\nObjectives:\nTo count activity.\n"


def count_line(n: int) -> str:
    return (f"{n} data files in total were disseminated unsafely (information about files used safely is missing "
            'for TRE/"system access" projects).\n')


def test_examples():
    assert_examples("DRL024")


def test_count_reported_once_per_page():
    found = lint_snippet(HEADER + count_line(261) + PROJECT + PROJECT.replace("70011", "70012"), "DRL024")
    assert [(d.code, d.line, d.column, d.severity.value, d.project) for d in found] == [
        ("DRL024", 3, 1, "info", None)]
    assert found[0].message == ("the page says 261 data files were disseminated unsafely to NHS Example Trust "
                                "(sent out rather than used in a trusted research environment)")


def test_blank_line_layout():
    text = HEADER.replace("\n", "\n\n") + count_line(7) + "\n\n" + PROJECT
    assert positions(lint_snippet(text, "DRL024")) == ["5:1"]


def test_zero_or_no_count():
    assert lint_snippet(HEADER + count_line(0) + PROJECT, "DRL024") == []
    assert lint_snippet(HEADER + PROJECT, "DRL024") == []


def test_min_count_option():
    options = {"DRL024": {"min_count": 100}}
    assert lint_snippet(HEADER + count_line(58) + PROJECT, "DRL024", options) == []
    assert positions(lint_snippet(HEADER + count_line(791) + PROJECT, "DRL024", options)) == ["3:1"]
