"""'a' or 'an' before a word whose first sound calls for the other one.

What it does
    Checks the indefinite article against the sound, not the letter, of the word after it: "an"
    before a vowel sound ("an application", "an hour", "an MP", "an 8% rise"), "a" before a
    consonant sound ("a university", "a European", "a one-off", "a UN envoy", "a 10% rise"). The
    sound comes from spelling rules and a short list of exceptions (silent h, "eu", "one", "uni-",
    acronyms read letter by letter). Words it is not sure of are left alone: "an historic" and "a
    historic" are both accepted, "U" words with a capital ("Uber", "Ukrainian") and acronyms read
    as words ("NATO", "UNESCO") vary; so do a capital "A" in the middle of a sentence (a label,
    "Plan A"), a label ("type a and type b") and a foreign "a" or "an" ("Frankfurt an der Oder").

Why it matters
    Machine translation picks the article before it picks the next word, or drops an adjective
    after choosing "an"; English readers notice the wrong article at once.

Example
    She filed a application for a extension, which took an year.

Use instead
    She filed an application for an extension, which took a year.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from qualitycheck import heuristics as h
from qualitycheck.finding import Match
from qualitycheck.rule import Context, define
from qualitycheck.scan.programs import re_compile

if TYPE_CHECKING:
    from qualitycheck.document import Document

RARE_ZIPF = 2.5  # a lower-case word rarer than this is not ordinary English (a foreign word)
_ARTICLES = frozenset({"a", "an", "A", "An"})
_AFTER_DIGITS_AN = re_compile(r"8|(?:11|18)(?:\d\d)?(?![\d])|(?:11|18),\d{3}(?!\d)")
_FUNCTION = h.ARTICLES | h.PREPOSITIONS | h.CONJUNCTIONS | h.AUXILIARIES | h.DETERMINERS


class _Sounds(NamedTuple):
    consonant_prefixes: tuple[str, ...]
    consonant_words: frozenset[str]
    vowel_u_prefixes: tuple[str, ...]
    silent_h: tuple[str, ...]
    letter_acronyms: frozenset[str]
    word_acronyms: frozenset[str]
    vowel_letters: str
    labels: frozenset[str]
    foreign_after_an: frozenset[str]


@cache
def _sounds() -> _Sounds:
    from qualitycheck.rules.grammar._words import closed_class_words

    d = closed_class_words()["indefinite-article"]
    return _Sounds(
        tuple(d["consonant-sound-prefixes"]),
        frozenset(d["consonant-sound-words"]),
        tuple(d["vowel-sound-u-prefixes"]),
        tuple(d["silent-h-prefixes"]),
        frozenset(d["letter-acronyms"]),
        frozenset(d["word-acronyms"]),
        d["vowel-letters"],
        frozenset(d["label-words"]),
        frozenset(d["foreign-after-an"]),
    )


def takes_an(word: str) -> bool | None:
    """True when ``word`` starts with a vowel sound (it takes "an"), False for a consonant sound,
    None when spelling does not tell."""
    s = _sounds()
    if word[0].isdigit():
        return _AFTER_DIGITS_AN.match(word) is not None
    letters = word.replace("-", "").replace("’", "").replace("'", "")
    if letters.isupper() and len(letters) >= 2:  # an acronym
        if letters[0] == "H" or letters in s.word_acronyms:
            return None  # "a HTTP" or "an HTTP" (aitch, haitch); SQL read "sequel"
        if letters in s.letter_acronyms or not any(c in "AEIOU" for c in letters):
            return letters[0] in s.vowel_letters
        return None  # NATO, UNESCO: read as words, or either way
    head = word.split("-")[0]
    if head.isalpha() and not head.isupper() and not any(c in "aeiouyAEIOUY" for c in head):
        return None  # code, units and symbols ("an ssh key", "a std type", "an mRNA test")
    if not word[1:].islower() and "-" not in word:
        return None  # mixed case (iPhone, McDonald): leave it
    low = word.lower()
    first = low[0]
    if first == "h":
        return True if low.startswith(s.silent_h) else None  # "an historic" is accepted
    if first == "u":
        if word[0].isupper():
            return None  # Uber, Ukrainian, Ulster, Utah: no rule
        if low.startswith(s.consonant_prefixes):
            return False
        return True if low.startswith(s.vowel_u_prefixes) else None
    if first in "aeio":
        if low in s.consonant_words or low.split("-")[0] in s.consonant_words:
            return False
        if low.startswith(s.consonant_prefixes):
            return False
        if word[0].isupper() and low.startswith(("ou", "oa")):
            return None  # Ouattara, Oaxaca
        return True
    if first == "x" or not first.isalpha() or not first.isascii():
        return None  # an X-ray, a xylophone
    return False


@cache
def _demonym(word: str) -> bool:
    """``word`` names a people or language ("Italian", "Americans"), not a place."""
    from qualitycheck.resources import gazetteer

    gaz = gazetteer()
    return gaz.country_of(word) is not None and not gaz.lookup(word)


def check(doc: Document, ctx: Context) -> Iterator[Match]:
    from qualitycheck.resources import lexicon

    text = doc.text
    words = doc.words
    zipf = lexicon().zipf
    s = _sounds()
    for i in range(len(words) - 1):
        art = words[i]
        if art.text not in _ARTICLES:
            continue
        if art.text[0] == "A" and art.position != 0:
            continue  # a label or a name ("Plan A", "Grade A eggs")
        nxt = words[i + 1]
        if nxt.sentence != art.sentence or text[art.end : nxt.start] not in (" ", "\n"):
            continue
        word = nxt.text
        low = word.lower()
        if len(word) < 2 or low in _FUNCTION:
            continue  # "between a and b", "a or an"
        if i > 0 and words[i - 1].sentence == art.sentence:
            prev = words[i - 1].text
            if prev.lower() in s.labels:
                continue
            if (prev.islower() or words[i - 1].position == 0) and zipf(prev.lower()) < RARE_ZIPF:
                continue  # a foreign sentence: Spanish or Italian "a", German "an"
            if prev[:1].isupper() and word[:1].isupper() and words[i - 1].position != 0:
                continue  # inside a foreign name ("Torre a Mare")
        if art.text.lower() == "an" and low in s.foreign_after_an:
            continue
        name = word[0].isupper() and not word.isupper() and not low.startswith("eu")
        if name and not _demonym(word):
            continue  # a name: only nationality words ("a Italian") and Eu- are judged
        if not word[0].isdigit() and not word.isupper():
            core = low.split("-")[0].replace("’s", "").replace("'s", "")
            if zipf(core) < RARE_ZIPF:
                continue  # not a known English word: its sound is anyone's guess
        wanted = takes_an(word)
        if wanted is None:
            continue
        has_an = art.text.lower() == "an"
        if wanted == has_an:
            continue
        right = "an" if wanted else "a"
        if art.text[0] == "A":
            right = right.capitalize()
        reason = "a vowel sound" if wanted else "a consonant sound"
        yield Match(
            art.start,
            nxt.end,
            f"'{art.text} {word}': '{word}' starts with {reason}, so the article is '{right}'; "
            "a wrong 'a'/'an' is typical of machine translation, which picks the article before "
            "the word",
            (f"{right} {word}",),
            confidence=0.7 if word[0].isdigit() or word.isupper() else 0.85,
        )


RULE = define("grammar.indefinite-article", "warning", check, __doc__)
