"""Helpers for testing rules: run one rule on a text and look at what it reports."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from qualitycheck.document import Document
from qualitycheck.finding import Match
from qualitycheck.rule import Context, Rule

if TYPE_CHECKING:
    from qualitycheck.glossary import Glossary


def run_rule(
    rule: Rule,
    text: str | Document,
    *,
    options: Mapping[str, Any] | None = None,
    glossary: Glossary | None = None,
) -> list[Match]:
    """All matches ``rule`` reports on ``text`` (a plain-text document unless a Document is given),
    checked for sane spans."""
    doc = text if isinstance(text, Document) else Document.from_text(text)
    matches = list(rule.check(doc, Context(options=options or {}, glossary=glossary)))
    for m in matches:
        assert 0 <= m.start < m.end <= len(doc.text), f"{rule.id}: bad span {m}"
        assert 0.0 <= m.confidence <= 1.0, f"{rule.id}: bad confidence {m}"
    return matches


def flagged(rule: Rule, text: str | Document, **kwargs: Any) -> list[str]:
    """The flagged texts, in order: the easiest thing to assert on."""
    doc = text if isinstance(text, Document) else Document.from_text(text)
    return [doc.text[m.start : m.end] for m in run_rule(rule, doc, **kwargs)]
