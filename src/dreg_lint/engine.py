"""The engine: runs the selected rules over pages and turns their findings into diagnostics.

Project rules run once per project, page rules once per page, cross-page rules once over the
compact facts collected from every page. A rule that raises, or yields something that is not a
finding, becomes a DRL999 diagnostic naming the rule, its plugin, the page and the project, and
every other rule still runs.
"""

from __future__ import annotations

import fnmatch
import json
import os
import traceback
from pathlib import PurePath
from typing import Any, Callable, Iterable

import attrs

from dreg_lint import primitives, values
from dreg_lint.diagnostics import (Diagnostic, Row, Severity, fingerprint, row_key_in_path, row_path,
                                   row_project, row_sort_key, severity_value, to_row)
from dreg_lint.model import Document, Project
from dreg_lint.parser import parse, parse_bytes
from dreg_lint.plugins import PluginHost, Registry
from dreg_lint.rule import Context, Finding, Rule, Scope
from dreg_lint.settings import Settings, SettingsError
from dreg_lint.span import Span


@attrs.define
class PageResult:
    """What linting one page produced. Picklable, so worker processes can send it back."""

    path: str | None
    # The findings as diagnostics' rows (``diagnostics.to_row``), in report order: the command
    # spools and renders rows, so a finding's Diagnostic, a frozen attrs object of twelve fields,
    # is made only where one is asked for (``diagnostics``).
    rows: list[Row]
    facts: dict[str, Any]  # cross-page rule code -> the facts its collect() returned
    errors: list[str]  # one line each: internal rule failures (exit status 2)

    @property
    def diagnostics(self) -> list[Diagnostic]:
        """The findings as diagnostics, made from their rows on each call."""
        return list(map(Diagnostic.from_row, self.rows))


