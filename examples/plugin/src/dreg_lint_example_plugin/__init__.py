"""An example dreg-lint plugin: registers its rules through the ``dreg_lint_rules`` hook."""

import dreg_lint

from dreg_lint_example_plugin.short_title import RULE


@dreg_lint.hookimpl
def dreg_lint_rules():
    return [RULE]
