"""DRL028 placeholder-project-title."""

import glob

import pytest

from dreg_lint.testing import assert_examples, lint_snippet, positions

HEADER = "NHS Digital Data Release Register - reformatted\nNHS Example Ccg projects\n"


def page(*titles):
    return HEADER + "".join(f"{title} — DARS-NIC-1000{n}-AAAA{n}\nOpt outs honoured: Y\n"
                            for n, title in enumerate(titles, 1))


def test_examples():
    assert_examples("DRL028")


def test_placeholder_titles_reported_at_the_title():
    found = lint_snippet(page("Project 2", "Stroke audit", "Project 12"), select="DRL028")
    assert [(d.code, d.line, d.column, d.end_column) for d in found] == [("DRL028", 3, 1, 10), ("DRL028", 7, 1, 11)]
    assert found[0].severity.value == "info"
    assert found[0].message == "placeholder title `Project 2`: the agreement's purpose is not named"
    assert found[1].project == "DARS-NIC-10003-AAAA3"


def test_titles_that_only_look_like_placeholders_are_clean():
    titles = ("Project 2 of the stroke audit", "project 2", "Projects 2", "Project", "Project 2b",
              "The Project 2", "Project  2")
    assert lint_snippet(page(*titles), select="DRL028") == []


def test_title_with_em_dash_inside():
    # The heading splits on the last " — ": the title is "Project 2 — renewal", not a placeholder.
    assert lint_snippet(page("Project 2 — renewal"), select="DRL028") == []


def test_headingless_project_is_not_reported():
    text = HEADER + "Opt outs honoured: N\nHSCIC Id: DARS-NIC-147797-45YHZ-v0.0\n"
    assert lint_snippet(text, select="DRL028") == []


def test_hostile_title():
    found = lint_snippet(page("Project " + "1" * 1_000_000, "Project " + "1 " * 300_000 + "x"), select="DRL028")
    assert positions(found) == ["3:1"]
    assert found[0].end_column == 1_000_009
    assert len(found[0].message) < 200


SEEDS = sorted(glob.glob("/work/shared/corpus/seeds/*.txt"))


@pytest.mark.skipif(len(SEEDS) != 4, reason="seed pages not available")
def test_seed_counts():
    # RULES.md section 3.2: distinct projects flagged per seed file 000, 001, 002, 003.
    counts = []
    for path in SEEDS:
        found = lint_snippet(open(path, encoding="utf-8").read(), select="DRL028")
        counts.append(len({d.project_line for d in found}))
    assert counts == [4, 0, 1, 0]
