"""What the engine asks of an optional backend (an external checker such as LanguageTool)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from qualitycheck.finding import Match
from qualitycheck.rule import Rule

if TYPE_CHECKING:
    from qualitycheck.document import Document


@dataclass(frozen=True)
class BackendReport:
    """What a backend found in one document: ``(rule, match)`` pairs with offsets into
    ``Document.text`` and a JSON-ready status recorded under the backend's name."""

    matches: Sequence[tuple[Rule, Match]] = ()
    status: Mapping[str, Any] | None = None


class Backend(Protocol):
    """An optional external checker (a grammar server, say). Its findings carry their own rule
    ids, each under one of the pseudo-rules in ``rules`` (which document it and select it); a
    backend finding that overlaps a rule finding is merged into it rather than reported twice."""

    name: str
    rules: Mapping[str, Rule]

    def check(self, doc: Document) -> BackendReport: ...

    def run_notices(self) -> list[str]: ...

    def close(self) -> None: ...
