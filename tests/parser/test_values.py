"""Field values (FORMAT.md section 11): every When shape, opt-out, legal-basis and Purposes oddity, and
the Sensitive / Access method / Data-controller / Sublicensing / Type of data variants."""

from __future__ import annotations

import pytest
from parser_helpers import fixture, problems, texts

from dreg_lint.model import FieldKey, OptOutStatus

Y, N, I, A, P, U, E, O = (OptOutStatus.YES, OptOutStatus.NO, OptOutStatus.IDENTIFIABLE, OptOutStatus.ANONYMISED,
                          OptOutStatus.PSEUDONYMISED, OptOutStatus.UNKNOWN, OptOutStatus.EMPTY, OptOutStatus.OTHER)


def _value(name: str, number: int, key: FieldKey):
    return fixture(name).projects[number - 1].value(key)


@pytest.mark.parametrize("name", ["when_shapes.txt", "opt_outs.txt", "legal_basis.txt", "purposes.txt"])
def test_value_pages_have_no_structural_problems(name):
    doc = fixture(name)
    assert problems(doc) == []
    assert all(p.title.startswith(("When shape", "Case")) for p in doc.projects)


# When ---------------------------------------------------------------------------------------------


def _d(date):
    return None if date is None else (date.text, date.year, date.month, date.day, date.or_before)


def _p(period):
    return None if period is None else (_d(period.start), _d(period.end))


WHEN_SHAPES = [
    # (agreement, release, note, final dot, well formed)
    (1, (("2019-06-08", 2019, 6, 8, False), ("2022-06-07", 2022, 6, 7, False)),
     (("2018.06", 2018, 6, None, False), ("2021.03", 2021, 3, None, False)), None, True, True),
    (2, (("2021-02-11", 2021, 2, 11, False), ("2022-02-10", 2022, 2, 10, False)), None, None, False, True),
    (3, (("2018-12", 2018, 12, None, False), ("2021-11", 2021, 11, None, False)),
     (("2018.06", 2018, 6, None, False), ("2021.05", 2021, 5, None, False)), None, True, True),
    (4, (("2023-11-27", 2023, 11, 27, False), ("2026-11-26", 2026, 11, 26, False)), None,
     "breached contract — audit report.", False, True),
    (5, (("2024-02-05", 2024, 2, 5, False), ("2027-02-04", 2027, 2, 4, False)), None,
     "breached contract (and anonymisation code) — audit report.", False, True),
    (6, (("2024-12", 2024, 12, None, False), ("2025-12", 2025, 12, None, False)),
     (("2025.01", 2025, 1, None, False), ("2025.01", 2025, 1, None, False)),
     "breached contract — audit report.", True, True),
    (7, None, (("2016.04", 2016, 4, None, False), ("2016.08", 2016, 8, None, False)), None, True, True),
    (8, None, (("2016/12", 2016, 12, None, False), ("2017/02", 2017, 2, None, False)), None, True, True),
    (9, None, (("2016/04", 2016, 4, None, True), ("2016/11", 2016, 11, None, False)), None, True, True),
    (10, None, (("2016/04", 2016, 4, None, True), ("2018/05", 2018, 5, None, False)),
     "breached contract — audit report.", True, True),
    (11, None, (("unknown", None, None, None, False), ("11/2016", 2016, 11, None, False)), None, False, True),
    (12, None, (("2017.06", 2017, 6, None, False), ("2017.05", 2017, 5, None, False)), None, True, True),
    (13, (("2019-08-01", 2019, 8, 1, False), ("2020-07-31", 2020, 7, 31, False)),
     (("2018.06", 2018, 6, None, False), ("2021.05", 2021, 5, None, False)), None, True, True),
    (14, None, (("2019/06", 2019, 6, None, False), ("2019/06", 2019, 6, None, False)), None, True, True),
    (15, (("2019-06-08", 2019, 6, 8, False), ("2022-06-07", 2022, 6, 7, False)),
     (("2018.06", 2018, 6, None, False), ("2021.03", 2021, 3, None, False)), None, False, True),
    # a note alone is not a When value; an empty value; a hyphen where an em dash belongs
    (16, None, None, "sometime in 2019", False, False),
    (17, None, None, None, False, False),
    (18, None, None, "2016.04 - 2016.08.", False, False),
]


