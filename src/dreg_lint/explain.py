"""A rule's documentation as text: for ``--explain``, SARIF help and the README rule table.

Everything comes from the rule's module: its docstring, its examples and its options.
"""

from __future__ import annotations

from dreg_lint.rule import Rule


def explain(rule: Rule) -> str:
    lines = [f"{rule.code} ({rule.name})", "", rule.summary, ""]
    lines.append(f"Severity: {rule.severity.value}. Scope: {rule.scope.value}. "
                 f"Groups: {', '.join(rule.groups) or '-'}. Plugin: {rule.plugin or '-'}.")
    for heading in ("What it checks", "Why", "Known false positives"):
        body = rule.doc_section(heading)
        if body:
            lines += ["", f"## {heading}", "", body]
    for title, example in (("Bad example", rule.bad), ("Good example", rule.good)):
        if example is not None and example.text:
            lines += ["", f"## {title}", ""]
            lines += ["    " + line for line in example.text.rstrip("\n").splitlines()]
            if example.expect:
                lines += ["", f"Reported at {', '.join(example.expect)}."]
    lines += ["", "## Options", ""]
    if rule.options:
        for option in rule.options:
            lines.append(f"- `{option.name}` ({option.type_name}, default {option.default!r}): {option.help}")
    else:
        lines.append(rule.doc_section("options") or "None.")
    return "\n".join(lines)
