"""Huge plain-text files are checked in pieces, with positions in the whole file."""

from __future__ import annotations

import itertools

import pytest

from qualitycheck import api
from qualitycheck.api import Checker, chunk_bounds


def test_chunk_bounds_cover_the_text_and_cut_at_paragraph_breaks() -> None:
    text = ("A paragraph of prose.\n\n" * 50) + "tail"
    bounds = list(chunk_bounds(text, 100))
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a == b for (_, a), (b, _) in itertools.pairwise(bounds))
    assert all(text[a - 2 : a] == "\n\n" for a, _ in bounds[1:])


def test_chunked_check_finds_the_same_as_a_whole_check(monkeypatch: pytest.MonkeyPatch) -> None:
    article = (
        "The minister said that the the talks would resume on Monday.\r\n"
        "Write to her at [email protected]\r\n"
        "The committee met in the capital and agreed on a budget for the year.\r\n\r\n"
    )
    text = article * 40
    whole = Checker().check_text(text)
    monkeypatch.setattr(api, "HUGE_TEXT_CHARS", 1000)
    monkeypatch.setattr(api, "CHUNK_CHARS", 700)
    pieces = Checker().check_text(text)
    assert len(pieces.chunks) > 5

    def key(result: api.FileResult) -> list[tuple[object, ...]]:
        # Repeats across pieces are the documented limit: the article repeats itself here.
        return [(f.rule, f.line, f.column, f.end_line, f.end_column, f.text, f.fingerprint)
                for f in result.findings if f.rule != "structure.duplicate-paragraph"]  # fmt: skip

    assert key(pieces) == key(whole)
    assert pieces.stats == whole.stats
    assert pieces.readability == whole.readability
    assert any("pieces" in n for n in pieces.notices)
