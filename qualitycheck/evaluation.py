"""Measure rules against annotated articles: recall on planted artifacts, precision on everything.

An annotated corpus is a folder of articles; an article ``X.ext`` may have ``X.expected.tsv``
(header ``rule	line	text``, one row per planted artifact) and ``X.glossary.tsv`` (the termbase
to check it with). Articles without an expected file are clean: every warning or error on them is a
false positive. A finding matches an expected row when the rule and the line agree and one text
contains the other. Recall counts findings of any severity; precision counts warnings and errors
(info findings are "worth a look", not claims of damage).

``benchmarks/accuracy.py`` prints the table; the test suite holds the corpus in ``samples/`` to it.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from qualitycheck.api import Checker, FileResult
from qualitycheck.config import Settings
from qualitycheck.finding import Finding, Severity
from qualitycheck.scoring import Needs

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")


@dataclass(frozen=True)
class Expected:
    rule: str
    line: int
    text: str


@dataclass
class ArticleResult:
    path: Path
    expected: list[Expected]
    result: FileResult
    matched: list[tuple[Expected, Finding]] = field(default_factory=list)
    missed: list[Expected] = field(default_factory=list)
    false_positives: list[Finding] = field(default_factory=list)


@dataclass
class RuleScore:
    expected: int = 0
    found: int = 0
    reported: int = 0  # warnings and errors
    true_positives: int = 0

    @property
    def recall(self) -> float | None:
        return self.found / self.expected if self.expected else None

    @property
    def precision(self) -> float | None:
        return self.true_positives / self.reported if self.reported else None


def read_expected(path: Path) -> list[Expected]:
    rows: list[Expected] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            rows.append(Expected(row["rule"], int(row["line"]), row["text"]))
    return rows


def articles(folder: Path) -> Iterator[Path]:
    for path in sorted(folder.rglob("*")):
        if path.stem.upper() == "README":  # the corpus's own description, not an article
            continue
        if path.suffix in ARTICLE_SUFFIXES and path.is_file():
            yield path


def _matches(exp: Expected, f: Finding) -> bool:
    return f.rule == exp.rule and f.line == exp.line and (exp.text in f.text or f.text in exp.text)


def evaluate_article(path: Path, settings: Settings | None = None) -> ArticleResult:
    base = path.with_suffix("")
    expected_file = base.parent / (base.name + ".expected.tsv")
    glossary_file = base.parent / (base.name + ".glossary.tsv")
    expected = read_expected(expected_file) if expected_file.is_file() else []
    settings = settings or Settings()
    if glossary_file.is_file():
        settings = settings.with_overrides(glossary=glossary_file)
    result = _checker(settings).check_file(path)
    article = ArticleResult(path, expected, result)
    unmatched = list(result.findings)
    for exp in expected:
        hit = next((f for f in unmatched if _matches(exp, f)), None)
        if hit is None:
            hit = next((f for f in result.findings if _matches(exp, f)), None)
        if hit is None:
            article.missed.append(exp)
        else:
            article.matched.append((exp, hit))
            if hit in unmatched:
                unmatched.remove(hit)
    article.false_positives = [f for f in unmatched if f.severity >= Severity.WARNING]
    return article


_CHECKERS: dict[str, Checker] = {}


def _checker(settings: Settings) -> Checker:
    """One checker per distinct settings (Settings holds mappings, so key on its repr)."""
    key = repr(settings)
    if key not in _CHECKERS:
        _CHECKERS[key] = Checker(settings, needs=Needs())
    return _CHECKERS[key]


def score_rules(results: Iterable[ArticleResult]) -> dict[str, RuleScore]:
    scores: dict[str, RuleScore] = defaultdict(RuleScore)
    for article in results:
        for exp in article.expected:
            scores[exp.rule].expected += 1
        for exp, finding in article.matched:
            scores[exp.rule].found += 1
            if finding.severity >= Severity.WARNING:
                scores[exp.rule].true_positives += 1
        for finding in article.false_positives:
            scores[finding.rule].reported += 1
        for _exp, finding in article.matched:
            if finding.severity >= Severity.WARNING:
                scores[finding.rule].reported += 1
    return dict(sorted(scores.items()))


def markdown_table(scores: dict[str, RuleScore]) -> str:
    def pct(value: float | None) -> str:
        return "–" if value is None else f"{value:.0%}"

    lines = [
        "| rule | planted | found | recall | reported (warning+) | precision |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    total = RuleScore()
    for rule, s in scores.items():
        lines.append(
            f"| `{rule}` | {s.expected} | {s.found} | {pct(s.recall)} | {s.reported} | {pct(s.precision)} |"
        )
        total.expected += s.expected
        total.found += s.found
        total.reported += s.reported
        total.true_positives += s.true_positives
    lines.append(
        f"| **all rules** | {total.expected} | {total.found} | {pct(total.recall)} | "
        f"{total.reported} | {pct(total.precision)} |"
    )
    return "\n".join(lines)
