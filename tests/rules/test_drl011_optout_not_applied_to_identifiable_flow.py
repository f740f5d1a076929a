from dreg_lint.testing import assert_examples, lint_snippet, positions

HEAD = "NHS Digital Data Release Register - reformatted\nNHS Example Ccg projects\n"
S251 = "Health and Social Care Act 2012, Section 251 approval is in place for the flow of identifiable data"


def lint(opt_outs, basis="Health and Social Care Act 2012",
         type_of_data="information not disclosed for TRE projects", **options):
    text = (HEAD + "Project 4 — NIC-11011-VB3NM\n"
            f"Type of data: {type_of_data}\nOpt outs honoured: {opt_outs}\nLegal basis: {basis}\n"
            "Objectives:\nTo stratify patients by risk.\n")
    return lint_snippet(text, "DRL011", {"DRL011": options} if options else None)


def test_examples():
    assert_examples("DRL011")


def test_bare_n_with_s251():
    [found] = lint("N, Y", S251)
    assert (found.code, found.line, found.column, found.end_column) == ("DRL011", 5, 20, 21)
    assert found.severity.value == "warning"
    assert found.message == ("opt-outs not applied (`N`) with no exemption reason, although the flow relies on "
                             "s251 (`Section 251 approval is in place for the flow of identifiab…` in `Legal basis` "
                             "at line 6)")


def test_bare_no_with_identifiable():
    [found] = lint("Y, No - data flow is not identifiable, No, Identifiable (Mixed)")
    assert positions([found]) == ["5:59"]
    assert found.message == ("opt-outs not applied (`No`) with no exemption reason, although the flow is "
                             "identifiable (`Identifiable` in `Opt outs honoured` at line 5)")
    assert positions(lint("N", type_of_data="Identifiable")) == ["5:20"]


def test_one_finding_per_project():
    assert positions(lint("N, No, Identifiable")) == ["5:20"]


def test_reasoned_no_is_not_bare():
    assert lint("No - DSfC for Invoice Validation Purposes, Identifiable (Section 251)", S251) == []
    assert lint("No - consent provided by participants of research study, Identifiable") == []


def test_bare_n_without_identifiable_signal():
    assert lint("N") == []
    assert lint("N, Y", "Health and Social Care Act 2012 – s261(1) and s261(2)(b)(ii)") == []
    assert lint("N", "Section 42(4) of the Statistics and Registration Service Act (2007)") == []


def test_use_legal_basis_option():
    assert lint("N, Y", S251, use_legal_basis=False) == []
    assert positions(lint("N, Y", S251, type_of_data="Identifiable", use_legal_basis=False)) == ["5:20"]


def test_page_cut_off_after_a_no():
    head = HEAD + "Project 4 — NIC-11011-VB3NM\nType of data: Identifiable\nOpt outs honoured: Y, No"
    assert [d.code for d in lint_snippet(head, ["DRL011", "DRL903"])] == ["DRL903"]
    assert positions(lint_snippet(head + "\nObjectives:\nText.\n", "DRL011")) == ["5:23"]
    assert positions(lint_snippet(head.replace("Y, No", "N, No"), "DRL011")) == ["5:20"]