class Linter:
    def __init__(self, settings: Settings | None = None, host: PluginHost | None = None,
                 registry: Registry | None = None) -> None:
        self.settings = settings or Settings()
        self.host = host or PluginHost().load(self.settings.plugins, autoload=self.settings.plugin_autoload)
        self.registry = registry if registry is not None else Registry.from_host(self.host)
        self.rules = self._selected_rules()
        self.options = self._rule_options()
        # Ignore tables are resolved once, so that a selector naming no rule is a configuration
        # error whether or not a file or project matches it.
        self.file_ignores = {pattern: self._resolve_all(selectors, f"per-file-ignores.{pattern}")
                             for pattern, selectors in self.settings.per_file_ignores.items()}
        self.project_ignores = {reference: self._resolve_all(selectors, f"per-project-ignores.{reference}")
                                for reference, selectors in self.settings.per_project_ignores.items()}

    # Configuration

    def _selected_rules(self) -> list[Rule]:
        settings = self.settings
        codes: set[str] = set()
        for selector in (*settings.select, *settings.extend_select):
            codes |= self._resolve(selector, "select")
        for selector in settings.ignore:
            codes -= self._resolve(selector, "ignore")
        for code in settings.severity:
            if code not in self.registry.rules:
                raise SettingsError(f"severity: unknown rule code '{code}'", settings.source)
        return [self.registry.rules[code] for code in sorted(codes)]

    def _resolve(self, selector: str, key: str) -> set[str]:
        try:
            return self.registry.resolve(selector)
        except KeyError:
            raise SettingsError(f"{key}: '{selector}' is not a rule code, code prefix, rule name or group",
                                self.settings.source) from None

    def _resolve_all(self, selectors: Iterable[str], key: str) -> set[str]:
        codes: set[str] = set()
        for selector in selectors:
            codes |= self._resolve(selector, key)
        return codes

    def _rule_options(self) -> dict[str, dict[str, Any]]:
        options = {rule.code: rule.default_options() for rule in self.registry.rules.values()}
        for code, given in self.settings.rule_options.items():
            rule = self.registry.find(code)
            if rule is None:
                raise SettingsError(f"rules.{code}: unknown rule", self.settings.source)
            declared = {option.name: option for option in rule.options}
            for name, value in given.items():
                option = declared.get(name)
                if option is None:
                    raise SettingsError(f"rules.{code}.{name}: rule {rule.code} has no option '{name}'",
                                        self.settings.source)
                if not option.accepts(value):
                    raise SettingsError(f"rules.{code}.{name}: expected {option.type_name}, got "
                                        f"{type(value).__name__}", self.settings.source)
                options[rule.code][name] = value
        return options

    # Linting

    def lint_text(self, text: str, path: str | None = None) -> PageResult:
        return self.lint_document(parse(text, path))

    def lint_bytes(self, data: bytes, path: str | None = None) -> PageResult:
        return self.lint_document(parse_bytes(data, path))

    def lint_document(self, document: Document) -> PageResult:
        result = PageResult(document.path, [], {}, [])
        ignored = self._ignored_for_file(document.path)
        path, options = document.path, self.options
        project_rules: list[tuple[Rule, Context]] = []
        page_rules: list[tuple[Rule, Context]] = []
        pages_rules: list[tuple[Rule, Context]] = []
        by_scope = {Scope.PROJECT: project_rules, Scope.PAGE: page_rules, Scope.PAGES: pages_rules}
        for rule in self.rules:
            if rule.code not in ignored:
                by_scope[rule.scope].append((rule, Context(path, options[rule.code], document)))
        # Project by project, every rule in turn: what rules derive from one project (its free text
        # joined for searching, say) is then still at hand for the next rule.
        for project in document.projects:
            for rule, context in project_rules:
                # Inline rather than through ``_check``: this runs rules x projects times.
                try:
                    for finding in rule.check(project, context) or ():
                        self._keep(rule, finding, result, document, project)
                except Exception as error:  # noqa: BLE001 - a rule's failure is reported, not raised
                    self._rule_error(rule, result, path, project, error)
        for rule, context in page_rules:
            self._check(rule, document, context, result, document)
        for rule, context in pages_rules:
            if rule.collect is None:
                continue
            try:
                # Facts travel between processes and through the cache as JSON; giving every
                # rule JSON-shaped facts keeps cached, parallel and serial runs identical.
                # Facts that are so already are kept as they are: a copy of a large page's
                # would be made while its model is still in memory.
                facts = rule.collect(document, context)
                result.facts[rule.code] = facts if _json_shaped(facts) else json.loads(json.dumps(facts))
            except Exception as error:  # noqa: BLE001 - a rule's failure is reported, not raised
                self._rule_error(rule, result, path, None, error)
        # What the rules read of the page is let go of with it (held values, the last project).
        values.let_go()
        primitives.let_go()
        rows = result.rows
        # Nearly always all on the page's own path: then the key needs no path.
        same_path = set(map(row_path, rows)) <= {document.path}
        rows.sort(key=row_key_in_path if same_path else row_sort_key)
        return result

    def alone(self, page: PageResult) -> list[Diagnostic]:
        """The page's diagnostics with those of the cross-page rules run over it alone, in report
        order: what linting one page by itself finds."""
        return sorted(page.diagnostics + self.finish([page.facts]).diagnostics, key=Diagnostic.sort_key)

    def finish(self, facts_by_page: Iterable[dict[str, Any]],
               into: Callable[[list[Row]], None] | None = None) -> PageResult:
        """Run the cross-page rules once, over the facts collected from every page.

        ``facts_by_page`` is an iterable of each page's ``PageResult.facts``, or a
        ``dreg_lint.spool.FactsSpool`` (which keeps them in a file rather than in memory). With
        ``into``, the findings are handed to it as rows (``diagnostics.to_row``) in sorted
        batches as they come, rather than kept in the result: a cross-page rule may report on
        nearly every page of a large run."""
        result = PageResult(None, [], {}, [])
        if not hasattr(facts_by_page, "for_rule"):
            facts_by_page = _FactsList(facts_by_page)
        for rule in self.rules:
            if rule.scope is not Scope.PAGES:
                continue
            context = Context(None, self.options[rule.code], None)
            facts = facts_by_page.for_rule(rule.code)
            if not rule.streamed_facts:
                facts = list(facts)  # what a cross-page rule was always given
            self._check(rule, facts, context, result, None, into)
            if into is not None:
                _flush(result, into)
        result.rows.sort(key=row_sort_key)
        return result

    def _check(self, rule: Rule, node: Any, context: Context, result: PageResult, document: Document | None,
               into: Callable[[list[Row]], None] | None = None) -> None:
        """Run ``rule``'s check on ``node`` (a page, or the cross-page facts), keeping its findings
        (and handing them ``into`` a batch at a time, as ``finish`` does)."""
        try:
            for finding in rule.check(node, context) or ():
                self._keep(rule, finding, result, document, None)
                if into is not None and len(result.rows) >= _BATCH:
                    _flush(result, into)
        except Exception as error:  # noqa: BLE001 - a rule's failure is reported, not raised
            self._rule_error(rule, result, document.path if document is not None else None, None, error)

    def _keep(self, rule: Rule, finding: Finding, result: PageResult, document: Document | None,
              project: Project | None) -> None:
        """Add the finding to the result as a diagnostic's row, unless ignored; a malformed one
        raises."""
        if finding.__class__ is not Finding and not isinstance(finding, Finding):
            raise TypeError(f"yielded {type(finding).__name__}, not a Finding")
        if finding.span.__class__ is not Span and not isinstance(finding.span, Span):
            raise TypeError(f"yielded a Finding whose span is a {type(finding.span).__name__}, not a Span")
        if not isinstance(finding.message, str):
            raise TypeError(f"yielded a Finding whose message is a {type(finding.message).__name__}, "
                            f"not a str")
        row = self._row(rule, finding, document, project)
        if not self.project_ignores or not self._ignored_for_project(rule.code, row_project(row)):
            result.rows.append(row)

    def _row(self, rule: Rule, finding: Finding, document: Document | None, project: Project | None) -> Row:
        """The row (``diagnostics.to_row``) of the diagnostic the finding makes."""
        project = finding.project if finding.project is not None else project
        if project is not None:
            reference, project_line = project.reference, project.line
        else:
            reference, project_line = finding.reference, finding.project_line
        path = finding.path if finding.path is not None else (document.path if document else None)
        line, column, end_line, end_column, start, end = finding.span
        if finding.flagged is not None:
            flagged = finding.flagged
        else:
            flagged = document.source[start:end] if document is not None else ""
        code = rule.code
        severity = severity_value(self.settings.severity.get(code) or finding.severity or rule.severity)
        # A tuple in the order of Diagnostic's fields.
        return (code, rule.name, severity, finding.message, path, line, column, end_line,
                end_column, reference, project_line, fingerprint(path, code, reference, flagged))

    def _rule_error(self, rule: Rule, result: PageResult, path: str | None, project: Project | None,
                    error: Exception) -> None:
        where = path or "<stdin>"
        what = f" in project {project.reference or project.number}" if project is not None else ""
        plugin = self.host.describe(rule.plugin)
        line = (f"rule {rule.code} ({rule.name}) from plugin {plugin} failed on {where}{what}: "
                f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}".rstrip(": "))
        result.errors.append(line)
        if self.settings.verbose:
            result.errors.append("".join(traceback.format_exception(error)).rstrip())
        line_no = project.line if project is not None else 1
        result.rows.append(to_row(Diagnostic(
            code="DRL999", name="rule-error", severity=Severity.ERROR, message=line, path=path,
            line=line_no, column=1, end_line=line_no, end_column=1,
            project=project.reference if project is not None else None,
            project_line=project.line if project is not None else None,
            fingerprint=fingerprint(path, "DRL999", project.reference if project else None, rule.code),
        )))

    # Ignores

    def _ignored_for_file(self, path: str | None) -> set[str]:
        if path is None or not self.file_ignores:
            return set()
        candidates = {PurePath(path).as_posix(), PurePath(path).name}
        if self.settings.source:
            # Patterns are relative to the directory of the configuration file that holds them.
            base = os.path.dirname(os.path.abspath(self.settings.source))
            relative = os.path.relpath(os.path.abspath(path), base)
            if not relative.startswith(".."):
                candidates.add(PurePath(relative).as_posix())
        codes: set[str] = set()
        for pattern, ignored in self.file_ignores.items():
            if any(fnmatch.fnmatch(candidate, pattern) for candidate in candidates):
                codes |= ignored
        return codes

    def _ignored_for_project(self, code: str, project: str | None) -> bool:
        ignored = self.project_ignores.get(project or "")
        return bool(ignored) and code in ignored


