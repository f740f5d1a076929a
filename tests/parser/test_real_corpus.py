"""Real page beginnings (../shared/corpus/real): each was cut at about 2000 bytes except one.

The project counts were made by hand from the files (a heading line ``… — REF`` or ``Project N — REF``
per project; the 2016 Birmingham page has one headingless project; the Manchester page is cut inside
its project index list, before its first project). Every cut page must parse, keep what it holds,
and report exactly one DRL903 on its last line.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from parser_helpers import check_coverage

from dreg_lint.model import FieldKey
from dreg_lint.parser import parse_bytes

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
REAL = SHARED / "corpus" / "real"

pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason=f"the real page corpus is not there: {REAL} is missing "
                                "(../shared beside the repository)")

SCOTLAND = "theysolditanyway_com_organisations_nhs_central_register_scotland_.txt"

#: file -> (projects, line of the DRL903 diagnostic: the last non-blank line)
EXPECTED = {
    "dataregister_medconfidential_org_organisation_university_of_birmingham.txt": (1, 97),
    "theysolditanyway_com_organisations_dr_foster_limited_.txt": (1, 50),
    "theysolditanyway_com_organisations_institute_of_cancer_research_.txt": (1, 28),
    "theysolditanyway_com_organisations_leeds_teaching_hospitals_nhs_trust.txt": (1, 45),
    "theysolditanyway_com_organisations_london_school_of_hygiene_and_tropical_medicine.txt": (1, 47),
    "theysolditanyway_com_organisations_newcastle_university.txt": (2, 51),
    SCOTLAND: (1, 33),
    "theysolditanyway_com_organisations_nhs_greater_manchester_integrated_care_board.txt": (1, 49),
    "theysolditanyway_com_organisations_nottingham_university_hospitals_nhs_trust.txt": (1, 39),
    "theysolditanyway_com_organisations_office_for_health_improvement_and_disparities.txt": (1, 33),
    "theysolditanyway_com_organisations_office_for_national_statistics.txt": (1, 45),
    "theysolditanyway_com_organisations_our_future_health_.txt": (1, 50),
    "theysolditanyway_com_organisations_telstra_health_uk_limited_.txt": (1, 45),
    "theysolditanyway_com_organisations_the_royal_college_of_surgeons_of_england_.txt": (1, 51),
    "theysolditanyway_com_organisations_the_university_of_manchester.txt": (0, 22),
    "theysolditanyway_com_organisations_university_of_leicester_.txt": (1, 27),
    "theysolditanyway_com_organisations_university_of_nottingham_.txt": (1, 41),
    "theysolditanyway_com_organisations_university_of_oxford.txt": (1, 47),
    "theysolditanyway_com_organisations_university_of_sheffield_.txt": (1, 47),
    "theysolditanyway_com_organisations_wellcome_sanger_institute_.txt": (1, 37),
    "www_theysolditanyway_com_organisations_iqvia_ltd_.txt": (1, 40),
    "www_theysolditanyway_com_organisations_royal_college_of_anaesthetists_.txt": (1, 28),
    "www_theysolditanyway_com_organisations_university_hospitals_bristol_and_weston_nhs_foundation_trust_.txt":
        (1, 46),
    "www_theysolditanyway_com_organisations_university_of_aberdeen_.txt": (3, 80),
    "www_theysolditanyway_com_organisations_university_of_birmingham_.txt": (1, 45),
}


def _read(name: str):
    path = REAL / name
    return parse_bytes(path.read_bytes(), str(path))


def test_the_corpus_is_the_one_pinned_here():
    assert sorted(path.name for path in REAL.glob("*.txt")) == sorted(EXPECTED)


def test_sources_say_which_pages_are_cut():
    with open(REAL / "SOURCES.tsv", newline="", encoding="utf-8") as handle:
        rows = {row[0]: row[4] for row in csv.reader(handle, delimiter="\t") if row}
    assert {name for name, cut in rows.items() if not cut.startswith("yes")} == {SCOTLAND}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_real_page(name):
    document = _read(name)
    projects, line = EXPECTED[name]
    assert len(document.projects) == projects
    assert [(p.code, p.span.line) for p in document.problems] == [("DRL903", line)]
    assert document.truncated
    if document.projects:
        assert document.problems[0].project is document.projects[-1]
    check_coverage(document.source, document)


def test_complete_scotland_page_is_a_known_false_positive():
    # The Scotland page is whole (SOURCES.tsv: "no (complete page, 958 bytes)"), but its last line is
    # a headingless objectives block without a full stop, "To provide data for Scottish research".
    # From the page alone that cannot be told apart from a cut: the cut pages also break off at a
    # word end (the 2016 Birmingham page ends "Data: ", Greater Manchester ends "Risk stratificatio",
    # Wellcome ends inside a headingless block too), and neither the length of the line, a final line
    # break (no seed ends with one) nor the page's own vocabulary ("research" occurs nowhere else on it)
    # separates them. The DRL903 documentation lists this as its known false positive; pin it here so
    # that a change of the heuristic is a deliberate one.
    document = _read(SCOTLAND)
    (problem,) = document.problems
    assert (problem.code, problem.span.line, problem.message) == (
        "DRL903", 33, "truncated project DARS-NIC-148050-WYFD5: the last line of its headingless objectives text "
                      "breaks off mid-sentence")
    (project,) = document.projects
    assert [(s.key.value, s.inferred) for s in project.sections] == [("datasets", True), ("objectives", True)]
    assert [d.text for d in project.datasets] == ["MRIS - Scottish NHS / Registration"]


def test_cut_inside_the_index_list():
    document = _read("theysolditanyway_com_organisations_the_university_of_manchester.txt")
    assert document.projects == () and document.file_count is None
    assert len(document.index) == 20
    assert document.index[-1].title == "The Norfolk Arthritis Register (NOAR) a longitudinal observational stu"
    assert document.problems[0].message == "truncated page: it ends before its first project"


def test_cut_inside_a_field_value():
    document = _read("theysolditanyway_com_organisations_newcastle_university.txt")
    first, second = document.projects
    assert first.value(FieldKey.LEGAL_BASIS).items == ()  # "Legal basis:" empty (MR943)
    when = second.value(FieldKey.WHEN)
    assert not when.well_formed and when.note.text == "DSA runs 2019-02-01 —"
    assert document.problems[0].message == ("truncated project DARS-NIC-204646-B9G2N: it ends among the project's "
                                            "fields, before any section")


def test_2016_page():
    document = _read("dataregister_medconfidential_org_organisation_university_of_birmingham.txt")
    (project,) = document.projects
    assert project.heading is None and project.reference == "DARS-NIC-147797-45YHZ-v0.0"
    assert [f.label for f in project.fields] == ["Opt outs honoured", "Basis", "Format", "How often", "When",
                                                 "HSCIC Id"]
    assert project.datasets[-1].text == "" and project.datasets[0].text == "MRIS - Cause of Death Report"
    assert document.organisation.name == "University of Birmingham"


def test_compact_page_with_index_and_system_access():
    document = _read("theysolditanyway_com_organisations_office_for_health_improvement_and_disparities.txt")
    assert [(e.title, e.system_access) for e in document.index] == [
        ("DHSC Data Sharing Agreement managed by OHID.", True),
        ("Understanding COVID-19, its trends and risks to public health, and controlling and preventing the spread "
         "of COVID-19", False)]
    (project,) = document.projects
    assert project.title == document.index[0].title
    assert project.field(FieldKey.ACCESS_METHOD).continuation is not None
    assert project.datasets[-1].text == "National Child Measurem"


@pytest.mark.parametrize("name, keys", [
    (SCOTLAND, [("datasets", True), ("objectives", True)]),
    ("theysolditanyway_com_organisations_wellcome_sanger_institute_.txt", [("datasets", True), ("objectives", True)]),
    ("theysolditanyway_com_organisations_nhs_greater_manchester_integrated_care_board.txt",
     [("datasets", False), ("expected_benefits", False)]),
    ("www_theysolditanyway_com_organisations_university_of_aberdeen_.txt", [("datasets", False), ("outputs", False),
                                                                           ("processing", False)]),
])
def test_missing_and_absent_sections(name, keys):
    project = _read(name).projects[-1]
    assert [(s.key.value, s.inferred) for s in project.sections] == keys
