"""One small page per page generation (FORMAT.md section 1), with exact model values."""

from __future__ import annotations

import pytest
from parser_helpers import blank, fields, fixture, fixture_text, items, lines, problems, sections, texts

from dreg_lint.model import FieldKey, OptOutStatus, SectionKey


# G0: the 2016 pages ----------------------------------------------------------------------------


def test_g0_preamble_and_footer():
    doc = fixture("g0_2016.txt")
    assert doc.header.text == "NHS Digital Data Release Register - reformatted"
    assert doc.organisation.name == "Fenland Institute of Imaginary Studies"
    assert doc.organisation.projects_suffix is False
    assert doc.file_count is None and doc.red_flag is None and doc.index == ()
    assert doc.footer.text == "Source: NHS Digital."
    assert doc.footer.span.line == 45
    assert blank(doc.blank_lines) == [2, 4]
    assert doc.line_count == 45
    assert problems(doc) == []


def test_g0_two_headingless_projects():
    doc = fixture("g0_2016.txt")
    assert len(doc.projects) == 2
    first, second = doc.projects
    assert first.heading is None and first.title is None
    assert first.reference == "DARS-NIC-147001-4ABCD-v0.0"
    assert second.reference == "DARS-NIC-58812-Z9Y8X-v0.4"
    assert (first.span.line, first.span.end_line) == (5, 26)
    assert (second.span.line, second.span.end_line) == (28, 43)
    assert first.line == 5 and second.line == 28
    assert fields(first) == [
        ("Opt outs honoured", "opt_outs", "Y"),
        ("Basis", "legal_basis", "Section 251 approval is in place for the flow of identifiable data"),
        ("Format", "format", "Identifiable Sensitive"),
        ("How often", "access_method", "Ongoing"),
        ("When", "when", "unknown — 11/2016"),
        ("HSCIC Id", "hscic_id", "DARS-NIC-147001-4ABCD-v0.0"),
    ]
    assert [f.label for f in second.fields] == ["Opt outs honoured", "Basis", "Format", "How often", "When", "HSCIC Id"]
    assert blank(first.blank_lines) == [6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 27]
    assert blank(second.blank_lines) == [29, 31, 33, 35, 37, 39, 41, 44]


def test_g0_data_lines_project_info_objective():
    first, second = fixture("g0_2016.txt").projects
    assert sections(first) == [
        ("datasets", "Data", False, 17, 21),
        ("project_info", "Project info", False, 23, 23),
        ("objectives", "Objective", False, 25, 26),
    ]
    assert items(first) == [
        (17, "Data:", "MRIS - Cause of Death Report"),
        (19, "Data:", "MRIS - Cause of Death Report"),  # duplicates are kept
        (21, "Data:", "Hospital Episode Statistics Outpatients"),
    ]
    objective = first.section(SectionKey.OBJECTIVES)
    assert objective.heading.column == 1 and objective.heading.end_column == 12  # "Objective: "
    assert lines(objective) == [
        (25, "To follow a cohort of volunteers who agreed to be flagged."),
        (26, "The flagging lets the team count deaths in the cohort."),
    ]
    assert first.section(SectionKey.PROJECT_INFO).lines == ()
    # the second project has Output: straight after its Data line, with no Project info
    assert sections(second) == [("datasets", "Data", False, 40, 40), ("outputs", "Output", False, 42, 43)]
    assert lines(second.section(SectionKey.OUTPUTS))[0] == (42, "A yearly table of admissions by district.")


def test_g0_values():
    first, second = fixture("g0_2016.txt").projects
    when = first.value(FieldKey.WHEN)
    assert when.well_formed and when.agreement is None and when.final_dot is False
    assert when.release.start.unknown and when.release.start.text == "unknown"
    assert (when.release.end.year, when.release.end.month, when.release.end.day) == (2016, 11, None)
    when = second.value(FieldKey.WHEN)
    assert (when.release.start.year, when.release.start.month) == (2015, 4)
    assert first.value(FieldKey.FORMAT).text == "Identifiable Sensitive"
    assert second.value(FieldKey.OPT_OUTS).tokens[0].status is OptOutStatus.NO


# G1 ---------------------------------------------------------------------------------------------


