"""HTML: check the visible text of the page.

A small scanner walks the source as written (HTML parsers such as selectolax/lexbor build a tree
but do not say where its text came from, and exact positions are the point here). It follows the
HTML tokenizer where it matters for text: comments (also unclosed ones), ``<!DOCTYPE>`` and other
bogus comments, CDATA, raw-text elements (``script``, ``style``, ``textarea``, ``title``...),
quoted attribute values containing ``>``, and a ``<`` that does not start a tag (``a < b``,
``< br >``), which is text. Entities are decoded, each decoded character mapped to the ``&`` of
its entity. Nothing in malformed HTML raises: unclosed tags, stray end tags and truncated files
all produce some text.

What is visible: everything except ``head``, ``script``, ``style``, ``noscript``, ``template``,
``nav``, ``svg``, ``math``, ``iframe``, ``object``, ``select``, ``textarea``, elements with a
``hidden`` attribute,
``aria-hidden="true"`` or an inline ``display: none`` style. ``pre``, ``code``, ``kbd`` and ``samp``
are left out too, like code in Markdown (a ``pre`` in an article is nearly always code or ASCII
art, not prose to proofread).

Blocks: block-level elements (``p``, ``div``, headings, list items, table cells, ``blockquote``,
``figcaption``, ``section``, ``br``...) start and end blocks; inline elements (``a``, ``em``,
``span``...) do not. Kinds: ``h1``-``h6`` -> heading, ``li``/``dd``/``dt`` -> list_item,
``blockquote`` -> quote, ``td``/``th`` -> table_cell, ``figcaption``/``caption`` -> caption, the
rest paragraph. White space is collapsed as a browser renders it.
"""

from __future__ import annotations

import re
from html import unescape
from html.entities import html5

from qualitycheck.document import Directive, Extracted
from qualitycheck.loaders import TextBuilder
from qualitycheck.loaders.directives import parse_directive

VOID_ELEMENTS = frozenset(
    "area base br col embed hr img input keygen link meta param source track wbr".split()
)
RAW_TEXT_ELEMENTS = frozenset(
    "script style xmp iframe noembed noframes noscript textarea title plaintext".split()
)
HIDDEN_ELEMENTS = frozenset(
    "head script style noscript template nav svg math iframe textarea title object select "
    "pre code kbd samp".split()
)
BLOCK_ELEMENTS = frozenset(
    """
    address article aside blockquote body caption center dd details dialog dir div dl dt
    fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li
    main menu nav ol option p pre section summary table tbody td tfoot th thead tr ul br
    """.split()
)
KINDS = {
    "h1": "heading",
    "h2": "heading",
    "h3": "heading",
    "h4": "heading",
    "h5": "heading",
    "h6": "heading",
    "li": "list_item",
    "dd": "list_item",
    "dt": "list_item",
    "blockquote": "quote",
    "td": "table_cell",
    "th": "table_cell",
    "figcaption": "caption",
    "caption": "caption",
}
# Start tags that close an open <p> (the browser's "close a p element in button scope").
_CLOSES_P = frozenset(
    """
    address article aside blockquote center details dialog dir div dl fieldset figcaption figure
    footer form h1 h2 h3 h4 h5 h6 header hgroup hr main menu nav ol p pre section summary table
    ul li dd dt
    """.split()
)
_P_SCOPE_BOUNDARIES = frozenset(
    "html body table td th caption button object template marquee applet li dd dt".split()
)
# Elements an open <head> may contain; anything else (or visible text) implies </head>.
_HEAD_CONTENT = frozenset(
    "base basefont bgsound link meta noscript script style template title".split()
)
# Start tag -> (open elements it implicitly closes, elements that stop the search).
_IMPLIED_END = {
    "li": (frozenset({"li"}), frozenset({"ul", "ol", "menu", "table"})),
    "dt": (frozenset({"dt", "dd"}), frozenset({"dl", "table"})),
    "dd": (frozenset({"dt", "dd"}), frozenset({"dl", "table"})),
    "tr": (frozenset({"tr", "td", "th"}), frozenset({"table", "tbody", "thead", "tfoot"})),
    "td": (frozenset({"td", "th"}), frozenset({"tr", "table"})),
    "th": (frozenset({"td", "th"}), frozenset({"tr", "table"})),
    "option": (frozenset({"option"}), frozenset({"select", "datalist"})),
    "tbody": (frozenset({"thead", "tbody", "tfoot", "tr", "td", "th"}), frozenset({"table"})),
    "thead": (frozenset({"thead", "tbody", "tfoot", "tr", "td", "th"}), frozenset({"table"})),
    "tfoot": (frozenset({"thead", "tbody", "tfoot", "tr", "td", "th"}), frozenset({"table"})),
}

