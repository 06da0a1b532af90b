"""The HTML loader: the visible text, with every character mapped back to the file as written."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st
from linearity import growth
from loader_helpers import assert_blocks_are_trimmed_lines, blocks, located

from qualitycheck.document import Directive, Document
from qualitycheck.loaders import load_text
from qualitycheck.loaders.html import decode_entity
from qualitycheck.segment import WORD_RE


def load(source: str) -> Document:
    doc = load_text(source, "html")
    assert_maps_back(doc)
    return doc


def assert_maps_back(doc: Document) -> None:
    """Every character of the text comes from the source character its offset names (the same
    character, white space for a collapsed space, or the ``&`` of an entity), and every word
    without an entity or a tag inside is found verbatim at its offset."""
    source, text, offsets = doc.source, doc.text, doc.offsets
    assert offsets is not None
    assert len(offsets) == len(text) + 1
    assert all(a <= b for a, b in pairwise(offsets)), "offsets go back"
    assert 0 <= offsets[-1] <= len(source)
    for i, ch in enumerate(text):
        if ch == "\n":  # block separator
            continue
        src = source[offsets[i]]
        assert src == ch or (ch == " " and src.isspace()) or src == "&", (i, ch, src)
    for m in WORD_RE.finditer(text):
        o = offsets[m.start()]
        end = offsets[m.end() - 1] + 1
        if "&" not in source[o:end] and end - o == len(m.group()):  # not split by a tag
            assert source[o:end] == m.group()
    assert_blocks_are_trimmed_lines(doc)


PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Page Title Words</title>
  <style>p { color: red; } /* </p> */</style>
  <script>if (a < b && c > d) { document.write("<p>Script Words</p>"); }</script>
</head>
<body>
  <nav><a href="/">Home</a> <a href="/world">World</a></nav>
  <header><h1>Forces advance near the port</h1></header>
  <article>
    <p class="dateline">KYIV, Ukraine &mdash; Officials said on <em>Thursday</em> that
       troops had <a href="/x" title="a > b">reached</a> the city.</p>
    <figure><img src="a.jpg" alt="Alt Words"><figcaption>A street in the city.</figcaption></figure>
    <blockquote><p>We will stay.</p></blockquote>
    <ul><li>First point</li><li>Second point</li></ul>
    <table><tr><th>Town</th><td>Population</td></tr></table>
    <div hidden>Hidden Words</div>
    <span aria-hidden="true">Aria Words</span>
    <noscript>Noscript Words</noscript>
    <template><p>Template Words</p></template>
    <svg><text>Svg Words</text></svg>
    <pre>Preformatted Words</pre>
  </article>
</body>
</html>
"""


# -- what is visible ------------------------------------------------------------------------
def test_extracts_the_visible_body_text_in_blocks_of_the_right_kind() -> None:
    doc = load(PAGE)
    assert blocks(doc) == [
        ("Forces advance near the port", "heading"),
        (
            "KYIV, Ukraine — Officials said on Thursday that troops had reached the city.",
            "paragraph",
        ),
        ("A street in the city.", "caption"),
        ("We will stay.", "quote"),
        ("First point", "list_item"),
        ("Second point", "list_item"),
        ("Town", "table_cell"),
        ("Population", "table_cell"),
    ]


def test_leaves_out_head_scripts_navigation_and_hidden_elements() -> None:
    doc = load(PAGE)
    for hidden in ("Page Title", "Script", "Home", "Alt", "Hidden", "Aria", "Noscript"):
        assert hidden not in doc.text
    for hidden in ("Template", "Svg", "Preformatted", "color"):
        assert hidden not in doc.text


def test_hidden_attributes_are_read_exactly() -> None:
    doc = load(
        '<p style="display: none">Gone</p><p class="hidden-xs" data-hidden="true">Shown</p>'
        "<p hidden=hidden>Gone too</p><p aria-hidden=false>Also shown</p>"
    )
    assert [t for t, _ in blocks(doc)] == ["Shown", "Also shown"]


def test_xhtml_self_closing_tags() -> None:
    doc = load("<p>One<br/>Two<img src='x.png' alt='Alt'/> three</p><svg/><p>Four</p>")
    assert [t for t, _ in blocks(doc)] == ["One", "Two three", "Four"]