def test_g1_page():
    doc = fixture("g1_older.txt")
    assert problems(doc) == []
    assert doc.organisation.name == "Saltmarsh University" and not doc.organisation.projects_suffix
    assert doc.red_flag.span.line == 5 and doc.red_flag.text.startswith("🚩 Saltmarsh University received")
    assert doc.file_count is None
    assert [(p.title, p.reference, p.line) for p in doc.projects] == [
        ("Project 1", "DARS-NIC-100001-A1B2C", 7),
        ("Project 2", "DARS-NIC-100002-9ZZZZ", 47),
    ]


def test_g1_fields_and_sections():
    first, second = fixture("g1_older.txt").projects
    assert fields(first) == [
        ("Opt outs honoured", "opt_outs", "Y, N"),
        ("Sensitive", "sensitive", "Sensitive, and Non Sensitive"),
        ("When", "when", "2016/04 (or before) — 2017/02."),
        ("Repeats", "access_method", "Ongoing, One-Off"),
        ("Legal basis", "legal_basis",
         "Informed Patient consent to permit the receipt, processing and release of data by the HSCIC"),
        ("Categories", "type_of_data", "Identifiable, Anonymised - ICO code compliant"),
    ]
    assert texts(first.value(FieldKey.SENSITIVE)) == ["Sensitive", "Non Sensitive"]
    assert texts(first.value(FieldKey.ACCESS_METHOD)) == ["Ongoing", "One-Off"]
    assert texts(first.value(FieldKey.TYPE_OF_DATA)) == ["Identifiable", "Anonymised - ICO code compliant"]
    when = first.value(FieldKey.WHEN)
    assert when.release.start.or_before and not when.release.end.or_before and when.final_dot
    assert sections(first) == [
        ("datasets", "Datasets", False, 21, 24),
        ("objectives", "Objectives", False, 26, 28),
        ("yielded_benefits", "Yielded Benefits", False, 30, 32),
        ("expected_benefits", "Benefits", False, 34, 36),  # "Benefits:" is the G1 expected benefits
        ("outputs", "Outputs", False, 38, 40),
        ("processing", "Processing", False, 42, 44),
    ]
    assert items(first) == [(23, "•", "MRIS - Cause of Death Report"),
                            (24, "•", "MRIS - Cohort Event Notification Report")]
    assert blank(first.blank_lines)[-2:] == [45, 46]
    assert sections(second) == [("datasets", "Datasets", False, 61, 63), ("expected_benefits", "Benefits", False, 65, 67)]
    assert texts(second.value(FieldKey.TYPE_OF_DATA)) == ["Aggregated-Anonymised"]


def test_g1_headingless_project():
    doc = fixture("g1_headingless.txt")
    assert problems(doc) == []
    assert doc.organisation.name == "Hillside Children's Hospital NHS Foundation Trust"
    (project,) = doc.projects
    assert project.heading is None and project.reference is None and project.line == 5
    assert [f.label for f in project.fields] == ["Opt outs honoured", "Sensitive", "When", "Repeats",
                                                 "Legal basis", "Categories"]
    # Datasets: and Objectives: are both missing; two blank lines mark each missing heading
    assert sections(project) == [
        ("datasets", None, True, 18, 19),
        ("objectives", None, True, 22, 24),
        ("expected_benefits", None, True, 27, 27),
    ]
    assert items(project) == [(18, "•", "MRIS - Cause of Death Report"),
                              (19, "•", "MRIS - Flagging Current Status Report")]
    assert lines(project.sections[1]) == [
        (22, "The hospital follows up children treated for rare kidney conditions."),
        (24, "Each child is flagged so that later events are known."),
    ]
    assert all(s.heading is None for s in project.sections)


# G2 ---------------------------------------------------------------------------------------------


def test_g2_page():
    doc = fixture("g2_mid.txt")
    assert problems(doc) == []
    assert doc.organisation.name == "Csus, Ccgs" and doc.organisation.projects_suffix
    assert doc.file_count.count == 7 and doc.file_count.span.line == 5
    assert doc.red_flag.span.line == 8
    assert blank(doc.blank_lines) == [2, 4, 6, 7, 9]
    assert [(p.title, p.reference) for p in doc.projects] == [("Project 1", "CSU RS Ps/sens"),
                                                              ("Project 2", "NIC-120999-Q1W2E")]


