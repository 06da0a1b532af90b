"""structure.repeated-word: a word written twice, and legitimate doubles, names and numbers left
alone."""

from __future__ import annotations

import pytest

from qualitycheck.document import Block, Document, Extracted
from qualitycheck.finding import Severity
from qualitycheck.rules.structure.repeated_word import RULE as REPEATED
from qualitycheck.testing import flagged, run_rule


def test_flags_repeated_function_word_as_error_and_suggests_one() -> None:
    text = "Russian forces shelled the the city for a third night."
    [m] = run_rule(REPEATED, text)
    assert text[m.start : m.end] == "the the"
    assert m.suggestions == ("the",) and m.severity is None
    assert REPEATED.severity is Severity.ERROR


def test_flags_repeated_word_case_insensitively_keeping_the_first_case() -> None:
    text = "The the army left at dawn."
    [m] = run_rule(REPEATED, text)
    assert text[m.start : m.end] == "The the" and m.suggestions == ("The",)


def test_flags_a_run_of_repeats_once() -> None:
    text = "They wanted exposure without the risks of of of a restructuring."
    [m] = run_rule(REPEATED, text)
    assert text[m.start : m.end] == "of of of" and m.suggestions == ("of",)


def test_flags_repeated_content_word_as_warning() -> None:
    [m] = run_rule(REPEATED, "The army army withdrew.")
    assert m.severity is Severity.WARNING


def test_flags_repeat_across_a_line_break_inside_a_paragraph() -> None:
    text = "Russian forces shelled the\nthe city for a third night."
    doc = Document.from_extracted(text, Extracted(text, blocks=(Block(0, len(text)),)), fmt="text")
    assert flagged(REPEATED, doc) == ["the\nthe"]


def test_quiet_on_repeat_across_paragraphs() -> None:
    assert flagged(REPEATED, "They looked at the\nthe next paragraph starts here.") == []


@pytest.mark.parametrize(
    "text",
    [
        "What he had had was gone.",
        "He said that that was over.",
        "Walla Walla and Bora Bora; Sirhan Sirhan was tried; Baden-Baden is a spa.",
        "The score was 10 10 at the break.",
        "“Bye bye,” she said. It was very very cold.",
        "He is. Is it over?",
        "They came in. In the morning they left.",
    ],
)
def test_quiet_on_legitimate_doubles_names_and_numbers(text: str) -> None:
    assert flagged(REPEATED, text) == []


@pytest.mark.parametrize(
    "text", ["What it is is a question of money.", "The clerk gave her her passport back."]
)
def test_rare_grammatical_double_is_only_info(text: str) -> None:
    [m] = run_rule(REPEATED, text)
    assert m.severity is Severity.INFO


def test_is_is_outside_a_cleft_is_a_warning() -> None:
    [m] = run_rule(REPEATED, "The new timetable is is ready for the spring.")
    assert m.severity is Severity.WARNING
