"""Document scores: readability formulas (``qualitycheck.scores.readability``) and the overall
quality score (``qualitycheck.scores.quality``).

Both modules are cheap to import; the readability resources (pyphen's hyphenation patterns, the
Dale-Chall word list) load on first use only. The function ``readability`` is deliberately not
re-exported here: its name would hide the ``readability`` submodule.
"""

from qualitycheck.scores.quality import QUALITY_FORMULA, quality_penalty, quality_score
from qualitycheck.scores.readability import Readability, paragraph_readability

__all__ = [
    "QUALITY_FORMULA",
    "Readability",
    "paragraph_readability",
    "quality_penalty",
    "quality_score",
]
