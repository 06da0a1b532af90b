"""Speech that ends with a closing quotation mark but never opens: I broke up with her.”

What it does
    Finds a paragraph that reads as quoted speech (it speaks in the first or second person:
    "I", "we", "my", "you"...) and ends a quotation with a closing mark (” or ») that no opening
    mark before it in the paragraph matches, when the paragraph before does not leave a
    quotation open. It reports the first words of the sentences in the first or second person
    that lead up to the closing mark, where the opening mark is missing. (`punctuation.unbalanced-quotes` reports the lone closing mark itself.) Inch marks
    (a 12” pipe), apostrophes and a mark between two letters are not closing marks; narration
    in the third person is left alone, since its lone mark may close anything.

Why it matters
    Machine translation drops the opening mark of a quotation that starts a paragraph more
    often than any other, and scrapers lose it with the formatting of a pull quote. The reader
    takes the speaker's words for the writer's until the closing mark.

Example
    The actor spoke to the magazine on Monday.
    My partner and I have split up, and the reason is the age gap between us.” He said no more.

Use instead
    The actor spoke to the magazine on Monday.
    “My partner and I have split up, and the reason is the age gap between us.” He said no more.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator

from qualitycheck.document import Document
from qualitycheck.finding import Match, Severity
from qualitycheck.rule import Context, define
from qualitycheck.scan.programs import re_compile

_MARK_RE = re_compile("[“”«»„]")
_PERSON_RE = re_compile(
    r"\b(?:I|I['’](?:m|ve|ll|d)|[Mm]e|[Mm]y|[Ww]e|[Uu]s|[Oo]ur|[Yy]ou|[Yy]our)\b"
)
_FIRST_WORDS_RE = re_compile(r"\s*\S+(?:\s+\S+){0,4}")
_OPENERS = "“«„"


def _lone_closer(text: str, marks: list[int], start: int) -> tuple[int, int] | None:
    """The first of a block's ``marks`` that closes with no opening mark before it to match,
    and where the text after the last quotation closed before it begins (the lone mark's
    quotation cannot start earlier)."""
    depth = 0
    after_last = start
    n = len(text)
    for i in marks:
        if text[i] in _OPENERS:
            depth += 1
            continue
        if 0 < i < n - 1 and text[i - 1].isalpha() and text[i + 1].isalpha():
            continue  # "Kyiv”s": a misplaced apostrophe
        if i > start and text[i - 1].isdigit():
            continue  # a 12” pipe
        if depth == 0:
            return i, after_last
        depth -= 1
        if depth == 0:
            after_last = i + 1
    return None


def _speech_start(doc: Document, starts: list[int], start: int, closer: int) -> int | None:
    """Where the quotation that ends at ``closer`` begins: the first of the sentences before it,
    back from the closer's own, that speak in the first or second person; None when the closer's
    sentence does not. ``starts`` are the sentences' start offsets."""
    text = doc.text
    sentences = doc.sentences
    found = None
    k = bisect.bisect_left(starts, closer) - 1  # the sentence that holds the closer
    while k >= 0 and sentences[k].end > start:
        begin = max(sentences[k].start, start)
        if _PERSON_RE.search(text, begin, closer) is None:
            break
        found = closer = begin
        k -= 1
    return found


def check(doc: Document, ctx: Context) -> Iterator[Match]:
    text = doc.text
    if "”" not in text and "»" not in text:
        return
    marks = [m.start() for m in _MARK_RE.finditer(text)]
    starts: list[int] = []
    previous_open = False
    for block in doc.blocks:
        lo = bisect.bisect_left(marks, block.start)
        hi = bisect.bisect_left(marks, block.end, lo)
        if lo == hi:
            previous_open = False
            continue
        in_block = marks[lo:hi]
        opened = sum(1 for i in in_block if text[i] in _OPENERS)
        was_open, previous_open = previous_open, opened > len(in_block) - opened
        lone = _lone_closer(text, in_block, block.start)
        if lone is None or was_open:
            continue
        closer, after_last = lone
        if text[after_last:closer].lstrip()[:1] in _OPENERS + "\"'‘":
            continue
        if not starts:
            starts = [s.start for s in doc.sentences]
        begin = _speech_start(doc, starts, after_last, closer)
        if begin is None:
            continue
        first = _FIRST_WORDS_RE.match(text, begin, closer)
        if first is None:
            continue
        lead = len(first.group()) - len(first.group().lstrip())
        yield Match(
            begin + lead,
            first.end(),
            f"This is quoted speech that ends with '{text[closer]}', but the quotation never "
            "opens: its opening mark is missing, probably here.",
            ("“" + first.group().lstrip(),),
            confidence=0.5,
            severity=Severity.WARNING,
        )


RULE = define("punctuation.missing-quote-opener", "warning", check, __doc__)
