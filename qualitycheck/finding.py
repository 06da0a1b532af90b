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


_UNSET: Any = object()  # Match's arguments not given (only an unpickler calls it so)


@dataclass(frozen=True, slots=True, init=False)
class Match:
    """What a rule reports: a span of ``Document.text`` and why it looks broken.

    ``start``/``end`` are offsets into the analysed text (end exclusive). The engine fills in the
    rule id, category, default severity and the position in the source file.

    Built by ``__new__`` (a frozen dataclass's ``__init__`` sets each field through
    ``object.__setattr__``, a noticeable cost for the rules of a crawl with a finding on every
    line): the same slots set by plain assignments, then the class given, as ``new_finding``.
    """

    start: int
    end: int
    message: str
    suggestions: tuple[str, ...] = ()
    confidence: float = 1.0
    severity: Severity | None = None  # None: the rule's (configured) severity

    def __new__(
        cls,
        start: int = _UNSET,
        end: int = _UNSET,
        message: str = _UNSET,
        suggestions: tuple[str, ...] = (),
        confidence: float = 1.0,
        severity: Severity | None = None,
    ) -> Match:
        if start is _UNSET and end is _UNSET and message is _UNSET:
            return object.__new__(cls)  # unpickling, copying: the state is set afterwards
        if start is _UNSET or end is _UNSET or message is _UNSET:
            raise TypeError("Match() needs start, end and message")
        m: Any = _NewMatch(start, end, message, suggestions, confidence, severity)
        if cls is Match:
            m.__class__ = Match
            return m
        made = object.__new__(cls)  # a subclass: its own layout
        for name in Match.__slots__:
            object.__setattr__(made, name, getattr(m, name))
        return made


class _NewMatch:
    """A ``Match`` under construction (see ``Match.__new__``)."""

    __slots__ = Match.__slots__

    def __init__(
        self,
        start: int,
        end: int,
        message: str,
        suggestions: tuple[str, ...],
        confidence: float,
        severity: Severity | None,
    ) -> None:
        self.start = start
        self.end = end
        self.message = message
        self.suggestions = suggestions
        self.confidence = confidence
        self.severity = severity


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
