"""junk.slug-line: a bracketed agency or tag slug alone on a line."""

from __future__ import annotations

import pytest

from qualitycheck.rules.junk import slug_line
from qualitycheck.testing import flagged

RULE = slug_line.RULE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(NEWSWIRE) – Lyon, 3 May 2024\nThe council voted.", ["(NEWSWIRE) – Lyon, 3 May 2024"]),
        (
            "(NEWSWIRE) – Fri 03 May 2024 PRESS RELEASE\nThe council voted.",
            ["(NEWSWIRE) – Fri 03 May 2024 PRESS RELEASE"],
        ),
        ("[UPDATE]\nThe council voted again.", ["[UPDATE]"]),
        ("The council voted.\n  (LIVE)  \nMore votes followed.", ["(LIVE)"]),
    ],
)
def test_flags_slug_lines(text: str, expected: list[str]) -> None:
    assert flagged(RULE, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "LYON (Reuters) – The council voted on Friday to close the market hall.",
        "(AP) — The water has gone down in most of the city.",
        "(Reuters) – Lyon, 3 May",
        "(EU) 2016/679\n(1)\n[OBJECT TYPE]",
        "(Request for a preliminary ruling from the court)",
        "(NEWSWIRE) – the council met in the old town hall",
    ],
)
def test_quiet_on_datelines_short_tags_and_prose(text: str) -> None:
    assert flagged(RULE, text) == []


def test_quiet_on_clean_prose(clean_texts: list[str]) -> None:
    for text in clean_texts:
        assert flagged(RULE, text) == []
