"""Severity, the raw ``Match`` a rule yields, and the located ``Finding`` the engine reports."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Severity(enum.IntEnum):
    """How broken the text is. Ordered so that ``Severity.ERROR > Severity.INFO``."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, value: str | Severity) -> Severity:
        if isinstance(value, Severity):
            return value
        try:
            return cls[str(value).strip().upper()]
        except KeyError:
            names = ", ".join(s.label for s in cls)
            raise ValueError(f"unknown severity {value!r} (expected one of: {names})") from None

    @property
    def label(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, slots=True)
class Match:
    """What a rule reports: a span of ``Document.text`` and why it looks broken.

    ``start``/``end`` are offsets into the analysed text (end exclusive). The engine fills in the
    rule id, category, default severity and the position in the source file.
    """

    start: int
    end: int
    message: str
    suggestions: tuple[str, ...] = ()
    confidence: float = 1.0
    severity: Severity | None = None  # None: the rule's (configured) severity


@dataclass(frozen=True, slots=True)
class Finding:
    """A located finding, as reporters print it. Positions refer to the source file as written:
    1-based lines and columns counted in code points, ``end_*`` exclusive."""

    rule: str
    category: str
    severity: Severity
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    suggestions: tuple[str, ...] = ()
    confidence: float = 1.0
    start: int = 0  # offset in the source text (code points)
    end: int = 0
    fingerprint: str = field(default="", compare=False)

    def to_dict(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity.label,
            "message": self.message,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "text": self.text,
            "suggestions": list(self.suggestions),
            "confidence": round(self.confidence, 3),
            "fingerprint": self.fingerprint,
        }
