from __future__ import annotations

import pytest

from qualitycheck.rules.grammar import uncountable_article
from qualitycheck.testing import flagged, run_rule


@pytest.mark.parametrize(
    ("sentence", "span"),
    [
        ("A few hours ago the singer shared a sad news with her fans.", "a sad news"),
        ("She gave him an advice about the contract.", "an advice"),
        ("The ministry published an information about the new rules.", "an information"),
        ("The police found an evidence of fraud.", "an evidence"),
        ("He brought a heavy luggage to the station.", "a heavy luggage"),
        ("The team made a good progress this season.", "a good progress"),
    ],
)
def test_flags_an_article_before_an_uncountable_noun(sentence: str, span: str) -> None:
    assert flagged(uncountable_article.RULE, sentence) == [span]


def test_says_what_english_says() -> None:
    (m,) = run_rule(uncountable_article.RULE, "She gave him an advice about the contract.")
    assert "'a piece of advice'" in m.message


@pytest.mark.parametrize(
    "sentence",
    [
        "He spoke at a news conference on Monday.",
        "The city opened an information office in May.",
        "She works at a research institute in Lyon.",
        "A software update caused the outage.",
        "It was a TV news programme.",
        "They gave her a piece of advice.",
        "There was a progress report on Friday.",
        "A weather warning was issued for the coast.",
        "It was a big news day in the capital.",
        "The licence grants an express permission to use the patent.",
        "Useful when restarting a progress\n    bar inside a loop.",
    ],
)
def test_leaves_compounds_and_countable_uses_alone(sentence: str) -> None:
    assert flagged(uncountable_article.RULE, sentence) == []


def test_leaves_clean_prose_alone(clean_texts: list[str]) -> None:
    for text in clean_texts:
        assert flagged(uncountable_article.RULE, text) == []
