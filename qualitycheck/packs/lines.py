"""Line tests built from the boilerplate packs, for rules that need to know a scraped line."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache
from typing import TYPE_CHECKING

from qualitycheck.rule import Rule
from qualitycheck.scan.skeleton import first_chars

if TYPE_CHECKING:
    pass
from qualitycheck.packs.compile import _spaces_to_whitespace
from qualitycheck.packs.load import PackRule, _builtin_rules
from qualitycheck.packs.model import _LINE_TRIM, _MAX_BOILERPLATE_LINE, _pattern_source


def footer_line_matcher(rules: Iterable[Rule] | None = None) -> Callable[[str], bool]:
    """A test for lines that start a scraped footer ("More Stories", "Related Articles"): the
    boilerplate entries marked ``footer = true`` of ``rules`` (default: the built-in packs)."""
    pool = _builtin_rules() if rules is None else tuple(rules)
    # The flags without compiling the pack's combined pattern (~8 ms for the built-in footers),
    # which this matcher does not use.
    patterns = [
        (_pattern_source(part.combined)[1], entry.source)
        for rule in pool
        if isinstance(rule, PackRule)
        for part, entry in rule.footer_entries()
        if part.combined is not None
    ]
    return _footer_matcher(tuple(patterns))


@cache
def _footer_matcher(patterns: tuple[tuple[int, str], ...]) -> Callable[[str], bool]:
    compiled = [
        re.compile(_spaces_to_whitespace(src), flags & re.IGNORECASE) for flags, src in patterns
    ]
    # Only the patterns whose matches can start with the line's first character are tried.
    starts = [first_chars(r.pattern, r.flags) for r in compiled]
    by_first = {
        chr(c): tuple(
            r.fullmatch for r, f in zip(compiled, starts, strict=True) if f is None or chr(c) in f
        )
        for c in range(128)
    }
    every = tuple(r.fullmatch for r in compiled)

    def is_footer(line: str) -> bool:
        trimmed = line.strip(_LINE_TRIM)
        if not trimmed or len(trimmed) > _MAX_BOILERPLATE_LINE:
            return False
        return any(fullmatch(trimmed) for fullmatch in by_first.get(trimmed[0], every))

    return is_footer


def boilerplate_line_matcher(rules: Iterable[Rule] | None = None) -> Callable[[str], bool]:
    """A test for whole lines any boilerplate pack matches (footer or not)."""
    pool = _builtin_rules() if rules is None else tuple(rules)
    parts = tuple(
        part
        for rule in pool
        if isinstance(rule, PackRule)
        for part in rule.parts
        if part.type == "boilerplate"
    )

    def is_boilerplate(line: str) -> bool:
        return any(part.line_entry(line) is not None for part in parts)

    return is_boilerplate
