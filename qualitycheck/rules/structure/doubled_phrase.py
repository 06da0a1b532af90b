"""A phrase that says the same words twice: "the report of report", "the Energy Agency (Energy Agency)".

What it does
    Finds three kinds of doubling that joined translation segments, spinners and stripped
    links leave: a noun repeated across "of" with nothing between ("the report of report", "the
    head of head of the agency"), a bracket that repeats the words right before it ("the Energy
    Agency (Energy Agency)", "Lviv (Lviv)"), and a noun offered as its own alternative before a
    verb or the end of the sentence ("a smartphone or smartphone is", "the meaning of tablet or
    tablet."; "may or may not" and "data or data being lost" are English). Set phrases that repeat a word on purpose are left alone
    ("king of kings", "best of the best", "one of one", "holy of holies", "out of out"), as are
    numbers ("page 3 of 3") and a bracket that gives a different spelling or a translation
    ("Kyiv (Kiev)", "Rada (parliament)").

Why it matters
    When a translation tool sees a word in a link and again in the sentence, or a scraper keeps
    both the link text and its title, the output names the same thing twice. Readers notice
    the stutter; the sentence usually meant something else ("the head of the agency").

Example
    The minister read out the conclusions of the report of report on Tuesday.

Use instead
    The minister read out the conclusions of the report on Tuesday.
"""

from __future__ import annotations

from collections.abc import Iterator

from qualitycheck import heuristics
from qualitycheck.document import Document
from qualitycheck.finding import Match, Severity
from qualitycheck.rule import Context, define
from qualitycheck.scan.programs import re_compile

# "report of report": the same word on both sides of "of", case-insensitive (checked below).
_OF_RE = re_compile(r"of[ \t\u00a0]+")  # the literal first: the scan skips to it in C
_WORD_BEFORE_RE = re_compile(r"(?<![\w\-])[^\W\d_]{3,}$")
_WORD_AFTER_RE = re_compile(r"[^\W\d_]{3,}\b")
# "Energy Agency (Energy Agency)": up to six words, then the same words in brackets.
_BRACKET_RE = re_compile(r"\(([^()\n]{2,80})\)")
# "X or X" that English uses: a verb with its negation ("may or may not" is a verb, so the
# noun test below skips it anyway), and set phrases.
_EITHER_OR_SET = frozenset("may might can could will would should must more less".split())
_NOUN_TAGS = frozenset({"NN", "NNS", "NNP"})
_FINITE_TAGS = frozenset({"VBZ", "VBD", "MD"})
_SET_PHRASES = frozenset(
    "best worst one out all none some any each king kings lord lords holy holies song songs".split()
)


def check(doc: Document, ctx: Context) -> Iterator[Match]:
    text = doc.text
    for of in _OF_RE.finditer(text):
        if of.start() == 0 or text[of.start() - 1] not in " \t\u00a0":
            continue
        before = _WORD_BEFORE_RE.search(text, max(0, of.start() - 40), of.start() - 1)
        after = _WORD_AFTER_RE.match(text, of.end())
        if before is None or after is None:
            continue
        first, second = before.group(), after.group()
        if first.casefold() != second.casefold() or first.casefold() in _SET_PHRASES:
            continue
        if first[:1].isupper() and second[:1].isupper():
            continue  # "Sea of Sea"? a name's business
        if heuristics.looks_like_code(heuristics.line_at(text, before.start())):
            continue
        yield Match(
            before.start(),
            after.end(),
            f"'{text[before.start() : after.end()]}' names the same thing twice: a word from two "
            "versions of the sentence, or the text of a stripped link, left side by side.",
            (first,),
            confidence=0.6,
            severity=Severity.WARNING,
        )
    yield from _either_or(doc)
    if "(" not in text:
        return
    for m in _BRACKET_RE.finditer(text):
        inner = m.group(1).strip()
        words = inner.split()
        if not words or len(words) > 6 or not any(c.isalpha() for c in inner):
            continue
        if m.start() == 0 or text[m.start() - 1] not in " \u00a0":
            continue  # "f(x)", "name(name)": code, not prose
        if text[max(0, m.start() - len(inner) - 1) : m.start() - 1] != inner:
            continue
        start = m.start() - 1 - len(inner)
        if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_.@"):
            continue  # the words before are a longer word's end
        if text[m.end() : m.end() + 1] == ":" or heuristics.looks_like_code(
            heuristics.line_at(text, m.start())
        ):
            continue  # "type (type):" a field list
        yield Match(
            m.start(),
            m.end(),
            f"The bracket '({inner})' repeats the words right before it; one copy is enough.",
            ("",),
            confidence=0.75,
            severity=Severity.WARNING,
        )


def _either_or(doc: Document) -> Iterator[Match]:
    """'the Smartphone or Smartphone is': a noun offered as its own alternative."""
    if "or" not in doc.token_counts:
        return
    texts, words, text = doc.word_texts, doc.words, doc.text
    spots = [
        i
        for i in range(1, len(texts) - 1)
        if texts[i] == "or"
        and texts[i - 1].casefold() == texts[i + 1].casefold()
        and len(texts[i - 1]) >= 3
        and texts[i - 1].isalpha()
        and texts[i - 1].casefold() not in _EITHER_OR_SET
        and words[i - 1].sentence == words[i + 1].sentence
        and text[words[i - 1].end : words[i + 1].start] in (" or ", "\u00a0or ")
    ]
    if not spots:
        return
    from qualitycheck.resources import tagger

    tag = tagger().tag
    offsets = doc.sentence_word_offsets
    for i in spots:
        k = words[i].sentence
        a, b = offsets[k], offsets[k + 1]
        tags = tag(texts[a:b])
        if tags[i - 1 - a] not in _NOUN_TAGS:
            continue  # "may or may not": a verb chosen or not, English
        after = i + 2 - a
        if after < len(tags) and tags[after] not in _FINITE_TAGS:
            continue  # "large arguments or arguments very close to": a contrast of two kinds
        start, end = words[i - 1].start, words[i + 1].end
        yield Match(
            start,
            end,
            f"'{text[start:end]}' offers a word as its own alternative: a spun or translated text"
            " that had two words here (a synonym, or a term and its translation) gave the same"
            " one twice.",
            (texts[i - 1],),
            confidence=0.6,
            severity=Severity.WARNING,
        )


RULE = define("structure.doubled-phrase", "warning", check, __doc__)
