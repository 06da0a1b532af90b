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

from collections.abc import Iterator, Sequence

from qualitycheck.document import Document
from qualitycheck.finding import Match, Severity
from qualitycheck.rule import Context, define

# log10 advantage the version with the article must have (1.2: ~16 times more probable).
GAP = 1.2
# log10 P(noun | a/an) - log10 P(noun | the) at least this: the noun is used as a count noun.
COUNT = 0.0
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


def gap(lm: object, words: Sequence[str], i: int) -> tuple[float, str]:
    """How much more probable (log10) the words around ``words[i]`` are with an article
    inserted before it, and the best article. ``words`` are lower-case, ``<s>`` first."""
    logprob = lm.logprob  # type: ignore[attr-defined]
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


def _candidates(texts: Sequence[str], first_in_sentence: Sequence[bool]) -> Iterator[int]:
    """Indices of words that could be a bare noun: after a listed preposition or an ``-ed``
    verb, or opening a sentence with a lower-case word after it."""
    for i in range(1, len(texts)):
        w = texts[i]
        if not w.islower() or not w.isalpha() or len(w) < 3 or w in _NOT_NOUNS:
            continue
        if first_in_sentence[i]:
            continue
        before = texts[i - 1]
        if first_in_sentence[i - 1]:
            if before[:1].isupper() and before[1:].islower() and before.isalpha():
                yield i - 1  # "Minister stressed ...": the first word is the noun
            continue
        if before in _PREPOSITIONS or (before.endswith("ed") and before.islower()):
            yield i


def check(doc: Document, ctx: Context) -> Iterator[Match]:
    from qualitycheck.resources import ngrams, tagger

    lm = None
    for s, sentence in enumerate(doc.sentences):
        if doc.blocks[sentence.block].kind in ("heading", "caption", "table_cell", "list_item"):
            continue
        words = doc.sentence_words(s)
        if len(words) < 4:
            continue
        texts = [w.text for w in words]
        first = [k == 0 for k in range(len(texts))]
        tags: list[str] | None = None
        for i in _candidates(texts, first):
            noun = texts[i].lower()
            if noun in _NOT_NOUNS:
                continue
            if lm is None:
                lm = ngrams()
            if not lm.known(noun):
                continue
            lowered = ["<s>", *(t.lower() for t in texts)]
            if any(not lm.known(t) for t in lowered[max(1, i - 1) : i + 4]):
                continue  # a word the model does not know: no fair comparison
            advantage, article = gap(lm, lowered, i + 1)
            if advantage < GAP:
                continue
            if lm.logprob(_article(noun), noun) - lm.logprob("the", noun) < COUNT:
                continue
            if tags is None:
                tags = tagger().tag(texts)
            if tags[i] not in _SINGULAR:
                continue
            nxt = tags[i + 1] if i + 1 < len(tags) else ""
            if nxt in _NOUN_TAGS:
                continue  # "with government officials": the noun modifies the next one
            if i == 0 and nxt not in _VERB_AFTER_SUBJECT:
                continue  # a bare subject must be followed by its verb
            word = words[i]
            shown = f"{article} {texts[i]}" if i else f"{article.title()} {noun}"
            yield Match(
                word.start,
                word.end,
                f"'{texts[i]}' is a singular noun without an article or determiner; "
                f"'{shown}' is about {10**advantage:,.0f} times more usual here in English "
                "(3-gram model). Machine translation from languages without articles often "
                "drops them.",
                (shown,),
                confidence=0.5,
                severity=Severity.INFO,
            )


RULE = define("grammar.missing-determiner", "info", check, __doc__)
