from __future__ import annotations

import pytest

from qualitycheck.rules.punctuation import split_compound
from qualitycheck.testing import flagged, run_rule


@pytest.mark.parametrize(
    ("sentence", "span"),
    [
        ("The old farms of the country side were built with stone.", "country side"),
        ("It is faster, and further more it is cheaper to run.", "further more"),
        ("The minister met her French counter part in Paris.", "counter part"),
    ],
)
def test_flags_a_compound_split_in_two(sentence: str, span: str) -> None:
    assert flagged(split_compound.RULE, sentence) == [span]


def test_suggests_the_solid_word() -> None:
    (m,) = run_rule(split_compound.RULE, "They walked across the country side all day.")
    assert m.suggestions == ("countryside",)


@pytest.mark.parametrize(
    "sentence",
    [
        "The whole street was under water after the storm.",
        "Soldiers on the front line were relieved at dawn.",
        "He promised to hand over the keys on Friday.",
        "She lost her cell phone on the train to Leeds.",
        "It will take some time before the bridge reopens.",
        "They swim in the lake every day in summer.",
        "The country's side of the border is quiet.",
        "The country-side road was closed.",
        "Any more delays would cost the town its grant.",
        "Some body parts were found near the river, police said.",
    ],
)
def test_leaves_open_compounds_and_phrases_alone(sentence: str) -> None:
    assert flagged(split_compound.RULE, sentence) == []


def test_leaves_clean_prose_alone(clean_texts: list[str]) -> None:
    for text in clean_texts:
        assert flagged(split_compound.RULE, text) == []
