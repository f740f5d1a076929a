from dreg_lint.testing import assert_examples, lint_snippet

HEADER = "NHS Digital Data Release Register - reformatted\nNHS Example Trust projects\n"


def page(value: str) -> str:
    return (HEADER + "Admissions — DARS-NIC-61120-TD4RS\n" + f"Type of data:{value}\n"
            + "Objectives:\nTo study admissions.\n")


def test_examples():
    assert_examples("DRL023")


def test_placeholder():
    found = lint_snippet(page(" information not disclosed for TRE projects"), "DRL023")
    assert [(d.code, d.line, d.column, d.end_column, d.severity.value) for d in found] == [
        ("DRL023", 4, 15, 57, "info")]
    assert found[0].message == ("`Type of data:` is `information not disclosed for TRE projects`: the "
                                "identifiability of the data released under agreement DARS-NIC-61120-TD4RS "
                                "is not shown")


def test_disclosed_types():
    for value in (" Pseudonymised", " Identifiable", "",
                  " Anonymised - ICO Code Compliant (note: this information not disclosed for TRE projects )"):
        assert lint_snippet(page(value), "DRL023") == [], value
