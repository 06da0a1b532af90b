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
    ],
)
def test_quiet_on_set_phrases_glosses_and_code(text: str) -> None:
    assert flagged(RULE, text) == []


def test_quiet_on_clean_prose(clean_texts: list[str]) -> None:
    for text in clean_texts:
        assert flagged(RULE, text) == []
