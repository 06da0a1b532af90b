"""names.translated-name: a name rendered as the word it means, and a first name turned into its
English equivalent. Every text here is written for these tests."""

from __future__ import annotations

import pytest

from qualitycheck.finding import Severity
from qualitycheck.rules.names.translated_name import RULE
from qualitycheck.testing import flagged, run_rule


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a surname as its meaning, speaking
        (
            "The coach, Pedro Molina, left the club on Sunday. Mill said the decision was his own.",
            ["Mill"],
        ),
        (
            "Ana Paloma Ruiz, the club's lawyer, was at the hearing. “We will appeal,” Dove added.",
            ["Dove"],
        ),
        # a German surname, after a title
        ("Klaus Müller runs the bakery in Bremen. Mr. Miller said sales had doubled.", ["Miller"]),
        # a programme title: the name and its meaning in one text
        (
            "Lucía Ortega has presented Hoy since 2015. She said the Today programme would go on.",
            ["Today"],
        ),
        # a Polish surname, mid-sentence
        ("Marta Kowalska and Jan Kowalski won the vote, and Smith thanked them.", ["Smith"]),
    ],
)
def test_flags_a_name_rendered_as_its_meaning(text: str, expected: list[str]) -> None:
    assert flagged(RULE, text) == expected


def test_finding_suggests_the_name_and_says_which_language() -> None:
    text = "The coach, Pedro Molina, left the club on Sunday. Mill said the decision was his own."
    [m] = run_rule(RULE, text)
    assert m.suggestions == ("Molina",)
    assert "Spanish" in m.message and "'mill'" in m.message
    assert m.severity is None and RULE.severity is Severity.WARNING


@pytest.mark.parametrize(
    "text",
    [
        # the meaning inside a longer name, or at a sentence start with no speech verb
        "Pedro Costa, the Portuguese striker, flew to the Ivory Coast on Monday.",
        "Hans Müller bought the old Mill Road bakery. Mill owners in the valley were pleased.",
        # the same word in both languages
        "Ingrid Wolf chairs the board. Wolf said the results were strong.",
        # the English title with no foreign name in the text
        "Ana Souza was a guest on the Today programme and on Newsnight.",
        # a company and a person that share nothing
        "Rosa Delgado works for Shell. Shell said on Monday that profits rose.",
        # the name itself, spelled as written
        "The coach, Pedro Molina, left the club on Sunday. Molina said the decision was his own.",
        "Jürgen Fuchs, a Fox News contributor, lives in Leipzig.",
    ],
)
def test_quiet_when_the_word_is_no_translated_name(text: str) -> None:
    assert flagged(RULE, text) == []


# -- translated first names --------------------------------------------------------------------


def test_flags_an_english_first_name_among_spanish_names_in_a_text_about_mexico() -> None:
    text = (
        "Mexico City — The singer Joaquín Ibarra and the actor Ramón Zapata opened the festival, "
        "and the actress Margaret Vega closed it with Sergio Montoya."
    )
    [m] = run_rule(RULE, text)
    assert text[m.start : m.end] == "Margaret"
    assert m.suggestions == ("Margarita",) and m.confidence < 0.7


def test_flags_both_forms_of_one_person_with_high_confidence() -> None:
    text = "Margarita Vega won the prize in 2019. This year Margaret Vega chaired the jury."
    [m] = run_rule(RULE, text)
    assert text[m.start : m.end] == "Margaret" and m.confidence >= 0.8


@pytest.mark.parametrize(
    "text",
    [
        # no country of the language named: an American text with Hispanic names
        "Michael Vega, a state senator, met Joaquín Ibarra and Ramón Zapata in Austin, Texas.",
        # too few other people with Spanish first names
        "Mexico City — The actress Margaret Vega opened the festival with Paul Stanley.",
        # a surname that is not Spanish
        "Mexico City — Joaquín Ibarra, Ramón Zapata and Margaret Thatcher's biographer spoke.",
        # names kept as written
        "Bogotá — Margarita Vega, Joaquín Ibarra and Ramón Zapata signed the letter.",
    ],
)
def test_quiet_on_english_first_names_without_the_evidence(text: str) -> None:
    assert flagged(RULE, text) == []
