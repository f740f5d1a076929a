"""A hypothesis generator of valid register pages, and the model each page must parse back to.

A page is drawn as a description first (generation, layout, preamble, projects with their fields and
sections, which headings and fields are left out), then rendered the way real pages render it:

* G0 (2016): bare organisation name, headingless projects of ``Opt outs honoured`` / ``Basis`` /
  ``Format`` / ``How often`` / ``When: `` / ``HSCIC Id`` and ``Data:`` lines, then ``Project info``
  and an inline ``Objective:``/``Output:`` paragraph, optional ``Source: NHS Digital.`` footer;
* G1: bare organisation name, optional flag, ``Project N — REF`` headings (the first project may have
  none), Repeats/Categories, ``  • `` bullets, ``Benefits:``;
* G2/G3: "X projects", file-count line, optional flag, ``  N. `` lists, blank-line layout with 1-3
  blank lines and a placeholder blank line where a field or a Datasets/Objectives heading is left out;
* G4: compact (no blank lines), optional project index list, ``- `` lists, ``(Excuses: …)``, AGD line,
  en-dash month ``When``, ``Type of data`` after the datasets; G2-style projects mixed in.

Every page ends with a finished sentence (or the 2016 footer), so a correct parse reports no
structural problem at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import strategies as st

from dreg_lint.model import SectionKey

# ---------------------------------------------------------------------------------------------------
# Words and values

_FIRST = ["Study", "Audit", "Renal", "Cohort", "Harbour", "Tidal", "North", "DSfC", "MR943", "Linked",
          "Heart", "Lung", "Survey", "Regional", "Cancer", "Child", "Mental", "Ward", "Quality", "Rapid"]
_WORDS = ["of", "the", "and", "data", "health", "care", "outcomes", "in", "young", "people", "trial",
          "follow-up", "records", "linkage", "registry", "ICB", "CCG", "(ODR1920_097)", "phase", "2",
          "waiting", "times", "émigré", "Child’s", "“quoted”", "café", "naïve", "x͞y", "§", "·", "55–80",
          "risk", "stratification", "invoice", "validation", "services", "HES", "SUS+", "A&E", "v1.5"]
_JOINERS = [" ", " ", " ", " ", " - ", " – ", ": ", "? ", " & ", "/", "; ", ", "]
_ORG_WORDS = ["University", "Trust", "Institute", "Agency", "Council", "Centre", "Unit", "Board",
              "Hospital", "College", "King's", "(cprd)", "Ccg", "ICB - 02a", "Foundation", "Csus,"]
_END = [".", ".", "!", "?", ")", ".\u201d"]

OPT_OUTS = [
    "Y", "N", "Y, N", "N, Y", "Identifiable", "Yes - patient objections upheld (Section 251)",
    "Identifiable, No (Consent (Reasonable Expectation))",
    "No - data flow is not identifiable (Does not include the flow of confidential data)",
    "No (Mixed, Does not include the flow of confidential data, , )", "N ()", "Identifiable (, )",
    "No - consent provided by participants of research studYes - patient objections upheld, N (Mixed)",
    "Anonymised - ICO Code Compliant, Identifiable, No (Mixture of confidential data flow(s) with consent)",
]
OPT_OUTS_G4 = ["Yes (Excuses: Section 251 NHS Act 2006)", "No (Excuses: Does not include the flow of confidential data)",
               "N, Y, No - data flow is not identifiable, Yes - patient objections upheld (Excuses: Section 251, Mixed)"]
LEGAL_BASIS = [
    "Health and Social Care Act 2012", "Section 251 approval is in place for the flow of identifiable data",
    "Health and Social Care Act 2012 – s261(7); National Health Service Act 2006 - s251 - 'Control of patient information'.",
    ", Other-NHS Regulatons (3); Section 42(4) of the Statistics and Registration Service Act (2007)",
    "Health and Social Care Act 2012 - s261 - 'Other dissemination of information', , Health and Social Care Act 2012 – s261(2)(a)",
    "Health and Social Care Act 2012 – s261(2)(c),", "Health and Social Care Act 2012  s261(1) and s261(2)(b)(ii)",
    "Other-(section 45C of the SRSA 2007, as amended by the Digital Economy Act (2017)), Other-(Section 45a of the Statistics Act (2007)",
    "CV19: Regulation 3 (4) of the Health Service (Control of Patient Information) Regulations 2002", "",
]
PURPOSES = ["No (Academic)", "Yes (Supplier, Commercial)", "()", "(Research)", "No, Yes (Charity)",
            "No (Clinical Commissioning Group (CCG), Sub ICB Location)",
            "Yes, Commissioning Support Units (CSUs) provide services: - North Unit - South Unit (Commissioning Support Unit (CSU))"]
SENSITIVE = ["Sensitive", "Non-Sensitive", "Non Sensitive", "Sensitive, and Non-Sensitive",
             "Non Sensitive, and Sensitive, and Non-Sensitive"]
ACCESS = ["One-Off", "Ongoing", "Ongoing, One-Off", "Frequent adhoc flow, Frequent Adhoc Flow, One-Off"]
SYSTEM_ACCESS = ["System Access", "Ongoing, One-Off, System Access", "System Access, Ongoing, One-Off"]
ACCESS_NOTE = ("(System access exclusively means data was not disseminated, but was accessed under supervision "
               "on NHS Digital's systems)")
CONTROLLERS = ["NHS ENGLAND (QUARRY HOUSE)", "KING'S COLLEGE LONDON", "NHS GREATER MANCHESTER ICB - 01D",
               "NHS HEYWOOD, MIDDLETON AND ROCHDALE CCG, NHS GREATER MANCHESTER ICB - 01D", "GENOME RESEARCH LIMITED"]
SUBLICENSING = ["No", "Yes", "No, Yes"]
TYPE_OF_DATA = ["information not disclosed for TRE projects", "Pseudonymised", "Identifiable",
                "Anonymised - ICO Code Compliant",
                "Anonymised - ICO Code Compliant (note: this information not disclosed for TRE projects )"]
CATEGORIES = ["Identifiable", "Anonymised - ICO code compliant", "Aggregated-Anonymised",
              "Identifiable, Anonymised - ICO code compliant"]
AGD = ["IGARD Minutes - 10 February 2022 final.pdf, igard-minutes-20th-june-2019---final.pdf",
       "AGD minutes - 12th February 2026 - final.pdf"]
FORMAT = ["Identifiable Sensitive", "Identifiable Non Sensitive", "Anonymised - ICO code compliant Sensitive"]
DATASETS = ["SUS for Commissioners", "Civil Registration - Deaths", "HES:Civil Registration (Deaths) bridge",
            "Hospital Episode Statistics Admitted Patient Care", "MRIS - Scottish NHS / Registration",
            "Emergency Care Data Set (ECDS)", "Local Provider Data - Acute", "Maternity Services Data Set",
            "Improving Access to Psychological Therapies (IAPT) v1.5", "Children and Young People's Health Services Data Set"]
NOTES = ["breached contract — audit report.", "breached contract (and anonymisation code) — audit report."]

# ---------------------------------------------------------------------------------------------------
# The description of a page and what the parser must make of it


@dataclass
class ExpectedSection:
    key: SectionKey
    label: str | None
    inferred: bool
    items: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


@dataclass
class ExpectedField:
    label: str
    raw: str
    when: tuple | None = None  # (agreement, release, note) as tuples of (year, month, day) or None
    continuation: bool = False


@dataclass
class ExpectedProject:
    title: str | None
    reference: str | None
    fields: list[ExpectedField] = field(default_factory=list)
    sections: list[ExpectedSection] = field(default_factory=list)


@dataclass
class ExpectedPage:
    generation: str
    compact: bool
    organisation: str
    projects_suffix: bool
    index: list[tuple[str, bool]]
    file_count: int | None
    red_flag: bool
    footer: bool
    projects: list[ExpectedProject]


# ---------------------------------------------------------------------------------------------------
# Strategies for the parts


@st.composite
def sentence(draw, words: int = 8) -> str:
    first = draw(st.sampled_from(_FIRST))
    rest = draw(st.lists(st.sampled_from(_WORDS), min_size=0, max_size=words))
    return " ".join([first, *rest]) + draw(st.sampled_from(_END))


@st.composite
def title_text(draw) -> str:
    parts = [draw(st.sampled_from(_FIRST))]
    for _ in range(draw(st.integers(0, 6))):
        parts.append(draw(st.sampled_from(_JOINERS)))
        parts.append(draw(st.sampled_from(_WORDS + _FIRST)))
    title = "".join(parts)
    if draw(st.booleans()):
        title += draw(st.sampled_from([".", " — Extension", " NIC-371243-H1P5T-2019/20", " (ASCEND PLUS)"]))
    return title


@st.composite
def nic(draw, dars: bool | None = None) -> str:
    digits = draw(st.integers(10000, 999999))
    suffix = "".join(draw(st.lists(st.sampled_from("ABCDEFGHJKLMNPQRSTVWXYZ0123456789"), min_size=5, max_size=5)))
    if dars is None:
        dars = draw(st.booleans())
    return f"{'DARS-' if dars else ''}NIC-{digits}-{suffix}"


def _months(draw):
    y1 = draw(st.integers(2014, 2027))
    m1 = draw(st.integers(1, 12))
    y2 = draw(st.integers(2014, 2029))
    m2 = draw(st.integers(1, 12))
    return (y1, m1), (y2, m2)


@st.composite
def when_value(draw, generation: str) -> tuple[str, tuple]:
    """A ``When:`` value of the generation and the periods it says: (agreement, release, note)."""
    (y1, m1), (y2, m2) = _months(draw)
    if generation == "G0":
        if draw(st.booleans()):
            return f"unknown — {m2:02d}/{y2}", (None, (None, (y2, m2, None)), None)
        return f"{m1:02d}/{y1} — {m2:02d}/{y2}", (None, ((y1, m1, None), (y2, m2, None)), None)
    if generation == "G1":
        before = draw(st.booleans())
        note = draw(st.sampled_from([None, *NOTES]))
        text = f"{y1}/{m1:02d}{' (or before)' if before else ''} — {y2}/{m2:02d}."
        return text + (f" {note}" if note else ""), (None, ((y1, m1, None), (y2, m2, None)), note)
    if generation == "G2":
        return f"{y1}.{m1:02d} — {y2}.{m2:02d}.", (None, ((y1, m1, None), (y2, m2, None)), None)
    (a1, b1), (a2, b2) = _months(draw)
    d1, d2 = draw(st.integers(1, 28)), draw(st.integers(1, 28))
    if generation == "G4" and draw(st.booleans()):
        agreement = f"DSA runs {a1}-{b1:02d} – {a2}-{b2:02d}"
        agreed = ((a1, b1, None), (a2, b2, None))
    else:
        agreement = f"DSA runs {a1}-{b1:02d}-{d1:02d} — {a2}-{b2:02d}-{d2:02d}"
        agreed = ((a1, b1, d1), (a2, b2, d2))
    release = draw(st.booleans())
    note = draw(st.sampled_from([None, None, *NOTES]))
    text = agreement
    released = None
    if release:
        text += f" {y1}.{m1:02d} — {y2}.{m2:02d}."
        released = ((y1, m1, None), (y2, m2, None))
    if note:
        text += f" {note}"
    return text, (agreed, released, note)


# Field labels by generation, in page order.
_G0_FIELDS = ["Opt outs honoured", "Basis", "Format", "How often", "When", "HSCIC Id"]
_G1_FIELDS = ["Opt outs honoured", "Sensitive", "When", "Repeats", "Legal basis", "Categories"]
_G3_FIELDS = ["Type of data", "Opt outs honoured", "Legal basis", "Purposes", "Sensitive", "When",
              "Access method", "Data-controller type", "Sublicensing allowed"]


@st.composite
def field_value(draw, label: str, generation: str, reference: str | None) -> ExpectedField:
    when = None
    if label == "Opt outs honoured":
        raw = draw(st.sampled_from(OPT_OUTS + (OPT_OUTS_G4 if generation == "G4" else [])))
    elif label in ("Legal basis", "Basis"):
        raw = draw(st.sampled_from(LEGAL_BASIS))
    elif label == "Purposes":
        raw = "()" if generation == "G2" else draw(st.sampled_from(PURPOSES))
    elif label == "Sensitive":
        raw = draw(st.sampled_from(SENSITIVE))
    elif label == "When":
        raw, when = draw(when_value(generation))
    elif label in ("Access method", "Repeats", "How often"):
        pool = ACCESS + (SYSTEM_ACCESS if generation in ("G3", "G4") and label == "Access method" else [])
        raw = draw(st.sampled_from(pool))
    elif label == "Data-controller type":
        raw = "" if generation == "G2" else draw(st.sampled_from(CONTROLLERS + [""]))
    elif label == "Sublicensing allowed":
        raw = "" if generation == "G2" else draw(st.sampled_from(SUBLICENSING))
    elif label == "Type of data":
        raw = draw(st.sampled_from(TYPE_OF_DATA + ([""] if generation == "G2" else [])))
    elif label == "Categories":
        raw = draw(st.sampled_from(CATEGORIES))
    elif label == "AGD/predecessor discussions":
        raw = draw(st.sampled_from(AGD))
    elif label == "Format":
        raw = draw(st.sampled_from(FORMAT))
    elif label == "HSCIC Id":
        raw = reference or ""
    else:  # pragma: no cover
        raise AssertionError(label)
    continuation = label == "Access method" and "System Access" in raw and draw(st.booleans())
    return ExpectedField(label, raw, when, continuation)


def field_line(f: ExpectedField, generation: str) -> str:
    if not f.raw:
        return f"{f.label}:"
    if f.label == "When" and generation not in ("G0", "G1"):
        return f"When:{f.raw}"
    return f"{f.label}: {f.raw}"


# ---------------------------------------------------------------------------------------------------
# Rendering


class Renderer:
    """Collects blocks of lines with the number of blank lines before each (ignored when compact)."""

    def __init__(self, compact: bool) -> None:
        self.compact = compact
        self.blocks: list[tuple[int, list[str]]] = []

    def add(self, gap: int, *lines: str) -> None:
        self.blocks.append((0 if self.compact else gap, list(lines)))

    def lines(self) -> list[str]:
        out: list[str] = []
        for position, (gap, lines) in enumerate(self.blocks):
            if position:
                out.extend([""] * gap)
            out.extend(lines)
        return out


_TEXT_HEADINGS = {
    SectionKey.OBJECTIVES: "Objectives",
    SectionKey.YIELDED_BENEFITS: "Yielded Benefits",
    SectionKey.EXPECTED_BENEFITS: "Expected Benefits",
    SectionKey.OUTPUTS: "Outputs",
    SectionKey.PROCESSING: "Processing",
}


@st.composite
def paragraphs(draw, min_size: int = 1) -> list[list[str]]:
    return draw(st.lists(st.lists(sentence(), min_size=1, max_size=3), min_size=min_size, max_size=3))


@st.composite
def project(draw, generation: str, compact: bool, number: int, headed: bool, last: bool,
            out: Renderer, first_gap: int) -> ExpectedProject:
    """Draw one project, render it into ``out`` and return what the parser must find."""
    # Heading and reference
    if generation == "G0":
        title, reference = None, draw(nic(dars=True)) + draw(st.sampled_from(["-v0.0", "-v0.4", "-v1.2"]))
    elif not headed:
        title, reference = None, None
    elif generation in ("G1", "G2") or draw(st.integers(0, 4)) == 0:
        title = f"Project {number}"
        reference = draw(st.one_of(nic(), st.sampled_from(["PHECancerReg", "CSU RS Ps/sens", "CSU IV Id/sens"])))
    else:
        title, reference = draw(title_text()), draw(nic())
    expected = ExpectedProject(title, reference if (title is not None or generation == "G0") else None)
    if title is not None:
        out.add(first_gap, f"{title} \u2014 {reference}")

    # Fields
    labels = {"G0": _G0_FIELDS, "G1": _G1_FIELDS}.get(generation, _G3_FIELDS)
    if generation == "G4":
        labels = [*labels, "AGD/predecessor discussions"]
    kept: list[str] = []
    for label in labels:
        required = generation == "G0" and label in ("Opt outs honoured", "HSCIC Id")
        if required or draw(st.integers(0, 5)) > 0:
            kept.append(label)
    if not headed and not kept:
        kept.append(labels[0])
    type_after = False
    if generation in ("G4", "G2") and "Type of data" in kept and draw(st.integers(0, 3)) == 0:
        kept.remove("Type of data")
        type_after = True
    gap = 1 if title is not None else first_gap
    skipped = 0
    for label in labels:
        if label not in kept:
            if label != "Type of data" and not compact and draw(st.booleans()):
                skipped += 1  # the page leaves the missing line as a blank placeholder
            continue
        f = draw(field_value(label, generation, reference))
        expected.fields.append(f)
        lines = [field_line(f, generation)]
        if f.continuation:
            lines.append(ACCESS_NOTE)
        out.add(gap + skipped, *lines)
        gap, skipped = 1, 0

    # Sections
    if generation == "G0":
        names = draw(st.lists(st.sampled_from(DATASETS), min_size=1, max_size=4))
        expected.sections.append(ExpectedSection(SectionKey.DATASETS, "Data", False, items=names))
        for name in names:
            out.add(gap, f"Data: {name}")
            gap = 1
        if draw(st.booleans()):
            out.add(1, "Project info")
            expected.sections.append(ExpectedSection(SectionKey.PROJECT_INFO, "Project info", False))
        if draw(st.booleans()) or last:
            label = draw(st.sampled_from(["Objective", "Output"]))
            key = SectionKey.OBJECTIVES if label == "Objective" else SectionKey.OUTPUTS
            lines = draw(st.lists(sentence(), min_size=1, max_size=3))
            out.add(1, f"{label}: {lines[0]}", *lines[1:])
            expected.sections.append(ExpectedSection(key, label, False, lines=lines))
        return expected

    marker = {"G1": "bullet", "G4": "dash"}.get(generation, "number")
    if compact:
        marker = "dash"
    text_keys = [SectionKey.OBJECTIVES, SectionKey.YIELDED_BENEFITS, SectionKey.EXPECTED_BENEFITS,
                 SectionKey.OUTPUTS, SectionKey.PROCESSING]
    present = [key for key in text_keys if draw(st.booleans())]
    if last and not present:
        present = [SectionKey.OBJECTIVES]
    has_datasets = draw(st.booleans()) or type_after
    items = draw(st.lists(st.sampled_from(DATASETS), min_size=1 if type_after else 0, max_size=5)) if has_datasets else []
    datasets_headed = True
    if has_datasets and items and not type_after and not compact and draw(st.integers(0, 3)) == 0:
        datasets_headed = False
    previous_nonempty_list = bool(has_datasets and items)
    if has_datasets:
        expected.sections.append(ExpectedSection(SectionKey.DATASETS, "Datasets" if datasets_headed else None,
                                                 not datasets_headed, items=list(items)))
        rendered = [_item(marker, position, name) for position, name in enumerate(items, start=1)]
        if datasets_headed:
            out.add(gap, "Datasets:")
            if rendered:
                out.add(1, *rendered)
        else:
            out.add(gap + 1, *rendered)
        gap = 1
    if type_after:
        f = draw(field_value("Type of data", generation, reference))
        expected.fields.append(f)
        out.add(1, field_line(f, generation))
    last_key = present[-1] if present else None
    for key in present:
        label = "Benefits" if generation == "G1" and key is SectionKey.EXPECTED_BENEFITS else _TEXT_HEADINGS[key]
        must_have_text = last and key is last_key
        body = draw(paragraphs(min_size=1 if must_have_text else 0))
        omit = bool(key is SectionKey.OBJECTIVES and body and not type_after
                and (previous_nonempty_list or (not has_datasets and not compact))
                and draw(st.integers(0, 2)) == 0)
        if omit and compact and not previous_nonempty_list:
            omit = False
        lines = [line for paragraph in body for line in paragraph]
        expected.sections.append(ExpectedSection(key, None if omit else label, omit, lines=lines))
        if omit:
            out.add(gap + 1, *body[0])
        else:
            out.add(gap, f"{label}:")
            if body:
                out.add(1, *body[0])
        for paragraph in body[1:]:
            out.add(1, *paragraph)
        gap = 1
    return expected


def _item(marker: str, position: int, name: str) -> str:
    if marker == "bullet":
        return f"  \u2022 {name}"
    if marker == "number":
        return f"  {position}. {name}"
    return f"- {name}"


@st.composite
def pages(draw) -> tuple[str, ExpectedPage]:
    """A page (text) and the model it must parse back to."""
    generation = draw(st.sampled_from(["G0", "G1", "G2", "G3", "G4"]))
    compact = generation == "G4"
    out = Renderer(compact)
    org = " ".join([draw(st.sampled_from(_FIRST)), *draw(st.lists(st.sampled_from(_ORG_WORDS), min_size=1, max_size=3))])
    suffix = generation not in ("G0", "G1")
    out.add(0, "NHS Digital Data Release Register - reformatted")
    out.add(1, f"{org} projects" if suffix else org)
    count = draw(st.integers(2, 9999)) if suffix else None
    flag = draw(st.booleans()) and generation != "G0"
    flag_text = (f"\U0001F6A9 {org} was sent multiple files from the same dataset, in the same month, both with "
                 f"optouts respected and with optouts ignored. {org} may not have compared the two files.")
    n_projects = draw(st.integers(1, 4))
    with_index = compact and draw(st.booleans())
    # Project kinds decided up front so that the index list can name them.
    kinds = []
    for number in range(1, n_projects + 1):
        if generation == "G4":
            kinds.append(draw(st.sampled_from(["G4", "G4", "G2"])))
        elif generation in ("G2", "G3"):
            kinds.append(draw(st.sampled_from(["G3", "G2"])) if generation == "G3" else "G2")
        else:
            kinds.append(generation)
    headed = [generation != "G0" for _ in kinds]
    if generation == "G1" and draw(st.integers(0, 3)) == 0:
        headed[0] = False
    index_slot = len(out.blocks)
    if generation == "G1" and flag:
        out.add(1, flag_text)
    if count is not None:
        out.add(1, f"{count} data files in total were disseminated unsafely (information about files used "
                   f"safely is missing for TRE/\"system access\" projects).")
        if flag:
            out.add(draw(st.integers(1, 2)), flag_text)
    projects: list[ExpectedProject] = []
    for number, kind in enumerate(kinds, start=1):
        if number == 1:
            first_gap = 1 if flag or count is None else draw(st.integers(1, 2))
        else:
            first_gap = draw(st.integers(2, 3))
        projects.append(draw(project(kind, compact, number, headed[number - 1], number == n_projects, out, first_gap)))
    index: list[tuple[str, bool]] = []
    if with_index:
        entries = []
        for p in projects:
            partial = draw(st.integers(0, 3)) == 0
            index.append((p.title, partial))
            entries.append(f"- {p.title}" + (' (partially via "system access")' if partial else ""))
        out.blocks.insert(index_slot, (0, entries))
    footer = generation == "G0" and draw(st.booleans())
    if footer:
        out.add(1, "Source: NHS Digital.")
    lines = out.lines()
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = newline.join(lines) + (newline if draw(st.booleans()) else "")
    if draw(st.integers(0, 9)) == 0:
        text = "\ufeff" + text
    return text, ExpectedPage(generation, compact, org, suffix, index, count, flag, footer, projects)
