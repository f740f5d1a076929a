from dreg_lint.testing import assert_examples, lint_snippet, positions


def lint(when):
    text = ("NHS Digital Data Release Register - reformatted\nNHS Example Ccg projects\n"
            "Project 3 — NIC-80003-RT6YU\nOpt outs honoured: N\n"
            f"{when}\nAccess method: Ongoing\nObjectives:\nTo measure readmissions.\n")
    return lint_snippet(text, "DRL008")


def test_examples():
    assert_examples("DRL008")


def test_finding_position_and_message():
    [found] = lint("When:2017.06 — 2017.05.")
    assert (found.code, found.line, found.column, found.end_column) == ("DRL008", 5, 6, 24)
    assert found.severity.value == "info"
    assert found.message == ("`When:` gives release months `2017.06 — 2017.05` but no agreement period "
                             "(`DSA runs <start> — <end>`)")


def test_older_layouts():
    assert positions(lint("When: 2016/09 — 2020/02.")) == ["5:7"]
    assert positions(lint("When: unknown — 11/2016")) == ["5:7"]


def test_with_agreement_period():
    assert lint("When:DSA runs 2019-07-01 — 2022-06-30 2018.06 — 2021.05.") == []
    assert lint("When:DSA runs 2021-02-11 — 2022-02-10") == []


def test_missing_or_unreadable_when_is_left_to_drl005():
    assert lint("When:") == []
    assert lint("When:some time ago") == []
    assert lint("When:2017.06 —") == []
    assert lint("Sensitive: Sensitive") == []
