"""punctuation.locale-number: numbers in another language's format."""

from __future__ import annotations

import pytest

from qualitycheck.rules.punctuation import locale_number
from qualitycheck.testing import flagged, run_rule

RULE = locale_number.RULE


@pytest.mark.parametrize(
    ("text", "expected", "fix"),
    [
        ("Inflation rose to 3,5% in May.", "3,5", "3.5"),
        ("The deficit was 2,75 million euros.", "2,75", "2.75"),
        ("The bill came to 1.234,56 euros.", "1.234,56", "1,234.56"),
        ("Tickets cost €3,5 at the door.", "3,5", "3.5"),
        ("The fare is $ 12 for adults.", "$ ", "$"),
        ("Exports reached 15,000 million euros.", "15,000 million", "15 billion"),
        ("Shares closed higher (+ 4.1%) on Friday.", "(+ 4.1%)", "(+4.1%)"),
        ("Sales fell (- 2%) in June.", "(- 2%)", "(-2%)"),
    ],
)
def test_flags_foreign_number_formats(text: str, expected: str, fix: str) -> None:
    [m] = run_rule(RULE, text)
    assert text[m.start : m.end] == expected
    assert m.suggestions == (fix,)


@pytest.mark.parametrize(
    "text",
    [
        "About 1,500 people and 12,000 cars crossed; the fund holds $1,500,000.",
        "Read verses 3,4 and 5; the score was 2-1 and then 3-3.",
        "In 2019,20 people died on that road.",
        "Prices rose 3.5% to $12.50, €5 and £3.50; the budget is 15 billion euros.",
        "Version 3.2.0 ships at 9:30 a.m.; US$5 buys a coffee.",
        "The index rose +4.1% and then fell -2%, while 2 + 3 = 5.",
        "Run `echo $ 12` in the shell.",
    ],
)
def test_quiet_on_english_numbers(text: str) -> None:
    assert flagged(RULE, text) == []


def test_quiet_on_clean_prose(clean_texts: list[str]) -> None:
    for text in clean_texts:
        assert flagged(RULE, text) == []