@pytest.mark.parametrize("number, agreement, release, note, final_dot, well_formed", WHEN_SHAPES,
                         ids=[f"shape{shape[0]}" for shape in WHEN_SHAPES])
def test_when_shapes(number, agreement, release, note, final_dot, well_formed):
    when = _value("when_shapes.txt", number, FieldKey.WHEN)
    assert _p(when.agreement) == agreement
    assert _p(when.release) == release
    assert (when.note.text if when.note else None) == note
    assert when.final_dot is final_dot
    assert when.well_formed is well_formed


def test_when_spans_point_at_their_text():
    doc = fixture("when_shapes.txt")
    text = doc.source
    when = doc.projects[3].value(FieldKey.WHEN)
    assert text[when.agreement.start.span.start:when.agreement.end.span.end] == "2023-11-27 — 2026-11-26"
    assert (when.note.span.line, when.note.span.column) == (17, 39)
    assert text[when.note.span.start:when.note.span.end] == "breached contract — audit report."
    field = doc.projects[7].field(FieldKey.WHEN)
    assert field.raw == " 2016/12 — 2017/02." and field.value_span.column == 6  # "When: " with a space


# Opt outs honoured ----------------------------------------------------------------------------------

OPT_OUTS = [
    # number: tokens (text, status, reason, glued), basis items or None, excuses
    (1, [("Identifiable", I, None, False), ("No", N, None, False)], ["Consent (Reasonable Expectation)"], False),
    (2, [("No", N, None, False)],
     ["Mixed", "Does not include the flow of confidential data",
      "Statutory exemption to flow confidential data without consent", "", ""], False),
    (3, [("N", N, None, False)], [], False),
    (4, [("Identifiable", I, None, False)], ["", ""], False),
    (5, [("Yes - patient objections upheld", Y, "patient objections upheld", False), ("N", N, None, False),
         ("Identifiable", I, None, False), ("Yes", Y, None, False)], ["", ""], False),
    (6, [("No - consent provided by participants of research stud", N,
          "consent provided by participants of research stud", True),
         ("Yes - patient objections upheld", Y, "patient objections upheld", True),
         ("Anonymised - ICO Code Compliant", A, None, False), ("N", N, None, False)], ["Mixed"], False),
    (7, [("No - PHE has been granted specific exemptions from national data opt outs by the Secretary of State "
          "in recognition of its national role in protecting and improving public health.", N,
          "PHE has been granted specific exemptions from national data opt outs by the Secretary of State in "
          "recognition of its national role in protecting and improving public health.", False),
         ("Yes", Y, None, False)], None, False),
    (8, [("Identifiable", I, None, False)], None, False),
    (9, [("unknown", U, None, False)], None, False),
    (10, [("Yes - patient objections upheld", Y, "patient objections upheld", False)], ["Section 251"], False),
    (11, [("Pseudonymised", P, None, False), ("Y", Y, None, False)], None, False),
    (12, [("Maybe (Section 251", O, None, False)], None, False),  # unbalanced: no trailing group
    (13, [("Y", Y, None, False), ("N", N, None, False)], [], True),
    (14, [], None, False),
    (15, [("Y", Y, None, False), ("", E, None, False), ("N", N, None, False)], None, False),
]


@pytest.mark.parametrize("number, tokens, basis, excuses", OPT_OUTS, ids=[f"case{c[0]}" for c in OPT_OUTS])
def test_opt_outs(number, tokens, basis, excuses):
    value = _value("opt_outs.txt", number, FieldKey.OPT_OUTS)
    assert [(t.text, t.status, t.reason, t.glued) for t in value.tokens] == tokens
    assert texts(value.basis) == basis
    assert value.excuses is excuses


