"""What checking one file gives: findings, failures, notices, and the scores the output needs.

A ``FileResult`` is plain data. The engine fills the findings; the scoring stage
(``qualitycheck.scoring.score``) fills ``quality``, ``readability`` and ``paragraph_readability``
when the output needs them; reporters only read it.

A huge plain-text file checked in pieces may come *streamed* (``Checker(stream=True)``, what
``qualitycheck lint`` uses): its findings are not in ``findings`` but still to come, piece by
piece, in ``pending``, checked only as a reader asks for them (``pieces``, ``iter_findings``), so
that no more than one piece's findings are alive at once. What depends on every finding (the
quality score, the counts, the rule failures and notices of the later pieces, the baseline's
``hidden_by_baseline``) is final once the last piece has been read; steps between the checker and
the reporter wrap the pieces (``map_pieces``, ``on_end``) instead of reading ``findings``. A
reader that needs every finding at once (``--fix``, the HTML report) calls ``materialize``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
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
    # The findings still to come, piece by piece, for a streamed result (see the module's doc).
    pending: Iterator[list[Finding]] | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.stats is None and self.document is None:  # nothing was read: nothing counted
            self.stats = {"words": 0, "sentences": 0, "paragraphs": 0}

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def streamed(self) -> bool:
        """Whether findings are still to come piece by piece (``pending``)."""
        return self.pending is not None

    def pieces(self) -> Iterator[list[Finding]]:
        """The findings, a list per piece, in order: ``findings``, then (read once) the pieces
        still pending. A streamed result's pieces are checked as this is iterated and not kept:
        afterwards ``findings`` is still empty and ``pending`` None."""
        if self.findings:
            yield self.findings
        pending, self.pending = self.pending, None
        if pending is not None:
            yield from pending

    def iter_findings(self) -> Iterator[Finding]:
        """Every finding, in order (see ``pieces``)."""
        for piece in self.pieces():
            yield from piece

    def map_pieces(self, step: Callable[[list[Finding]], list[Finding]]) -> None:
        """Apply ``step`` to the findings: now to ``findings``, and to each pending piece as it
        comes. ``step`` may keep state across the pieces of one file (a baseline's budget)."""
        self.findings = step(self.findings)
        if self.pending is not None:
            self.pending = map(step, self.pending)

    def on_end(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` once every finding is known: now, or after the last pending piece
        has been read (what it reads of the result is then final)."""
        if self.pending is None:
            callback()
        else:
            self.pending = _then(self.pending, callback)

    def materialize(self) -> FileResult:
        """Read every pending piece into ``findings`` (for what needs them all at once)."""
        if self.pending is not None:
            self.findings = [f for piece in self.pieces() for f in piece]
        return self

    def counts(self) -> dict[str, int]:
        return severity_counts(self.findings)

    def scores_dict(self) -> dict[str, Any] | None:
        if self.document is None:
            return None
        r = self.readability
        return {"quality": self.quality, "readability": r.to_dict() if r else None}

    def to_dict(self, *, paragraphs: bool = False, findings: Any = None) -> dict[str, Any]:
        """The file object of the JSON output (output-format.md, version 1). ``findings``, if
        given, stands in for the list of finding objects (a streaming writer's placeholder)."""
        data: dict[str, Any] = {
            "path": self.path,
            "format": self.format,
            "error": self.error,
            "findings": [f.to_dict() for f in self.findings] if findings is None else findings,
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


def severity_counts(findings: Iterable[Finding]) -> dict[str, int]:
    """Findings per severity label, the most severe first, every severity present."""
    c = Counter(f.severity.label for f in findings)
    return {s.label: c.get(s.label, 0) for s in sorted(Severity, reverse=True)}


def _then(pieces: Iterator[list[Finding]], callback: Callable[[], None]) -> Iterator[list[Finding]]:
    yield from pieces
    callback()
