"""Specifications of the shared line-shape heuristics."""

from __future__ import annotations

import pytest

from qualitycheck import heuristics as h


@pytest.mark.parametrize(
    "text",
    [
        "Russia Steps Up Attacks on the Southern Coast",
        "How the War Changed a Small Town in the East",
        "Economic Fallout",
        "BREAKING NEWS",
        "A Guide to the 2024 Elections",
        "Russian President",
        "Talks With Jean-Yves Le Drian and the Foreign Minister of al-Mansur",
    ],
)
def test_is_title_case_accepts_headline_style(text: str) -> None:
    assert h.is_title_case(text)


@pytest.mark.parametrize(
    "text",
    [
        "Kherson Mayor Igor Kulekhaev wrote in",
        "Economic fallout",
        "Putin warns US against deploying long-range missiles in Germany",
        "the Town of Springfield",
        "",
        "1,597",
        "He said the army would stay.",
    ],
)
def test_is_title_case_rejects_sentences(text: str) -> None:
    assert not h.is_title_case(text)


def test_is_title_case_tolerates_one_lowercase_word_in_long_titles() -> None:
    assert h.is_title_case("Why Farmers in the North Are Leaving Their Fields for good This Year")
    assert not h.is_title_case("Why Farmers in the north are Leaving Their Fields for good")


def test_is_all_caps() -> None:
    assert h.is_all_caps("MORE STORIES")
    assert not h.is_all_caps("More Stories")
    assert not h.is_all_caps("A")


@pytest.mark.parametrize(
    "text",
    [
        "He left.",
        "Did she?",
        "Stop!",
        "and then…",
        "“We will stay,” he said.”",
        "(See the chart below.)",
        "The deal closed in the U.S.",
        "  It ended.   ",
    ],
)
def test_ends_sentence_on_terminal_marks(text: str) -> None:
    assert h.ends_sentence(text)


@pytest.mark.parametrize("text", ["Kherson Mayor Igor Kulekhaev wrote in", "the water supply,", ""])
def test_ends_sentence_rejects_open_lines(text: str) -> None:
    assert not h.ends_sentence(text)


def test_ends_sentence_colon_only_when_asked() -> None:
    assert not h.ends_sentence("The demands were:")
    assert h.ends_sentence("The demands were:", colon=True)


@pytest.mark.parametrize(
    "text",
    [
        "By Ana Souza and Lee Min-jun",
        "BY ANA SOUZA",
        "By Ana Souza, Reuters",
        "Reporting by Ana Souza; Editing by Lee Min-jun",
        "Additional reporting by Tomasz Nowak in Warsaw",
        "Ana Souza contributed reporting.",
        "Tomasz Nowak and Ana Souza contributed to this article.",
        "Written by Lee Min-jun",
    ],
)
def test_looks_like_byline(text: str) -> None:
    assert h.looks_like_byline(text)


@pytest.mark.parametrize(
    "text",
    [
        "Bystanders said the bridge was closed.",
        "By the end of the week, prices had doubled.",
        "By Monday, the talks had collapsed.",
        "The minister was joined by Ana Souza.",
        "Several people contributed money to the fund.",
    ],
)
def test_byline_rejects_prose(text: str) -> None:
    assert not h.looks_like_byline(text)


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("LAGOS, Nigeria — Fuel prices rose.", "Fuel prices rose."),
        ("KYIV, Ukraine (AP) — Sirens sounded.", "Sirens sounded."),
        ("Kyiv, Ukraine – Russia has deepened its attack.", "Russia has deepened its attack."),
        ("WASHINGTON — The Senate voted.", "The Senate voted."),
        ("LAGOS (Reuters) - Fuel prices rose.", "Fuel prices rose."),
        ("NEW YORK, March 3 (Reuters) - Stocks fell.", "Stocks fell."),
        ("SAN JOSE, Calif. — A fire broke out.", "A fire broke out."),
    ],
)
def test_dateline_end_points_at_first_sentence(text: str, rest: str) -> None:
    assert h.looks_like_dateline(text)
    assert text[h.dateline_end(text) :] == rest


@pytest.mark.parametrize(
    "text",
    [
        "However, Kyiv — which had prepared for weeks — held out.",
        "Russian forces continued bombing Kharkiv.",
        "The talks - if they happen - will be short.",
        "Prices rose 3.5% - the fastest pace in years.",
    ],
)
def test_dateline_rejects_prose(text: str) -> None:
    assert not h.looks_like_dateline(text)
    assert h.dateline_end(text) == 0


@pytest.mark.parametrize(
    "text",
    [
        "Residents queue for water in Lagos. (Photo: Reuters)",
        "Photo by Ana Souza",
        "Photograph: Lee Min-jun/AFP",
        "Firefighters at the scene. AFP via Getty Images",
        "A flooded street in Porto Alegre (AP Photo/Ana Souza)",
        "Credit: Tomasz Nowak",
        "Smoke rises over the port. Ana Souza/Reuters",
    ],
)
def test_looks_like_caption_credit(text: str) -> None:
    assert h.looks_like_caption_credit(text)


@pytest.mark.parametrize(
    "text",
    ["The photographer said she had waited for hours.", "Images of the flood spread online."],
)
def test_caption_credit_rejects_prose(text: str) -> None:
    assert not h.looks_like_caption_credit(text)


@pytest.mark.parametrize("text", ["— Reuters", "-- AP", "(Reuters)", "— Associated Press"])
def test_looks_like_signoff(text: str) -> None:
    assert h.looks_like_signoff(text)


def test_signoff_rejects_prose() -> None:
    assert not h.looks_like_signoff("— and then the lights went out, she said.")


@pytest.mark.parametrize(
    "text",
    [
        "- Fuel prices",
        "* item",
        "• Water",
        "1. Preheat the oven",
        "2) Stir",
        "(3) Serve",
        "a) one",
        "(b) two",
        "iv. Fourth point",
    ],
)
def test_is_list_item(text: str) -> None:
    assert h.is_list_item(text)


@pytest.mark.parametrize(
    "text",
    ["A. Smith said it was over.", "2022 was a hard year.", "-5 degrees", "Fuel prices rose."],
)
def test_is_list_item_rejects_prose(text: str) -> None:
    assert not h.is_list_item(text)


@pytest.mark.parametrize(
    "text",
    [
        "He launched the invasion",
        "Putin speaks",
        "The mayor is away",
        "They won’t have one quiet minute",
        "Troops withdrawn from the north",
        "she said",
    ],
)
def test_has_verb_hint_finds_verbs(text: str) -> None:
    assert h.has_verb_hint(text)


@pytest.mark.parametrize(
    "text",
    ["Russian President", "Economic fallout", "Foreign Minister", "The news", "Advertisement"],
)
def test_has_verb_hint_quiet_on_verbless_fragments(text: str) -> None:
    assert not h.has_verb_hint(text)


def test_word_classes_are_lower_case() -> None:
    for group in (h.ARTICLES, h.PREPOSITIONS, h.CONJUNCTIONS, h.AUXILIARIES, h.DETERMINERS):
        assert all(w == w.lower() for w in group)
    assert "of" in h.PREPOSITIONS and "the" in h.ARTICLES and "were" in h.AUXILIARIES
