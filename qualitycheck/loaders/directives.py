"""Suppression comments in Markdown and HTML.

A directive is an HTML comment whose text starts with ``qualitycheck:``::

    <!-- qualitycheck: disable case.capital-mid-sentence, punctuation -->
    <!-- qualitycheck: enable case -->
    <!-- qualitycheck: disable-next-line -->

The action is ``disable``, ``enable`` or ``disable-next-line``; it is followed by rule ids or category
prefixes separated by commas and/or spaces (none: every rule). A comment that starts with
``qualitycheck:`` but cannot be understood is kept as a directive with action ``"invalid"`` so that
the engine can report it; its ``rules`` then hold what was written after ``qualitycheck:``, as
words. Comments that do not start with ``qualitycheck`` are ordinary comments and are ignored.
"""

from __future__ import annotations

import re

from qualitycheck.document import Directive

ACTIONS = frozenset({"disable", "enable", "disable-next-line"})

_PREFIX_RE = re.compile(r"\s*qualitycheck\b\s*(:?)(.*)", re.IGNORECASE | re.DOTALL)
# A rule id ("case.capital-mid-sentence") or a category prefix ("case").
_RULE_RE = re.compile(r"[a-z0-9][a-z0-9_-]*(?:\.[a-z0-9][a-z0-9_-]*)*")
_SPLIT_RE = re.compile(r"[\s,]+")


def parse_directive(comment: str, source_offset: int) -> Directive | None:
    """The directive in the text of an HTML comment (between ``<!--`` and ``-->``), or None when
    the comment is not addressed to qualitycheck."""
    m = _PREFIX_RE.fullmatch(comment)
    if m is None:
        return None
    words = tuple(w for w in _SPLIT_RE.split(m.group(2).strip()) if w)
    if not m.group(1) or not words:
        return Directive("invalid", words, source_offset)
    action, rules = words[0].lower(), tuple(w.lower() for w in words[1:])
    if action not in ACTIONS or not all(_RULE_RE.fullmatch(r) for r in rules):
        return Directive("invalid", words, source_offset)
    return Directive(action, rules, source_offset)


_COMMENT_RE = re.compile(r"<!--(.*?)(?:-->|\Z)", re.DOTALL)


def find_directives(markup: str, base_offset: int) -> list[Directive]:
    """Directives in every comment of ``markup``, a piece of the source starting at
    ``base_offset``."""
    out: list[Directive] = []
    if "qualitycheck" not in markup.lower():
        return out
    for m in _COMMENT_RE.finditer(markup):
        d = parse_directive(m.group(1), base_offset + m.start())
        if d is not None:
            out.append(d)
    return out
