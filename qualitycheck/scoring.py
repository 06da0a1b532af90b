"""The scoring stage: after the engine, compute the scores the output needs.

``score(result, needs)`` fills ``result.quality`` (always: it only counts findings),
``result.readability`` and ``result.paragraph_readability`` (when ``needs`` asks: they read the
whole text) and returns the result. Nothing is computed on read: a reporter that shows a score
must be given a result scored for it (``Needs.for_format``).

A streamed result (``FileResult.pending``) gets its quality score once its last piece has been
read: the costs of the findings are added up piece by piece as they pass (bounded state).
"""

from __future__ import annotations

from dataclasses import astuple, dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from qualitycheck.document import Document
    from qualitycheck.finding import Finding
    from qualitycheck.result import FileResult
    from qualitycheck.scores.readability import Readability


@dataclass(frozen=True, slots=True)
class Needs:
    """What the output will read besides the findings and the quality score."""

    readability: bool = False
    paragraphs: bool = False

    @classmethod
    def for_format(cls, output_format: str, *, paragraph_scores: bool = False) -> Needs:
        shows_scores = output_format in ("json", "jsonl", "html")
        return cls(readability=shows_scores, paragraphs=paragraph_scores or output_format == "html")


#: What the Python API computes unless told otherwise: every document-level score.
DOCUMENT_SCORES = Needs(readability=True)


def score(result: FileResult, needs: Needs = DOCUMENT_SCORES) -> FileResult:
    """Fill in the scores ``needs`` asks for (and the quality score) that ``result`` lacks."""
    doc = result.document
    if doc is None:
        return result
    if result.stats is None:
        result.stats = document_stats(doc)
    if result.quality is None and result.streamed:
        _score_when_read(result)
    elif result.quality is None:
        from qualitycheck.scores.quality import quality_score

        result.quality = quality_score(result.findings, result.stats["words"])
    if needs.readability and result.readability is None:
        result.readability = _readability(result)
    if needs.paragraphs and not result.paragraph_readability:
        from qualitycheck.scores.readability import paragraph_readability

        result.paragraph_readability = paragraph_readability(doc)
    return result


def _score_when_read(result: FileResult) -> None:
    """The quality score of a streamed result, from the costs of its findings added up as the
    pieces pass; set after the last one (the checker's counts of words are final then)."""
    from qualitycheck.scores.quality import MIN_WORDS, QUALITY_SCALE, finding_cost

    total = 0.0

    def add(piece: list[Finding]) -> list[Finding]:
        nonlocal total
        total = sum(map(finding_cost, piece), total)  # quality_penalty's sum, continued
        return piece

    def done() -> None:
        import math

        words = result.stats["words"] if result.stats else 0
        # as quality_score: the penalty, then the score (the same sum, in the same order)
        penalty = 100.0 * total / max(words, MIN_WORDS)
        result.quality = round(100.0 * math.exp(-penalty / QUALITY_SCALE), 1)

    result.map_pieces(add)
    result.on_end(done)


def document_stats(doc: Document) -> dict[str, int]:
    """Words, sentences and paragraphs of a checked document (its word count survives the
    engine's release of the word index)."""
    return {"words": doc.word_count, "sentences": len(doc.sentences), "paragraphs": len(doc.blocks)}


def _readability(result: FileResult) -> Readability | None:
    from qualitycheck.scores.readability import Readability, count_text, readability

    assert result.document is not None
    text = result.document.text
    if not result.chunks:
        return readability(text)
    # A huge file: add up the counts piece by piece instead of holding every word at once.
    parts = [count_text(text[a:b]) for a, b in result.chunks]
    present = [c for c in parts if c is not None]
    if not present:
        return None
    total = type(present[0])(
        *(sum(vals) for vals in zip(*(astuple(c) for c in present), strict=True))
    )
    return Readability.from_counts(total)
