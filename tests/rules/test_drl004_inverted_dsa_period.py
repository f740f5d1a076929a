from dreg_lint.testing import assert_examples, lint_snippet, positions


def page(when: str) -> str:
    return ("NHS Digital Data Release Register - reformatted\nNHS Example Trust projects\n"
            "Audit of stroke care — DARS-NIC-40001-PL4KM\nOpt outs honoured: No - data flow is not identifiable\n"
            f"{when}\nAccess method: One-Off\nObjectives:\nTo compare stroke units.\n")


def lint(when):
    return lint_snippet(page(when), "DRL004")


def test_examples():
    assert_examples("DRL004")


def test_finding_position_and_message():
    [found] = lint("When:DSA runs 2022-06-07 — 2019-06-08 2018.06 — 2021.03.")
    assert (found.code, found.line, found.column, found.end_column) == ("DRL004", 5, 15, 38)
    assert found.severity.value == "error"
    assert found.message == ("data sharing agreement ends before it starts: start `2022-06-07` is after end "
                             "`2019-06-08`")


def test_one_day_inversion_and_dsa_only():
    assert positions(lint("When:DSA runs 2019-06-08 — 2019-06-07")) == ["5:15"]


def test_month_precision_with_en_dash():
    assert positions(lint("When:DSA runs 2021-11 – 2018-12 2018.06 — 2021.05.")) == ["5:15"]
    assert lint("When:DSA runs 2018-12 – 2021-11 2018.06 — 2021.05.") == []


def test_not_inverted():
    assert lint("When:DSA runs 2019-06-08 — 2022-06-07 2018.06 — 2021.03.") == []
    assert lint("When:DSA runs 2019-06-08 — 2019-06-08") == []
    assert lint("When:2017.06 — 2017.05.") == []


def test_impossible_dates_are_left_to_drl005():
    assert lint("When:DSA runs 2022-02-30 — 2019-06-08") == []
