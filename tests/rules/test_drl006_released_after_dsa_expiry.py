from dreg_lint.testing import assert_examples, lint_snippet, positions


def lint(when, **options):
    text = ("NHS Digital Data Release Register - reformatted\nNHS Example Trust projects\n"
            "Renal registry linkage — DARS-NIC-60006-MN5BV\nOpt outs honoured: No - data flow is not identifiable\n"
            f"{when}\nAccess method: Ongoing\nObjectives:\nTo study dialysis outcomes.\n")
    return lint_snippet(text, "DRL006", {"DRL006": options} if options else None)


def test_examples():
    assert_examples("DRL006")


def test_finding_position_and_message():
    [found] = lint("When:DSA runs 2019-09-01 — 2021-01-31 2017.09 — 2024.09.")
    assert (found.code, found.line, found.column, found.end_column) == ("DRL006", 5, 49, 56)
    assert found.severity.value == "warning"
    assert found.message == ("files released until `2024.09`, after the data sharing agreement ended on "
                             "`2021-01-31`")


def test_month_granularity():
    assert lint("When:DSA runs 2019-09-01 — 2021-01-31 2019.10 — 2021.01.") == []
    assert positions(lint("When:DSA runs 2019-09-01 — 2021-01-31 2019.10 — 2021.02.")) == ["5:49"]
    assert positions(lint("When:DSA runs 2018-12 – 2021-11 2019.01 — 2021.12.")) == ["5:43"]


def test_needs_both_periods_the_right_way_round():
    assert lint("When:2017.09 — 2024.09.") == []
    assert lint("When:DSA runs 2019-09-01 — 2021-01-31") == []
    assert lint("When:DSA runs 2021-01-31 — 2019-09-01 2019.10 — 2024.09.") == []
    assert lint("When:DSA runs 2019-09-01 — 2021-01-31 2024.09 — 2019.10.") == []
    assert lint("When:DSA runs 2019-09-01 — 2021-01-31 2019.10 — 2024.13.") == []


def test_grace_months_option():
    when = "When:DSA runs 2019-09-01 — 2021-01-31 2019.10 — 2021.04."
    assert positions(lint(when)) == ["5:49"]
    assert lint(when, grace_months=3) == []
    assert positions(lint(when, grace_months=2)) == ["5:49"]
