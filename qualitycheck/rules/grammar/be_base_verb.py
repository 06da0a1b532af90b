"""A form of "be" before a bare verb: "they are count", "it is recommend to use".

What it does
    Flags a form of "be" ("is", "are", "was", "were", "be", "been", "being"; "not" or an adverb
    such as "also" may stand between) followed by a verb in its base form where English needs
    the past participle ("are counted", "is recommended") or the -ing form ("are counting"). The
    part-of-speech tagger must read the word as a base verb, and the shipped English n-gram
    model must find "be" followed by the participle more probable than what is written, so that
    words that are also adjectives or nouns after "be" ("is present", "is open", "was home") are
    left alone, as are verbs whose participle is their base form ("is set", "was put") and the
    bare verb of a cleft sentence ("all they did was complain").

Why it matters
    Machine translation and non-native writing lose verb endings that the source language marks
    elsewhere, and the result reads as broken English: "which they are count a lot", "the data
    are not consider", "the form is provide by the council". The reader has to guess whether a
    passive or a progressive was meant.

Example
    The new bridge was build in only eight months by a local firm.

Use instead
    The new bridge was built in only eight months by a local firm.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from itertools import compress
from typing import TYPE_CHECKING

from qualitycheck import heuristics
from qualitycheck.document import Document
from qualitycheck.finding import Match
from qualitycheck.rule import Context, define
from qualitycheck.rules.grammar._words import participle

if TYPE_CHECKING:
    from qualitycheck.ngram import NgramModel

_BE = frozenset("am is are was were be been being".split())
_BE_CASED = _BE | {w.capitalize() for w in _BE} | {w.upper() for w in _BE}
# Words allowed between "be" and the verb ("are not consider", "is also provide").
_BETWEEN = frozenset("not also still never always already often usually now then just".split())
# How much more probable (log10) "be" + participle must be than "be" + the word as written.
GAP = 0.3
_PROSE_KINDS = frozenset({"paragraph", "quote", "list_item", "other"})
_DO = frozenset({"do", "does", "did", "doing", "done"})


@cache
def _tables() -> tuple[dict[str, str], frozenset[str]]:
    """Irregular participles (base -> participle) and words never flagged after "be"."""
    from qualitycheck.rules.grammar._words import closed_class_words, irregular_participles

    d = closed_class_words()["be-base-verb"]
    return irregular_participles(), frozenset(d["not-verbs-after-be"])


def _ing(verb: str) -> str:
    if verb.endswith("ie"):
        return verb[:-2] + "ying"
    if verb.endswith("e") and not verb.endswith("ee"):
        return verb[:-1] + "ing"
    return verb + "ing"


def _candidate(word: str, skip: frozenset[str]) -> bool:
    return (
        len(word) >= 3
        and word.isalpha()
        and word.islower()
        and word not in skip
        and not word.endswith(("ed", "ing", "ly", "en", "ss"))
    )


def check(doc: Document, ctx: Context) -> Iterator[Match]:
    counts = doc.token_counts
    if not any(w in counts for w in _BE):
        return
    irregular, skip = _tables()
    texts = doc.word_texts
    words = doc.words
    offsets = doc.sentence_word_offsets
    # The words right after a form of "be" (or after "be not"), as positions; most texts have few.
    spots: dict[int, list[tuple[int, int]]] = {}
    n = len(texts)
    for i in compress(range(n), map(_BE_CASED.__contains__, texts)):
        j = i + 1
        if j < n and texts[j].lower() in _BETWEEN and words[j].sentence == words[i].sentence:
            j += 1
        if j < n and words[j].sentence == words[i].sentence and _candidate(texts[j], skip):
            spots.setdefault(words[i].sentence, []).append((i, j))
    if not spots:
        return
    from qualitycheck.resources import ngrams, tagger

    lm, tag = ngrams(), tagger()
    text = doc.text
    judged: dict[tuple[str, str], str | None] = {}
    for k, pairs in spots.items():
        # The n-gram test first (once per "be" and verb): most pairs fail it, and tagging the
        # sentence costs more.
        likely = []
        for i, j in pairs:
            key = (texts[i].lower(), texts[j])
            if key not in judged:
                judged[key] = _better_participle(lm, *key, irregular)
            best = judged[key]
            if best is not None:
                likely.append((i, j, best))
        if not likely:
            continue
        sent = doc.sentences[k]
        if doc.blocks[sent.block].kind not in _PROSE_KINDS:
            continue
        if heuristics.looks_like_code(heuristics.line_at(text, sent.start)):
            continue
        a, b = offsets[k], offsets[k + 1]
        tags = tag.tag(texts[a:b])
        for i, j, best in likely:
            if tags[j - a] != "VB":
                continue
            if _DO.intersection(t.lower() for t in texts[a:i]):
                continue  # "all they did was complain", "what it will do is bind": a cleft
            if text[words[j].end : words[j].end + 1] == "-":
                continue  # "is not quote-" / "delimited": a compound broken across a line
            start, end = words[i].start, words[j].end
            written = text[start:end]
            if "\n" in written or not all(part.isalpha() for part in written.split()):
                continue  # "are not, consider", 'be "include': punctuation parts the words
            head = written[: words[j].start - start]
            verb = texts[j]
            yield Match(
                start,
                end,
                f"'{written}': after a form of 'be' English needs the participle"
                f" ('{head}{best}') for the passive or the -ing form ('{head}{_ing(verb)}'),"
                " not the bare verb; a lost ending like this is typical of machine translation",
                suggestions=(head + best, head + _ing(verb)),
                confidence=0.6,
            )


def _better_participle(lm: NgramModel, be: str, verb: str, irregular: dict[str, str]) -> str | None:
    """The participle of ``verb`` when the model finds it more probable after ``be`` than the
    bare verb by ``GAP``, else None."""
    if not lm.known(verb):
        return None
    known = [p for p in participle(verb, irregular) if lm.known(p)]
    if not known:
        return None
    best = max(known, key=lambda p: lm.logprob(be, p))
    return best if lm.logprob(be, best) - lm.logprob(be, verb) >= GAP else None


RULE = define("grammar.be-base-verb", "warning", check, __doc__)
