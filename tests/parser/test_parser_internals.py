"""What the fast paths of the parser rely on, checked against the slower readings they replace.

* A list value is read from the positions of its punctuation alone (``item_punctuation``): the
  grammar's ``ITEM_TEXT`` tokens must be exactly the stretches between them.
* The model parser gives each page line as its token and the builder reads which line rule it is
  from its terminal and the rule around it (``line_kinds``): that must be what ``parser()``'s trees say.
  Its ``items`` start gives ``parser()``'s trees, and its ``when`` rules build the model's ``When``
  that a walk over ``parser()``'s tree read.
* The heading terminal is written greedily for speed: it must take the lines the lazy form took.
* ``Span`` is a tuple underneath but must still behave as the immutable value it was.
"""

from __future__ import annotations

import functools
import pickle
import re

import lark
import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from parser_helpers import FIXTURES, REAL, SEEDS

from dreg_lint.grammar_loader import grammar_text, item_punctuation, item_tokens, line_kinds, model_parser, parser
from dreg_lint.model import Period, When
from dreg_lint.span import LineIndex, Span, count_lines, new_span
from dreg_lint.values import ValueReader
from dreg_lint import when_value
from dreg_lint.when_value import when

_VALUE_CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n")


@given(st.text(st.one_of(st.sampled_from(",;() \t"), _VALUE_CHARS)))
@example("Yes (a, (b; c)), d;")
@example("")
def test_item_text_lies_between_the_punctuation(value):
    full = [(m.lastgroup, m.start(), m.end()) for m in item_tokens().finditer(value)]
    punctuation, names = item_punctuation()
    marks = [(names[m.group()], m.start(), m.end()) for m in punctuation.finditer(value)]
    assert [token for token in full if token[0] != "ITEM_TEXT"] == marks
    gaps, at = [], 0
    for _, start, end in marks:
        if start > at:
            gaps.append(("ITEM_TEXT", at, start))
        at = end
    if at < len(value):
        gaps.append(("ITEM_TEXT", at, len(value)))
    assert [token for token in full if token[0] == "ITEM_TEXT"] == gaps


def _lines(tree: lark.Tree, container: str = "page"):
    """(container, line rule, terminal) of every line of a plain ``parser()`` tree (a section's
    heading is its bare token: no line rule)."""
    for child in tree.children:
        if not isinstance(child, lark.Tree):  # a token (Lark's, or lark-cython's)
            yield container, None, child.type
        elif child.data in ("project", "headless", "section"):
            yield from _lines(child, child.data)
        else:
            yield container, child.data, child.children[0].type


def _tokens(tree: lark.Tree):
    for child in tree.children:
        if isinstance(child, lark.Tree):
            yield from _tokens(child)
        else:
            yield child


@pytest.mark.parametrize("path", [*sorted(FIXTURES.glob("*.txt")), *sorted(SEEDS.glob("*.txt")),
                                  *sorted(REAL.glob("*.txt"))[:10]], ids=lambda path: path.name)
def test_line_kinds_agree_with_the_plain_trees(path):
    text = path.read_bytes().decode("utf-8").lstrip("\ufeff")
    plain = list(_lines(parser().parse(text, start="page")))
    kinds = line_kinds()
    for container, rule, terminal in plain:
        if rule is not None:
            assert kinds[container][terminal] == rule, (container, terminal)
    # the model parser's tree holds the same tokens, each where the plain tree holds its line rule
    assert [terminal for _, _, terminal in plain] == [token.type for token in _tokens(model_parser().parse(
        text, start="page"))]


def test_the_model_parser_reads_list_values_as_the_plain_parser_does():
    value = "Yes (a, (b; c)), d;"
    assert model_parser().parse(value, start="items") == parser().parse(value, start="items")


