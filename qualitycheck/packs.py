"""Declarative rule packs: rules written as data (TOML or YAML), not Python.

A pack file defines exactly one rule (as in Vale). Built-in packs live in the repository's top-level
``rules/`` directory, shipped in the wheel as ``qualitycheck/data/packs/``; users add their own with the
same format. See ``docs/packs.md`` for the format; in short::

    id = "phrasing.garbled-stock-phrase"   # category.name
    type = "substitution"                  # existence | substitution | boilerplate
    severity = "warning"                   # error | warning | info
    message = "'{match}' is a garbled stock phrase; write '{suggestion}'"
    explanation = '''What it does ... Why it matters ... Example ... Use instead ...'''
    ignorecase = true
    confidence = 0.8
    swap = { "all rights are save" = "All rights reserved" }

Patterns are Python regular expressions. They are compiled once per process (a module-level cache
keyed by file, modification time and size) and matched in two stages so that a large pack stays
fast on a large text: every entry has an *anchor*, the longest literal word it cannot match
without; a plain substring search finds the anchors' occurrences in the lower-cased text, and only
the text around them is handed to the entry's regular expression.
"""

from __future__ import annotations

import bisect
import contextlib
import operator
import re
import string
import tomllib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from itertools import accumulate, compress, count, repeat
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from qualitycheck.finding import Match, Severity
from qualitycheck.heuristics import FOLDS_TO_ASCII, lower_same_length, lowered_text
from qualitycheck.rule import Context, Rule

if TYPE_CHECKING:
    from qualitycheck.document import Document

PACK_SUFFIXES = (".toml", ".yaml", ".yml")
PACK_TYPES = ("existence", "substitution", "boilerplate")

_COMMON_KEYS = frozenset(
    {"id", "type", "severity", "message", "explanation", "ignorecase", "confidence"}
)
_TYPE_KEYS: dict[str, frozenset[str]] = {
    "existence": frozenset({"tokens", "raw"}),
    "substitution": frozenset({"swap", "raw"}),
    "boilerplate": frozenset({"lines", "footer"}),
}
_REQUIRED_KEY = {"existence": "tokens", "substitution": "swap", "boilerplate": "lines"}
_ENTRY_KEYS: dict[str, frozenset[str]] = {
    "existence": frozenset({"pattern", "note", "confidence"}),
    "substitution": frozenset({"wrong", "right", "note", "confidence"}),
    "boilerplate": frozenset({"pattern", "note", "confidence", "footer"}),
}
_MESSAGE_FIELDS = frozenset({"match", "suggestion", "note"})

# A match may start at most this far before its anchor word and end at most this far after it.
_WINDOW_BEFORE = 160
_WINDOW_AFTER = 400
# Boilerplate lines longer than this are prose, whatever they start with.
_MAX_BOILERPLATE_LINE = 320
# Decoration scrapers leave around widget labels: bullets, arrows, pipes.
_LINE_TRIM = " \t\u00a0•·▪►▶»«›‹→←|*>"


class PackError(Exception):
    """A pack file that cannot be used. The message names the file, the rule and the reason."""

    def __init__(self, path: Path | str, rule: str, reason: str) -> None:
        self.path = str(path)
        self.rule = rule
        self.reason = reason
        super().__init__(f"{self.path}: rule {rule}: {reason}")


@dataclass(frozen=True, slots=True)
class PackEntry:
    """One token, swap or boilerplate line of a pack, compiled."""

    source: str  # the pattern as written in the pack
    regex: re.Pattern[str]
    anchor: frozenset[str] | None  # lower-cased words, one of which every match contains
    right: str | None = None  # substitution: the replacement template
    note: str = ""
    confidence: float | None = None  # None: the pack's confidence
    footer: bool = False  # boilerplate: this line starts a scraped footer
    bounded: bool = True  # existence/substitution: matches must not start or end inside a word


@dataclass(frozen=True)
class CompiledPack:
    """One pack file, validated and compiled."""

    path: Path
    id: str
    type: str
    severity: Severity
    message: str
    explanation: str
    confidence: float
    entries: tuple[PackEntry, ...] = field(repr=False)
    combined: re.Pattern[str] | None = field(default=None, repr=False)  # boilerplate only
    anchors: dict[str, tuple[int, ...]] = field(default_factory=dict, repr=False)
    unanchored: tuple[int, ...] = ()

    def matches(self, doc: Document) -> Iterator[Match]:
        if self.type == "boilerplate":
            yield from self._boilerplate_matches(doc)
        else:
            yield from self._phrase_matches(doc)

    # -- existence and substitution -------------------------------------------------------
    def _phrase_matches(self, doc: Document) -> Iterator[Match]:
        text = doc.text
        lowered = lowered_text(doc)  # shared by every phrase pack
        seen: set[tuple[int, int]] = set()
        found: list[tuple[int, int, int]] = []  # (start, end, entry index)
        for index, start, end in self._candidates(text, lowered, doc):
            if (start, end) in seen:
                continue
            seen.add((start, end))
            found.append((start, end, index))
        found.sort(key=lambda f: (f[0], -f[1], f[2]))  # at one start, the longest match wins
        last_end = -1
        for start, end, index in found:
            if start < last_end:  # overlapping: the earlier match wins
                continue
            if "\n" in text[start:end] and doc.block_of(start) != doc.block_of(end - 1):
                continue
            last_end = end
            yield self._make_match(text, start, end, self.entries[index])

    @cached_property
    def _plan(self) -> _PhrasePlan:
        return _PhrasePlan(self)

    def _candidates(
        self, text: str, lowered: str | None = None, doc: Document | None = None
    ) -> Iterator[tuple[int, int, int]]:
        if lowered is None:
            lowered = lower_same_length(text)
        n = len(text)
        plan = self._plan
        occurrences = plan.occurrences(doc, lowered)
        # The skeletons read the lower-cased text; a few letters match an ASCII letter in a
        # case-insensitive pattern without lower-casing to it.
        filtering = not any(c in text for c in FOLDS_TO_ASCII)
        # The anchors that occur, in the pack's order (a short list in a short document).
        rank = plan.rank
        for anchor in sorted((a for a in occurrences if a in rank), key=rank.__getitem__):
            positions = occurrences[anchor]
            los = [pos - _WINDOW_BEFORE if pos > _WINDOW_BEFORE else 0 for pos in positions]
            reach = len(anchor) + _WINDOW_AFTER
            his = [pos + reach if pos + reach < n else n for pos in positions]
            # The windows where an entry's skeleton occurs (all where it has none), found by
            # ``map`` and ``compress`` in C; then verified in the order of a plain loop over the
            # positions and, at each, the entries.
            passing: list[tuple[int, int, int]] = []  # (position, order of the entry, entry)
            for order, index, gate in plan.gates(anchor):
                found: Iterable[int] = positions
                if gate is not None and filtering:
                    found = compress(positions, map(gate, repeat(lowered), los, his))
                passing.extend((pos, order, index) for pos in found)
            passing.sort()
            for pos, _, index in passing:
                lo = pos - _WINDOW_BEFORE if pos > _WINDOW_BEFORE else 0
                hi = pos + reach if pos + reach < n else n
                yield from self._verify(index, text, lo, hi, pos)
        for index in self.unanchored:
            entry = self.entries[index]
            for m in entry.regex.finditer(text):
                if m.end() > m.start() and _starts_on_boundary(text, m.start(), entry.bounded):
                    yield index, m.start(), m.end()

    def _verify(
        self, index: int, text: str, lo: int, hi: int, anchor_pos: int
    ) -> Iterator[tuple[int, int, int]]:
        entry = self.entries[index]
        regex = entry.regex
        for m in regex.finditer(text, lo, hi):
            if m.start() > anchor_pos:
                break
            # Re-match without the window's end, which lookaheads would take for the text's end.
            full = regex.match(text, m.start())
            if (
                full
                and full.end() > full.start()
                and _starts_on_boundary(text, full.start(), entry.bounded)
            ):
                yield index, full.start(), full.end()

    def _make_match(self, text: str, start: int, end: int, entry: PackEntry) -> Match:
        found = text[start:end]
        suggestion = ""
        if entry.right is not None:
            m = entry.regex.match(text, start)
            template = entry.right
            suggestion = m.expand(template) if m and "\\" in template else template
            suggestion = _match_case(found, suggestion)
        message = self.message.format(match=found, suggestion=suggestion, note=entry.note)
        confidence = self.confidence if entry.confidence is None else entry.confidence
        suggestions = (suggestion,) if entry.right is not None and suggestion != found else ()
        return Match(start, end, message, suggestions, confidence)

    # -- boilerplate ------------------------------------------------------------------------
    def line_entry(self, line: str) -> PackEntry | None:
        """The entry a whole line matches (after trimming decoration), or None."""
        found = self._line_match(line)
        return found[0] if found else None

    def _line_match(self, line: str) -> tuple[PackEntry, re.Match[str]] | None:
        trimmed = line.strip(_LINE_TRIM)
        if not trimmed or len(trimmed) > _MAX_BOILERPLATE_LINE or self.combined is None:
            return None
        # Only entries that can start with the line's first character are tried; the combined
        # pattern (what decides whether the line matches at all) then only confirms a match.
        for entry, fullmatch in self._line_entries(trimmed[0]):
            m = fullmatch(trimmed)
            if m:
                return (entry, m) if self.combined.fullmatch(trimmed) else None
        return None

    def _line_entries(self, first: str) -> tuple[tuple[PackEntry, _FullMatch], ...]:
        """The boilerplate entries a line starting with ``first`` can match, in pack order, each
        with its compiled ``fullmatch``: those whose matches can start with that character (all
        of them for a character outside ASCII)."""
        table = self._line_table
        key = first if first.isascii() else ""
        found = table.get(key)
        if found is None:
            found = table[key] = tuple(
                (entry, _resolved(entry.regex).fullmatch)
                for entry, starts in zip(self.entries, self._first_chars, strict=True)
                if starts is None or first in starts or not first.isascii()
            )
        return found

    @cached_property
    def _first_chars(self) -> tuple[frozenset[str] | None, ...]:
        return tuple(_first_chars(entry.regex) for entry in self.entries)

    @cached_property
    def _line_table(self) -> dict[str, tuple[tuple[PackEntry, _FullMatch], ...]]:
        # One key per ASCII character, one for all others: stays small.
        return {}

    def _boilerplate_matches(self, doc: Document) -> Iterator[Match]:
        text = doc.text
        for start, end in _block_lines(doc):
            line = text[start:end]
            found = self._line_match(line)
            if found is None:
                continue
            entry, m = found
            s = start + len(line) - len(line.lstrip(_LINE_TRIM))
            e = end - (len(line) - len(line.rstrip(_LINE_TRIM)))
            if "span" in entry.regex.groupindex and m.start("span") >= 0:
                # Only the named part is reported ("We use cookies ..." without a token after it).
                s, e = s + m.start("span"), s + m.end("span")
                e -= len(text[s:e]) - len(text[s:e].rstrip())
            message = self.message.format(match=text[s:e], suggestion="", note=entry.note)
            confidence = self.confidence if entry.confidence is None else entry.confidence
            yield Match(s, e, message, (), confidence)


