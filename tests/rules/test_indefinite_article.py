"""grammar.indefinite-article: 'a' or 'an' by the sound of the next word."""

from __future__ import annotations

import pytest

from qualitycheck.rules.grammar.indefinite_article import RULE, takes_an
from qualitycheck.testing import flagged, run_rule


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("The council approved a application from the club.", ["a application"]),
        ("It gives the team a advantage of two points.", ["a advantage"]),
        ("He called it a interesting proposal.", ["a interesting"]),
        ("They studied at an university in Lyon.", ["an university"]),
        ("She is an European diplomat.", ["an European"]),
        ("The trial lasted a hour and a half.", ["a hour"]),
        ("It was a honest mistake.", ["a honest"]),
        ("He signed an one-year deal.", ["an one-year"]),
        ("A 8-year-old boy was rescued.", ["A 8-year-old"]),
        ("Prices rose by a 11% margin.", ["a 11"]),
        ("The case went to an BBC reporter, not a MP.", ["an BBC", "a MP"]),
        ("The data came from a SDK.", ["a SDK"]),
        ("An useful tool and a older model.", ["An useful", "a older"]),
        ("He is a Italian citizen married to a American.", ["a Italian", "a American"]),
    ],
)
def test_flags_the_wrong_article(sentence: str, found: list[str]) -> None:
    assert flagged(RULE, sentence) == found


@pytest.mark.parametrize(
    "sentence",
    [
        "An FBI agent met a UN envoy and an MP in a US city.",
        "It was an honest mistake that took an hour.",
        "A one-off payment was made to a university and a European body.",
        "She used a useful tool, an umbrella and an unusual map.",
        "An uninformed voter and a unique chance.",
        "It was an historic day; for others a historic day.",
        "An 18-year-old and an 8-year-old saw an 80% rise and a 10% fall in 1850.",
        "A NATO summit and an NHS hospital, with a BBC reporter.",
        "He ordered an Uber and met a Ukrainian and a Ugandan.",
        "Type a and type b differ, and Plan A failed.",
        "The university is in Frankfurt an der Oder.",
        "She bought an iPhone and an X-ray machine.",
        "The choice between a and b is open.",
        "The fans sang: dijo que iba a Italia.",
        "Vitamin A is found in carrots, grade A eggs too.",
        "He wrote an e-mail after an interview.",
        "He met a Ortiz and a Alvarez at the club.",
        "Start an ssh-agent, then an mRNA test and a pdf reader.",
        "Send a HTTP request or an HTML page with a SQL query.",
    ],
)
def test_quiet_on_correct_articles(sentence: str) -> None:
    assert flagged(RULE, sentence) == []


def test_suggestion_keeps_the_capital() -> None:
    (m,) = run_rule(RULE, "A interesting idea came up.")
    assert m.suggestions == ("An interesting",)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("apple", True),
        ("hour", True),
        ("house", None),
        ("historic", None),
        ("unit", False),
        ("uninformed", True),
        ("Uber", None),
        ("FBI", True),
        ("NATO", None),
        ("11", True),
        ("110", False),
        ("X-ray", None),
    ],
)
def test_sound_of_a_word(word: str, expected: bool | None) -> None:
    assert takes_an(word) is expected
