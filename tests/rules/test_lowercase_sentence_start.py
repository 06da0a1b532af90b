"""case.lowercase-sentence-start: what it flags and, next to it, the clean prose it must leave
alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLES, expected_rows, load_sample, warned

from qualitycheck.document import Block, Document, Extracted
from qualitycheck.finding import Severity
from qualitycheck.rules.case.lowercase_sentence_start import RULE as LOWERCASE
from qualitycheck.testing import flagged, run_rule


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The talks ended. the delegates left for the airport.", ["the"]),
        ("Readers can reach us by email.\nwrite to the editors at the address below.", ["write"]),
        ("It happened in 2022. the year of the invasion began badly.", ["the"]),
        ("police said the march was peaceful.", ["police"]),
    ],
)
def test_flags_sentence_starting_lower_case(text: str, expected: list[str]) -> None:
    assert warned(LOWERCASE, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("BOGOTÁ.- the city council approved the new budget on Monday.", ["the"]),
        ("Santiago de Chile (EFE).- the strike ended after nine days.", ["the"]),
        ("LIMA, Peru (AP) — the president named a new cabinet.", ["the"]),
        ("Valparaíso.– heavy rain closed the port for a second day.", ["heavy"]),
    ],
)
def test_flags_lower_case_start_after_a_dateline(text: str, expected: list[str]) -> None:
    [m] = run_rule(LOWERCASE, text)
    assert [text[m.start : m.end]] == expected
    assert "dateline" in m.message and m.suggestions[0][0].isupper()


@pytest.mark.parametrize(
    "text",
    [
        "BOGOTÁ.- The city council approved the new budget on Monday.",
        "LIMA, Peru (AP) — The president named a new cabinet.",
        "MADRID (Reuters) - iPhone sales rose in Spain last quarter.",
    ],
)
def test_quiet_after_a_dateline_with_a_capital_or_a_deliberate_lower_case(text: str) -> None:
    assert warned(LOWERCASE, text) == []


def test_suggests_the_capitalised_word() -> None:
    doc = Document.from_text("The talks ended. the delegates left.")
    (match,) = run_rule(LOWERCASE, doc)
    assert match.suggestions == ("The",)


def test_flags_the_example_article_sign_off(seed_text: str) -> None:
    assert flagged(LOWERCASE, seed_text) == ["write"]


@pytest.mark.parametrize(
    "text",
    [
        "“Why now?” she asked. “Because we have no choice.”",
        '"Who will pay for it?" asked one resident.',
        "iPhone sales rose by 6 percent in the quarter.",
        "The firm sold the shares.\neBay said the listing had been removed.",
        "Follow the latest news.\n@newsdesk on social media",
        "Visit our site.\nhttps://example.com/news for more.",
        "Visit our site.\nwww.example.com has the details.",
        "Set the variable first.\nx = 3 gives the starting value",
        "The vaccine uses new technology.\nmRNA vaccines were developed in months.",
        "Shoppers bought:\n- apples\n- pears",
        "The list includes the following items:\napples, pears and plums.",
        "Kherson Mayor Igor Kulekhaev wrote in\nafter armed visitors entered the building.",
        "The shops were closed\nbecause of the strike, the union said.",
        "The company moved to San Jose, Calif. residents were surprised.",
        "The meeting starts at 9 a.m. the mayor will attend.",
        "He waited... and then he left.",
        "These boats are rare. e.g. the ones in the harbour.",
        "Yahoo! said it would cut jobs.",
        "The protest was large.\nჩვენ არ წავალთ.",
        "Prices rose.\n3 people were hurt.",
    ],
)
def test_quiet_on_deliberate_or_continued_lower_case(text: str) -> None:
    assert flagged(LOWERCASE, text) == []


def test_name_particle_at_start_is_info_only() -> None:
    doc = Document.from_text(
        "The general spoke at length.\nde Gaulle was remembered in the speech."
    )
    (match,) = run_rule(LOWERCASE, doc)
    assert doc.text[match.start : match.end] == "de"
    assert match.severity == Severity.INFO


def test_flags_lower_case_paragraph_after_markdown_heading() -> None:
    from qualitycheck.loaders import load_text

    doc = load_text("# Power cuts\n\nthe city ran out of fuel on Monday.\n", "markdown", "a.md")
    assert flagged(LOWERCASE, doc) == ["the"]


def test_quiet_on_markdown_list_items() -> None:
    text = "We need:\nfresh water\nmedicine"
    doc = Document.from_extracted(
        text,
        Extracted(
            text, blocks=(Block(0, 8), Block(9, 20, "list_item"), Block(21, 29, "list_item"))
        ),
        fmt="markdown",
    )
    assert flagged(LOWERCASE, doc) == []


# -- the project's samples -------------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted((SAMPLES / "clean").glob("*.*")), ids=lambda p: p.name)
def test_quiet_on_clean_samples(path: Path) -> None:
    assert flagged(LOWERCASE, load_sample(path)) == []


@pytest.mark.parametrize(
    ("path", "line", "text"),
    [
        pytest.param(path, line, text, id=f"{path.name}:{line}:{text}")
        for path, _, line, text in expected_rows(LOWERCASE.id)
    ],
)
def test_finds_expected_findings_in_garbled_samples(path: Path, line: int, text: str) -> None:
    doc = load_sample(path)
    found = [
        (doc.line_col(doc.source_span(m.start, m.end)[0])[0], doc.text[m.start : m.end])
        for m in run_rule(LOWERCASE, doc)
    ]
    assert (line, text) in found


def test_lowercase_start_quiet_on_lower_case_tool_names_and_paths() -> None:
    text = "The tool is small.\ntextstat counts syllables. qualitycheck reads it.\ndocs/rules.md lists them.\n"
    assert flagged(LOWERCASE, text) == []
    assert flagged(LOWERCASE, "The tool is small.\nwrite to the editor at once.\n") == ["write"]


def test_lowercase_start_after_a_paragraph_that_ends_with_a_quote() -> None:
    text = "“We know the drill,” she said. “But it never gets easier.”\nfurther upstream, the river rose.\n"
    assert flagged(LOWERCASE, text) == ["further"]
    # within one paragraph, lower case after a closing quote is normal speech attribution
    assert flagged(LOWERCASE, "“Why now?” she asked. “Because we must.” he said nothing more.\n") == []
