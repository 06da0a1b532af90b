"""grammar.country-article: 'the' before a country name that takes none."""

from __future__ import annotations

import pytest

from qualitycheck.rules.grammar.country_article import RULE
from qualitycheck.testing import flagged, run_rule


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("The Germany said it would send more troops.", ["The Germany"]),
        ("Talks with the Spain, the minister said, were useful.", ["the Spain"]),
        ("He said the Poland has agreed.", ["the Poland"]),
        ("The ship was sold to the Italy.", ["the Italy"]),
    ],
)
def test_flags_an_article_before_a_country(sentence: str, found: list[str]) -> None:
    assert flagged(RULE, sentence) == found


@pytest.mark.parametrize(
    "sentence",
    [
        "The Netherlands said it would send more troops.",
        "The United States and the United Kingdom agreed.",
        "The Gambia and the Sudan signed, and the Philippines said no.",
        "The Germany of the 1930s was a dictatorship.",
        "The Spain coach resigned after the defeat.",
        "It is not the France we knew.",
        "Refugees crossed the Jordan.",
        "The Georgia said to be safe is the US state.",
        "The Japan Times reported the vote.",
        "Germany said it would send more troops.",
    ],
)
def test_quiet_where_english_uses_the_article_or_none(sentence: str) -> None:
    assert flagged(RULE, sentence) == []


def test_suggestion_drops_the_article() -> None:
    (m,) = run_rule(RULE, "The Germany said no.")
    assert m.suggestions == ("Germany",)
