"""punctuation.unbalanced-quotes: quotation marks without their pair, and apostrophes, inch
marks and paired quotes left alone."""

from __future__ import annotations

import pytest

from qualitycheck.finding import Severity
from qualitycheck.rules.punctuation.unbalanced_quotes import RULE as QUOTES
from qualitycheck.testing import flagged, run_rule


def test_flags_closing_quote_without_opening_quote() -> None:
    text = "The army will not be provoked. Stop at the first order.”"
    [m] = run_rule(QUOTES, text)
    assert (m.start, m.end) == (len(text) - 1, len(text))
    assert m.severity is None and QUOTES.severity is Severity.ERROR


def test_flags_extra_closing_quote_after_a_closed_quotation() -> None:
    text = "“We will stay,” he said. Nobody will leave this city.”"
    [m] = run_rule(QUOTES, text)
    assert m.start == len(text) - 1


def test_quiet_on_speech_across_sentences_of_a_paragraph() -> None:
    text = "“We will stay,” he said. “Nobody will leave. We are ready.”"
    assert flagged(QUOTES, text) == []


def test_quiet_on_multi_paragraph_quotation() -> None:
    text = "“The first paragraph of a long quotation.\n“The second one ends it.”"
    assert flagged(QUOTES, text) == []


def test_flags_opening_quote_left_open_before_narration_as_warning() -> None:
    text = "“An opener that is never closed.\nThe next paragraph is narration."
    [m] = run_rule(QUOTES, text)
    assert m.start == 0
    assert m.severity is Severity.WARNING and m.confidence < 0.7


def test_flags_opening_quote_left_open_at_end_of_document() -> None:
    text = "The mayor spoke.\nHe said: “We will not leave."
    assert flagged(QUOTES, text) == ["“"]


def test_closer_after_an_unconventional_continuation_is_a_warning() -> None:
    text = "“The first paragraph of a long quotation.\nThe second one ends it.”"
    matches = run_rule(QUOTES, text)
    assert [text[m.start] for m in matches] == ["”"]
    assert matches[0].severity is Severity.WARNING


def test_flags_odd_straight_quotes_with_low_confidence() -> None:
    text = 'She said "no" and left. He said "yes and walked out.'
    [m] = run_rule(QUOTES, text)
    assert m.start == text.rindex('"')
    assert m.severity is Severity.WARNING and m.confidence <= 0.5


@pytest.mark.parametrize(
    "text",
    [
        "Kyiv’s mayor said the ’90s were the age of rock ’n’ roll.",
        "He called it a ‘special operation’ and left.",
        'He is 5\'11" tall and bought a 12" pipe.',
        "They printed “2022” on a 12” banner.",
        "«Guillemets» are fine.\n»Danish style« too.",
        "”Swedish style” pairs the same mark.",
        'He said "now". "I will fight," he added.',
        'Use `"` to quote a string.',
    ],
)
def test_quiet_on_apostrophes_inch_marks_and_paired_quotes(text: str) -> None:
    assert flagged(QUOTES, text) == []


def test_flags_an_opening_mark_inside_an_open_quotation() -> None:
    text = "“The legs are fine and the team is strong. “If we can win, we will try,” he said."
    matches = run_rule(QUOTES, text)
    assert [m.start for m in matches] == [text.index("“If")]
    assert matches[0].severity is Severity.WARNING


def test_quiet_on_single_marks_inside_a_quotation() -> None:
    text = "“She told me ‘wait here’, so I waited,” he said. “Then I left.”"
    assert flagged(QUOTES, text) == []
