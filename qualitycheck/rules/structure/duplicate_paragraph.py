"""A paragraph that repeats an earlier one, word for word or nearly.

What it does
    Compares every paragraph (block) of at least eight words with the paragraphs before it, after
    normalising case, white space and quotation-mark style. An exact copy, or a near copy (a
    similarity ratio of 95 or more, looked for among the 200 paragraphs before it so that a
    book-length file stays fast), is reported on the second occurrence. Table cells are left
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

from collections.abc import Callable, Iterator
from functools import cache

from qualitycheck.document import Document
from qualitycheck.finding import Match
from qualitycheck.rule import Context, define
from qualitycheck.scan.programs import re_compile

_MIN_WORDS = 8
_MIN_SCORE = 95.0
_QUOTES = (("“", '"'), ("”", '"'), ("„", '"'), ("«", '"'), ("»", '"'), ("‘", "'"), ("’", "'"))


# Near copies are looked for among this many paragraphs before each one: comparing every pair
# is quadratic (hours for a 50 MB file); exact copies are found anywhere.
_NEAR_WINDOW = 200


@cache
def _near_copies() -> Callable[[str, list[str]], list[int]]:
    """Indexes of the choices with a similarity ratio of at least ``_MIN_SCORE`` to a text,
    compared in rapidfuzz's C++ loop (a ratio of 95 implies lengths within 10% of each other, which
    it checks first)."""
    from rapidfuzz import fuzz, process

    def near(text: str, choices: list[str]) -> list[int]:
        found = process.extract(
            text, choices, scorer=fuzz.ratio, score_cutoff=_MIN_SCORE, limit=None
        )
        return sorted(index for _, _, index in found)

    return near


def _normalise(text: str) -> str:
    for curly, straight in _QUOTES:  # str.replace runs in C; translate with a dict does not
        if curly in text:
            text = text.replace(curly, straight)
    # str.split() and the regex \s agree on what white space is (both use Py_UNICODE_ISSPACE)
    return " ".join(text.casefold().split())


_NUMBER_RE = re_compile(r"\d+")


def check(doc: Document, ctx: Context) -> Iterator[Match]:
    seen: dict[str, int] = {}  # normalised text -> index of the first block with it
    messages: dict[tuple[int, bool], str] = {}
    earlier: list[tuple[int, str]] = []
    earlier_texts: list[str] = []
    for i, block in enumerate(doc.blocks):
        if block.kind == "table_cell":
            continue
        if doc.block_word_counts[i] < _MIN_WORDS:
            continue
        norm = _normalise(doc.block_text(block))
        first = seen.get(norm)
        exact = first is not None
        # List items repeat a pattern on purpose: only exact copies count.
        if first is None and block.kind != "list_item" and earlier:
            numbers = _NUMBER_RE.findall(norm)
            # A ratio of 95 needs lengths within 10% of each other: compare only those.
            low, high = 0.9 * len(norm), len(norm) / 0.9
            window = [
                k
                for k in range(max(0, len(earlier) - _NEAR_WINDOW), len(earlier))
                if low <= len(earlier_texts[k]) <= high
            ]
            choices = [earlier_texts[k] for k in window]
            for k in _near_copies()(norm, choices) if choices else ():
                j, other = earlier[window[k]]
                if _NUMBER_RE.findall(other) != numbers:
                    continue  # "upgraded to version 1.5" / "... 1.6": different facts
                first = j
                break
        if first is None:
            seen[norm] = i
            earlier.append((i, norm))
            earlier_texts.append(norm)
            continue
        message = messages.get((first, exact))
        if message is None:  # a paragraph repeated many times is reported with one message
            line = doc.line_col(doc.source_offset(doc.blocks[first].start))[0]
            how = "repeats" if exact else "nearly repeats"
            message = messages[first, exact] = (
                f"This paragraph {how} the one at line {line}: text picked up twice by a scraper "
                "or appended twice by a translation pipeline. Delete one copy."
            )
        yield Match(block.start, block.end, message, confidence=0.95 if exact else 0.8)


RULE = define("structure.duplicate-paragraph", "warning", check, __doc__)
