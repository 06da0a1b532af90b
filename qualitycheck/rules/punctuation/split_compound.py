"""A closed compound split in two: "the country side", "further more", "a counter part".

What it does
    Flags two lower-case words of four letters or more, separated by one space, that together
    spell a common English word written solid ("countryside", "furthermore", "counterpart",
    "guidelines"), where the shipped English n-gram model finds the two words in a row much
    less likely than the solid word (so "some time", "every day", "under water", "front line",
    "hand over" and "cell phone", which English also writes open, are left alone). The
    suggestion closes the gap.

Why it matters
    A line break or hyphen removed by a scraper, an optical-character-recognition pass or a
    translation tool that splits unknown compounds leaves a word in two pieces. Readers stumble
    over it, and a search for the word misses the page.

Example
    The old farms of the country side were built with stone from the valley.

Use instead
    The old farms of the countryside were built with stone from the valley.
"""

from __future__ import annotations

import operator
from collections.abc import Iterator
from itertools import compress

from qualitycheck.document import Document
from qualitycheck.finding import Match
from qualitycheck.rule import Context, define

_MIN_PART = 4
# The solid word must be at least this frequent (Zipf scale: 3 is about once per million words).
MIN_ZIPF = 3.0
# log10 P(second | first) - log10 P(solid word) below this: the open form is unusual.
GAP = 2.5
_PROSE_KINDS = frozenset({"paragraph", "quote", "list_item", "heading", "other"})


def check(doc: Document, ctx: Context) -> Iterator[Match]:
    texts = doc.word_texts
    words = doc.words
    text = doc.text
    # Which spellings can be a half, decided once per distinct token; the pairs found in C.
    halves = {t for t in doc.token_counts if len(t) >= _MIN_PART and t.isalpha() and t.islower()}
    ok = list(map(halves.__contains__, texts))
    candidates = [
        i
        for i in compress(range(len(texts) - 1), map(operator.and_, ok, ok[1:]))
        if words[i + 1].start == words[i].end + 1 and text[words[i].end] == " "
    ]
    if not candidates:
        return
    from qualitycheck.resources import lexicon as load_lexicon
    from qualitycheck.resources import ngrams

    lexicon, lm = load_lexicon(), ngrams()
    for i in candidates:
        a, b = texts[i], texts[i + 1]
        solid = a + b
        if lexicon.zipf(solid) < MIN_ZIPF or not lm.known(solid):
            continue
        if lm.logprob(a, b) - lm.logprob(solid) >= GAP:
            continue
        kind = doc.blocks[doc.sentences[words[i].sentence].block].kind
        if kind not in _PROSE_KINDS:
            continue
        yield Match(
            words[i].start,
            words[i + 1].end,
            f"'{a} {b}' is one word in English, written solid: '{solid}'; a line break, a"
            " hyphen or a translation tool split it",
            suggestions=(solid,),
            confidence=0.55,
        )


RULE = define("punctuation.split-compound", "warning", check, __doc__)
