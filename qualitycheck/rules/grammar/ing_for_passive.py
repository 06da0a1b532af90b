"""An -ing form where the passive needs the past participle: "a wall surrounding by the church".

What it does
    Flags a noun followed by the -ing form of a verb that needs an object ("surround", "build",
    "cause", "own", "fund", "destroy"...: the list is in ``rules/grammar/closed-class.toml``)
    and then "by" with its agent ("by the church", "by a local firm", "by Siemens"): the verb has
    no object, so only the passive reads ("a wall surrounded by the church", "a bridge built by
    a local firm"). Left alone: "by" that is not an agent ("leading by two goals", "in writing
    by the owner"), and the -ing form after an article, where it is a noun ("the killing by the
    police").

Why it matters
    Machine translation and non-native writing mix up the two participles, most often where the
    source language uses one form for both or a reflexive passive. The sentence then says the
    wall surrounds something, and the reader has to undo it.

Example
    The old town is closed in by a wall surrounding by the church and the castle.

Use instead
    The old town is closed in by a wall surrounded by the church and the castle.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from qualitycheck.document import Document
from qualitycheck.finding import Match
from qualitycheck.rule import Context, define
from qualitycheck.scan import finditer
from qualitycheck.scan.programs import re_compile

_ING_BY_RE = re_compile(
    r"\b(?P<noun>[a-z]+)\s+(?P<verb>[a-z]+ing)\s+by\s+(?:the|a|an|his|her|their|its|our|[A-Z][a-z]+)\b"
)
_NOUN_TAGS = frozenset({"NN", "NNS"})
_NOT_NOUNS = frozenset("the a an in of and or but to for with by is was be been".split())


@cache
def _verbs() -> dict[str, str]:
    """-ing form -> past participle, for the listed verbs (spellings the n-gram model knows)."""
    from qualitycheck.resources import ngrams
    from qualitycheck.rules.grammar._words import (
        closed_class_words,
        irregular_participles,
        participle,
    )

    known = ngrams().known
    irregular = irregular_participles()
    forms: dict[str, str] = {}
    for verb in closed_class_words()["ing-for-passive"]["verbs"]:
        stem = verb[:-1] if verb.endswith("e") and not verb.endswith("ee") else verb
        ing = next((f for f in (stem + "ing", stem + stem[-1] + "ing") if known(f)), None)
        done = next((f for f in participle(verb, irregular) if known(f)), None)
        if ing and done:
            forms[ing] = done
    return forms


def check(doc: Document, ctx: Context) -> Iterator[Match]:
    if "by" not in doc.token_counts:
        return
    verbs = _verbs()
    tagger = None
    texts, words, offsets = doc.word_texts, doc.words, doc.sentence_word_offsets
    for m in finditer(doc, _ING_BY_RE):
        verb, noun = m.group("verb"), m.group("noun")
        if verb not in verbs or noun in _NOT_NOUNS:
            continue
        first, _ = doc.word_range(m.start("noun"), m.end("noun"))
        if tagger is None:
            from qualitycheck.resources import tagger as load_tagger

            tagger = load_tagger()
        k = words[first].sentence
        a, b = offsets[k], offsets[k + 1]
        tags = tagger.tag(texts[a:b])
        if tags[first - a] not in _NOUN_TAGS:
            continue
        instead = verbs[verb]
        yield Match(
            m.start("verb"),
            m.end("verb"),
            f"'{noun} {verb} by': '{verb}' needs an object, so with 'by' and its agent only the"
            f" passive reads: '{noun} {instead} by'",
            suggestions=(instead,),
            confidence=0.6,
        )


RULE = define("grammar.ing-for-passive", "warning", check, __doc__)
