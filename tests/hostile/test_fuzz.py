"""Property-based fuzzing: mutated real, seed and generated pages never make the library raise, never
make a rule fail (DRL999), and always serialise to valid JSON.

Mutations: a cut at a random byte, lines deleted, duplicated and swapped, random Unicode inserted,
separators multiplied, random bytes inserted. The pages come from the seed corpus, the real corpus
and the example pages (when present), and from a small generator of register pages.

The example budget comes from the hypothesis profile registered in tests/conftest.py ("ci" by
default). For a long soak run before a release:

    HYPOTHESIS_PROFILE=long python -m pytest tests/hostile/test_fuzz.py -q
"""

from __future__ import annotations

import io
import json
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import dreg_lint
from dreg_lint.dump import to_json
from dreg_lint.reporters import Report
from dreg_lint.reporters.json_format import render_json

from cli.support import BAD, CLEAN, EXAMPLE_PAGES, REPOSITORY, SEEDS, page, project

REAL = REPOSITORY.parent / "shared" / "corpus" / "real"


def _corpus() -> list[bytes]:
    pages = [BAD.encode("utf-8"), CLEAN.encode("utf-8")]
    for directory, limit in ((EXAMPLE_PAGES, 10), (SEEDS, 10), (REAL, 6)):
        if directory.is_dir():
            pages += [path.read_bytes() for path in sorted(directory.glob("*.txt"))[:limit]]
    fixtures = REPOSITORY / "tests" / "fixtures" / "pages"
    if fixtures.is_dir():
        pages += [path.read_bytes() for path in sorted(fixtures.glob("*.txt"))]
    return pages


CORPUS = _corpus()

# Generated pages ---------------------------------------------------------------------------------

_VALUES = {
    "type": ["Identifiable", "Pseudonymised", "Anonymised - ICO Code Compliant",
             "information not disclosed for TRE projects", "Identifiable, Anonymised - ICO Code Compliant", ""],
    "opt_outs": ["Y", "N", "Y, N", "Yes - patient objections upheld", "No - data flow is not identifiable",
                 "No - consent provided by participants of research studYes - patient objections upheld",
                 "Identifiable (Section 251, Section 251 NHS Act 2006)", "Y, N (Mixed)", "Identifiable (, )", ""],
    "legal_basis": ["Health and Social Care Act 2012", "Health and Social Care Act 2012 – s261(2)(b)(ii)",
                    "Section 251 approval is in place for the flow of identifiable data",
                    "Health and Social Care Act 2012 – s261(7); National Health Service Act 2006 - s251 - "
                    "'Control of patient information'.", ", ,", ""],
    "purposes": ["No (Clinical Commissioning Group (CCG))", "Yes (Charity)", "()", "Yes, a long statement (Research)",
                 ""],
    "sensitive": ["Sensitive", "Non Sensitive, and Sensitive, and Non-Sensitive", "Non-Sensitive", ""],
    "when": ["DSA runs 2019-06-08 — 2022-06-07 2018.06 — 2021.03.", "2017.06 — 2017.05.",
             "DSA runs 2022-01-01 — 2019-01-01", "2016/04 (or before) — 2016/10.", "sometime", ""],
    "access": ["One-Off", "Ongoing", "Frequent adhoc flow", "System Access", ""],
    "controller": ["NHS EXAMPLE CCG, NHS EXAMPLE ICB - 01D", "", "EXAMPLE ANALYTICS LTD"],
    "sublicensing": ["No", "Yes", "No, Yes", ""],
}

_REFERENCES = st.sampled_from(["DARS-NIC-12345-ABCDE", "NIC-120064-Z5S8S", "DARS-NIC-06605-X1L9Z-v4.6",
                               "NIC-1-A", "DARS-NIC-12345-ABCDE", ""])


@st.composite
def generated_pages(draw) -> bytes:
    org = draw(st.sampled_from(["Example Trust", "Example Analytics Ltd", "Good TREs", "X"]))
    projects = []
    for _ in range(draw(st.integers(0, 4))):
        fields = {key: draw(st.sampled_from(values + [None])) for key, values in _VALUES.items()}
        title = draw(st.sampled_from(["Project 2", "Audit", "A study of waiting times", "Title — with dash"]))
        projects.append(project(title, draw(_REFERENCES), org, **fields))
    text = page(org, projects)
    if draw(st.booleans()):
        text = text.replace(f"{org} projects\n", f"{org} projects\n12 data files in total were disseminated "
                                                 f"unsafely (information about files used safely is missing for "
                                                 f"TRE/\"system access\" projects).\n🚩 {org} was sent multiple "
                                                 f"files from the same dataset.\n")
    return text.encode("utf-8")


# Mutations ---------------------------------------------------------------------------------------

_SEPARATORS = [b", ", b" \xe2\x80\x94 ", b": ", b":", b"(", b")", b"- ", b"  1. ", b"\n", b"\n\n", b"; ",
               b" and ", b".", b"-"]


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


