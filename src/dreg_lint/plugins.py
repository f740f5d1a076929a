"""The plugin host: finds plugins, loads each on its own, and collects the rules they declare."""

from __future__ import annotations

import importlib
import os
import re
import sys
from importlib.machinery import PathFinder
from typing import Any, Iterable

import attrs
import pluggy

from dreg_lint import __version__, hookspecs
from dreg_lint.rule import Option, Rule

hookimpl = pluggy.HookimplMarker("dreg_lint")

ENTRY_POINT_GROUP = "dreg_lint"
BUILTIN_PLUGINS = ("dreg_lint.structure", "dreg_lint.rules", "dreg_lint.reporters")


@attrs.frozen(slots=True)
class PluginInfo:
    name: str
    version: str
    module: str


class PluginHost:
    """A pluggy plugin manager with per-plugin fault isolation.

    Problems (a plugin that does not import, a misspelt hook, a hook that raises or returns
    something that is not rules, two rules with one code) are collected in ``errors`` as one line
    each; the run goes on with everything that did load, and exits with status 2.
    """

    def __init__(self) -> None:
        self.manager = pluggy.PluginManager("dreg_lint")
        self.manager.add_hookspecs(hookspecs)
        self.plugins: dict[str, PluginInfo] = {}
        self.errors: list[str] = []

    # Loading

    def load(self, modules: Iterable[str] = (), autoload: bool = True) -> "PluginHost":
        for name in BUILTIN_PLUGINS:
            self._register_module(name, name, __version__)
        if autoload and not os.environ.get("DREG_LINT_DISABLE_PLUGIN_AUTOLOAD"):
            self._load_entry_points()
        for name in modules:
            self._register_module(name, name, "local")
        return self

    def _load_entry_points(self) -> None:
        if not may_declare_entry_points(ENTRY_POINT_GROUP):
            return
        import importlib.metadata  # only when an installed plugin may be there

        for entry_point in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
            distribution = getattr(entry_point, "dist", None)
            version = distribution.version if distribution is not None else "unknown"
            label = f"{entry_point.name} {version}"
            if entry_point.name in self.plugins:
                continue
            try:
                module = entry_point.load()
            except BaseException as error:  # noqa: BLE001 - a plugin may raise anything while importing
                if isinstance(error, KeyboardInterrupt):
                    raise
                self.errors.append(f"plugin {label} failed to load: {_one_line(error)}")
                continue
            self._register(module, entry_point.name, version)

    def _register_module(self, module_name: str, name: str, version: str) -> None:
        try:
            module = importlib.import_module(module_name)
        except BaseException as error:  # noqa: BLE001
            if isinstance(error, KeyboardInterrupt):
                raise
            self.errors.append(f"plugin {name} ({version}) failed to load: {_one_line(error)}")
            return
        if version == "local":
            # A local module names its own version, if it has one.
            declared = getattr(module, "__version__", None)
            version = f"local {declared}" if isinstance(declared, str) and declared else version
        self._register(module, name, version)

    def _register(self, module: Any, name: str, version: str) -> None:
        try:
            self.manager.register(module, name=name)
            self.manager.check_pending()
        except (pluggy.PluginValidationError, ValueError) as error:
            if self.manager.is_registered(module):
                self.manager.unregister(module)
            self.errors.append(f"plugin {name} ({version}) is invalid: {_one_line(error)}")
            return
        self.plugins[name] = PluginInfo(name, version, getattr(module, "__name__", name))

    # Calling hooks, one implementation at a time

    def call(self, hook_name: str) -> list[tuple[str, Any]]:
        """(plugin name, result) of each implementation; one that raises is reported and skipped."""
        results = []
        for implementation in getattr(self.manager.hook, hook_name).get_hookimpls():
            name = implementation.plugin_name
            try:
                result = implementation.function()
            except Exception as error:  # noqa: BLE001
                self.errors.append(f"plugin {self.describe(name)} raised in {hook_name}: {_one_line(error)}")
                continue
            if result is not None:
                results.append((name, result))
        return results

    def describe(self, name: str) -> str:
        info = self.plugins.get(name)
        return f"{name} ({info.version})" if info else name


