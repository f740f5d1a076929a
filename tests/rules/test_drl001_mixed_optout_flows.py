from dreg_lint.testing import assert_examples, lint_snippet, positions

HEADER = "NHS Digital Data Release Register - reformatted\nNHS Example Ccg projects\n"


def page(opt_outs: str) -> str:
    return (HEADER + "Flows for commissioning — DARS-NIC-10234-ABC12\n"
            "Type of data: information not disclosed for TRE projects\n"
            f"Opt outs honoured: {opt_outs}\n"
            "Legal basis: Health and Social Care Act 2012\n"
            "Objectives:\nTo count clinic visits.\n")


def lint(opt_outs, **options):
    return lint_snippet(page(opt_outs), "DRL001", {"DRL001": options} if options else None)


def test_examples():
    assert_examples("DRL001")


def test_finding_position_and_message():
    [found] = lint("N, Y")
    assert (found.code, found.line, found.column, found.end_column) == ("DRL001", 5, 20, 24)
    assert found.severity.value == "warning"
    assert found.message == ("opt-outs applied to some files (`Y`) and not to others (`N`) of agreement "
                             "DARS-NIC-10234-ABC12")


def test_reasoned_values_mix():
    found = lint("Yes - patient objections upheld, No - DSfC for Invoice Validation Purposes, Identifiable "
                 "(Section 251)")
    assert positions(found) == ["5:20"]
    assert "`Yes - patient objections upheld`" in found[0].message
    assert "`No - DSfC for Invoice Validation Purposes`" in found[0].message


def test_glued_yes_is_split_out():
    found = lint("No - consent provided by participants of research studYes - patient objections upheld")
    assert positions(found) == ["5:20"]
    assert "`Yes - patient objections upheld`" in found[0].message


def test_one_finding_per_project():
    assert len(lint("N, Y, No - data flow is not identifiable, Yes, No")) == 1


def test_not_mixed():
    assert lint("Y") == []
    assert lint("N") == []
    assert lint("No - data flow is not identifiable, Anonymised - ICO Code Compliant, No "
                "(Does not include the flow of confidential data)") == []
    assert lint("Yes - patient objections upheld, Identifiable (Section 251)") == []


def test_no_opt_out_field():
    text = HEADER + "Flows — DARS-NIC-10234-ABC12\nLegal basis: Consent\nObjectives:\nText.\n"
    assert lint_snippet(text, "DRL001") == []


def test_bare_no_only_option():
    reasoned = "Yes - patient objections upheld, No - DSfC for Invoice Validation Purposes"
    assert len(lint(reasoned)) == 1
    assert lint(reasoned, bare_no_only=True) == []
    found = lint("Yes - patient objections upheld, No - data flow is not identifiable, No", bare_no_only=True)
    assert positions(found) == ["5:20"]
    assert "not to others (`No`)" in found[0].message
