from __future__ import annotations

import pytest

from qualitycheck.rules.grammar import missing_inversion
from qualitycheck.testing import flagged, run_rule


@pytest.mark.parametrize(
    ("sentence", "span"),
    [
        ("Not only in the first race there was a problem with the brakes.", "there was"),
        ("Never before we have seen such a crowd in the square.", "we have"),
        ("Not only he won the race, he also set a new record.", "he won"),
        ("Under no circumstances you should open the door to strangers.", "you should"),
        ("Rarely they leave the village during the winter months.", "they leave"),
        ("Nowhere else it is so cold in January as here.", "it is"),
        ("Not once she looked back at the crowd behind her.", "she looked"),
    ],
)
def test_flags_plain_order_after_a_negative_opener(sentence: str, span: str) -> None:
    assert flagged(missing_inversion.RULE, sentence) == [span]


def test_suggests_the_inverted_auxiliary() -> None:
    (m,) = run_rule(missing_inversion.RULE, "Not only in May there were delays on the line.")
    assert m.suggestions == ("were there",)
    (m,) = run_rule(missing_inversion.RULE, "Never before I had seen so many people here.")
    assert m.suggestions == ("had I",)
    assert "inverts" in m.message


@pytest.mark.parametrize(
    "sentence",
    [
        "Not only was there a problem with the brakes, the tyres also failed.",
        "Never before had we seen such a crowd in the square.",
        "Not only he but also his brother was arrested on Monday.",
        "Not only in Spain but also in France, prices rose sharply.",
        "Not only because it rained, the match was delayed by an hour.",
        "Not only that, they also sued the city for damages.",
        "Rarely, he said, did the river rise so fast in spring.",
        "Rarely has a film been so praised by critics and audiences alike.",
        "Seldom do they agree on anything, but they agreed on this.",
        "Not only in May, they said, were there delays on the line.",
        "Never again will we let this happen, the mayor promised.",
        "At no time did the company warn its customers.",
        "Never mind the weather, they went out anyway.",
        "Not only the price but the quality matters to buyers.",
    ],
)
def test_leaves_english_alone(sentence: str) -> None:
    assert flagged(missing_inversion.RULE, sentence) == []


def test_leaves_clean_prose_alone(clean_texts: list[str]) -> None:
    for text in clean_texts:
        assert flagged(missing_inversion.RULE, text) == []
