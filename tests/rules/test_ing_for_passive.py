from __future__ import annotations

import pytest

from qualitycheck.rules.grammar import ing_for_passive
from qualitycheck.testing import flagged, run_rule


@pytest.mark.parametrize(
    ("sentence", "span"),
    [
        ("The town is closed in by a wall surrounding by the church.", "surrounding"),
        ("They crossed a bridge building by a local firm in 1920.", "building"),
        ("The company owning by the state will be sold.", "owning"),
        ("The floods causing by the storm cut off two villages.", "causing"),
        ("It is a project funding by the European Union.", "funding"),
    ],
)
def test_flags_an_ing_form_where_the_passive_is_needed(sentence: str, span: str) -> None:
    assert flagged(ing_for_passive.RULE, sentence) == [span]


def test_suggests_the_past_participle() -> None:
    (m,) = run_rule(ing_for_passive.RULE, "They crossed a bridge building by a local firm.")
    assert m.suggestions == ("built",)


@pytest.mark.parametrize(
    "sentence",
    [
        "The team is leading by two goals at half-time.",
        "Any change must be agreed in writing by the owner.",
        "The killing by the police shocked the town.",
        "Children were standing by the door when it opened.",
        "The tourists were passing by the church at noon.",
        "A wall surrounded by the church and the castle closes the town.",
        "The council is funding a study by the university.",
    ],
)
def test_leaves_english_alone(sentence: str) -> None:
    assert flagged(ing_for_passive.RULE, sentence) == []


def test_leaves_clean_prose_alone(clean_texts: list[str]) -> None:
    for text in clean_texts:
        assert flagged(ing_for_passive.RULE, text) == []