def test_g2_empty_fields_and_type_of_data_after_datasets():
    first, second = fixture("g2_mid.txt").projects
    assert fields(first) == [
        ("Opt outs honoured", "opt_outs", "N, Y"),
        ("Legal basis", "legal_basis", "Health and Social Care Act 2012"),
        ("Purposes", "purposes", "()"),
        ("Sensitive", "sensitive", "Sensitive"),
        ("When", "when", "2016.04 — 2016.08."),
        ("Access method", "access_method", "Ongoing"),
        ("Data-controller type", "data_controllers", ""),
        ("Sublicensing allowed", "sublicensing", ""),
        ("Type of data", "type_of_data", ""),  # after the datasets, and empty
    ]
    controllers = first.field(FieldKey.DATA_CONTROLLERS)
    assert controllers.empty and controllers.raw == "" and controllers.value.items == ()
    assert first.field(FieldKey.TYPE_OF_DATA).span.line == 32
    purposes = first.value(FieldKey.PURPOSES)
    assert purposes.empty and purposes.flags == () and purposes.statement is None and purposes.sectors.items == ()
    when = first.value(FieldKey.WHEN)
    assert when.agreement is None and when.release.start.text == "2016.04" and when.release.end.month == 8
    assert sections(first) == [("datasets", "Datasets", False, 28, 30), ("objectives", "Objectives", False, 34, 36)]
    assert items(first) == [(30, "1.", "Data linkage and processing for Risk Stratification")]


def test_g2_numbered_list_past_nine():
    second = fixture("g2_mid.txt").projects[1]
    assert [(i.marker, i.text) for i in second.datasets][8:] == [
        ("9.", "Improving Access to Psychological Therapies Data Set"),
        ("10.", "Children and Young People's Health Services Data Set"),
    ]
    assert len(second.datasets) == 10
    when = second.value(FieldKey.WHEN)
    assert (when.release.start.month_key, when.release.end.month_key) == ((2017, 6), (2017, 5))  # reversed


# G3 ---------------------------------------------------------------------------------------------


def test_g3_page():
    doc = fixture("g3_blank_layout.txt")
    assert problems(doc) == []
    assert doc.organisation.name == "Northfield University"
    assert doc.file_count.count == 12 and doc.red_flag is None
    assert blank(doc.blank_lines) == [2, 4, 6, 7]
    assert [(p.title, p.reference, p.line) for p in doc.projects] == [
        ("MR101 - Lichen Survey Follow-up - Coastal Towns", "DARS-NIC-291001-S3D6R", 8),
        ("Tidal Health Study", "DARS-NIC-07205-H2D1K", 56),
        ("Estuary Cohort", "DARS-NIC-82396-W4F5T", 89),
        ("Project 4", "DARS-NIC-148050-WYFD5", 116),
    ]


def test_g3_full_project():
    first = fixture("g3_blank_layout.txt").projects[0]
    assert [f.key for f in first.fields] == [
        FieldKey.TYPE_OF_DATA, FieldKey.OPT_OUTS, FieldKey.LEGAL_BASIS, FieldKey.PURPOSES, FieldKey.SENSITIVE,
        FieldKey.WHEN, FieldKey.ACCESS_METHOD, FieldKey.DATA_CONTROLLERS, FieldKey.SUBLICENSING]
    assert sections(first) == [
        ("datasets", "Datasets", False, 28, 31),
        ("objectives", "Objectives", False, 33, 38),
        ("yielded_benefits", "Yielded Benefits", False, 40, 40),
        ("expected_benefits", "Expected Benefits", False, 42, 44),
        ("outputs", "Outputs", False, 46, 48),
        ("processing", "Processing", False, 50, 52),
    ]
    assert lines(first.section(SectionKey.OBJECTIVES)) == [
        (35, "The team studies long-term health of survey volunteers."),
        (37, "A second paragraph explains the linkage."),
        (38, "A third line follows without a gap."),
    ]
    assert first.section(SectionKey.YIELDED_BENEFITS).lines == ()
    assert not first.section(SectionKey.YIELDED_BENEFITS).has_text
    # the three blank lines before the next project belong to this one
    assert blank(first.blank_lines)[-3:] == [53, 54, 55]


