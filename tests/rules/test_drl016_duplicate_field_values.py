from dreg_lint.testing import assert_examples, lint_snippet, positions

HEADER = "NHS Digital Data Release Register - reformatted\nNHS Example Ccg projects\n"


def page(*fields: str) -> str:
    return (HEADER + "DSfC - Example CCG — DARS-NIC-77001-ZX4CV\n" + "".join(f + "\n" for f in fields)
            + "Objectives:\nTo plan urgent care.\n")


def test_examples():
    assert_examples("DRL016")


def test_case_variant_access_method():
    found = lint_snippet(page("Access method: Frequent adhoc flow, Frequent Adhoc Flow, One-Off"), "DRL016")
    assert [(d.code, d.line, d.column, d.end_column, d.severity.value) for d in found] == [
        ("DRL016", 4, 37, 56, "info")]
    assert found[0].message == ("`Access method:` repeats `Frequent adhoc flow` (column 16) as "
                                "`Frequent Adhoc Flow` in agreement DARS-NIC-77001-ZX4CV")


def test_exact_repeat_and_sensitive_spellings():
    found = lint_snippet(page("Sensitive: Non Sensitive, and Sensitive, and Non-Sensitive",
                              "Data-controller type: EXAMPLE LTD, OTHER BODY, EXAMPLE LTD"), "DRL016")
    assert positions(found) == ["4:46", "5:48"]
    assert found[0].message.startswith("`Sensitive:` repeats `Non Sensitive` (column 12) as `Non-Sensitive`")
    assert found[1].message.startswith("`Data-controller type:` repeats `EXAMPLE LTD` (first at column 23)")


def test_a_value_with_three_copies_is_reported_once_at_its_first_repeat():
    found = lint_snippet(page("Access method: Ongoing, ongoing, ONGOING"), "DRL016")
    assert positions(found) == ["4:25"]
    assert found[0].message == ("`Access method:` repeats `Ongoing` (column 16) as `ongoing` (3 copies in all) "
                                "in agreement DARS-NIC-77001-ZX4CV")


def test_n_and_no_are_not_duplicates():
    assert lint_snippet(page("Opt outs honoured: N, No, Y, Yes"), "DRL016") == []


def test_optout_head_before_glue_split():
    found = lint_snippet(page("Opt outs honoured: No - data flow is not identifiable, No - data flow is not "
                              "identifiable (Mixed, Mixed)"), "DRL016")
    assert positions(found) == ["4:56"]


def test_semicolon_joined_value_is_one_item():
    text = page("Legal basis: National Health Service Act 2006 - s251 - 'Control of patient information'. , "
                "Health and Social Care Act 2012 – s261(7); National Health Service Act 2006 - s251 - "
                "'Control of patient information'.")
    assert lint_snippet(text, "DRL016") == []


def test_dash_variants_of_legal_basis():
    found = lint_snippet(page("Legal basis: Health and Social Care Act 2012 – s261(1) and s261(2)(b)(ii), "
                              "Health and Social Care Act 2012 s261(1) and s261(2)(b)(ii)"), "DRL016")
    assert positions(found) == ["4:76"]


def test_a_value_repeated_many_times_is_one_finding_with_its_count():
    text = (HEADER + "Project 1 — DARS-NIC-20417-QW3RT\n"
            "Legal basis: " + "a, " * 5 + "b, b\n")
    found = lint_snippet(text, select="DRL016")
    assert [(d.line, d.column) for d in found] == [(4, 17), (4, 32)]
    assert found[0].message == ("`Legal basis:` repeats `a` (first at column 14) (5 copies in all) "
                                "in agreement DARS-NIC-20417-QW3RT")
    assert found[1].message == "`Legal basis:` repeats `b` (first at column 29) in agreement DARS-NIC-20417-QW3RT"
