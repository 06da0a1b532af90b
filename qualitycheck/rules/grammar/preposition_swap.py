"""A verb or adjective followed by the wrong preposition: "entered in force", "depend of".

What it does
    Looks for the verb and adjective forms listed in ``rules/grammar/preposition-swaps.txt``
    followed by a preposition that machine translation often puts there ("consist from", "depend
    of", "participate to", "entered in force"). Each is scored with the shipped English 3-gram
    model against the same words with the listed right preposition ("consist of", "depend on"...):
    reported only when the right version is at least 10^2.5 (about 300) times more probable over
    the preposition and the two words after it (threshold ``GAP``). A preposition that fits here
    ("arrived to find", "married with two children", "accused for the first time") scores close
    and is left alone. Rows marked ``info`` in the list ("entered in force", also good English for
    troops arriving in numbers) are reported at info level.

Why it matters
    The preposition a verb takes is fixed by usage, not by logic, and differs between languages
    ("depender de", "participer à", "вступить в силу"); a word-for-word translation keeps the
    source's. Editors fix these on sight.

Example
    The team consists from eleven players and a coach.

Use instead
    The team consists of eleven players and a coach.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from itertools import compress
from typing import TYPE_CHECKING

from qualitycheck.document import Document
from qualitycheck.finding import Match, Severity
from qualitycheck.rule import Context, define

if TYPE_CHECKING:
    from qualitycheck.ngram import NgramModel

# log10 advantage the right preposition must have over the written one (2.5: ~300 times). Good
# English seen scoring closest: "arrived to a warm welcome" (2.0), "accused for the first time"
# (1.9).
GAP = 2.5


_Row = tuple[frozenset[str], tuple[str, ...], frozenset[str], bool]


@cache
def _swaps() -> dict[str, list[_Row]]:
    """form -> [(wrong prepositions, right prepositions, next words or empty, info only)]."""
    from qualitycheck.resources import grammar_list

    table: dict[str, list[_Row]] = {}
    for row in grammar_list("preposition-swaps"):
        forms, wrong, right = (field.split() for field in row[:3])
        following = frozenset(row[3].split()) - {"-"} if len(row) > 3 else frozenset()
        info = len(row) > 4 and row[4] == "info"
        for form in forms:
            table.setdefault(form, []).append((frozenset(wrong), tuple(right), following, info))
    return table


def _score(lm: NgramModel, left: list[str], prep: str, after: list[str]) -> float:
    """log10 probability of ``prep`` and the words after it, given the words before it."""
    seq = [*left, prep, *after]
    return sum(lm.logprob(*seq[max(0, k - 2) : k + 1]) for k in range(len(left), len(seq)))


def check(doc: Document, ctx: Context) -> Iterator[Match]:
    swaps = _swaps()
    counts = doc.token_counts
    if not any(form in counts or form.title() in counts for form in swaps):
        return
    from qualitycheck.resources import ngrams

    lm = ngrams()
    words = doc.words
    texts = doc.word_texts
    # Positions of listed forms: the distinct tokens that are forms, then their places (in C).
    present = {w for w in counts if w.lower() in swaps}
    for i in compress(range(len(texts) - 1), map(present.__contains__, texts)):
        rows = swaps[texts[i].lower()]
        prep = texts[i + 1]
        if not prep.islower() or words[i + 1].sentence != words[i].sentence:
            continue
        for wrong, right, following, info in rows:
            if prep not in wrong:
                continue
            after = [
                t.lower()
                for k, t in enumerate(texts[i + 2 : i + 4], start=i + 2)
                if words[k].sentence == words[i].sentence
            ]
            if following and (not after or after[0] not in following):
                continue
            left = [t.lower() for t in texts[max(0, i - 1) : i + 1]]
            if words[max(0, i - 1)].sentence != words[i].sentence:
                left = left[-1:]

            written = _score(lm, left, prep, after)
            best, best_prep = max((_score(lm, left, p, after), p) for p in right)
            if best - written < GAP:
                continue
            yield Match(
                words[i + 1].start,
                words[i + 1].end,
                f"'{texts[i]} {prep}' takes another preposition in English: "
                f"'{texts[i]} {best_prep}' is about {10 ** (best - written):,.0f} times more usual "
                "here (3-gram model). Machine translation often keeps the source language's "
                "preposition.",
                (best_prep,),
                confidence=0.4 if info else 0.7,
                severity=Severity.INFO if info else None,
            )


RULE = define("grammar.preposition-swap", "warning", check, __doc__)
