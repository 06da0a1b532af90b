"""The overall quality score: findings per 100 words, weighted by severity and confidence."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from qualitycheck.finding import Finding, Severity
from qualitycheck.scores.quality import (
    ERROR_WEIGHT,
    INFO_WEIGHT,
    MIN_WORDS,
    QUALITY_FORMULA,
    QUALITY_SCALE,
    WARNING_WEIGHT,
    finding_cost,
    quality_penalty,
    quality_score,
)


def finding(severity: Severity | str = "warning", confidence: float = 1.0) -> Finding:
    return Finding(
        rule="case.example",
        category="case",
        severity=Severity.parse(severity),
        message="example",
        line=1,
        column=1,
        end_line=1,
        end_column=5,
        text="text",
        confidence=confidence,
    )


def many(count: int, severity: str, confidence: float = 1.0) -> list[Finding]:
    return [finding(severity, confidence) for _ in range(count)]


def test_clean_text_scores_100() -> None:
    assert quality_score([], 1200) == 100.0
    assert quality_score([], 0) == 100.0


def test_one_warning_in_a_long_article_costs_little() -> None:
    assert quality_score([finding("warning")], 1200) >= 95


def test_a_damaged_article_lands_in_the_middle() -> None:
    # The profile of a machine-translated news article of 1,200 words: about fifteen errors and
    # warnings at typical confidences, and a couple of notes.
    findings = [
        *many(7, "error", 0.85),
        *many(8, "warning", 0.75),
        *many(2, "info", 0.6),
    ]
    assert 50 <= quality_score(findings, 1200) <= 70


def test_heavy_junk_scores_near_zero() -> None:
    assert quality_score(many(40, "error"), 200) < 1


def test_severity_orders_the_cost() -> None:
    assert finding_cost(finding("error")) == ERROR_WEIGHT
    assert finding_cost(finding("warning")) == WARNING_WEIGHT
    assert finding_cost(finding("info")) == INFO_WEIGHT
    scores = [quality_score([finding(s)], 300) for s in ("info", "warning", "error")]
    assert scores == sorted(scores, reverse=True)
    assert len(set(scores)) == 3


def test_confidence_scales_the_cost() -> None:
    assert finding_cost(finding("error", 0.5)) == ERROR_WEIGHT * 0.5
    assert quality_score([finding("error", 0.2)], 300) > quality_score([finding("error", 0.9)], 300)
    assert quality_score([finding("error", 0.0)], 300) == 100.0


def test_out_of_range_confidence_is_clamped() -> None:
    assert finding_cost(finding("error", 1.7)) == ERROR_WEIGHT
    assert finding_cost(finding("error", -0.3)) == 0.0


def test_the_same_findings_cost_less_in_a_longer_text() -> None:
    findings = many(3, "warning")
    assert quality_score(findings, 2000) > quality_score(findings, 500)


def test_short_texts_count_as_a_hundred_words() -> None:
    one_error = [finding("error")]
    assert quality_score(one_error, 10) == quality_score(one_error, MIN_WORDS)
    assert quality_penalty(one_error, 10) == ERROR_WEIGHT
    assert quality_score(one_error, 10) > 50


def test_accepts_a_one_shot_iterator() -> None:
    assert quality_score(iter(many(2, "error")), 400) == quality_score(many(2, "error"), 400)


def test_the_documented_examples_hold() -> None:
    assert "warning 1.5" in QUALITY_FORMULA and "error 3" in QUALITY_FORMULA
    assert "about 97.5" in QUALITY_FORMULA
    assert quality_score([finding("warning")], 1200) == 97.5
    assert round(quality_score(many(1, "error"), 100)) == 55
    assert round(quality_score(many(5, "error"), 100)) == 5
    assert math.isclose(quality_penalty(many(2, "error"), 200) / QUALITY_SCALE, 0.6)


@given(
    counts=st.lists(st.integers(min_value=0, max_value=30), min_size=3, max_size=3),
    confidence=st.floats(min_value=0.0, max_value=1.0),
    words=st.integers(min_value=0, max_value=100_000),
)
def test_stays_within_bounds_and_never_rises_with_more_findings(
    counts: list[int], confidence: float, words: int
) -> None:
    findings = [
        *many(counts[0], "error", confidence),
        *many(counts[1], "warning", confidence),
        *many(counts[2], "info", confidence),
    ]
    score = quality_score(findings, words)
    assert 0.0 <= score <= 100.0
    assert round(score, 1) == score
    assert quality_score([*findings, finding("info", confidence)], words) <= score
