"""The scanning layer: how rules find things in a text fast, so that rules need not know.

A rule says *what* it looks for, as a regular expression, and asks::

    from qualitycheck.scan import finditer

    for m in finditer(doc, _PATTERN):  # the matches of _PATTERN.finditer(doc.text), in order
        ...

``finditer`` reads the pattern once and tries it only where a match can start (after a rare
character it needs, inside a long run of the characters it repeats); a pattern it cannot read
is scanned by ``re`` itself. Either way the matches are those of ``re.finditer`` (a property test
checks it on generated text).

Also here, for the declarative packs and whoever needs them:

- ``matches_from(pattern, text, starts)``: the matches of ``finditer`` when the caller knows the
  possible starts (ascending);
- ``AnchorScanner``: every occurrence of many literal words in one pass; ``anchor_words``: the
  rarest literal word a pattern needs;
- ``skeleton`` and ``first_chars``: what a pattern needs inside and at the start of a match;
- ``unsafe_pattern``: the guard that refuses user patterns that can take exponential time.

This package is the only code that reads CPython's private parser (``re._parser``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from qualitycheck.scan.starts import finditer, matches_from, plan_of

if TYPE_CHECKING:
    from qualitycheck.scan.anchors import AnchorScanner, anchor_words
    from qualitycheck.scan.guard import unsafe_pattern
    from qualitycheck.scan.skeleton import first_chars, skeleton

# Imported on first use: a run that never loads a user pack never needs the guard (start-up time).
_LAZY = {
    "AnchorScanner": "anchors", "anchor_words": "anchors", "unsafe_pattern": "guard",
    "first_chars": "skeleton", "skeleton": "skeleton",
}  # fmt: skip


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f"qualitycheck.scan.{_LAZY[name]}"), name)
    raise AttributeError(f"module 'qualitycheck.scan' has no attribute {name!r}")


__all__ = [
    "AnchorScanner",
    "anchor_words",
    "finditer",
    "first_chars",
    "matches_from",
    "plan_of",
    "skeleton",
    "unsafe_pattern",
]