def test_maps_words_to_their_place_in_the_page() -> None:
    doc = load(PAGE)
    i = doc.text.index("Thursday")
    line, col = doc.line_col(doc.source_offset(i))
    assert PAGE.splitlines()[line - 1][col - 1 :].startswith("Thursday")
    assert located(doc, "troops had reached") == 'troops had <a href="/x" title="a > b">reached'


def test_entities_map_to_the_start_of_the_entity() -> None:
    src = "<p>Smith &amp; Sons &#x2014; caf&eacute; &copy 2022 &nosuch; a&b</p>"
    doc = load(src)
    assert doc.text == "Smith & Sons — café © 2022 &nosuch; a&b"
    assert doc.source_offset(doc.text.index("é")) == src.index("&eacute;")
    assert doc.source_offset(doc.text.index("©")) == src.index("&copy")
    assert located(doc, "Sons") == "Sons"


def test_decodes_legacy_and_numeric_references() -> None:
    assert decode_entity("&amp;", 0) == ("&", 5)
    assert decode_entity("&ampx", 0) == ("&", 4)
    assert decode_entity("&#65", 0) == ("A", 4)
    assert decode_entity("&#x1F600;", 0) == ("😀", 9)
    assert decode_entity("&#0;", 0) == ("\ufffd", 4)
    assert decode_entity("&hellip", 0) is None
    assert decode_entity("& b", 0) is None


def test_collapses_white_space_as_rendered() -> None:
    doc = load("<p>  Several\n   spaced \t words\r\n here. </p>")
    assert doc.text == "Several spaced words here."


def test_inline_elements_do_not_break_blocks_but_block_elements_do() -> None:
    doc = load("<div>Intro <b>bold</b><i>it</i> <p>Para</p> tail<br>after</div>")
    assert [t for t, _ in blocks(doc)] == ["Intro boldit", "Para", "tail", "after"]


def test_comments_inside_paragraphs_are_left_out() -> None:
    doc = load("<p>Before <!-- a comment with Words --> after, <!-- x -->done.</p>")
    assert doc.text == "Before after, done."


def test_code_is_left_out_with_natural_spacing() -> None:
    doc = load("<p>Call <code>foo()</code>, then <kbd>Enter</kbd> now.</p><pre>\nx = 1\n</pre>")
    assert doc.text == "Call, then now."


def test_crlf_line_endings_map_exactly() -> None:
    src = "<p>First line\r\nsecond line.</p>\r\n<p>Next</p>\r\n"
    doc = load(src)
    assert doc.text == "First line second line.\nNext"
    assert doc.line_col(doc.source_offset(doc.text.index("second"))) == (2, 1)
    assert doc.line_col(doc.source_offset(doc.text.index("Next"))) == (3, 4)


def test_astral_characters_and_emoji_count_as_one_code_point() -> None:
    src = "<p>𝔘nicode 😀 and 👍🏽 then <b>word</b></p>"
    doc = load(src)
    assert doc.text == "𝔘nicode 😀 and 👍🏽 then word"
    assert doc.line_col(doc.source_offset(doc.text.index("word"))) == (1, src.index("word") + 1)


def test_collects_directives_from_comments() -> None:
    src = (
        "<!-- qualitycheck: disable junk -->\n<p>Text <!-- qualitycheck: enable -->.</p>"
        "<!-- qualitycheck: mute x --><!-- unrelated -->"
    )
    doc = load(src)
    assert doc.directives == (
        Directive("disable", ("junk",), 0),
        Directive("enable", (), src.index("<!-- qualitycheck: enable")),
        Directive("invalid", ("mute", "x"), src.index("<!-- qualitycheck: mute")),
    )


def test_document_has_sensible_sentences_and_words() -> None:
    doc = load("<h2>Talks resume</h2><p>Delegates met in Minsk. They<br> agreed.</p>")
    sentences = [doc.text[s.start : s.end] for s in doc.sentences]
    assert sentences == ["Talks resume", "Delegates met in Minsk.", "They", "agreed."]
    assert [w.text for w in doc.sentence_words(1)] == ["Delegates", "met", "in", "Minsk"]


