"""junk.boilerplate: trust and editorial-standards badges that a scraper copies with the story."""

from __future__ import annotations

import pytest

from qualitycheck import check_text


def boilerplate(text: str) -> list[str]:
    result = check_text(text)
    return [text[f.start : f.end] for f in result.findings if f.rule == "junk.boilerplate"]


@pytest.mark.parametrize(
    "line",
    [
        "Conforms to The Trust Project criteria",
        "Complies with the Trust Project standards. Learn more",
        "The Trust Project",
        "Our Standards: The Harbour Wire Trust Principles.",
        "Why you can trust us",
        "Corrections policy",
    ],
)
def test_a_badge_line_between_paragraphs_is_flagged(line: str) -> None:
    text = (
        "The council approved the new bus routes on Tuesday after a long debate.\n\n"
        f"{line}\n\n"
        "Work on the first route starts in March, the transport office said.\n"
    )
    assert boilerplate(text) == [line]


@pytest.mark.parametrize(
    "sentence",
    [
        "The paper joined the Trust Project in 2019 and now shows how each story was reported.",
        "Readers asked why they should trust us, and the editor answered in a long column.",
        "The newspaper's corrections policy was rewritten after the complaint.",
    ],
)
def test_the_same_words_inside_a_sentence_are_prose(sentence: str) -> None:
    assert boilerplate(f"{sentence}\n\nThe next paragraph follows here as usual.\n") == []
