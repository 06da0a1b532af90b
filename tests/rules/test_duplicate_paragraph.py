"""structure.duplicate-paragraph: a paragraph copied twice, and similar or short paragraphs left
alone."""

from __future__ import annotations

import pytest

from qualitycheck.document import Block, Document, Extracted
from qualitycheck.rules.structure.duplicate_paragraph import RULE as DUPLICATE
from qualitycheck.testing import flagged, run_rule

_PARA = "Officials said the bridge over the river would reopen on Monday after repairs."


def test_flags_exact_duplicate_paragraph_on_the_second_copy() -> None:
    text = f"{_PARA}\nCrews worked through the night to finish.\n{_PARA}"
    [m] = run_rule(DUPLICATE, text)
    assert m.start == text.rindex(_PARA) and m.end == len(text)
    assert "line 1" in m.message and m.confidence >= 0.9


def test_flags_near_duplicate_ignoring_case_space_and_quote_style() -> None:
    copy = "officials said the bridge over the  river would re-open on Monday after repairs!"
    text = f"{_PARA}\nCrews worked through the night.\n{copy}"
    [m] = run_rule(DUPLICATE, text)
    assert text[m.start : m.end] == copy and m.confidence < 0.9


@pytest.mark.parametrize(
    "text",
    [
        f"{_PARA}\nOfficials said the tunnel under the river would reopen on Friday after repairs.",
        "Read more\nRead more\nRead more",  # short lines: another rule's business
        f"{_PARA}\n{_PARA.replace('Monday', 'Tuesday').replace('bridge', 'ferry')}",
    ],
)
def test_quiet_on_similar_but_different_or_short_paragraphs(text: str) -> None:
    assert flagged(DUPLICATE, text) == []


def test_quiet_on_repeated_table_cells() -> None:
    text = f"{_PARA}\n{_PARA}"
    half = len(_PARA)
    blocks = (Block(0, half, "table_cell"), Block(half + 1, len(text), "table_cell"))
    doc = Document.from_extracted(text, Extracted(text, blocks=blocks), fmt="html")
    assert flagged(DUPLICATE, doc) == []


def test_duplicate_paragraph_quiet_on_near_copies_with_different_numbers() -> None:
    from qualitycheck.rules.structure.duplicate_paragraph import RULE as DUPLICATE

    text = (
        "Optional compilation of the parser was upgraded to version 1.5 of the toolchain.\n"
        "Optional compilation of the parser was upgraded to version 1.6 of the toolchain.\n"
    )
    assert flagged(DUPLICATE, text) == []
    same = text.splitlines()[0] + "\n" + text.splitlines()[0] + "\n"
    assert len(flagged(DUPLICATE, same)) == 1
