"""JUnit XML: one test case per linted file, one ``<failure>`` per diagnostic in it.

    <testsuites name="dreg-lint" tests="2" failures="1" errors="0">
      <testsuite name="dreg-lint" tests="2" failures="1" errors="0" skipped="0">
        <testcase name="data/x.txt" classname="data/x.txt">
          <failure message="DRL003 ..." type="DRL003">data/x.txt:3:5: DRL003 [error] ...</failure>
        </testcase>
        <testcase name="data/y.txt" classname="data/y.txt" />

``tests`` counts the test cases (files) and ``failures`` the test cases that have at least one
finding. A file with no finding is a passing test case. A diagnostic whose path is not among the
linted files (a cross-page finding, standard input) gets a test case of its own after them.
Characters that XML 1.0 forbids (C0 controls other than tab, LF and CR, U+FFFE, U+FFFF, lone
surrogates) or discourages (DEL, C1 controls but NEL) are removed from every string. The text of a
``<failure>`` is one line, like the ``concise`` format: control characters and line breaks in it
are shown as visible escapes (``\\n``, ``\\x1b``), so that printing the report in a CI log cannot
start a line with page text (a forged ``::error::`` workflow command, say). In attributes,
ElementTree writes line breaks as character references.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING, TextIO

from dreg_lint.reporters._common import clean_xml, display_path, escape_control

if TYPE_CHECKING:
    from dreg_lint.diagnostics import Diagnostic
    from dreg_lint.reporters import Report

SUITE = "dreg-lint"


def _line(d: "Diagnostic") -> str:
    return f"{display_path(d.path)}:{d.line}:{d.column}: {d.code} [{d.severity.value}] {d.message}"


def build(report: "Report") -> ET.Element:
    by_file: dict[str, list[Diagnostic]] = {}
    for path in report.files:
        by_file.setdefault(display_path(path), [])
    for diagnostic in report.diagnostics:
        by_file.setdefault(display_path(diagnostic.path), []).append(diagnostic)

    tests = str(len(by_file))
    failures = str(sum(1 for found in by_file.values() if found))
    root = ET.Element("testsuites", name=SUITE, tests=tests, failures=failures, errors="0")
    suite = ET.SubElement(root, "testsuite", name=SUITE, tests=tests, failures=failures, errors="0",
                          skipped="0")
    for path, found in by_file.items():
        case = ET.SubElement(suite, "testcase", name=clean_xml(path), classname=clean_xml(path))
        for d in found:
            failure = ET.SubElement(case, "failure", message=clean_xml(f"{d.code} {d.message}"),
                                    type=clean_xml(d.code))
            failure.text = clean_xml(escape_control(_line(d), keep="\t"))
    return root


def render(report: "Report", stream: TextIO) -> None:
    root = build(report)
    ET.indent(root)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n")