_SPECIAL_RE = re.compile(r"[<&]")
_ATTR = r"""[^\s/>][^\s/>=]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]*))?"""
_TAG_RE = re.compile(rf"<(/?)([A-Za-z][^\s/>]*)((?:\s+|/|{_ATTR})*)(?:>|\Z)", re.DOTALL)
_ATTR_RE = re.compile(r"""([^\s/>][^\s/>=]*)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]*))?""")
_ENTITY_RE = re.compile(r"&(?:#[xX][0-9A-Fa-f]+;?|#[0-9]+;?|[A-Za-z][A-Za-z0-9]{0,40};?)")
_SPACE_RE = re.compile(r"[ \t\n\r\f]+")
_DISPLAY_NONE_RE = re.compile(r"display\s*:\s*none", re.IGNORECASE)
_RAW_END_RES: dict[str, re.Pattern[str]] = {}


def _raw_end(name: str) -> re.Pattern[str]:
    pat = _RAW_END_RES.get(name)
    if pat is None:
        pat = _RAW_END_RES[name] = re.compile(rf"</{name}(?=[\s/>]|\Z)", re.IGNORECASE)
    return pat


def decode_entity(source: str, pos: int) -> tuple[str, int] | None:
    """The text of the character reference at ``source[pos]`` (an ``&``) and its length in the
    source, or None when it is not one (a lone ``&``, an unknown name)."""
    m = _ENTITY_RE.match(source, pos)
    if m is None:
        return None
    ref = m.group()
    if ref[1] == "#":
        return unescape(ref), len(ref)
    if ref.endswith(";") and ref[1:] in html5:
        return html5[ref[1:]], len(ref)
    # Legacy references without a semicolon ("&copy 2022", "&amp"): the longest known prefix.
    name = ref[1:].rstrip(";")
    for cut in range(len(name), 1, -1):
        text = html5.get(name[:cut])
        if text is not None:
            return text, cut + 1
    return None


def _is_hidden_by_attributes(attrs: str) -> bool:
    low = attrs.lower()
    if "hidden" not in low and "display" not in low:
        return False
    for m in _ATTR_RE.finditer(attrs):
        name = m.group(1).lower()
        value = (m.group(2) or "").strip("\"'").strip().lower()
        if name == "hidden":
            return True
        if name == "aria-hidden" and value == "true":
            return True
        if name == "style" and _DISPLAY_NONE_RE.search(value):
            return True
    return False


