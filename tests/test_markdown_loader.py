"""The Markdown loader: prose only, with every character mapped back to the file as written."""

from __future__ import annotations

import re
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st
from linearity import growth
from loader_helpers import assert_blocks_are_trimmed_lines, blocks, located

from qualitycheck.document import Directive, Document
from qualitycheck.loaders import load_text
from qualitycheck.segment import WORD_RE


def load(source: str) -> Document:
    doc = load_text(source, "markdown")
    assert_maps_back(doc)
    return doc


def assert_maps_back(doc: Document) -> None:
    """Every character of the text comes from the source character its offset names: the same
    character, white space for a space, or the ``&`` of an entity; and every word is found
    verbatim at its offset unless it holds a decoded character."""
    source, text, offsets = doc.source, doc.text, doc.offsets
    assert offsets is not None
    assert len(offsets) == len(text) + 1
    assert all(a <= b for a, b in pairwise(offsets)), "offsets go back"
    assert 0 <= offsets[-1] <= len(source)
    for i, ch in enumerate(text):
        o = offsets[i]
        if ch == "\n":  # block separator
            continue
        assert o < len(source), (i, ch)
        src = source[o]
        # (A space may stand for a line break or a <br> tag; Markdown reads NUL as U+FFFD.)
        same = src == ch or (ch == " " and (src.isspace() or src == "<"))
        same = same or (src, ch) == ("\x00", "\ufffd")
        assert same or src in "&\\", (i, ch, src, o)
    for m in WORD_RE.finditer(text):
        o, end = offsets[m.start()], offsets[m.end() - 1] + 1
        word = m.group()
        if end - o == len(word) and source[o:end] != word:  # (not split by markup)
            # only words with a decoded entity or escape may differ
            assert "&" in source[o:end] or "\\" in source[o:end], word
    assert_blocks_are_trimmed_lines(doc)


# -- what is prose --------------------------------------------------------------------------
def test_keeps_headings_paragraphs_lists_quotes_and_cells_as_blocks() -> None:
    doc = load(
        "# The council meets\n\n"
        "It met on Thursday.\nIt voted twice.\n\n"
        "- First item\n- Second item\n  - Nested item\n\n"
        "> Quoted words.\n>\n> - Quoted item\n\n"
        "| Name | Role |\n|------|------|\n| Ann | Mayor |\n"
    )
    assert blocks(doc) == [
        ("The council meets", "heading"),
        ("It met on Thursday. It voted twice.", "paragraph"),
        ("First item", "list_item"),
        ("Second item", "list_item"),
        ("Nested item", "list_item"),
        ("Quoted words.", "quote"),
        ("Quoted item", "list_item"),
        ("Name", "table_cell"),
        ("Role", "table_cell"),
        ("Ann", "table_cell"),
        ("Mayor", "table_cell"),
    ]


def test_setext_headings_strikethrough_breaks_and_reference_links() -> None:
    doc = load(
        "Setext *title*\n======\n\nA [report][r] was ~~not~~ filed.<br>Next  \nline\\\nend.\n\n"
        '[r]: https://example.org "Reference Title"\n'
    )
    assert blocks(doc) == [
        ("Setext title", "heading"),
        ("A report was not filed. Next line end.", "paragraph"),
    ]


def test_leaves_out_code_blocks_and_inline_code() -> None:
    doc = load(
        "Run the tool now.\n\n```python\nprint('Hidden Words')\n```\n\n"
        "    indented Code Block\n\nCall `Foo.Bar()` before lunch.\n"
    )
    assert doc.text == "Run the tool now.\nCall before lunch."
    assert "Hidden" not in doc.text and "indented" not in doc.text


def test_input_with_only_code_gives_no_text() -> None:
    doc = load("```\nonly code\n```\n")
    assert doc.text == "" and doc.blocks == () and doc.words == ()


def test_empty_input() -> None:
    doc = load("")
    assert doc.text == "" and doc.blocks == () and doc.sentences == ()


def test_leaves_out_yaml_and_toml_front_matter() -> None:
    doc = load("---\ntitle: A Title\ntags: [x]\n---\n\nBody text here.\n")
    assert doc.text == "Body text here."
    assert located(doc, "Body") == "Body"
    doc = load("+++\ntitle = 'x'\n+++\nBody.\n")
    assert doc.text == "Body."


def test_input_with_only_front_matter_gives_no_text() -> None:
    assert load("---\ntitle: x\n---\n").text == ""


def test_a_rule_line_that_opens_no_front_matter_is_not_skipped() -> None:
    doc = load("---\n\nText after a rule.\n")
    assert doc.text == "Text after a rule."