def _block_lines(doc: Document) -> Iterator[tuple[int, int]]:
    """Every block, and every line of a block that spans several lines (hard-wrapped text)."""
    text = doc.text
    for block in doc.blocks:
        yield block.start, block.end
        if "\n" in text[block.start : block.end]:
            pos = block.start
            while pos < block.end:
                nl = text.find("\n", pos, block.end)
                stop = block.end if nl < 0 else nl
                yield pos, stop
                pos = stop + 1


# -- speed: the plan of a phrase pack ----------------------------------------------------------
# A large text has thousands of anchor occurrences and most windows around them cannot match:
# "Monday" is everywhere, "the past Monday" is not. Two things keep this cheap, neither of which
# changes what is found:
# - the occurrences of all anchors come from one regular-expression pass (``_AnchorScanner``)
#   instead of one ``str.find`` pass over the text per anchor; the built-in phrase packs share
#   one pass per document;
# - before an entry's expression runs over a window, its *skeleton* (``_skeleton``) must occur in
#   the lower-cased window: a case-sensitive expression that matches inside every match of the
#   entry, so ``re`` can skip to its literal start in C instead of trying the case-insensitive
#   entry at every position of the window.


class _PhrasePlan:
    """What a phrase pack computes once, on first use: its anchor scanner and, per entry, the
    search of its skeleton (None: no skeleton, the entry runs on every window)."""

    def __init__(self, pack: CompiledPack) -> None:
        self.entries = pack.entries
        # A built-in pack finds its anchors in the pass shared by all built-in phrase packs.
        shared = _shared_scanner() if _is_builtin(pack.path) else None
        self.shared = shared is not None and set(pack.anchors) <= set(shared.anchors)
        self.scanner = shared if shared and self.shared else _AnchorScanner(tuple(pack.anchors))
        self._gates: list[_Search | bool | None] = [False] * len(pack.entries)
        self.pack_anchors = pack.anchors
        self.rank = {a: k for k, a in enumerate(pack.anchors)}  # the order anchors are tried in
        self._by_anchor: dict[str, tuple[tuple[int, int, _Search | None], ...]] = {}

    def occurrences(self, doc: Document | None, lowered: str) -> dict[str, list[int]]:
        """Anchor -> its positions in ``lowered`` (the lower-cased ``doc.text``)."""
        if doc is not None and self.shared:
            return doc.memo("packs.anchors", self._find_in_doc)
        return self.scanner.find_all(lowered)

    def _find_in_doc(self, doc: Document) -> dict[str, list[int]]:
        found = self.scanner.find_in_words(doc, faster_only=True)
        return self.scanner.find_all(lowered_text(doc)) if found is None else found

    def gate(self, index: int) -> _Search | None:
        """The ``search`` of entry ``index``'s skeleton, or None."""
        gate = self._gates[index]
        if gate is False:
            skeleton = _skeleton(self.entries[index].regex)
            gate = self._gates[index] = None if skeleton is None else skeleton.search
        return cast("_Search | None", gate)

    def gates(self, anchor: str) -> tuple[tuple[int, int, _Search | None], ...]:
        """(order, entry, its skeleton's ``search``) for the entries of ``anchor``."""
        found = self._by_anchor.get(anchor)
        if found is None:
            indices = self.pack_anchors[anchor]
            found = tuple((k, i, self.gate(i)) for k, i in enumerate(indices))
            self._by_anchor[anchor] = found
        return found


_Search = Callable[[str, int, int], "re.Match[str] | None"]


@cache
def _shared_scanner() -> _AnchorScanner:
    """One scanner for the anchors of every built-in phrase pack."""
    anchors = {a for rule in _builtin_rules() for part in rule.parts for a in part.anchors}
    return _AnchorScanner(sorted(anchors))


class _Unsupported(Exception):
    """A part of a pattern the skeleton cannot stand for."""


