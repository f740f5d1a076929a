from dreg_lint.testing import assert_examples, lint_snippet, positions

HEADER = "NHS Digital Data Release Register - reformatted\nNHS Example Ccg projects\n"


def page(*fields: str) -> str:
    return (HEADER + "Project 4 — NIC-33017-BN6MQ\n" + "".join(f + "\n" for f in fields)
            + "Objectives:\nTo follow up patients.\n")


def test_examples():
    assert_examples("DRL018")


def test_empty_parentheses():
    found = lint_snippet(page("Opt outs honoured: N", "Purposes: ()"), "DRL018")
    assert [(d.code, d.line, d.column, d.end_column, d.severity.value) for d in found] == [
        ("DRL018", 5, 11, 13, "info")]
    assert found[0].message == ("`Purposes:` is `()`: no commercial-purpose flag and no sector published for "
                                "agreement NIC-33017-BN6MQ")


def test_parentheses_with_space():
    found = lint_snippet(page("Purposes: (  )"), "DRL018")
    assert positions(found) == ["4:11"]
    assert "`(  )`" in found[0].message


def test_values_are_not_empty():
    for value in ("No ()", "(Research)", "No (Charity)", "Yes, A statement about the work. (Charity)"):
        assert lint_snippet(page(f"Purposes: {value}"), "DRL018") == [], value


def test_missing_line_is_not_reported():
    assert lint_snippet(page("Opt outs honoured: N"), "DRL018") == []


def test_include_blank_option():
    text = page("Purposes:")
    assert lint_snippet(text, "DRL018") == []
    found = lint_snippet(text, "DRL018", {"DRL018": {"include_blank": True}})
    assert positions(found) == ["4:1"]
    assert found[0].message.startswith("`Purposes:` has no value")