def test_g3_placeholder_blank_lines():
    second = fixture("g3_blank_layout.txt").projects[1]
    # Data-controller type: is missing: Access method (70), two blank lines, Sublicensing allowed (73)
    assert [f.span.line for f in second.fields][-2:] == [70, 73]
    assert second.field(FieldKey.DATA_CONTROLLERS) is None
    # Datasets: and Objectives: are missing, Expected Benefits: is there
    assert sections(second) == [
        ("datasets", None, True, 76, 77),
        ("objectives", None, True, 80, 82),
        ("expected_benefits", "Expected Benefits", False, 84, 86),
    ]
    assert items(second) == [(76, "1.", "SUS for Commissioners"), (77, "2.", "Mental Health Services Data Set")]
    assert lines(second.sections[1]) == [(80, "Invoice Validation"), (82, "Payments are checked against records.")]
    when = second.value(FieldKey.WHEN)
    assert when.release is None and when.final_dot is False
    assert (when.agreement.start.year, when.agreement.start.month, when.agreement.start.day) == (2021, 2, 11)


def test_g3_no_type_of_data_and_datasets_then_outputs():
    third = fixture("g3_blank_layout.txt").projects[2]
    assert third.field(FieldKey.TYPE_OF_DATA) is None
    assert sections(third) == [("datasets", "Datasets", False, 107, 109), ("outputs", "Outputs", False, 111, 113)]
    purposes = third.value(FieldKey.PURPOSES)
    assert purposes.flags == () and texts(purposes.sectors) == ["Research"] and not purposes.empty


def test_g3_headingless_blocks_after_placeholder():
    fourth = fixture("g3_blank_layout.txt").projects[3]
    assert sections(fourth) == [
        ("datasets", None, True, 137, 137),
        ("objectives", None, True, 140, 140),
        ("expected_benefits", None, True, 143, 143),
        ("outputs", None, True, 146, 146),
    ]


# G4 ---------------------------------------------------------------------------------------------


def test_g4_preamble_and_index():
    doc = fixture("g4_compact.txt")
    assert problems(doc) == []
    assert doc.blank_lines == () and all(p.blank_lines == () for p in doc.projects)
    assert doc.file_count.count == 24 and doc.file_count.span.line == 6
    assert [(e.span.line, e.title, e.system_access) for e in doc.index] == [
        (3, "Harbour Data Sharing Agreement managed by HHA.", True),
        (4, "Project 2", False),
        (5, "4CHILD - Growth study: phase 2? (ODR1920_097)", False),
    ]
    assert doc.index[0].text == '- Harbour Data Sharing Agreement managed by HHA. (partially via "system access")'
    # the heading omits the suffix the index carries
    assert [p.title for p in doc.projects] == [
        "Harbour Data Sharing Agreement managed by HHA.", "Project 2",
        "4CHILD - Growth study: phase 2? ( ODR1920_097 )"]
    assert [p.line for p in doc.projects] == [7, 34, 49]


def test_g4_first_project():
    first = fixture("g4_compact.txt").projects[0]
    assert [f.label for f in first.fields] == [
        "Opt outs honoured", "Legal basis", "Purposes", "Sensitive", "When", "Access method",
        "Data-controller type", "Sublicensing allowed", "AGD/predecessor discussions", "Type of data"]
    opt = first.value(FieldKey.OPT_OUTS)
    assert opt.excuses is True
    assert [(t.text, t.status) for t in opt.tokens] == [
        ("N", OptOutStatus.NO), ("Y", OptOutStatus.YES),
        ("No - data flow is not identifiable", OptOutStatus.NO),
        ("Yes - patient objections upheld", OptOutStatus.YES)]
    assert texts(opt.basis) == ["Section 251", "Mixed", "Does not include the flow of confidential data"]
    when = first.value(FieldKey.WHEN)
    assert [d.text for d in (when.agreement.start, when.agreement.end)] == ["2018-12", "2021-11"]
    assert when.agreement.start.day is None and when.agreement.end.month_key == (2021, 11)
    access = first.field(FieldKey.ACCESS_METHOD)
    assert texts(access.value) == ["Ongoing", "One-Off", "System Access"]
    assert access.continuation.span.line == 14
    assert access.continuation.text.startswith("(System access exclusively means")
    assert (access.span.line, access.span.end_line) == (13, 14)
    assert texts(first.value(FieldKey.AGD_DISCUSSIONS)) == [
        "IGARD Minutes - 10 February 2022 final.pdf", "igard-minutes-20th-june-2019---final.pdf"]
    type_of_data = first.field(FieldKey.TYPE_OF_DATA)
    assert type_of_data.span.line == 21 and texts(type_of_data.value) == ["Identifiable"]
    assert texts(first.value(FieldKey.LEGAL_BASIS)) == ["Health and Social Care Act 2012  s261(1) and s261(2)(b)(ii)"]