def _when_from_tree(reader: ValueReader, plain: lark.Lark | None = None) -> When:
    """A When value read from the tree of ``plain`` (``parser()``), as ``when_value`` read it
    before its rules built the model themselves."""
    raw = reader.raw
    if not raw.strip():
        return When(None, None, None, False, False)
    try:
        tree = (plain or parser()).parse(raw, start="when")
    except lark.exceptions.LarkError:
        return When(None, None, reader.text(0, len(raw)), False, False)

    def period(tokens, or_before=(False, False)):
        # (A date is read from its token as the rules read it: what is compared is the walk.)
        start, end = (when_value._date(reader, token, flag) for token, flag in zip(tokens, or_before))
        return Period(start, end, reader.span(start.span.start - reader.offset, end.span.end - reader.offset))

    agreement = release = note = None
    final_dot = False
    for part in tree.children:
        if part.data == "agreement":
            agreement = period([child.children[0] for child in part.children[1:]])
        elif part.data == "release":
            months = [child for child in part.children if isinstance(child, lark.Tree)]
            release = period([month.children[0] for month in months], [len(month.children) > 1 for month in months])
            final_dot = any(getattr(child, "type", None) == "FINAL_DOT" for child in part.children)
        elif part.data == "note":
            note = reader.text(part.children[0].start_pos, part.children[0].end_pos)
    return When(agreement, release, note, final_dot, True)


_WHEN_PIECES = st.sampled_from(["DSA runs", "2019-06-08", "2022-06", "2018.06", "2016/04", "11/2016", "unknown",
                                "(or before)", "\u2014", "\u2013", ".", "a note", "(x)", " ", "  ", "\t", "7"])


@given(st.lists(_WHEN_PIECES, max_size=12).map(" ".join))
@example("DSA runs 2019-06-08 \u2014 2022-06-07 2018.06 \u2014 2021.03. a note")
@example(" 2016/04 (or before) \u2014 2016/11.")
@example("unknown \u2014 11/2016 (or before)")
@example("DSA runs 2018-12 \u2013 2021-11 breached contract \u2014 audit report.")
def test_when_values_are_read_as_from_the_plain_tree(value):
    # The value stands at column 11 of line 3, offset 40 of its page.
    reader = ValueReader(value, Span(3, 11, 3, 11 + len(value), 40, 40 + len(value)))
    assert when(reader) == _when_from_tree(reader)


#: The grammar's ``DSA_RUNS`` and ``_RANGE_DASH`` as they were written before they took the blanks
#: after and around them, which were then ignored ``_BLANK`` tokens.
_TERMINALS_WITHOUT_BLANKS = {"DSA_RUNS.5": '"DSA runs"', "_RANGE_DASH.5": '"\\u2014" | "\\u2013"'}


@functools.lru_cache(maxsize=1)
def _parser_with_ignored_blanks() -> lark.Lark:
    text = grammar_text()
    for terminal, definition in _TERMINALS_WITHOUT_BLANKS.items():
        text, count = re.subn(rf"^{re.escape(terminal)}: .*$", lambda _: f"{terminal}: {definition}", text,
                              flags=re.MULTILINE)
        assert count == 1, terminal
    return lark.Lark(text, parser="lalr", lexer="contextual", start=["when"], maybe_placeholders=False)


_BLANKS = st.sampled_from(["", " ", "  ", "\t", "\u00a0", "\f", " \v "])


@given(st.lists(st.tuples(_WHEN_PIECES, _BLANKS), max_size=12).map(lambda pieces: "".join(a + b for a, b in pieces)))
@example("DSA runs 2019-06-08 \u2014 2022-06-07 2018.06 \u2014 2021.03. a note")
@example("DSA runs\u00a0\t2019-06-08\u2014 2022-06-07\t\u2013\u2014 2021.03.")
@example("DSA runs2019-06-08\u20142022-06-07 2018.06\u20132021.03.")
@example("DSA runs")
@example("2018.06 \u2014 ")
@example(" \u2014 2018.06")
def test_the_terminals_that_take_their_blanks_read_values_as_ignored_blanks_did(value):
    # DSA_RUNS and _RANGE_DASH take the blanks beside them, one lexer step instead of three; with
    # %ignore _BLANK the blanks are allowed there either way, so every value must read the same.
    reader = ValueReader(value, Span(3, 11, 3, 11 + len(value), 40, 40 + len(value)))
    assert when(reader) == _when_from_tree(reader, _parser_with_ignored_blanks())


