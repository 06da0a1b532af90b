"""junk.headline-credit: a site name or photo credit glued to a headline."""

from __future__ import annotations

import pytest

from qualitycheck.rules.junk import headline_credit
from qualitycheck.testing import flagged

RULE = headline_credit.RULE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Harbour ferries return to the old timetable | Instagram\nThe boats run again.",
            [" | Instagram"],
        ),
        (
            "Mayor opens the new bridge at last | Getty Images\nIt took ten years.",
            [" | Getty Images"],
        ),
        ("Results of the regional vote | example.com\nTurnout was high.", [" | example.com"]),
    ],
)
def test_flags_a_label_after_a_bar_at_the_end_of_a_headline(text: str, expected: list[str]) -> None:
    assert flagged(RULE, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Home | News | World",
        "Name | Age\nAna | 34",
        "The choice is between a | b and c, he said.",
        "Mayor resigns | BBC",
        "Matcher = MatcherAPIv1 | MatcherAPIv2",
        "The ferry is late again. | Instagram",
    ],
)
def test_quiet_on_menus_tables_sentences_and_code(text: str) -> None:
    assert flagged(RULE, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "“Tennis player gives an interview to the magazine”, – WRITES: Sport.example",
            ["WRITES: Sport.example"],
        ),
        ("Prices rise again in the capital – reports Example News", ["reports Example News"]),
    ],
)
def test_flags_a_feeds_attribution_after_the_headline(text: str, expected: list[str]) -> None:
    assert [t.lstrip(" ,–") for t in flagged(RULE, text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Tom Tykwer (Germany) – Jury President",
        "Cancer: resistance to therapy – Nature Genetics",
        "Paris – the city of light says no to cars",
        "The jury met.\nThe mayor spoke to reporters – reports Example News",
    ],
)
def test_quiet_on_dashes_that_are_not_attributions(text: str) -> None:
    assert flagged(RULE, text) == []


def test_quiet_on_clean_prose(clean_texts: list[str]) -> None:
    for text in clean_texts:
        assert flagged(RULE, text) == []
