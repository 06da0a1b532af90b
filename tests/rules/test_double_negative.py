from __future__ import annotations

import pytest

from qualitycheck.rules.grammar import double_negative
from qualitycheck.testing import flagged, run_rule


@pytest.mark.parametrize(
    ("sentence", "spans"),
    [
        (
            "The minister did not say nothing about the budget, and nobody did not ask.",
            ["not say nothing", "nobody did not"],
        ),
        ("He never told nobody about the letter.", ["never told nobody"]),
        ("Without a car we can't go nowhere in winter.", ["can't go nowhere"]),
        ("The residents don't know nothing about the plan.", ["don't know nothing"]),
        ("Nothing was not done to help the families.", ["Nothing was not"]),
        ("No one could not see the danger of the flood.", ["No one could not"]),
        ("The police did not find no one in the house.", ["not find no one"]),
    ],
)
def test_flags_two_negatives_in_one_clause(sentence: str, spans: list[str]) -> None:
    assert flagged(double_negative.RULE, sentence) == spans


def test_suggests_the_any_form() -> None:
    (m,) = run_rule(double_negative.RULE, "They did not tell nothing to the press.")
    assert m.suggestions == ("not tell anything",)


@pytest.mark.parametrize(
    "sentence",
    [
        "It is not for nothing that she stayed in the job for twenty years.",
        "A thousand votes is not nothing in a town of this size.",
        "It was not because nobody cared that the plan failed.",
        "It is not a case of nothing happening, but of too much at once.",
        "You ain't seen nothing yet, the singer told the crowd.",
        "Not nobody, but somebody has to pay for it.",
        "He did not say anything, and nobody asked him.",
        "Nobody came, and nothing was done.",
        "She had never seen anything like it, not even in the war.",
    ],
)
def test_leaves_english_alone(sentence: str) -> None:
    assert flagged(double_negative.RULE, sentence) == []


def test_leaves_clean_prose_alone(clean_texts: list[str]) -> None:
    for text in clean_texts:
        assert flagged(double_negative.RULE, text) == []
