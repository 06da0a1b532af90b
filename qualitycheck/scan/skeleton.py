"""Skeletons and first characters: what a regular expression needs, read off its parsed form.

A *skeleton* of a case-insensitive pattern is a case-sensitive expression that matches inside
every match of the pattern in the lower-cased text; ``re`` finds its literal start in C, so a
window where the skeleton does not occur is skipped without trying the pattern (the built-in
phrase packs use this). ``first_chars`` lists the ASCII characters a match can start with (the
boilerplate packs try only the lines that start with one).
"""

from __future__ import annotations

import contextlib
import re
import string
from typing import Any

from qualitycheck.scan.frequency import share as char_share
from qualitycheck.scan.programs import re_compile


class _Unsupported(Exception):
    """A part of a pattern the skeleton cannot stand for."""


# Characters outside ASCII that have no case: they stand for themselves in the lower-cased text.
_CASELESS = frozenset("’‘“”«»—–…©®™€£¥§°")
_ANY = r"[\s\S]"
# A unit of a skeleton: its source, the characters it starts with (a literal or a short class;
# None for anything else) and whether every match needs it (False: it may match nothing).
_Unit = tuple[str, frozenset[str] | None, bool]


def skeleton(pattern: str, flags: int) -> re.Pattern[str] | None:
    """A case-sensitive expression that, wherever ``re_compile(pattern, flags)`` matches ``text[s:e]``, matches
    somewhere inside ``lowered[s:e]`` (``text`` lower-cased character for character, free of
    ``FOLDS_TO_ASCII``); None when there is no useful one.

    It is the pattern with ASCII letters lower-cased, other cased characters and classes it
    cannot list turned into "any character", and look-arounds, anchors and boundaries left out
    (all of which only let it match more). It starts at the literal or short class rarest in
    prose, so that ``re`` finds candidate positions in C; what comes before that is dropped, and
    so are optional parts at the end: the rest still matches inside every match."""
    import re._parser as sp

    try:
        tree = sp.parse(pattern, flags)
    except re.error:
        return None  # reported when the entry's own expression compiles
    units: list[_Unit] = []
    with contextlib.suppress(_Unsupported):  # the skeleton ends before a part it cannot stand for
        _skeleton_units(tree, units)
    while units and not units[-1][2]:
        units.pop()
    best, best_cost = -1, float("inf")
    for i, (source, first, _required) in enumerate(units):
        if first is None:
            continue
        # What a window costs, roughly, in ns per character: ``re`` skipping to the first
        # character (fast for a literal, slower for a class, slow for one with \d), trying the
        # skeleton there (cheap behind a literal prefix of two characters, ~40 ns otherwise), and
        # the entry's expression (~10 µs) where the whole skeleton matches by chance.
        share = min(1.0, sum(map(char_share, first)))
        after = units[i + 1][1] if i + 1 < len(units) else None
        literal = len(first) == 1
        prefix = literal and after is not None and len(after) == 1
        skip = 0.6 if literal else 6.0 if "\\d" in source else 2.0
        chance = share
        for _source, starts, required in units[i + 1 :]:
            if required:  # a letter after a letter says less than one after a space
                chance *= 0.7 if starts is not None and len(starts) == 1 else 0.2
        cost = skip + share * (5 if prefix else 40) + chance * 10_000
        if cost < best_cost:
            best, best_cost = i, cost
    if best < 0:
        return None
    return re_compile("".join(source for source, _, _ in units[best:]))


def _skeleton_units(items: Any, out: list[_Unit]) -> None:
    """Append the skeleton units of the sequence ``items`` to ``out`` (raises _Unsupported)."""
    import re._constants as sc

    for op, av in items:
        if op is sc.SUBPATTERN:
            _skeleton_units(av[-1], out)  # (case flags: letters are lower-cased anyway)
        elif op in (sc.MAX_REPEAT, sc.MIN_REPEAT, sc.POSSESSIVE_REPEAT) and av[0] >= 1:
            _skeleton_units(av[2], out)  # the first repetition is required
            if av[1] != 1:
                high = "" if av[1] is sc.MAXREPEAT else str(av[1] - 1)
                body = _skeleton_source(av[2])
                out.append((f"(?:{body}){{{av[0] - 1},{high}}}", None, av[0] > 1))
        elif op in (sc.MAX_REPEAT, sc.MIN_REPEAT, sc.POSSESSIVE_REPEAT):
            out.append((_skeleton_source([(op, av)]), None, False))
        elif op not in (sc.AT, sc.ASSERT, sc.ASSERT_NOT):  # zero width: left out
            source = _skeleton_source([(op, av)])
            out.append((source, _skeleton_starts(op, av), True))


def _skeleton_starts(op: Any, av: Any) -> frozenset[str] | None:
    """The characters the skeleton of a literal, a class or a choice of literals starts with."""
    import re._constants as sc

    if op is sc.LITERAL:
        source = _literal_source(av)
        return None if source == _ANY else frozenset({chr(av).lower()})
    if op is sc.IN:
        chars = class_chars(av)
        return chars if chars is not None and len(chars) <= 20 else None
    if op is sc.BRANCH:
        firsts: set[str] = set()
        for alternative in av[1]:
            units: list[_Unit] = []
            _skeleton_units(alternative, units)
            first = units[0][1] if units else None
            if first is None or len(first) != 1:
                return None  # re skips ahead fast only when every alternative opens with a literal
            firsts |= first
        return frozenset(firsts)
    return None


