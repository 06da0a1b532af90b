"""The engine: runs the selected rules on a Document, applies configuration and suppressions, and
turns raw matches into located findings. It knows no rule by name."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from qualitycheck.config import Settings, known_patterns_check
from qualitycheck.document import Document
from qualitycheck.finding import Finding, Match, Severity
from qualitycheck.registry import all_rules
from qualitycheck.rule import Context, Rule
from qualitycheck.suppress import apply_directives, with_fingerprints


@dataclass(frozen=True)
class RuleFailure:
    """A rule that raised instead of reporting: a bug in the rule, reported, never fatal."""

    rule: str
    error: str


@dataclass(frozen=True)
class EngineResult:
    findings: list[Finding]
    failures: list[RuleFailure] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


class Engine:
    """Holds the loaded rules and settings; ``check`` may be called for any number of documents."""

    def __init__(self, settings: Settings | None = None, rules: Mapping[str, Rule] | None = None):
        self.settings = settings or Settings()
        self.rules: Mapping[str, Rule] = MappingProxyType(
            dict(rules) if rules is not None else all_rules(self.settings.packs)
        )
        known_patterns_check(self.settings, list(self.rules))
        glossary = None
        if self.settings.glossary is not None:
            from qualitycheck.glossary import load_glossary

            glossary = load_glossary(self.settings.glossary)
        self._glossary = glossary
        self._contexts = {
            rid: Context(options=self.settings.rule_options.get(rid, {}), glossary=glossary)
            for rid in self.rules
        }

    def selected(self, path: str | None = None) -> list[Rule]:
        return [r for rid, r in self.rules.items() if self.settings.rule_enabled(rid, path)]

    def check(self, doc: Document) -> EngineResult:
        failures: list[RuleFailure] = []
        found: dict[tuple[str, int, int], Finding] = {}
        for rule in self.selected(doc.path):
            try:
                matches = list(rule.check(doc, self._contexts[rule.id]))
            except Exception as exc:  # one broken rule must not take the others down
                failures.append(RuleFailure(rule.id, f"{type(exc).__name__}: {exc}"))
                continue
            level = self.settings.severity_for(rule.id)
            for m in matches:
                finding = self._locate(doc, rule, m, level)
                if finding is None or finding.confidence < self.settings.min_confidence:
                    continue
                key = (finding.rule, finding.start, finding.end)
                if key not in found or found[key].confidence < finding.confidence:
                    found[key] = finding
        findings = sorted(found.values(), key=lambda f: (f.start, f.end, f.rule))
        findings = apply_directives(findings, doc)
        notices = [
            f"ignored a malformed qualitycheck directive at line {doc.line_col(d.source_offset)[0]}"
            for d in doc.directives
            if d.action == "invalid"
        ]
        return EngineResult(with_fingerprints(findings, doc.source), failures, notices)

    @staticmethod
    def _locate(doc: Document, rule: Rule, m: Match, level: str | None) -> Finding | None:
        start, end = max(0, m.start), min(len(doc.text), m.end)
        if end <= start:
            return None
        s, e = doc.source_span(start, end)
        line, col = doc.line_col(s)
        end_line, end_col = doc.line_col(e)
        if level is not None and level != "off":
            severity = Severity.parse(level)
        else:
            severity = m.severity or rule.severity
        return Finding(
            rule=rule.id,
            category=rule.category,
            severity=severity,
            message=m.message,
            line=line,
            column=col,
            end_line=end_line,
            end_column=end_col,
            text=doc.source[s:e],
            suggestions=tuple(m.suggestions),
            confidence=max(0.0, min(1.0, float(m.confidence))),
            start=s,
            end=e,
        )
