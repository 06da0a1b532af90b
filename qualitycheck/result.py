"""What checking one file gives: findings, failures, notices, and the scores the output needs.

A ``FileResult`` is plain data. The engine fills the findings; the scoring stage
(``qualitycheck.scoring.score``) fills ``quality``, ``readability`` and ``paragraph_readability``
when the output needs them; reporters only read it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from qualitycheck.finding import Finding, Severity

if TYPE_CHECKING:
    from qualitycheck.document import Document
    from qualitycheck.scores.readability import Readability


@dataclass(frozen=True)
class RuleFailure:
    """A rule that raised instead of reporting: a bug in the rule, reported, never fatal."""

    rule: str
    error: str


@dataclass
class FileResult:
    """Everything qualitycheck knows about one checked file (or text)."""

    path: str
    format: str
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    document: Document | None = field(default=None, repr=False)
    failures: list[RuleFailure] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    extras: dict[str, Any] = field(default_factory=dict)  # e.g. "grammar": the backend's status
    # Text spans checked one by one, for a huge plain-text file (see Checker.check_document).
    chunks: tuple[tuple[int, int], ...] = field(default=(), repr=False)
    # Findings a baseline left out of ``findings`` (the reporters' summaries say how many).
    hidden_by_baseline: int = 0
    # Words, sentences and paragraphs of the document (added up over the pieces of a huge file);
    # counted by the checker, or by the scoring stage for a result built by hand.
    stats: dict[str, int] | None = None
    # The scores, filled in by the scoring stage (None / empty: not computed, or no document).
    quality: float | None = None
    readability: Readability | None = None
    paragraph_readability: list[tuple[int, Readability | None]] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.stats is None and self.document is None:  # nothing was read: nothing counted
            self.stats = {"words": 0, "sentences": 0, "paragraphs": 0}

    @property
    def ok(self) -> bool:
        return self.error is None

    def counts(self) -> dict[str, int]:
        c = Counter(f.severity.label for f in self.findings)
        return {s.label: c.get(s.label, 0) for s in sorted(Severity, reverse=True)}

    def scores_dict(self) -> dict[str, Any] | None:
        if self.document is None:
            return None
        r = self.readability
        return {"quality": self.quality, "readability": r.to_dict() if r else None}

    def to_dict(self, *, paragraphs: bool = False) -> dict[str, Any]:
        """The file object of the JSON output (output-format.md, version 1)."""
        data: dict[str, Any] = {
            "path": self.path,
            "format": self.format,
            "error": self.error,
            "findings": [f.to_dict() for f in self.findings],
            "scores": self.scores_dict(),
            "stats": self.stats if self.document is not None else None,
        }
        if paragraphs and self.document is not None:
            data["paragraph_scores"] = [
                {"block": i, "readability": r.to_dict() if r else None}
                for i, r in self.paragraph_readability
            ]
        if self.failures:
            data["rule_failures"] = [{"rule": f.rule, "error": f.error} for f in self.failures]
        if self.notices:
            data["notices"] = list(self.notices)
        for key, value in self.extras.items():
            data.setdefault(key, value)
        return data
