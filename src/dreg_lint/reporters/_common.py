"""Helpers the renderers share: making page text safe for a terminal, for JSON and for XML, paths
for CI systems, and fingerprints that are unique within one report."""

from __future__ import annotations

import os
import posixpath
import re
import unicodedata
from collections import Counter
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:
    from dreg_lint.diagnostics import Diagnostic

STDIN_NAME = "<stdin>"  # how a diagnostic without a path is shown (the engine's word for it)

# Characters a terminal (or a log viewer) acts on instead of showing: C0 controls, DEL, C1 controls,
# lone surrogates (which a UTF-8 stream cannot even encode), the Unicode line and paragraph
# separators, and the bidirectional overrides and isolates ("Trojan source").
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029{_BIDI}]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def escape_char(char: str) -> str:
    """The visible escape of one unsafe character: ``\\n``, ``\\x1b``, ``\\u202e``."""
    if char in _NAMED:
        return _NAMED[char]
    point = ord(char)
    return f"\\x{point:02x}" if point <= 0xFF else f"\\u{point:04x}"


def escape_control(text: str, keep: str = "") -> str:
    """``text`` with every character a terminal would act on replaced by a visible escape.

    Characters in ``keep`` are left alone.
    """
    if not _UNSAFE.search(text):
        return text
    return _UNSAFE.sub(lambda m: m.group() if m.group() in keep else escape_char(m.group()), text)


def is_unsafe(char: str) -> bool:
    return _UNSAFE.fullmatch(char) is not None


def char_width(char: str) -> int:
    """Terminal columns a (safe) character takes: 2 for wide East Asian characters, 0 for combining
    marks and invisible format characters, 1 otherwise."""
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def join_surrogate_pairs(text: str) -> str:
    """Combine high/low surrogate pairs (as a JSON decoder may leave them) into one character."""
    if not _SURROGATE.search(text):
        return text
    return _PAIR.sub(lambda m: m.group().encode("utf-16-le", "surrogatepass").decode("utf-16-le"), text)


def replace_surrogates(text: str) -> str:
    """``text`` with pairs combined and every lone surrogate replaced by U+FFFD, so it encodes as
    UTF-8 and serialises as valid JSON."""
    if not _SURROGATE.search(text):
        return text
    return _SURROGATE.sub("\ufffd", join_surrogate_pairs(text))


def clean_json(value):
    """A JSON-ready value with every string passed through ``replace_surrogates``."""
    if isinstance(value, str):
        return replace_surrogates(value)
    if isinstance(value, dict):
        return {clean_json(key): clean_json(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean_json(item) for item in value]
    return value


# XML 1.0 forbids C0 controls other than tab, LF and CR, surrogates, U+FFFE and U+FFFF; it asks
# documents to avoid DEL and the C1 controls (except NEL), which terminals act on: drop them too.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def clean_xml(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids or discourages (surrogate pairs are combined
    first)."""
    return _XML_FORBIDDEN.sub("", join_surrogate_pairs(text))


def display_path(path: str | None) -> str:
    return STDIN_NAME if path is None else path


def relative_path(path: str | None, cwd: str | None = None) -> str:
    """A relative path with forward slashes, for CI systems that resolve paths against the root of
    the repository (the current directory is taken to be that root).

    An absolute path is made relative to the current directory (with ``..`` when it lies outside;
    on Windows, across drives, the drive and leading separators are dropped). A relative path is
    normalised (``./a//b`` -> ``a/b``).
    """
    if path is None:
        return STDIN_NAME
    if os.path.isabs(path):
        try:
            path = os.path.relpath(path, cwd or os.getcwd())
        except ValueError:  # Windows: another drive
            path = os.path.splitdrive(path)[1].lstrip("\\/")
    if os.sep != "/":
        path = path.replace(os.sep, "/")
    if os.altsep and os.altsep != "/":
        path = path.replace(os.altsep, "/")
    return posixpath.normpath(path)


def unique_fingerprints(diagnostics: Iterable["Diagnostic"]) -> list[str]:
    """One fingerprint per diagnostic, unique within the report.

    The diagnostic's fingerprint is kept as it is the first time it occurs; a later diagnostic with
    the same fingerprint (the same text flagged twice in one project) gets ``:2``, ``:3``... so that
    CI systems that deduplicate on the fingerprint keep both. A diagnostic without a fingerprint
    gets one made of its path, code, position and message.
    """
    import hashlib

    seen: Counter[str] = Counter()
    result = []
    for diagnostic in diagnostics:
        base = diagnostic.fingerprint
        if not base:
            key = "\x1f".join(str(part) for part in (
                diagnostic.path or "", diagnostic.code, diagnostic.line, diagnostic.column,
                diagnostic.end_line, diagnostic.end_column, diagnostic.message))
            base = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]
        seen[base] += 1
        result.append(base if seen[base] == 1 else f"{base}:{seen[base]}")
    return result


def rule_summary(report, code: str) -> str:
    rule = report.rules.get(code)
    return rule.summary if rule is not None else ""
