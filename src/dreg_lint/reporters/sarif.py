"""SARIF 2.1.0, in the shape GitHub code scanning accepts.

One run. ``tool.driver`` is dreg-lint with the rules of the built-in plugins; every other plugin is a
``tool.extensions`` entry with its own name, version and rules. Every known rule is listed (not
only the selected ones), sorted by code within its component, so a rule's index does not depend on
the selection. Results point at their rule with ``ruleId`` and ``ruleIndex`` (and, for a plugin's
rule, ``rule.toolComponent.index``). Columns count Unicode code points (``columnKind``), as the
diagnostics do; ``endColumn`` is the column just after the span, as SARIF wants.

Artifact URIs are relative to ``%SRCROOT%``, which is taken to be the current directory (run the
command from the root of the repository): absolute paths are made relative to it, separators are
forward slashes, and the result is percent-encoded.
"""

from __future__ import annotations

import re
import urllib.parse
from typing import TYPE_CHECKING, Any, TextIO

from dreg_lint.diagnostics import Severity
from dreg_lint.plugins import BUILTIN_PLUGINS
from dreg_lint.reporters._common import relative_path, unique_fingerprints
from dreg_lint.reporters.json_format import write_json

if TYPE_CHECKING:
    from dreg_lint.diagnostics import Diagnostic
    from dreg_lint.reporters import Report
    from dreg_lint.rule import Example, Rule

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
TOOL_NAME = "dreg-lint"
_FALLBACK_URI = "https://pypi.org/project/dreg-lint/"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_SECTIONS = (("what it checks", "What it checks"), ("why", "Why"),
             ("known false positives", "Known false positives"))


def information_uri() -> str:
    """The project's home page from the installed metadata, or its PyPI page."""
    import importlib.metadata

    try:
        urls = importlib.metadata.metadata("dreg-lint").get_all("Project-URL") or []
    except importlib.metadata.PackageNotFoundError:
        urls = []
    found = {}
    for entry in urls:
        label, _, url = entry.partition(",")
        found[label.strip().lower()] = url.strip()
    for label in ("homepage", "documentation", "repository", "source"):
        if found.get(label, "").startswith(("https://", "http://")):
            return found[label]
    return _FALLBACK_URI


def level(severity: Severity) -> str:
    return _LEVELS[Severity.parse(severity)]


def artifact_uri(path: str | None) -> str:
    relative = relative_path(path)
    try:
        return urllib.parse.quote(relative, safe="/", encoding="utf-8", errors="surrogateescape")
    except UnicodeEncodeError:
        return urllib.parse.quote(relative, safe="/", encoding="utf-8", errors="replace")


# Rule metadata


def _options_text(rule: "Rule", markdown: bool) -> str:
    """The docstring's Options section or, where it has none, a list made from ``rule.options``."""
    written = rule.doc_section("options")
    if written:
        return written
    parts = []
    for option in rule.options:
        if markdown:
            parts.append(f"- `{option.name}` ({option.type_name}, default `{option.default!r}`): {option.help}")
        else:
            parts.append(f"- {option.name} ({option.type_name}, default {option.default!r}): {option.help}")
    return "\n".join(parts)


def _fence(text: str) -> str:
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    return "`" * max(3, longest + 1)


def _example_caption(example: "Example", flagged: bool) -> str:
    if not flagged:
        return "Good (no finding)"
    where = ", ".join(example.expect)
    return f"Bad (finding at {where})" if where else "Bad"


def help_texts(rule: "Rule") -> tuple[str, str]:
    """(plain text, Markdown) of the rule's whole documentation: the summary, what it checks, why,
    known false positives, options, and the bad and good examples."""
    text = [rule.summary]
    markdown = [rule.summary]
    for key, title in _SECTIONS:
        body = rule.doc_section(key)
        if body:
            text.append(f"{title}\n{body}")
            markdown.append(f"## {title}\n\n{body}")
    options_text, options_markdown = _options_text(rule, False), _options_text(rule, True)
    if options_text:
        text.append(f"Options\n{options_text}")
        markdown.append(f"## Options\n\n{options_markdown}")
    examples = [(example, flagged) for example, flagged in ((rule.bad, True), (rule.good, False))
                if example is not None and example.text.strip()]
    if examples:
        text.append("Examples")
        markdown.append("## Examples")
        for example, flagged in examples:
            caption = _example_caption(example, flagged)
            body = example.text.rstrip("\n")
            indented = "\n".join("    " + line if line else "" for line in body.split("\n"))
            text.append(f"{caption}:\n{indented}")
            fence = _fence(body)
            markdown.append(f"{caption}:\n\n{fence}text\n{body}\n{fence}")
    return "\n\n".join(part for part in text if part), "\n\n".join(part for part in markdown if part)


