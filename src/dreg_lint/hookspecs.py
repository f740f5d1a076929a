"""The dreg-lint plugin hooks. These docstrings are the plugin documentation.

A plugin is a module with functions named after the hooks below and marked ``@dreg_lint.hookimpl``.
dreg-lint finds plugins in three places:

* the ``dreg_lint`` entry-point group of installed distributions::

      [project.entry-points.dreg_lint]
      my_rules = "my_package.rules"

* ``--plugin MODULE`` on the command line (repeatable);
* the ``plugins`` list in the configuration.

The built-in rule pack (``dreg_lint.rules``) and the built-in output formats
(``dreg_lint.reporters``) are registered through exactly these hooks, like any third-party plugin.
Each plugin is loaded on its own: one that fails to import is reported by name and version, and the
others still load. A hook implementation whose name is not a hook below is an error, not silence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from dreg_lint.reporters import OutputFormat
    from dreg_lint.rule import Option, Rule

hookspec = pluggy.HookspecMarker("dreg_lint")


@hookspec
def dreg_lint_rules() -> "list[Rule]":
    """Declare rules.

    Return a list of ``dreg_lint.Rule`` objects. Each carries its metadata (a stable code such as
    ``ABC001``, a kebab-case name, a default severity, groups, a scope), its documentation (the
    docstring of its module: what it checks, why, known false positives), a bad and a good example,
    and its check. Two rules with one code, from any two plugins, stop the run with an error naming
    both plugins.

    A project-scope rule's check is called as ``check(project, context)``, a page-scope rule's as
    ``check(document, context)``; both return or yield ``dreg_lint.Finding`` objects. A cross-page
    rule (scope ``pages``) has a ``collect(document, context)`` that returns small, picklable facts
    for each page, and a ``check(facts, context)`` called once with the facts of every page, so the
    pages themselves need not stay in memory. ``facts`` is a list, one item per page on which
    ``collect`` returned (facts are JSON-shaped: they travel between processes and through the cache
    as JSON). A rule declared with ``streamed_facts=True`` is given instead a sized collection that
    may be iterated any number of times and reads the facts back from a temporary file each time,
    so that the facts of a large run are never all in memory.
    """


@hookspec
def dreg_lint_rule_options() -> "dict[str, list[Option]]":
    """Declare options for rules, as ``{code: [Option, ...]}``.

    Options usually travel with the ``Rule`` object; this hook lets a plugin add options to a rule it
    declares elsewhere. Users set options in ``[tool.dreg-lint.rules.CODE]``; a key that no option
    declares, or a value of the wrong type, is a configuration error.
    """


@hookspec
def dreg_lint_output_formats() -> "list[OutputFormat]":
    """Declare output formats for ``--output-format``.

    Return ``dreg_lint.reporters.OutputFormat`` objects: a name, a one-line description, and the
    dotted path (``"package.module:function"``) of a ``render(report, stream)`` function, imported
    only when the format is chosen.
    """

