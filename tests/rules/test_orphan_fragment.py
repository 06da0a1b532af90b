"""structure.orphan-fragment: stray fragments between paragraphs, and subheadings, bylines,
credits and lists left alone."""

from __future__ import annotations

import pytest

from qualitycheck.document import Block, Document, Extracted
from qualitycheck.finding import Severity
from qualitycheck.rules.structure.orphan_fragment import RULE as ORPHAN
from qualitycheck.testing import flagged, run_rule

_BODY_BEFORE = (
    "Crowds gathered outside the parliament on Sunday, and the police kept their distance.\n"
)


def test_flags_fragment_that_repeats_the_start_of_the_next_line() -> None:
    text = (
        _BODY_BEFORE
        + "Prime Minister\nPrime Minister Ana Souza\nShe promised early elections in spring."
    )
    matches = run_rule(ORPHAN, text)
    assert [text[m.start : m.end] for m in matches] == [
        "Prime Minister",
        "Prime Minister Ana Souza",
    ]
    assert matches[0].severity is Severity.WARNING and matches[0].confidence >= 0.8
    assert matches[1].severity is Severity.INFO  # a title and a name: a caption, less sure


def test_flags_near_copy_of_the_next_line() -> None:
    text = _BODY_BEFORE + "Minister of Finanse\nMinister of Finance Ana Souza said on Monday."
    assert flagged(ORPHAN, text) == ["Minister of Finanse"]


def test_flags_a_short_caption_taken_twice_even_near_the_headline() -> None:
    text = (
        "How to clear the cache on your phone\n"
        "Open the storage settings. (Screenshot)\n"
        "Open the storage settings.  (Screenshot)\n"
        "The menu lists every app with the space it uses, and each one can be cleared alone.\n"
        "A full cache slows the phone down.\n"
        "Tap ‘Clear cache’ to finish\n"
        "Tap 'clear cache' to finish\n"
        "The app restarts with an empty cache and signs you in again.\n"
    )
    found = run_rule(ORPHAN, text)
    assert [text[m.start : m.end] for m in found] == [
        "Open the storage settings. (Screenshot)",
        "Tap ‘Clear cache’ to finish",
    ]
    assert all(m.severity is Severity.WARNING and "twice" in m.message for m in found)


@pytest.mark.parametrize(
    "text",
    [
        # a chorus or a repeated slogan is no debris; nor two different short lines
        "The crowd chanted for an hour.\nNo more war\nNo more war!\nThen it went home.\n",
        "Results\nPoland 2 Spain 1\nPoland 2 Spain 2\nThe second leg is in May.\n",
        "- Bring water\n- Bring water\nThe list was handed out twice by mistake.\n",
    ],
)
def test_quiet_on_lines_that_only_look_alike(text: str) -> None:
    assert flagged(ORPHAN, text) == []


def test_flags_job_title_alone_between_paragraphs() -> None:
    text = _BODY_BEFORE + "Foreign Minister\nThe talks will resume on Thursday in Geneva."
    [m] = run_rule(ORPHAN, text)
    assert doc_text(text, m) == "Foreign Minister" and m.severity is Severity.WARNING


def test_flags_fragment_that_interrupts_a_sentence() -> None:
    text = _BODY_BEFORE + "The army said it would\nRelated coverage\nwithdraw before the winter."
    assert flagged(ORPHAN, text) == ["Related coverage"]


@pytest.mark.parametrize(
    "text",
    [
        _BODY_BEFORE + "Economic fallout\nSmall businesses lost the most, the chamber said.",
        _BODY_BEFORE + "What comes next\nThe vote is due in June.",
        "Floods Hit the North\n" + _BODY_BEFORE,  # the headline at the top
        _BODY_BEFORE + "By Ana Souza\nThe talks will resume on Thursday.",
        _BODY_BEFORE + "(Photo: Reuters)\nThe talks will resume on Thursday.",
        _BODY_BEFORE + "— Reuters\nMore from the region follows below.",
        _BODY_BEFORE + "- Generators\n- Heating points\nThe council will vote.",
        _BODY_BEFORE + "Troops withdrawn\nThe talks will resume on Thursday.",  # has a verb
        _BODY_BEFORE + "The talks resume\nThe talks resume on Thursday in Geneva.",
        _BODY_BEFORE + "Foreign Minister",  # the last line: not between paragraphs
    ],
)
def test_quiet_on_subheadings_bylines_credits_and_lists(text: str) -> None:
    assert flagged(ORPHAN, text) == []


def test_quiet_on_captions_marked_up_as_such() -> None:
    text = _BODY_BEFORE + "Foreign Minister\nThe talks will resume on Thursday."
    first_end = len(_BODY_BEFORE) - 1
    caption_end = first_end + 1 + len("Foreign Minister")
    blocks = (
        Block(0, first_end),
        Block(first_end + 1, caption_end, "caption"),
        Block(caption_end + 1, len(text)),
    )
    doc = Document.from_extracted(text, Extracted(text, blocks=blocks), fmt="html")
    assert flagged(ORPHAN, doc) == []


def doc_text(text: str, m: object) -> str:
    start, end = m.start, m.end  # type: ignore[attr-defined]
    return text[start:end]
