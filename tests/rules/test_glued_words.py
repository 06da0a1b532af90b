"""punctuation.glued-words: two words run together where a space was lost."""

from __future__ import annotations

import pytest

from qualitycheck.rules.punctuation import glued_words
from qualitycheck.testing import flagged, run_rule

RULE = glued_words.RULE


@pytest.mark.parametrize(
    ("text", "token", "fix"),
    [
        (
            "The board will publish the final reportbecause the deadline passed.",
            "reportbecause",
            "report because",
        ),
        ("The season is already overand the clubs are counting the cost.", "overand", "over and"),
        ("Tap the icon on the home screenit opens the settings.", "screenit", "screen it"),
        (
            "Charge the tabletespecially before a long flight.",
            "tabletespecially",
            "tablet especially",
        ),
        ("We reached the border with no delayso the driver was pleased.", "delayso", "delay so"),
        ("Finallythe council agreed to the plan.", "Finallythe", "Finally the"),
        (
            "The singer Todaysurprised her fans with a new album.",
            "Todaysurprised",
            "Today surprised",
        ),
        ("The rider Kowalskiwho won the stage attacked again.", "Kowalskiwho", "Kowalski who"),
        ("They walked inthe rain to the station.", "inthe", "in the"),
        ("She met the presidentof the club on Friday.", "presidentof", "president of"),
        ("The council decidedto close the market.", "decidedto", "decided to"),
    ],
)
def test_flags_glued_words_and_suggests_the_split(text: str, token: str, fix: str) -> None:
    [m] = run_rule(RULE, text)
    assert text[m.start : m.end] == token
    assert m.suggestions == (fix,)


def test_a_name_written_alone_elsewhere_supports_a_name_glued_to_a_relative_pronoun() -> None:
    text = "The striker Oduya scored twice.\nCoach Mensah praised Oduyawhich pleased the fans."
    assert flagged(RULE, text) == ["Oduyawhich"]


def test_lower_case_word_glued_to_a_capitalised_name() -> None:
    assert flagged(RULE, "The speech by the mayorJohn Smith was short.") == ["mayorJohn"]


@pytest.mark.parametrize(
    "text",
    [
        # real compounds, rare words, names and foreign words the lexicon knows
        "The bedroom, the whereabouts and the lighthouse were all in the report.",
        "Ferdinand, Goethe and Matthas Klose signed the letter.",
        "She ordered tlayudas and chapulines at the market in Oaxaca.",
        # endings of Romance and Germanic words that look like glue
        "The coloso, the mareso and the milit stood by the road to Chiaso.",
        # product names and terms made of two content words
        "Install qualitycheck and wordfreq before you run the docstring checks.",
        # particles that build compounds
        "The onboard checkout and the online lookup both failed.",
        # camel case, brands, identifiers, code
        "YouTube, PlayStation, iPhone, eBay and DaimlerChrysler were all there.",
        "Call getElementById, toString and currentThread from the scanStatus handler.",
        "Set retryDelay = 30 and call formatException() when it fails.",
        ":param withinit: whether to run the hook",
        '"coveredResources": ["primaryDevice"]',
        # hashtags, handles, URLs, file names, paths, snake_case
        "Follow #reportbecause and @screenit or read www.phoneeven.com/overand today.",
        "Open reportbecause.txt in /tmp/screenit and run glue_words_here.",
        # capitals and digits
        "REPORTBECAUSE is shouted; report2because has a digit.",
    ],
)
def test_quiet_on_compounds_names_and_code(text: str) -> None:
    assert flagged(RULE, text) == []


def test_a_token_used_three_times_is_the_documents_own_term() -> None:
    text = "Run teamsync first. Then teamsync again. Finally teamsync once more."
    assert flagged(RULE, text) == []


def test_quiet_on_clean_prose(clean_texts: list[str]) -> None:
    for text in clean_texts:
        assert flagged(RULE, text) == []
