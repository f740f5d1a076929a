"""The result cache: one JSON file per linted page, keyed on everything that decides the result.

The key is a hash of the page's bytes, its path, the effective configuration, and the versions of
dreg-lint and of every loaded plugin. Entries are written atomically (a temporary file renamed into
place), so concurrent runs cannot corrupt them; an entry that cannot be read or parsed is ignored
and rebuilt. Nothing is ever unpickled or evaluated. A cache directory that cannot be written only
means running without a cache.
"""

from __future__ import annotations

import hashlib
import json
import os
from typing import Any

from dreg_lint.atomic import write_atomically
from dreg_lint.diagnostics import Diagnostic, to_row
from dreg_lint.engine import PageResult

DEFAULT_DIRECTORY = ".dreg-lint-cache"
_LAYOUT = "2"  # changed with the shape of an entry (2: DRL027's facts became flat rows)


class ResultCache:
    def __init__(self, directory: str, salt: str) -> None:
        self.directory = directory
        self.salt = salt
        self.usable = self._prepare()

    def _prepare(self) -> bool:
        try:
            os.makedirs(self.directory, exist_ok=True)
            marker = os.path.join(self.directory, ".gitignore")
            if not os.path.exists(marker):
                write_atomically(marker, "# Created by dreg-lint.\n*\n")
            return os.access(self.directory, os.W_OK)
        except OSError:
            return False

    def key(self, path: str, data: bytes) -> str:
        digest = hashlib.sha256()
        for part in (_LAYOUT, self.salt, path):
            digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
        digest.update(data)
        return digest.hexdigest()

    def _file(self, key: str) -> str:
        return os.path.join(self.directory, key[:2], key + ".json")

    def get(self, key: str) -> PageResult | None:
        if not self.usable:
            return None
        try:
            with open(self._file(key), encoding="utf-8") as handle:
                data = json.load(handle)
            return PageResult(
                data["path"],
                [to_row(Diagnostic.from_json(item)) for item in data["diagnostics"]],
                dict(data["facts"]),
                [],
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, result: PageResult) -> None:
        if not self.usable or result.errors:
            return  # a run with a failing rule is not worth remembering
        entry: dict[str, Any] = {
            "path": result.path,
            "diagnostics": [d.to_json() for d in result.diagnostics],
            "facts": result.facts,
        }
        try:
            os.makedirs(os.path.dirname(self._file(key)), exist_ok=True)
            write_atomically(self._file(key), json.dumps(entry, ensure_ascii=False))
        except (OSError, TypeError, ValueError):
            pass  # facts that are not JSON, a full disk: the run goes on without this entry


def salt(settings_json: str, versions: dict[str, str]) -> str:
    material = json.dumps({"settings": settings_json, "versions": versions}, sort_keys=True)
    return hashlib.sha256(material.encode("utf-8")).hexdigest()
