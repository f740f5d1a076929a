"""Baselines: accepted findings that are not reported again.

Entries are keyed on the diagnostic fingerprint (path, code, project reference and the normalised
flagged text, never line numbers), so inserting lines above a finding does not bring it back. The
file is JSON; it is never evaluated or unpickled.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Iterable

import attrs

from dreg_lint.atomic import write_atomically
from dreg_lint.diagnostics import Diagnostic

FORMAT_VERSION = 1


class BaselineError(Exception):
    pass


@attrs.define
class Baseline:
    counts: Counter[str]

    @classmethod
    def read(cls, path: str) -> "Baseline":
        try:
            with open(path, encoding="utf-8") as handle:
                data = json.load(handle)
        except OSError as error:
            raise BaselineError(f"{path}: cannot read the baseline: {error.strerror or error}") from None
        except ValueError as error:
            raise BaselineError(f"{path}: not a dreg-lint baseline (invalid JSON: {error})") from None
        entries = data.get("entries") if isinstance(data, dict) else None
        if not isinstance(entries, list) or not all(isinstance(e, dict) and isinstance(e.get("fingerprint"), str)
                                                    for e in entries):
            raise BaselineError(f"{path}: not a dreg-lint baseline (no list of entries with fingerprints)")
        return cls(Counter(entry["fingerprint"] for entry in entries))

    def filter(self, diagnostics: Iterable[Diagnostic]) -> tuple[list[Diagnostic], int]:
        """The diagnostics the baseline does not list, and how many entries matched nothing."""
        remaining = Counter(self.counts)
        new = []
        for diagnostic in diagnostics:
            if remaining[diagnostic.fingerprint] > 0:
                remaining[diagnostic.fingerprint] -= 1
            else:
                new.append(diagnostic)
        return new, sum(remaining.values())


def write_baseline(path: str, diagnostics: Iterable[Diagnostic]) -> int:
    entries = [
        {"path": d.path, "code": d.code, "project": d.project, "fingerprint": d.fingerprint, "message": d.message}
        for d in diagnostics
    ]
    document = {"tool": "dreg-lint", "version": FORMAT_VERSION, "entries": entries}
    write_atomically(path, json.dumps(document, indent=1, ensure_ascii=False) + "\n")
    return len(entries)
