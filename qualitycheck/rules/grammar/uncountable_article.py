""" "A" or "an" before a noun English does not count: "a sad news", "an advice", "an information".

What it does
    Flags "a" or "an", an optional adjective, and a noun English treats as uncountable
    ("news", "advice", "information", "furniture", "equipment", "luggage", "evidence",
    "research", "progress", "feedback"...: the list is in ``rules/grammar/closed-class.toml``),
    when the noun ends its phrase: "he confessed a sad news", "she gave him an advice about the
    contract". Used as the first part of a compound the noun takes the article ("a news
    conference", "a research institute", "a software update"): when the part-of-speech tagger
    reads the next word as a noun or an adjective, nothing is reported. The suggestion is what
    English says ("a piece of news", "some information").

Why it matters
    Spanish "una noticia", Italian "un'informazione", Russian "новость", French "un conseil" are
    countable, and machine translation carries the article over. English readers notice at
    once; in a headline or a lead it looks careless.

Example
    A few hours ago the singer shared a sad news with her fans.

Use instead
    A few hours ago the singer shared some sad news with her fans.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from qualitycheck.document import Document
from qualitycheck.finding import Match
from qualitycheck.rule import Context, define
from qualitycheck.scan import finditer
from qualitycheck.scan.programs import re_compile

_COMPOUND_TAGS = frozenset({"NN", "NNS", "NNP", "JJ", "CD", "POS"})
_ADJECTIVE_TAGS = frozenset({"JJ", "RB", "VBN", "VBG"})


@cache
def _nouns() -> dict[str, str]:
    from qualitycheck.rules.grammar._words import closed_class_words

    return dict(closed_class_words()["uncountable-article"]["nouns"])


@cache
def _article_re() -> re.Pattern[str]:
    """ "a"/"an", an optional word, then one of the listed nouns."""
    nouns = "|".join(sorted(_nouns(), key=len, reverse=True))
    return re_compile(rf"\b(?P<art>[Aa]n?)\s+(?:(?P<adj>[a-z]+)\s+)?(?P<noun>{nouns})\b")


def check(doc: Document, ctx: Context) -> Iterator[Match]:
    nouns = _nouns()
    counts = doc.token_counts
    if not any(n in counts for n in nouns):
        return
    from qualitycheck.resources import tagger

    tag = tagger().tag
    text = doc.text
    words, texts, offsets = doc.words, doc.word_texts, doc.sentence_word_offsets
    for m in finditer(doc, _article_re()):
        noun = m.group("noun")
        if noun not in nouns:
            continue
        first, last = doc.word_range(m.start("art"), m.end("noun"))
        if last - first != (3 if m.group("adj") else 2):
            continue  # punctuation inside: not one phrase
        k = words[first].sentence
        a, b = offsets[k], offsets[k + 1]
        if last > b:
            continue
        tags = tag(texts[a:b])
        if m.group("adj") and tags[first + 1 - a] not in _ADJECTIVE_TAGS:
            continue  # "a ... news" with a noun between: "a TV news", another phrase
        following = last - a
        if last < len(texts) and text[words[last - 1].end : words[last].start].strip() == "":
            if following >= len(tags):  # the next word was put in another sentence (a wrapped
                tags = [*tags, *tag(texts[last - 1 : last + 1])[1:]]  # line): tag the pair
            if tags[following] in _COMPOUND_TAGS:
                continue  # "a news conference", "an information office": a compound
        instead = nouns[noun]
        yield Match(
            m.start("art"),
            m.end("noun"),
            f"'{noun}' is uncountable in English and takes no '{m.group('art').lower()}':"
            f" say '{instead}' or leave the article out; the article is carried over from"
            " languages where the word counts (Spanish 'una noticia', French 'un conseil')",
            confidence=0.6,
        )


RULE = define("grammar.uncountable-article", "warning", check, __doc__)
