from dreg_lint.testing import assert_examples, lint_snippet, positions

HEADER = "NHS Digital Data Release Register - reformatted\nNHS Example Csu projects\n"


def page(purposes: str) -> str:
    return (HEADER + "Analytics — DARS-NIC-88210-CM2XE\n" + f"Purposes: {purposes}\n"
            + "Objectives:\nTo produce reports.\n")


def test_examples():
    assert_examples("DRL019")


def test_yes_with_sectors():
    found = lint_snippet(page("Yes (Supplier, Commercial)"), "DRL019")
    assert [(d.code, d.line, d.column, d.end_column, d.severity.value) for d in found] == [
        ("DRL019", 4, 11, 14, "info")]
    assert found[0].message == ("`Purposes:` flag `Yes` declares a commercial purpose for agreement "
                                "DARS-NIC-88210-CM2XE (sectors: `Supplier`, `Commercial`)")


def test_yes_with_statement_and_no_sectors():
    found = lint_snippet(page("Yes, The unit sells reports to health bodies, and keeps the fees."), "DRL019")
    assert positions(found) == ["4:11"]
    assert found[0].message.endswith("DARS-NIC-88210-CM2XE")


def test_yes_after_no():
    found = lint_snippet(page("No, Yes (Charity)"), "DRL019")
    assert positions(found) == ["4:15"]


def test_not_commercial():
    for value in ("No (Academic)", "()", "(Research)", "No, Yes is what the other agreement said. (Charity)"):
        assert lint_snippet(page(value), "DRL019") == [], value