def test_opt_out_spans():
    doc = fixture("opt_outs.txt")
    text = doc.source
    glued = doc.projects[5].value(FieldKey.OPT_OUTS)
    assert [text[t.span.start:t.span.end] for t in glued.tokens][:2] == [
        "No - consent provided by participants of research stud", "Yes - patient objections upheld"]
    assert texts(glued.head) == ["No - consent provided by participants of research studYes - patient objections "
                                 "upheld", "Anonymised - ICO Code Compliant", "N"]
    empty = doc.projects[3].value(FieldKey.OPT_OUTS).basis
    # empty items are zero-width, at the separator or ")" that ends them: "Identifiable (, )" on line 17
    assert [(i.span.line, i.span.column, i.span.start == i.span.end, i.separator) for i in empty.items] == [
        (17, 34, True, ""), (17, 36, True, ",")]
    assert text[empty.span.start:empty.span.end] == "(, )"
    middle = doc.projects[14].value(FieldKey.OPT_OUTS).tokens[1]
    assert (middle.span.line, middle.span.column, middle.span.end_column) == (61, 23, 23)


# Legal basis -------------------------------------------------------------------------------------

LEGAL_BASIS = [
    (1, [("", ""), (",", "Other-NHS Regulatons (3)"),
         (";", "Section 42(4) of the Statistics and Registration Service Act (2007)")]),
    (2, [("", "Health and Social Care Act 2012 - s261 - 'Other dissemination of information'"), (",", ""),
         (",", "Health and Social Care Act 2012 – s261(2)(a)")]),
    (3, [("", "Health and Social Care Act 2012 – s261(2)(c)"), (",", "")]),
    (4, [("", "National Health Service Act 2006 - s251 - 'Control of patient information'."),
         (",", "Health and Social Care Act 2012")]),
    (5, [("", "Other-(section 45C of the SRSA 2007, as amended by the Digital Economy Act (2017))"),
         (",", "Other-(Section 45a of the Statistics and Registration Service Act (2007) as amended by the Digital "
               "Economy Act (2017)")]),
    (6, [("", "Health and Social Care Act 2012 – s261(7)"), (",", "Health and Social Care Act 2012 - s261(5)(d)"),
         (",", "Health and Social Care Act 2012 s261(2)(a)"),
         (",", "Health and Social Care Act 2012  s261(1) and s261(2)(b)(ii)")]),
    (7, [("", "CV19: Regulation 3 (4) of the Health Service (Control of Patient Information) Regulations 2002")]),
    (8, []),
    (9, [("", "Health and Social Care Act 2012 – s261(7)"),
         (";", "National Health Service Act 2006 - s251 - 'Control of patient information'.")]),
    (10, [("", "Statistical Registration Service Act 2007"),
          (",", "Section 251 approval is in place for the flow of identifiable data")]),
]


@pytest.mark.parametrize("number, expected", LEGAL_BASIS, ids=[f"case{c[0]}" for c in LEGAL_BASIS])
def test_legal_basis(number, expected):
    value = _value("legal_basis.txt", number, FieldKey.LEGAL_BASIS)
    assert [(item.separator, item.text) for item in value.items] == expected


def test_legal_basis_groups_and_empty_positions():
    doc = fixture("legal_basis.txt")
    joined = doc.projects[8].value(FieldKey.LEGAL_BASIS)
    assert [g.text for g in joined.groups(",")] == [
        "Health and Social Care Act 2012 – s261(7); National Health Service Act 2006 - s251 - 'Control of "
        "patient information'."]
    leading = doc.projects[0].value(FieldKey.LEGAL_BASIS).items[0]
    assert leading.empty and (leading.span.line, leading.span.column) == (5, 14)
    empty = doc.projects[1].value(FieldKey.LEGAL_BASIS).items[1]
    assert empty.empty and (empty.span.line, empty.span.column) == (9, 93)
    trailing = doc.projects[2].value(FieldKey.LEGAL_BASIS).items[1]
    assert trailing.empty and (trailing.span.line, trailing.span.column) == (13, 59)
    assert doc.projects[7].field(FieldKey.LEGAL_BASIS).empty


# Purposes -----------------------------------------------------------------------------------------

