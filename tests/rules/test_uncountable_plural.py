from __future__ import annotations

import pytest

from qualitycheck.rules.grammar import uncountable_plural
from qualitycheck.testing import flagged, run_rule


@pytest.mark.parametrize(
    ("sentence", "spans"),
    [
        ("The ministry published the informations for travellers.", ["informations"]),
        ("She gave him two advices about the contract.", ["advices"]),
        ("The hospital bought new equipments and furnitures.", ["equipments", "furnitures"]),
        ("Passengers collected their luggages at gate four.", ["luggages"]),
        ("Informations about the route are on the website.", ["Informations"]),
        ("USEFUL INFORMATIONS", ["INFORMATIONS"]),
    ],
)
def test_flags_the_plural_of_an_uncountable_noun(sentence: str, spans: list[str]) -> None:
    assert flagged(uncountable_plural.RULE, sentence) == spans


def test_suggests_the_singular_in_the_same_case() -> None:
    (m,) = run_rule(uncountable_plural.RULE, "We thank users for their feedbacks.")
    assert m.suggestions == ("feedback",)
    (m,) = run_rule(uncountable_plural.RULE, "Advices for new students")
    assert m.suggestions == ("Advice",)


@pytest.mark.parametrize(
    "sentence",
    [
        "She researches the history of the port and its trade.",
        "Work on the bridge progresses slowly in winter.",
        "The school bought new teaching aids and hearing aids.",
        "The information and advice are on the website.",
        "The band Furnitures played in the Harbour Hall last night.",
    ],
)
def test_leaves_english_alone(sentence: str) -> None:
    assert flagged(uncountable_plural.RULE, sentence) == []


def test_leaves_clean_prose_alone(clean_texts: list[str]) -> None:
    for text in clean_texts:
        assert flagged(uncountable_plural.RULE, text) == []
