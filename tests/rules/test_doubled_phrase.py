"""structure.doubled-phrase: "the report of report", a bracket repeating the words before it."""

from __future__ import annotations

import pytest

from qualitycheck.rules.structure import doubled_phrase
from qualitycheck.testing import flagged

RULE = doubled_phrase.RULE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The minister read the conclusions of the report of report on Tuesday.",
            ["report of report"],
        ),
        ("She was named head of head of the agency.", ["head of head"]),
        ("The warning came from the Energy Agency (Energy Agency) at noon.", ["(Energy Agency)"]),
        ("The trains to Lviv (Lviv) were cancelled.", ["(Lviv)"]),
        ("In short, a tablet or tablet is a flat computer with a screen.", ["tablet or tablet"]),
        (
            "The history of Tablets or Tablets\nThe first ones came out in 1989.",
            ["Tablets or Tablets"],
        ),
        ("Meaning of drone or drone.", ["drone or drone"]),
    ],
)
def test_flags_doublings(text: str, expected: list[str]) -> None:
    assert flagged(RULE, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "It was the best of the best; the king of kings; one of one; the holy of holies.",
        "Page 3 of 3; the Sea of Sea-Land; a piece of pieces.",
        "Kyiv (Kiev) and the Rada (parliament) met the WHO (World Health Organization).",
        "Call set_rounding(rounding) or has_section(section) in the code.",
        "type (type): the kind of value",
        "The hashability (Hashability) section is below.",
        "The offer may or may not be renewed next year.",
        "Loss of data or data being made public is the risk.",
        "It works for large numbers or numbers very close to zero.",
        "The choice was tea, or tea with milk, and nothing else.",
        "Now or never, the coach told his players.",
    ],
)
def test_quiet_on_set_phrases_glosses_and_code(text: str) -> None:
    assert flagged(RULE, text) == []


def test_quiet_on_clean_prose(clean_texts: list[str]) -> None:
    for text in clean_texts:
        assert flagged(RULE, text) == []
