"""Decoding, format detection, directives and the text builder shared by the loaders."""

from __future__ import annotations

import codecs

import pytest

from qualitycheck.document import Directive
from qualitycheck.loaders import (
    LoadError,
    TextBuilder,
    decode,
    detect_format,
    load_bytes,
    load_text,
)
from qualitycheck.loaders.directives import find_directives, parse_directive

PROSE = "The council met on Thursday. Café owners in Zaporizhzhia said prices rose.\n"


# -- decode ---------------------------------------------------------------------------------
def test_decodes_plain_utf8() -> None:
    assert decode(PROSE.encode("utf-8")) == PROSE


def test_strips_utf8_bom() -> None:
    assert decode(codecs.BOM_UTF8 + PROSE.encode("utf-8")) == PROSE


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_decodes_utf16_and_utf32_with_bom(encoding: str) -> None:
    bom = {
        "utf-16-le": codecs.BOM_UTF16_LE,
        "utf-16-be": codecs.BOM_UTF16_BE,
        "utf-32-le": codecs.BOM_UTF32_LE,
        "utf-32-be": codecs.BOM_UTF32_BE,
    }.get(encoding, b"")
    data = bom + PROSE.encode(encoding)  # "utf-16" writes its own BOM
    assert decode(data) == PROSE


def test_decodes_bomless_utf16_le() -> None:
    assert decode((PROSE * 3).encode("utf-16-le")) == PROSE * 3


def test_falls_back_to_detection_for_legacy_encodings() -> None:
    text = (
        "Les habitants de la région ont déclaré que la situation était très difficile. "
        "Le maire a précisé que les écoles resteraient fermées jusqu'à nouvel ordre.\n"
    ) * 5
    assert decode(text.encode("cp1252")) == text


def test_refuses_binary_data_with_nul_bytes() -> None:
    data = bytes(range(256)) * 8
    with pytest.raises(LoadError, match=r"^not a text file \(binary data\)$"):
        decode(data)


def test_refuses_text_full_of_control_characters() -> None:
    data = ("ab\x01\x02\x03\x04" * 200).encode()
    with pytest.raises(LoadError, match="binary data"):
        decode(data)


def test_refuses_undecodable_data_without_confident_guess() -> None:
    data = bytes([0xC3, 0x28, 0xFF, 0xFE, 0x80, 0x81, 0xA0]) * 3
    with pytest.raises(LoadError) as info:
        decode(data)
    assert str(info.value) in (
        "cannot decode as UTF-8 and no encoding detected",
        "not a text file (binary data)",
    )


def test_declared_encoding_is_used_strictly() -> None:
    assert decode("Zürich".encode("latin-1"), "latin-1") == "Zürich"
    with pytest.raises(LoadError, match="cannot decode as utf-8"):
        decode("Zürich".encode("latin-1"), "utf-8")


def test_declared_utf8_still_drops_the_bom() -> None:
    assert decode(codecs.BOM_UTF8 + b"Hello", "utf-8") == "Hello"


def test_unknown_declared_encoding_is_a_load_error() -> None:
    with pytest.raises(LoadError, match=r"^unknown encoding 'xyz'$"):
        decode(b"Hello", "xyz")


def test_decodes_empty_input() -> None:
    assert decode(b"") == ""


# -- formats --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("path", "fmt"),
    [
        ("a.txt", "text"),
        ("a.TEXT", "text"),
        ("docs/a.md", "markdown"),
        ("a.markdown", "markdown"),
        ("a.html", "html"),
        ("a.HTM", "html"),
        ("a.xhtml", "html"),
        ("a.csv", "text"),
        ("README", "text"),
        (None, "text"),
    ],
)
def test_detects_format_from_extension(path: str | None, fmt: str) -> None:
    assert detect_format(path) == fmt


def test_declared_format_wins_over_extension() -> None:
    assert detect_format("page.txt", "md") == "markdown"
    assert detect_format(None, "HTML") == "html"
    with pytest.raises(LoadError, match="unknown format"):
        detect_format("a.md", "docx")


def test_plain_text_is_loaded_as_is() -> None:
    doc = load_text("First line.\nSecond line.\n", "text")
    assert doc.text == doc.source
    assert doc.offsets is None
    assert [doc.block_text(b) for b in doc.blocks] == ["First line.", "Second line."]


def test_load_bytes_decodes_and_extracts() -> None:
    doc = load_bytes(b"# Title\n\nBody &amp; text.\n", fmt="markdown", path="x.md")
    assert doc.text == "Title\nBody & text."
    assert doc.format == "markdown" and doc.path == "x.md"
    with pytest.raises(LoadError):
        load_bytes(b"\x00\x01\x02\x03" * 100, fmt="text")


# -- directives -----------------------------------------------------------------------------
def test_parses_directives_with_rules_and_categories() -> None:
    d = parse_directive(" qualitycheck: disable case.capital-mid-sentence, punctuation ", 7)
    assert d == Directive("disable", ("case.capital-mid-sentence", "punctuation"), 7)
    assert parse_directive("qualitycheck: enable case", 0) == Directive("enable", ("case",), 0)
    assert parse_directive("qualitycheck:disable-next-line", 3) == Directive(
        "disable-next-line", (), 3
    )


def test_keeps_malformed_directives_as_invalid() -> None:
    d = parse_directive(" qualitycheck: silence case ", 5)
    assert d is not None and d.action == "invalid" and d.rules == ("silence", "case")
    d = parse_directive(" qualitycheck: disable Case!! ", 0)
    assert d is not None and d.action == "invalid"
    d = parse_directive(" qualitycheck: ", 0)
    assert d is not None and d.action == "invalid"


def test_ignores_ordinary_comments() -> None:
    assert parse_directive(" TODO: check this ", 0) is None
    assert parse_directive(" qualitycheckers are great ", 0) is None


def test_finds_directives_in_markup_at_source_offsets() -> None:
    markup = "x <!-- a --> <!-- qualitycheck: disable junk -->"
    found = find_directives(markup, 100)
    assert found == [Directive("disable", ("junk",), 100 + markup.index("<!-- q"))]


# -- the text builder -----------------------------------------------------------------------
def test_builder_separates_blocks_and_trims_them() -> None:
    b = TextBuilder()
    b.begin_block("heading")
    b.add("  Title ", 10)
    b.begin_block("paragraph")
    b.add_space(30)
    b.add("Body", 31)
    b.add_space(35)
    ex = b.build()
    assert ex.text == "Title\nBody"
    assert ex.blocks is not None
    assert [(blk.start, blk.end, blk.kind) for blk in ex.blocks] == [
        (0, 5, "heading"),
        (6, 10, "paragraph"),
    ]
    assert list(ex.offsets or []) == [12, 13, 14, 15, 16, 17, 31, 32, 33, 34, 35]


def test_builder_tidies_spacing_around_left_out_text() -> None:
    b = TextBuilder()
    b.add("see ", 0)
    b.gap()
    b.add(", then go ", 10)
    b.gap()
    b.add(" home", 30)
    ex = b.build()
    assert ex.text == "see, then go home"


def test_builder_drops_empty_blocks() -> None:
    b = TextBuilder()
    b.begin_block("paragraph")
    b.add("   ", 0)
    b.begin_block("heading")
    b.begin_block("paragraph")
    b.add("x", 9)
    ex = b.build()
    assert ex.text == "x" and ex.blocks is not None and len(ex.blocks) == 1
