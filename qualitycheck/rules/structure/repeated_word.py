"""The same word twice in a row: "the the", "in in".

What it does
    Finds a word repeated right after itself, separated only by white space (also across a line
    break inside a paragraph), ignoring case. A repeated function word ("the the", "to to") is an
    error; a repeated content word ("army army") a warning. Legitimate doubles are left alone:
    "had had", "that that", reduplications such as "bye bye" or "very very", numbers ("10 10"),
    and capitalised names with a repeated part ("Walla Walla", "Bora Bora", "Sirhan Sirhan").
    Doubles that grammar sometimes allows are only a hint (info): "do do", "her her", and "is
    is" after "what it", "the thing" and the like; "is is" after anything else is a warning
    ("the plan is is ready").

Why it matters
    Post-editing and machine translation of overlapping segments often leave a word from each
    segment at the join; scrapers that strip a link keep the words on both sides of it. Readers
    notice the stutter immediately.

Example
    Russian forces shelled the the city for a third night.

Use instead
    Russian forces shelled the city for a third night.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Iterator, Sequence

from qualitycheck import heuristics as h
from qualitycheck.document import Document, Sentence, Word
from qualitycheck.finding import Match, Severity
from qualitycheck.rule import Context, define

_PRONOUNS = frozenset("i me you he him she her it we us they them one".split())
_FUNCTION_WORDS = (
    h.ARTICLES
    | h.PREPOSITIONS
    | h.CONJUNCTIONS
    | h.DETERMINERS
    | h.AUXILIARIES
    | _PRONOUNS
    | frozenset({"to", "not", "of"})
)
# Doubles that grammar or habit allows: "what he had had", "the fact that that", "bye bye".
_LEGIT_DOUBLES = frozenset(
    """
    had that bye no yes very really so ha haha he hee ho go now well there tut tsk knock chop hush
    pooh yada blah bla boo tom pom dum la hey oh ah uh um wow many much far long more never please
    bang choo bling cha tick tock night mama papa dada baby
    """.split()
)
# Rare but grammatical ("what it is is", "they do do it", "gave her her passport"): reported,
# but only as a hint.
_RARELY_LEGIT = frozenset({"is", "do", "her"})  # "they gave her her passport"
# "is is" after these is a spoken pseudo-cleft ("what it is is", "the thing is is"): a hint;
# after anything else it is a doubled word ("the plan is is ready"), a warning.
_CLEFT_BEFORE_IS = frozenset(
    "what it this that which thing problem question point truth reason fact issue answer".split()
)


def _joined(text: str, first: Word, second: Word, sentences: Sequence[Sentence]) -> bool:
    """The same word again, separated only by white space within one paragraph."""
    if first.text.casefold() != second.text.casefold():
        return False
    gap = text[first.end : second.start]
    if gap.strip() or gap.count("\n") > 1:
        return False
    return sentences[first.sentence].block == sentences[second.sentence].block


def check(doc: Document, ctx: Context) -> Iterator[Match]:
    text = doc.text
    words = doc.words
    sentences = doc.sentences
    # Pairs of neighbouring words that are the same word, compared in C; each is then checked
    # for what separates the two.
    folded = list(map(str.casefold, doc.word_texts))
    same = itertools.compress(itertools.count(), map(operator.eq, folded, folded[1:]))
    done = 0  # words before this index belong to a reported run
    for i in same:
        if i < done or not _joined(text, words[i], words[i + 1], sentences):
            continue
        first = words[i]
        last = i + 1
        while last + 1 < len(words) and _joined(text, words[last], words[last + 1], sentences):
            last += 1
        second, following = words[last], words[i + 1]
        done = last + 1  # "of of of" is one finding
        low = first.text.casefold()
        if any(c.isdigit() for c in low) or low in _LEGIT_DOUBLES:
            continue
        both_capitalised = first.text[:1].isupper() and following.text[:1].isupper()
        function_word = low in _FUNCTION_WORDS
        if both_capitalised and not function_word:
            continue  # "Walla Walla", "Sirhan Sirhan", "NO NO"
        if low == "is" and i > 0 and folded[i - 1] not in _CLEFT_BEFORE_IS:
            severity, confidence = Severity.WARNING, 0.6
        elif low in _RARELY_LEGIT:
            severity, confidence = Severity.INFO, 0.5
        elif function_word and both_capitalised:
            severity, confidence = Severity.WARNING, 0.6  # a band called "The The" exists
        elif function_word:
            severity, confidence = None, 0.9
        else:
            severity, confidence = Severity.WARNING, 0.7
        yield Match(
            first.start,
            second.end,
            f"'{first.text}' is repeated: a doubled word, typical of joined translation segments "
            "or of text stripped around a removed link.",
            (first.text,),
            confidence=confidence,
            severity=severity,
        )


RULE = define("structure.repeated-word", "error", check, __doc__)
