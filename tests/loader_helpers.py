"""Helpers shared by the Markdown and HTML loader tests."""

from __future__ import annotations

from qualitycheck.document import Document


def blocks(doc: Document) -> list[tuple[str, str]]:
    """Each block's text and kind."""
    return [(doc.block_text(b), b.kind) for b in doc.blocks]


def located(doc: Document, needle: str) -> str:
    """The source text that the first occurrence of ``needle`` in the text maps to."""
    i = doc.text.index(needle)
    s, e = doc.source_span(i, i + len(needle))
    return doc.source[s:e]


def assert_blocks_are_trimmed_lines(doc: Document) -> None:
    for b in doc.blocks:
        block = doc.text[b.start : b.end]
        assert block and block == block.strip() and "\n" not in block
