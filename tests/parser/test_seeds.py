"""The four seed pages (../shared/corpus/seeds): whole pages that parse with no structural problem.

Line references such as ``000:14`` are the ones RULES.md sections 1-3 use.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from parser_helpers import check_coverage, problems, texts

from dreg_lint.model import FieldKey, OptOutStatus, SectionKey
from dreg_lint.parser import parse_bytes

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"the seed pages are not there: {SEEDS} is missing "
                                "(../shared beside the repository)")


def seed(prefix: str):
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return parse_bytes(path.read_bytes(), str(path))


def _when(project):
    when = project.value(FieldKey.WHEN)
    agreement = when.agreement and (when.agreement.start.text, when.agreement.end.text)
    release = when.release and (when.release.start.text, when.release.end.text)
    return agreement, release


@pytest.mark.parametrize("prefix, count, lines", [("000", 5, 985), ("001", 4, 1197), ("002", 1, 87), ("003", 1, 321)])
def test_seed_parses_cleanly(prefix, count, lines):
    document = seed(prefix)
    assert problems(document) == []
    assert len(document.projects) == count
    assert document.line_count == lines
    assert document.loose == () and all(p.loose == () for p in document.projects)
    check_coverage(document.source, document)


def test_seed_000_page():
    doc = seed("000")
    assert doc.organisation.name == "NHS Warwickshire North Ccg" and doc.organisation.span.line == 3
    assert (doc.file_count.count, doc.file_count.span.line) == (261, 5)
    assert doc.red_flag.span.line == 8
    assert [(p.line, p.title, p.reference) for p in doc.projects] == [
        (10, "DSfC - NHS Warwickshire North CCG; IV", "DARS-NIC-82396-W4F5T"),
        (144, "Project 2", "DARS-NIC-120064-Z5S8S"),
        (412, "Project 3", "NIC-120064-Z5S8S"),
        (619, "Project 4", "NIC-82396-W4F5T"),
        (756, "Project 5", "NIC-47164-S6N7Z"),
    ]


def test_seed_000_project_1():
    p1 = seed("000").projects[0]
    opt = p1.value(FieldKey.OPT_OUTS)  # 000:14
    assert [t.status for t in opt.tokens] == [OptOutStatus.YES, OptOutStatus.NO, OptOutStatus.IDENTIFIABLE]
    assert opt.tokens[1].reason == "DSfC for Invoice Validation Purposes"
    assert texts(opt.basis) == ["Section 251", "Section 251 NHS Act 2006"]
    assert _when(p1) == (("2019-06-08", "2022-06-07"), ("2018.06", "2021.03"))  # 000:22
    assert texts(p1.value(FieldKey.ACCESS_METHOD)) == ["Frequent adhoc flow", "Frequent Adhoc Flow", "One-Off"]  # 000:24
    assert texts(p1.value(FieldKey.DATA_CONTROLLERS)) == [  # 000:26
        "NHS COVENTRY AND WARWICKSHIRE CCG", "NHS COVENTRY AND WARWICKSHIRE ICB - B2M3M"]
    assert [f.span.line for f in p1.fields] == [12, 14, 16, 18, 20, 22, 24, 26, 28]
    yielded = p1.section(SectionKey.YIELDED_BENEFITS)  # 000:49, present but empty
    assert yielded.span.line == 49 and yielded.lines == () and not yielded.has_text
    assert [d.text for d in p1.datasets] == ["SUS for Commissioners"]
    assert [s.key for s in p1.sections] == [SectionKey.DATASETS, SectionKey.OBJECTIVES, SectionKey.YIELDED_BENEFITS,
                                            SectionKey.EXPECTED_BENEFITS, SectionKey.OUTPUTS, SectionKey.PROCESSING]
    assert [b.line for b in p1.blank_lines][-3:] == [141, 142, 143]  # three blank lines before Project 2


def test_seed_000_legacy_projects():
    p2, p3, p4, p5 = seed("000").projects[1:]
    assert _when(p2) == (None, ("2018.06", "2019.04"))  # 000:156
    assert p2.field(FieldKey.DATA_CONTROLLERS).empty and p2.field(FieldKey.DATA_CONTROLLERS).span.line == 160
    assert p2.value(FieldKey.PURPOSES).empty  # 000:152
    assert len(p2.datasets) == 22
    assert texts(p3.value(FieldKey.LEGAL_BASIS)) == ["Health and Social Care Act 2012"]  # 000:418
    assert _when(p3) == (None, ("2017.12", "2018.05"))  # 000:424
    objectives = [line.text for line in p3.section(SectionKey.OBJECTIVES).lines]
    assert "Objective for processing:" in objectives  # 000:466 stays text
    assert p3.section(SectionKey.PROCESSING).lines[0].text == "Processing activities:"  # 000:570
    assert [t.text for t in p4.value(FieldKey.OPT_OUTS).tokens] == ["N", "Y"]  # 000:623
    assert _when(p4) == (None, ("2017.12", "2018.02"))  # 000:631
    when = p5.value(FieldKey.WHEN)  # 000:768, release period reversed
    assert when.release.start.month_key == (2017, 6) and when.release.end.month_key == (2017, 5)
    assert p5.field(FieldKey.SUBLICENSING).empty and p5.field(FieldKey.SUBLICENSING).span.line == 774


def test_seed_001():
    doc = seed("001")
    assert (doc.file_count.count, doc.file_count.span.line) == (791, 7) and doc.red_flag is None
    assert [e.span.line for e in doc.index] == [3, 4, 5, 6]
    assert [e.title for e in doc.index] == [p.title for p in doc.projects]
    assert [(p.line, p.reference) for p in doc.projects] == [
        (8, "DARS-NIC-05206-L1V6D"), (134, "DARS-NIC-234915-J3K4V"), (489, "DARS-NIC-377038-J7G7X"),
        (857, "DARS-NIC-317048-N8P0R")]
    p1, p2, p3, p4 = doc.projects
    assert texts(p1.value(FieldKey.TYPE_OF_DATA)) == ["Pseudonymised"]  # 001:9
    purposes = p1.value(FieldKey.PURPOSES)  # 001:12
    assert [f.text for f in purposes.flags] == ["Yes"]
    assert purposes.statement.text.startswith("NHS Midlands and Lancashire Commissioning Support Unit (MLCSU)")
    assert texts(purposes.sectors) == ["Commissioning Support Unit (CSU)", "internal NHS transfer"]
    assert texts(p1.value(FieldKey.SENSITIVE)) == ["Non Sensitive", "Sensitive", "Non-Sensitive"]  # 001:13
    assert _when(p1) == (("2019-09-01", "2021-01-31"), ("2017.09", "2024.09"))  # 001:14
    assert texts(p1.value(FieldKey.SUBLICENSING)) == ["No", "Yes"]  # 001:17
    assert p1.section(SectionKey.YIELDED_BENEFITS).has_text  # 001:85-86
    assert len(p1.datasets) == 44
    assert _when(p2) == (("2019-02-01", "2022-01-31"), ("2020.02", "2021.05"))  # 001:140
    assert len(texts(p2.value(FieldKey.DATA_CONTROLLERS))) == 12  # 001:142
    assert _when(p3) == (("2020-07-01", "2023-06-30"), ("2021.01", "2021.03"))  # 001:495
    assert "PROCESSING CONDITIONS:" in [line.text for line in p3.section(SectionKey.PROCESSING).lines]  # 001:785
    assert _when(p4) == (("2019-08-01", "2022-07-31"), ("2020.02", "2020.03"))  # 001:863
    assert all(p.section(SectionKey.YIELDED_BENEFITS) is None for p in (p2, p3, p4))


def test_seed_002():
    doc = seed("002")
    assert (doc.file_count.count, doc.red_flag.span.line) == (58, 4)
    (p1,) = doc.projects
    assert (p1.line, p1.title, p1.reference) == (5, "Project 1", "NIC-38002-S3K0V")
    assert [t.text for t in p1.value(FieldKey.OPT_OUTS).tokens] == ["Y", "N"]  # 002:7
    assert _when(p1) == (None, ("2017.06", "2017.05"))  # 002:11
    assert p1.field(FieldKey.DATA_CONTROLLERS).empty  # 002:13
    assert p1.value(FieldKey.PURPOSES).empty  # 002:9
    assert len(p1.datasets) == 20 and p1.datasets[0].marker == "-"


def test_seed_003():
    doc = seed("003")
    assert doc.file_count.count == 48 and doc.index == ()
    (p1,) = doc.projects
    assert (p1.line, p1.reference) == (4, "DARS-NIC-90049-D5S8M")
    tokens = p1.value(FieldKey.OPT_OUTS).tokens  # 003:6, glued "studYes"
    glued = [t for t in tokens if t.glued]
    assert [t.text for t in glued] == ["No - consent provided by participants of research stud",
                                       "Yes - patient objections upheld"]
    assert _when(p1) == (("2019-07-01", "2022-06-30"), ("2018.06", "2021.05"))  # 003:10
    assert p1.section(SectionKey.YIELDED_BENEFITS).span.line == 107  # 003:107, empty
    assert not p1.section(SectionKey.YIELDED_BENEFITS).has_text
    assert len(p1.datasets) == 42
    # "- " lines inside Objectives stay text (FORMAT.md section 10)
    objectives = [line.text for line in p1.section(SectionKey.OBJECTIVES).lines]
    assert any(text.startswith("- ") for text in objectives)
