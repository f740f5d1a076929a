"""dreg-lint: a linter for the reformatted NHS Digital Data Release Register."""

from dreg_lint.parser import parse

__version__ = "0.1.0"
__all__ = ["parse", "__version__"]
