"""What a rule is, and the context it runs in.

A rule is a small module exposing ``RULE = Rule(...)``; its module docstring (What it does / Why it
matters / Example / Use instead) is what ``qualitycheck explain`` prints. Built-in and third-party
rules are found the same way, through the ``qualitycheck.rules`` entry-point group.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from qualitycheck.finding import Match, Severity

if TYPE_CHECKING:
    from qualitycheck.document import Document
    from qualitycheck.glossary import Glossary

RULE_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:[-_][a-z0-9]+)*)+$")


@dataclass(frozen=True)
class Context:
    """What a rule may consult besides the document: its options from the configuration and the
    user's glossary. Shared data (lexicon, gazetteer) comes from ``qualitycheck.resources``."""

    options: Mapping[str, Any] = field(default_factory=dict)
    glossary: Glossary | None = None


CheckFunction = Callable[["Document", Context], Iterable[Match]]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    check: CheckFunction = field(repr=False)
    doc: str = field(default="", repr=False)
    origin: str = "qualitycheck"  # the module or pack file that defines it

    def __post_init__(self) -> None:
        if not RULE_ID_RE.match(self.id):
            raise ValueError(f"rule id {self.id!r} is not of the form 'category.name' (kebab-case)")

    @property
    def category(self) -> str:
        return self.id.split(".", 1)[0]

    @property
    def summary(self) -> str:
        """The first line of the rule's documentation."""
        for line in self.doc.strip().splitlines():
            if line.strip():
                return line.strip()
        return ""

    def explain(self) -> str:
        return _dedent_doc(self.doc) or f"{self.id}: no documentation."


def define(rule_id: str, severity: Severity | str, check: CheckFunction, doc: str | None) -> Rule:
    """Build a module's ``RULE``: ``RULE = define("case.x", "warning", check, __doc__)``."""
    module = getattr(check, "__module__", "qualitycheck")
    return Rule(rule_id, Severity.parse(severity), check, doc or "", module)


def _dedent_doc(doc: str) -> str:
    import inspect

    return inspect.cleandoc(doc) if doc else ""


def doc_sections(doc: str) -> tuple[str, list[tuple[str, str]]]:
    """Split a rule docstring into its summary and ``(title, body)`` sections.

    Rule docstrings are a summary paragraph, then sections whose title sits on a line of its own
    at the left margin ("What it does", "Why it matters", ...) followed by indented text."""
    import inspect

    lines = inspect.cleandoc(doc).splitlines() if doc else []
    summary: list[str] = []
    sections: list[tuple[str, list[str]]] = []
    for line in lines:
        is_title = bool(line.strip()) and not line[:1].isspace()
        if is_title and (sections or (summary and not summary[-1].strip())):
            sections.append((line.strip(), []))
        elif sections:
            sections[-1][1].append(line)
        else:
            summary.append(line)
    text = " ".join(part.strip() for part in summary if part.strip())
    return text, [(title, inspect.cleandoc("\n".join(body))) for title, body in sections]
