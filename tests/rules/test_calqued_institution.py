from __future__ import annotations

import pytest

from qualitycheck.rules.names import calqued_institution
from qualitycheck.testing import flagged


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Forecasters at the Agency State Meteorology warned of storms.", ["Agency State Meteorology"]),
        ("The figures come from the Institute National Statistics and Census.", ["Institute National Statistics"]),
        ("A spokesman for the Ministry Federal Finance declined to comment.", ["Ministry Federal Finance"]),
        ("The case went to the Court Supreme Justice on Monday.", ["Court Supreme Justice"]),
    ],
)
def test_flags_head_first_names(text: str, expected: list[str]) -> None:
    assert flagged(calqued_institution.RULE, text) == expected


def test_suggests_the_head_last() -> None:
    from qualitycheck.document import Document
    from qualitycheck.testing import run_rule

    doc = Document.from_text("Forecasters at the Agency State Meteorology warned of storms.")
    (match,) = run_rule(calqued_institution.RULE, doc)
    assert match.suggestions == ("State Meteorology Agency",)


@pytest.mark.parametrize(
    "text",
    [
        "Forecasters at the State Meteorological Agency warned of storms.",
        "The National Statistics Institute published the census on Monday.",
        "Health Ministry General Secretary Resigns After Audit",  # title-case headline
        "He spoke to the Health Ministry General Secretary on Friday.",  # a longer English name
        "The Office National des Forêts manages the state forests of France.",  # kept in French
        "Officers checked the records on the Police National Computer.",
        "Agency National Records\nThe archive opened on Monday.",  # a line of its own
        "The archive moved in May.\nAgency National Records\nIt opened on Monday.",
        "Ask the Council General Purposes Committee for the minutes.",
        "The Federal Reserve and the Supreme Court met different fates.",
    ],
)
def test_leaves_english_and_foreign_names_alone(text: str) -> None:
    assert flagged(calqued_institution.RULE, text) == []


def test_quiet_on_clean_prose(clean_texts: list[str]) -> None:
    for text in clean_texts:
        assert flagged(calqued_institution.RULE, text) == []


def test_flags_a_name_on_a_line_split_from_its_sentence() -> None:
    text = "Rain is likely, according to the forecast of the\nAgency State Meteorology\n(AEMET)."
    assert flagged(calqued_institution.RULE, text) == ["Agency State Meteorology"]
