"""Severity, the raw ``Match`` a rule yields, and the located ``Finding`` the engine reports."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


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

    #: the severity's name in lower case ("warning"): set on each member below, a plain attribute
    #: (reporters read it once or twice for every finding)
    label: str


for _severity in Severity:
    _severity.label = _severity.name.lower()
del _severity


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


class _NewFinding:
    """A ``Finding`` under construction: the same slots, in the same order, set by plain
    assignments, then given its class (``new_finding``). A frozen dataclass sets each field
    through ``object.__setattr__``, which made building the findings of a crawl with a finding
    on every line a noticeable part of the engine's time (~1.5 µs a finding; this, ~0.3)."""

    __slots__ = Finding.__slots__

    def __init__(
        self,
        rule: str,
        category: str,
        severity: Severity,
        message: str,
        line: int,
        column: int,
        end_line: int,
        end_column: int,
        text: str,
        suggestions: tuple[str, ...],
        confidence: float,
        start: int,
        end: int,
        fingerprint: str,
    ) -> None:
        self.rule = rule
        self.category = category
        self.severity = severity
        self.message = message
        self.line = line
        self.column = column
        self.end_line = end_line
        self.end_column = end_column
        self.text = text
        self.suggestions = suggestions
        self.confidence = confidence
        self.start = start
        self.end = end
        self.fingerprint = fingerprint


def new_finding(
    rule: str,
    category: str,
    severity: Severity,
    message: str,
    line: int,
    column: int,
    end_line: int,
    end_column: int,
    text: str,
    suggestions: tuple[str, ...],
    confidence: float,
    start: int,
    end: int,
    fingerprint: str,
) -> Finding:
    """``Finding(...)`` with every field given in order, built several times faster (the engine
    builds one per match). The result is a ``Finding`` like any other (tests/test_finding.py)."""
    f: Any = _NewFinding(rule, category, severity, message, line, column, end_line, end_column,
                         text, suggestions, confidence, start, end, fingerprint)  # fmt: skip
    f.__class__ = Finding
    return f
