"""Quotation marks that do not pair up within a paragraph: a closing ” with no opening “.

What it does
    Pairs the double quotation marks of each paragraph (block): curly “ ”, guillemets « », and
    straight ". A closing mark with no opening mark before it in the paragraph is an error. A
    curly opening mark inside a quotation that is still open is a warning: English nests
    quotations with single marks, so the first quotation lost its closing mark or this mark is
    stray. An
    opening mark left open at the end of a paragraph is fine when the next paragraph opens with a
    quotation mark too (the convention for a quotation that runs over several paragraphs);
    otherwise it is a warning with lower confidence. Straight quotes cannot tell opening from
    closing, so an odd number of them in a paragraph is a warning on the last one. Speech that
    runs over several sentences of a paragraph is fine. Apostrophes and single quotes (’ in
    "Kyiv’s", "’90s", "rock ’n’ roll") are not checked, and inch marks (5'11", a 12" pipe) are
    not quotes.

Why it matters
    When machine translation splits or merges sentences, or a scraper drops the first part of a
    paragraph, the quotation marks of the original no longer pair up, and the reader cannot tell
    where the quoted speech begins. A lone closing mark is a strong sign that words were lost or
    that narration and quotation were mixed up.

Example
    The army will not be provoked. Stop at the first order.”
    “We will stay,” he said. Nobody will leave this city.”

Use instead
    “The army will not be provoked. Stop at the first order.”
    “We will stay,” he said. “Nobody will leave this city.”
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

from qualitycheck.document import Document
from qualitycheck.finding import Match, Severity
from qualitycheck.rule import Context, define
from qualitycheck.scan.programs import re_compile

_OPENING_MARKS = '“"«‘„'
_CODE_RE = re_compile(r"`[^`\n]*`")
_ANY_QUOTE_RE = re_compile('[“”„«»"]')  # every mark _scan_block looks at


@dataclass
class _BlockScan:
    lone_closers: list[int] = field(default_factory=list)
    unclosed: list[int] = field(default_factory=list)  # openers never closed, in order
    straight_odd: int | None = None  # position of the unpaired straight quote, if any
    nested: list[int] = field(default_factory=list)  # openers inside an open quotation


def _pair(text: str, positions: list[int], opener: str, closer: str, scan: _BlockScan) -> None:
    stack: list[int] = []
    for p in positions:
        ch = text[p]
        if ch == opener:
            if stack and opener == "“":
                scan.nested.append(p)
            stack.append(p)
        elif stack:
            stack.pop()
        elif not _is_inch_mark(text, p):
            scan.lone_closers.append(p)
    scan.unclosed.extend(stack)


def _is_inch_mark(text: str, p: int) -> bool:
    """A double mark right after a number and not before a letter: 5'11", a 12” pipe."""
    return p > 0 and text[p - 1].isdigit() and not (p + 1 < len(text) and text[p + 1].isalpha())


@cache
def _mark_re(chars: str) -> re.Pattern[str]:
    """Finds any one of ``chars`` (the marks a block is scanned for)."""
    return re_compile(f"[{re.escape(chars)}]")


