"""The shared anchor scan: every occurrence of a set of literal words in a lower-cased text, in one
pass, and the choice of an anchor word for a pattern.

``AnchorScanner(words).find_all(lowered)`` is what ``str.find`` repeated from each hit + 1 returns
for each word, in one regular-expression pass (``find_in_words`` reads it off a Document's word
index instead, where that is faster). ``anchor_words(pattern)`` is the literal requirement of a
pattern most rarely met in prose: the built-in phrase packs look for it before they try the
pattern.
"""

from __future__ import annotations

import bisect
import operator
import re
from collections import defaultdict
from collections.abc import Sequence
from functools import cached_property
from itertools import accumulate, compress, count
from typing import TYPE_CHECKING, Any

from qualitycheck.scan.frequency import CHAR_SHARE, RARE_SHARE
from qualitycheck.scan.lowered import FOLDS_TO_ASCII, lowered_text
from qualitycheck.scan.programs import re_compile

if TYPE_CHECKING:
    from qualitycheck.document import Document

# What one str.find pass over a text costs, in per cent of the text's characters that one
# regular-expression pass tries a match at for the same time (both measured on CPython 3.11).
_FIND_PASS_SHARE = 1.1


class AnchorScanner:
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
                c for c, k in counts.items() if CHAR_SHARE.get(c, RARE_SHARE) > k * _FIND_PASS_SHARE
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
            re_compile(
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

    def state(self) -> dict[str, Any]:
        """What the constructor computed, as JSON data (``from_state`` takes it back)."""
        return {
            "anchors": list(self.anchors),
            "alone": list(self._alone),
            "regex": None if self._regex is None else self._regex.pattern,
            "actions": [
                [group, rest, [list(action) for action in actions]]
                for (group, rest), actions in self._actions.items()
            ],
        }

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> AnchorScanner:
        """The scanner ``state()`` describes, without computing it again (the built-in packs'
        shared scanner, stored at build time)."""
        scanner = cls.__new__(cls)
        scanner.anchors = tuple(state["anchors"])
        scanner._alone = tuple(state["alone"])
        regex = state["regex"]
        scanner._regex = None if regex is None else re_compile(regex)
        scanner._actions = {
            (group, rest): tuple((offset, anchor, check) for offset, anchor, check in actions)
            for group, rest, actions in state["actions"]
        }
        return scanner

    @cached_property
    def _word_anchors(self) -> tuple[AnchorScanner, AnchorScanner | None]:
        """Scanners of the anchors made of ASCII letters only, and of the others (or None)."""
        words = [a for a in self.anchors if a.isascii() and a.isalpha() and a.islower()]
        others = [a for a in self.anchors if a not in words]
        return AnchorScanner(words), AnchorScanner(others) if others else None

    def find_in_words(
        self, doc: Document, faster_only: bool = False
    ) -> dict[str, list[int]] | None:
        """``find_all(lowered_text(doc))``, read off the document's word index; None where that
        cannot be done (then the text has to be scanned).

        An anchor of ASCII letters occurs only inside a run of ASCII letters, and each such run
        lies inside one word (``letters_in_words``), so its occurrences are those inside the
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
        if any(c in text for c in FOLDS_TO_ASCII) or not letters_in_words(doc):
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


_ASCII_LETTER_RE = re_compile("[A-Za-z]")


def letters_in_words(doc: Document) -> bool:
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
    return min(options, key=lambda i: (CHAR_SHARE.get(anchor[i], RARE_SHARE), i))


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


# -- choosing an anchor word ----------------------------------------------------------------------
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


_GROUP_PREFIX_RE = re_compile(r"\?(?::|P<\w+>|[aiLmsux]*(?:-[imsx]+)?:)")
# Characters that count as literal in an anchor besides letters and digits; they are rarer in
# prose than any letter, so an anchor that contains one is preferred.
_ANCHOR_SYMBOLS = frozenset("%€$£¥§@&©®™")
_LITERAL_ALTERNATIVE_RE = re_compile(r"[^\W_]+(?:[ -][^\W_]+)*")


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


def required_words(pattern: str) -> tuple[frozenset[str], ...]:
    """What every match of ``pattern`` contains, for a check that needs no compiled pattern: sets
    of lower-cased ASCII words, one word of each set occurring in the lower-cased text of the
    match (``lower_same_length``; a text with ``FOLDS_TO_ASCII`` characters is not checked so).
    Words outside ASCII are left out: ``re`` matches a few of their letters case-insensitively
    with letters that do not lower-case to them."""
    found = []
    for requirement in _requirements(pattern):
        words = frozenset(w.lower() for w in requirement)
        if all(w and w.isascii() for w in words):
            found.append(words)
    return tuple(found)


def anchor_words(pattern: str) -> frozenset[str] | None:
    """The requirement that occurs most rarely in text, judged by the length of its shortest
    word; fewer alternatives break ties."""
    options = [r for r in _requirements(pattern) if min(max(len(w), _rarity(w)) for w in r) >= 2]
    if not options:
        return None
    best = max(options, key=lambda r: (min(_rarity(w) for w in r), -len(r)))
    return frozenset(w.lower() for w in best)
