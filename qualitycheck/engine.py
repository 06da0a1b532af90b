"""The engine: runs the selected rules on a Document, applies configuration and suppressions, and
turns raw matches into located findings. It knows no rule by name."""

from __future__ import annotations

import functools
import operator
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from qualitycheck.backend import Backend, BackendReport
from qualitycheck.config import (
    Settings,
    check_rule_options,
    did_you_mean,
    known_patterns_check,
)
from qualitycheck.document import Document
from qualitycheck.finding import Finding, Match, Severity
from qualitycheck.registry import all_rules
from qualitycheck.result import RuleFailure
from qualitycheck.rule import Context, Rule
from qualitycheck.suppress import apply_directives, fingerprint_of

__all__ = ["Backend", "BackendReport", "Engine", "EngineResult", "RuleFailure"]

_POSITION = operator.attrgetter("start", "end", "rule")  # the order findings are reported in


@functools.lru_cache(maxsize=256)
def _severity(level: str) -> Severity:
    return Severity.parse(level)


@dataclass(frozen=True)
class EngineResult:
    findings: list[Finding]
    failures: list[RuleFailure] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    extras: dict[str, Any] = field(default_factory=dict)  # backend statuses, by backend name


class Engine:
    """Holds the loaded rules and settings; ``check`` may be called for any number of documents."""

    def __init__(
        self,
        settings: Settings | None = None,
        rules: Mapping[str, Rule] | None = None,
        backends: Sequence[Backend] = (),
    ):
        self.settings = settings or Settings()
        self.backends = tuple(backends)
        self._backend_rules = {rid: r for b in self.backends for rid, r in b.rules.items()}
        own = dict(rules) if rules is not None else all_rules(self.settings.packs)
        self.rules: Mapping[str, Rule] = MappingProxyType({**own, **self._backend_rules})
        known_patterns_check(self.settings, [*self.rules, *self._backend_patterns()])
        check_rule_options(self.settings, self.rules)
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
        return [
            r
            for rid, r in self.rules.items()
            if rid not in self._backend_rules and self.settings.rule_enabled(rid, path)
        ]

    def rule_for(self, rule_id: str) -> Rule | None:
        """The rule with this id, or the backend pseudo-rule that documents it."""
        found = self.rules.get(rule_id)
        if found is None:
            found = next(
                (r for rid, r in self._backend_rules.items() if rule_id.startswith(rid + ".")),
                None,
            )
        return found

    def run_notices(self) -> list[str]:
        """Notices about the whole run (a backend that could not be used), each given once."""
        return [n for b in self.backends for n in b.run_notices()]

    def close(self) -> None:
        for backend in self.backends:
            backend.close()

    def _backend_patterns(self) -> list[str]:
        """Configured ids under a backend pseudo-rule: its rule ids are only known at run time."""
        s = self.settings
        keys = [*s.select, *s.ignore, *s.severity]
        keys.extend(i for ids in s.per_file_ignores.values() for i in ids)
        return [k for k in keys if any(k.startswith(rid + ".") for rid in self._backend_rules)]

    def _backend_wanted(self, backend: Backend, path: str | None) -> bool:
        return any(
            self.settings.rule_enabled(rid, path)
            or any(p.startswith(rid + ".") for p in self.settings.select)
            for rid in backend.rules
        )

    def _run_backends(
        self,
        doc: Document,
        found: dict[tuple[str, int, int], Finding],
        failures: list[RuleFailure],
        base: Document,
        offset: int,
    ) -> dict[str, Any]:
        """Add backend findings to ``found``, merging those that overlap a rule's finding."""
        own = list(found.values())
        extras: dict[str, Any] = {}
        for backend in self.backends:
            if not self._backend_wanted(backend, doc.path):
                continue
            try:
                report = backend.check(doc)
            except Exception as exc:  # a broken backend must not take the rules down
                failures.append(RuleFailure(backend.name, f"{type(exc).__name__}: {exc}"))
                continue
            merged = 0
            for rule, m in report.matches:
                if not self.settings.rule_enabled(rule.id, doc.path) or doc.touches_gap(
                    m.start, m.end
                ):
                    continue
                level = self.settings.severity_for(rule.id)
                located = self._located(doc, rule, [m], level, base, offset)
                if not located or located[0].confidence < self.settings.min_confidence:
                    continue
                finding = located[0]
                if any(o.start < finding.end and finding.start < o.end for o in own):
                    merged += 1  # a rule of ours already explains this span
                    continue
                key = (finding.rule, finding.start, finding.end)
                if key not in found or found[key].confidence < finding.confidence:
                    found[key] = finding
            if report.status is not None:
                extras[backend.name] = {**report.status, "merged": merged}
        return extras

    def check(
        self, doc: Document, *, within: Document | None = None, offset: int = 0
    ) -> EngineResult:
        """Run the selected rules on ``doc``. Findings are located in ``doc``, or, for a piece
        of a larger document (``doc.text`` is ``within.text[offset:...]``), in ``within``.

        Afterwards the document forgets its word index and the rules' shared analyses
        (``Document.release_analyses``): what the result keeps is small. The engine leaves the
        process as it found it (the garbage collector included; the CLI pauses it for each
        check, see ``qualitycheck.tasks.collector_paused``)."""
        try:
            return self._check(doc, within or doc, offset)
        finally:
            doc.release_analyses()

    def _check(self, doc: Document, base: Document, offset: int) -> EngineResult:
        failures: list[RuleFailure] = []
        found: dict[tuple[str, int, int], Finding] = {}
        gaps = doc.gaps
        for rule in self.selected(doc.path):
            try:
                matches = list(rule.check(doc, self._contexts[rule.id]))
            except Exception as exc:  # one broken rule must not take the others down
                failures.append(RuleFailure(rule.id, f"{type(exc).__name__}: {exc}"))
                continue
            level = self.settings.severity_for(rule.id)
            min_confidence = self.settings.min_confidence
            if gaps:  # text stitched around left-out code or URLs: not what the author wrote
                matches = [m for m in matches if not doc.touches_gap(m.start, m.end)]
            for finding in self._located(doc, rule, matches, level, base, offset):
                if finding.confidence < min_confidence:
                    continue
                key = (finding.rule, finding.start, finding.end)
                if key not in found or found[key].confidence < finding.confidence:
                    found[key] = finding
        extras = self._run_backends(doc, found, failures, base, offset) if self.backends else {}
        findings = sorted(found.values(), key=_POSITION)
        findings = apply_directives(findings, doc)
        notices = []
        for d in doc.directives:
            if d.action == "invalid":
                line = doc.line_col(d.source_offset)[0]
                notices.append(f"ignored a malformed qualitycheck directive at line {line}")
                continue
            for pattern in d.rules:
                if not self._known_pattern(pattern):
                    line = doc.line_col(d.source_offset)[0]
                    notices.append(f"ignored unknown rule '{pattern}' in a qualitycheck directive "
                                   f"at line {line}{did_you_mean(pattern, self.rules)}")  # fmt: skip
        return EngineResult(findings, failures, notices, extras)

    def _known_pattern(self, pattern: str) -> bool:
        """Whether a directive's rule id or category names any rule (or a backend's rules)."""
        prefix = pattern + "."
        return any(
            rid == pattern or rid.startswith(prefix) or pattern.startswith(rid + ".")
            for rid in self.rules
        )

    @staticmethod
    def _located(
        doc: Document, rule: Rule, matches: list[Match], level: str | None, base: Document,
        offset: int,
    ) -> list[Finding]:
        """The finding of each match (offsets into ``doc.text``; an empty span is left out),
        placed in ``base`` where ``doc.text`` starts at ``offset``. What is the same for every
        match of the rule is looked up once: on a crawl with a finding on every line, most of
        the engine's own time per finding."""
        if not matches:
            return []
        size = len(doc.text)
        source = base.source
        source_span, line_col_span = base.source_span, base.line_col_span
        fixed = _severity(level) if level is not None and level != "off" else None
        rule_id, category, default = rule.id, rule.category, rule.severity
        located = []
        for m in matches:
            start, end = max(0, m.start), min(size, m.end)
            if end <= start:
                continue
            s, e = source_span(offset + start, offset + end)
            line, col, end_line, end_col = line_col_span(s, e)
            text = source[s:e]
            located.append(Finding(
                rule=rule_id,
                category=category,
                severity=fixed or m.severity or default,
                message=m.message,
                line=line,
                column=col,
                end_line=end_line,
                end_column=end_col,
                text=text,
                suggestions=tuple(m.suggestions),
                confidence=max(0.0, min(1.0, float(m.confidence))),
                start=s,
                end=e,
                fingerprint=fingerprint_of(rule_id, text, s, e, source),
            ))  # fmt: skip
        return located
