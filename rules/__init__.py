"""The built-in rule pack: DRL001-DRL037, one module per rule.

It is registered through the ``dreg_lint_rules`` hook exactly like a third-party pack.
"""

from __future__ import annotations

import importlib
import pkgutil

from dreg_lint.plugins import hookimpl
from dreg_lint.rule import Rule


def rule_modules():
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda info: info.name):
        if info.name.startswith("drl"):
            yield importlib.import_module(f"{__name__}.{info.name}")


@hookimpl
def dreg_lint_rules() -> list[Rule]:
    return [module.RULE for module in rule_modules()]
