"""The acceptance table of RULES.md section 3.2: with every rule selected, each rule flags exactly the
listed number of distinct projects per seed page (page rules: pages; DRL026: occurrences after the
first). The table is read from RULES.md itself, so the test and the catalogue cannot drift apart."""

from __future__ import annotations

import re

import pytest

from dreg_lint.testing import lint_snippet

from corpus import RULES_MD, needs_shared, seed_files

pytestmark = needs_shared

_ROW = re.compile(r"^\| (DRL\d{3}) \| ([a-z0-9-]+) \| (project|page|cross-file) \| [a-z/]+ \|(.*)\|\s*$")


def acceptance_table() -> dict[str, tuple[str, str, list[int]]]:
    table = {}
    if not RULES_MD.is_file():
        return table
    for line in RULES_MD.read_text(encoding="utf-8").splitlines():
        match = _ROW.match(line)
        if match:
            cells = [int(cell.strip().split()[0]) for cell in match.group(4).split("|")]
            table[match.group(1)] = (match.group(2), match.group(3), cells)
    return table


TABLE = acceptance_table()


@pytest.fixture(scope="module")
def seed_diagnostics():
    return [lint_snippet(path.read_text(encoding="utf-8"), "ALL", path=path.name) for path in seed_files()]


def test_the_table_has_every_rule():
    assert sorted(TABLE) == [f"DRL{n:03d}" for n in range(1, 38)]
    assert sum(len(cells) for _, _, cells in TABLE.values()) == 148


@pytest.mark.parametrize("code", sorted(TABLE))
def test_seed_counts(code, seed_diagnostics):
    name, scope, expected = TABLE[code]
    counts = []
    for diagnostics in seed_diagnostics:
        mine = [d for d in diagnostics if d.code == code]
        assert all(d.name == name for d in mine)
        if scope == "page" and code != "DRL026":
            counts.append(min(len(mine), 1))
        elif code == "DRL026":
            counts.append(len({(d.project, d.project_line) for d in mine}))
        else:
            counts.append(len({d.project_line for d in mine}))
    assert counts == expected, f"{code} {name}: seeds 000-003 flagged {counts}, RULES.md says {expected}"


def test_no_structural_findings_on_the_seeds(seed_diagnostics):
    for diagnostics in seed_diagnostics:
        assert [d for d in diagnostics if d.code >= "DRL900"] == []
