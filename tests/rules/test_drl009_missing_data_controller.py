from dreg_lint.testing import assert_examples, lint_snippet, positions

HEAD = "NHS Digital Data Release Register - reformatted\nNHS Example Ccg projects\n"


def lint(controllers, when="When:DSA runs 2019-01-01 — 2021-12-31 2019.02 — 2021.08.", **options):
    lines = [HEAD + "Diabetes audit — DARS-NIC-90009-KJ2HG", "Opt outs honoured: Y", when, "Access method: Ongoing"]
    if controllers is not None:
        lines.append(controllers)
    lines += ["Sublicensing allowed: No", "Objectives:", "To audit diabetes reviews.\n"]
    return lint_snippet("\n".join(lines), "DRL009", {"DRL009": options} if options else None)


def test_examples():
    assert_examples("DRL009")


def test_empty_value():
    [found] = lint("Data-controller type:")
    assert (found.code, found.line, found.column, found.end_column) == ("DRL009", 7, 1, 22)
    assert found.severity.value == "warning"
    assert found.message == ("`Data-controller type:` is empty: no data controller is named for agreement "
                             "DARS-NIC-90009-KJ2HG")


def test_absent_line_points_at_heading():
    [found] = lint(None)
    assert (found.line, found.column) == (3, 1)
    assert found.message == ("no `Data-controller type:` line: no data controller is named for agreement "
                             "DARS-NIC-90009-KJ2HG")


def test_only_empty_items():
    [found] = lint("Data-controller type: , ")
    assert (found.line, found.column) == (7, 23)
    assert found.message == ("`Data-controller type:` value `,` names no data controller for agreement "
                             "DARS-NIC-90009-KJ2HG")


def test_named_controllers():
    assert lint("Data-controller type: NHS HEYWOOD, MIDDLETON AND ROCHDALE CCG, NHS GREATER MANCHESTER ICB - 01D") == []
    assert lint("Data-controller type: , NHS EXAMPLE ICB - 99X") == []


def test_ignore_legacy_option():
    legacy = "When:2017.01 — 2017.08."
    assert positions(lint("Data-controller type:", when=legacy)) == ["7:1"]
    assert lint("Data-controller type:", when=legacy, ignore_legacy=True) == []
    assert positions(lint("Data-controller type:", ignore_legacy=True)) == ["7:1"]


def test_page_cut_off_inside_the_project():
    head = HEAD + "Diabetes audit — DARS-NIC-90009-KJ2HG\nOpt outs honoured: Y\nAccess method: Ongoing"
    assert [d.code for d in lint_snippet(head, ["DRL009", "DRL903"])] == ["DRL903"]
    assert [d.code for d in lint_snippet(head + "\nData-controller type:", ["DRL009", "DRL903"])] == ["DRL903"]
    assert positions(lint_snippet(head + "\nObjectives:\nTo audit diabetes reviews.\n", "DRL009")) == ["3:1"]
