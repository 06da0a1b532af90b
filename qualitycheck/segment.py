"""Split blocks into sentences and words.

Deliberately small and rule-based: it must be fast (2 MB/s and more), predictable, and it must not
need models or downloads. Sentence ends are ``.``, ``!``, ``?`` and ``…`` (with any closing quotes or
brackets after them) followed by white space, unless the word before the full stop is a known
abbreviation, an initial or a number.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# Words that end with a full stop without ending the sentence (compared lower-cased, without ".").
# fmt: off
ABBREVIATIONS = frozenset(
    """
    mr mrs ms mx dr prof rev fr sr jr st mt ft gen gov sen rep lt col capt cpt sgt maj adm cmdr
    pres supt insp det hon messrs mme mlle inc ltd co corp bros plc llc dept univ assn est
    approx vs etc cf ibid jan feb mar
    apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri ave blvd rd
    hwy e.g i.e a.m p.m u.s u.k u.n e.u u.s.a d.c n.y l.a ph.d b.a m.a b.sc m.sc a.d b.c
    """.split()
)
# fmt: on
# Abbreviations only when a number follows: "No. 5", "Art. 3", "pp. 12".
NUMBER_ABBREVIATIONS = frozenset("no nos art sec ch fig figs para vol vols pp op".split())

WORD_RE = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
# A candidate sentence end: terminal marks, optional closing quotes/brackets, then white space.
# A run of marks is only tried from its first mark (the look-behind): from every mark of a long
# run of "?" or "." the scan would reach its end, in quadratic time; the matches are the same.
# The look-behind comes after the first mark (so it looks two characters back): a pattern that
# starts with a character class lets the regex engine skip to the next mark in C.
_END_RE = re.compile(r"(?:[.!?](?<![.!?].)[.!?]*|…)[\"'”’»)\]]*(?=\s)")
_WORD_BEFORE_RE = re.compile(r"([^\W_][\w.\-]*)\.$")
_DOTTED_RE = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")  # "U.S" of "U.S.", "e.g" of "e.g."


# Longer than every abbreviation: a full stop after this many letters ends a word that is none.
_LONGER_THAN_ABBREVIATIONS = 1 + max(map(len, ABBREVIATIONS | NUMBER_ABBREVIATIONS))


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the full stop at ``text[dot]`` closes an abbreviation or an initial."""
    k = _LONGER_THAN_ABBREVIATIONS
    if dot >= k and text[dot - k : dot].isalpha():
        return False  # most sentences end with a long word: settled without the regex
    return _abbreviation_by_pattern(text, dot)


def _abbreviation_by_pattern(text: str, dot: int) -> bool:
    m = _WORD_BEFORE_RE.search(text, max(0, dot - 24), dot + 1)
    if not m:
        return False
    word = m.group(1)
    if len(word) == 1 and word.isupper():  # an initial: "Ann M. Simmons"
        return True
    if word.isdigit():  # "in 2022. The" ends a sentence
        return False
    if word.lower() in NUMBER_ABBREVIATIONS:
        rest = text[dot + 1 : dot + 4].lstrip()
        return rest[:1].isdigit()
    return word.lower() in ABBREVIATIONS or bool(_DOTTED_RE.fullmatch(word))


def split_sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` offsets of the sentences in ``text[start:end]``, trimmed of spaces."""
    pos = start
    for m in _END_RE.finditer(text, start, end):
        mark_end = m.end()
        first_mark = m.start()
        # a single full stop: it may close an abbreviation instead
        if (
            text[first_mark] == "."
            and text[first_mark + 1] != "."
            and _is_abbreviation(text, first_mark)
        ):
            continue
        # The next sentence must begin with something that can start one.
        nxt = mark_end
        while nxt < end and text[nxt].isspace():
            nxt += 1
        if nxt < end and not (text[nxt].isalnum() or text[nxt] in "\"'“‘«([¿¡-–—*•"):
            continue
        s, e = _trim(text, pos, mark_end)
        if s < e:
            yield s, e
        pos = mark_end
    s, e = _trim(text, pos, end)
    if s < e:
        yield s, e


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