# Characters outside ASCII that have no case: they stand for themselves in the lower-cased text.
_CASELESS = frozenset("’‘“”«»—–…©®™€£¥§°")
_ANY = r"[\s\S]"
# A unit of a skeleton: its source, the characters it starts with (a literal or a short class;
# None for anything else) and whether every match needs it (False: it may match nothing).
_Unit = tuple[str, frozenset[str] | None, bool]


def _skeleton(regex: re.Pattern[str]) -> re.Pattern[str] | None:
    """A case-sensitive expression that, wherever ``regex`` matches ``text[s:e]``, matches
    somewhere inside ``lowered[s:e]`` (``text`` lower-cased character for character, free of
    ``FOLDS_TO_ASCII``); None when there is no useful one.

    It is the pattern with ASCII letters lower-cased, other cased characters and classes it
    cannot list turned into "any character", and look-arounds, anchors and boundaries left out
    (all of which only let it match more). It starts at the literal or short class rarest in
    prose, so that ``re`` finds candidate positions in C; what comes before that is dropped, and
    so are optional parts at the end: the rest still matches inside every match."""
    import re._parser as sp

    pattern, flags = _pattern_source(regex)
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
        share = min(1.0, sum(map(_share, first)))
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
    return re.compile("".join(source for source, _, _ in units[best:]))


def _share(c: str) -> float:
    """Rough frequency of ``c`` in lower-cased prose (a fraction)."""
    if c.isdigit():
        return 0.001
    return _CHAR_SHARE.get(c, _RARE_SHARE) / 100


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
        chars = _class_chars(av)
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


def _class_chars(items: Any) -> frozenset[str] | None:
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


def _first_chars(regex: re.Pattern[str]) -> frozenset[str] | None:
    """The ASCII characters a non-empty match of ``regex`` can start with (case variants
    included), or None when that is not a short list (a class such as \\w, a negated class)."""
    import re._constants as sc
    import re._parser as sp

    pattern, flags = _pattern_source(regex)
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


_FullMatch = Callable[[str], "re.Match[str] | None"]


def _resolved(regex: re.Pattern[str]) -> re.Pattern[str]:
    return regex.compiled() if isinstance(regex, _DeferredPattern) else regex


def _pattern_source(regex: re.Pattern[str]) -> tuple[str, int]:
    if isinstance(regex, _DeferredPattern):
        return regex.source()
    return regex.pattern, regex.flags


# Rough share of each character in English text, per cent; other characters are rarer.
_CHAR_SHARE = {
    " ": 17.0, "e": 9.8, "t": 7.0, "a": 6.4, "o": 6.0, "i": 5.6, "n": 5.5, "s": 5.2, "r": 4.9,
    "h": 4.2, "d": 3.3, "l": 3.2, ".": 1.0, ",": 1.0, "c": 2.3, "u": 2.2, "m": 2.0, "f": 1.8,
    "w": 1.7, "g": 1.6, "y": 1.5, "p": 1.5, "b": 1.2, "v": 0.8, "k": 0.6,
}  # fmt: skip
_RARE_SHARE = 0.3
# What one str.find pass over a text costs, in per cent of the text's characters that one
# regular-expression pass tries a match at for the same time (both measured on CPython 3.11).
_FIND_PASS_SHARE = 1.1


class _AnchorScanner:
    """Every occurrence of a set of anchor words in a lower-cased text, overlapping ones
    included: what ``str.find`` repeated from each hit + 1 returns for each word.

    Each anchor is found through a *key*: its tail from its rarest character on (three
    characters at least where the word has them). One regular expression, a trie of the keys,
    finds the keys' occurrences; Python's ``re`` skips quickly over characters no key starts
    with, so the pass is fast when the keys start with rare letters. A match consumes only the
    first character of the longest key there (the rest is a look-ahead), so keys that overlap
    are found too, and the shorter keys at the same place are its prefixes. Anchors made only
    of common letters are cheaper with their own ``str.find`` pass (``_alone``)."""

    def __init__(self, anchors: Sequence[str]) -> None:
        self.anchors = tuple(anchors)
        allowed = {c for a in anchors for c in a}
        while True:  # drop starting characters whose pass costs more than the finds it saves
            choice = {a: _key_start(a, allowed) for a in anchors}
            counts: dict[str, int] = {}
            for a, i in choice.items():
                if i is not None:
                    counts[a[i]] = counts.get(a[i], 0) + 1
            costly = {
                c
                for c, k in counts.items()
                if _CHAR_SHARE.get(c, _RARE_SHARE) > k * _FIND_PASS_SHARE
            }
            if not costly:
                break
            allowed -= costly
        self._alone = tuple(a for a, i in choice.items() if i is None)
        keyed: dict[str, list[tuple[str, int]]] = {}  # key -> (anchor, offset of the key)
        for a, i in choice.items():
            if i is not None:
                keyed.setdefault(a[i:], []).append((a, i))
        keys = sorted(keyed)
        by_first: dict[str, list[str]] = {}
        for key in keys:
            by_first.setdefault(key[0], []).append(key)
        firsts = sorted(by_first)
        # One alternative per first character, "b(?=(er|...))": group k + 1 holds the rest of
        # the key when it starts with firsts[k].
        self._regex = (
            re.compile(
                "|".join(
                    f"{re.escape(c)}(?=({_trie_pattern([k[1:] for k in by_first[c]])}))"
                    for c in firsts
                )
            )
            if keys
            else None
        )
        # (group, rest of the longest key) -> (offset of an anchor from the match, the anchor,
        # whether the text must still be compared with the anchor's part before its key): the
        # anchors of that key and of the keys that are its prefixes.
        self._actions: dict[tuple[int, str], tuple[tuple[int, str, bool], ...]] = {}
        for group, c in enumerate(firsts, 1):
            for key in by_first[c]:
                self._actions[group, key[1:]] = tuple(
                    (-i, a, i > 0)
                    for other in by_first[c]
                    if key.startswith(other)
                    for a, i in keyed[other]
                )

    @cached_property
    def _word_anchors(self) -> tuple[_AnchorScanner, _AnchorScanner | None]:
        """Scanners of the anchors made of ASCII letters only, and of the others (or None)."""
        words = [a for a in self.anchors if a.isascii() and a.isalpha() and a.islower()]
        others = [a for a in self.anchors if a not in words]
        return _AnchorScanner(words), _AnchorScanner(others) if others else None

    def find_in_words(
        self, doc: Document, faster_only: bool = False
    ) -> dict[str, list[int]] | None:
        """``find_all(lowered_text(doc))``, read off the document's word index; None where that
        cannot be done (then the text has to be scanned).

        An anchor of ASCII letters occurs only inside a run of ASCII letters, and each such run
        lies inside one word (``_letters_in_words``), so its occurrences are those inside the
        words. They are found once per distinct word (``token_counts``: a few thousand), and the
        words that hold one are picked out of ``doc.words`` in C; that costs a look-up per word
        instead of a try of the scanner's regular expression at a third of all characters. Other
        anchors ("%") are scanned for in the text. Requires a text without ``FOLDS_TO_ASCII``:
        then lower-casing a word gives the same letters as lower-casing the text ("K", the
        Kelvin sign, lower-cases to "k"; "İ" grows, and the text is lower-cased ASCII only).

        With ``faster_only``, also None where the scan is likely faster (~25 ns a character): in
        a short text few words repeat, and scanning its distinct words (~40 ns a character:
        they are dense in letters) plus a look-up per word (~45 ns) cost more."""
        text = doc.text
        counts = doc.token_counts
        if faster_only and 2 * (4 * len(counts) + len(doc.words)) > len(text):
            return None  # settled at once for most short texts (a distinct word: 4+ letters)
        if any(c in text for c in FOLDS_TO_ASCII) or not _letters_in_words(doc):
            return None
        tokens = list(counts)
        if faster_only and 2 * (sum(map(len, tokens)) + len(doc.words)) > len(text):
            return None
        words_scanner, others = self._word_anchors
        lowered = list(map(str.lower, tokens))  # (as long as the words: no "İ" in the text)
        # The distinct words, lower-cased, joined by spaces (which no anchor here contains): one
        # pass of the scanner over them, each hit placed in its word by bisection.
        firsts = list(accumulate(map(len, lowered), operator.add, initial=0))
        firsts = list(map(operator.add, firsts, count()))  # the spaces before each word
        inside: dict[str, list[tuple[int, str]]] = {}  # word -> (offset, anchor), ascending
        found: defaultdict[str, list[int]] = defaultdict(list)
        for anchor, positions in words_scanner.find_all(" ".join(lowered)).items():
            for pos in positions:
                k = bisect.bisect_right(firsts, pos) - 1
                inside.setdefault(tokens[k], []).append((pos - firsts[k], anchor))
        # Word -> what to do with its start: append start + offset to an anchor's positions.
        actions = {
            token: [(found[anchor].append, offset) for offset, anchor in hits]
            for token, hits in inside.items()
        }
        words = doc.words
        for i in compress(count(), map(actions.__contains__, doc.word_texts)):
            word = words[i]
            start = word[0]
            for append, offset in actions[word[2]]:
                append(start + offset)
        if others is not None:
            found.update(others.find_all(lowered_text(doc)))
        return dict(found)

    def find_all(self, lowered: str) -> dict[str, list[int]]:
        """Anchor -> its positions in ``lowered``, ascending, for the anchors that occur."""
        found: defaultdict[str, list[int]] = defaultdict(list)
        for a in self._alone:
            pos = lowered.find(a)
            while pos >= 0:
                found[a].append(pos)
                pos = lowered.find(a, pos + 1)
        if self._regex is not None:
            actions, starts = self._actions, lowered.startswith
            for m in self._regex.finditer(lowered):
                hit = m.start()
                group: int = m.lastindex  # type: ignore[assignment]  # one group takes part
                for offset, a, check in actions[group, m.group(group)]:
                    pos = hit + offset
                    if not check or (pos >= 0 and starts(a, pos)):
                        found[a].append(pos)
        return dict(found)


