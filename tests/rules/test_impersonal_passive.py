from __future__ import annotations

import pytest

from qualitycheck.rules.grammar import impersonal_passive
from qualitycheck.testing import flagged, run_rule


@pytest.mark.parametrize(
    ("sentence", "span"),
    [
        ("In the east it is expected hail.", "it is expected hail"),
        (
            "In March it was registered an increase of four per cent in sales.",
            "it was registered an increase of four per cent in sales",
        ),
        (
            "On the night ferry it is allowed one bag per passenger.",
            "it is allowed one bag per passenger",
        ),
        (
            "For the weekend it is forecast strong wind on the islands.",
            "it is forecast strong wind on the islands",
        ),
        ("In the old town it is forbidden the entry of cars.", "it is forbidden the entry of cars"),
        (
            "This year it will be celebrated the fortieth edition of the fair.",
            "it will be celebrated the fortieth edition of the fair",
        ),
        (
            "It is estimated a loss of two million euros.",
            "It is estimated a loss of two million euros",
        ),
        (
            "Rain is likely, and in the hills it is expected snow in the coming days.",
            "it is expected snow in the coming days",
        ),
    ],
)
def test_flags_the_subject_left_after_an_impersonal_passive(sentence: str, span: str) -> None:
    assert flagged(impersonal_passive.RULE, sentence) == [span]


def test_says_how_english_orders_it() -> None:
    (m,) = run_rule(impersonal_passive.RULE, "In the mountains it is expected heavy snow.")
    assert "'heavy snow is expected'" in m.message
    (m,) = run_rule(impersonal_passive.RULE, "This week it was registered two new cases.")
    assert "'two new cases were registered'" in m.message


@pytest.mark.parametrize(
    "sentence",
    [
        "It is expected to rain in the east on Sunday.",
        "It is expected that the minister will resign.",
        "It is expected the minister will resign before the summer.",
        "It is estimated 300 people attended the march.",
        "It was announced yesterday.",
        "It was announced on Monday, and the work begins in May.",
        "It was reported last week by the local paper.",
        "It is allowed, but only with a permit.",
        "It is expected soon.",
        "It was expected, given the results of the last poll.",
        "The rise was expected. It was planned months ago.",
        "It is required by law in most states.",
        "As it is planned now, the road will open in 2027.",
        "It was observed in 1887 for the first time.",
        "It is estimated at 4 million euros.",
        "It was sold for a record price.",
        "It was approved unanimously.",
        "It was offered free of charge to every resident.",
        "It is needed more than ever.",
        "It was feared dead for years.",
        "It is hoped it will open next year.",
        "It was recorded live at the Paris Olympia in 1972.",
        "It had been scheduled months ago.",
        "It was built 20 years before the war.",
    ],
)
def test_leaves_english_alone(sentence: str) -> None:
    assert flagged(impersonal_passive.RULE, sentence) == []


def test_leaves_clean_prose_alone(clean_texts: list[str]) -> None:
    for text in clean_texts:
        assert flagged(impersonal_passive.RULE, text) == []
