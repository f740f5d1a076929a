"""dreg-lint: a linter for the reformatted NHS Digital Data Release Register.

Library entry points: ``parse`` (page text to the typed model), ``lint_text`` and ``lint_paths``
(diagnostics). Plugins use ``hookimpl``, ``Rule``, ``Finding``, ``Option`` and ``Example``.
"""

__version__ = "0.1.0"  # first: the modules below read it

from dreg_lint.diagnostics import Diagnostic, Severity
from dreg_lint.engine import lint_paths, lint_text
from dreg_lint.parser import parse, parse_bytes
from dreg_lint.plugins import hookimpl
from dreg_lint.rule import Context, Example, Finding, Option, Rule, Scope

__all__ = [
    "Context", "Diagnostic", "Example", "Finding", "Option", "Rule", "Scope", "Severity",
    "__version__", "hookimpl", "lint_paths", "lint_text", "parse", "parse_bytes",
]
