"""The pack model and matching: a compiled pack file, and how its entries find their matches
(phrase entries from their anchor words, boilerplate entries line by line)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property
from itertools import compress, repeat
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from qualitycheck.finding import Match, Severity
from qualitycheck.scan.anchors import AnchorScanner, required_words
from qualitycheck.scan.lowered import FOLDS_TO_ASCII, lower_same_length, lowered_text
from qualitycheck.scan.programs import re_compile
from qualitycheck.scan.skeleton import first_chars, skeleton

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
            gated = plan.gated(anchor, len(positions))
            for order, index, gate in plan.gates(anchor, len(positions)):
                found: Iterable[int] = positions
                if gate is not None and filtering:
                    found = compress(positions, map(gate, repeat(lowered), los, his))
                elif filtering and not gated and plan.requires(index, anchor):
                    # Without a skeleton: the words the entry cannot match without, each
                    # looked for in the window (no pattern compiled for a window without them).
                    requires = plan.requires(index, anchor)
                    found = [
                        pos
                        for pos, lo, hi in zip(positions, los, his, strict=True)
                        if all(any(lowered.find(w, lo, hi) >= 0 for w in r) for r in requires)
                    ]
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
        fullmatches = self._fullmatches
        lowered: str | None = None
        for index in self._line_entries(trimmed[0]):
            fullmatch = fullmatches[index]
            if fullmatch is None:
                # Not compiled yet: only for a line that holds one of the words every match of
                # the entry holds (no such check where the line has a character that matches
                # an ASCII letter case-insensitively without lower-casing to it).
                # After ``_COMPILE_AFTER`` lines without them the entry is compiled anyway:
                # then ``fullmatch`` rejects a line faster than this check.
                words = self._line_words[index]
                if words and self._skipped[index] < _COMPILE_AFTER:
                    if lowered is None:
                        folds = any(c in trimmed for c in FOLDS_TO_ASCII)
                        lowered = "" if folds else trimmed.lower()
                    if lowered and not any(map(lowered.__contains__, words)):
                        self._skipped[index] += 1
                        continue
                fullmatch = fullmatches[index] = _resolved(self.entries[index].regex).fullmatch
            m = fullmatch(trimmed)
            if m:
                entry = self.entries[index]
                return (entry, m) if self._combined_fullmatches(entry, trimmed) else None
        return None

    @cached_property
    def _fullmatches(self) -> list[_FullMatch | None]:
        return [None] * len(self.entries)  # per entry, its compiled ``fullmatch`` once needed

    @cached_property
    def _skipped(self) -> list[int]:
        return [0] * len(self.entries)  # per entry, lines skipped for want of its words

    @cached_property
    def _line_words(self) -> tuple[frozenset[str] | None, ...]:
        """Per entry, words one of which every match holds (``required_words``: the set of the
        rarest-looking word), or None."""
        found: list[frozenset[str] | None] = []
        for entry in self.entries:
            sets = required_words(entry.source)
            found.append(max(sets, key=lambda r: min(map(len, r))) if sets else None)
        return tuple(found)

    def _combined_fullmatches(self, entry: PackEntry, line: str) -> bool:
        """``self.combined.fullmatch(line)``, where ``entry`` matches the line: the combined
        pattern is a choice of one alternative per entry, so it matches when ``entry``'s own
        alternative does; only otherwise is the whole choice (~8 ms to compile for the built-in
        footers) compiled and tried."""
        assert self.combined is not None
        alone = self._alternatives.get(entry.source)
        if alone is None:
            from qualitycheck.packs.compile import _compile_union

            ignorecase = bool(_pattern_source(self.combined)[1] & re.IGNORECASE)
            alone = _compile_union([entry.source], ignorecase)
            self._alternatives[entry.source] = alone
        return bool(alone.fullmatch(line) or self.combined.fullmatch(line))

    @cached_property
    def _alternatives(self) -> dict[str, re.Pattern[str]]:
        return {}  # entry source -> its alternative of ``combined``, compiled

    def _line_entries(self, first: str) -> tuple[int, ...]:
        """The boilerplate entries a line starting with ``first`` can match, in pack order (their
        indices): those whose matches can start with that character (all of them for a character
        outside ASCII)."""
        table = self._line_table
        key = first if first.isascii() else ""
        found = table.get(key)
        if found is None:
            found = table[key] = tuple(
                index
                for index, starts in enumerate(self._first_chars)
                if starts is None or first in starts or not first.isascii()
            )
        return found

    @cached_property
    def _first_chars(self) -> tuple[frozenset[str] | None, ...]:
        return tuple(first_chars(*_pattern_source(entry.regex)) for entry in self.entries)

    @cached_property
    def _line_table(self) -> dict[str, tuple[int, ...]]:
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
# - the occurrences of all anchors come from one regular-expression pass (``AnchorScanner``)
#   instead of one ``str.find`` pass over the text per anchor; the built-in phrase packs share
#   one pass per document;
# - before an entry's expression runs over a window, its *skeleton* (``_skeleton``) must occur in
#   the lower-cased window: a case-sensitive expression that matches inside every match of the
#   entry, so ``re`` can skip to its literal start in C instead of trying the case-insensitive
#   entry at every position of the window.


# An anchor's entries get their skeletons once it has had this many windows in the process.
_GATE_AFTER = 16
# A boilerplate entry is compiled at the latest after this many lines skipped without its words.
_COMPILE_AFTER = 32


class _PhrasePlan:
    """What a phrase pack computes once, on first use: its anchor scanner and, per entry, the
    search of its skeleton (None: no skeleton, the entry runs on every window)."""

    def __init__(self, pack: CompiledPack) -> None:
        self.entries = pack.entries
        # The skeletons' sources as stored at build time, if the pack was (else computed here).
        self.skeletons: tuple[str | None, ...] | None = pack.__dict__.get("_skeletons")
        # A built-in pack finds its anchors in the pass shared by all built-in phrase packs.
        from qualitycheck.packs.load import _is_builtin

        shared = _shared_scanner() if _is_builtin(pack.path) else None
        self.shared = shared is not None and set(pack.anchors) <= set(shared.anchors)
        self.scanner = shared if shared and self.shared else AnchorScanner(tuple(pack.anchors))
        self._gates: list[_Search | bool | None] = [False] * len(pack.entries)
        self.pack_anchors = pack.anchors
        self.rank = {a: k for k, a in enumerate(pack.anchors)}  # the order anchors are tried in
        self._by_anchor: dict[str, tuple[tuple[int, int, _Search | None], ...]] = {}
        self._windows: dict[str, int] = {}  # anchor -> windows seen while it went ungated
        self._requires: dict[int, tuple[frozenset[str], ...]] = {}

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
            if self.skeletons is not None:  # computed at build time (``packs.stored``)
                source = self.skeletons[index]
                found = None if source is None else re_compile(source)
            else:
                found = skeleton(*_pattern_source(self.entries[index].regex))
            gate = self._gates[index] = None if found is None else found.search
        return cast("_Search | None", gate)

    def requires(self, index: int, anchor: str) -> tuple[frozenset[str], ...]:
        """The word sets of entry ``index`` that every match holds a word of
        (``required_words``), less the one its anchor ``anchor`` belongs to."""
        found = self._requires.get(index)
        if found is None:
            words = required_words(self.entries[index].source)
            found = self._requires[index] = tuple(r for r in words if anchor not in r)
        return found

    def gated(self, anchor: str, windows: int) -> bool:
        """Whether ``anchor``'s entries have their skeletons (or will at ``gates``, asked with
        the same ``windows``)."""
        if anchor in self._by_anchor or self.skeletons is not None:
            return True
        return self._windows.get(anchor, 0) + windows >= _GATE_AFTER

    def gates(self, anchor: str, windows: int) -> tuple[tuple[int, int, _Search | None], ...]:
        """(order, entry, its skeleton's ``search``) for the entries of ``anchor``, which occurs
        ``windows`` times in the text at hand. Where the skeletons are not stored (a user pack, a
        changed built-in one), an anchor's entries go ungated (None) until it has had
        ``_GATE_AFTER`` windows in this process: building a skeleton (parsing the pattern,
        compiling the skeleton, ~0.3 ms) costs more than trying the entries on a few windows.
        Stored skeletons (and their stored programs) cost ~20 µs: used from the first window."""
        found = self._by_anchor.get(anchor)
        if found is None:
            indices = self.pack_anchors[anchor]
            seen = self._windows.get(anchor, 0) + windows
            if self.skeletons is None and seen < _GATE_AFTER:
                self._windows[anchor] = seen
                return tuple((k, i, None) for k, i in enumerate(indices))
            found = tuple((k, i, self.gate(i)) for k, i in enumerate(indices))
            self._by_anchor[anchor] = found
        return found


_Search = Callable[[str, int, int], "re.Match[str] | None"]


@cache
def _shared_scanner() -> AnchorScanner:
    """One scanner for the anchors of every built-in phrase pack."""
    from qualitycheck.packs.load import _builtin_rules

    anchors = sorted({a for rule in _builtin_rules() for part in rule.parts for a in part.anchors})
    from qualitycheck.packs.stored import stored_scanner

    return stored_scanner(anchors) or AnchorScanner(anchors)


_FullMatch = Callable[[str], "re.Match[str] | None"]


def _resolved(regex: re.Pattern[str]) -> re.Pattern[str]:
    return regex.compiled() if isinstance(regex, _DeferredPattern) else regex


def _pattern_source(regex: re.Pattern[str]) -> tuple[str, int]:
    if isinstance(regex, _DeferredPattern):
        return regex.source()
    return regex.pattern, regex.flags


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
            self._compiled = re_compile(self._pattern, self._flags)
        return self._compiled

    def source(self) -> tuple[str, int]:
        """The pattern and flags, without compiling."""
        return self._pattern, self._flags

    def __getattr__(self, name: str) -> Any:
        if self._compiled is None:
            self._compiled = re_compile(self._pattern, self._flags)
        return getattr(self._compiled, name)


def _regex(pattern: str, flags: int, eager: bool) -> re.Pattern[str]:
    if eager:
        return re.compile(pattern, flags)
    return cast("re.Pattern[str]", _DeferredPattern(pattern, flags))
