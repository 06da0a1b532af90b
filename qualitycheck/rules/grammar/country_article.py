"""'The' before a country name that takes no article in English.

What it does
    Flags "the" before a one-word country name when the name is used on its own as the subject
    or object of a clause: followed by a verb of news copy ("said", "has", "will", "announced"...)
    or by the end of a clause (a full stop, comma, semicolon). The country names come from the
    gazetteer. Names that take the article are left alone: those the gazetteer itself spells with
    it ("the Netherlands"), plural names ("the Philippines", "the Bahamas"), the accepted older
    forms ("the Gambia", "the Sudan", "the Lebanon", "the Ukraine") and names that are also rivers
    or states ("the Jordan", "the Niger", "the Georgia"). So is the country used as a modifier or
    qualified by what follows: "the Spain coach", "the Germany of the 1930s", "the France we knew".

Why it matters
    Source languages such as Italian, Spanish, French and Portuguese put an article before country
    names, and Russian or Polish have no article at all, so machine
    translation adds or keeps one that English does not use.

Example
    The Germany said it would send more troops, and the Poland agreed.

Use instead
    Germany said it would send more troops, and Poland agreed.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from qualitycheck.finding import Match
from qualitycheck.rule import Context, define

if TYPE_CHECKING:
    from qualitycheck.document import Document

_CLAUSE_END = frozenset(".,;:!?)")


class _Lists(NamedTuple):
    takes_the: frozenset[str]
    ambiguous: frozenset[str]
    verbs: frozenset[str]


@cache
def _lists() -> _Lists:
    from qualitycheck.rules.grammar._words import closed_class_words

    d = closed_class_words()["country-article"]
    return _Lists(frozenset(d["takes-the"]), frozenset(d["ambiguous"]), frozenset(d["verbs"]))


@cache
def _country_without_article(word: str) -> bool:
    """``word`` is the usual English name of a country, written without "the"."""
    from qualitycheck.resources import gazetteer

    lists = _lists()
    if word in lists.takes_the or word in lists.ambiguous or word.endswith("s"):
        return False
    for place in gazetteer().lookup(word):
        if place.kind == "country":
            return place.name == word  # "The Netherlands", "Côte d'Ivoire": not this word
    return False


def check(doc: Document, ctx: Context) -> Iterator[Match]:
    text = doc.text
    words = doc.words
    verbs = _lists().verbs
    for i in range(len(words) - 1):
        the = words[i]
        if the.text not in ("the", "The") or (the.text == "The" and the.position != 0):
            continue
        country = words[i + 1]
        name = country.text
        if (
            country.sentence != the.sentence
            or text[the.end : country.start] != " "
            or not name[:1].isupper()
            or not name[1:].islower()
            or not _country_without_article(name)
        ):
            continue
        after = text[country.end : country.end + 1]
        if after in _CLAUSE_END:
            pass
        elif after == " " and i + 2 < len(words) and words[i + 2].sentence == the.sentence:
            nxt = words[i + 2]
            if nxt.start != country.end + 1 or nxt.text not in verbs:
                continue
        else:
            continue
        yield Match(
            the.start,
            country.end,
            f"'{the.text} {name}': the country's English name takes no article; an article "
            "before a country name is typical of translation from languages that use one "
            "(Italian, Spanish, French, Portuguese)",
            (name,),
            confidence=0.75,
        )


RULE = define("grammar.country-article", "warning", check, __doc__)
