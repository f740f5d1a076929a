"""Helpers for rule authors: test a rule on a snippet of register text in a few lines.

    from dreg_lint.testing import lint_snippet, positions

    def test_my_rule_fires():
        found = lint_snippet(PAGE, select="ABC001")
        assert positions(found) == ["4:20"]

    def test_my_rule_examples():
        assert_examples("ABC001")   # the bad example fires where it says, the good one is clean

A snippet is any register text: a whole page, or just a project's lines. Only the selected rules
run (structural diagnostics too, if you select them). Text is turned into bytes with
``surrogateescape``, so ``"\\udcff"`` in a snippet stands for the undecodable byte 0xff.
"""

from __future__ import annotations

from typing import Any, Iterable

from dreg_lint.diagnostics import Diagnostic
from dreg_lint.engine import Linter
from dreg_lint.settings import Settings


def lint_snippet(
    text: str,
    select: str | Iterable[str] = "ALL",
    options: dict[str, dict[str, Any]] | None = None,
    plugins: Iterable[str] = (),
    path: str = "snippet.txt",
) -> list[Diagnostic]:
    """Lint ``text`` as one page with only the ``select``ed rules; cross-page rules see it alone."""
    settings = Settings(select=select if isinstance(select, str) else tuple(select),
                        rule_options=dict(options or {}), plugins=tuple(plugins), plugin_autoload=False)
    linter = Linter(settings)
    page = linter.lint_bytes(text.encode("utf-8", "surrogateescape"), path)
    problems = [*linter.host.errors, *page.errors]
    if problems:
        raise AssertionError("; ".join(problems))
    return linter.alone(page)


def positions(diagnostics: Iterable[Diagnostic]) -> list[str]:
    """``["line:column", ...]`` of the diagnostics, in order."""
    return [f"{d.line}:{d.column}" for d in diagnostics]


def assert_examples(code: str, plugins: Iterable[str] = ()) -> None:
    """Check a rule's documented examples: the bad one fires exactly where its ``expect`` says
    (and nowhere else), the good one raises nothing."""
    linter = Linter(Settings(plugins=tuple(plugins), plugin_autoload=False))
    rule = linter.registry.find(code)
    assert rule is not None, f"no rule {code}"
    assert rule.bad is not None and rule.good is not None, f"{code} documents no bad and good example"
    options = {rule.code: rule.bad.options} if rule.bad.options else None
    found = lint_snippet(rule.bad.text, rule.code, options, plugins)
    assert positions(found) == list(rule.bad.expect), (
        f"{code} bad example: expected findings at {list(rule.bad.expect)}, got "
        f"{[(d.line, d.column, d.message) for d in found]}")
    options = {rule.code: rule.good.options} if rule.good.options else None
    found = lint_snippet(rule.good.text, rule.code, options, plugins)
    assert not found, f"{code} good example raised {[(d.line, d.column, d.message) for d in found]}"
