"""Two negatives in one clause: "he did not say nothing", "nobody did not come".

What it does
    Flags a negated verb followed, after one to three words and no punctuation, by "nothing",
    "nobody", "no one", "nowhere" or "never" ("did not say nothing", "cannot go nowhere"), and a
    negative subject followed by a negated auxiliary ("Nobody did not come", "nothing was not
    done"). Left alone: "not for nothing", "not nothing" ("it is not nothing"), a negative word
    in a clause or phrase of its own after the verb ("not because nobody came", "not a case of
    nothing happening"), and dialect in quotations written with "ain't".

Why it matters
    Spanish, Italian, Portuguese, French, Polish, Russian and Ukrainian require the double
    negative ("no dijo nada", "никто не пришёл"); standard English forbids it and reads it as
    uneducated speech, or worse, as its opposite ("nobody did not come": everybody came).
    Machine translation keeps both negatives now and then.

Example
    The minister did not say nothing about the budget, and nobody did not ask.

Use instead
    The minister did not say anything about the budget, and nobody asked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import compress

from qualitycheck.document import Document
from qualitycheck.finding import Match
from qualitycheck.rule import Context, define
from qualitycheck.scan.programs import re_compile

_NEGATED = r"\b(?:not|never|cannot|[a-z]+n[’']t)"  # "did not", "never", "didn't", "can’t"
# A negated verb, up to three plain words, a negative word: "didn't tell anybody" would be
# English, "didn't tell nobody" is not.
_AFTER_RE = re_compile(
    rf"(?i:{_NEGATED})(?P<between>(?:[ \t]+[a-z]+){{1,3}}?)[ \t]+"
    r"(?P<neg>nothing|nobody|no[ \t]+one|nowhere|never)\b"
)
_SUBJECT_RE = re_compile(
    r"\b(?P<neg>(?i:nobody|no one|nothing))[ \t]+(?P<aux>(?i:did|does|do|was|were|is|are|has"
    r"|have|had|could|can|would|will|should|must))(?:[ \t]+not\b|n[’']t\b)"
)
# Words between that put the negative word in a clause or phrase of its own.
_SEPARATE = frozenset(
    """because that if when since as why what whether and or but than like of for about only
    just even so until unless while although though except""".split()
)
_ANY = {
    "nothing": "anything",
    "nobody": "anybody",
    "no one": "anyone",
    "nowhere": "anywhere",
    "never": "ever",
}


_NEGATIVES = frozenset(
    w
    for base in ("nothing", "nobody", "nowhere", "never", "no")
    for w in (base, base.capitalize(), base.upper())
)
_WINDOW = 80  # characters before a negative word where its negated verb may be


def check(doc: Document, ctx: Context) -> Iterator[Match]:
    texts = doc.word_texts
    if not any(w in doc.token_counts for w in _NEGATIVES):
        return
    text, words = doc.text, doc.words
    # Start from the negative words (a few per page), found in C, and look back for the verb.
    for i in compress(range(len(texts)), map(_NEGATIVES.__contains__, texts)):
        word = words[i]
        end = word.end
        if texts[i].lower() == "no":
            if i + 1 >= len(texts) or texts[i + 1].lower() != "one":
                continue
            end = words[i + 1].end
        m = _SUBJECT_RE.match(text, word.start)
        if m is not None:
            yield _subject_match(m)
        m = next(
            (
                m
                for m in _AFTER_RE.finditer(text, max(0, word.start - _WINDOW), end)
                if m.end() == end
            ),
            None,
        )
        if m is None:
            continue
        between = m.group("between").split()
        if any(w.lower() in _SEPARATE for w in between):
            continue
        if text[m.start() : m.start() + 3].lower() == "ain":
            continue  # "ain't seen nothing": dialect, quoted on purpose
        neg = " ".join(m.group("neg").lower().split())
        yield Match(
            m.start(),
            m.end(),
            f"Two negatives in one clause: English says '{_ANY[neg]}' after a negated verb"
            f" (or drops the 'not'). The double negative is the rule in Spanish, Italian,"
            " French, Polish and Russian, and translation carries it over",
            suggestions=(text[m.start() : m.start("neg")] + _ANY[neg],),
            confidence=0.6,
        )


def _subject_match(m: re.Match[str]) -> Match:
    return Match(
        m.start(),
        m.end(),
        f"Two negatives: after '{m.group('neg')}' English uses a verb without 'not'"
        " ('nobody came', not 'nobody did not come'); the double negative is carried over"
        " from Russian, Polish, Spanish or Italian",
        suggestions=(f"{m.group('neg')} {m.group('aux')}",),
        confidence=0.65,
    )


RULE = define("grammar.double-negative", "warning", check, __doc__)