def test_leaves_out_html_blocks_and_comments() -> None:
    doc = load("<div class='ad'>\nBuy Now\n</div>\n\nReal text <span>stays</span>.<!-- note -->\n")
    assert doc.text == "Real text stays."


def test_keeps_link_text_and_drops_destinations_and_titles() -> None:
    doc = load('Read [the report](https://example.org/r "Report Title") today.\n')
    assert doc.text == "Read the report today."
    assert located(doc, "the report") == "the report"


def test_drops_images_with_their_alt_text() -> None:
    doc = load("Before ![A Photo Caption](img.png) after.\n")
    assert doc.text == "Before after."


def test_drops_autolinks_and_bare_urls_without_leaving_odd_spacing() -> None:
    doc = load("Write to <mailto:desk@example.org> or visit https://example.org/news.\n")
    assert doc.text == "Write to or visit."
    doc = load("See (https://example.org/a_(b)) and www.example.org, then stop.\n")
    assert doc.text == "See () and, then stop."


def test_emphasis_markers_leave_no_artifacts() -> None:
    doc = load("The **Foreign Minister** said *it* was _fine_, ***really***.\n")
    assert doc.text == "The Foreign Minister said it was fine, really."
    assert located(doc, "Foreign Minister") == "Foreign Minister"
    assert located(doc, "really") == "really"


def test_inline_code_leaves_natural_spacing() -> None:
    assert load("Use `x`, then `y` here.\n").text == "Use, then here."


def test_soft_line_breaks_become_spaces_mapped_to_the_line_break() -> None:
    src = "One line\nand the next\r\nand more.\n"
    doc = load(src)
    assert doc.text == "One line and the next and more."
    i = doc.text.index(" and the")
    assert src[doc.source_offset(i)] == "\n"
    j = doc.text.index(" and more")
    assert src[doc.source_offset(j)] == "\r"


def test_escapes_map_to_the_escaped_character() -> None:
    src = "Price \\*not\\* 5 \\# here.\n"
    doc = load(src)
    assert doc.text == "Price *not* 5 # here."
    star = doc.text.index("*")
    assert doc.source_offset(star) == src.index("*")


def test_entities_map_to_the_start_of_the_entity() -> None:
    src = "Smith &amp; Sons &#8212; &copy; 2022\n"
    doc = load(src)
    assert doc.text == "Smith & Sons — © 2022"
    assert doc.source_offset(doc.text.index("&")) == src.index("&amp;")
    assert doc.source_offset(doc.text.index("—")) == src.index("&#8212;")
    assert located(doc, "Sons") == "Sons"


def test_tables_map_every_cell_to_its_column() -> None:
    src = "| Left | Right side |\n| :--- | ---: |\n| a \\| b | Right |\n"
    doc = load(src)
    assert blocks(doc) == [
        ("Left", "table_cell"),
        ("Right side", "table_cell"),
        ("a | b", "table_cell"),
        ("Right", "table_cell"),
    ]
    i = doc.text.rindex("Right")
    assert doc.line_col(doc.source_offset(i)) == (3, 12)


def test_crlf_line_endings_keep_exact_columns() -> None:
    src = "# Title\r\n\r\nFirst line\r\nsecond line.\r\n\r\n- item *one*\r\n"
    doc = load(src)
    assert doc.text == "Title\nFirst line second line.\nitem one"
    assert "\r" not in doc.text
    i = doc.text.index("second")
    assert doc.line_col(doc.source_offset(i)) == (4, 1)
    i = doc.text.index("one")
    assert doc.line_col(doc.source_offset(i)) == (6, 9)


def test_tabs_and_nested_lists_map_exactly() -> None:
    src = "-\tTabbed item\n\t- Nested\tword\n1. Ordered\n   1. Deeper one\n"
    doc = load(src)
    assert [k for _, k in blocks(doc)] == ["list_item"] * 4
    assert located(doc, "Tabbed") == "Tabbed"
    assert located(doc, "Nested\tword") == "Nested\tword"
    assert located(doc, "Deeper one") == "Deeper one"


def test_astral_characters_and_emoji_count_as_one_code_point() -> None:
    src = "# 𝔘nicode 😀 title\n\nCafé 👍🏽 in 𝔅erlin &amp; more *text*.\n"
    doc = load(src)
    assert doc.text == "𝔘nicode 😀 title\nCafé 👍🏽 in 𝔅erlin & more text."
    i = doc.text.index("text")
    assert doc.line_col(doc.source_offset(i)) == (3, src.splitlines()[2].index("text") + 1)