def test_only_the_model_parser_finds_its_rules_by_identity():
    # The bare parse is the benchmark's yardstick: it must stay Lark's own, rules and all.
    assert {type(rule) for rule in parser()._callbacks} == {lark.grammar.Rule}
    model = model_parser()
    assert all(type(rule) is not lark.grammar.Rule and isinstance(rule, lark.grammar.Rule)
               for rule in model._callbacks)
    # Every rule the parse table can reduce by is a key of the callbacks, as the same object.
    keys = {id(rule) for rule in model._callbacks}
    lalr = model.parser.parser  # Lark's LALR_Parser, or lark-cython's
    table = getattr(lalr, "_parse_table", None) or lalr.parser.parse_table
    reduced = [arg for actions in table.states.values() for action, arg in actions.values()
               if action is not lark.parsers.lalr_analysis.Shift]
    assert reduced and all(id(rule) in keys for rule in reduced)


@pytest.mark.parametrize("grammar, problem", [
    ('page: line*\nline: X\nX: "x"\n', "a line rule, a line container or inlined"),
    ('page: text*\ntext: TEXT ";"\nTEXT: "x"\n', "keeps every child of a page rule"),
])
def test_the_model_parser_refuses_page_rules_it_cannot_flatten(grammar, problem):
    from dreg_lint.grammar_loader import _give_flat_lists

    with pytest.raises(lark.exceptions.GrammarError, match=problem):
        _give_flat_lists(lark.Lark(grammar, parser="lalr", start="page"))


_HEADING_PIECES = st.sampled_from([" \u2014 ", "\u2014", " ", "NIC-", "DARS-", "12", "-", "AB3", "-v1.2",
                                   "Project 4", "x", "\t", "\n"])


@given(st.lists(_HEADING_PIECES, max_size=12).map("".join))
@example("A — b — NIC-1-AB")
@example("A — NIC-1-AB — x")
def test_the_greedy_heading_finds_what_the_lazy_one_found(line):
    """The grammar writes the heading greedily for speed; a lazy `[^\\r\\n]*?` took the same lines."""
    (heading,) = [t.pattern.to_regexp() for t in model_parser().terminals if t.name == "HEADING"]
    greedy = re.compile(heading)
    lazy = re.compile(heading.replace("[^\r\n]* \u2014", "[^\r\n]*? \u2014", 1))
    assert lazy.pattern != greedy.pattern
    found, found_lazily = greedy.match(line), lazy.match(line)
    assert (found and found.group()) == (found_lazily and found_lazily.group())


def test_span_is_an_immutable_value():
    span = Span(1, 2, 1, 5, 10, 13)
    assert span == new_span((1, 2, 1, 5, 10, 13)) and hash(span) == hash(Span(1, 2, 1, 5, 10, 13))
    assert span != Span(1, 2, 1, 5, 10, 14)
    assert span != (1, 2, 1, 5, 10, 13) and (1, 2, 1, 5, 10, 13) != span  # not a plain tuple
    assert not span == (1, 2, 1, 5, 10, 13) and not (1, 2, 1, 5, 10, 13) == span
    with pytest.raises(TypeError):
        span < Span(1, 2, 1, 5, 10, 14)  # noqa: B015 - spans have no order
    with pytest.raises(AttributeError):
        span.line = 3
    assert (span.line, span.column, span.end_line, span.end_column, span.start, span.end) == (1, 2, 1, 5, 10, 13)
    assert span.to_json() == {"line": 1, "column": 2, "end_line": 1, "end_column": 5, "start": 10, "end": 13}
    assert repr(span) == "Span(line=1, column=2, end_line=1, end_column=5, start=10, end=13)"
    assert pickle.loads(pickle.dumps(span)) == span