_ASCII_LETTER_RE = re.compile("[A-Za-z]")


def _letters_in_words(doc: Document) -> bool:
    """Whether every run of ASCII letters of ``doc.text`` lies inside one word of ``doc.words``.

    A word (``WORD_RE``) holds whole runs of letters and digits of its sentence, and sentences
    end only before white space, so within a block this holds. Blocks made from lines are the
    whole text but white space; blocks a loader gives must leave no ASCII letter outside them
    and must not touch each other (else one run could be cut in two)."""
    if doc.given_blocks is None:
        return True
    text, blocks = doc.text, doc.blocks
    starts = list(map(_BLOCK_START, blocks))
    ends = list(map(_BLOCK_END, blocks))
    if blocks and not (
        starts[0] >= 0
        and ends[-1] <= len(text)
        and all(map(operator.le, starts, ends))
        and all(map(operator.lt, ends[:-1], starts[1:]))
    ):
        return False
    outside = "".join(map(text.__getitem__, map(slice, [0, *ends], [*starts, len(text)])))
    return _ASCII_LETTER_RE.search(outside) is None


_BLOCK_START = operator.attrgetter("start")
_BLOCK_END = operator.attrgetter("end")


def _key_start(anchor: str, allowed: set[str]) -> int | None:
    """Where the key of ``anchor`` starts: at its rarest allowed character that leaves a key of
    three characters (or the whole of a shorter word); None when there is no such character."""
    last = len(anchor) - min(3, len(anchor))
    options = [i for i in range(last + 1) if anchor[i] in allowed]
    if not options:
        return None
    return min(options, key=lambda i: (_CHAR_SHARE.get(anchor[i], _RARE_SHARE), i))


