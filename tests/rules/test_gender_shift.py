from __future__ import annotations

import pytest

from qualitycheck.rules.grammar import gender_shift
from qualitycheck.testing import flagged, run_rule


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        (
            "Singer Marta Solís said that she would tour again in May. Marta Solís added that he"
            " had missed the stage.",
            ["he"],
        ),
        (
            "Ana Ferreira has said that she will stand again. In an interview, Ana Ferreira"
            " admitted that he had thought of quitting, and that he was tired.",
            ["he", "he"],
        ),
        ("The actress Laura Bianchi said that he would retire next year.", ["he"]),
        ("Mr. Tomasz Nowak told the court that she had never seen the letter.", ["she"]),
        (
            "Irena Vasić said that she was proud of the team. Vasić added that he would stay.",
            ["he"],
        ),
        # the possessive, and a sentence that names nobody after one that names her
        (
            "Ana Ferreira said that she was ready. Ana Ferreira thanked the audience for his"
            " support.",
            ["his"],
        ),
        (
            "Ana Ferreira said that she was ready. Ana Ferreira spoke for an hour. He said the"
            " show would go on.",
            ["He"],
        ),
    ],
)
def test_flags_a_pronoun_that_changes_gender(text: str, spans: list[str]) -> None:
    assert flagged(gender_shift.RULE, text) == spans


def test_names_the_person_and_suggests_the_other_pronoun() -> None:
    (m,) = run_rule(
        gender_shift.RULE,
        "Ana Ferreira said that she was ready. Ana Ferreira added that he would wait.",
    )
    assert m.suggestions == ("she",)
    assert "Ana Ferreira" in m.message


@pytest.mark.parametrize(
    "text",
    [
        # two people share the surname
        "Bill Morgan said that he was tired. Jill Morgan said that she was not. Morgan said"
        " that he would go.",
        # a man the pronoun may mean: in the sentence, or in the text
        "Ana Ferreira said that she was ready. Ana Ferreira thanked the mayor, and he promised"
        " help.",
        "Ana Ferreira said that she was ready. Ana Ferreira met her husband, who said that he"
        " was proud.",
        "Ana Ferreira said that she was afraid. Her former partner was arrested in May. Ana"
        " Ferreira told police that he had threatened her.",
        "Ana Ferreira said that she was ready. Ana Ferreira told Pedro Costa that he was wrong.",
        # consistent pronouns
        "Ana Ferreira said that she was ready. Ana Ferreira added that she would wait.",
        "Mr. Tomasz Nowak said that he had never seen the letter.",
        # a man only ever called "he" is in the text
        "Ana Ferreira said that she was ready. Pedro Costa said that he was not. Ana Ferreira"
        " spoke for an hour. He left early.",
        # two people in the sentence before
        "Ana Ferreira said that she was ready. Ana Ferreira met Pedro Costa. He said nothing.",
        # a pronoun that opens no clause of hers
        "Ana Ferreira said that she was ready. Ana Ferreira and a colleague saw him leave; he ran.",
    ],
)
def test_leaves_english_alone(text: str) -> None:
    assert flagged(gender_shift.RULE, text) == []


def test_leaves_clean_prose_alone(clean_texts: list[str]) -> None:
    for text in clean_texts:
        assert flagged(gender_shift.RULE, text) == []
