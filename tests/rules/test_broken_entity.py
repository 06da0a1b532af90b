"""junk.broken-entity: HTML entities broken up by spaces."""

from __future__ import annotations

import pytest

from qualitycheck.rules.junk import broken_entity
from qualitycheck.testing import flagged, run_rule

RULE = broken_entity.RULE


@pytest.mark.parametrize(
    ("text", "expected", "fix"),
    [
        ("Barnes & amp; Noble reopened.", "& amp;", "&"),
        ("The minister& # 8217;s office said no.", "& # 8217;", "’"),
        ("Salt &amp ; pepper.", "&amp ;", "&"),
        ("He said &# 39;no&# 39;.", "&# 39;", "'"),
        ("A quote & #x201C;here.", "& #x201C;", "“"),
        ("Prices & nbsp; rose.", "& nbsp;", "\u00a0"),
    ],
)
def test_flags_split_entities(text: str, expected: str, fix: str) -> None:
    m = run_rule(RULE, text)[0]
    assert text[m.start : m.end] == expected
    assert m.suggestions == (fix,)


@pytest.mark.parametrize(
    "text",
    [
        "AT&T and R & D; Tom & Jerry; rock & roll.",
        "Salt & pepper; the R&D budget; Q&A at noon.",
        "Write &amp; for an ampersand in HTML.",
        "Smith & Sons; the band & co; a & b; c.",
    ],
)
def test_quiet_on_ampersands_in_prose(text: str) -> None:
    assert flagged(RULE, text) == []


def test_quiet_on_clean_prose(clean_texts: list[str]) -> None:
    for text in clean_texts:
        assert flagged(RULE, text) == []
