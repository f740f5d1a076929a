from dreg_lint.testing import assert_examples, lint_snippet, positions

HEADER = "NHS Digital Data Release Register - reformatted\nNHS Example Ccg projects\n"


def page(*fields: str) -> str:
    return (HEADER + "Project 2 — NIC-40021-FG7HJ\n" + "".join(f + "\n" for f in fields)
            + "Objectives:\nTo audit diabetes care.\n")


def test_examples():
    assert_examples("DRL021")


def test_empty_line():
    found = lint_snippet(page("Opt outs honoured: N", "Sublicensing allowed:"), "DRL021")
    assert [(d.code, d.line, d.column, d.end_column, d.severity.value) for d in found] == [
        ("DRL021", 5, 1, 22, "info")]
    assert found[0].message == ("`Sublicensing allowed:` is empty: agreement NIC-40021-FG7HJ does not say "
                                "whether onward sharing is allowed")


def test_only_separators_is_empty():
    assert positions(lint_snippet(page("Sublicensing allowed: , "), "DRL021")) == ["4:1"]


def test_absent_line_reported_at_heading():
    found = lint_snippet(page("Opt outs honoured: N"), "DRL021")
    assert [(d.line, d.column, d.end_column) for d in found] == [(3, 1, 28)]
    assert found[0].message.startswith("no `Sublicensing allowed:` line")


def test_value_present():
    assert lint_snippet(page("Sublicensing allowed: No"), "DRL021") == []
    assert lint_snippet(page("Sublicensing allowed: No, Yes"), "DRL021") == []


def test_report_absent_option():
    options = {"DRL021": {"report_absent": False}}
    assert lint_snippet(page("Opt outs honoured: N"), "DRL021", options) == []
    assert positions(lint_snippet(page("Sublicensing allowed:"), "DRL021", options)) == ["4:1"]
