from dreg_lint.testing import assert_examples, lint_snippet, positions

HEADER = "NHS Digital Data Release Register - reformatted\nNHS Example Ccg projects\n"


def page(*fields: str) -> str:
    return (HEADER + "Cancer outcomes — DARS-NIC-31415-KD9PQ\n" + "".join(f + "\n" for f in fields)
            + "Objectives:\nTo describe survival after diagnosis.\n")


def test_examples():
    assert_examples("DRL013")


def test_leading_empty_legal_basis_item():
    found = lint_snippet(page("Legal basis: , Other-NHS Regulatons (3); Section 42(4) of an example statute"),
                         "DRL013")
    assert [(d.code, d.line, d.column, d.severity.value) for d in found] == [("DRL013", 4, 14, "warning")]
    assert found[0].message == ("empty item in `Legal basis:` (nothing before the first `,`) of agreement "
                                "DARS-NIC-31415-KD9PQ")
    assert (found[0].end_line, found[0].end_column) == (4, 14)


def test_doubled_and_trailing_separators():
    found = lint_snippet(page("Access method: One-Off,, Ongoing",
                              "Legal basis: Health and Social Care Act 2012 – s261(2)(c),"), "DRL013")
    assert positions(found) == ["4:24", "5:59"]
    assert "(nothing between `,` and `,`)" in found[0].message
    assert "`Access method:`" in found[0].message
    assert "(nothing after the last `,`)" in found[1].message


def test_optout_basis_and_head_items():
    found = lint_snippet(page("Opt outs honoured: N, , Identifiable (, )"), "DRL013")
    assert positions(found) == ["4:23", "4:39", "4:41"]
    assert found[0].message.startswith("empty opt-out value in `Opt outs honoured:`")
    assert found[1].message.startswith("empty item in the confidentiality basis `(…)` of `Opt outs honoured:`")
    # two empty items of one project must not share a fingerprint
    assert len({d.fingerprint for d in found}) == 3


def test_space_before_comma_is_not_an_empty_item():
    found = lint_snippet(page("Legal basis: National Health Service Act 2006 - s251 - 'Control of patient "
                              "information'. , Health and Social Care Act 2012 – s261(7); National Health "
                              "Service Act 2006 - s251 - 'Control of patient information'."), "DRL013")
    assert found == []


def test_commas_inside_parentheses_and_empty_parentheses_are_not_items():
    found = lint_snippet(page("Opt outs honoured: Identifiable (Section 251, Section 251 NHS Act 2006)",
                              "Sublicensing allowed:", "Data-controller type:"), "DRL013")
    assert found == []
    assert lint_snippet(page("Opt outs honoured: N ()"), "DRL013") == []


def test_lone_and_in_sensitive_is_empty():
    found = lint_snippet(page("Sensitive: Sensitive, and , and Non-Sensitive"), "DRL013")
    assert len(found) == 1 and found[0].line == 4
    assert "`Sensitive:`" in found[0].message


def test_purposes_is_not_checked():
    assert lint_snippet(page("Purposes: No, , Yes (Charity)"), "DRL013") == []


def test_the_value_is_digested_once_however_many_empty_items_it_has(monkeypatch):
    # A finding's fingerprint names the field by a digest of its whole value; made once per
    # item, a value of 300,000 commas took time growing with the square of its length.
    import importlib

    module = importlib.import_module("dreg_lint.rules.drl013_empty_list_item")
    digested = []
    original = module._digest
    monkeypatch.setattr(module, "_digest", lambda field: digested.append(field.label) or original(field))
    found = lint_snippet(page("Legal basis: " + "," * 500, "Opt outs honoured: Y,,, (s251,,)"), select="DRL013")
    assert len(found) == 501 + 3 + 2
    assert sorted(digested) == ["Legal basis", "Opt outs honoured"]
    assert len({d.fingerprint for d in found}) == len(found)
