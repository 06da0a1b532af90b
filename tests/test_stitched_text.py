"""Text stitched together around left-out code, URLs and images is not the author's prose: the
engine drops findings that touch such a gap, and keeps the others."""

from __future__ import annotations

from qualitycheck.api import check_text


def rules_and_texts(markdown: str) -> list[tuple[str, str]]:
    return [(f.rule, f.text) for f in check_text(markdown, fmt="markdown").findings]


def test_no_stray_mark_where_inline_code_was_left_out() -> None:
    assert rules_and_texts("Run `pip install x`, then `pytest`, and go home.\n") == []


def test_no_lowercase_start_after_inline_code_at_a_paragraph_start() -> None:
    assert rules_and_texts("# Tools\n\n`pip` is the installer. It works.\n") == []


def test_no_repeated_word_across_a_left_out_link_target() -> None:
    assert rules_and_texts("Open the <https://example.org> the page.\n") == []


def test_damage_away_from_gaps_is_still_reported() -> None:
    found = rules_and_texts("Run `pip` first. Then the the tests run.\n")
    assert found == [("structure.repeated-word", "the the")]


def test_gaps_are_recorded_for_markdown_and_absent_for_plain_text() -> None:
    md = check_text("Use `x` now.\n", fmt="markdown").document
    assert md is not None and md.gaps == (4,)
    txt = check_text("Use `x` now.\n").document
    assert txt is not None and txt.gaps == ()
