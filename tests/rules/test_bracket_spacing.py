"""punctuation.bracket-spacing: a space inside a pair of brackets."""

from __future__ import annotations

import pytest

from qualitycheck.rules.punctuation import bracket_spacing
from qualitycheck.testing import flagged

RULE = bracket_spacing.RULE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A smart phone (called a mobile in Britain ) is a small computer.", [" )"]),
        ("The agency ( in its March report) lowered the forecast.", ["( "]),
        ("The fund (about 3.5% of the total ) was spent.", [" )"]),
    ],
)
def test_flags_spaces_inside_brackets(text: str, expected: list[str]) -> None:
    assert flagged(RULE, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "A smart phone (called a mobile in Britain) is a small computer.",
        "Fill in the form ( ) and tick ( a ) or ( 1 ).",
        "Compute f( x ) and ( a + b ) first; then (x = 1 ) holds.",
        "The list (print using %hist -n )::",
        "An opening bracket on its own line\n(\nand the text after it.",
    ],
)
def test_quiet_on_tight_empty_and_code_brackets(text: str) -> None:
    assert flagged(RULE, text) == []


def test_quiet_on_clean_prose(clean_texts: list[str]) -> None:
    for text in clean_texts:
        assert flagged(RULE, text) == []
