from __future__ import annotations

import pytest

from qualitycheck.rules.grammar import its_for_person
from qualitycheck.testing import flagged, run_rule


@pytest.mark.parametrize(
    "sentence",
    [
        "The councillor Ana Ruiz has been increasing its participation in the debates.",
        "Mr. Tomasz Nowak will present its plan to the committee on Monday.",
        "Mayor Elena Costa has finally announced its candidacy for a second term.",
        "The singer Marco Bellini presented its album in Milan on Friday.",
        "Senator Paula Ortiz defended its vote against the reform.",
    ],
)
def test_flags_its_after_a_titled_person(sentence: str) -> None:
    assert flagged(its_for_person.RULE, sentence) == ["its"]


def test_suggests_his_or_her() -> None:
    (m,) = run_rule(its_for_person.RULE, "Coach Luis Vidal has changed its tactics.")
    assert m.suggestions == ("his", "her")
    assert "Luis Vidal" in m.message


@pytest.mark.parametrize(
    "text",
    [
        "The club had a bad season. Coach Luis Vidal has changed its tactics.",
        "The government lost the vote. Minister Ana Ruiz defended its record.",
        "Louis Vuitton raised its prices for the third time this year.",
        "Morgan Stanley has cut its forecast for growth.",
        "Senator Paula Ortiz, who chairs the committee, defended its budget.",
        "Coach Luis Vidal praised its young players after the win.",
        "Mayor Elena Costa said the city had lost its way.",
        "The minister Ana Ruiz visited the factory and its workers.",
    ],
)
def test_leaves_english_alone(text: str) -> None:
    assert flagged(its_for_person.RULE, text) == []


def test_leaves_clean_prose_alone(clean_texts: list[str]) -> None:
    for text in clean_texts:
        assert flagged(its_for_person.RULE, text) == []
