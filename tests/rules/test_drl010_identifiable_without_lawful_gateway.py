import pytest

from dreg_lint.testing import assert_examples, lint_snippet, positions

HEAD = "NHS Digital Data Release Register - reformatted\nNHS Example Trust projects\n"


def lint(basis, opt_outs="N", type_of_data="Identifiable", **options):
    text = (HEAD + "Follow-up study — DARS-NIC-10010-GH8JK\n"
            f"Type of data: {type_of_data}\nOpt outs honoured: {opt_outs}\nLegal basis: {basis}\n"
            "Objectives:\nTo follow up patients.\n")
    return lint_snippet(text, "DRL010", {"DRL010": options} if options else None)


def test_examples():
    assert_examples("DRL010")


def test_finding_position_and_message():
    [found] = lint("Health and Social Care Act 2012, Health and Social Care Act 2012 – s261(1) and s261(2)(b)(ii)")
    assert (found.code, found.line, found.column, found.end_column) == ("DRL010", 6, 14, 107)
    assert found.severity.value == "error"
    assert found.message == ("identifiable data (`Identifiable` in `Type of data` at line 4) with no lawful gateway "
                             "for confidential patient information in legal basis `Health and Social Care "
                             "Act 2012, Health and Social Care Act…` or the opt-out bases")


def test_identifiable_in_opt_outs():
    found = lint("Health and Social Care Act 2012", opt_outs="N, Identifiable",
                 type_of_data="information not disclosed for TRE projects")
    assert positions(found) == ["6:14"]
    assert "`Identifiable` in `Opt outs honoured` at line 5" in found[0].message


def test_not_identifiable():
    assert lint("Health and Social Care Act 2012", type_of_data="Pseudonymised") == []
    assert lint("Health and Social Care Act 2012", opt_outs="No - data flow is not identifiable",
                type_of_data="information not disclosed for TRE projects") == []


@pytest.mark.parametrize("basis", [
    "Section 251 approval is in place for the flow of identifiable data",
    "National Health Service Act 2006 - s251 - 'Control of patient information'.",
    "Health and Social Care Act 2012, Other-Regulation 3 of the associated Health Service Regulations 2002.",
    "CV19: Regulation 3 (4) of the Health Service Regulations 2002",
    ", Other-NHS Regulatons (3)",
    "Informed Patient consent to permit the receipt, processing and release of data by the HSCIC",
    "Health and Social Care Act 2012 s261(2)(c)",
    "Section 42(4) of the Statistics and Registration Service Act (2007)",
    "Other-(section 45C of the SRSA 2007)",
    "Disclosure required by court order",
])
def test_gateways_in_legal_basis(basis):
    assert lint(basis) == []


def test_gateways_in_opt_out_values():
    hsca = "Health and Social Care Act 2012"
    assert lint(hsca, opt_outs="Identifiable (Statutory exemption to flow confidential data without consent)") == []
    assert lint(hsca, opt_outs="No - consent provided by participants of research study, Identifiable") == []
    assert lint(hsca, opt_outs="Yes - patient objections upheld, Identifiable (Section 251 NHS Act 2006)") == []


def test_empty_legal_basis_points_at_the_identifiable_value():
    found = lint("")
    assert positions(found) == ["4:15"]
    assert "in an empty legal basis" in found[0].message


def test_unverified_s261_option():
    basis = "Health and Social Care Act 2012 – s261(7)"
    [found] = lint(basis)
    assert found.severity.value == "error"
    [found] = lint(basis, unverified_s261="warning")
    assert found.severity.value == "warning"
    assert positions([found]) == ["6:14"]
    assert "rests only on `s261(7)`" in found.message
    assert lint(basis, unverified_s261="gateway") == []
    assert lint("Health and Social Care Act 2012 - s261(5)(d)", unverified_s261="gateway") == []
    # s261(2)(b)(ii) is not an unverified basis: still an error in "warning" mode
    [found] = lint("Health and Social Care Act 2012 s261(2)(b)(ii)", unverified_s261="warning")
    assert found.severity.value == "error"


def test_unverified_s261_option_rejects_unknown_values():
    with pytest.raises(AssertionError, match="unverified_s261"):
        lint("Health and Social Care Act 2012", unverified_s261="maybe")


def test_gateways_option():
    s251 = "Section 251 approval is in place for the flow of identifiable data"
    assert positions(lint(s251, gateways=[])) == ["6:14"]
    assert lint("NHS England De-Identified Data Analytics and Publication Directions 2023",
                gateways=["de-identified data"]) == []
    assert positions(lint(s251, gateways=["court order"])) == ["6:14"]


def test_page_cut_off_inside_the_project():
    head = HEAD + "Follow-up study — DARS-NIC-10010-GH8JK\nType of data: Identifiable\nOpt outs honoured: N\n"
    cut = head + "Legal basis: Health and Social Care Act 2012, Sec"
    assert [d.code for d in lint_snippet(cut, ["DRL010", "DRL903"])] == ["DRL903"]
    assert [d.code for d in lint_snippet(head.rstrip("\n"), ["DRL010", "DRL903"])] == ["DRL903"]
    whole = head + "Legal basis: Health and Social Care Act 2012, Sec\nObjectives:\nTo follow up patients.\n"
    assert positions(lint_snippet(whole, "DRL010")) == ["6:14"]


def test_the_statistical_registration_service_act_spelling_is_a_gateway():
    page = ("Cohort follow-up — DARS-NIC-33333-ABCDE\n"
            "Opt outs honoured: Y\n"
            "Legal basis: Approved researcher accreditation under section 39(4)(i) of the Statistical "
            "Registration Service Act 2007\n"
            "Categories: Identifiable\n"
            "Objectives:\n"
            "To follow up a cohort.\n")
    assert lint_snippet(page, "DRL010") == []
    assert len(lint_snippet(page.replace("Statistical Registration Service Act", "Data Act"), "DRL010")) == 1
