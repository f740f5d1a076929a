"""DRL027 reference-on-several-pages (cross-page)."""

import glob
import pickle
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dreg_lint.diagnostics import Diagnostic
from dreg_lint.engine import Linter
from dreg_lint.rule import Context
from dreg_lint.rules.drl027_reference_on_several_pages import check
from dreg_lint.settings import Settings
from dreg_lint.testing import assert_examples, lint_snippet

PAGE_A = ("NHS Digital Data Release Register - reformatted\n"
          "NHS Example Ccg projects\n"
          "Stroke audit — DARS-NIC-20417-QW3RT\n"
          "Opt outs honoured: Y\n"
          "Legal basis: Health and Social Care Act 2012\n"
          "When:2017.01 — 2017.03.\n"
          "Other work — DARS-NIC-30000-ZZZZ1\n"
          "Opt outs honoured: N\n")

PAGE_B = ("NHS Digital Data Release Register - reformatted\n"
          "NHS Example Csu projects\n"
          "Project 1 — NIC-020417-QW3RT\n"
          "Opt outs honoured: Y\n"
          "Legal basis: Health and Social Care Act 2012\n"
          "When:{when}\n")


def lint_pages(pages, options=None):
    settings = Settings(select=("DRL027",), rule_options=options or {}, plugin_autoload=False)
    linter = Linter(settings)
    results = [linter.lint_bytes(text.encode("utf-8"), path) for path, text in pages]
    for result in results:
        assert not result.errors
        assert result.diagnostics == []  # everything comes from the cross-page check
    final = linter.finish([result.facts for result in results])
    assert not final.errors, final.errors
    return sorted(final.diagnostics, key=Diagnostic.sort_key), final


def summary(diagnostics):
    return [(d.path, d.line, d.column, d.project, d.project_line) for d in diagnostics]


def test_examples():
    assert_examples("DRL027")


def test_one_page_alone_reports_nothing():
    assert lint_snippet(PAGE_A, select="DRL027") == []


def test_same_agreement_on_two_pages_reported_at_each_occurrence():
    found, _ = lint_pages([("a.txt", PAGE_A), ("b.txt", PAGE_B.format(when="2017.01 — 2017.03."))])
    assert summary(found) == [("a.txt", 3, 16, "DARS-NIC-20417-QW3RT", 3), ("b.txt", 3, 13, "NIC-020417-QW3RT", 3)]
    assert {d.code for d in found} == {"DRL027"}
    assert {d.severity.value for d in found} == {"info"}
    assert found[0].message == "agreement NIC-20417-QW3RT is also listed on 1 other page(s): b.txt:3"
    assert found[1].message == "agreement NIC-020417-QW3RT is also listed on 1 other page(s): a.txt:3"
    assert found[0].end_column == 36


def test_differing_when_reported_on_both_copies():
    found, _ = lint_pages([("a.txt", PAGE_A), ("b.txt", PAGE_B.format(when="2017.01 — 2017.04."))])
    assert summary(found) == [("a.txt", 3, 16, "DARS-NIC-20417-QW3RT", 3), ("a.txt", 6, 6, "DARS-NIC-20417-QW3RT", 3),
                              ("b.txt", 3, 13, "NIC-020417-QW3RT", 3), ("b.txt", 6, 6, "NIC-020417-QW3RT", 3)]
    assert found[1].message == ("`When` of agreement NIC-20417-QW3RT differs from its copy at b.txt:6 "
                                "(`2017.01 — 2017.03.` here, `2017.01 — 2017.04.` there)")
    assert found[1].end_column == 24
    assert found[3].message == ("`When` of agreement NIC-020417-QW3RT differs from its copy at a.txt:6 "
                                "(`2017.01 — 2017.04.` here, `2017.01 — 2017.03.` there)")
    # Distinct fingerprints for the occurrence and the difference.
    assert found[0].fingerprint != found[1].fingerprint


def test_values_equal_after_norm_are_not_differences():
    older = PAGE_B.format(when="2017.01 — 2017.03.").replace("When:", "When: ").replace("2017.01", "2017/01")
    older = older.replace("Health and Social Care Act 2012", "health and social care act  2012")
    found, _ = lint_pages([("a.txt", PAGE_A), ("b.txt", older)])
    assert [d.line for d in found] == [3, 3]


