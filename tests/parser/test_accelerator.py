"""The optional lark-cython accelerator gives exactly the model the pure-Python parser gives."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from corpus import REPOSITORY, real_files, seed_files

pytest.importorskip("lark_cython", reason="lark-cython (the optional [speed] extra) is not installed")

FIXTURES = sorted((REPOSITORY / "tests" / "fixtures" / "pages").glob("*.txt"))
EXAMPLES = sorted((REPOSITORY / "examples" / "pages").glob("*.txt"))

_DUMP = """
import json, sys
from dreg_lint.grammar_loader import accelerator_plugins
from dreg_lint.dump import to_json
from dreg_lint.parser import parse_bytes
print(json.dumps({"accelerated": accelerator_plugins() is not None,
                  "pages": [to_json(parse_bytes(open(p, "rb").read(), p)) for p in sys.argv[1:]]}))
"""


def _dump(paths: list[Path], pure: bool) -> dict:
    env = {key: value for key, value in os.environ.items() if key != "DREG_LINT_PURE_PYTHON"}
    if pure:
        env["DREG_LINT_PURE_PYTHON"] = "1"
    done = subprocess.run([sys.executable, "-c", _DUMP, *map(str, paths)], capture_output=True, text=True,
                          env=env, check=True, timeout=300)
    return json.loads(done.stdout)


def test_both_parsers_build_the_same_model():
    paths = [*FIXTURES, *EXAMPLES, *seed_files(), *real_files()]
    accelerated, pure = _dump(paths, pure=False), _dump(paths, pure=True)
    assert accelerated["accelerated"] is True and pure["accelerated"] is False
    for path, fast, slow in zip(paths, accelerated["pages"], pure["pages"]):
        assert fast == slow, f"the two parsers disagree on {path.name}"
