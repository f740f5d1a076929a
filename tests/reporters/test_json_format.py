import io
import json

from reporter_factories import make_diagnostic, make_report, render

from dreg_lint.reporters import _FORMATS


def _diagnostics():
    return [
        make_diagnostic(),
        make_diagnostic(code="DRL001", severity="warning", message="Opt-outs mixed", line=12, column=20,
                        end_column=24, project=None, project_line=None, name="mixed-optout-flows"),
    ]


def test_json_is_an_array_of_the_contract_fields_in_order():
    report = make_report(_diagnostics())
    data = json.loads(render("json", report))
    assert data == [d.to_json() for d in report.diagnostics]
    assert list(data[0]) == ["code", "name", "severity", "message", "path", "line", "column", "end_line",
                             "end_column", "project", "project_line", "fingerprint"]
    assert data[0]["code"] == "DRL003" and data[0]["severity"] == "error" and data[0]["end_column"] == 10
    assert data[1]["project"] is None and data[1]["project_line"] is None


def test_json_is_indented_by_two():
    output = render("json", make_report(_diagnostics()))
    assert output.startswith('[\n  {\n    "code": "DRL003",')


def test_empty_json_is_an_empty_array():
    assert json.loads(render("json", make_report([]))) == []
    assert render("json-lines", make_report([])) == ""


def test_json_lines_is_one_compact_object_per_line():
    report = make_report(_diagnostics())
    output = render("json-lines", report)
    lines = output.split("\n")
    assert lines[-1] == "" and len(lines) == 3
    assert [json.loads(line) for line in lines[:-1]] == [d.to_json() for d in report.diagnostics]
    assert ", " not in lines[0] and ": " not in lines[0].replace('"Release period is inverted"', "")


def test_lone_surrogates_are_replaced_and_output_is_valid_utf8():
    diagnostic = make_diagnostic(message="bad byte \udcff and pair \ud83d\ude00", path="data/\udce9.txt")
    for format_name in ("json", "json-lines"):
        output = render(format_name, make_report([diagnostic]))
        output.encode("utf-8")  # strict: raises on a lone surrogate
        text = output if format_name == "json" else output.splitlines()[0]
        data = json.loads(text)
        record = data[0] if format_name == "json" else data
        assert record["message"] == "bad byte \ufffd and pair \U0001F600"
        assert record["path"] == "data/\ufffd.txt"


def test_control_and_line_separator_characters_survive_as_escapes():
    message = "a\nb\x1b[31m\x85\x9b\u2028c\u2029"
    report = make_report([make_diagnostic(message=message), make_diagnostic(line=4)])
    output = render("json-lines", report)
    assert "\x1b" not in output and "\x85" not in output and "\u2028" not in output
    # Even a reader that splits on every Unicode line boundary sees two records.
    lines = output.splitlines()
    assert len(lines) == 2
    assert json.loads(lines[0])["message"] == message
    assert json.loads(render("json", report))[0]["message"] == message


def _through_utf8_output(format_name, report):
    """What the format writes to a UTF-8 file through the command's ``Utf8Output``."""
    from dreg_lint.reporters import Utf8Output

    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
    target = next(f for f in _FORMATS if f.name == format_name)
    target.load()(report, Utf8Output(stream))
    stream.flush()
    return raw.getvalue()


def test_json_written_as_utf8_bytes_is_the_text_it_writes_to_a_text_stream():
    odd = make_diagnostic(message="bad byte \udcff, C1 \x85, 🚩 \u2028 — done", path="naïve.txt")
    for diagnostics in ([], _diagnostics(), [*_diagnostics(), odd]):
        report = make_report(diagnostics)
        for format_name in ("json", "json-lines"):
            assert _through_utf8_output(format_name, report) == render(format_name, report).encode("utf-8")


def test_utf8_output_keeps_text_and_bytes_in_the_order_written():
    from dreg_lint.reporters import Utf8Output

    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
    output = Utf8Output(stream)
    output.write("[é")  # held in the text stream's own buffer until flushed
    output.write_utf8("ü,".encode())
    output.write("\n")
    output.write_utf8(b"]")
    output.flush()
    assert raw.getvalue().decode("utf-8") == "[éü,\n]"
    assert output.encoding == "utf-8"  # anything else is the stream's


def test_each_object_has_its_own_path_and_project_whatever_was_rendered_before():
    # Paths and references are encoded once for the findings that share them in a row: an object
    # must still carry its own, after any other, None included.
    from dreg_lint.reporters.json_format import json_line, json_object

    diagnostics = [make_diagnostic(path="a.txt", project="NIC-1"), make_diagnostic(path="a.txt", project=None),
                   make_diagnostic(path="b.txt", project="NIC-1"), make_diagnostic(path=None, project="NIC-2"),
                   make_diagnostic(path="a.txt", project="NIC-2")]
    for render_one in (json_object, json_line):
        for diagnostic in [*diagnostics, *reversed(diagnostics), *diagnostics]:
            assert json.loads(render_one(diagnostic)) == diagnostic.to_json()


def test_a_character_to_escape_is_escaped_in_whichever_field_it_is():
    from dreg_lint.reporters.json_format import json_line

    for field in ("path", "project", "message", "name"):
        diagnostic = make_diagnostic(**{field: "a\x85b\u2028c — d"})
        text = json_line(diagnostic)
        assert "\x85" not in text and "\u2028" not in text and "\\u0085" in text and "—" in text
        assert json.loads(text) == diagnostic.to_json()