# -- malformed HTML -------------------------------------------------------------------------
def test_survives_unclosed_tags() -> None:
    doc = load("<html><body><p>One<p>Two<ul><li>Three<li>Four</ul><div>Five")
    assert blocks(doc) == [
        ("One", "paragraph"),
        ("Two", "paragraph"),
        ("Three", "list_item"),
        ("Four", "list_item"),
        ("Five", "paragraph"),
    ]


def test_a_stray_less_than_sign_is_text() -> None:
    doc = load("<p>a < b and 3<4, < br > here</p>")
    assert doc.text == "a < b and 3<4, < br > here"


def test_unclosed_comment_and_tag_at_end_do_not_crash() -> None:
    assert load("<p>Text <!-- never closed").text == "Text"
    assert load("<p>Text <a href='x").text == "Text"
    assert load("<p>Text</").text == "Text</"
    assert load("<p>Text <script>var x").text == "Text"


def test_stray_end_tags_and_bogus_markup_are_ignored() -> None:
    doc = load("</div><p>Kept</span> text</p></p><?php echo 1 ?><![CDATA[ data ]]></ p>end")
    assert [t for t, _ in blocks(doc)] == ["Kept text", "end"]


def test_hidden_head_ends_when_body_content_starts() -> None:
    doc = load("<head><title>T</title><p>Body without a body tag</p>")
    assert doc.text == "Body without a body tag"


def test_empty_input() -> None:
    doc = load("")
    assert doc.text == "" and doc.blocks == ()


# -- cross-check and round trip -------------------------------------------------------------
def test_agrees_with_a_real_parser_on_the_words_of_well_formed_pages() -> None:
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(PAGE)
    hidden = "head, script, style, noscript, template, nav, svg, pre, [hidden], [aria-hidden=true]"
    for node in tree.css(hidden):
        node.decompose()
    body = tree.body
    assert body is not None
    expected = WORD_RE.findall(body.text(separator=" "))
    assert WORD_RE.findall(load(PAGE).text) == expected


_TEXTS = st.sampled_from(
    [
        "council",
        "Zürich",
        "𝔘nit",
        "😀",
        "东京",
        "A &amp; B",
        "&eacute;t&eacute;",
        "&copy 2022",
        "&#x1F44D;",
        "a < b",
        "3<4",
        "R&D",
        "  spaced\n\tout  ",
        "x\r\ny",
    ]
)
_WRAPS = st.sampled_from(
    [
        "{}",
        "<p>{}</p>",
        "<p class='x'>{}",
        "<b>{}</b>",
        "<a href=\"/a?b=1&amp;c=2\" title='x > y'>{}</a>",
        "<li>{}",
        "<td>{}</td>",
        "<h2>{}</h2>",
        "{}<br>",
        "{}<!-- c -->",
        "<div hidden>{}</div>",
        "<script>{}</script>",
        "<pre>{}</pre>",
        "<blockquote>{}</blockquote>",
        "<span>{}",
        "</span>{}",
    ]
)


@st.composite
def _html(draw: st.DrawFn) -> str:
    parts = [draw(_WRAPS).format(draw(_TEXTS)) for _ in range(draw(st.integers(0, 12)))]
    return "".join(parts)


@settings(max_examples=300, deadline=None)
@given(_html())
def test_every_character_maps_back_to_the_source(source: str) -> None:
    doc = load(source)
    for leftover in ("<p", "<b>", "&amp;", "href", "<!--", "</"):
        assert leftover not in doc.text


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="<>/!-&#;x=\"' pbrs\n\tй😀", max_size=150))
def test_never_crashes_on_markup_soup(source: str) -> None:
    load(source)


def test_is_linear_on_large_input() -> None:
    para = '<p class="b">Officials <em>said</em> on <a href="/t">Thursday</a> &mdash; ok.</p>\n'
    small = para * 100
    large = small * 8
    assert load_text(large, "html").text.count("Officials") == 800
    ops_small, ops_large = growth(lambda text: load_text(text, "html"), small, large, None, para)
    assert ops_large <= 1.5 * 8 * ops_small, (ops_small, ops_large)  # counted, not timed