def _scan_block(text: str, start: int, end: int) -> _BlockScan:
    scan = _BlockScan()
    if not _ANY_QUOTE_RE.search(text, start, end):
        return scan  # most paragraphs: nothing to pair
    code = [(m.start(), m.end()) for m in _CODE_RE.finditer(text, start, end)]

    def positions(chars: str) -> list[int]:
        out = []
        for m in _mark_re(chars).finditer(text, start, end):
            i = m.start()
            if not (code and any(s <= i < e for s, e in code)):
                # A mark between two letters is a misplaced apostrophe ("Kyiv”s"), not a quote.
                if 0 < i < len(text) - 1 and text[i - 1].isalpha() and text[i + 1].isalpha():
                    continue
                out.append(i)
        return out

    curly = positions("“”„")
    if curly and not any(text[p] == "„" for p in curly):
        openers = sum(1 for p in curly if text[p] == "“")
        closers = len(curly) - openers
        # Some styles use ” on both sides ("”Ja”"): no opener at all and an even count.
        if not (openers == 0 and closers % 2 == 0):
            _pair(text, curly, "“", "”", scan)

    guillemets = positions("«»")
    if guillemets:
        first = text[guillemets[0]]
        opener, closer = ("«", "»") if first == "«" else ("»", "«")  # »Danish style« too
        _pair(text, guillemets, opener, closer, scan)

    straight = positions('"')
    if len(straight) % 2 == 1:
        # Inch marks (a 12" pipe) make the count odd without any quotation being broken.
        inches = [p for p in straight if _is_inch_mark(text, p)]
        if inches:
            straight.remove(inches[-1])
        if len(straight) % 2 == 1:
            scan.straight_odd = straight[-1]
    return scan


def _opens_with_quote(text: str) -> bool:
    return text.lstrip()[:1] in _OPENING_MARKS


def _looks_like_opener(text: str, p: int) -> bool:
    before = text[p - 1] if p > 0 else " "
    after = text[p + 1] if p + 1 < len(text) else " "
    return (before.isspace() or before in "([—–-") and not after.isspace()


def check(doc: Document, ctx: Context) -> Iterator[Match]:
    text = doc.text
    blocks = doc.blocks
    scans = [_scan_block(text, b.start, b.end) for b in blocks]
    previous_left_open = False
    for i, scan in enumerate(scans):
        following = scans[i + 1] if i + 1 < len(scans) else None
        next_opens = following is not None and _opens_with_quote(doc.block_text(blocks[i + 1]))
        for p in scan.lone_closers:
            if previous_left_open:
                yield Match(
                    p,
                    p + 1,
                    f"Closing '{text[p]}' with no opening mark in this paragraph; the quotation "
                    "seems to start in the previous paragraph, which by convention would end "
                    "open and this one reopen with an opening mark.",
                    confidence=0.6,
                    severity=Severity.WARNING,
                )
            else:
                yield Match(
                    p,
                    p + 1,
                    f"Closing '{text[p]}' with no opening mark before it in the paragraph: the "
                    "start of the quotation is missing, or narration was turned into speech; "
                    "a common trace of machine translation or of a scraper dropping text.",
                    confidence=0.85 if len(scan.lone_closers) == 1 else 0.75,
                )
        # An opener closed in the next paragraph is reported there, once.
        closed_next = following is not None and bool(following.lone_closers)
        for p in scan.nested:
            yield Match(
                p,
                p + 1,
                f"Opening '{text[p]}' inside a quotation that is still open: the closing mark "
                "of the first quotation is missing before it, or this mark is stray (a quotation "
                "inside a quotation takes single marks).",
                confidence=0.55,
                severity=Severity.WARNING,
            )
        # A stray opener inside an open quotation is reported above; the first opener then
        # looks unclosed only because the stray one took its closing mark.
        if scan.unclosed and not scan.nested and not next_opens and not closed_next:
            p = scan.unclosed[-1]
            yield Match(
                p,
                p + 1,
                f"Opening '{text[p]}' is never closed, and the next paragraph does not continue "
                "the quotation: the end of the quotation (or its closing mark) was lost.",
                confidence=0.55,
                severity=Severity.WARNING,
            )
        if scan.straight_odd is not None:
            p = scan.straight_odd
            if not (_looks_like_opener(text, p) and next_opens):
                yield Match(
                    p,
                    p + 1,
                    'Odd number of straight quotation marks (") in this paragraph; this one has '
                    "no partner, so the quotation's start or end is missing.",
                    confidence=0.5,
                    severity=Severity.WARNING,
                )
        previous_left_open = bool(scan.unclosed) or (
            scan.straight_odd is not None and _looks_like_opener(text, scan.straight_odd)
        )


RULE = define("punctuation.unbalanced-quotes", "error", check, __doc__)
