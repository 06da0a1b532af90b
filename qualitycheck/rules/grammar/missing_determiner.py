"""A singular count noun with no article or determiner where English needs one.

What it does
    Looks at lower-case nouns right after a preposition or a past-tense verb ("with government",
    "signed agreement") and at a bare noun opening a sentence as its subject ("Minister stressed
    that"). For each it compares, with the shipped English 3-gram model, the words as written
    with the same words and "the" (or "a"/"an") inserted before the noun: the finding is reported
    only when the version with the article is at least 10^3.5 (about 3,000) times more probable
    over the five words around the noun (the threshold ``GAP``), and the part-of-speech tagger
    reads the word as a singular common noun (not a mass noun used alone, a name or a plural).
    Set phrases without an article ("in practice", "by car", "at home") score higher as written
    and are left alone. Reported at info level: an article can be optional ("with government
    approval"), and the model does not know the text's meaning.

Why it matters
    Languages without articles (Russian, Ukrainian, Polish, Chinese...) leave them out, and
    machine translation from them often does too. Readers notice at once: the text reads as
    telegraphese.

Example
    She received letter from the ministry last week.

Use instead
    She received a letter from the ministry last week.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from itertools import compress
from typing import TYPE_CHECKING

from qualitycheck.document import Document
from qualitycheck.finding import Match, Severity
from qualitycheck.rule import Context, define

if TYPE_CHECKING:
    from qualitycheck.ngram import NgramModel

# log10 advantage the version with the article must have (1.2: ~16 times more probable).
GAP = 1.2
# log10 P(noun | a/an) - log10 P(noun | the) at least this: the noun is used as a count noun.
COUNT = 0.0
# The bigram pre-test (``_prescreen``): below this the full comparison is not tried.
PRESCREEN = -1.0
_SKIPPED_BLOCKS = frozenset({"heading", "caption", "table_cell", "list_item"})
# Words after which a bare singular noun is suspicious.
_PREPOSITIONS = frozenset(
    "with for from against into about after under without between during through over".split()
)
# Not nouns, or nouns that go without an article ("most", "half", "home"), or words that start a
# longer phrase: never candidates.
_NOT_NOUNS = frozenset(
    """
    a an the this that these those my your his her its our their some any no every each either
    neither another such what which whose all both half most more less few many much several
    one two three four five six seven eight nine ten i me you he him she it we us they them who
    whom there here then now today tomorrow yesterday tonight home and or but nor so yet if as
    than not very too also just only even still already again ever never once twice
    """.split()
)
_SINGULAR = frozenset({"NN"})
_NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "POS"})
_VERB_AFTER_SUBJECT = frozenset({"VBD", "VBZ", "MD"})


def _article(noun: str) -> str:
    return "an" if noun[:1] in "aeio" else "a"


def gap(lm: NgramModel, words: Sequence[str], i: int) -> tuple[float, str]:
    """How much more probable (log10) the words around ``words[i]`` are with an article
    inserted before it, and the best article. ``words`` are lower-case, ``<s>`` first."""
    logprob = lm.logprob
    left = words[max(0, i - 2) : i]
    right = words[i + 1 : i + 3]
    noun = words[i]
    seq = [*left, noun, *right]
    start = len(left)

    def score(seq: Sequence[str], first: int) -> float:
        return sum(logprob(*seq[max(0, k - 2) : k + 1]) for k in range(first, len(seq)))

    written = score(seq, start)
    best, best_article = -1e9, "the"
    for article in ("the", _article(noun)):
        alt = [*left, article, noun, *right]
        s = score(alt, start)
        if s > best:
            best, best_article = s, article
    return best - written, best_article


def _window(texts: Sequence[str], a: int, b: int, j: int) -> tuple[list[str], int]:
    """The lower-case words of sentence ``texts[a:b]`` from two before word ``j`` to two after it
    (``<s>`` first when the sentence starts within those two), and where word ``j`` is in it."""
    lo = max(a, j - 2)
    window = ["<s>"] if j - 2 < a else []
    k = len(window) + j - lo
    window += [t.lower() for t in texts[lo : min(b, j + 3)]]
    return window, k


def _prescreen(lm: NgramModel, prev: str, noun: str) -> bool:
    """A cheap bigram test that the article could help at all: "prev the noun" (or "a") more
    probable than "prev noun" by ``PRESCREEN``. Saves the full comparison for most words."""
    logprob = lm.logprob
    written = logprob(prev, noun)
    return any(
        logprob(prev, art) + logprob(art, noun) - written >= PRESCREEN
        for art in ("the", _article(noun))
    )


def _eligible(lm: NgramModel, token: str) -> bool:
    """Whether a token (as written) can be the bare noun: a word of three letters or more, the
    model knows it, and it behaves like a count noun (``COUNT``: "a information" is rare, so mass
    nouns used alone, as in "with government", are left out)."""
    noun = token.lower()
    if len(noun) < 3 or not noun.isalpha() or noun in _NOT_NOUNS or not lm.known(noun):
        return False
    if not (token.islower() or (token[:1].isupper() and token[1:].islower())):
        return False
    return lm.logprob(_article(noun), noun) - lm.logprob("the", noun) >= COUNT


def check(doc: Document, ctx: Context) -> Iterator[Match]:
    texts = doc.word_texts
    n = len(texts)
    if n < 4:
        return
    from qualitycheck.resources import ngrams, tagger

    words = doc.words
    offsets = doc.sentence_word_offsets
    sentences = doc.sentences
    blocks = doc.blocks
    lm = ngrams()
    # Nouns after a listed preposition or an "-ed" word: the governing words are picked among the
    # distinct tokens, their positions in C.
    counts = doc.token_counts
    governors = {
        w for w in counts if w in _PREPOSITIONS or (w[-2:] == "ed" and w.islower() and len(w) > 3)
    }
    candidates = list(compress(range(1, n), map(governors.__contains__, texts)))
    candidates += [a for a, b in itertools.pairwise(offsets) if b - a >= 4]  # sentence openers
    # Which tokens can be the noun, decided once per distinct token; the rest dropped in C.
    at = texts.__getitem__
    eligible = {t for t in set(map(at, candidates)) if _eligible(lm, t)}
    candidates = sorted(set(compress(candidates, map(eligible.__contains__, map(at, candidates)))))
    tagged: dict[int, list[str]] = {}
    for j in candidates:
        token = texts[j]
        noun = token.lower()
        si = words[j].sentence
        a, b = offsets[si], offsets[si + 1]
        opener = j == a
        if b - a < 4:
            continue
        if opener:
            if not (token[1:].islower() and texts[j + 1].islower()):
                continue
        elif not token.islower() or j - 1 <= a:
            continue  # the governing word must not open the sentence ("- opened factory")
        if blocks[sentences[si].block].kind in _SKIPPED_BLOCKS:
            continue
        if not _prescreen(lm, "<s>" if opener else texts[j - 1], noun):
            continue
        window, k = _window(texts, a, b, j)
        if not all(map(lm.known, (w for w in window if w != "<s>"))):
            continue  # a word the model does not know: no fair comparison
        advantage, article = gap(lm, window, k)
        if advantage < GAP:
            continue
        tags = tagged.get(si)
        if tags is None:
            tags = tagged[si] = tagger().tag(texts[a:b])
        i = j - a
        if tags[i] not in _SINGULAR:
            continue
        nxt = tags[i + 1] if i + 1 < len(tags) else ""
        if nxt in _NOUN_TAGS:
            continue  # "with government officials": the noun modifies the next one
        if opener and nxt not in _VERB_AFTER_SUBJECT:
            continue  # a bare subject must be followed by its verb
        shown = f"{article.title()} {noun}" if opener else f"{article} {token}"
        yield Match(
            words[j].start,
            words[j].end,
            f"'{token}' is a singular noun without an article or determiner; "
            f"'{shown}' is about {10**advantage:,.0f} times more usual here in English "
            "(3-gram model). Machine translation from languages without articles often "
            "drops them.",
            (shown,),
            confidence=0.5,
            severity=Severity.INFO,
        )


RULE = define("grammar.missing-determiner", "info", check, __doc__)
