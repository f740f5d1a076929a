"""Very large and pathological inputs: each must finish (a hang fails through the subprocess timeout)
with valid JSON output. There are no timing assertions; a memory ceiling turns a memory blow-up into a
failure instead of a machine-wide out-of-memory kill."""

from __future__ import annotations

import json
import resource

import pytest

from cli.support import assert_no_traceback, run, write

HEADER = "NHS Digital Data Release Register - reformatted\nHuge Example Trust projects\n"
MEMORY_CEILING = 4 * 1024**3  # bytes of address space for the dreg-lint process


def _limit_memory():  # pragma: no cover - runs in the child
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CEILING, MEMORY_CEILING))


def project(reference="DARS-NIC-12345-ABCDE", legal_basis="Section 251 approval is in place for the flow of "
            "identifiable data", when="DSA runs 2019-01-01 — 2021-12-31 2019.02 — 2021.11.",
            title="Waiting time study"):
    return (f"{title} — {reference}\nType of data: Identifiable\nOpt outs honoured: Y\n"
            f"Legal basis: {legal_basis}\nWhen:{when}\nObjectives:\nThe trust counts waiting times.\n")


def lint_big(tmp_path, name, text: str | bytes):
    write(tmp_path, name, text)
    result = run(["--output-format", "json", "--isolated", "--no-cache", name], tmp_path, timeout=120,
                 preexec_fn=_limit_memory)
    assert_no_traceback(result)
    assert result.rc in (0, 1), result
    assert result.error_lines() == [], result
    diagnostics = json.loads(result.stdout_bytes.decode("utf-8"))
    assert not [d for d in diagnostics if d["code"] == "DRL999"], [d for d in diagnostics if d["code"] == "DRL999"]
    return diagnostics


def test_a_10_mb_single_line(tmp_path):
    lint_big(tmp_path, "line.txt", HEADER + "x" * 10_000_000 + "\n")


def test_a_10_mb_single_line_with_no_newline_at_all(tmp_path):
    lint_big(tmp_path, "line.txt", "NHS Digital Data Release Register - reformatted " + "y, " * 3_400_000)


def test_a_legal_basis_of_300000_commas(tmp_path):
    """300,000 empty list items: one DRL013 finding each, in memory that grows with the count only
    (a finding that carried the whole field's text would need memory growing with its square)."""
    diagnostics = lint_big(tmp_path, "commas.txt", HEADER + project(legal_basis="," * 300_000))
    assert "DRL013" in {d["code"] for d in diagnostics}  # empty list items


def test_an_opt_out_value_of_300000_commas(tmp_path):
    text = HEADER + project().replace("Opt outs honoured: Y", "Opt outs honoured: Y" + ", N" * 150_000)
    lint_big(tmp_path, "optouts.txt", text)


def test_50000_nested_parentheses(tmp_path):
    nested = "(" * 50_000 + ")" * 50_000
    text = HEADER + project(legal_basis=f"Section 251 {nested}").replace(
        "Opt outs honoured: Y", f"Opt outs honoured: Y {nested}")
    lint_big(tmp_path, "parens.txt", text)


def test_50000_unbalanced_parentheses(tmp_path):
    text = HEADER + project(legal_basis="(" * 50_000).replace("Opt outs honoured: Y",
                                                               "Opt outs honoured: Y " + ")" * 50_000)
    lint_big(tmp_path, "unbalanced.txt", text)


def test_a_when_of_200000_dashes(tmp_path):
    for name, when in (("em.txt", "—" * 200_000), ("spaced.txt", " — " * 200_000),
                       ("dates.txt", "DSA runs " + "2019-01-01 — " * 40_000), ("hyphens.txt", "-" * 200_000)):
        diagnostics = lint_big(tmp_path, name, HEADER + project(when=when))
        assert "DRL005" in {d["code"] for d in diagnostics}, name  # a malformed When:


def test_40000_projects_in_one_file(tmp_path):
    projects = "".join(
        f"Audit {n} — DARS-NIC-{10000 + n}-AB{n % 10}CD\nOpt outs honoured: Y\nObjectives:\nCounts.\n"
        for n in range(40_000))
    diagnostics = lint_big(tmp_path, "many.txt", HEADER + projects)
    assert len({d["project"] for d in diagnostics if d["project"]}) == 40_000


def test_a_very_long_project_title_and_reference(tmp_path):
    title = "Study " * 200_000
    reference = "DARS-NIC-" + "1" * 100_000 + "-ABCDE"
    lint_big(tmp_path, "title.txt", HEADER + project(title=title, reference=reference))


def test_a_million_empty_lines(tmp_path):
    lint_big(tmp_path, "blank.txt", HEADER + "\n" * 1_000_000 + project())


def test_a_million_list_items(tmp_path):
    items = "".join(f"- Dataset {n}\n" for n in range(300_000))
    text = HEADER + project().replace("Objectives:", "Datasets:\n" + items + "Objectives:")
    lint_big(tmp_path, "items.txt", text)


@pytest.mark.parametrize("output_format", ["full", "sarif", "github", "junit"])
def test_big_inputs_in_every_format(tmp_path, output_format):
    projects = "".join(project(reference=f"NIC-{10000 + n}-AB{n % 10}CD", legal_basis="Act, , Act")
                       for n in range(2_000))
    write(tmp_path, "big.txt", HEADER + projects)
    result = run(["--output-format", output_format, "--isolated", "big.txt"], tmp_path, preexec_fn=_limit_memory)
    assert result.rc == 1, result
    assert_no_traceback(result)
    assert len(result.stdout_bytes) > 100_000
