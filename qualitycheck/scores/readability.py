"""Readability formulas for a whole document and for each of its paragraphs.

The seven scores are the classic public formulas (Flesch reading ease, Flesch-Kincaid grade, Gunning
fog, SMOG, Coleman-Liau, automated readability index, Dale-Chall), counted the way the ``textstat``
package counts words, sentences, letters and syllables, so our numbers agree with textstat's.

We compute them here instead of calling textstat because textstat 0.7.10+ imports NLTK (about
200 ms) and downloads NLTK's CMU pronouncing dictionary the first time it counts syllables, which
fails offline. Syllables come from pyphen's hyphenation patterns (shipped with pyphen, and the same
fallback textstat uses for words missing from that dictionary); the Dale-Chall list of familiar
words is read from the resource file textstat ships, found without importing textstat. Both load
lazily, once per process, so importing this module costs next to nothing.

How textstat counts (our definitions match them):

- *words*: the text with every non-word character removed except an ASCII apostrophe that starts a
  contraction ending (``'t 's 'd 've 'll 're``), split on white space. Hyphens vanish, so
  "week-long" is one word; a typographic apostrophe vanishes too ("Moscow’s" -> "Moscows").
- *sentences*: runs of text matched by ``\\b[^.!?]+[.!?]*``, not counting runs of two words or
  fewer; at least one.
- *syllables* of a word: its hyphenation points in pyphen's ``en_US`` dictionary, plus one.
- *polysyllables*: words of three syllables or more. *Complex words* (Gunning fog): polysyllables
  that are not on the Dale-Chall list. *Unfamiliar words* (Dale-Chall): words not on that list.
- *letters*: word characters (``\\w``); *characters* (ARI): non-space characters, divided by the
  number of white-space separated tokens.
"""

from __future__ import annotations

import functools
import importlib.util
import itertools
import math
import os
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields
from typing import TYPE_CHECKING

from qualitycheck.scan.programs import re_compile

if TYPE_CHECKING:
    from qualitycheck.document import Document

# Blocks with fewer words than this get no paragraph scores: the formulas mean nothing there.
MIN_PARAGRAPH_WORDS = 3

_HYPHENATION_LANGUAGE = "en_US"
_SYLLABLE_CACHE_SIZE = 1 << 16

_NON_CONTRACTION_APOSTROPHE_RE = re_compile(r"'(?![tsd]|ve|ll|re)")
_NON_WORD_RE = re_compile(r"[^\w\s']")
_WORD_CHARS_RE = re_compile(r"\w+")
_SPACE_RE = re_compile(r"\s+")
_SENTENCE_RE = re_compile(r"\b[^.!?]+[.!?]*")


class ReadabilityDataError(RuntimeError):
    """A resource the readability formulas need (pyphen, the Dale-Chall word list) is missing."""


@dataclass(frozen=True, slots=True)
class TextCounts:
    """The counts the formulas are made of (see the module docstring for the definitions)."""

    words: int
    sentences: int
    syllables: int
    polysyllables: int
    complex_words: int
    unfamiliar_words: int
    letters: int
    characters: int
    tokens: int


@dataclass(frozen=True)
class Readability:
    """Readability scores of a text, rounded to one decimal."""

    flesch_reading_ease: float
    flesch_kincaid_grade: float
    gunning_fog: float
    smog_index: float
    coleman_liau_index: float
    automated_readability_index: float
    dale_chall_readability_score: float

    def to_dict(self) -> dict[str, float]:
        return asdict(self)

    @classmethod
    def from_counts(cls, counts: TextCounts, ndigits: int | None = 1) -> Readability:
        """Apply the formulas to ``counts``; ``ndigits=None`` keeps full precision."""
        words, sentences = counts.words, counts.sentences
        words_per_sentence = words / sentences
        syllables_per_word = counts.syllables / words
        unfamiliar_percent = 100 * counts.unfamiliar_words / words
        dale_chall = 0.1579 * unfamiliar_percent + 0.0496 * words_per_sentence
        if unfamiliar_percent > 5:
            dale_chall += 3.6365
        letters_per_100_words = 100 * counts.letters / words
        sentences_per_100_words = 100 * sentences / words
        characters_per_token = counts.characters / counts.tokens if counts.tokens else 0.0
        values = (
            206.835 - 1.015 * words_per_sentence - 84.6 * syllables_per_word,
            0.39 * words_per_sentence + 11.8 * syllables_per_word - 15.59,
            0.4 * (words_per_sentence + 100 * counts.complex_words / words),
            1.043 * math.sqrt(30 * counts.polysyllables / sentences) + 3.1291,
            (
                0.058 * letters_per_100_words - 0.296 * sentences_per_100_words - 15.8
                if letters_per_100_words
                else 0.0
            ),
            (
                4.71 * characters_per_token + 0.5 * words_per_sentence - 21.43
                if characters_per_token
                else 0.0
            ),
            dale_chall,
        )  # in the order of the fields (_SCORE_NAMES)
        if ndigits is None:
            return cls(*values)
        # one object, the values rounded (building the unrounded one first cost a copy)
        return cls(*[round(v, ndigits) for v in values])


