from dreg_lint.testing import assert_examples, lint_snippet

HEADER = "NHS Digital Data Release Register - reformatted\nNHS Example Icb projects\n"


def page(optouts: str) -> str:
    return (HEADER + "Trial follow-up — DARS-NIC-44120-TR5WQ\n" + f"Opt outs honoured: {optouts}\n"
            + "Objectives:\nTo follow trial participants up.\n")


def test_examples():
    assert_examples("DRL017")


def test_glued_values():
    found = lint_snippet(page("N, Y, No - consent provided by participants of research studYes - patient "
                              "objections upheld, Identifiable (Mixed)"), "DRL017")
    assert [(d.code, d.line, d.column, d.end_column, d.severity.value) for d in found] == [
        ("DRL017", 4, 26, 111, "warning")]
    assert found[0].message == ("`Opt outs honoured:` runs `No - consent provided by participants of research stud` "
                                "into `Yes - patient objections upheld` with no separator (the first value looks "
                                "cut short) in agreement DARS-NIC-44120-TR5WQ")


def test_glued_no():
    found = lint_snippet(page("Yes - patient objections upheldNo - data flow is not identifiable"), "DRL017")
    assert len(found) == 1 and found[0].column == 20
    assert "runs `Yes - patient objections upheld` into `No - data flow is not identifiable`" in found[0].message


def test_separate_values_are_not_glued():
    assert lint_snippet(page("Yes - patient objections upheld, No - DSfC for Invoice Validation Purposes, "
                             "Identifiable (Section 251, Section 251 NHS Act 2006)"), "DRL017") == []


def test_upper_case_before_yes_is_not_glue():
    # "DSfC" ends in upper case; only a lower-case letter directly before Yes/No marks glue
    assert lint_snippet(page("No - DSfCYes - odd value"), "DRL017") == []


def test_glue_inside_parenthesis_is_not_checked():
    assert lint_snippet(page("No (studYes - something)"), "DRL017") == []
