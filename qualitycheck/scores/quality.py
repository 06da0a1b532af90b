"""The overall quality score: 0 to 100, higher is better, from the findings per 100 words.

Each finding costs its severity's weight times its confidence. The costs are summed, divided by the
document's length in hundreds of words (a document shorter than 100 words counts as 100 words), and
the resulting penalty ``p`` maps to ``100 * exp(-p / QUALITY_SCALE)``.

Why this shape:

- *Per 100 words*: the same damage is worse in a short text than spread over a long one, and
  scores of documents of different lengths stay comparable.
- *At least 100 words*: on a ten-word snippet one finding would otherwise count as ten findings per
  100 words and crush the score; a rate measured on a handful of words says little, so a short
  text is scored as if it were a 100-word paragraph with the same findings.
- *Exponential*: strictly decreasing, 100 for a clean text, never below 0, and each extra weighted
  point per 100 words removes the same share of what is left, so a junk page heads to 0 without a
  cliff. With ``QUALITY_SCALE = 5`` one warning in a 1,200-word article costs 2.5 points, about one
  certain error per 100 words scores 55, and five per 100 words scores 5.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

from qualitycheck.finding import Finding, Severity

ERROR_WEIGHT = 3.0
WARNING_WEIGHT = 1.5
INFO_WEIGHT = 0.25
SEVERITY_WEIGHTS: Mapping[Severity, float] = {
    Severity.ERROR: ERROR_WEIGHT,
    Severity.WARNING: WARNING_WEIGHT,
    Severity.INFO: INFO_WEIGHT,
}
# Penalty (weighted findings per 100 words) at which the score has fallen to 100/e, about 36.8.
QUALITY_SCALE = 5.0
# Texts shorter than this many words are scored as if they had this many.
MIN_WORDS = 100

QUALITY_FORMULA = (
    "The quality score runs from 0 to 100 (higher is better). Every finding costs its severity's "
    f"weight (error {ERROR_WEIGHT:g}, warning {WARNING_WEIGHT:g}, info {INFO_WEIGHT:g}) times its "
    "confidence (0 to 1); the costs are added up and divided by the number of words in hundreds, "
    f"counting a text of fewer than {MIN_WORDS} words as {MIN_WORDS} words, which gives a penalty "
    "in weighted findings per 100 words. The score is 100 × exp(−penalty / "
    f"{QUALITY_SCALE:g}), rounded to one decimal: a clean text scores 100, one warning in a "
    "1,200-word article about 97.5, one certain error per 100 words about 55, and five per "
    "100 words about 5."
)


def finding_cost(finding: Finding) -> float:
    """What one finding costs: its severity's weight times its confidence (clamped to 0..1)."""
    confidence = min(max(finding.confidence, 0.0), 1.0)
    # (a Severity, or its number: an IntEnum member and its int are the same key)
    return SEVERITY_WEIGHTS[finding.severity] * confidence


def quality_penalty(findings: Iterable[Finding], words: int) -> float:
    """Weighted findings per 100 words (texts under ``MIN_WORDS`` words count as ``MIN_WORDS``)."""
    total = sum(finding_cost(f) for f in findings)
    return 100.0 * total / max(words, MIN_WORDS)


def quality_score(findings: Iterable[Finding], words: int) -> float:
    """The overall quality score of a document with ``words`` words: 0..100, one decimal."""
    penalty = quality_penalty(findings, words)
    return round(100.0 * math.exp(-penalty / QUALITY_SCALE), 1)
