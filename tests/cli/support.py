"""Helpers for the end-to-end tests: run the installed ``dreg-lint`` command and write small pages.

Every test runs the real console script (found on PATH or next to the interpreter) in a temporary
directory, with an environment cleaned of anything that would change dreg-lint's behaviour.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Iterable, Mapping, Sequence

import attrs


def _console_script() -> str:
    beside = Path(sys.executable).with_name("dreg-lint")
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("dreg-lint")
    if found is None:  # pragma: no cover - the package is not installed
        raise RuntimeError("the dreg-lint console script is not installed next to the interpreter or on PATH")
    return found


DREG_LINT = _console_script()
REPOSITORY = Path(__file__).resolve().parents[2]
SEEDS = REPOSITORY.parent / "shared" / "corpus" / "seeds"
EXAMPLE_PAGES = REPOSITORY / "examples" / "pages"

# Variables that change what dreg-lint does: removed so that the tests see the defaults.
_SCRUBBED = ("NO_COLOR", "FORCE_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "DREG_LINT_CACHE_DIR",
             "DREG_LINT_DISABLE_PLUGIN_AUTOLOAD", "PYTHONPATH", "PYTHONWARNINGS", "PYTHONSTARTUP")


def clean_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in _SCRUBBED}
    env["PYTHONIOENCODING"] = "utf-8"
    env.update(extra or {})
    return env


@attrs.frozen
class Result:
    rc: int
    stdout_bytes: bytes
    stderr_bytes: bytes

    @property
    def out(self) -> str:
        return self.stdout_bytes.decode("utf-8", "replace")

    @property
    def err(self) -> str:
        return self.stderr_bytes.decode("utf-8", "replace")

    @property
    def err_lines(self) -> list[str]:
        return self.err.splitlines()

    def json(self):
        return json.loads(self.out)

    def error_lines(self) -> list[str]:
        """The ``dreg-lint: error: ...`` lines of standard error."""
        return [line for line in self.err_lines if line.startswith("dreg-lint: error:")]

    def __repr__(self) -> str:  # what pytest shows when an assertion fails
        return f"Result(rc={self.rc}, stdout={self.out[:2000]!r}, stderr={self.err[:2000]!r})"


def run(args: Sequence[str | os.PathLike], cwd: str | os.PathLike, *, input: bytes | str | None = None,
        env: Mapping[str, str] | None = None, timeout: float = 120, command: Sequence[str] | None = None,
        **popen) -> Result:
    """Run ``dreg-lint ARGS`` in ``cwd``; a hang fails the test through ``timeout``."""
    if isinstance(input, str):
        input = input.encode("utf-8")
    completed = subprocess.run(
        [*(command or [DREG_LINT]), *map(str, args)], cwd=cwd, input=input if input is not None else b"",
        capture_output=True, env=clean_env(env), timeout=timeout, **popen,
    )
    return Result(completed.returncode, completed.stdout, completed.stderr)


def assert_no_traceback(result: Result) -> None:
    assert "Traceback" not in result.err, result
    assert "Exception ignored" not in result.err, result


# Pages -------------------------------------------------------------------------------------------

HEADER = "NHS Digital Data Release Register - reformatted"

_FIELDS = (
    ("type", "Type of data"), ("opt_outs", "Opt outs honoured"), ("legal_basis", "Legal basis"),
    ("purposes", "Purposes"), ("sensitive", "Sensitive"), ("when", "When"),
    ("access", "Access method"), ("controller", "Data-controller type"), ("sublicensing", "Sublicensing allowed"),
)

CLEAN_FIELDS = {
    "type": "Anonymised - ICO Code Compliant",
    "opt_outs": "No - data flow is not identifiable, Anonymised - ICO Code Compliant "
                "(Does not include the flow of confidential data)",
    "legal_basis": "Health and Social Care Act 2012 s261(2)(b)(ii)",
    "purposes": "No (Clinical Commissioning Group (CCG))",
    "sensitive": "Non-Sensitive",
    "when": "DSA runs 2020-01-01 — 2022-12-31 2020.03 — 2022.10.",
    "access": "One-Off",
    "controller": None,  # the page's organisation, upper-cased
    "sublicensing": "No",
}


def project(title: str, reference: str, org: str = "Riverside Cardiac Network", **fields: str | None) -> str:
    """One project: heading, one-line fields (clean unless overridden; None leaves a field out), sections."""
    values = dict(CLEAN_FIELDS, controller=org.upper())
    values.update(fields)
    lines = [f"{title} — {reference}"]
    for key, label in _FIELDS:
        value = values[key]
        if value is None:
            continue
        separator = ":" if key == "when" else ": "
        lines.append(f"{label}{separator}{value}".rstrip() if value == "" else f"{label}{separator}{value}")
    lines += [
        "Datasets:", "- Hospital Episode Statistics Admitted Patient Care",
        "Objectives:", values.get("objectives") or "The network counts how many patients come back to hospital within a month.",
        "Yielded Benefits:", "A shorter discharge checklist was adopted in two wards.",
        "Expected Benefits:", "Fewer emergency readmissions.",
        "Outputs:", "Quarterly aggregate tables with small cells suppressed.",
        "Processing:", "Two analysts work on the tables on the network's own servers.",
    ]
    return "\n".join(lines) + "\n"


def page(org: str = "Riverside Cardiac Network", projects: Iterable[str] | None = None) -> str:
    if projects is None:
        projects = [project("Heart failure readmission audit", "DARS-NIC-54321-QWERT", org)]
    return f"{HEADER}\n{org} projects\n" + "".join(projects)


#: No finding at all.
CLEAN = page()

#: One info finding (DRL020 sublicensing-permitted, line 12).
INFO_ONLY = page(projects=[project("Heart failure readmission audit", "DARS-NIC-54322-QWERU", sublicensing="Yes")])

#: One warning finding (DRL009 missing-data-controller, line 11).
WARNING_ONLY = page(projects=[project("Heart failure readmission audit", "DARS-NIC-54323-QWERV", controller="")])

#: An error (DRL010 on line 6), warnings (DRL001, DRL011 on line 5) and an info (DRL014 on line 6).
BAD_ORG = "Lakeside Health Board"
BAD = page(BAD_ORG, [project("Waiting time study", "DARS-NIC-12345-ABCDE", BAD_ORG, type="Identifiable",
                             opt_outs="Y, N", legal_basis="Health and Social Care Act 2012",
                             when="DSA runs 2019-01-01 — 2021-12-31 2019.02 — 2021.11.")])
BAD_CODES = ["DRL001", "DRL011", "DRL010", "DRL014"]


def write(directory: Path, name: str, text: str | bytes) -> Path:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_bytes(text.encode("utf-8"))
    return path


def codes(result: Result) -> list[str]:
    return [d["code"] for d in result.json()]


def varied_pages(count: int = 20) -> dict[str, str]:
    """``count`` small pages with a mixture of findings (including a reference on two pages)."""
    pages = {}
    variants = [
        {},
        {"sublicensing": "Yes"},
        {"controller": ""},
        {"type": "Identifiable", "opt_outs": "Y, N", "legal_basis": "Health and Social Care Act 2012"},
        {"when": "DSA runs 2021-01-01 — 2019-12-31 2020.05 — 2020.02."},
        {"purposes": "()"},
        {"legal_basis": "Health and Social Care Act 2012, , Section 251 approval is in place for the flow of identifiable data"},
        {"when": "2019.02 — 2021.11."},
    ]
    for number in range(count):
        org = f"Example Trust {number:02d}"
        fields = variants[number % len(variants)]
        reference = f"DARS-NIC-{10000 + number}-AB{number % 10}CD" if number % 5 else "DARS-NIC-99999-SHARE"
        projects = [project(f"Audit of service {number}", reference, org, **fields)]
        if number % 3 == 0:
            projects.append(project("Project 2", f"NIC-{20000 + number}-ZZ{number % 10}ZZ", org, sublicensing=""))
        pages[f"page_{number:02d}.txt"] = page(org, projects)
    return pages