def _trie_pattern(words: Sequence[str]) -> str:
    """A regular expression that matches, at a position, the longest of ``words`` found there."""
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for c in word:
            node = node.setdefault(c, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        branches = [re.escape(c) + build(node[c]) for c in sorted(node) if c]
        if not branches:
            return ""
        if len(branches) == 1 and "" not in node:
            return branches[0]
        return "(?:" + "|".join(branches) + ")" + ("?" if "" in node else "")

    return build(root)


def _starts_on_boundary(text: str, start: int, bounded: bool) -> bool:
    """A word-bounded pattern must not start inside a word ("Thread more")."""
    if not bounded or start == 0 or not _is_word_char(text[start]):
        return True
    before = text[start - 1]
    if _is_word_char(before):
        return False
    return not (before == "-" and start >= 2 and _is_word_char(text[start - 2]))


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _match_case(found: str, suggestion: str) -> str:
    """Carry the case of the flagged text over to the suggestion where that is sensible: an
    upper-case first letter (sentence start) and ALL CAPS. A suggestion written with a capital in
    the pack ("All rights reserved") keeps it."""
    if not suggestion:
        return suggestion
    letters = [c for c in found if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return suggestion.upper()
    first = next((c for c in found if c.isalpha()), "")
    if first.isupper() and suggestion[0].islower():
        return suggestion[0].upper() + suggestion[1:]
    return suggestion


# -- compiling ---------------------------------------------------------------------------------
_BACKREF_RE = re.compile(r"\\[1-9]|\(\?P=")


def _spaces_to_whitespace(pattern: str) -> str:
    """Literal spaces (outside character classes) match any run of white space, so a phrase also
    matches across a line break or a non-breaking space."""
    out: list[str] = []
    i, n, in_class = 0, len(pattern), False
    lookbehind: list[bool] = []  # per open group: is it a look-behind (fixed width)?
    while i < n:
        c = pattern[i]
        if c == "\\" and i + 1 < n:
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            if c == "]":
                in_class = False
            out.append(c)
        elif c == "[":
            in_class = True
            out.append(c)
            if i + 1 < n and pattern[i + 1] == "^":
                out.append("^")
                i += 1
            if i + 1 < n and pattern[i + 1] == "]":
                out.append("]")
                i += 1
        elif c == "(":
            lookbehind.append(pattern.startswith(("(?<=", "(?<!"), i) or any(lookbehind))
            out.append(c)
        elif c == ")":
            if lookbehind:
                lookbehind.pop()
            out.append(c)
        elif c == " ":
            while i + 1 < n and pattern[i + 1] == " ":
                i += 1
            if (i + 1 < n and pattern[i + 1] in "?*+{") or any(lookbehind):
                out.append(r"\s")  # before a quantifier, or where the width must stay fixed
            else:
                out.append(r"\s+")
        else:
            out.append(c)
        i += 1
    return "".join(out)


def _skip_class(pattern: str, i: int) -> int:
    """Index just past the character class that starts at ``pattern[i] == "["``."""
    n = len(pattern)
    i += 1
    if i < n and pattern[i] == "^":
        i += 1
    if i < n and pattern[i] == "]":
        i += 1
    while i < n and pattern[i] != "]":
        i += 2 if pattern[i] == "\\" else 1
    return i + 1


def _group_end(pattern: str, i: int) -> int:
    """Index of the ``)`` closing the group that opens at ``pattern[i] == "("``."""
    depth, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = _skip_class(pattern, i)
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return n


_GROUP_PREFIX_RE = re.compile(r"\?(?::|P<\w+>|[aiLmsux]*(?:-[imsx]+)?:)")
# Characters that count as literal in an anchor besides letters and digits; they are rarer in
# prose than any letter, so an anchor that contains one is preferred.
_ANCHOR_SYMBOLS = frozenset("%€$£¥§@&©®™")
_LITERAL_ALTERNATIVE_RE = re.compile(r"[^\W_]+(?:[ -][^\W_]+)*")


def _requirements(pattern: str) -> list[frozenset[str]]:
    """What a pattern cannot match without, as sets of alternative literal words: runs of letters
    and digits at the top level (less any character a quantifier makes optional), and groups that
    are plain alternations of literal words ("(Monday|Tuesday|...)", one word from each)."""
    found: list[frozenset[str]] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            found.append(frozenset({"".join(current)}))
            current.clear()

    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            flush()
            i += 2
        elif c == "[":
            flush()
            i = _skip_class(pattern, i)
        elif c == "(":
            flush()
            close = _group_end(pattern, i)
            optional = close + 1 < n and pattern[close + 1] in "?*{"
            inner = pattern[i + 1 : close]
            while True:  # unwrap "(?:...)", "(?P<name>...)", "(?-i:...)" and nested groups
                prefix = _GROUP_PREFIX_RE.match(inner)
                if prefix:
                    inner = inner[prefix.end() :]
                elif inner.startswith("?"):
                    inner = ""  # look-arounds, conditionals: no requirement
                if inner.startswith("(") and _group_end(inner, 0) == len(inner) - 1:
                    inner = inner[1:-1]
                    continue
                break
            alternatives = inner.split("|")
            if not optional and all(_LITERAL_ALTERNATIVE_RE.fullmatch(a) for a in alternatives):
                found.append(frozenset(max(re.split(r"[ -]", a), key=len) for a in alternatives))
            i = close + 1
        elif c == "|":
            return []  # alternatives at the top level: nothing is required of every match
        elif c in "?*{":
            if current:
                current.pop()
            flush()
            if c == "{":
                close = pattern.find("}", i)
                i = n if close < 0 else close
            i += 1
        else:
            if c.isalnum() or c in _ANCHOR_SYMBOLS:
                current.append(c)
            else:
                flush()
            i += 1
    flush()
    return found


# Words so frequent that any other requirement makes a better anchor.
_COMMON_WORDS = frozenset(
    "the of and to in on at for with by as is it that this was from be are has had have his her "
    "their not an or".split()
)


def _rarity(word: str) -> int:
    """A rough guess at how rarely ``word`` occurs in prose: longer is rarer; symbols are rare,
    function words are everywhere."""
    score = len(word) + (4 if any(c in _ANCHOR_SYMBOLS for c in word) else 0)
    return score - 3 if word.lower() in _COMMON_WORDS else score


def _anchor(pattern: str) -> frozenset[str] | None:
    """The requirement that occurs most rarely in text, judged by the length of its shortest
    word; fewer alternatives break ties."""
    options = [r for r in _requirements(pattern) if min(max(len(w), _rarity(w)) for w in r) >= 2]
    if not options:
        return None
    best = max(options, key=lambda r: (min(_rarity(w) for w in r), -len(r)))
    return frozenset(w.lower() for w in best)


# -- guarding user patterns ----------------------------------------------------------------------
# A user pattern such as "(a+)+$" backtracks exponentially on text that almost matches ("aaaa…!")
# and would hang every run. Two checks at load time. Statically: a repeated group holding an
# unbounded repeat is refused unless the group also needs a character that repeat cannot take
# ("(?:[a-z]+-)*" is fine, "(\w+\s?)+" is not). Dynamically: the pattern runs (with ``re``, the
# engine that will run it) on probes built from itself, its own prefix and the characters it
# matches, repeated, of growing length; a probe that takes too long stops the probing at once,
# long before an exponential pattern gets slow.
_PROBE_LENGTHS = range(2, 41, 2)
_PROBE_LIMIT = 0.02  # seconds for one probe of at most 40 characters; linear patterns need µs
_CHAR_POOL = "aAzZ019 .,:;!?'\"-_()[]{}<>@#&*+=/\\|%$€\n\t\u00a0éЖ中’”“«»—–…\x00"


def unsafe_pattern(pattern: str, flags: int = 0) -> str | None:
    """Why ``pattern`` may take exponential time, or None when it looks safe (see above)."""
    import re._parser as sp

    try:
        tree = sp.parse(pattern, flags)
    except re.error:
        return None  # reported by the compiler
    if _ambiguous_repeat(tree, flags):
        return (
            "nested quantifiers (a repeated group around an unbounded repeat, as in '(a+)+' or "
            "'(\\w+\\s?)*'): matching can take exponential time on text that almost matches; "
            "quantify the inner part only, or separate the repetitions by a required character"
        )
    if not _repeats_a_choice_or_repeat(tree):
        return None  # only a repeated alternation or repeat can backtrack exponentially
    return _probe(re.compile(pattern, flags), _probe_sample(tree, flags))


def _repeats_a_choice_or_repeat(items: Any, inside: bool = False) -> bool:
    import re._constants as sc

    for op, av in items:
        if op in (sc.MAX_REPEAT, sc.MIN_REPEAT):
            if inside or _repeats_a_choice_or_repeat(av[2], inside or av[1] > 1):
                return True
        elif op is sc.BRANCH:
            if inside or any(_repeats_a_choice_or_repeat(a, inside) for a in av[1]):
                return True
        elif op is sc.SUBPATTERN and _repeats_a_choice_or_repeat(av[-1], inside):
            return True
    return False


def _chars(items: Any, flags: int) -> frozenset[str]:
    """The characters of ``_CHAR_POOL`` that some element of ``items`` may match."""
    import re._constants as sc

    out: set[str] = set()
    for op, av in items:
        if op is sc.LITERAL:
            out.add(chr(av))
        elif op in (sc.ANY, sc.NOT_LITERAL):
            out.update(_CHAR_POOL)
        elif op is sc.IN:
            cls = re.compile(f"[{_class_source(av)}]", flags & re.IGNORECASE)
            out.update(c for c in _CHAR_POOL if cls.match(c))
        elif op in (sc.MAX_REPEAT, sc.MIN_REPEAT):
            out |= _chars(av[2], flags)
        elif op is sc.SUBPATTERN:
            out |= _chars(av[-1], flags)
        elif op is sc.BRANCH:
            for alternative in av[1]:
                out |= _chars(alternative, flags)
    if flags & re.IGNORECASE:
        out |= {c.swapcase() for c in out}
    return frozenset(out)


def _ambiguous_repeat(items: Any, flags: int, outer: Any = None) -> bool:
    """An unbounded repeat inside a repeated group, with nothing required in that group that the
    inner repeat could not match too."""
    import re._constants as sc

    for op, av in items:
        if op in (sc.MAX_REPEAT, sc.MIN_REPEAT):
            body = av[2]
            if outer is not None and av[1] == sc.MAXREPEAT:
                inner = _chars(body, flags)
                if not _has_separator(outer, inner, av, flags):
                    return True
            if _ambiguous_repeat(body, flags, body if av[1] > 1 else outer):
                return True
        elif op is sc.SUBPATTERN:
            if _ambiguous_repeat(av[-1], flags, outer):
                return True
        elif op is sc.BRANCH and any(_ambiguous_repeat(a, flags, outer) for a in av[1]):
            return True
    return False


def _has_separator(items: Any, inner: frozenset[str], skip: Any, flags: int) -> bool:
    """Whether every match of ``items`` needs a character outside ``inner`` (the characters of
    the repeat ``skip``, which is left out): then two passes cannot share their text."""
    import re._constants as sc

    for op, av in items:
        if av is skip:
            continue
        if op in (sc.LITERAL, sc.IN):
            chars = _chars([(op, av)], flags)
            if chars and not chars & inner:
                return True
        elif op in (sc.MAX_REPEAT, sc.MIN_REPEAT):
            if av[0] >= 1 and _has_separator(av[2], inner, skip, flags):
                return True
        elif op is sc.SUBPATTERN:
            if _has_separator(av[-1], inner, skip, flags):
                return True
        elif op is sc.BRANCH and all(_has_separator(a, inner, skip, flags) for a in av[1]):
            return True
    return False


def _probe_sample(tree: Any, flags: int) -> str:
    """A string that follows the pattern as far as a simple walk can: one character per element,
    one repetition per quantifier, the first alternative of each choice."""
    import re._constants as sc

    out: list[str] = []
    for op, av in tree:
        if op in (sc.LITERAL, sc.NOT_LITERAL, sc.ANY, sc.IN):
            found = sorted(_chars([(op, av)], flags) - {"\x00"}) if op is not sc.LITERAL else []
            out.append(chr(av) if op is sc.LITERAL else found[0] if found else "")
        elif op in (sc.MAX_REPEAT, sc.MIN_REPEAT):
            out.append(_probe_sample(av[2], flags) * (1 if av[1] else 0))
        elif op is sc.SUBPATTERN:
            out.append(_probe_sample(av[-1], flags))
        elif op is sc.BRANCH:
            out.append(_probe_sample(av[1][0], flags))
    return "".join(out)


def _class_source(items: Any) -> str:
    import re._constants as sc

    codes = {
        sc.CATEGORY_DIGIT: r"\d", sc.CATEGORY_NOT_DIGIT: r"\D", sc.CATEGORY_SPACE: r"\s",
        sc.CATEGORY_NOT_SPACE: r"\S", sc.CATEGORY_WORD: r"\w", sc.CATEGORY_NOT_WORD: r"\W",
    }  # fmt: skip
    parts: list[str] = []
    for op, av in items:
        if op is sc.NEGATE:
            parts.insert(0, "^")
        elif op is sc.LITERAL:
            parts.append(re.escape(chr(av)))
        elif op is sc.RANGE:
            parts.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is sc.CATEGORY:
            parts.append(codes.get(av, ""))
    return "".join(parts) or "^\\s\\S"


def _time_finditer(compiled: re.Pattern[str], text: str) -> float:
    import time

    start = time.perf_counter()
    for _ in compiled.finditer(text):
        pass
    return time.perf_counter() - start


def _probe(compiled: re.Pattern[str], sample: str) -> str | None:
    """Run ``compiled`` on growing repetitions of the sample's prefixes and of its characters;
    the first probe over the limit (the fastest of three runs, so that a busy machine does not
    count) stops everything: at 40 characters even an exponential pattern is still fast enough
    to stop in time."""
    units = [sample[:k] for k in range(1, min(len(sample), 8) + 1)]
    units += sorted(set(sample) | {"a", " "})
    for unit in dict.fromkeys(units):
        for length in _PROBE_LENGTHS:
            probe = (unit * (length // len(unit) + 1))[:length] + "\x00"
            if min(_time_finditer(compiled, probe) for _ in range(3)) > _PROBE_LIMIT:
                shown = (unit * 4)[:12]
                return (
                    f"matching {length} characters of {shown!r}… took over {_PROBE_LIMIT:g} s, "
                    "and the time grows exponentially with the length: the pattern backtracks "
                    "catastrophically; make the repeated parts unambiguous"
                )
    return None


class _DeferredPattern:
    """A regular expression compiled on first use.

    The built-in packs hold over a hundred patterns; compiling them all costs ~60 ms, more than
    the rest of a typical run, while most never run on a given document (their anchor words are
    absent). Built-in packs are compiled and validated in full by the test suite, so at run time
    they compile lazily; user packs are compiled at load, so that a bad pattern is reported at
    once with its file and entry."""

    __slots__ = ("_compiled", "_flags", "_pattern")

    def __init__(self, pattern: str, flags: int) -> None:
        self._pattern = pattern
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self._pattern, self._flags)
        return self._compiled

    def source(self) -> tuple[str, int]:
        """The pattern and flags, without compiling."""
        return self._pattern, self._flags

    def __getattr__(self, name: str) -> Any:
        if self._compiled is None:
            self._compiled = re.compile(self._pattern, self._flags)
        return getattr(self._compiled, name)


def _regex(pattern: str, flags: int, eager: bool) -> re.Pattern[str]:
    if eager:
        return re.compile(pattern, flags)
    return cast("re.Pattern[str]", _DeferredPattern(pattern, flags))


class _PackLoader:
    """Validates one parsed pack file and compiles it (lazily for trusted built-in packs)."""

    def __init__(self, path: Path, data: Any, *, eager: bool = True) -> None:
        self.path = path
        self.data = data
        self.name = f"'{path.stem}'"
        self.eager = eager

    def fail(self, reason: str, entry: str | None = None) -> PackError:
        rule = self.name if entry is None else f"{self.name}, entry {entry!r}"
        return PackError(self.path, rule, reason)

    def load(self) -> CompiledPack:
        data = self.data
        if not isinstance(data, Mapping):
            raise self.fail("a pack must be a table of keys (id, type, severity, message, ...)")
        rule_id = data.get("id")
        if not isinstance(rule_id, str) or not rule_id:
            raise self.fail("missing key 'id' (a rule id such as 'category.name')")
        self.name = f"'{rule_id}'"
        for key in ("type", "severity", "message"):
            if key not in data:
                raise self.fail(f"missing key '{key}'")
        kind = data["type"]
        if kind not in PACK_TYPES:
            raise self.fail(f"unknown type {kind!r} (expected one of: {', '.join(PACK_TYPES)})")
        allowed = _COMMON_KEYS | _TYPE_KEYS[kind]
        for key in data:
            if key not in allowed:
                raise self.fail(
                    f"unknown key {key!r} for type {kind!r} (allowed: {', '.join(sorted(allowed))})"
                )
        if _REQUIRED_KEY[kind] not in data:
            raise self.fail(f"missing key '{_REQUIRED_KEY[kind]}'")
        try:
            severity = Severity.parse(data["severity"])
        except ValueError as exc:
            raise self.fail(f"bad severity: {exc}") from None
        try:
            Rule(rule_id, severity, _no_check)
        except ValueError as exc:
            raise self.fail(f"bad id: {exc}") from None
        message = self._message(data["message"])
        explanation = data.get("explanation", "")
        if not isinstance(explanation, str):
            raise self.fail("'explanation' must be a string")
        ignorecase = self._bool(data, "ignorecase", True)
        confidence = self._confidence(data.get("confidence", 0.8))
        if kind == "boilerplate":
            footer = self._bool(data, "footer", False)
            entries = tuple(self._boilerplate_entries(data["lines"], ignorecase, footer))
            combined = _compile_union([e.source for e in entries], ignorecase, self.eager)
            return CompiledPack(
                self.path, rule_id, kind, severity, message, explanation, confidence, entries,
                combined=combined,
            )  # fmt: skip
        raw = self._bool(data, "raw", False)
        if kind == "existence":
            entries = tuple(self._existence_entries(data["tokens"], ignorecase, raw))
        else:
            entries = tuple(self._swap_entries(data["swap"], ignorecase, raw))
        anchors: dict[str, list[int]] = {}
        unanchored: list[int] = []
        for i, entry in enumerate(entries):
            if entry.anchor is None:
                unanchored.append(i)
            else:
                for word in sorted(entry.anchor):
                    anchors.setdefault(word, []).append(i)
        return CompiledPack(
            self.path, rule_id, kind, severity, message, explanation, confidence, entries,
            anchors={k: tuple(v) for k, v in anchors.items()}, unanchored=tuple(unanchored),
        )  # fmt: skip

    # -- scalar keys ----------------------------------------------------------------------------
    def _message(self, message: Any) -> str:
        if not isinstance(message, str) or not message.strip():
            raise self.fail("'message' must be a non-empty string")
        try:
            fields = {f for _, f, _, _ in string.Formatter().parse(message) if f is not None}
        except ValueError as exc:
            raise self.fail(f"bad message template: {exc}") from None
        unknown = fields - _MESSAGE_FIELDS
        if unknown:
            raise self.fail(
                f"bad message template: unknown field(s) {', '.join(sorted(unknown))} "
                "(use {match}, {suggestion}, {note})"
            )
        return message

    def _bool(self, data: Mapping[str, Any], key: str, default: bool) -> bool:
        value = data.get(key, default)
        if not isinstance(value, bool):
            raise self.fail(f"'{key}' must be true or false, not {value!r}")
        return value

    def _confidence(self, value: Any, entry: str | None = None) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
            raise self.fail(f"bad confidence {value!r} (expected a number from 0 to 1)", entry)
        return float(value)

    # -- entries --------------------------------------------------------------------------------
    def _entry_table(self, item: Any, kind: str, key: str) -> dict[str, Any]:
        if isinstance(item, str):
            return {key: item}
        if not isinstance(item, Mapping):
            raise self.fail(f"each entry must be a string or a table, not {item!r}")
        label = str(item.get(key, item))
        for k in item:
            if k not in _ENTRY_KEYS[kind]:
                raise self.fail(
                    f"unknown key {k!r} in entry (allowed: {', '.join(sorted(_ENTRY_KEYS[kind]))})",
                    label,
                )
        if not isinstance(item.get(key), str) or not item[key]:
            raise self.fail(f"missing key '{key}' in entry", label)
        return dict(item)

    def _entry_list(self, value: Any, key: str) -> list[Any]:
        if not isinstance(value, list) or not value:
            raise self.fail(f"'{key}' must be a non-empty list")
        return value

    def _compile(self, source: str, ignorecase: bool, bounded: bool) -> re.Pattern[str]:
        if _BACKREF_RE.search(source):
            raise self.fail("bad regex: back-references are not supported", source)
        body = _spaces_to_whitespace(source)
        if bounded:
            # The start is checked in Python (so that the anchor search stays fast); the end here:
            # no word character, nor a hyphen and a word character, right after a word character.
            body = f"(?:{body})(?!(?<=\\w)-?\\w)"
        flags = re.MULTILINE | (re.IGNORECASE if ignorecase else 0)
        try:
            compiled = _regex(body, flags, self.eager)
        except re.error as exc:
            raise self.fail(f"bad regex: {exc}", source) from None
        if self.eager:  # user packs: refuse patterns that can hang the run
            problem = unsafe_pattern(body, flags)
            if problem is not None:
                raise self.fail(f"unsafe regex: {problem}", source)
        return compiled

    def _existence_entries(self, tokens: Any, ignorecase: bool, raw: bool) -> Iterator[PackEntry]:
        for item in self._entry_list(tokens, "tokens"):
            table = self._entry_table(item, "existence", "pattern")
            source = table["pattern"]
            yield PackEntry(
                source,
                self._compile(source, ignorecase, bounded=not raw),
                _anchor(source),
                note=self._note(table, source),
                confidence=self._entry_confidence(table, source),
                bounded=not raw,
            )

    def _swap_entries(self, swap: Any, ignorecase: bool, raw: bool) -> Iterator[PackEntry]:
        items: list[Any]
        if isinstance(swap, Mapping):
            items = [{"wrong": k, "right": v} for k, v in swap.items()]
        else:
            items = self._entry_list(swap, "swap")
        if not items:
            raise self.fail("'swap' must not be empty")
        for item in items:
            if isinstance(item, str):
                raise self.fail("a swap entry needs 'wrong' and 'right'", item)
            table = self._entry_table(item, "substitution", "wrong")
            source = table["wrong"]
            right = table.get("right")
            if not isinstance(right, str):
                raise self.fail("missing key 'right' in entry (a string)", source)
            regex = self._compile(source, ignorecase, bounded=not raw)
            try:
                if self.eager:
                    _check_template(regex, right)
            except (re.error, IndexError) as exc:
                raise self.fail(f"bad replacement {right!r}: {exc}", source) from None
            yield PackEntry(
                source,
                regex,
                _anchor(source),
                right=right,
                note=self._note(table, source),
                confidence=self._entry_confidence(table, source),
                bounded=not raw,
            )

    def _boilerplate_entries(
        self, lines: Any, ignorecase: bool, footer_default: bool
    ) -> Iterator[PackEntry]:
        for item in self._entry_list(lines, "lines"):
            table = self._entry_table(item, "boilerplate", "pattern")
            source = table["pattern"]
            footer = table.get("footer", footer_default)
            if not isinstance(footer, bool):
                raise self.fail(f"'footer' must be true or false, not {footer!r}", source)
            yield PackEntry(
                source,
                self._compile(source, ignorecase, bounded=False),
                None,
                note=self._note(table, source),
                confidence=self._entry_confidence(table, source),
                footer=footer,
            )

    def _note(self, table: Mapping[str, Any], source: str) -> str:
        note = table.get("note", "")
        if not isinstance(note, str):
            raise self.fail("'note' must be a string", source)
        return note

    def _entry_confidence(self, table: Mapping[str, Any], source: str) -> float | None:
        if "confidence" not in table:
            return None
        return self._confidence(table["confidence"], source)


def _check_template(regex: re.Pattern[str], template: str) -> None:
    """Raise if ``template`` refers to a group ``regex`` does not have."""
    for m in re.finditer(r"\\(\d+)|\\g<(\w+)>", template):
        number, name = m.group(1), m.group(2)
        if number is not None and int(number) > regex.groups:
            raise IndexError(f"no group {number} in the pattern")
        if name is not None:
            if name.isdigit():
                if int(name) > regex.groups:
                    raise IndexError(f"no group {name} in the pattern")
            elif name not in regex.groupindex:
                raise IndexError(f"no group named {name!r} in the pattern")


def _compile_union(sources: Sequence[str], ignorecase: bool, eager: bool = True) -> re.Pattern[str]:
    flags = re.IGNORECASE if ignorecase else 0
    # Group names may repeat across entries; the union only needs to say whether any matches.
    bodies = (_NAMED_GROUP_RE.sub("(?:", _spaces_to_whitespace(s)) for s in sources)
    return _regex("|".join(f"(?:{body})" for body in bodies), flags, eager)


_NAMED_GROUP_RE = re.compile(r"(?<!\\)\(\?P<\w+>")


def _no_check(doc: Document, ctx: Context) -> Iterator[Match]:
    return iter(())


# -- reading files -----------------------------------------------------------------------------
def _parse(path: Path) -> Any:
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PackError(path, f"'{path.stem}'", f"cannot read the file: {exc}") from None
    if path.suffix == ".toml":
        try:
            return tomllib.loads(raw)
        except tomllib.TOMLDecodeError as exc:
            raise PackError(path, f"'{path.stem}'", f"bad TOML: {exc}") from None
    import yaml  # lazily: only YAML packs need it

    try:
        return yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        reason = " ".join(str(exc).split())
        raise PackError(path, f"'{path.stem}'", f"bad YAML: {reason}") from None


_PACK_CACHE: dict[tuple[str, int, int], CompiledPack | None] = {}
# A pack names its rule and type at the top level; other TOML/YAML files under rules/ are data
# (name lists, word lists) that rules read themselves.
_PACK_KEY_RE = re.compile(r"^(?:id|type)\s*[=:]", re.MULTILINE)


def compile_pack(path: Path | str) -> CompiledPack:
    """Parse, validate and compile one pack file (cached per process, per file version)."""
    pack = _compile_cached(Path(path), require_pack=True)
    assert pack is not None
    return pack


def _compile_cached(p: Path, *, require_pack: bool) -> CompiledPack | None:
    """The compiled pack of ``p``; None for a data file (no top-level ``id`` or ``type``) unless
    ``require_pack``."""
    try:
        stat = p.stat()
    except OSError as exc:
        raise PackError(p, f"'{p.stem}'", f"cannot read the file: {exc}") from None
    key = (str(p.resolve()), stat.st_mtime_ns, stat.st_size)
    if key in _PACK_CACHE and (_PACK_CACHE[key] is not None or not require_pack):
        return _PACK_CACHE[key]
    if p.suffix not in PACK_SUFFIXES:
        raise PackError(p, f"'{p.stem}'", "a pack file must end in .toml, .yaml or .yml")
    pack: CompiledPack | None = None
    if require_pack or _looks_like_pack(p):
        data = _parse(p)
        if require_pack or (isinstance(data, Mapping) and ("id" in data or "type" in data)):
            pack = _PackLoader(p, data, eager=not _is_builtin(p)).load()
    _PACK_CACHE[key] = pack
    return pack


def _is_builtin(p: Path) -> bool:
    return p.resolve().is_relative_to(builtin_pack_dir().resolve())


def compile_all_patterns(pack: CompiledPack) -> None:
    """Compile every pattern of ``pack`` now, and check substitution templates (raises
    ``re.error`` or ``IndexError``): what loading does for user packs, for tests of the built-in
    ones."""
    for entry in pack.entries:
        entry.regex.search("")
        if entry.right is not None:
            _check_template(entry.regex, entry.right)
    if pack.combined is not None:
        pack.combined.search("")


def _looks_like_pack(p: Path) -> bool:
    try:
        return bool(_PACK_KEY_RE.search(p.read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError):
        return True  # let the parser report it


# -- rules -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PackRule(Rule):
    """A rule defined by one or more pack files sharing an id (and a type and a severity)."""

    parts: tuple[CompiledPack, ...] = field(default=(), repr=False)

    @property
    def type(self) -> str:
        return self.parts[0].type if self.parts else ""

    def footer_entries(self) -> Iterator[tuple[CompiledPack, PackEntry]]:
        for part in self.parts:
            for entry in part.entries:
                if entry.footer:
                    yield part, entry


def _make_check(parts: tuple[CompiledPack, ...]) -> Callable[[Document, Context], Iterator[Match]]:
    def check(doc: Document, ctx: Context) -> Iterator[Match]:
        if len(parts) == 1:
            yield from parts[0].matches(doc)
            return
        merged: dict[tuple[int, int], Match] = {}
        for part in parts:
            for m in part.matches(doc):
                merged.setdefault((m.start, m.end), m)  # the first file's message wins
        yield from (merged[span] for span in sorted(merged))

    return check


def _rule_from_parts(parts: Sequence[CompiledPack]) -> PackRule:
    first = parts[0]
    for other in parts[1:]:
        if other.type != first.type:
            raise PackError(
                other.path,
                f"'{other.id}'",
                f"type {other.type!r} differs from {first.type!r} in {first.path}; "
                "pack files that share a rule id must share its type",
            )
        if other.severity != first.severity:
            raise PackError(
                other.path,
                f"'{other.id}'",
                f"severity {other.severity.label!r} differs from {first.severity.label!r} in "
                f"{first.path}; pack files that share a rule id must share its severity",
            )
    explanation = next((p.explanation for p in parts if p.explanation.strip()), "")
    doc = _documentation(first.id, explanation, first.message, parts)
    origin = ", ".join(str(p.path) for p in parts)
    return PackRule(
        first.id, first.severity, _make_check(tuple(parts)), doc, origin, parts=tuple(parts)
    )


def _documentation(
    rule_id: str, explanation: str, message: str, parts: Sequence[CompiledPack]
) -> str:
    import inspect

    text = inspect.cleandoc(explanation) if explanation.strip() else f"{rule_id}: {message}"
    count = sum(len(p.entries) for p in parts)
    files = ", ".join(p.path.name for p in parts)
    return f"{text}\n\nDefined by the rule pack {files} ({count} entries)."


def load_pack(path: Path | str) -> PackRule:
    """The rule one pack file defines."""
    return _rule_from_parts([compile_pack(path)])


def _pack_paths(paths: Iterable[Path | str]) -> Iterator[tuple[Path, bool]]:
    """``(file, named)``: files as given (named), and the *.toml, *.yaml, *.yml files inside
    directories, recursively, sorted."""
    for path in paths:
        p = Path(path)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix in PACK_SUFFIXES:
                    yield f, False
        else:
            yield p, True


def load_packs(paths: Iterable[Path | str]) -> list[PackRule]:
    """The rules defined by pack files and directories, one rule per id, in first-seen order.

    A directory stands for every *.toml, *.yaml and *.yml file inside it, recursively, in sorted
    order; files there without a top-level ``id`` or ``type`` key are data files and skipped. A
    file named explicitly must be a valid pack.

    Pack files that share an id are merged into one rule (their entries run together); they must
    agree on the type and the severity, otherwise ``PackError``. The explanation is the first
    non-empty one; each file keeps its own message, confidence and case setting for its entries."""
    by_id: dict[str, list[CompiledPack]] = {}
    for path, named in _pack_paths(paths):
        pack = _compile_cached(path, require_pack=named)
        if pack is not None:
            by_id.setdefault(pack.id, []).append(pack)
    return [_rule_from_parts(parts) for parts in by_id.values()]


def builtin_pack_dir() -> Path:
    """Where the built-in packs are (``resources.packs_dir``): the repository's top-level
    ``rules/``, shipped in a wheel as ``qualitycheck/data/packs/``."""
    from qualitycheck.resources import packs_dir

    return packs_dir()


@cache
def _builtin_rules() -> tuple[PackRule, ...]:
    directory = builtin_pack_dir()
    if not directory.is_dir():
        return ()
    return tuple(load_packs([directory]))


def builtin_rules() -> list[Rule]:
    """The rules of the built-in packs (entry point ``packs.builtin``), loaded once per process."""
    return list(_builtin_rules())


def footer_line_matcher(rules: Iterable[Rule] | None = None) -> Callable[[str], bool]:
    """A test for lines that start a scraped footer ("More Stories", "Related Articles"): the
    boilerplate entries marked ``footer = true`` of ``rules`` (default: the built-in packs)."""
    pool = _builtin_rules() if rules is None else tuple(rules)
    patterns = [
        (part.combined.flags, entry.source)
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
    starts = [_first_chars(r) for r in compiled]
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
