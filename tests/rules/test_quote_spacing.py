"""punctuation.quote-spacing: closing quotation marks on the wrong side of a space."""

from __future__ import annotations

import pytest

from qualitycheck.rules.punctuation import quote_spacing
from qualitycheck.testing import flagged

RULE = quote_spacing.RULE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“We will not give up,”she said.", ["”she"]),
        ("“The port is closed”Then the crowd left.", ["”Then"]),
        ("“We need more time, ”said the minister.", [" ”said"]),
        ("“The talks go on ”.", [" ”"]),
        ('"The plan will be ready by the end of March. " The mayor left.', [' "']),
        ('"We waited for hours in the cold rain ", the driver said.', [' "']),
        ('"We went home early and nobody asked us why, "she added.', [' "she']),
        ("He added”“We are ready.”", ["”“"]),
        ("“It is over.” she said quietly.", [".” she"]),
    ],
)
def test_flags_misplaced_closing_marks(text: str, expected: list[str]) -> None:
    assert flagged(RULE, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # correct quotations in every position
        "“We will stay,” he said. “Nobody will leave.”",
        'He called it "a disgrace", and left. "Never again," she said.',
        "The banner read “No to the dam!” and the crowd cheered.",
        "She said: “He told me ‘wait here’, so I waited.”",
        "“Is it over?” she asked. “Yes.”",
        "He quoted the U.S.” and left — no, “the U.S.” was the title.",
        # apostrophes, inch marks, marks quoted as marks, code
        'Kyiv’s mayor and rock ’n’ roll; a 12" pipe and a 5\'11" player.',
        "Type the marks “ ” or a lone ” to see them.",
        'Set `name = "x "` in the file.',
        'print(root, "consumes ")',
        'instead of the default "dirname ":',
        # an odd number of straight marks: pairing is unknown, nothing is said
        'He said "yes and then "no.',
    ],
)
def test_quiet_on_correct_and_ambiguous_quotes(text: str) -> None:
    assert flagged(RULE, text) == []


def test_quiet_on_clean_prose(clean_texts: list[str]) -> None:
    for text in clean_texts:
        assert flagged(RULE, text) == []
