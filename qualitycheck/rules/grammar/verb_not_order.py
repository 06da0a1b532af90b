""" "Not" after a full verb: "she played not on the central court", "they signed not the deal".

What it does
    Flags "not" right after a verb in the past tense or the present third person that is not an
    auxiliary ("played not", "goes not", "signed not"), when a preposition or a determiner
    follows ("played not on the central court", "signed not the contract"). Left alone: the
    contrast "not X but Y" (a "but" or "rather" later in the sentence: "she played not on the
    centre court but on court 2"), an infinitive ("decided not to go"), "not" with "only",
    "just", "yet", "long" and the like, "not at all", and the verbs English lets "not" follow ("I hope not",
    "it seems not").

Why it matters
    Russian, Ukrainian and Polish put the negation in front of the phrase it denies ("играла не
    на центральном корте"), and machine translation keeps the place. English negates the verb
    with "do": "she did not play on the centre court". The result reads as old-fashioned at best.

Example
    Today she played not on the central court, and lost.

Use instead
    Today she did not play on the central court, and lost.
"""

from __future__ import annotations

from collections.abc import Iterator

from qualitycheck.document import Document
from qualitycheck.finding import Match
from qualitycheck.rule import Context, define

_AUXILIARIES = frozenset(
    """is was are were am be been has had have does did do can could will would shall should may
    might must need needs dare dares ought used""".split()
)
# Verbs "not" may follow in English: "I hope not", "it seems not", "he said not a word".
_ALLOWED = frozenset(
    """hope hopes hoped think thinks thought believe believes believed guess guessed suppose
    supposed expect expects expected fear fears feared trust trusts trusted seem seems seemed
    appear appears appeared said says chose chooses matters mattered cares cared knew knows
    wanted wants""".split()
)
_AFTER = frozenset(
    """on in at to from with for by into onto under over near behind inside outside about against
    through across along between among around during
    the this that these those his her their its my our your a an""".split()
)
_VERB_TAGS = frozenset({"VBD", "VBZ"})
_CONTRAST = frozenset({"but", "rather", "instead"})


def check(doc: Document, ctx: Context) -> Iterator[Match]:
    if "not" not in doc.token_counts:
        return
    texts, words = doc.word_texts, doc.words
    offsets = doc.sentence_word_offsets
    text = doc.text
    tagger = None
    for i in range(1, len(texts) - 1):
        if texts[i] != "not":
            continue
        verb, after = texts[i - 1], texts[i + 1]
        if after not in _AFTER or (after == "to" and texts[i + 2 : i + 3] != ["the"]):
            continue  # "decided not to go"; "went not to the meeting" goes on
        if after == "at" and texts[i + 2 : i + 3] == ["all"]:
            continue  # "it helped not at all": an idiom
        low = verb.lower()
        if not verb.islower() or low in _AUXILIARIES or low in _ALLOWED:
            continue
        k = words[i].sentence
        if words[i - 1].sentence != k or words[i + 1].sentence != k:
            continue
        if (
            text[words[i - 1].end : words[i].start].strip()
            or text[words[i].end : words[i + 1].start].strip()
        ):
            continue  # "played, not on ...": a comma makes it an aside
        a, b = offsets[k], offsets[k + 1]
        if any(w.lower() in _CONTRAST for w in texts[i + 1 : b]):
            continue  # "not on clay but on grass": a contrast English writes this way
        if tagger is None:
            from qualitycheck.resources import tagger as load_tagger

            tagger = load_tagger()
        tags = tagger.tag(texts[max(a, i - 3) : i + 2])
        if tags[i - 1 - max(a, i - 3)] not in _VERB_TAGS:
            continue
        yield Match(
            words[i - 1].start,
            words[i].end,
            f"'{verb} not': English negates a full verb with 'do' ('she did not play on ...',"
            " 'he does not go to ...'); 'not' in front of the phrase it denies is the word order"
            " of Russian, Ukrainian and Polish",
            confidence=0.55,
        )


RULE = define("grammar.verb-not-order", "warning", check, __doc__)
