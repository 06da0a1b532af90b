from __future__ import annotations

import pytest

from qualitycheck.rules.grammar import verb_not_order
from qualitycheck.testing import flagged, run_rule


@pytest.mark.parametrize(
    ("sentence", "span"),
    [
        ("Today she played not on the central court, and lost.", "played not"),
        ("The delegation signed not the contract.", "signed not"),
        ("He went not to the meeting, he went home.", "went not"),
        ("The mayor spoke not with the residents.", "spoke not"),
        ("The train goes not through the centre.", "goes not"),
    ],
)
def test_flags_not_after_a_full_verb(sentence: str, span: str) -> None:
    assert flagged(verb_not_order.RULE, sentence) == [span]


def test_message_shows_the_do_form() -> None:
    (m,) = run_rule(verb_not_order.RULE, "The ceremony happened not in the capital.")
    assert "did not" in m.message


@pytest.mark.parametrize(
    "sentence",
    [
        "She played not on clay but on grass this spring.",
        "The delegation signed not the contract but a memorandum.",
        "The money went not to the schools, rather to the roads.",
        "He decided not to go to the final.",
        "I hope not, she said.",
        "It matters not to me who wins.",
        "The plan helped not at all.",
        "The team is not on form this season.",
        "She played, not on the centre court, but on court two.",
        "They did not play on the main court.",
        "He said not a word about the contract.",
    ],
)
def test_leaves_english_alone(sentence: str) -> None:
    assert flagged(verb_not_order.RULE, sentence) == []


def test_leaves_clean_prose_alone(clean_texts: list[str]) -> None:
    for text in clean_texts:
        assert flagged(verb_not_order.RULE, text) == []
