"""A negative opener without the inverted word order English needs: "Not only in May there was".

What it does
    Flags a sentence that opens with a restrictive or negative adverbial ("Not only", "Never
    before", "Never again", "Rarely", "Seldom", "Nowhere else", "At no time", "Under no
    circumstances", "On no account", "In no way", "Not once", "Hardly ever") and goes on in
    plain subject-verb order: a subject pronoun or "there" right after the opener, or after one
    short prepositional phrase ("Not only in the final round there was ...", "Never before we
    have seen ..."). Left alone: the inverted order ("Not only was there", "Never before had
    we"), an opener set off by a comma ("Rarely, he said, ..."), "not only ... but also" pairs
    ("Not only he but also his brother", "Not only in Spain but also in France, prices
    rose"), and conjunctions after "Not only" ("Not only because it rained, ...").

Why it matters
    English inverts subject and auxiliary after a fronted negative; Spanish, Italian, Polish,
    Russian and Ukrainian keep the ordinary order, and machine translation copies it. The result
    reads as a learner's sentence at once.

Example
    Not only in the first race there was a problem with the brakes.

Use instead
    Not only in the first race was there a problem with the brakes.
"""

from __future__ import annotations

from collections.abc import Iterator

from qualitycheck.document import Document
from qualitycheck.finding import Match
from qualitycheck.rule import Context, define

# Openers, as lower-case word tuples, that require inversion when they start a sentence.
_OPENERS: tuple[tuple[str, ...], ...] = (
    ("not", "only"),
    ("never", "before"),
    ("never", "again"),
    ("rarely",),
    ("seldom",),
    ("nowhere", "else"),
    ("at", "no", "time"),
    ("under", "no", "circumstances"),
    ("on", "no", "account"),
    ("in", "no", "way"),
    ("not", "once"),
    ("hardly", "ever"),
)
_FIRST_WORDS = frozenset(o[0] for o in _OPENERS)
_SUBJECTS = frozenset("there i we you he she they it".split())
_PREPOSITIONS = frozenset(
    "in on at for with during after before from since under by inside within among between".split()
)
# After "Not only": words that open a subordinate clause or a coordinated phrase, not a clause.
_NOT_A_CLAUSE = frozenset("because for to that when if since as so".split())
_PP_MAX = 5  # words of one prepositional phrase between the opener and the subject
_AUX = frozenset(
    "was were is are has have had will would can could shall should may might must do does did".split()
)
_PROSE_KINDS = frozenset({"paragraph", "quote", "other"})


def _opener_length(words: list[str]) -> int:
    for opener in _OPENERS:
        if tuple(words[: len(opener)]) == opener:
            return len(opener)
    return 0


def check(doc: Document, ctx: Context) -> Iterator[Match]:
    texts = doc.word_texts
    offsets = doc.sentence_word_offsets
    text = doc.text
    words = doc.words
    for k, sent in enumerate(doc.sentences):
        a, b = offsets[k], offsets[k + 1]
        if b - a < 5 or texts[a].lower() not in _FIRST_WORDS or not texts[a][:1].isupper():
            continue
        if doc.blocks[sent.block].kind not in _PROSE_KINDS:
            continue
        lowered = [w.lower() for w in texts[a : min(b, a + 12)]]
        n = _opener_length(lowered)
        if not n:
            continue
        if text[words[a + n - 1].end : words[a + n].start].strip():
            continue  # "Rarely, if ever, ...": a comma (or a quote) after the opener
        i = n
        if i + 1 >= len(lowered):
            continue
        if lowered[:2] == ["not", "only"] and lowered[i] in _NOT_A_CLAUSE:
            continue
        if lowered[i] in _PREPOSITIONS:
            # One short phrase, on the same clause: "in the Mercedes car", no comma inside.
            j = i + 1
            while j < len(lowered) and j - i <= _PP_MAX and lowered[j] not in _SUBJECTS:
                if text[words[a + j - 1].end : words[a + j].start].strip():
                    break
                j += 1
            if j >= len(lowered) or lowered[j] not in _SUBJECTS:
                continue
            if text[words[a + j - 1].end : words[a + j].start].strip():
                continue  # "Not only in Spain, they ...": set off by a comma
            i = j
        if lowered[i] not in _SUBJECTS or i + 1 >= len(lowered):
            continue
        verb = lowered[i + 1]
        if verb in ("but", "and", "or", "nor") or not verb.isalpha():
            continue  # "Not only he but also his brother": a coordinated subject
        if text[words[a + i].end : words[a + i + 1].start].strip():
            continue  # "Not only he, but ...": punctuation after the pronoun
        if lowered[i] == "there" and verb not in _AUX:
            continue
        subject, first_verb = texts[a + i], texts[a + i + 1]
        suggestions: tuple[str, ...] = ()
        if verb in _AUX:
            swapped = first_verb + " " + (subject if subject == "I" else subject.lower())
            suggestions = (swapped,)
        start, end = words[a + i].start, words[a + i + 1].end
        opener = " ".join(texts[a : a + n])
        yield Match(
            start,
            end,
            f"After a sentence-opening '{opener}', English inverts subject and verb"
            f" ('{opener} ... {first_verb if verb in _AUX else 'did'} {subject.lower() if subject != 'I' else 'I'}"
            f"...'); the plain order '{subject} {first_verb}' is carried over from the source"
            " language (Spanish, Italian, Polish, Russian)",
            suggestions=suggestions,
            confidence=0.6,
        )


RULE = define("grammar.missing-inversion", "warning", check, __doc__)