def rule_descriptor(rule: "Rule") -> dict[str, Any]:
    summary = rule.summary or rule.name or rule.code
    help_text, help_markdown = help_texts(rule)
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": rule.doc_section("what it checks") or summary},
        "help": {"text": help_text or summary, "markdown": help_markdown or summary},
        "defaultConfiguration": {"level": level(rule.severity)},
        "properties": {"tags": list(rule.groups)},
    }


# The run


def _components(report: "Report") -> tuple[list["Rule"], list[tuple[str, list["Rule"]]]]:
    """The driver's rules and, per third-party plugin, its rules; all sorted."""
    driver: list[Rule] = []
    extensions: dict[str, list[Rule]] = {name: [] for name in report.plugins if name not in BUILTIN_PLUGINS}
    for code in sorted(report.rules):
        rule = report.rules[code]
        if not rule.plugin or rule.plugin in BUILTIN_PLUGINS:
            driver.append(rule)
        else:
            extensions.setdefault(rule.plugin, []).append(rule)
    return driver, sorted(extensions.items())


def _region(diagnostic: "Diagnostic") -> dict[str, int]:
    line = max(diagnostic.line, 1)
    column = max(diagnostic.column, 1)
    end_line = max(diagnostic.end_line, line)
    end_column = max(diagnostic.end_column, 1)
    if end_line == line:
        end_column = max(end_column, column)
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}


def build(report: "Report") -> dict[str, Any]:
    driver_rules, extension_rules = _components(report)
    where: dict[str, tuple[int | None, int]] = {}  # code -> (extension index or None, rule index)
    for index, rule in enumerate(driver_rules):
        where[rule.code] = (None, index)
    for component, (_, rules) in enumerate(extension_rules):
        for index, rule in enumerate(rules):
            where[rule.code] = (component, index)

    results = []
    fingerprints = unique_fingerprints(report.diagnostics)
    for diagnostic, fingerprint in zip(report.diagnostics, fingerprints):
        result: dict[str, Any] = {"ruleId": diagnostic.code}
        if diagnostic.code in where:
            component, index = where[diagnostic.code]
            result["ruleIndex"] = index
            if component is not None:
                result["rule"] = {"id": diagnostic.code, "index": index, "toolComponent": {"index": component}}
        result["level"] = level(diagnostic.severity)
        result["message"] = {"text": diagnostic.message or diagnostic.name or diagnostic.code}
        result["locations"] = [{
            "physicalLocation": {
                "artifactLocation": {"uri": artifact_uri(diagnostic.path), "uriBaseId": "%SRCROOT%"},
                "region": _region(diagnostic),
            },
        }]
        if diagnostic.fingerprint:
            result["partialFingerprints"] = {"primaryLocationLineHash": fingerprint}
        properties = {key: value for key, value in (("name", diagnostic.name), ("project", diagnostic.project),
                                                     ("projectLine", diagnostic.project_line))
                      if value is not None}
        if properties:
            result["properties"] = properties
        results.append(result)

    driver = {
        "name": TOOL_NAME,
        "version": report.version,
        "semanticVersion": report.version,
        "informationUri": information_uri(),
        "rules": [rule_descriptor(rule) for rule in driver_rules],
    }
    tool: dict[str, Any] = {"driver": driver}
    if extension_rules:
        extensions = []
        for name, rules in extension_rules:
            extension: dict[str, Any] = {"name": name}
            version = report.plugins.get(name)
            if version:
                extension["version"] = version
            extension["rules"] = [rule_descriptor(rule) for rule in rules]
            extensions.append(extension)
        tool["extensions"] = extensions
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": tool,
            "invocations": [{"executionSuccessful": True}],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }


def render(report: "Report", stream: TextIO) -> None:
    write_json(build(report), stream, indent=2)
