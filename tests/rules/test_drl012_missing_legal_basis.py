from dreg_lint.testing import assert_examples, lint_snippet, positions

HEAD = "NHS Digital Data Release Register - reformatted\nNHS Example Trust projects\n"


def lint(basis_line):
    lines = [HEAD + "Cancer waiting times — DARS-NIC-12012-LB0ZX",
             "Opt outs honoured: No - data flow is not identifiable"]
    if basis_line is not None:
        lines.append(basis_line)
    lines += ["Purposes: No (Academic)", "Objectives:", "To describe waiting times.\n"]
    return lint_snippet("\n".join(lines), "DRL012")


def test_examples():
    assert_examples("DRL012")


def test_empty_value():
    [found] = lint("Legal basis:")
    assert (found.code, found.line, found.column, found.end_column) == ("DRL012", 5, 1, 13)
    assert found.severity.value == "error"
    assert found.message == ("`Legal basis:` is empty: agreement DARS-NIC-12012-LB0ZX states no legal basis for "
                             "the release")


def test_blank_value():
    assert positions(lint("Legal basis:    ")) == ["5:1"]


def test_absent_line_points_at_heading():
    [found] = lint(None)
    assert (found.line, found.column) == (3, 1)
    assert found.message == ("no `Legal basis:` line: agreement DARS-NIC-12012-LB0ZX states no legal basis for "
                             "the release")


def test_present():
    assert lint("Legal basis: Health and Social Care Act 2012") == []
    assert lint("Basis: Health and Social Care Act 2012") == []
    # empty items inside a value are DRL013's business
    assert lint("Legal basis: , Other-NHS Regulatons (3)") == []


def test_page_cut_off_inside_the_project():
    head = HEAD + "Cancer waiting times — DARS-NIC-12012-LB0ZX\nOpt outs honoured: No - data flow is not identifiable"
    assert [d.code for d in lint_snippet(head, ["DRL012", "DRL903"])] == ["DRL903"]
    assert [d.code for d in lint_snippet(head + "\nLegal basis:", ["DRL012", "DRL903"])] == ["DRL903"]
    assert positions(lint_snippet(head + "\nObjectives:\nTo describe waiting times.\n", "DRL012")) == ["3:1"]
