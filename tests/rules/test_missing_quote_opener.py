"""punctuation.missing-quote-opener: speech that closes but never opens."""

from __future__ import annotations

import pytest

from qualitycheck.rules.punctuation import missing_quote_opener
from qualitycheck.testing import flagged

RULE = missing_quote_opener.RULE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The actor spoke to the magazine on Monday.\n"
            "My partner and I have split up. The reason is the age gap between us.” He said no more.",
            ["My partner and I have"],
        ),
        (
            "The coach said he still hoped to stay. Playing here has been my dream since I was a boy.”",
            ["Playing here has been my"],
        ),
        (
            "“We lost,” said the captain, who was tired. We will win the next one, you will see.”",
            ["We will win the next"],
        ),
    ],
)
def test_flags_the_start_of_speech_without_its_opening_mark(text: str, expected: list[str]) -> None:
    assert flagged(RULE, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # paired quotations, narration, a quotation over several paragraphs
        "“My partner and I have split up,” he said. “That is all.”",
        "The minister left the room. The talks had failed, officials said.”",
        "“The first paragraph of my long statement.\nWe will stay here.”",
        "“We start here,\nand we end in the next paragraph.”",
        # inch marks and apostrophes
        "I bought a 12” pipe and my neighbour’s ladder.",
        "My town’s mayor, Kyiv”s envoy and I met.",
    ],
)
def test_quiet_on_paired_quotes_narration_and_marks_that_do_not_close(text: str) -> None:
    assert flagged(RULE, text) == []


def test_quiet_on_clean_prose(clean_texts: list[str]) -> None:
    for text in clean_texts:
        assert flagged(RULE, text) == []