def _json_shaped(value: Any) -> bool:
    """Whether ``value`` is made only of what ``json.loads`` gives back (so a JSON round trip would
    give an equal value of the same types)."""
    kind = type(value)
    if kind is str or kind is int or kind is float or kind is bool or value is None:
        return True
    if kind is list:
        return all(map(_json_shaped, value))
    if kind is dict:
        return all(type(key) is str and _json_shaped(item) for key, item in value.items())
    return False


# Cross-page findings handed on at a time: enough that a page's findings are seldom split in two
# batches (each batch is one more sorted run to merge), few enough to keep memory flat.
_BATCH = 256


def _flush(result: PageResult, into: Callable[[list[Row]], None]) -> None:
    if result.rows:
        result.rows.sort(key=row_sort_key)
        into(result.rows)
        result.rows = []


class _FactsList:
    """Pages' facts given as dictionaries (the library and the tests), seen per rule as a
    ``FactsSpool`` shows them: the facts of each page on which the rule collected some."""

    def __init__(self, pages: Iterable[dict[str, Any]]) -> None:
        self.pages = list(pages)

    def for_rule(self, code: str) -> list[Any]:
        return [page[code] for page in self.pages if code in page]


def lint_text(text: str, path: str | None = None, config: Settings | dict | None = None) -> list[Diagnostic]:
    """Lint one page given as text; cross-page rules see this page alone."""
    linter = Linter(Settings.coerce(config))
    return linter.alone(linter.lint_text(text, path))


def lint_paths(paths: Iterable[str], config: Settings | dict | None = None) -> list[Diagnostic]:
    """Lint files and directories (searched for pages as the command does), through the command's
    own runner. A path that is missing or cannot be read raises ``OSError`` naming it."""
    from dreg_lint.discovery import find_files
    from dreg_lint.runner import Job, run

    settings = Settings.coerce(config)
    linter = Linter(settings)
    found = find_files(list(paths), settings)
    result = run(linter, Job(settings, None, ""), found.files, jobs=1)
    # A rule that fails is already a DRL999 diagnostic; what cannot be linted at all is raised.
    errors = [*found.errors, *(e for e in result.errors if not e.startswith("rule ") and "\n" not in e)]
    if errors:
        raise OSError("; ".join(errors))
    return list(result.diagnostics)