class _Extractor:
    def __init__(self, source: str) -> None:
        self.source = source
        self.builder = TextBuilder()
        self.directives: list[Directive] = []
        # Open elements: (name, hidden). ``hidden_depth`` counts the hidden ones.
        self.stack: list[tuple[str, bool]] = []
        self.hidden_depth = 0
        self.head_open = False

    # -- the element stack -------------------------------------------------------------------
    def _push(self, name: str, hidden: bool) -> None:
        self.stack.append((name, hidden))
        if hidden:
            self.hidden_depth += 1
        if name == "head":
            self.head_open = True

    def _pop_to(self, index: int) -> None:
        """Close the elements from ``stack[index]`` up."""
        for name, hidden in self.stack[index:]:
            if hidden:
                self.hidden_depth -= 1
            if name == "head":
                self.head_open = False
        del self.stack[index:]

    def _find_open(self, names: frozenset[str], boundaries: frozenset[str]) -> int:
        for i in range(len(self.stack) - 1, -1, -1):
            name = self.stack[i][0]
            if name in names:
                return i
            if name in boundaries:
                return -1
        return -1

    def _close_head(self) -> None:
        if self.head_open:
            i = self._find_open(frozenset({"head"}), frozenset())
            if i >= 0:
                self._pop_to(i)
            self.head_open = False

    def _kind(self) -> str:
        for name, _ in reversed(self.stack):
            kind = KINDS.get(name)
            if kind is not None:
                return kind
        return "paragraph"

    def _block_break(self) -> None:
        self.builder.begin_block(self._kind())

    # -- tags ---------------------------------------------------------------------------------
    def start_tag(self, name: str, attrs: str, self_closing: bool) -> None:
        if self.head_open and name not in _HEAD_CONTENT:
            self._close_head()
        if name in _CLOSES_P:
            i = self._find_open(frozenset({"p"}), _P_SCOPE_BOUNDARIES)
            if i >= 0:
                self._pop_to(i)
        implied = _IMPLIED_END.get(name)
        if implied is not None:
            i = self._find_open(*implied)
            if i >= 0:
                self._pop_to(i)
        if name in VOID_ELEMENTS:
            if name in BLOCK_ELEMENTS:
                self._block_break()
            elif name == "img":
                self.builder.gap()
            return
        hidden = name in HIDDEN_ELEMENTS or _is_hidden_by_attributes(attrs)
        if self_closing and (name in ("svg", "math") or ":" in name or self.hidden_depth):
            if name in BLOCK_ELEMENTS:
                self._block_break()
            return  # foreign elements honour "/>"
        self._push(name, hidden)
        if name in BLOCK_ELEMENTS:
            self._block_break()
        elif hidden:
            self.builder.gap()

    def end_tag(self, name: str) -> None:
        if name == "br":  # "</br>" is read as "<br>"
            self._block_break()
            return
        names = frozenset({name})
        i = self._find_open(names, frozenset())
        if i >= 0:
            was_hidden = self.stack[i][1]
            self._pop_to(i)
            if was_hidden:
                self.builder.gap()
        if name in BLOCK_ELEMENTS or name in KINDS:
            self._block_break()

    # -- text ---------------------------------------------------------------------------------
    def text(self, start: int, end: int) -> None:
        source = self.source
        if self.head_open:
            if source[start:end].isspace():
                return
            self._close_head()
        if self.hidden_depth:
            return
        builder = self.builder
        pos = start
        for m in _SPACE_RE.finditer(source, start, end):
            if m.start() > pos:
                builder.add(source[pos : m.start()], pos)
            builder.add_space(m.start())
            pos = m.end()
        if pos < end:
            builder.add(source[pos:end], pos)

    def entity(self, decoded: str, start: int) -> None:
        if self.head_open:
            self._close_head()
        if self.hidden_depth:
            return
        if decoded.isspace() and decoded in " \t\n\r\f":
            self.builder.add_space(start)
        else:
            self.builder.add_mapped(decoded, start)

    def comment(self, body: str, start: int) -> None:
        d = parse_directive(body, start)
        if d is not None:
            self.directives.append(d)

    # -- the scanner --------------------------------------------------------------------------
    def run(self) -> Extracted:
        source = self.source
        n = len(source)
        pos = 0
        while pos < n:
            m = _SPECIAL_RE.search(source, pos)
            at = m.start() if m is not None else n
            if at > pos:
                self.text(pos, at)
            if m is None:
                break
            if source[at] == "&":
                ent = decode_entity(source, at)
                if ent is None:
                    self.text(at, at + 1)
                    pos = at + 1
                else:
                    self.entity(ent[0], at)
                    pos = at + ent[1]
                continue
            pos = self._markup(at)
        return self.builder.build(self.directives)

    def _markup(self, at: int) -> int:
        """Handle the markup starting with ``<`` at ``at``; return where scanning resumes."""
        source = self.source
        n = len(source)
        nxt = source[at + 1 : at + 2]
        if source.startswith("<!--", at):
            if source.startswith("<!-->", at):
                return at + 5
            if source.startswith("<!--->", at):
                return at + 6
            close = source.find("-->", at + 4)
            body_end = close if close >= 0 else n
            if "qualitycheck" in source[at + 4 : body_end].lower():
                self.comment(source[at + 4 : body_end], at)
            return close + 3 if close >= 0 else n
        if source.startswith("<![CDATA[", at):
            close = source.find("]]>", at + 9)
            return close + 3 if close >= 0 else n
        if nxt in ("!", "?") or (nxt == "/" and not source[at + 2 : at + 3].isalpha()):
            if source.startswith("</>", at):
                return at + 3
            if nxt == "/" and not source[at + 2 : at + 3]:
                self.text(at, n)  # "</" at the very end
                return n
            close = source.find(">", at + 2)
            return close + 1 if close >= 0 else n
        if not (nxt.isascii() and nxt.isalpha()) and nxt != "/":
            self.text(at, at + 1)  # a "<" that starts no tag is text
            return at + 1
        m = _TAG_RE.match(source, at)
        if m is None:  # cannot happen with the checks above, but never loop
            self.text(at, at + 1)
            return at + 1
        name = m.group(2).lower()
        attrs = m.group(3)
        if m.group(1):
            self.end_tag(name)
            return m.end()
        self.start_tag(name, attrs, attrs.rstrip().endswith("/"))
        end = m.end()
        if name in RAW_TEXT_ELEMENTS:
            if name == "plaintext":
                return n
            raw_end = _raw_end(name).search(source, end)
            return n if raw_end is None else raw_end.start()  # the end tag is handled as a tag
        return end


def extract_html(source: str) -> Extracted:
    return _Extractor(source).run()
