"""Acceptance on the real machine-translated article that motivated the project, through the engine
and, family by family, rule by rule. It lives outside the repository (../shared/seeds); the tests
skip, saying so, when it is absent. What one rule alone finds in it is tested in that rule's file
under ``tests/rules/``."""

from __future__ import annotations

from qualitycheck.api import check_text
from qualitycheck.document import Document
from qualitycheck.finding import Severity
from qualitycheck.packs import builtin_pack_dir, load_pack
from qualitycheck.rules.junk.email_placeholder import RULE as EMAIL
from qualitycheck.rules.junk.hex_token import RULE as HEX
from qualitycheck.rules.junk.html_leftover import RULE as HTML
from qualitycheck.rules.junk.mojibake import RULE as MOJIBAKE
from qualitycheck.rules.junk.trailing_headlines import RULE as HEADLINES
from qualitycheck.rules.punctuation.stray_mark import RULE as STRAY
from qualitycheck.rules.punctuation.unbalanced_brackets import RULE as BRACKETS
from qualitycheck.rules.punctuation.unbalanced_quotes import RULE as QUOTES
from qualitycheck.rules.structure.duplicate_paragraph import RULE as DUPLICATE
from qualitycheck.rules.structure.orphan_fragment import RULE as ORPHAN
from qualitycheck.rules.structure.repeated_word import RULE as REPEATED
from qualitycheck.rules.structure.truncated_sentence import RULE as TRUNCATED
from qualitycheck.testing import flagged, run_rule

BOILERPLATE = load_pack(builtin_pack_dir() / "junk" / "boilerplate.toml")

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


# -- family by family --------------------------------------------------------------------------


def test_seed_article_junk(seed_text: str) -> None:
    text = seed_text
    assert flagged(EMAIL, text) == ["[email protected]", "[email protected]"]
    assert flagged(HEX, text) == ["87990cbe856818d5eddac44c7b1cdeb8"]
    assert flagged(BOILERPLATE, text) == ["More Stories"]
    headlines = flagged(HEADLINES, text)
    assert len(headlines) == 3
    assert headlines[1].endswith("– DW – 07/29/2024") and headlines[2].endswith("| NATO")
    assert flagged(HTML, text) == [] and flagged(MOJIBAKE, text) == []


def test_seed_article_punctuation_findings(seed_text: str) -> None:
    doc = Document.from_text(seed_text)
    assert flagged(STRAY, doc) == [". ,"]
    quotes = run_rule(QUOTES, doc)
    lines = [doc.text[: m.start].count("\n") for m in quotes]
    line_texts = [seed_text.split("\n")[i] for i in lines]
    assert [doc.text[m.start] for m in quotes] == ["”", "”"]
    assert line_texts[0].endswith("won’t have one quiet minute.”")
    assert line_texts[1] == "The army will not be provoked. Stop at the first order.”"
    assert flagged(BRACKETS, doc) == []


def test_seed_article_structure_findings(seed_text: str) -> None:
    doc = Document.from_text(seed_text)
    [cut] = run_rule(TRUNCATED, doc)
    line = seed_text[: cut.start].count("\n")
    assert doc.text[cut.start : cut.end] == "in"
    assert seed_text.split("\n")[line].endswith(" wrote in")
    orphans = run_rule(ORPHAN, doc)
    assert [doc.text[m.start : m.end] for m in orphans] == [
        "Russian President",
        "Russian President Vladimir Putin",
    ]
    assert orphans[0].severity is Severity.WARNING
    assert orphans[1].severity is Severity.INFO
    assert flagged(REPEATED, doc) == []
    assert flagged(DUPLICATE, doc) == []