def test_absent_field_is_a_difference():
    without_basis = PAGE_B.format(when="2017.01 — 2017.03.").replace(
        "Legal basis: Health and Social Care Act 2012\n", "")
    found, _ = lint_pages([("a.txt", PAGE_A), ("b.txt", without_basis)])
    assert summary(found) == [("a.txt", 3, 16, "DARS-NIC-20417-QW3RT", 3), ("a.txt", 5, 14, "DARS-NIC-20417-QW3RT", 3),
                              ("b.txt", 3, 13, "NIC-020417-QW3RT", 3), ("b.txt", 3, 13, "NIC-020417-QW3RT", 3)]
    assert found[1].message == ("`Legal basis` of agreement NIC-20417-QW3RT differs from its copy at b.txt:3 "
                                "(`Health and Social Care Act 2012` here, (absent) there)")
    # The copy without the field is reported at its reference.
    assert sorted(d.message for d in found if d.path == "b.txt") == [
        "`Legal basis` of agreement NIC-020417-QW3RT differs from its copy at a.txt:5 "
        "((absent) here, `Health and Social Care Act 2012` there)",
        "agreement NIC-020417-QW3RT is also listed on 1 other page(s): a.txt:3"]


def test_opt_outs_compared():
    mixed = PAGE_B.format(when="2017.01 — 2017.03.").replace("Opt outs honoured: Y", "Opt outs honoured: Y, N")
    found, _ = lint_pages([("a.txt", PAGE_A), ("b.txt", mixed)])
    assert [(d.path, d.line, d.column) for d in found if "Opt outs" in d.message] == [("a.txt", 4, 20),
                                                                                      ("b.txt", 4, 20)]


def test_occurrences_on_one_page_are_left_to_drl026():
    twice = PAGE_A + "Project 3 — NIC-20417-QW3RT\nOpt outs honoured: N\n"
    found, _ = lint_pages([("a.txt", twice), ("c.txt", PAGE_A.replace("20417", "99999").replace("30000", "88888"))])
    assert found == []


def test_three_pages():
    third = PAGE_B.format(when="2017.01 — 2017.03.").replace("Csu", "Trust")
    found, _ = lint_pages([("a.txt", PAGE_A), ("b.txt", PAGE_B.format(when="2017.01 — 2017.03.")),
                           ("c.txt", third)])
    assert [d.path for d in found] == ["a.txt", "b.txt", "c.txt"]
    assert found[0].message == "agreement NIC-20417-QW3RT is also listed on 2 other page(s): b.txt:3, c.txt:3"


def test_report_occurrences_option():
    pages = [("a.txt", PAGE_A), ("b.txt", PAGE_B.format(when="2017.01 — 2017.04."))]
    found, _ = lint_pages(pages, {"DRL027": {"report_occurrences": False}})
    assert [(d.path, d.line) for d in found] == [("a.txt", 6), ("b.txt", 6)]


def test_compare_fields_option():
    pages = [("a.txt", PAGE_A), ("b.txt", PAGE_B.format(when="2017.01 — 2017.04."))]
    found, _ = lint_pages(pages, {"DRL027": {"compare_fields": []}})
    assert [(d.path, d.line) for d in found] == [("a.txt", 3), ("b.txt", 3)]
    found, _ = lint_pages(pages, {"DRL027": {"compare_fields": ["legal_basis"]}})
    assert [(d.path, d.line) for d in found] == [("a.txt", 3), ("b.txt", 3)]


def test_unknown_compare_field_is_an_error():
    settings = Settings(select=("DRL027",), rule_options={"DRL027": {"compare_fields": ["colour"]}},
                        plugin_autoload=False)
    linter = Linter(settings)
    facts = [linter.lint_bytes(PAGE_A.encode(), "a.txt").facts]
    final = linter.finish(facts)
    assert any("compare_fields" in error for error in final.errors)


def test_facts_are_picklable_and_flat():
    linter = Linter(Settings(select=("DRL027",), plugin_autoload=False))
    facts = linter.lint_bytes(PAGE_A.encode(), "a.txt").facts
    assert pickle.loads(pickle.dumps(facts)) == facts
    # The path once per page, then one flat row per occurrence: key, reference, project line,
    # position, and each compared field as [norm, text, position] or None.
    path, rows = facts["DRL027"]
    assert path == "a.txt"
    assert rows == [
        ["20417", "QW3RT", "DARS-NIC-20417-QW3RT", 3, 3, 16, 3, 36,
         ["201701201703", "2017.01 — 2017.03.", 6, 6, 6, 24],
         ["healthandsocialcareact2012", "Health and Social Care Act 2012", 5, 14, 5, 45],
         ["y", "Y", 4, 20, 4, 21]],
        ["30000", "ZZZZ1", "DARS-NIC-30000-ZZZZ1", 7, 7, 14, 7, 34, None, None, ["n", "N", 8, 20, 8, 21]],
    ]