def _literal_source(code: int) -> str:
    c = chr(code)
    if c.isascii():
        return re.escape(c.lower())
    return re.escape(c) if c in _CASELESS else _ANY


def class_chars(items: Any) -> frozenset[str] | None:
    """The characters of a class (ASCII letters lower-cased, digits as 0-9), or None for a class
    this does not list (negated; a category other than digits; a cased character outside
    ASCII)."""
    import re._constants as sc

    chars: set[str] = set()
    for op, av in items:
        if op is sc.LITERAL and (av < 128 or chr(av) in _CASELESS):
            chars.add(chr(av).lower())
        elif op is sc.RANGE and av[1] < 128:
            chars.update(chr(c).lower() for c in range(av[0], av[1] + 1))
        elif op is sc.CATEGORY and av is sc.CATEGORY_DIGIT:
            chars.update(string.digits)
        else:
            return None
    return frozenset(chars)


def _skeleton_source(items: Any) -> str:
    """The skeleton of the sequence ``items`` as a regular expression (raises _Unsupported)."""
    import re._constants as sc

    out: list[str] = []
    for op, av in items:
        if op is sc.LITERAL:
            out.append(_literal_source(av))
        elif op in (sc.NOT_LITERAL, sc.ANY):
            out.append(_ANY)
        elif op is sc.IN:
            out.append(_class_skeleton(av))
        elif op in (sc.MAX_REPEAT, sc.MIN_REPEAT, sc.POSSESSIVE_REPEAT):
            high = "" if av[1] is sc.MAXREPEAT else str(av[1])
            out.append(f"(?:{_skeleton_source(av[2])}){{{av[0]},{high}}}")
        elif op is sc.SUBPATTERN:
            out.append(f"(?:{_skeleton_source(av[-1])})")
        elif op is sc.ATOMIC_GROUP:
            out.append(f"(?:{_skeleton_source(av)})")
        elif op is sc.BRANCH:
            out.append("(?:" + "|".join(_skeleton_source(a) for a in av[1]) + ")")
        elif op not in (sc.AT, sc.ASSERT, sc.ASSERT_NOT):  # zero width: left out
            raise _Unsupported(op)
    return "".join(out)


def _class_skeleton(items: Any) -> str:
    """A class in the lower-cased text: its characters lower-cased, \\d and \\s kept."""
    import re._constants as sc

    parts: list[str] = []
    for op, av in items:
        if op is sc.LITERAL and (av < 128 or chr(av) in _CASELESS):
            parts.append(re.escape(chr(av).lower()))
        elif op is sc.RANGE and av[1] < 128:
            parts.extend(re.escape(chr(c).lower()) for c in range(av[0], av[1] + 1))
        elif op is sc.CATEGORY and av in (sc.CATEGORY_DIGIT, sc.CATEGORY_SPACE):
            parts.append(r"\d" if av is sc.CATEGORY_DIGIT else r"\s")
        else:
            return _ANY  # negated, a word category, a cased character outside ASCII: any character
    return "[" + "".join(sorted(set(parts))) + "]"


def first_chars(pattern: str, flags: int) -> frozenset[str] | None:
    """The ASCII characters a non-empty match of ``re_compile(pattern, flags)`` can start with (case variants
    included), or None when that is not a short list (a class such as \\w, a negated class)."""
    import re._constants as sc
    import re._parser as sp

    out: set[str] = set()

    def first(items: Any) -> bool:
        """Add what ``items`` can start with to ``out``; whether it can match the empty string.
        Raises LookupError for an open-ended set."""
        for op, av in items:
            if op is sc.LITERAL:
                out.add(chr(av))
                return False
            if op is sc.IN:
                for o, v in av:
                    if o is sc.LITERAL:
                        out.add(chr(v))
                    elif o is sc.RANGE and v[1] - v[0] < 256:
                        out.update(map(chr, range(v[0], v[1] + 1)))
                    elif o is sc.CATEGORY and v is sc.CATEGORY_DIGIT:
                        out.update(string.digits)  # other digits start no ASCII line anyway
                    else:
                        raise LookupError
                return False
            if op is sc.SUBPATTERN:
                if not first(av[-1]):
                    return False
            elif op is sc.BRANCH:
                if not any([first(a) for a in av[1]]):
                    return False
            elif op in (sc.MAX_REPEAT, sc.MIN_REPEAT, sc.POSSESSIVE_REPEAT):
                if not first(av[2]) and av[0] > 0:
                    return False
            elif op in (sc.AT, sc.ASSERT, sc.ASSERT_NOT):
                continue  # zero width: the next element starts the match
            else:
                raise LookupError
        return True

    try:
        first(sp.parse(pattern, flags))
    except LookupError:
        return None
    found: set[str] = set()
    for c in out:
        found.update({c, c.lower(), c.upper()})
        if not c.isascii():  # "ſ" matches "s", the Kelvin sign "k" when case is ignored
            found.update(x for x in string.ascii_letters if re.fullmatch(re.escape(c), x, flags))
    return frozenset(c for c in found if len(c) == 1 and c.isascii())