@given(st.text(st.sampled_from("ab \t\r\n\ufeff"), max_size=30))
def test_line_table_shortcuts(text):
    index = LineIndex(text)
    assert count_lines(text) == index.line_count
    if "\r" not in text:  # the table without CR is added up from the lines' lengths
        starts = [0] + [offset + 1 for offset, char in enumerate(text) if char == "\n"] + [len(text) + 1]
        assert index.starts == starts


def test_a_heading_whose_reference_is_missing_keeps_its_title_whole():
    from dreg_lint import parse

    text = "NHS Digital Data Release Register - reformatted\nNHS Example Trust projects\nProject 1 — \n"
    heading = parse(text).projects[0].heading
    assert heading.title.text == "Project 1"
    assert text[heading.title.span.start:heading.title.span.end] == "Project 1"
    assert (heading.title.span.line, heading.title.span.column, heading.title.span.end_column) == (3, 1, 10)
    assert heading.reference.text == ""
    assert (heading.reference.span.start, heading.reference.span.end) == (len(text) - 2, len(text) - 2)


# Field values are read when asked for and kept only for the last fields read (``Field.value``).

def _many_fields_page(projects: int) -> str:
    return "NHS Digital Data Release Register - reformatted\nExample Trust projects\n\n" + "".join(
        f"Study {n} — DARS-NIC-{10000 + n}-AB{n % 10}CD\nOpt outs honoured: Y, N (s251)\n"
        f"Legal basis: s261(7); s251\nWhen:DSA runs 2019-06-08 — 2022-06-07 2019.07 — 2021.03.\n"
        f"Objectives:\nCounts.\n"
        for n in range(projects))


def test_a_field_value_is_let_go_once_many_other_fields_were_read_and_read_again_the_same():
    from dreg_lint import parse
    from dreg_lint.model import UNREAD
    from dreg_lint.values import HELD_VALUES

    document = parse(_many_fields_page(HELD_VALUES))  # three fields a project
    fields = [field for project in document.projects for field in project.fields]
    assert all(field._value is UNREAD for field in fields)  # nothing read by parsing
    first = [field.value for field in fields[:3]]
    assert fields[0].value is first[0]  # read once while held
    for field in fields[3:]:
        field.value
    assert sum(field._value is not UNREAD for field in fields) == HELD_VALUES
    assert fields[0]._value is UNREAD  # let go
    assert [field.value for field in fields[:3]] == first  # and read again to the same value
    assert fields[0].value is not first[0]


def test_line_spans_are_an_immutable_sequence_of_the_spans_they_were_given():
    from dreg_lint.span import LineSpans

    spans = (new_span((2, 1, 2, 1, 10, 10)), new_span((1, 2, 1, 5, 1, 4)), new_span((9, 1, 9, 3, 40, 42)))
    kept = LineSpans(spans)
    assert len(kept) == 3 and list(kept) == list(spans) and tuple(kept) == spans
    assert kept[0] == spans[0] and kept[-1] == spans[-1] and kept[1:] == spans[1:]
    with pytest.raises(IndexError):
        kept[3]
    assert kept == spans and spans == kept and kept == LineSpans(spans) and kept != spans[:2]
    assert LineSpans() == () and not LineSpans()
    assert hash(kept) == hash(spans)
    assert pickle.loads(pickle.dumps(kept)) == kept
    assert repr(kept).startswith("LineSpans([Span(line=2,")


def test_blank_lines_are_line_spans_at_the_blank_lines():
    from dreg_lint import parse
    from dreg_lint.span import LineSpans

    text = "\ufeff\nNHS Digital Data Release Register - reformatted\n  \nA projects\n\nS — DARS-NIC-1-A1B2C\n\n\t\nOpt outs honoured: Y\n"
    document = parse(text)
    assert isinstance(document.blank_lines, LineSpans)
    index = LineIndex(text)
    assert list(document.blank_lines) == [index.span(1, 1), index.line_span(3), index.line_span(5)]
    assert list(document.projects[0].blank_lines) == [index.line_span(7), index.line_span(8)]


