import json
import os

import pytest

from dreg_lint.reporters import sarif
from reporter_factories import default_rules, make_diagnostic, make_report, make_rule, render

BUILTIN_PLUGINS = {"dreg_lint.structure": "0.1.0", "dreg_lint.rules": "0.1.0", "dreg_lint.reporters": "0.1.0"}


def _sarif(report):
    return json.loads(render("sarif", report))


def _rules_with_plugin():
    rules = default_rules()
    rules["ACME001"] = make_rule("ACME001", "acme-check", "warning", ("acme",), plugin="acme_rules")
    rules["ACME002"] = make_rule("ACME002", "acme-other", "info", ("acme",), plugin="acme_rules")
    return rules


def test_top_level_and_driver():
    data = _sarif(make_report([make_diagnostic()]))
    assert data["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert data["version"] == "2.1.0"
    assert len(data["runs"]) == 1
    run = data["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "dreg-lint"
    assert driver["semanticVersion"] == "0.1.0"
    assert driver["informationUri"].startswith("https://")
    assert run["invocations"] == [{"executionSuccessful": True}]
    assert "extensions" not in run["tool"]


def test_every_known_rule_is_described():
    data = _sarif(make_report([make_diagnostic()]))
    rules = data["runs"][0]["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == ["DRL001", "DRL003", "DRL010"]
    by_id = {rule["id"]: rule for rule in rules}
    rule = by_id["DRL001"]
    assert rule["name"] == "mixed-optout-flows"
    assert rule["shortDescription"]["text"] == "Summary of DRL001."
    assert rule["fullDescription"]["text"] == "The thing DRL001 checks."
    assert rule["defaultConfiguration"]["level"] == "warning"
    assert rule["properties"]["tags"] == ["opt-outs"]
    for key in ("text", "markdown"):
        help_text = rule["help"][key]
        assert "The thing DRL001 checks." in help_text
        assert "Because of DRL001." in help_text
        assert "None known." in help_text
        assert "bare_no_only" in help_text  # options
        assert "When:2016.09 — 2016.04." in help_text and "When:2016.04 — 2016.09." in help_text
    assert "```text\nWhen:2016.09 — 2016.04.\n```" in rule["help"]["markdown"]
    assert by_id["DRL003"]["defaultConfiguration"]["level"] == "error"
    assert by_id["DRL010"]["defaultConfiguration"]["level"] == "note"
    assert by_id["DRL010"]["properties"]["tags"] == ["style", "dates"]


def test_results_point_at_their_rule_and_carry_level_region_and_fingerprint():
    diagnostics = [
        make_diagnostic(code="DRL010", severity="info", line=1, column=1, end_column=5, fingerprint="a" * 32,
                        name="info-rule"),
        make_diagnostic(code="DRL003", severity="error", line=3, column=6, end_line=4, end_column=2,
                        fingerprint="b" * 32),
        make_diagnostic(code="DRL001", severity="warning", line=9, column=2, end_column=7, fingerprint="c" * 32,
                        name="mixed-optout-flows"),
    ]
    data = _sarif(make_report(diagnostics))
    run = data["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    results = run["results"]
    assert [r["ruleId"] for r in results] == ["DRL010", "DRL003", "DRL001"]
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert "rule" not in result
    assert [r["level"] for r in results] == ["note", "error", "warning"]
    assert results[1]["message"]["text"] == "Release period is inverted"
    location = results[1]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "data/x.txt", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 3, "startColumn": 6, "endLine": 4, "endColumn": 2}
    assert [r["partialFingerprints"]["primaryLocationLineHash"] for r in results] == ["a" * 32, "b" * 32, "c" * 32]


def test_level_follows_the_diagnostic_not_the_rule_default():
    # a severity overridden in the configuration
    data = _sarif(make_report([make_diagnostic(code="DRL003", severity="info")]))
    assert data["runs"][0]["results"][0]["level"] == "note"


def test_duplicate_fingerprints_are_made_unique():
    diagnostics = [make_diagnostic(line=3), make_diagnostic(line=8)]
    results = _sarif(make_report(diagnostics))["runs"][0]["results"]
    hashes = [r["partialFingerprints"]["primaryLocationLineHash"] for r in results]
    assert hashes[0] == "f" * 32 and len(set(hashes)) == 2


def test_plugin_rules_go_in_extensions():
    plugins = dict(BUILTIN_PLUGINS, acme_rules="2.3.4")
    diagnostics = [
        make_diagnostic(code="ACME002", severity="info", line=2, name="acme-other"),
        make_diagnostic(code="DRL003", line=3),
    ]
    data = _sarif(make_report(diagnostics, rules=_rules_with_plugin(), plugins=plugins))
    tool = data["runs"][0]["tool"]
    assert [rule["id"] for rule in tool["driver"]["rules"]] == ["DRL001", "DRL003", "DRL010"]
    assert len(tool["extensions"]) == 1
    extension = tool["extensions"][0]
    assert extension["name"] == "acme_rules" and extension["version"] == "2.3.4"
    assert [rule["id"] for rule in extension["rules"]] == ["ACME001", "ACME002"]
    plugin_result, builtin_result = data["runs"][0]["results"]
    assert plugin_result["ruleId"] == "ACME002"
    assert plugin_result["ruleIndex"] == 1
    assert plugin_result["rule"] == {"id": "ACME002", "index": 1, "toolComponent": {"index": 0}}
    component = tool["extensions"][plugin_result["rule"]["toolComponent"]["index"]]
    assert component["rules"][plugin_result["rule"]["index"]]["id"] == "ACME002"
    assert tool["driver"]["rules"][builtin_result["ruleIndex"]]["id"] == "DRL003"
    assert "rule" not in builtin_result


def test_rule_index_does_not_depend_on_which_rules_reported():
    first = _sarif(make_report([make_diagnostic(code="DRL010", severity="info")]))
    second = _sarif(make_report([make_diagnostic(code="DRL010", severity="info"), make_diagnostic()]))
    index = first["runs"][0]["results"][0]["ruleIndex"]
    assert index == second["runs"][0]["results"][1]["ruleIndex"] == 2


def test_absolute_paths_become_relative_uris(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    absolute = os.path.join(str(tmp_path), "pages", "my page é.txt")
    outside = os.path.join(os.path.dirname(str(tmp_path)), "other.txt")
    diagnostics = [make_diagnostic(path=absolute), make_diagnostic(path="./data//y#1.txt", line=4),
                   make_diagnostic(path=outside, line=5)]
    results = _sarif(make_report(diagnostics))["runs"][0]["results"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert uris == {"pages/my%20page%20%C3%A9.txt", "data/y%231.txt", "../other.txt"}
    for uri in uris:
        assert not uri.startswith("/") and "://" not in uri and "\\" not in uri


def test_surrogate_in_path_and_message_still_gives_valid_json():
    diagnostic = make_diagnostic(path="data/\udcff.txt", message="bad \udcff")
    output = render("sarif", make_report([diagnostic]))
    output.encode("utf-8")
    result = json.loads(output)["runs"][0]["results"][0]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "data/%FF.txt"
    assert result["message"]["text"] == "bad \ufffd"


def test_unknown_rule_result_has_no_rule_index():
    result = _sarif(make_report([make_diagnostic(code="XYZ001")]))["runs"][0]["results"][0]
    assert result["ruleId"] == "XYZ001" and "ruleIndex" not in result


def test_real_registry_renders():
    from dreg_lint.plugins import PluginHost, Registry

    rules = Registry.from_host(PluginHost().load(autoload=False)).rules
    code = sorted(rules)[0]
    data = _sarif(make_report([make_diagnostic(code=code)], rules=rules))
    driver = data["runs"][0]["tool"]["driver"]
    assert [rule["id"] for rule in driver["rules"]] == sorted(rules)
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["help"]["text"] and rule["help"]["markdown"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    assert data["runs"][0]["results"][0]["ruleIndex"] == 0


@pytest.mark.parametrize("severity,expected", [("error", "error"), ("warning", "warning"), ("info", "note")])
def test_level_mapping(severity, expected):
    assert sarif.level(severity) == expected
