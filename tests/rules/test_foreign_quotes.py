"""punctuation.foreign-quotes: another language's quotation conventions left in English."""

from __future__ import annotations

import pytest

from qualitycheck.finding import Severity
from qualitycheck.rules.punctuation import foreign_quotes
from qualitycheck.testing import flagged, run_rule

RULE = foreign_quotes.RULE


@pytest.mark.parametrize(
    ("text", "expected", "fix"),
    [
        ("The minister said: «We will not sign».", "«We will not sign»", "“We will not sign”"),
        ("He wrote „No” and left.", "„No”", "“No”"),
        ("She answered „Never“ twice.", "„Never“", "“Never”"),
        ("»Yes« was all he said.", "»Yes«", "“Yes”"),
    ],
)
def test_flags_guillemets_and_low_high_quotes(text: str, expected: str, fix: str) -> None:
    [m] = run_rule(RULE, text)
    assert text[m.start : m.end] == expected
    assert m.suggestions == (fix,)


def test_dialogue_dashes_in_an_interview_are_a_hint() -> None:
    text = (
        "The champion spoke to reporters after the final.\n"
        "– Did you expect to win so easily today?\n"
        "– No. I expected a long match and a hard one."
    )
    matches = run_rule(RULE, text)
    assert [text[m.start : m.end] for m in matches] == ["– ", "– "]
    assert {m.severity for m in matches} == {Severity.INFO}


@pytest.mark.parametrize(
    "text",
    [
        "“We will stay,” he said, and ‘stay’ they did.",
        "Type guillemets « » or low quotes „ to see them; `«x»` is code.",
        "– One dash opening a single reply is not a pattern.",
        "- early start of the rainy season\n- longer duration of the rains",
        "– an aside in lower case\n– another aside in lower case",
        "Tom Tykwer (Germany) – Jury President\nDiana Henry – cookbook author",
    ],
)
def test_quiet_on_english_marks_lists_and_lone_dashes(text: str) -> None:
    assert flagged(RULE, text) == []


def test_quiet_on_clean_prose(clean_texts: list[str]) -> None:
    for text in clean_texts:
        assert flagged(RULE, text) == []
