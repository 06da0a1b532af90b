"""grammar.foreign-conjunction: a source-language 'and' between two names."""

from __future__ import annotations

import pytest

from qualitycheck.rules.grammar.foreign_conjunction import RULE
from qualitycheck.testing import flagged, run_rule


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The deal was signed by Ana Ruiz y Carlos Ortega on Monday.", ["y"]),
        ("The actors Tom Baker Y Julio Moreno kissed on camera.", ["Y"]),
        ("The cast included Luca Bianchi e Marco Rossi.", ["e"]),
        ("Reporters waited for Jan Nowak i Piotr Zielinski.", ["i"]),
        ("Marie Dupont et Pierre Martin spoke.", ["et"]),
        (
            "The coalition is led by Olaf Scholz and Robert Habeck. Later, Scholz und Habeck "
            "met the unions.",
            ["und"],
        ),
    ],
)
def test_flags_a_foreign_and_between_names(text: str, found: list[str]) -> None:
    assert flagged(RULE, text) == found


@pytest.mark.parametrize(
    "text",
    [
        "The philosopher José Ortega y Gasset wrote it.",
        "Santiago Ramón y Cajal won the Nobel Prize.",
        "The house was designed by Josep Puig i Cadafalch.",
        "They drank Moët et Chandon at the launch.",
        "The opera Tristan und Isolde opened the season.",
        "She studied at the Université Pierre et Marie Curie.",
        "Scholz und Habeck is a satirical column.",
        "Ana Ruiz and Carlos Ortega signed the deal.",
        "Vilanova i la Geltrú is a town near Barcelona.",
    ],
)
def test_quiet_on_names_and_titles_built_with_the_word(text: str) -> None:
    assert flagged(RULE, text) == []


def test_message_names_the_language_and_suggests_and() -> None:
    (m,) = run_rule(RULE, "The deal was signed by Ana Ruiz y Carlos Ortega.")
    assert "Spanish" in m.message and m.suggestions == ("and",)
