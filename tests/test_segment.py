"""Sentence splitting: the behaviour rules rely on, and the fast sentence-end pattern checked
against its plain form."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from qualitycheck import segment

# The plain form of segment._END_RE: the look-behind before the first mark. Slower (no character
# class to skip to), the same matches.
PLAIN_END_RE = re.compile(r"(?:(?<![.!?])[.!?]+|…)[\"'”’»)\]]*(?=\s)")


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in segment.split_sentences(text, 0, len(text))]


def test_sentences_end_at_terminal_marks_followed_by_space() -> None:
    assert sentences("It rained. Then it stopped! Did it? Yes… It did.") == [
        "It rained.",
        "Then it stopped!",
        "Did it?",
        "Yes…",
        "It did.",
    ]


def test_abbreviations_initials_and_numbers_do_not_end_sentences() -> None:
    text = "Mr. Souza met Ann M. Simmons at No. 5 Downing St. in the U.S. capital. It was late."
    assert sentences(text) == [
        "Mr. Souza met Ann M. Simmons at No. 5 Downing St. in the U.S. capital.",
        "It was late.",
    ]


def test_closing_quotes_stay_with_their_sentence() -> None:
    assert sentences("“We will stay.” He left.") == ["“We will stay.”", "He left."]


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=".!?…\"'”’»)] a\n", max_size=16), st.integers(0, 3))
def test_sentence_end_pattern_agrees_with_its_plain_form(text: str, offset: int) -> None:
    start = min(offset, len(text))  # scanning from inside the text, as blocks are scanned
    fast = [m.span() for m in segment._END_RE.finditer(text, start)]
    assert fast == [m.span() for m in PLAIN_END_RE.finditer(text, start)]


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="abcdefgAMUSé.- 1", max_size=14))
def test_abbreviation_shortcut_agrees_with_the_pattern(word: str) -> None:
    text = f"Before {word}. After"
    dot = len(text) - len(". After")
    assert segment._is_abbreviation(text, dot) == segment._abbreviation_by_pattern(text, dot)
