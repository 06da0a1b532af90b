from __future__ import annotations

import pytest

from qualitycheck.rules.structure import mixed_spelling
from qualitycheck.testing import flagged, run_rule


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("Eating yogurt every day is good for you. Drinking yoghurt helps too.", ["yoghurt"]),
        (
            "The colour was bright. The colours faded, and the color of the walls changed.",
            ["color"],
        ),
        ("The team travelled to Rome and then traveled home.", ["traveled"]),
        ("Its defence was weak, and the defense minister resigned.", ["defense"]),
        ("The old theatre closed. Two theaters remain, and the theaters are full.", ["theatre"]),
        ("Grey clouds and gray skies over the city.", ["gray"]),
    ],
)
def test_flags_the_spelling_used_less(text: str, spans: list[str]) -> None:
    assert flagged(mixed_spelling.RULE, text) == spans


def test_suggests_the_other_spelling_in_the_same_case() -> None:
    (m,) = run_rule(mixed_spelling.RULE, "The centre of town was empty. Center stage stood empty.")
    assert m.suggestions == ("Centre",)


@pytest.mark.parametrize(
    "text",
    [
        "The Lincoln Center is in the centre of our story.",
        "She organised the trip and realized the colour was wrong.",
        "The labour market and the new laboratory.",
        "Use --color to colour the output; NO_COLOR turns it off.",
        "Keywords: ansi,color,colour,terminal",
        "The licence was renewed, and they license the software to schools.",
        "The honour of an honorary degree.",
    ],
)
def test_leaves_english_alone(text: str) -> None:
    assert flagged(mixed_spelling.RULE, text) == []


def test_leaves_clean_prose_alone(clean_texts: list[str]) -> None:
    for text in clean_texts:
        assert flagged(mixed_spelling.RULE, text) == []
