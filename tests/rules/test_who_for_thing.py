from __future__ import annotations

import pytest

from qualitycheck.rules.grammar import who_for_thing
from qualitycheck.testing import flagged, run_rule


@pytest.mark.parametrize(
    ("sentence", "span"),
    [
        ("The old town lies below the castle who dominates the valley.", "castle who"),
        ("Parliament passed a law who bans smoking in bars.", "law who"),
        ("Firefighters fought the fire who destroyed two barns.", "fire who"),
        ("She bought an old car who still runs on diesel.", "car who"),
        ("The new bridge who links both banks opens in May.", "bridge who"),
        ("They signed the agreement who ends the strike.", "agreement who"),
    ],
)
def test_flags_who_after_a_thing(sentence: str, span: str) -> None:
    assert flagged(who_for_thing.RULE, sentence) == [span]


def test_suggests_that_or_which() -> None:
    (m,) = run_rule(who_for_thing.RULE, "He restored the tower who stands by the river.")
    assert m.suggestions == ("tower that",)
    (m,) = run_rule(who_for_thing.RULE, "They praised this decision who ends the dispute.")
    assert m.suggestions == ("decision which",)


@pytest.mark.parametrize(
    "sentence",
    [
        "The owner of the castle who lives abroad sold it last year.",
        "Users of this software who need help can write to the team.",
        "The team who won the cup last year lost in the first round.",
        "The council who approved the plan met again on Friday.",
        "The man who built the bridge died in 1910.",
        "It was the driver of the car who called the police.",
        "The band Castle who played the festival split up.",
        "Those who attended the match praised the new stadium.",
        "The lawyer, who read the report, said nothing.",
        "The village who voted against the plan was the smallest.",
    ],
)
def test_leaves_english_alone(sentence: str) -> None:
    assert flagged(who_for_thing.RULE, sentence) == []


def test_leaves_clean_prose_alone(clean_texts: list[str]) -> None:
    for text in clean_texts:
        assert flagged(who_for_thing.RULE, text) == []
