"""Acceptance on the real machine-translated article that motivated the project. It lives outside
the repository (../shared/seeds); the tests skip, saying so, when it is absent."""

from __future__ import annotations

from qualitycheck.api import check_text
from qualitycheck.finding import Severity

# (rule, line, flagged text, suggestion or None): every artifact DESIGN.md lists for the article.
EXPECTED = {
    ("case.capital-mid-sentence", 1, "In", "in"),
    ("case.capital-mid-sentence", 2, "Bombing", "bombing"),
    ("names.misspelled-place", 5, "Chornobayvka", "Chornobaivka"),
    ("punctuation.stray-mark", 5, ". ,", ","),
    ("punctuation.unbalanced-quotes", 7, "”", None),
    ("case.capital-mid-sentence", 11, "Switch", "switch"),
    ("case.capital-mid-sentence", 11, "Indiscriminate", "indiscriminate"),
    ("structure.truncated-sentence", 15, "in", None),
    ("punctuation.unbalanced-quotes", 17, "”", None),
    ("names.misspelled-place", 18, "Innerhodar", "Enerhodar"),
    ("names.inconsistent-spelling", 20, "Mallets", "Malets"),
    ("structure.orphan-fragment", 21, "Russian President", None),
    ("case.lowercase-sentence-start", 28, "write", "Write"),
    ("junk.email-placeholder", 28, "[email protected]", None),
    ("phrasing.garbled-stock-phrase", 29, "all rights are save", "All rights reserved"),
    ("junk.hex-token", 29, "87990cbe856818d5eddac44c7b1cdeb8", None),
    ("junk.boilerplate", 30, "More Stories", None),
    ("junk.trailing-headlines", 31, None, None),
    ("junk.trailing-headlines", 32, None, None),
    ("junk.trailing-headlines", 33, None, None),
}


def test_every_artifact_of_the_example_article_is_reported(seed_text: str) -> None:
    findings = check_text(seed_text).findings
    got = {(f.rule, f.line, f.text, f.suggestions[0] if f.suggestions else None) for f in findings}
    for rule, line, text, suggestion in EXPECTED:
        matches = [
            g for g in got if g[0] == rule and g[1] == line and (text is None or g[2] == text)
        ]
        assert matches, f"not reported: {rule} line {line} {text!r}"
        if suggestion is not None:
            assert any(m[3] == suggestion for m in matches), f"{rule} {text!r}: no {suggestion!r}"
    placeholders = [f for f in findings if f.rule == "junk.email-placeholder"]
    assert len(placeholders) == 2


def test_nothing_else_at_warning_or_error_level(seed_text: str) -> None:
    expected = {(rule, line) for rule, line, _, _ in EXPECTED}
    extra = [
        (f.rule, f.line, f.text)
        for f in check_text(seed_text).findings
        if f.severity >= Severity.WARNING and (f.rule, f.line) not in expected
    ]
    assert extra == []
