"""structure.truncated-sentence: lines cut mid-sentence, and headlines, lists, bylines and
complete lines left alone."""

from __future__ import annotations

import pytest

from qualitycheck.document import Block, Document, Extracted
from qualitycheck.finding import Severity
from qualitycheck.rules.structure.truncated_sentence import RULE as TRUNCATED
from qualitycheck.testing import flagged, run_rule


def test_flags_line_that_stops_on_a_preposition() -> None:
    text = "The mayor wrote in\nAfter the visitors entered the hall, he left."
    [m] = run_rule(TRUNCATED, text)
    assert text[m.start : m.end] == "in"
    assert m.confidence >= 0.85 and m.severity is Severity.ERROR
    assert "line break" in m.message and "source" in m.message


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Officials said the\nbridge was closed.", "the"),
        ("The minister said that\nThe talks would resume.", "that"),
        ("The plan, officials said,\nWould be ready by June.", ","),
        ("The army said it would\nwithdraw before the winter.", "would"),
        (
            "Engineers agreed to send data every month, the minister told\nReporters on Tuesday.",
            "told",
        ),
    ],
)
def test_flags_lines_cut_mid_sentence(text: str, word: str) -> None:
    assert flagged(TRUNCATED, text) == [word]


def test_long_paragraph_without_an_end_is_a_low_confidence_warning() -> None:
    text = (
        "Media groups said they would challenge the law in court if it was adopted, and asked "
        "international partners and foreign embassies in the capital to closely monitor\n"
        "The situation of journalists in the regions is difficult."
    )
    [m] = run_rule(TRUNCATED, text)
    assert text[m.start : m.end] == "monitor"
    assert m.confidence <= 0.5 and m.severity is None  # the rule's default: warning
    assert TRUNCATED.severity is Severity.WARNING


@pytest.mark.parametrize(
    "text",
    [
        "What Comes Next for the\nUkrainian Army Is Unclear",  # title case
        "The demands were:\n- a ceasefire",  # colon before a list
        "The demands include\n- a ceasefire",  # a list follows
        "By Ana Souza and\nLee Min-jun",  # a byline
        "LAGOS, Nigeria —\nFuel prices rose again.",  # a dateline on its own line
        "Prices went up\nThe central bank said so.",  # a phrasal verb, no full stop
        "Economic fallout in the region\nThe war hit trade.",  # a sentence-case subheading
        "Putin warns US against deploying missiles in Germany\nTwo killed in flood in Spain",
        "I like that\nThe army left.",  # "that" may end a sentence
        "What to watch for\nThe vote is on Sunday.",  # wh-headings strand prepositions
        "Where the money comes from\nThe fund was set up in 2019.",
        "Things to look forward to\nThe festival opens in May.",
        "Two children killed, 11 injured in attack at dance party in UK, teen arrested\nMore",
        "The last line of the document stops with the",  # nothing follows it
        "Copyright © 2024 Example Media Ltd. all rights reserved 5f3a\nMore Stories",
    ],
)
def test_quiet_on_headlines_lists_bylines_and_complete_lines(text: str) -> None:
    assert flagged(TRUNCATED, text) == []


def test_quiet_on_a_two_sentence_headline_without_a_full_stop() -> None:
    # A headline may hold two short sentences and end without a full stop; the same lines
    # further down, inside the body, are a paragraph that simply stops.
    text = (
        "Floods close the ring road again. Drivers are told to stay at home\n"
        "Heavy rain fell over the capital for a third night, and the river rose by a metre.\n"
    )
    assert flagged(TRUNCATED, text) == []
    body = "Heavy rain fell over the capital for a third night.\n" + text
    assert flagged(TRUNCATED, body) == ["home"]


def test_quiet_before_a_line_that_starts_with_a_word_lower_cased_on_purpose() -> None:
    # A list of article titles and journals: "fMRI" and "iPhone" are written so on purpose and
    # carry no sentence on from the line before.
    text = (
        "Sea ice retreats faster than models predicted – Polar Research\n"
        "fMRI maps how bats track sound – Brain Reports\n"
        "iPhone sensors used to count traffic – Urban Data\n"
        "Soil microbes and drought – Ecology Letters\n"
    )
    assert flagged(TRUNCATED, text) == []
    # a line that really carries on in lower case is still one
    assert flagged(TRUNCATED, "The delegates said they would meet again\nnext week in Vienna.") == [
        "again"
    ]


def test_flags_sentence_split_across_a_column_of_one_name_lines() -> None:
    # Names that were links, each left on a line of its own, with the commas between them.
    text = (
        "Snow and ice are expected overnight in the north of the country.\n"
        "The warning covers\n"
        "Tromsø\n"
        ",\n"
        "Bodø\n"
        "and the coast between them.\n"
    )
    [m] = run_rule(TRUNCATED, text)
    assert text[m.start : m.end] == "covers"
    assert m.severity is None and m.confidence == 0.6
    assert "one-name lines" in m.message
    # a subheading followed by a paragraph is no column of names
    quiet = "Snow in the north\nTromsø\nThe warning covers the coast.\n"
    assert flagged(TRUNCATED, quiet) == []


def test_quiet_on_headings_from_markup() -> None:
    text = "Reasons to stay in\nThe city has changed."
    blocks = (Block(0, 18, "heading"), Block(19, len(text), "paragraph"))
    doc = Document.from_extracted(text, Extracted(text, blocks=blocks), fmt="markdown")
    assert flagged(TRUNCATED, doc) == []