def test_a_page_without_references_has_empty_facts():
    linter = Linter(Settings(select=("DRL027",), plugin_autoload=False))
    page = "NHS Digital Data Release Register - reformatted\nNHS Example Ccg projects\n"
    assert linter.lint_bytes(page.encode(), "a.txt").facts == {"DRL027": []}


@pytest.mark.skipif(not glob.glob("/work/shared/corpus/seeds/*.txt"), reason="seed pages not available")
def test_seeds_have_no_shared_agreement():
    paths = sorted(glob.glob("/work/shared/corpus/seeds/*.txt"))
    pages = [(path, open(path, encoding="utf-8").read()) for path in paths]
    found, _ = lint_pages(pages)
    assert found == []


def _naive_differences(facts, compare):
    """(path, line, field) of each consistency finding, the plain quadratic way: each occurrence
    against the first copy on another page whose normalised value differs."""
    by_key = {}
    for page in facts:
        for occurrence in page:
            by_key.setdefault(tuple(occurrence["key"]), []).append(occurrence)
    found = []
    for key in sorted(by_key):
        occurrences = by_key[key]
        if len({o["path"] for o in occurrences}) < 2:
            continue
        for occurrence in occurrences:
            others = [o for o in occurrences if o["path"] != occurrence["path"]]
            for name in compare:
                mine = occurrence["fields"][name]
                other = next((o for o in others if (o["fields"][name] or {}).get("norm") != (mine or {}).get("norm")),
                             None)
                if other is not None:
                    found.append((occurrence["path"], occurrence["project_line"], name, other["path"],
                                  other["project_line"]))
    return found


def _row(page, key, value, line):
    field = None if value is None else [value, value, line, 6, line, 7]
    return [key, "QW3RT", f"NIC-{key}-QW3RT", line, line, 1, line, 9, field, None, None]


@given(st.lists(st.tuples(st.sampled_from("abcd"), st.sampled_from("kl"), st.sampled_from(["x", "y", "z", None])),
                max_size=12))
def test_differences_are_those_of_the_plain_comparison(rows):
    """Which copy each difference cites, checked against comparing every copy with every other; a
    page may come back (one path given twice), which the per-page counts must see as one page."""
    facts = [[f"{page}.txt", [_row(page, key, value, line)]] for line, (page, key, value) in enumerate(rows, start=1)]
    plain = [[{"path": path, "key": [row[0], row[1]], "project_line": row[3],
               "fields": {"when": None if row[8] is None else {"norm": row[8][0]}}} for row in page_rows]
             for path, page_rows in facts]
    found = list(check(facts, Context(None, {"compare_fields": ["when"], "report_occurrences": False})))
    cited = sorted((f.path, f.project_line, "when", *re.search(r"copy at (\S+):(\d+) ", f.message).groups())
                   for f in found)
    assert sorted((*rest, str(line)) for *rest, line in _naive_differences(plain, ["when"])) == cited


@given(st.lists(st.tuples(st.sampled_from("abcdef"), st.sampled_from("kl")), max_size=30))
def test_occurrences_cite_the_first_three_copies_on_other_pages(rows):
    facts = [[f"{page}.txt", [_row(page, key, "x", line)]] for line, (page, key) in enumerate(rows, start=1)]
    found = list(check(facts, Context(None, {"compare_fields": [], "report_occurrences": True})))
    expected = []
    for line, (page, key) in enumerate(rows, start=1):
        same = [(p, n) for n, (p, k) in enumerate(rows, start=1) if k == key]
        pages = {p for p, _ in same}
        if len(pages) < 2:
            continue
        others = [f"{p}.txt:{n}" for p, n in same if p != page]
        cited = ", ".join(others[:3]) + (f" and {len(others) - 3} more" if len(others) > 3 else "")
        expected.append((f"{page}.txt", line, f"agreement NIC-{key}-QW3RT is also listed on {len(pages) - 1} "
                                              f"other page(s): {cited}"))
    assert sorted((f.path, f.project_line, f.message) for f in found) == sorted(expected)
