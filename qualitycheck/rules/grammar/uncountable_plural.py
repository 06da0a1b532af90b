"""A plural English does not form: "the informations", "some advices", "new equipments".

What it does
    Flags the plural of a noun English treats as uncountable: "informations", "advices",
    "furnitures", "equipments", "luggages", "feedbacks", "softwares", "knowledges" (the list is
    in ``rules/grammar/closed-class.toml``, with the form English uses), also in a heading in
    capitals ("USEFUL INFORMATIONS"). Plurals that are also verbs ("she researches", "work
    progresses") or countable in a sense of their own ("hearing aids") are not on it. A
    capitalised word in the middle of a sentence (a name, a title) is left alone.

Why it matters
    French "informations", Spanish "informaciones", Italian "attrezzature", Russian "советы"
    are ordinary plurals, and machine translation carries the plural over. English readers see
    it at once as a learner's or a machine's mistake.

Example
    The ministry published the informations and advices for travellers on Monday.

Use instead
    The ministry published the information and advice for travellers on Monday.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from qualitycheck.document import Document
from qualitycheck.finding import Match
from qualitycheck.rule import Context, define


@cache
def _plurals() -> dict[str, str]:
    from qualitycheck.rules.grammar._words import closed_class_words

    return dict(closed_class_words()["uncountable-plural"]["plurals"])


def check(doc: Document, ctx: Context) -> Iterator[Match]:
    plurals = _plurals()
    found = {w for w in doc.token_counts if w.lower() in plurals}
    if not found:
        return
    for word in doc.words:
        t = word.text
        if t not in found or (t[0].isupper() and not t.isupper() and word.position > 0):
            continue
        singular = plurals[t.lower()]
        if t.isupper():
            singular = singular.upper()
        elif t[0].isupper():
            singular = singular.capitalize()
        yield Match(
            word.start,
            word.end,
            f"'{t}': '{singular}' is uncountable in English and has no plural; the plural is"
            " carried over from languages where the word counts (French 'informations',"
            " Spanish 'consejos')",
            suggestions=(singular,),
            confidence=0.7,
        )


RULE = define("grammar.uncountable-plural", "warning", check, __doc__)