def test_g4_sections_and_dash_lines_in_objectives():
    first = fixture("g4_compact.txt").projects[0]
    assert sections(first) == [
        ("datasets", "Datasets", False, 18, 20),
        ("objectives", "Objectives", False, 22, 26),
        ("yielded_benefits", "Yielded Benefits", False, 27, 27),
        ("expected_benefits", "Expected Benefits", False, 28, 29),
        ("outputs", "Outputs", False, 30, 31),
        ("processing", "Processing", False, 32, 33),
    ]
    assert items(first) == [(19, "-", "Civil Registrations of Death - Secondary Care Cut"),
                            (20, "-", "Emergency Care Data Set (ECDS)")]
    # "- " lines inside Objectives look like dataset items: the heading says they are text
    assert lines(first.section(SectionKey.OBJECTIVES)) == [
        (23, "The agency needs:"), (24, "- Secondary Uses Service (SUS+)"), (25, "o Acute"), (26, "o Outpatients")]


def test_g4_month_when_and_datasets_followed_by_prose():
    second, third = fixture("g4_compact.txt").projects[1:]
    when = second.value(FieldKey.WHEN)
    assert (when.agreement.start.month_key, when.agreement.end.month_key) == ((2025, 7), (2028, 7))
    assert (when.release.start.month_key, when.release.end.month_key) == ((2025, 8), (2025, 8))
    assert texts(second.value(FieldKey.OPT_OUTS).basis) == ["Section 251 NHS Act 2006"]
    # compact page: a dataset list directly followed by prose, with no Objectives: heading
    assert sections(third) == [("datasets", "Datasets", False, 59, 61), ("objectives", None, True, 62, 63)]
    assert items(third) == [(60, "-", "Maternity Services Data Set"), (61, "-", "Mental Health Services Data Set")]
    assert lines(third.sections[1]) == [(62, "Children's growth is compared across two birth cohorts."),
                                        (63, "The comparison uses height records only.")]


# Mixed generations ------------------------------------------------------------------------------


def test_mixed_generations():
    doc = fixture("mixed_generations.txt")
    assert problems(doc) == []
    first, second, third = doc.projects
    when = first.value(FieldKey.WHEN)
    assert when.release is None and when.note.text == "breached contract — audit report." and when.well_formed
    # a headed dataset list, two blank lines, then a text block with no heading
    assert sections(first) == [
        ("datasets", "Datasets", False, 27, 29),
        ("objectives", None, True, 32, 32),
        ("expected_benefits", "Expected Benefits", False, 34, 36),
    ]
    # G2-style project on a G3 page
    assert second.title == "Project 2" and second.value(FieldKey.PURPOSES).empty
    assert second.value(FieldKey.OPT_OUTS).basis.items == ()
    assert blank(second.blank_lines)[-2:] == [67, 68]
    # G1 labels on the same page
    assert [f.label for f in third.fields] == ["Opt outs honoured", "Sensitive", "When", "Repeats", "Legal basis",
                                               "Categories"]
    when = third.value(FieldKey.WHEN)
    assert when.release.start.or_before and when.note.text == "breached contract — audit report."
    assert third.reference == "NIC-400200-N3P4Q"
    assert items(third) == [(85, "•", "MRIS - Cause of Death Report")]


@pytest.mark.parametrize("name", ["g0_2016.txt", "g1_older.txt", "g1_headingless.txt", "g2_mid.txt",
                                  "g3_blank_layout.txt", "g4_compact.txt", "mixed_generations.txt"])
def test_project_spans_start_at_the_heading_or_first_field(name):
    doc = fixture(name)
    text = fixture_text(name)
    for project in doc.projects:
        first = project.heading.span if project.heading else project.fields[0].span
        assert (project.span.start, project.span.line) == (first.start, first.line)
        assert text[project.span.start:project.span.end].rstrip().endswith(project.sections[-1].lines[-1].text)
