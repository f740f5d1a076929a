"""Project headings of every form (FORMAT.md section 8) and free text that looks like structure
(section 10): list-like and label-like lines stay text."""

from __future__ import annotations

from parser_helpers import fixture, lines, problems, sections

from dreg_lint.model import SectionKey


HEADINGS = [
    ("MR943 - SD89/SD21 - Cancer In Young People - North And North West Regions", "DARS-NIC-291940-S3D6R"),
    ("SWL ICB Population Health Benchmarking", "NIC-791919-T4Y0Y"),
    ("Project 1", "DARS-NIC-148050-WYFD5"),
    ("Project 3", "NIC-120064-Z5S8S"),
    ("Project 1", "PHECancerReg"),
    ("Project 2", "CSU RS Id/sens"),
    ("A Study of Cardiovascular Events iN Diabetes – PLUS (ASCEND PLUS) - Recruitment agreement",
     "DARS-NIC-655024-S2H5Q"),
    ("Renal outcomes: who benefits? ( ODR1718_153 ); phase 2 & 'extension' / follow-up", "DARS-NIC-123456-3SSRF"),
    ("HES data for all CSUs and NHS England NIC-371243-H1P5T-2019/20", "DARS-NIC-371243-H1P5T"),
    ("DHSC Data Sharing Agreement managed by OHID.", "DARS-NIC-635697-P0C5M"),
    ("NHS CHESHIRE AND MERSEYSIDE INTEGRATED CARE BOARD - IV, RS & Comm", "DARS-NIC-12345-45YHZ"),
    ("Alpha — Beta follow-up", "DARS-NIC-222222-2XMLG"),  # split on the last em dash
    ("Versioned agreement", "DARS-NIC-147797-45YHZ-v0.4"),  # trailing spaces after the reference
]


def test_heading_forms():
    doc = fixture("headings.txt")
    assert problems(doc) == []
    assert [(p.title, p.reference) for p in doc.projects] == HEADINGS
    assert [p.line for p in doc.projects] == [5, 8, 11, 14, 17, 20, 23, 26, 29, 32, 35, 38, 42]


def test_heading_spans():
    doc = fixture("headings.txt")
    text = doc.source
    for project in doc.projects:
        heading = project.heading
        assert text[heading.title.span.start:heading.title.span.end] == heading.title.text
        assert text[heading.reference.span.start:heading.reference.span.end] == heading.reference.text
        assert text[heading.title.span.end:heading.reference.span.start] == " \u2014 "
        assert project.reference_span == heading.reference.span
    last = doc.projects[-1].heading
    assert (last.span.column, last.span.end_column) == (1, 51)  # the trailing spaces belong to the line
    assert (last.reference.span.column, last.reference.span.end_column) == (23, 49)


def test_a_bare_reference_needs_a_project_number():
    twelfth = fixture("headings.txt").projects[11]
    assert lines(twelfth.section(SectionKey.OBJECTIVES)) == [(40, "Twelve."), (41, "Not a heading — PHECancerReg")]


def test_index_entry_names_the_first_project():
    doc = fixture("headings.txt")
    assert [e.title for e in doc.index] == [doc.projects[0].title]


def test_free_text_keeps_list_like_and_label_like_lines():
    doc = fixture("free_text.txt")
    assert problems(doc) == []
    (project,) = doc.projects
    assert sections(project) == [
        ("datasets", "Datasets", False, 28, 30),
        ("objectives", "Objectives", False, 32, 58),
        ("expected_benefits", "Expected Benefits", False, 60, 63),
        ("outputs", "Outputs", False, 65, 68),
        ("processing", "Processing", False, 70, 73),
    ]
    assert len(project.datasets) == 1
    assert [f.label for f in project.fields] == [
        "Type of data", "Opt outs honoured", "Legal basis", "Purposes", "Sensitive", "When", "Access method",
        "Data-controller type", "Sublicensing allowed"]
    assert lines(project.section(SectionKey.OBJECTIVES)) == [
        (34, "Objective for processing:"),
        (35, "1. Count admissions."),
        (36, "1) Compare regions."),
        (37, "(a) by age"),
        (38, "a) by sex"),
        (39, "iii. by year"),
        (40, "- a dash line"),
        (41, "o a sub-bullet"),
        (42, "• a bullet"),
        (43, "> a quoted line"),
        (44, ">a quoted line without a space"),
        (45, "§ a section sign"),
        (46, "· a middle dot"),
        (47, "The team will use:• the admission dates"),
        (48, "  2. an indented numbered line"),
        (49, "SEGREGATION:"),
        (50, "Previous outputs:"),
        (51, "THE AIM OF THE TRIAL"),
        (52, "BACKGROUND:"),
        (53, "Output: this line reads like a 2016 output label but is prose."),
        (54, "Objective: so does this one."),
        (55, "Data: minimisation is applied to every extract."),
        (56, "Project info"),
        (57, "Processing activities:"),
        (58, "Expected measurable benefits to health and/or social care including target date:"),
    ]
    assert lines(project.section(SectionKey.EXPECTED_BENEFITS)) == [
        (62, "Further expected benefits include:"), (63, "- shorter waits")]
    assert lines(project.section(SectionKey.OUTPUTS)) == [(67, "Planned outputs:"), (68, "1. A paper.")]
    assert lines(project.section(SectionKey.PROCESSING)) == [
        (72, "PROCESSING CONDITIONS:"), (73, "Nothing leaves the safe setting.")]
    free = [t.text for t in project.free_text()]
    assert free[0] == "Objective for processing:" and free[-1] == "Nothing leaves the safe setting."
