"""case.lowercase-historical-name: periods and wars written in lower case. Texts written for these
tests."""

from __future__ import annotations

import pytest

from qualitycheck.rules.case.lowercase_historical_name import RULE
from qualitycheck.testing import flagged, run_rule


@pytest.mark.parametrize(
    ("text", "expected", "proper"),
    [
        ("The walls kept out the bandits of the middle age.", "middle age", "Middle Ages"),
        ("Most houses in the square date from the middle ages.", "middle ages", "Middle Ages"),
        (
            "Her grandfather fought in the second world war in Italy.",
            "second world war",
            "Second World War",
        ),
        (
            "The bridge was rebuilt after world war two by a Polish firm.",
            "world war two",
            "World War Two",
        ),
        (
            "The town lost half its men in\nthe first world war.",
            "first world war",
            "First World War",
        ),
    ],
)
def test_flags_a_period_or_war_in_lower_case(text: str, expected: str, proper: str) -> None:
    [m] = run_rule(RULE, text)
    assert text[m.start : m.end] == expected and m.suggestions == (proper,)


@pytest.mark.parametrize(
    "text",
    [
        "Most houses in the square date from the Middle Ages.",
        "He took up running in middle age and ran his first marathon at 52.",
        "The campaign targets the middle age group, people between 45 and 60.",
        "The museum tells the story of the Second World War and of World War II in the Pacific.",
        "Historians of the cold war and of the industrial revolution met in Kraków.",
        "The pre-world war two buildings were listed in 1998.",
    ],
)
def test_quiet_on_capitalised_names_and_ordinary_phrases(text: str) -> None:
    assert flagged(RULE, text) == []
