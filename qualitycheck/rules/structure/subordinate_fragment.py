"""A sentence that is only a subordinate clause: "Although the talks went on for weeks."

What it does
    Flags a sentence of eight words or more that opens with a concessive conjunction
    ("although", "though", "even though", "whereas", also after "And" or "But") and has no
    comma, semicolon, colon or dash anywhere: the clause that the conjunction announces never
    comes. Short deliberate fragments ("Though not for long.") are left alone.

Why it matters
    Machine translation splits long source sentences at the wrong place, or translates a
    subordinate clause whose main clause was in the next sentence or was lost with a removed
    link. What remains announces a contrast and stops: the reader waits for the rest of the
    sentence.

Example
    And although the council debated the plan for more than three hours on Tuesday evening.

Use instead
    The council debated the plan for more than three hours on Tuesday evening, but it took no
    decision.
"""

from __future__ import annotations

from collections.abc import Iterator

from qualitycheck.document import Document
from qualitycheck.finding import Match
from qualitycheck.rule import Context, define
from qualitycheck.scan.programs import re_compile

_MIN_WORDS = 8
_OPENING_RE = re_compile(
    r"(?:(?:And|But|Yet|Or)\s+)?(?:[Aa]lthough|[Tt]hough|[Ee]ven\s+though|[Ww]hereas)\s"
)
# Marks that separate a subordinate clause from its main clause (or open an aside).
_SEPARATOR_RE = re_compile(r"[,;:()—–]|\s-\s")
_PROSE_KINDS = frozenset({"paragraph", "quote", "other"})


def check(doc: Document, ctx: Context) -> Iterator[Match]:
    text = doc.text
    counts = doc.sentence_word_offsets
    for k, sent in enumerate(doc.sentences):
        opening = _OPENING_RE.match(text, sent.start, sent.end)
        if opening is None:
            continue  # most sentences
        if doc.blocks[sent.block].kind not in _PROSE_KINDS:
            continue
        if counts[k + 1] - counts[k] < _MIN_WORDS:
            continue
        body = text[sent.start : sent.end].rstrip()
        if not body.endswith(".") or _SEPARATOR_RE.search(body):
            continue
        yield Match(
            sent.start,
            sent.start + len(body),
            f"This sentence is only a subordinate clause: it opens with '{opening.group().strip()}'"
            " and stops before the main clause it announces, a split typical of machine"
            " translation. Join it to the sentence it belongs to or add the main clause.",
            confidence=0.55,
        )


RULE = define("structure.subordinate-fragment", "warning", check, __doc__)
