"""Caption and widget debris alone on a line: "Prime Minister" ⏎ "Prime Minister Ana Souza".

What it does
    Looks for short lines (at most six words, eight when they repeat the next line) without a
    verb or final punctuation inside the body of an article, and reports them when there is a
    cue that they are debris rather than a subheading:

    - the line is the start, or a near copy of the start, of the line next to it ("Prime
      Minister" ⏎ "Prime Minister Ana Souza") -- a warning;
    - the line is a job title with no name ("Foreign Minister") -- a warning;
    - the line sits inside a sentence: the paragraph before it stops mid-sentence and the one
      after carries on in lower case -- a warning;
    - the line is followed by its own copy, a short caption taken twice (anywhere, the headline
      area included) -- a warning;
    - the line is a title and a name and nothing else ("Prime Minister Ana Souza"), the usual
      shape of a photo caption -- info, low confidence.

    Headlines at the top, headings, list items, table cells, captions marked up as such, bylines,
    datelines, photo credits, sign-offs ("— Reuters") and the last line are left alone, and so
    is a plain subheading such as "Economic fallout".

Why it matters
    Scrapers flatten a page into lines, and the text of photo captions, pull quotes and share
    widgets lands between paragraphs. Machine translation then translates the debris too. The
    reader meets words that belong to no sentence; often one fragment repeats the start of the
    next line because a caption was cut in two.

Example
    Crowds gathered outside the parliament in the capital on Sunday to demand a new vote.
    Prime Minister
    Prime Minister Ana Souza
    She promised early elections.

Use instead
    Crowds gathered outside the parliament in the capital on Sunday to demand a new vote.
    Prime Minister Ana Souza promised early elections.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache

from qualitycheck import heuristics as h
from qualitycheck.document import Block, Document
from qualitycheck.finding import Match, Severity
from qualitycheck.rule import Context, define
from qualitycheck.scan.programs import re_compile

_PROSE_KINDS = frozenset({"paragraph", "quote", "other"})
_MAX_WORDS = 5
_MAX_WORDS_DUPLICATE = 8

# Generic job titles: a line that is nothing but one of these is a caption's head without its name.
_TITLES = frozenset(
    """
    president vice-president minister premier chancellor governor mayor secretary king queen prince
    princess emperor pope cardinal bishop ceo chairman chairwoman chair director spokesman
    spokeswoman spokesperson general commander ambassador senator representative congressman
    congresswoman lawmaker judge justice chief leader envoy adviser advisor prosecutor attorney
    deputy sheriff coach captain manager founder executive economist analyst professor
    correspondent colonel lieutenant sergeant admiral marshal commissioner councillor councilor
    mp mep speaker candidate nominee chairperson
    """.split()
)
_NORMALISE_RE = re_compile(r"[^\w\s]")


def _norm_words(text: str) -> list[str]:
    return _NORMALISE_RE.sub(" ", text.casefold()).split()


@cache
def _ratio() -> Callable[..., float]:
    from rapidfuzz import fuzz

    return fuzz.ratio


def _is_prefix_copy(fragment: str, other: str) -> bool:
    """True when ``fragment`` is the start (exactly or nearly) of the longer line ``other``."""
    a, b = _norm_words(fragment), _norm_words(other)
    if not a or len(b) <= len(a):
        return False
    if b[: len(a)] == a:
        return True
    if len(" ".join(a)) < 8:
        return False
    ratio = _ratio()
    return ratio(" ".join(a), " ".join(b[: len(a)])) >= 90


def _header_end(doc: Document) -> int:
    """Index of the first block that reads as a paragraph of prose; blocks before it are the
    headline area (title, standfirst, byline) and are not checked."""
    for i, block in enumerate(doc.blocks):
        body = doc.block_text(block)
        if len(h.words(body)) >= 12 and h.ends_sentence(body):
            return i
    return len(doc.blocks)


def _exempt(body: str, block: Block) -> bool:
    return (
        block.kind not in _PROSE_KINDS
        or not any(c.isalpha() for c in body)
        or h.ends_sentence(body, colon=True)
        or h.is_list_item(body)
        or h.looks_like_byline(body)
        or h.looks_like_dateline(body + " ")
        or h.looks_like_caption_credit(body)
        or h.looks_like_signoff(body)
    )


def _capitalised_except_titles(tokens: list[str]) -> bool:
    return all(t[:1].isupper() or t.lower() in _TITLES for t in tokens)


def _is_bare_title(tokens: list[str]) -> bool:
    """ "Foreign Minister", "Nigerian President", "Green Party candidate": capitalised words
    ending in a job title."""
    return (
        1 <= len(tokens) <= 4
        and tokens[-1].lower() in _TITLES
        and tokens[0][:1].isupper()
        and _capitalised_except_titles(tokens)
    )


def _is_title_and_name(tokens: list[str]) -> bool:
    """ "Prime Minister Ana Souza", "Green Party candidate Ana Souza": capitalised words, a job
    title, then at least one capitalised name."""
    if not (2 <= len(tokens) <= 6) or not tokens[0][:1].isupper():
        return False
    if not _capitalised_except_titles(tokens):
        return False
    idx = [i for i, t in enumerate(tokens) if t.lower() in _TITLES]
    return bool(idx) and idx[-1] < len(tokens) - 1


_TWIN_MIN_WORDS = 3
_TWIN_MAX_WORDS = 7  # from eight words on, structure.duplicate-paragraph reports the copy
_STRAIGHT_QUOTES = str.maketrans(
    {"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'"}
)


def _twin_lines(doc: Document) -> Iterator[tuple[int, Match]]:
    """A short line followed by its own copy (up to quote style, case and spacing), anywhere,
    the headline area included: a photo caption the scraper took twice, from the image's
    ``alt`` text and from the caption under it."""
    blocks = doc.blocks
    counts = doc.block_word_counts
    carried = (-1, "")  # a block's key serves twice: as the second line, then as the first
    for i in range(len(blocks) - 1):
        if not _TWIN_MIN_WORDS <= counts[i] <= _TWIN_MAX_WORDS or counts[i + 1] != counts[i]:
            continue
        a, b = blocks[i], blocks[i + 1]
        if a.kind not in _PROSE_KINDS or b.kind not in _PROSE_KINDS:
            continue
        body = doc.block_text(a)
        key = carried[1] if carried[0] == i else _twin_key(body)
        next_key = _twin_key(doc.block_text(b))
        carried = (i + 1, next_key)
        if key != next_key or h.is_list_item(body):
            continue
        yield (
            i,
            Match(
                a.start,
                a.end,
                f"'{_short(body)}' is the same short line twice in a row: a photo caption or widget "
                "text the scraper picked up twice. Delete the lines unless the caption belongs to "
                "the article, and then keep one.",
                suggestions=("",),
                confidence=0.8,
                severity=Severity.WARNING,
            ),
        )


def _twin_key(text: str) -> str:
    return " ".join(text.translate(_STRAIGHT_QUOTES).casefold().split())


def check(doc: Document, ctx: Context) -> Iterator[Match]:
    twins = dict(_twin_lines(doc))
    yield from twins.values()
    twin_blocks = set(twins) | {i + 1 for i in twins}
    blocks = doc.blocks
    first_body = _header_end(doc)
    for i in range(max(1, first_body), len(blocks) - 1):
        block = blocks[i]
        body = doc.block_text(block)
        if doc.block_word_counts[i] > _MAX_WORDS_DUPLICATE or i in twin_blocks:  # most paragraphs
            continue
        tokens = h.words(body)
        if not tokens or _exempt(body, block):
            continue
        if h.has_verb_hint(body):  # a clause, however short, is not debris
            continue
        prev_body = doc.block_text(blocks[i - 1])
        next_body = doc.block_text(blocks[i + 1])
        span = (block.start, block.end)

        copy_of = None
        if _is_prefix_copy(body, next_body):
            copy_of = next_body
        elif _is_prefix_copy(body, prev_body):
            copy_of = prev_body
        if copy_of is not None:
            other_is_fragment = len(h.words(copy_of)) <= _MAX_WORDS_DUPLICATE
            yield Match(
                *span,
                f"'{body}' is alone on its line and repeats the start of the line next to it "
                f"('{_short(copy_of)}'): a caption or headline cut in two by the scraper. "
                "Delete the fragment.",
                suggestions=("",),
                confidence=0.85 if other_is_fragment else 0.7,
                severity=Severity.WARNING,
            )
            continue
        if len(tokens) > _MAX_WORDS + 1:
            continue
        if _is_bare_title(tokens):
            yield Match(
                *span,
                f"'{body}' is a job title alone on a line, with no name and no sentence: a "
                "fragment of a photo caption or widget left between paragraphs.",
                suggestions=("",),
                confidence=0.75,
                severity=Severity.WARNING,
            )
        elif not h.ends_sentence(prev_body, colon=True) and next_body[:1].islower():
            yield Match(
                *span,
                f"'{body}' interrupts a sentence: the line before stops mid-sentence and the "
                "line after carries on in lower case. Probably text from an ad, caption or "
                "widget that the scraper left in place.",
                suggestions=("",),
                confidence=0.7,
                severity=Severity.WARNING,
            )
        elif _is_title_and_name(tokens):
            yield Match(
                *span,
                f"'{body}' is a title and a name alone on a line, between paragraphs: it looks "
                "like the text of a photo caption rather than part of the article.",
                confidence=0.4,
                severity=Severity.INFO,
            )


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


RULE = define("structure.orphan-fragment", "warning", check, __doc__)