def test_collects_directives_from_comments() -> None:
    src = (
        "<!-- qualitycheck: disable case.capital-mid-sentence -->\n\n"
        "Text <!-- qualitycheck: disable-next-line --> here.\n\n"
        "<!-- qualitycheck: silence everything -->\n\n"
        "```\n<!-- qualitycheck: disable junk -->\n```\n"
    )
    doc = load(src)
    assert doc.directives == (
        Directive("disable", ("case.capital-mid-sentence",), 0),
        Directive("disable-next-line", (), src.index("<!-- qualitycheck: disable-next")),
        Directive("invalid", ("silence", "everything"), src.index("<!-- qualitycheck: sil")),
    )


def test_document_has_sensible_sentences_and_words() -> None:
    doc = load(
        "## Fighting near the port\n\n"
        "Officials said on Thursday that *forces* advanced. Residents\nfled the city.\n"
    )
    sentences = [doc.text[s.start : s.end] for s in doc.sentences]
    assert sentences == [
        "Fighting near the port",
        "Officials said on Thursday that forces advanced.",
        "Residents fled the city.",
    ]
    assert [w.text for w in doc.sentence_words(2)] == ["Residents", "fled", "the", "city"]


# -- round trip on varied input -------------------------------------------------------------
_WORDS = st.sampled_from(
    [
        "council",
        "Kyiv",
        "Zürich",
        "naïve",
        "𝔘nit",
        "東京",
        "mayor’s",
        "x-ray",
        "2022",
        "said",
        "Ann",
        "A&amp;B",
        "R&D",
        "5\\*",
        "&copy;",
        "😀",
        "👍🏽",
        "a\tb",
    ]
)


@st.composite
def _inline(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 8))):
        w = draw(_WORDS)
        wrap = draw(st.sampled_from(["", "", "*", "**", "_", "`", "link", "url", "img", "html"]))
        if wrap == "link":
            w = f'[{w}](https://example.org/{len(parts)} "t")'
        elif wrap == "url":
            w = f"{w} https://example.org/p?q={len(parts)}"
        elif wrap == "img":
            w = f"{w} ![alt](p.png)"
        elif wrap == "html":
            w = f"<b>{w}</b>"
        elif wrap and "\\" not in w and "&" not in w:
            w = f"{wrap}{w}{wrap}"
        parts.append(w)
    sep = draw(st.sampled_from([" ", " ", "\n", "  ", ", "]))
    return sep.join(parts)


@st.composite
def _markdown(draw: st.DrawFn) -> str:
    blocks_: list[str] = []
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["p", "h", "ul", "ol", "quote", "table", "code", "html"]))
        text = draw(_inline())
        one_line = text.replace("\n", " ")
        if kind == "h":
            blocks_.append(f"{draw(st.sampled_from(['#', '##', '###']))} {one_line}")
        elif kind == "ul":
            blocks_.append(f"- {text}\n  - {one_line}")
        elif kind == "ol":
            blocks_.append(f"1. {one_line}\n2. {one_line}")
        elif kind == "quote":
            blocks_.append("> " + text.replace("\n", "\n> "))
        elif kind == "table":
            cell = one_line.replace("|", "\\|")
            blocks_.append(f"| {cell} | b |\n|---|---|\n| c | {cell} |")
        elif kind == "code":
            blocks_.append(f"```\n{text}\n```")
        elif kind == "html":
            blocks_.append(f"<div>\n{text}\n</div>")
        else:
            blocks_.append(text)
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return (newline * 2).join(blocks_).replace("\n", newline)


@settings(max_examples=300, deadline=None)
@given(_markdown())
def test_every_character_maps_back_to_the_source(source: str) -> None:
    doc = load(source)
    for leftover in ("](", "```", "https://", "<b>", "**", "![", "&amp;"):
        assert leftover not in doc.text


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_never_crashes_on_arbitrary_text(source: str) -> None:
    load(source)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="*_`[]()<>!#&;\\|-+>\n\r\t ab1", max_size=120))
def test_never_crashes_on_markup_soup(source: str) -> None:
    load(source)


def test_is_linear_on_large_input() -> None:
    para = (
        "Officials *said* on [Thursday](https://x.org) that `code` forces &amp; troops advanced.\n"
    )
    small = (para + "\n") * 50
    large = small * 8
    assert len(re.findall("Officials", load_text(large, "markdown").text)) == 400
    ops_small, ops_large = growth(
        lambda text: load_text(text, "markdown"), small, large, None, para
    )
    assert ops_large <= 1.5 * 8 * ops_small, (ops_small, ops_large)  # counted, not timed
