from dreg_lint.testing import assert_examples, lint_snippet, positions

HEADER = "NHS Digital Data Release Register - reformatted\nNHS Example Ccg projects\n"


def page(basis: str) -> str:
    return (HEADER + "Project 2 — NIC-51200-HJ7KL\nOpt outs honoured: N\n" + f"Legal basis:{basis}\n"
            + "Objectives:\nTo compare referral patterns.\n")


def test_examples():
    assert_examples("DRL014")


def test_bare_act_alone():
    found = lint_snippet(page(" Health and Social Care Act 2012"), "DRL014")
    assert [(d.code, d.line, d.column, d.end_column, d.severity.value) for d in found] == [
        ("DRL014", 5, 14, 45, "info")]
    assert found[0].message == ("`Legal basis:` cites the bare `Health and Social Care Act 2012`, not the section "
                                "(e.g. s261(2)(a), (b) or (c)) relied on for agreement NIC-51200-HJ7KL")


def test_bare_act_next_to_other_bases():
    found = lint_snippet(page(" Section 251 approval is in place for the flow of identifiable data, "
                              "Health and Social Care Act 2012"), "DRL014")
    assert positions(found) == ["5:82"]
    assert "(next to 1 other item)" in found[0].message


def test_specific_limbs_are_not_reported():
    found = lint_snippet(page(" Health and Social Care Act 2012 – s261(1) and s261(2)(b)(ii), Health and Social "
                              "Care Act 2012 s261(7); National Health Service Act 2006 - s251 - 'Control of "
                              "patient information'., Other-Health and Social Care Act 2012 Schedule 12"),
                         "DRL014")
    assert found == []


def test_bare_act_after_semicolon_and_with_full_stop():
    found = lint_snippet(page(" Section 251 NHS Act 2006; Health and Social Care Act 2012."), "DRL014")
    assert positions(found) == ["5:40"]


def test_alone_only_option():
    mixed = page(" Health and Social Care Act 2012, Section 251 approval is in place for the flow of identifiable data")
    assert len(lint_snippet(mixed, "DRL014")) == 1
    assert lint_snippet(mixed, "DRL014", {"DRL014": {"alone_only": True}}) == []
    alone = page(" Health and Social Care Act 2012")
    assert positions(lint_snippet(alone, "DRL014", {"DRL014": {"alone_only": True}})) == ["5:14"]
