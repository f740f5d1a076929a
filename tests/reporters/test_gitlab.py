import json
import os

from reporter_factories import make_diagnostic, make_report, render


def test_code_quality_fields():
    diagnostics = [
        make_diagnostic(severity="error", line=3, end_line=5),
        make_diagnostic(code="DRL001", severity="warning", line=7, fingerprint="1" * 32, name="mixed-optout-flows"),
        make_diagnostic(code="DRL010", severity="info", line=9, fingerprint="2" * 32, name="info-rule"),
    ]
    issues = json.loads(render("gitlab", make_report(diagnostics)))
    assert [issue["check_name"] for issue in issues] == ["DRL003", "DRL001", "DRL010"]
    assert [issue["severity"] for issue in issues] == ["major", "minor", "info"]
    first = issues[0]
    assert first["description"] == "DRL003 Release period is inverted"
    assert first["fingerprint"] == "f" * 32
    assert first["location"] == {"path": "data/x.txt", "lines": {"begin": 3, "end": 5}}
    for issue in issues:
        assert {"description", "check_name", "fingerprint", "severity", "location"} <= set(issue)


def test_fingerprints_are_unique_and_paths_relative(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    absolute = os.path.join(str(tmp_path), "data", "x.txt")
    diagnostics = [make_diagnostic(path=absolute, line=3), make_diagnostic(path=absolute, line=9),
                   make_diagnostic(path=absolute, line=10, fingerprint="")]
    issues = json.loads(render("gitlab", make_report(diagnostics)))
    fingerprints = [issue["fingerprint"] for issue in issues]
    assert len(set(fingerprints)) == 3 and all(fingerprints)
    assert {issue["location"]["path"] for issue in issues} == {"data/x.txt"}


def test_empty_report():
    assert json.loads(render("gitlab", make_report([]))) == []


def test_surrogates_give_valid_json():
    output = render("gitlab", make_report([make_diagnostic(message="\udcff")]))
    output.encode("utf-8")
    assert json.loads(output)[0]["description"] == "DRL003 \ufffd"