PURPOSES = [
    (1, ["No"], None, ["Academic"], False),
    (2, ["Yes"], None, ["Supplier", "Commercial"], False),
    (3, ["No"], None, ["Clinical Commissioning Group (CCG)", "Sub ICB Location"], False),
    (4, [], None, [], True),
    (5, [], None, ["Research"], False),
    (6, ["No", "Yes"], None, ["Charity"], False),
    (7, ["Yes"], "Commissioning Support Units (CSUs) are part of NHS England (NHS E), and provide business "
                 "intelligence services, see https://example.org/csu: the units are: - North Unit - South Unit",
     ["Commissioning Support Unit (CSU)", "internal NHS transfer"], False),
    (8, [], None, None, True),
    (9, ["No"], None, None, False),
]


@pytest.mark.parametrize("number, flags, statement, sectors, empty", PURPOSES, ids=[f"case{c[0]}" for c in PURPOSES])
def test_purposes(number, flags, statement, sectors, empty):
    value = _value("purposes.txt", number, FieldKey.PURPOSES)
    assert [flag.text for flag in value.flags] == flags
    assert (value.statement.text if value.statement else None) == statement
    assert texts(value.sectors) == sectors
    assert value.empty is empty


def test_purposes_statement_is_free_text():
    project = fixture("purposes.txt").projects[6]
    assert [t.text for t in project.free_text()][0].startswith("Commissioning Support Units (CSUs)")
    statement = project.value(FieldKey.PURPOSES).statement
    assert (statement.span.line, statement.span.column) == (29, 16)


# Sensitive, Access method, Data-controller type, Sublicensing allowed, Type of data ---------------


def test_fields_misc_first_project():
    doc = fixture("fields_misc.txt")
    first = doc.projects[0]
    assert texts(first.value(FieldKey.TYPE_OF_DATA)) == [
        "Anonymised - ICO Code Compliant (note: this information not disclosed for TRE projects )"]
    assert texts(first.value(FieldKey.SENSITIVE)) == ["Non Sensitive", "Sensitive", "Non-Sensitive"]
    assert texts(first.value(FieldKey.ACCESS_METHOD)) == ["Frequent adhoc flow", "Frequent Adhoc Flow", "One-Off"]
    # controller names are split on commas (a name with a comma in it is split too)
    assert texts(first.value(FieldKey.DATA_CONTROLLERS)) == [
        "NHS HEYWOOD", "MIDDLETON AND ROCHDALE CCG", "KING'S COLLEGE LONDON", "NHS ENGLAND (QUARRY HOUSE)",
        "NHS GREATER MANCHESTER ICB - 01D"]
    assert texts(first.value(FieldKey.SUBLICENSING)) == ["No", "Yes"]
    assert first.value(FieldKey.PURPOSES).sectors.items[0].text == "Commissioning Support Unit (CSU)"
    sensitive = first.value(FieldKey.SENSITIVE).items[1]
    assert doc.source[sensitive.span.start:sensitive.span.end] == "Sensitive"


def test_fields_misc_system_access_continuation():
    second = fixture("fields_misc.txt").projects[1]
    access = second.field(FieldKey.ACCESS_METHOD)
    assert texts(access.value) == ["System Access", "Ongoing", "One-Off"]
    assert access.continuation is not None and access.continuation.span.line == 52
    assert access.value_span.end_line == 51
    assert texts(second.value(FieldKey.TYPE_OF_DATA)) == ["Pseudonymised"]
    assert texts(second.value(FieldKey.SENSITIVE)) == ["Non Sensitive", "Non-Sensitive"]
    assert texts(second.value(FieldKey.SUBLICENSING)) == ["Yes"]


def test_fields_misc_stray_note_empty_and_missing_fields():
    doc = fixture("fields_misc.txt")
    third = doc.projects[2]
    assert third.field(FieldKey.TYPE_OF_DATA).empty
    assert third.field(FieldKey.DATA_CONTROLLERS) is None
    assert third.field(FieldKey.SUBLICENSING).empty
    assert third.field(FieldKey.LEGAL_BASIS).span.line == 75
    assert [(line.span.line, line.code) for line in third.loose] == [(73, "DRL902"), (88, "DRL904")]
    assert problems(doc) == [
        ("DRL902", 73, 1, "unplaceable line: a system-access note that follows no Access method field"),
        ("DRL904", 88, 1, "unknown field label 'Legal basys:'"),
    ]
    assert all(p.project is third for p in doc.problems)