_TWO_PROJECTS = ("NHS Digital Data Release Register - reformatted\n\nA projects\n\n"
                 "S — DARS-NIC-1-A1B2C\nOpt outs honoured: Y\n\n\nT — DARS-NIC-2-A1B2C\n\nPurposes: No\n\n")


def test_blank_lines_are_found_once_for_the_page_when_first_read(monkeypatch):
    from dreg_lint import parse
    from dreg_lint.builder import _BlankLines
    from dreg_lint.engine import Linter
    from dreg_lint.settings import Settings

    finds = []
    find = _BlankLines._find
    monkeypatch.setattr(_BlankLines, "_find", lambda self: finds.append(self) or find(self))
    Linter(Settings.coerce({"select": ["ALL"]})).lint_text(_TWO_PROJECTS, "page.txt")
    assert finds == []  # no rule reads them
    document = parse(_TWO_PROJECTS)
    assert [span.line for span in document.projects[1].blank_lines] == [10, 12]
    assert [span.line for span in document.projects[0].blank_lines] == [7, 8]
    assert [span.line for span in document.blank_lines] == [2, 4]
    assert len(finds) == 1
    assert repr(document.blank_lines).startswith("LineSpans([Span(line=2, column=1, end_line=2,")
    assert pickle.loads(pickle.dumps(document.projects[0].blank_lines)) == document.projects[0].blank_lines


def test_dataset_items_are_read_from_their_lines():
    from dreg_lint import parse
    from dreg_lint.model import DatasetItem, DatasetItems, SectionKey

    text = ("NHS Digital Data Release Register - reformatted\nA projects\n\nS — DARS-NIC-1-A1B2C\nDatasets:\n"
            "Unmarked Set\n  1. First Set \n- Second Set\n\u2022 Third\nObjectives:\nTo plan.\n")
    (datasets,) = [s for s in parse(text).projects[0].sections if s.key is SectionKey.DATASETS]
    items = datasets.items
    assert isinstance(items, DatasetItems)
    assert items.lines == ("Unmarked Set", "  1. First Set ", "- Second Set", "\u2022 Third")
    index = LineIndex(text)
    expected = (DatasetItem("Unmarked Set", "", index.line_span(6)), DatasetItem("First Set", "1.", index.line_span(7)),
                DatasetItem("Second Set", "-", index.line_span(8)), DatasetItem("Third", "\u2022", index.line_span(9)))
    assert tuple(items) == expected and items == expected and expected == items and hash(items) == hash(expected)
    assert items[0] == expected[0] and items[-1] == expected[-1] and items[1:3] == expected[1:3] and len(items) == 4
    assert [text[span.start:span.end] for span in items.spans] == list(items.lines)
    assert pickle.loads(pickle.dumps(items)) == items
    old = ("NHS Digital Data Release Register - reformatted\nA\n\nHSCIC Id: NIC-1-A1\nData:  HES \nData:\n")
    (data,) = parse(old).projects[0].sections
    assert [(item.text, item.marker) for item in data.items] == [("HES", "Data:"), ("", "Data:")]


def test_a_page_model_is_freed_without_the_garbage_collector():
    # The blank lines found later keep what they need of each project, not the project itself:
    # a reference back to it would make a cycle, and every page's model would stay in memory
    # until the garbage collector ran.
    import gc
    import weakref

    from dreg_lint import parse

    collecting = gc.isenabled()
    gc.disable()
    try:
        document = parse(_TWO_PROJECTS)
        gone = [weakref.ref(document), weakref.ref(document.projects[0]), weakref.ref(document.projects[1])]
        del document
        assert [ref() for ref in gone] == [None, None, None]
    finally:
        if collecting:
            gc.enable()


