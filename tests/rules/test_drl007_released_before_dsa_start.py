from dreg_lint.testing import assert_examples, lint_snippet, positions


def lint(when, **options):
    text = ("NHS Digital Data Release Register - reformatted\nNHS Example Trust projects\n"
            "Renal registry linkage — DARS-NIC-60006-MN5BV\nOpt outs honoured: No - data flow is not identifiable\n"
            f"{when}\nAccess method: Ongoing\nObjectives:\nTo study dialysis outcomes.\n")
    return lint_snippet(text, "DRL007", {"DRL007": options} if options else None)


def test_examples():
    assert_examples("DRL007")


def test_finding_position_and_message():
    [found] = lint("When:DSA runs 2019-07-01 — 2022-06-30 2018.06 — 2021.05.")
    assert (found.code, found.line, found.column, found.end_column) == ("DRL007", 5, 39, 46)
    assert found.severity.value == "info"
    assert found.message == ("files released from `2018.06`, before the data sharing agreement started on "
                             "`2019-07-01`")


def test_month_granularity():
    assert lint("When:DSA runs 2019-07-31 — 2022-06-30 2019.07 — 2021.05.") == []
    assert positions(lint("When:DSA runs 2019-07-01 — 2022-06-30 2019.06 — 2021.05.")) == ["5:39"]
    assert positions(lint("When:DSA runs 2018-12 – 2021-11 2018.06 — 2021.05.")) == ["5:33"]


def test_needs_both_periods_the_right_way_round():
    assert lint("When:2018.06 — 2021.05.") == []
    assert lint("When:DSA runs 2019-07-01 — 2022-06-30") == []
    assert lint("When:DSA runs 2022-06-30 — 2019-07-01 2018.06 — 2021.05.") == []
    assert lint("When:DSA runs 2019-07-01 — 2022-06-30 2021.05 — 2018.06.") == []


def test_grace_months_option():
    when = "When:DSA runs 2019-07-01 — 2022-06-30 2019.04 — 2021.05."
    assert positions(lint(when)) == ["5:39"]
    assert lint(when, grace_months=3) == []
    assert positions(lint(when, grace_months=2)) == ["5:39"]
