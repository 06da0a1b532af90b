"""A source-language word for "and" left between two names.

What it does
    Flags "y", "und", "et", "e", "i", "и", "ve", "och", "og" or "és" between two names, where
    English has "and". It needs evidence that both sides are separate people: the word after it is
    a known first name followed by a surname and the word before it is not a first name, or both
    words are surnames the document gives elsewhere after a first name ("Olaf Scholz" ...
    "Robert Habeck" ... the two surnames joined by "und"). Names and titles built with the
    word are left alone: Spanish and Catalan double surnames ("Ortega y Gasset", "Ramón y Cajal",
    "Puig i Cadafalch"), brands ("Moët et Chandon"), titles of works ("Tristan und Isolde") and
    institutions named after a couple ("Pierre et Marie Curie": the word before is a first name).

Why it matters
    Machine translation keeps a conjunction it takes for part of a name, or passes a list of names
    through untouched; English readers see a stray foreign word, often capitalised ("Y").

Example
    The talks were led by Olaf Scholz and Robert Habeck. Later Scholz und Habeck met Pedro
    Sánchez y Carlos Cuerpo.

Use instead
    The talks were led by Olaf Scholz and Robert Habeck. Later Scholz and Habeck met Pedro
    Sánchez and Carlos Cuerpo.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING

from qualitycheck.finding import Match
from qualitycheck.rule import Context, define

if TYPE_CHECKING:
    from qualitycheck.document import Document, Word


@cache
def _conjunctions() -> dict[str, str]:
    from qualitycheck.rules.grammar._words import closed_class_words

    return dict(closed_class_words()["foreign-conjunction"]["conjunctions"])


def _name_like(w: Word) -> bool:
    return w.text[:1].isupper() and not w.text.isupper()


def _surnames(doc: Document, given: frozenset[str]) -> set[str]:
    """Words the document writes right after a first name, inside a run of capitalised words."""
    found: set[str] = set()
    words = doc.words
    text = doc.text
    for a, b in itertools.pairwise(words):
        if (
            a.text in given
            and _name_like(b)
            and b.sentence == a.sentence
            and text[a.end : b.start] == " "
        ):
            found.add(b.text)
    return found


def check(doc: Document, ctx: Context) -> Iterator[Match]:
    conj = _conjunctions()
    words = doc.words
    if not any(w.text in conj for w in words):
        return
    from qualitycheck.resources import given_names

    given = given_names()
    text = doc.text
    surnames: set[str] | None = None
    for i in range(1, len(words) - 1):
        c = words[i]
        if c.text not in conj:
            continue
        before, after = words[i - 1], words[i + 1]
        if not (
            before.sentence == c.sentence == after.sentence
            and text[before.end : c.start] == " "
            and text[c.end : after.start] == " "
            and _name_like(before)
            and _name_like(after)
            and before.text not in given
        ):
            continue
        following = words[i + 2] if i + 2 < len(words) else None
        two_people = (
            after.text in given
            and following is not None
            and following.sentence == c.sentence
            and text[after.end : following.start] == " "
            and _name_like(following)
        )
        confidence = 0.75
        if not two_people:
            if surnames is None:
                surnames = _surnames(doc, given)
            if before.text not in surnames or after.text not in surnames:
                continue
            confidence = 0.7
        language = conj[c.text]
        yield Match(
            c.start,
            c.end,
            f"'{c.text}' between two names is {language} for 'and': a word the translation left "
            "in the source language",
            ("and",),
            confidence=confidence,
        )


RULE = define("grammar.foreign-conjunction", "warning", check, __doc__)
