"""GitLab Code Quality report: a JSON array of Code Climate issues.

``severity`` maps error -> major, warning -> minor, info -> info. ``location.path`` is relative to
the root of the repository (taken to be the current directory), with forward slashes. GitLab
deduplicates on ``fingerprint``, so a fingerprint that occurs twice in one report gets a suffix
(see ``unique_fingerprints``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TextIO

from dreg_lint.diagnostics import Severity
from dreg_lint.reporters._common import relative_path, unique_fingerprints
from dreg_lint.reporters.json_format import write_json

if TYPE_CHECKING:
    from dreg_lint.reporters import Report

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def build(report: "Report") -> list[dict[str, Any]]:
    issues = []
    for d, fingerprint in zip(report.diagnostics, unique_fingerprints(report.diagnostics)):
        issues.append({
            "type": "issue",
            "check_name": d.code,
            "description": f"{d.code} {d.message}",
            "fingerprint": fingerprint,
            "severity": SEVERITIES[d.severity],
            "location": {
                "path": relative_path(d.path),
                "lines": {"begin": d.line, "end": max(d.end_line, d.line)},
            },
        })
    return issues


def render(report: "Report", stream: TextIO) -> None:
    write_json(build(report), stream, indent=2)
