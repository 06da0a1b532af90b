"""punctuation.unbalanced-brackets: brackets without their pair, and labels, emoticons and
balanced brackets left alone."""

from __future__ import annotations

import pytest

from qualitycheck.finding import Severity
from qualitycheck.rules.punctuation.unbalanced_brackets import RULE as BRACKETS
from qualitycheck.testing import flagged, run_rule


def test_flags_lone_closing_bracket() -> None:
    text = "The ministry said 40 people were hurt) in the blast."
    [m] = run_rule(BRACKETS, text)
    assert text[m.start : m.end] == ")" and m.severity is None


def test_flags_unclosed_opening_bracket_as_warning() -> None:
    text = "The plant (Europe's largest supplies a fifth of the power."
    [m] = run_rule(BRACKETS, text)
    assert m.start == text.index("(") and m.severity is Severity.WARNING


def test_flags_mismatched_brackets() -> None:
    text = "He said (quietly] that it was over."
    assert sorted(flagged(BRACKETS, text)) == ["(", "]"]


def test_unclosed_bracket_is_judged_per_paragraph() -> None:
    text = "The plant (Europe's largest\nsupplies a fifth of the power)."
    assert flagged(BRACKETS, text) == ["(", ")"]


def test_a_pair_split_over_a_column_of_short_lines_is_one_finding() -> None:
    # A scraped aside whose words were a link: "(" and ")" each on a line of their own.
    text = "Forecasts come from the national weather office\n(\nSMHI\n).\nRain is due.\n"
    [m] = run_rule(BRACKETS, text)
    assert m.start == text.index("(") and m.severity is Severity.WARNING
    assert "split" in m.message
    # too far apart, or with a paragraph between them, they are two faults again
    far = "Forecasts come from the office\n(\nSMHI\nand\nothers\n).\n"
    assert flagged(BRACKETS, far) == ["(", ")"]
    prose = "The office (\nsaid in a statement that it expected rain all week\n)."
    assert flagged(BRACKETS, prose) == ["(", ")"]


@pytest.mark.parametrize(
    "text",
    [
        "Choose a) tea or b) coffee.",
        "a) first\n1) second\niv) third",
        "(a) one and (b) two",
        "Great :) and ;-) and sad :(",
        "The interval [0, 1) is half-open.",
        "(See https://en.wikipedia.org/wiki/Mercury_(planet) for details.)",
        "The party (which won (narrowly) in 2019) said [sic] no.",
        "The bill (HB 12) passed; call {name} in the template.",
    ],
)
def test_quiet_on_labels_emoticons_and_balanced_brackets(text: str) -> None:
    assert flagged(BRACKETS, text) == []


def test_quiet_on_a_closing_bracket_before_a_colon() -> None:
    from qualitycheck.rules.punctuation.unbalanced_brackets import RULE as BRACKETS

    assert flagged(BRACKETS, "Install it and check a sample (Python 3.11+):") == []
    assert flagged(BRACKETS, "Two cases (a and b): both fail.") == []