def test_section_lines_are_text_lines_giving_each_line_as_a_text():
    from dreg_lint import parse
    from dreg_lint.model import Text, TextLines

    text = ("\ufeffNHS Digital Data Release Register - reformatted\nA projects\n\nS — DARS-NIC-1-A1B2C\n"
            "Objective: first words\n  indented line\n\nlast line\n")
    document = parse(text)
    (section,) = document.projects[0].sections
    lines = section.lines
    assert isinstance(lines, TextLines)
    index = LineIndex(text)
    expected = (Text("first words", index.span(text.index("first"), text.index("first") + 11)),
                Text("  indented line", index.line_span(6)), Text("last line", index.line_span(8)))
    assert tuple(lines) == expected and lines == expected and expected == lines
    assert lines.texts == ("first words", "  indented line", "last line")
    assert lines[0] == expected[0] and lines[-1] == expected[-1] and lines[1:] == expected[1:]
    assert len(lines) == 3 and hash(lines) == hash(expected)
    assert lines == TextLines([line.text for line in expected], [line.span for line in expected])
    assert lines != TextLines(["first words", "  indented line", "LAST line"], [line.span for line in expected])
    assert lines != expected[:2]
    assert pickle.loads(pickle.dumps(lines)) == lines
    assert pickle.loads(pickle.dumps(section)) == section
    assert repr(lines).startswith("TextLines([Text(text='first words'")


def test_a_project_gives_the_first_field_of_each_kind_and_none_for_a_missing_one():
    from dreg_lint import parse
    from dreg_lint.model import FieldKey

    text = ("NHS Digital Data Release Register - reformatted\nA projects\n\nS — DARS-NIC-1-A1B2C\n"
            "Legal basis: first\nOpt outs honoured: Y\nLegal basis: second\n\n"
            "T — DARS-NIC-2-A1B2C\nLegal basis: other\n")
    first, second = parse(text).projects
    for _ in range(2):  # asked in turn: the index of one project is never taken for the other's
        assert first.field(FieldKey.LEGAL_BASIS).raw == " first"
        assert first.field(FieldKey.OPT_OUTS).raw == " Y"
        assert first.field(FieldKey.WHEN) is None and first.value(FieldKey.WHEN) is None
        assert second.field(FieldKey.LEGAL_BASIS).raw == " other"
        assert second.field(FieldKey.OPT_OUTS) is None
    assert [field.raw for field in first.all_fields(FieldKey.LEGAL_BASIS)] == [" first", " second"]
    assert first == parse(text).projects[0]  # asking for fields changes nothing a project compares by


def test_no_field_value_is_held_once_a_page_is_linted():
    from dreg_lint import parse
    from dreg_lint.engine import Linter
    from dreg_lint.model import UNREAD
    from dreg_lint.settings import Settings

    document = parse(_many_fields_page(3))
    Linter(Settings(select=("ALL",), plugin_autoload=False)).lint_document(document)
    fields = [field for project in document.projects for field in project.fields]
    assert fields and all(field._value is UNREAD for field in fields)
    assert fields[0].value is not None  # and still read when asked for


_ITEM_PIECES = st.sampled_from([" ", "\t", "-", "\u2022", "1.", "12.", ".", "x", "Data", "\u00a0"])


@given(st.lists(_ITEM_PIECES, max_size=8).map("".join))
@example("  1. Hospital Episode Statistics")
@example("- x")
def test_an_item_line_starts_with_a_list_marker(line):
    """The builder takes each ``item`` line of a dataset list as a list item, its marker found by
    ``_LIST_MARKER``: every line the ``ITEM`` terminal matches must have one."""
    from dreg_lint.builder import _LIST_MARKER

    (item,) = [t.pattern.to_regexp() for t in model_parser().terminals if t.name == "ITEM"]
    if re.fullmatch(item, line):
        assert _LIST_MARKER.match(line)