@attrs.define
class Registry:
    """Every rule by code, and the names, groups and prefixes that select them."""

    rules: dict[str, Rule] = attrs.field(factory=dict)
    errors: list[str] = attrs.field(factory=list)

    @classmethod
    def from_host(cls, host: PluginHost) -> "Registry":
        registry = cls()
        for plugin, rules in host.call("dreg_lint_rules"):
            if not isinstance(rules, (list, tuple)) or not all(isinstance(r, Rule) for r in rules):
                host.errors.append(f"plugin {host.describe(plugin)} returned something other than a list "
                                   f"of Rule objects from dreg_lint_rules")
                continue
            for rule in rules:
                registry.add(rule, plugin, host)
        for plugin, options in host.call("dreg_lint_rule_options"):
            registry.add_options(options, plugin, host)
        registry.errors = host.errors
        return registry

    def add(self, rule: Rule, plugin: str, host: PluginHost) -> None:
        if rule.code in self.rules:
            other = self.rules[rule.code]
            host.errors.append(f"rule code {rule.code} is declared twice: by plugin "
                               f"{host.describe(other.plugin)} ({other.name}) and by plugin "
                               f"{host.describe(plugin)} ({rule.name})")
            return
        if rule.check is None:
            host.errors.append(f"plugin {host.describe(plugin)}: rule {rule.code} has no check")
            return
        rule.plugin = plugin
        self.rules[rule.code] = rule

    def add_options(self, options: Any, plugin: str, host: PluginHost) -> None:
        if not isinstance(options, dict):
            host.errors.append(f"plugin {host.describe(plugin)} returned something other than a dict "
                               f"from dreg_lint_rule_options")
            return
        for code, extra in options.items():
            rule = self.rules.get(code)
            if rule is None:
                host.errors.append(f"plugin {host.describe(plugin)} declares options for unknown rule {code}")
                continue
            known = {option.name for option in rule.options}
            rule.options = rule.options + tuple(o for o in extra if isinstance(o, Option) and o.name not in known)

    # Selection

    @property
    def groups(self) -> set[str]:
        return {group for rule in self.rules.values() for group in rule.groups}

    def resolve(self, selector: str) -> set[str]:
        """The codes a selector names: ``ALL``, a code, a code prefix, a rule name or a group.

        Raises ``KeyError`` for a selector that names nothing.
        """
        selector = selector.strip()
        if selector.upper() == "ALL":
            return set(self.rules)
        if selector.upper() in self.rules:
            return {selector.upper()}
        by_name = {code for code, rule in self.rules.items() if rule.name == selector}
        if by_name:
            return by_name
        by_group = {code for code, rule in self.rules.items() if selector in rule.groups}
        if by_group:
            return by_group
        by_prefix = {code for code in self.rules if code.startswith(selector.upper())}
        if by_prefix and selector[:1].isalpha():
            return by_prefix
        raise KeyError(selector)

    def find(self, code_or_name: str) -> Rule | None:
        rule = self.rules.get(code_or_name.upper())
        if rule is not None:
            return rule
        return next((r for r in self.rules.values() if r.name == code_or_name), None)


def _one_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    detail = text[0] if text else ""
    return f"{type(error).__name__}: {detail}" if detail else type(error).__name__


def may_declare_entry_points(group: str) -> bool:
    """False only where no installed distribution can declare an entry point in ``group``.

    Importing ``importlib.metadata`` (and the ``email`` package it needs) is a sixth of dreg-lint's
    start-up, and most installations have no plugin. So the ``entry_points.txt`` of every
    distribution in the directories of ``sys.path`` is read first, which is where
    ``importlib.metadata`` finds them; it is asked only when one declares the group, or when the
    answer is not certain: a zip archive or an egg on the path, or another finder of distributions.
    """
    if any(hasattr(finder, "find_distributions") and finder is not PathFinder for finder in sys.meta_path):
        return True
    header = re.compile(rf"^\s*\[\s*{re.escape(group)}\s*\]", re.MULTILINE)
    for entry in sys.path:
        directory = entry or "."
        if not os.path.isdir(directory):
            if os.path.exists(directory):
                return True  # a zip archive: importlib.metadata looks inside
            continue
        try:
            names = os.listdir(directory)
        except OSError:
            continue  # importlib.metadata cannot list it either
        for name in names:
            if name.endswith(".egg"):
                return True
            if not name.endswith((".dist-info", ".egg-info")):
                continue
            try:
                with open(os.path.join(directory, name, "entry_points.txt"), encoding="utf-8",
                          errors="replace") as handle:
                    if header.search(handle.read()):
                        return True
            except OSError:
                continue  # no entry points (or an egg-info file): nothing declared there
    return False
