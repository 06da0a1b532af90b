"""A paragraph that repeats an earlier one, word for word or nearly.

What it does
    Compares every paragraph (block) of at least eight words with the paragraphs before it, after
    normalising case, white space and quotation-mark style. An exact copy, or a near copy (a
    similarity ratio of 95 or more), is reported on the second occurrence. Table cells are left
    alone.

Why it matters
    Scrapers pick up the same text twice (a teaser and the article body, a pull quote, a
    paragraph repeated by a "read more" widget), and translation pipelines that retry a segment
    can append it again. A repeated paragraph makes an article look broken and inflates word
    counts and scores.

Example
    Officials said the bridge would reopen on Monday after repairs.
    Crews worked through the night.
    Officials said the bridge would reopen on Monday after repairs.

Use instead
    Officials said the bridge would reopen on Monday after repairs.
    Crews worked through the night.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache

from qualitycheck import heuristics as h
from qualitycheck.document import Document
from qualitycheck.finding import Match
from qualitycheck.rule import Context, define

_MIN_WORDS = 8
_MIN_SCORE = 95.0
_SPACE_RE = re.compile(r"\s+")
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'"})


@cache
def _ratio() -> Callable[..., float]:
    from rapidfuzz import fuzz

    return fuzz.ratio


def _normalise(text: str) -> str:
    return _SPACE_RE.sub(" ", text.translate(_QUOTES).casefold()).strip()


_NUMBER_RE = re.compile(r"\d+")


def check(doc: Document, ctx: Context) -> Iterator[Match]:
    seen: dict[str, int] = {}  # normalised text -> index of the first block with it
    earlier: list[tuple[int, str]] = []
    for i, block in enumerate(doc.blocks):
        if block.kind == "table_cell":
            continue
        body = doc.block_text(block)
        if len(h.words(body)) < _MIN_WORDS:
            continue
        norm = _normalise(body)
        first = seen.get(norm)
        exact = first is not None
        if first is None:
            ratio = _ratio()
            numbers = _NUMBER_RE.findall(norm)
            for j, other in earlier:
                shorter, longer = sorted((len(norm), len(other)))
                if shorter < 0.9 * longer:
                    continue
                if block.kind == "list_item":
                    break  # list items repeat a pattern on purpose: only exact copies count
                if ratio(norm, other, score_cutoff=_MIN_SCORE) >= _MIN_SCORE:
                    if _NUMBER_RE.findall(other) != numbers:
                        continue  # "upgraded to version 1.5" / "... 1.6": different facts
                    first = j
                    break
        if first is None:
            seen[norm] = i
            earlier.append((i, norm))
            continue
        line = doc.line_col(doc.source_offset(doc.blocks[first].start))[0]
        how = "repeats" if exact else "nearly repeats"
        yield Match(
            block.start,
            block.end,
            f"This paragraph {how} the one at line {line}: text picked up twice by a scraper "
            "or appended twice by a translation pipeline. Delete one copy.",
            confidence=0.95 if exact else 0.8,
        )


RULE = define("structure.duplicate-paragraph", "warning", check, __doc__)
