"""The cross-page rules' facts live in a file during a run, and their findings are spooled as they
come: what the rules report must be exactly what they reported with everything in memory."""

from __future__ import annotations

import pytest

from cli.support import varied_pages
from dreg_lint import engine
from dreg_lint.diagnostics import Diagnostic
from dreg_lint.engine import Linter
from dreg_lint.rule import Rule
from dreg_lint.runner import Job, run
from dreg_lint.settings import Settings
from dreg_lint.spool import FactsSpool, encode_facts

ODD = {"DRL027": ["data/\udce9.txt", [["1", "AAAAA", "ünïcode 🚩 \x00", 3, None, 2.5, True, {"k": []}]]],
       "XYZ001": {"count": 3}}


def test_facts_come_back_exactly_per_rule_as_often_as_asked():
    spool = FactsSpool()
    spool.add(encode_facts(ODD))
    spool.add(encode_facts({}))
    spool.add(encode_facts({"DRL027": []}))
    facts = spool.for_rule("DRL027")
    assert len(facts) == 2
    assert list(facts) == [ODD["DRL027"], []]
    assert list(facts) == [ODD["DRL027"], []]
    assert list(zip(facts, facts)) == [(ODD["DRL027"], ODD["DRL027"]), ([], [])]  # two passes at once
    assert list(spool.for_rule("XYZ001")) == [{"count": 3}] and len(spool.for_rule("NOPE")) == 0


def _pages_rule(code, streamed, seen):
    rule = Rule(code=code, name=f"rule-{code.lower()}", severity="info", groups=("references",), scope="pages",
                doc="A test rule.", streamed_facts=streamed)

    @rule.collector
    def collect(document, context):
        return [document.path]

    @rule.checker
    def check(facts, context):
        seen[code] = (type(facts), len(facts), list(facts), list(facts))
        return ()

    return rule


def test_a_rule_gets_a_list_unless_it_asks_for_streamed_facts():
    seen = {}
    linter = Linter(Settings(select=("DRL027",), plugin_autoload=False))
    linter.rules = [_pages_rule("XYZ001", False, seen), _pages_rule("XYZ002", True, seen)]
    linter.options = {"XYZ001": {}, "XYZ002": {}}
    spool = FactsSpool()
    for path in ("a.txt", "b.txt"):
        spool.add(encode_facts(linter.lint_bytes(b"", path).facts))
    linter.finish(spool)
    kind, size, first, again = seen["XYZ001"]
    assert kind is list and size == 2 and first == again == [["a.txt"], ["b.txt"]]
    kind, size, first, again = seen["XYZ002"]
    assert kind is not list and size == 2 and first == again == [["a.txt"], ["b.txt"]]


@pytest.fixture
def pages(tmp_path):
    paths = []
    for copy in range(4):  # each page four times: nearly every page has cross-page findings
        for name, text in varied_pages(20).items():
            path = tmp_path / f"copy{copy}" / name
            path.parent.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
            paths.append(str(path))
    return paths


@pytest.mark.parametrize("jobs", [1, 2])
def test_streamed_findings_are_those_found_all_in_memory(pages, jobs, monkeypatch):
    linter = Linter(Settings())
    results = [linter.lint_bytes(open(path, "rb").read(), path) for path in pages]
    final = linter.finish([result.facts for result in results])
    expected = sorted([d for result in results for d in result.diagnostics] + final.diagnostics,
                      key=Diagnostic.sort_key)
    assert sum(d.code == "DRL027" for d in expected) > 100
    monkeypatch.setattr(engine, "_BATCH", 7)  # batches that split pages' findings
    found = run(linter, Job(Settings(), None, ""), pages, jobs=jobs)
    assert not found.errors
    assert list(found.diagnostics) == expected


@pytest.mark.parametrize("count", [2, 17, 100, 5221])
def test_parallel_parts_cover_the_files_in_order_and_shrink_towards_the_end(count):
    from dreg_lint.runner import _parts

    files = [f"{n}.txt" for n in range(count)]
    parts = list(_parts(files, 2))
    assert [path for part in parts for path in part] == files
    sizes = [len(part) for part in parts]
    assert max(sizes) <= 64 and sizes == sorted(sizes, reverse=True) and sizes[-1] == 1


def test_facts_are_what_json_gives_back_and_json_shaped_facts_are_not_copied():
    linter = Linter(Settings(select=("DRL027",), plugin_autoload=False))
    returned = {}
    rule = _pages_rule("XYZ001", False, {})

    @rule.collector
    def collect(document, context):
        facts = returned[document.path]
        return facts

    linter.rules, linter.options = [rule], {"XYZ001": {}}
    shaped = [["a.txt", 1, 2.5, None, True, {"k": ["ü\udce9"]}]]
    returned["a.txt"] = shaped
    assert linter.lint_bytes(b"", "a.txt").facts["XYZ001"] is shaped  # kept as it is
    returned["b.txt"] = [("b.txt", 1), {"k": (2,)}]  # tuples are not what JSON gives back
    assert linter.lint_bytes(b"", "b.txt").facts["XYZ001"] == [["b.txt", 1], {"k": [2]}]
