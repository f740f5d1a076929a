from dreg_lint.testing import assert_examples, lint_snippet, positions

HEADER = "NHS Digital Data Release Register - reformatted\nNHS Example Ccg projects\n"
COUNT = ('40 data files in total were disseminated unsafely (information about files used safely is missing '
         'for TRE/"system access" projects).\n')
PROJECT = "Project 1 — NIC-20001-QW3RT\nOpt outs honoured: Y, N\nObjectives:\nTo monitor waiting times.\n"
NEW = ("🚩 NHS Example Ccg was sent multiple files from the same dataset, in the same month, both with optouts "
       "respected and with optouts ignored. NHS Example Ccg may not have compared them.\n")
OLD = "🚩 NHS Example Ccg received multiple files from one dataset in one month; identifiers match.\n"


def test_examples():
    assert_examples("DRL002")


def test_finding_position_and_message():
    [found] = lint_snippet(HEADER + COUNT + NEW + PROJECT, "DRL002")
    assert (found.code, found.line, found.column) == ("DRL002", 4, 1)
    assert found.severity.value == "warning"
    assert found.project is None
    assert found.message.startswith("the page's 🚩 flag says files of one dataset and month were sent both with "
                                    "and without opt-outs applied: `🚩 NHS Example Ccg was sent")


def test_no_flag():
    assert lint_snippet(HEADER + COUNT + PROJECT, "DRL002") == []


def test_flag_without_count_line():
    assert positions(lint_snippet(HEADER + NEW + PROJECT, "DRL002")) == ["3:1"]


def test_other_wording_matches_on_the_emoji():
    assert positions(lint_snippet(HEADER + COUNT + OLD + PROJECT, "DRL002")) == ["4:1"]


def test_require_wording_option():
    options = {"DRL002": {"require_wording": True}}
    assert lint_snippet(HEADER + COUNT + OLD + PROJECT, "DRL002", options) == []
    assert positions(lint_snippet(HEADER + COUNT + NEW + PROJECT, "DRL002", options)) == ["4:1"]


def test_flag_after_the_first_project_is_not_the_page_flag():
    assert lint_snippet(HEADER + COUNT + PROJECT + NEW, "DRL002") == []
