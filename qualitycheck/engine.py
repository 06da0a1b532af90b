"""The engine: runs the selected rules on a Document, applies configuration and suppressions, and
turns raw matches into located findings. It knows no rule by name."""

from __future__ import annotations

import functools
import operator
from bisect import bisect_right
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
from qualitycheck.finding import Finding, Match, Severity, new_finding
from qualitycheck.registry import all_rules
from qualitycheck.result import RuleFailure
from qualitycheck.rule import Context, Rule
from qualitycheck.suppress import CONTEXT_CHARS, _hashed, apply_directives

__all__ = ["Backend", "BackendReport", "Engine", "EngineResult", "RuleFailure"]

_POSITION = operator.attrgetter("start", "end", "rule")  # the order findings are reported in
_SPAN = operator.attrgetter("start", "end")


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
        collected: list[Finding] = []
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
            located = self._located(doc, rule, matches, level, base, offset)
            if min_confidence > 0.0:
                located = [f for f in located if f.confidence >= min_confidence]
            # one finding per span (of this rule: the ids differ between rules), the most
            # confident, the first of equals; the check is done in C, most rules have no twins
            if len(located) > 1 and len(set(map(_SPAN, located))) < len(located):
                once: dict[tuple[int, int], Finding] = {}
                for finding in located:
                    key = (finding.start, finding.end)
                    if key not in once or once[key].confidence < finding.confidence:
                        once[key] = finding
                located = list(once.values())
            collected += located
        extras = {}
        if self.backends:
            found = {(f.rule, f.start, f.end): f for f in collected}
            extras = self._run_backends(doc, found, failures, base, offset)
            collected = list(found.values())
        findings = sorted(collected, key=_POSITION)
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
        match of the rule is looked up once, and the steps of ``Document.source_span``,
        ``Document.line_col_span`` and ``suppress.fingerprint_of`` are written out here: on a
        crawl with a finding on every line, this is most of the engine's own time per finding
        (tests/test_engine.py checks that the findings are those the methods give)."""
        if not matches:
            return []
        size = len(doc.text)
        source = base.source
        offsets = base.offsets
        last_offset = len(offsets) - 1 if offsets is not None else 0
        line_starts = base._source_line_starts
        lines = len(line_starts)
        fixed = _severity(level) if level is not None and level != "off" else None
        rule_id, category, default = rule.id, rule.category, rule.severity
        find, rfind = source.find, source.rfind
        hashed = _hashed
        build = new_finding
        located: list[Finding] = []
        append = located.append
        line = 0  # the line of the last finding: a rule's matches mostly come in order
        for m in matches:
            start, end = m.start, m.end
            if start < 0:
                start = 0
            if end > size:
                end = size
            if end <= start:
                continue
            if offsets is None:
                s, e = offset + start, offset + end
            else:  # Document.source_span
                a, b = offset + start, offset + end - 1
                s = offsets[a if a <= last_offset else last_offset]
                e = offsets[b if b <= last_offset else last_offset] + 1
                if e < s:
                    e = s
            # Document.line_col_span: the line of the previous finding is tried first
            if not (line_starts[line] <= s and (line + 1 == lines or s < line_starts[line + 1])):
                line = bisect_right(line_starts, s) - 1
            line_start = line_starts[line]
            if line + 1 == lines or e < line_starts[line + 1]:
                end_line, end_col = line + 1, e - line_start + 1
            else:
                last = bisect_right(line_starts, e) - 1
                end_line, end_col = last + 1, e - line_starts[last] + 1
            text = source[s:e]
            # suppress.fingerprint_of
            lo = s - CONTEXT_CHARS if s > CONTEXT_CHARS else 0
            before = rfind("\n", lo, s) + 1
            if before < lo:
                before = lo
            after = find("\n", e, e + CONTEXT_CHARS)
            if after < 0:
                after = e + CONTEXT_CHARS
            suggestions = m.suggestions
            if type(suggestions) is not tuple:
                suggestions = tuple(suggestions)
            confidence = m.confidence
            if type(confidence) is not float or not 0.0 <= confidence <= 1.0:
                confidence = max(0.0, min(1.0, float(confidence)))
            append(build(
                rule_id, category, fixed or m.severity or default, m.message,
                line + 1, s - line_start + 1, end_line, end_col, text, suggestions, confidence,
                s, e, hashed(rule_id, text, source[before:s], source[e:after]),
            ))  # fmt: skip
        return located
