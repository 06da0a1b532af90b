"""Line tests built from the boilerplate packs, for rules that need to know a scraped line."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache
from typing import TYPE_CHECKING

from qualitycheck.rule import Rule
from qualitycheck.scan.programs import re_compile

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
    # which this matcher does not use; the characters an entry's matches start with, as its pack
    # lists them (its flags differ from the entry's in MULTILINE only, which changes no start).
    patterns = [
        (_pattern_source(part.combined)[1], entry.source, part._first_chars[index])
        for rule in pool
        if isinstance(rule, PackRule)
        for part in rule.parts
        if part.combined is not None
        for index, entry in enumerate(part.entries)
        if entry.footer
    ]
    return _footer_matcher(tuple(patterns))


@cache
def _footer_matcher(
    patterns: tuple[tuple[int, str, frozenset[str] | None], ...],
) -> Callable[[str], bool]:
    sources = [(_spaces_to_whitespace(src), flags & re.IGNORECASE) for flags, src, _ in patterns]
    compiled: list[_FullMatch | None] = [None] * len(patterns)

    def fullmatch(i: int) -> _FullMatch:
        found = compiled[i]
        if found is None:  # compiled when a line first needs it
            found = compiled[i] = re_compile(*sources[i]).fullmatch
        return found

    # Only the patterns whose matches can start with the line's first character are tried.
    by_first = {
        chr(c): tuple(i for i, (_, _, f) in enumerate(patterns) if f is None or chr(c) in f)
        for c in range(128)
    }
    every = tuple(range(len(patterns)))

    def is_footer(line: str) -> bool:
        trimmed = line.strip(_LINE_TRIM)
        if not trimmed or len(trimmed) > _MAX_BOILERPLATE_LINE:
            return False
        return any(fullmatch(i)(trimmed) for i in by_first.get(trimmed[0], every))

    return is_footer


_FullMatch = Callable[[str], "re.Match[str] | None"]


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