@st.composite
def mutation(draw, data: bytes) -> bytes:
    kind = draw(st.sampled_from(["cut", "delete", "duplicate", "swap", "unicode", "separators", "bytes",
                                 "window"]))
    if kind == "cut":
        return data[: draw(st.integers(0, len(data)))]
    if kind == "window":  # a run of lines from the middle of a page, as a page of its own
        lines = _lines(data)
        start = draw(st.integers(0, max(0, len(lines) - 1)))
        return b"\n".join(lines[start : start + draw(st.integers(1, 120))])
    if kind in ("delete", "duplicate", "swap"):
        lines = _lines(data)
        if not lines:
            return data
        i = draw(st.integers(0, len(lines) - 1))
        j = draw(st.integers(0, len(lines) - 1))
        if kind == "delete":
            del lines[i : i + draw(st.integers(1, 5))]
        elif kind == "duplicate":
            lines[i:i] = lines[i : i + draw(st.integers(1, 5))] * draw(st.integers(1, 3))
        else:
            lines[i], lines[j] = lines[j], lines[i]
        return b"\n".join(lines)
    if kind == "unicode":
        at = draw(st.integers(0, len(data)))
        while at > 0 and at < len(data) and (data[at] & 0xC0) == 0x80:  # not inside a character
            at -= 1
        inserted = draw(st.text(min_size=1, max_size=30))
        return data[:at] + inserted.encode("utf-8", "surrogatepass") + data[at:]
    if kind == "bytes":
        at = draw(st.integers(0, len(data)))
        return data[:at] + draw(st.binary(min_size=1, max_size=16)) + data[at:]
    separator = draw(st.sampled_from(_SEPARATORS))
    return data.replace(separator, separator * draw(st.integers(2, 6)))


@st.composite
def mutated_pages(draw) -> bytes:
    data = draw(st.one_of(st.sampled_from(CORPUS), generated_pages()))
    for _ in range(draw(st.integers(1, 4))):
        data = draw(mutation(data))
    return data


def _as_text(data: bytes) -> str:
    return data.decode("utf-8", "replace")


# Properties --------------------------------------------------------------------------------------


def _check_diagnostics(diagnostics, text: str) -> None:
    crashed = [d.message for d in diagnostics if d.code == "DRL999"]
    assert not crashed, crashed
    lines = max(1, len(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")))
    for d in diagnostics:
        assert 1 <= d.line <= lines and d.column >= 1, d
        assert (d.end_line, d.end_column) >= (d.line, d.column), d
        assert isinstance(d.message, str) and d.message
    serialised = json.dumps([d.to_json() for d in diagnostics], ensure_ascii=False, allow_nan=False)
    assert len(json.loads(serialised)) == len(diagnostics)
    serialised.encode("utf-8")
    stream = io.StringIO()
    render_json(Report(diagnostics=diagnostics, rules={}, plugins={}, version=dreg_lint.__version__, files=[]),
                stream)
    json.loads(stream.getvalue())
    stream.getvalue().encode("utf-8")


_SETTINGS = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                            HealthCheck.large_base_example])


@_SETTINGS
@given(mutated_pages())
@example(b"")
@example(b"\xef\xbb\xbf")
@example(b"NHS Digital Data Release Register - reformatted\n\x00\r\r\n\xff")
def test_lint_text_never_raises(data):
    text = _as_text(data)
    diagnostics = dreg_lint.lint_text(text, "fuzz.txt")
    _check_diagnostics(diagnostics, text)


@_SETTINGS
@given(mutated_pages())
@example(b"\xff\xfeN\x00H\x00S\x00")
@example(b"NHS Digital Data Release Register - reformatted\nX projects\nT \xe2\x80\x94 NIC-1-A\nWhen:\xe2\x80")
def test_parse_bytes_never_raises_and_dumps_to_json(data):
    document = dreg_lint.parse_bytes(data, "fuzz.txt")
    dumped = json.dumps(to_json(document), ensure_ascii=False, allow_nan=False)
    assert json.loads(dumped)["node"] == "Document"
    dumped.encode("utf-8")


@_SETTINGS
@given(mutated_pages())
def test_linting_bytes_never_raises(data):
    linter = _linter()
    page = linter.lint_bytes(data, "fuzz.txt")
    assert page.errors == []
    diagnostics = page.diagnostics + linter.finish([page.facts]).diagnostics
    _check_diagnostics(diagnostics, _as_text(data))


_LINTER = []


def _linter():
    if not _LINTER:
        from dreg_lint.engine import Linter
        from dreg_lint.settings import Settings

        _LINTER.append(Linter(Settings(plugin_autoload=False)))
    return _LINTER[0]


def test_the_corpus_is_not_empty():
    assert len(CORPUS) >= 3
    assert Path(__file__).is_file()
