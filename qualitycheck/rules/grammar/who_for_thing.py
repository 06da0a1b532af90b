"""The relative pronoun "who" after a thing: "the castle who dominates the town".

What it does
    Flags "who" right after a noun that names a thing, not a person: a building, a place, an
    object, a document, an event or an idea ("the castle who", "a law who", "the storm who").
    The nouns come from a list in ``rules/grammar/closed-class.toml``; groups that British
    English writes with "who" (team, club, council, country, company) are not on it, nor are
    animals and ships. Left alone: "who" after a preposition's object, where it belongs to the
    noun before ("the owner of the castle who lives abroad", "users of this code who"), and
    capitalised names ("the Castle who ...", a band's or a nickname).

Why it matters
    Many languages have one relative pronoun for people and things (Spanish "que", French
    "qui", Italian "che", Polish "który"); machine translation then picks "who" where English
    needs "which" or "that". Readers stumble over it at once.

Example
    The old town lies below the castle who dominates the valley.

Use instead
    The old town lies below the castle that dominates the valley.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from itertools import compress

from qualitycheck.document import Document
from qualitycheck.finding import Match
from qualitycheck.rule import Context, define
from qualitycheck.scan.programs import re_compile

# What comes before a "who": a determiner, an optional word and the noun, at the end of a window.
_BEFORE_WHO_RE = re_compile(
    r"\b(?P<det>(?i:the|a|an|this|that|its|their|our|his|her|these|those|every|each))"
    r"\s+(?:[a-z]+\s+)?(?P<noun>[a-z]+)(?P<between>[ \t\u00a0]+)$"
)
_WINDOW = 60
_PREPOSITIONS = frozenset(
    """of to for with from in at on by near behind under inside outside like about over into
    onto through across against around beside between among""".split()
)
_WORD_BEFORE_RE = re_compile(r"([^\W\d_]+)\W*$")


@cache
def _things() -> frozenset[str]:
    from qualitycheck.rules.grammar._words import closed_class_words

    return frozenset(closed_class_words()["who-for-thing"]["nouns"])


def check(doc: Document, ctx: Context) -> Iterator[Match]:
    if "who" not in doc.token_counts:
        return
    things = _things()
    text = doc.text
    texts, words = doc.word_texts, doc.words
    for i in compress(range(1, len(texts)), map("who".__eq__, texts[1:])):
        if texts[i - 1] not in things:
            continue  # most "who": after a person
        who = words[i]
        m = _BEFORE_WHO_RE.search(text, max(0, who.start - _WINDOW), who.start)
        if m is None:
            continue
        noun = m.group("noun")
        before = _WORD_BEFORE_RE.search(text, max(0, m.start() - 30), m.start())
        if before and before.group(1).lower() in _PREPOSITIONS:
            continue  # "the owner of the castle who lives abroad": "who" may be the owner
        relative = "which" if m.group("det").lower() in ("this", "that") else "that"
        yield Match(
            m.start("noun"),
            who.end,
            f"'who' refers to people, but '{noun}' is a thing: English uses '{relative}' (or"
            " 'which'); one relative pronoun for people and things is typical of translation from"
            " Spanish, French, Italian or Polish",
            suggestions=(f"{noun} {relative}",),
            confidence=0.6,
        )


RULE = define("grammar.who-for-thing", "warning", check, __doc__)