_SCORE_NAMES = tuple(f.name for f in fields(Readability))  # (tests/test_readability.py)


def readability(text: str) -> Readability | None:
    """The seven readability scores of ``text``; None when it has no words."""
    counts = count_text(text)
    return None if counts is None else Readability.from_counts(counts)


def paragraph_readability(doc: Document) -> list[tuple[int, Readability | None]]:
    """``(block index, scores)`` for every block of ``doc``; the scores are None for blocks of
    fewer than ``MIN_PARAGRAPH_WORDS`` words (headings, bylines, captions...)."""
    out: list[tuple[int, Readability | None]] = []
    for index, block in enumerate(doc.blocks):
        counts = count_text(doc.text[block.start : block.end])
        if counts is None or counts.words < MIN_PARAGRAPH_WORDS:
            out.append((index, None))
        else:
            out.append((index, Readability.from_counts(counts)))
    return out


def split_words(text: str) -> list[str]:
    """The words of ``text`` as the formulas count them (punctuation removed, case kept)."""
    return _NON_WORD_RE.sub("", _NON_CONTRACTION_APOSTROPHE_RE.sub("", text)).split()


def count_sentences(text: str) -> int:
    """Sentences as the formulas count them: 0 for empty text, otherwise at least 1."""
    if not text:
        return 0
    runs = _SENTENCE_RE.findall(text)
    if len(runs) <= 1:
        return 1  # max(1, len(runs) - short) whatever ``short`` is (most paragraphs of a crawl)
    short = sum(1 for run in runs if len(split_words(run)) <= 2)
    return max(1, len(runs) - short)


def count_text(text: str) -> TextCounts | None:
    """Count what the formulas need; None when ``text`` has no words."""
    words = split_words(text)
    if not words:
        return None
    syllables_of = _syllable_counter()
    easy = _easy_words()
    syllables = polysyllables = complex_words = unfamiliar = 0
    # a long text repeats its words: each spelling is judged once, its count added (the same sums)
    lowered = map(str.lower, words)
    counted = Counter(lowered).items() if len(words) > 64 else zip(lowered, itertools.repeat(1))
    for lower, times in counted:
        n = syllables_of(lower)
        syllables += n * times
        familiar = lower in easy
        if not familiar:
            unfamiliar += times
        if n >= 3:
            polysyllables += times
            if not familiar:
                complex_words += times
    tokens = text.split()
    return TextCounts(
        words=len(words),
        sentences=count_sentences(text),
        syllables=syllables,
        polysyllables=polysyllables,
        complex_words=complex_words,
        unfamiliar_words=unfamiliar,
        letters=sum(map(len, _WORD_CHARS_RE.findall(text))),
        characters=len(text) - sum(map(len, _SPACE_RE.findall(text))),
        tokens=len(tokens),
    )


# -- lazily loaded resources ---------------------------------------------------------------------


@functools.cache
def _syllable_counter() -> Callable[[str], int]:
    """A cached ``word -> syllables`` function backed by pyphen's en_US patterns."""
    try:
        import pyphen
    except ImportError as exc:  # pragma: no cover - pyphen is a hard dependency
        raise ReadabilityDataError(
            "readability scores need the 'pyphen' package (pip install pyphen)"
        ) from exc
    positions = pyphen.Pyphen(lang=_HYPHENATION_LANGUAGE).positions

    @functools.lru_cache(maxsize=_SYLLABLE_CACHE_SIZE)
    def syllables(word: str) -> int:
        return len(positions(word)) + 1

    return syllables


def easy_words_path() -> str:
    """Where textstat's Dale-Chall list of familiar words is, found without importing textstat."""
    try:
        spec = importlib.util.find_spec("textstat")
    except (ImportError, ValueError):
        spec = None
    locations = list(spec.submodule_search_locations or ()) if spec is not None else []
    for location in locations:
        path = os.path.join(location, "resources", "en", "easy_words.txt")
        if os.path.isfile(path):
            return path
    raise ReadabilityDataError(
        "the Dale-Chall word list (textstat/resources/en/easy_words.txt) was not found; "
        "install the 'textstat' package (pip install textstat), which ships it"
    )


@functools.cache
def _easy_words() -> frozenset[str]:
    with open(easy_words_path(), encoding="utf-8") as f:
        return frozenset(line.strip() for line in f)
