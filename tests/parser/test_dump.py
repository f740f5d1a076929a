"""``dreg_lint.dump.to_json``: the model as JSON for ``--dump-ast``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from parser_helpers import FIXTURES, fixture

from dreg_lint.dump import to_json
from dreg_lint.parser import parse_bytes

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "seeds"
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"the seed pages are not there: {SEEDS} is missing")


def _roundtrip(document) -> dict:
    dumped = to_json(document)
    text = json.dumps(dumped, ensure_ascii=False, allow_nan=False)
    assert json.loads(text) == dumped
    return dumped


def _walk(value):
    yield value
    if isinstance(value, dict):
        for item in value.values():
            yield from _walk(item)
    elif isinstance(value, list):
        for item in value:
            yield from _walk(item)


@needs_seeds
@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else [], ids=lambda p: p.name[:3])
def test_seeds_round_trip_through_json(path):
    document = parse_bytes(path.read_bytes(), str(path))
    dumped = _roundtrip(document)
    assert dumped["node"] == "Document" and "source" not in dumped
    assert len(dumped["projects"]) == len(document.projects)
    assert [p["reference"] for p in dumped["projects"]] == [p.reference for p in document.projects]
    # every node carries its span
    for node in _walk(dumped):
        if isinstance(node, dict) and node.get("node") in ("Field", "Heading", "Section", "DatasetItem", "Text",
                                                           "ListItem", "PartialDate", "Project", "IndexEntry"):
            assert set(node["span"]) == {"line", "column", "end_line", "end_column", "start", "end"}


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.txt")), ids=lambda p: p.name)
def test_fixtures_round_trip_through_json(path):
    _roundtrip(parse_bytes(path.read_bytes(), str(path)))


def test_values_are_typed():
    dumped = to_json(fixture("g4_compact.txt"))
    first = dumped["projects"][0]
    fields = {f["key"]: f for f in first["fields"]}
    when = fields["when"]["value"]
    assert when["node"] == "When" and when["well_formed"] is True
    assert when["agreement"]["start"] | {"span": None} == {
        "node": "PartialDate", "text": "2018-12", "year": 2018, "month": 12, "day": None, "or_before": False,
        "span": None, "unknown": False}
    opt = fields["opt_outs"]["value"]
    assert opt["node"] == "OptOuts" and opt["excuses"] is True
    assert [(t["text"], t["status"], t["glued"]) for t in opt["tokens"]][:2] == [("N", "no", False), ("Y", "yes", False)]
    assert fields["access_method"]["continuation"]["text"].startswith("(System access")
    assert fields["type_of_data"]["empty"] is False
    assert [s["key"] for s in first["sections"]] == [
        "datasets", "objectives", "yielded_benefits", "expected_benefits", "outputs", "processing"]
    assert dumped["index"][0]["system_access"] is True
    assert dumped["file_count"] == {"node": "FileCount", "count": 24, "span": dumped["file_count"]["span"]}


def test_problems_name_their_project():
    dumped = to_json(fixture("fields_misc.txt"))
    assert [(p["code"], p["span"]["line"], p["project"]) for p in dumped["problems"]] == [
        ("DRL902", 73, {"number": 3, "reference": "DARS-NIC-310003-M3M3M"}),
        ("DRL904", 88, {"number": 3, "reference": "DARS-NIC-310003-M3M3M"}),
    ]
    assert dumped["projects"][2]["loose"][0]["code"] == "DRL902"
