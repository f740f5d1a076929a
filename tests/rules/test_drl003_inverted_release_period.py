from dreg_lint.testing import assert_examples, lint_snippet, positions


def page(when: str) -> str:
    return ("NHS Digital Data Release Register - reformatted\nNHS Example Ccg projects\n"
            "Project 1 — NIC-30001-ZX8CV\nOpt outs honoured: N\n"
            f"{when}\nAccess method: Ongoing\nObjectives:\nTo plan nursing capacity.\n")


def lint(when):
    return lint_snippet(page(when), "DRL003")


def test_examples():
    assert_examples("DRL003")


def test_finding_position_and_message():
    [found] = lint("When:2017.06 — 2017.05.")
    assert (found.code, found.line, found.column, found.end_column) == ("DRL003", 5, 6, 23)
    assert found.severity.value == "error"
    assert found.message == ("release period runs backwards: first release month `2017.06` is after last "
                             "release month `2017.05`")


def test_after_a_dsa_period():
    assert positions(lint("When:DSA runs 2019-06-08 — 2022-06-07 2021.03 — 2018.06.")) == ["5:39"]


def test_year_inversion_and_older_layouts():
    assert positions(lint("When:2018.01 — 2017.12.")) == ["5:6"]
    assert positions(lint("When: 2016/11 — 2016/04.")) == ["5:7"]
    assert positions(lint("When: 12/2016 — 11/2016")) == ["5:7"]


def test_not_inverted():
    assert lint("When:2017.05 — 2017.06.") == []
    assert lint("When:2017.05 — 2017.05.") == []
    assert lint("When:2016.12 — 2017.01.") == []


def test_unreadable_or_impossible_months_are_left_to_drl005():
    assert lint("When:2017.13 — 2017.05.") == []
    assert lint("When: unknown — 11/2016") == []
    assert lint("When:sometime") == []
    assert lint("When:DSA runs 2022-06-07 — 2019-06-08") == []
