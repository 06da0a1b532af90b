"""punctuation.stray-mark: doubled, mixed and spaced punctuation, and correct punctuation left
alone."""

from __future__ import annotations

import pytest

from qualitycheck.finding import Severity
from qualitycheck.rules.punctuation.stray_mark import RULE as STRAY
from qualitycheck.testing import flagged, run_rule


def test_flags_full_stop_then_comma_and_suggests_comma_when_sentence_goes_on() -> None:
    text = "It could contaminate the water supply. , causing an environmental disaster."
    [m] = run_rule(STRAY, text)
    assert text[m.start : m.end] == ". ,"
    assert m.suggestions == (",",)
    assert m.severity is None  # the rule's default: error
    assert STRAY.severity is Severity.ERROR


def test_suggests_full_stop_when_a_new_sentence_starts() -> None:
    [m] = run_rule(STRAY, "The talks ended ,. Both sides left.")
    assert m.suggestions == (".",)


@pytest.mark.parametrize(
    ("text", "span", "fix"),
    [
        ("Officials met in Kano,, the ministry said.", ",,", ","),
        ("They left ;; nobody stayed.", " ;;", ";"),
        ("He said, . Then he left.", ", .", "."),
        ("The plan was ready., the officials said.", ".,", ","),
        ("The plant opened in 2022., the company said.", ".,", ","),
        ("Why?, asked the mayor.", "?,", "?"),
        ("It was over!. Then the rain came.", "!.", "!"),
        ("The bridge closed.. Traffic stopped.", "..", "."),
    ],
)
def test_flags_doubled_and_mixed_marks(text: str, span: str, fix: str) -> None:
    [m] = run_rule(STRAY, text)
    assert text[m.start : m.end] == span
    assert m.suggestions == (fix,)


def test_flags_space_before_comma_and_full_stop_as_warnings() -> None:
    text = "Officials met in Lagos ,Abuja and Kano , and then left ."
    matches = run_rule(STRAY, text)
    assert [text[m.start : m.end] for m in matches] == [" ,", " ,", " ."]
    assert [m.suggestions for m in matches] == [(", ",), (",",), (".",)]
    assert all(m.severity is Severity.WARNING for m in matches)


def test_space_before_comma_after_an_abbreviation_keeps_the_abbreviation() -> None:
    text = "Trade with the U.S. , Canada and Mexico grew."
    [m] = run_rule(STRAY, text)
    assert text[m.start : m.end] == " ,"


def test_french_spacing_is_only_info() -> None:
    [m] = run_rule(STRAY, "He asked : why now ?")[:1]
    assert m.severity is Severity.INFO


def test_repeated_exclamation_is_only_info() -> None:
    [m] = run_rule(STRAY, "It was unbelievable!! Nobody expected it.")
    assert m.severity is Severity.INFO


@pytest.mark.parametrize(
    "text",
    [
        "Trade with the U.S., Canada and Mexico grew.",
        "The meeting started at 9 a.m., when the doors opened.",
        "Acme Inc., a logistics firm, agreed.",
        "They sold apples, pears, etc., at the market.",
        "Ann M., the author, agreed.",
        "SAN JOSE, Calif., March 3 — A fire broke out; Salem, Ore., was spared.",
        "He paused . . . then went on.",
        "He paused... then went on.",
        "He paused…, then went on.",
        "Wait, what?! Really?",
        "A .45 caliber pistol was found; 1,597 rounds and 3.5% of the stock.",
        "See https://example.org/a,,b. or write to desk@example.org.",
        "Type `,,` to repeat the delimiter.",
        "Nice :) and fine ;) and sad :(",
        "1. First item\n2. Second item",
        "The key labelled “.,” is broken.",
    ],
)
def test_quiet_on_correct_punctuation(text: str) -> None:
    assert flagged(STRAY, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "... and then he left.",
        "He stopped.\n... and then he left.",
        "He stopped.\n. . . and then he left.",
        "The list went on\n…and on.",
    ],
)
def test_an_ellipsis_that_opens_a_line_is_not_a_stray_mark(text: str) -> None:
    assert flagged(STRAY, text) == []


def test_full_stops_that_open_a_line_and_are_no_ellipsis_are_still_judged() -> None:
    assert flagged(STRAY, "He stopped.\n.., and then he left.") == [".,"]
    assert flagged(STRAY, "The talks ended... . Both sides left.") == []  # an ellipsis, spaced
