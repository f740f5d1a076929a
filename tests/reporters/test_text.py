import re

import pytest

from reporter_factories import make_diagnostic, make_report, render

SOURCE = "When:2016.09 — 2016.04."


def test_full_exact_output():
    report = make_report(
        [make_diagnostic(line=3, column=6, end_column=24),
         make_diagnostic(code="DRL001", severity="warning", message="Opt-outs mixed", line=12, column=20,
                         end_column=24, name="mixed-optout-flows")],
        lines={3: SOURCE, 12: "Opt outs honoured: Y, N"})
    assert render("full", report) == (
        "data/x.txt:3:6: DRL003 [error] Release period is inverted\n"
        "  |\n"
        "3 | When:2016.09 — 2016.04.\n"
        "  |      ^^^^^^^^^^^^^^^^^^\n"
        "  = help: Summary of DRL003.\n"
        "\n"
        "data/x.txt:12:20: DRL001 [warning] Opt-outs mixed\n"
        "   |\n"
        "12 | Opt outs honoured: Y, N\n"
        "   |                    ^^^^\n"
        "   = help: Summary of DRL001.\n"
    )


def test_concise_exact_output():
    report = make_report(
        [make_diagnostic(), make_diagnostic(code="DRL010", severity="info", message="note", path=None, line=1,
                                            column=1, end_column=1)],
        lines={3: SOURCE})
    assert render("concise", report) == (
        "<stdin>:1:1: DRL010 [info] note\n"
        "data/x.txt:3:6: DRL003 [error] Release period is inverted\n"
    )


def test_empty_report_prints_nothing():
    assert render("full", make_report([])) == ""
    assert render("concise", make_report([])) == ""


def _caret_line(output: str) -> str:
    return next(line for line in output.splitlines() if "^" in line)


def test_caret_under_the_span():
    output = render("full", make_report([make_diagnostic(line=3, column=6, end_column=13)], lines={3: SOURCE}))
    caret = _caret_line(output)
    source = next(line for line in output.splitlines() if line.startswith("3 | "))
    start = caret.index("^")
    assert source[start:start + 7] == "2016.09"
    assert caret[start:] == "^" * 7


def test_multi_line_span_is_underlined_to_the_end_of_its_first_line():
    output = render("full", make_report([make_diagnostic(line=3, column=6, end_line=5, end_column=2)],
                                        lines={3: SOURCE}))
    assert _caret_line(output) == "  |      " + "^" * (len(SOURCE) - 5)


@pytest.mark.parametrize("column,end_column", [(6, 6), (30, 31)])
def test_empty_span_or_span_past_the_end_gets_one_caret(column, end_column):
    output = render("full", make_report([make_diagnostic(column=column, end_column=end_column)],
                                        lines={3: SOURCE}))
    assert _caret_line(output) == "  | " + " " * (column - 1) + "^"


def test_no_source_line_still_gives_help():
    output = render("full", make_report([make_diagnostic()]))
    assert output == ("data/x.txt:3:6: DRL003 [error] Release period is inverted\n"
                      "  = help: Summary of DRL003.\n")


def test_unknown_rule_has_no_help_line():
    output = render("full", make_report([make_diagnostic(code="XYZ001")], lines={3: SOURCE}))
    assert "help" not in output
    assert output.startswith("data/x.txt:3:6: XYZ001 [error]")


def test_control_characters_in_source_are_escaped_and_caret_stays_aligned():
    source = "A\x1b[2J\x9bB\x07 2016.09"
    # "2016.09" starts at column 10 (1-based code points): A ESC [ 2 J CSI B BEL space 2016.09
    assert source[9:16] == "2016.09"
    output = render("full", make_report([make_diagnostic(column=10, end_column=17)], lines={3: source}))
    assert "\x1b" not in output and "\x9b" not in output and "\x07" not in output
    source_out = next(line for line in output.splitlines() if line.startswith("3 | "))
    assert source_out == "3 | A\\x1b[2J\\x9bB\\x07 2016.09"
    caret = _caret_line(output)
    start = caret.index("^")
    assert source_out[start:start + 7] == "2016.09" and caret[start:] == "^" * 7


def test_caret_covers_escaped_characters_inside_the_span():
    output = render("full", make_report([make_diagnostic(column=2, end_column=3)], lines={3: "a\x1bb"}))
    lines = output.splitlines()
    assert lines[2] == "3 | a\\x1bb"
    assert lines[3] == "  |  ^^^^"


def test_wide_characters_keep_the_caret_aligned():
    output = render("full", make_report([make_diagnostic(column=3, end_column=4)], lines={3: "漢字x"}))
    assert _caret_line(output) == "  | " + "    ^"


def test_tab_is_shown_as_a_space():
    output = render("full", make_report([make_diagnostic(column=3, end_column=4)], lines={3: "a\tb"}))
    assert "3 | a b\n  |   ^\n" in output


@pytest.mark.parametrize("format_name", ["full", "concise"])
@pytest.mark.parametrize("color", [False, True])
def test_control_characters_in_message_and_path_are_escaped(format_name, color):
    diagnostic = make_diagnostic(message="bad\x1b]0;title\x07 \x9b31m \x85 \u202e\n::x \udcff",
                                 path="data/\x1b[31mx.txt")
    output = render(format_name, make_report([diagnostic], color=color, lines={3: "\x1b[1mtext\x7f"}))
    output.encode("utf-8")  # no lone surrogate left
    without_our_colours = re.sub(r"\x1b\[[0-9;]*m", "", output) if color else output
    assert "\x1b" not in without_our_colours
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202e]", without_our_colours)
    plain = re.sub(r"\x1b\[[0-9;]*m", "", output)
    assert "bad\\x1b]0;title\\x07 \\x9b31m \\x85 \\u202e\\n::x \\udcff" in plain
    assert plain.startswith("data/\\x1b[31mx.txt:3:6:")
    assert len(plain.splitlines()) == (1 if format_name == "concise" else 5)


@pytest.mark.parametrize("severity,colour", [("error", "31"), ("warning", "33"), ("info", "34")])
def test_code_is_coloured_by_severity_only_when_asked(severity, colour):
    report = make_report([make_diagnostic(severity=severity)], color=True, lines={3: SOURCE})
    output = render("full", report)
    assert f"\x1b[1m\x1b[{colour}mDRL003\x1b[0m" in output
    # Stripping the colour gives exactly the uncoloured output.
    plain = render("full", make_report([make_diagnostic(severity=severity)], lines={3: SOURCE}))
    assert "\x1b" not in plain
    assert re.sub(r"\x1b\[[0-9;]*m", "", output) == plain
