"""Markdown: check the prose, leave the rest alone.

Parsed with markdown-it-py (CommonMark plus tables and ``~~strikethrough~~``). What is checked, and what is not:

* paragraphs, headings (kind ``heading``), list items (``list_item``), block quotes (``quote``) and
  table cells (``table_cell``), one block each; a list item inside a quote is a ``list_item``;
* left out: fenced and indented code, inline code, YAML (``---``) and TOML (``+++``) front matter,
  HTML blocks and inline HTML, comments, link destinations and titles, images (alt text included:
  it is rarely edited prose), autolinks (``<https://...>``) and bare URLs. Where something is left
  out inside a sentence the spacing is tidied ("run `make` now" -> "run now", "see
  https://example.org." -> "see.");
* link text is kept; emphasis markers are dropped;
* a soft line break inside a paragraph becomes a space mapped to the line break, so ``"\\n"`` in
  the text only ever separates blocks (hard-wrapped Markdown reads as the paragraph it renders to);
* ``\\*`` becomes ``*`` mapped to the character after the backslash; ``&amp;`` becomes ``&``
  mapped to the ``&`` of the entity.

Positions: markdown-it gives line ranges for blocks but no columns for inline tokens, so the
inline parser runs on a state subclass that notes where each token and each run of plain text
starts in the block's inline content; every inline content line is then located in its source
line (a suffix of it for paragraphs, found left to right for table cells and headings). CRLF and
lone CR line breaks are handled by working in lines and columns of the original source.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from qualitycheck.document import Directive, Extracted
from qualitycheck.loaders import TextBuilder
from qualitycheck.loaders.directives import find_directives, parse_directive

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

_LINE_BREAK_RE = re.compile(r"\r\n|\r|\n")
_URL_RE = re.compile(r"(?<![\w@/])(?:(?:https?|ftp)://|www\.)[^\s<>]+", re.IGNORECASE)
_URL_TRAILING = ".,;:!?'\")]}*_"
_BR_RE = re.compile(r"<br\s*/?>", re.IGNORECASE)
_COMMENT_BODY_RE = re.compile(r"<!--(.*?)-->", re.DOTALL)

_CONTAINER_KINDS = {
    "heading_open": "heading",
    "list_item_open": "list_item",
    "blockquote_open": "quote",
    "th_open": "table_cell",
    "td_open": "table_cell",
}


@functools.cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import StateInline

    class PositionState(StateInline):
        """Notes in ``token.meta["qc"]`` where each token starts in ``src``."""

        def __init__(self, src: str, md: MarkdownIt, env: Any, out: list[Token]) -> None:
            self._qc_text_start = 0
            self._qc_last: Token | None = None
            self._qc_last_pos = -1
            self._qc_last_start = 0
            super().__init__(src, md, env, out)

        def pushPending(self) -> Token:
            token = super().pushPending()
            token.meta["qc"] = self._qc_text_start
            return token

        def push(self, ttype: str, tag: str, nesting: Any) -> Token:
            token = super().push(ttype, tag, nesting)
            pos = self.pos
            # Emphasis and strikethrough push one token per delimiter, all at the same position.
            if pos == self._qc_last_pos and self._qc_last is not None:
                start = self._qc_last_start + len(self._qc_last.content)
            else:
                start = pos
            token.meta["qc"] = start
            self._qc_last, self._qc_last_pos, self._qc_last_start = token, pos, start
            return token

    if hasattr(StateInline, "append_pending"):

        def append_pending(self: Any, text: str) -> None:
            # (``pending`` is ``_pending`` plus the buffered ``_pending_buffer``.)
            if not self._pending_buffer and not self._pending:
                self._qc_text_start = self.pos
            StateInline.append_pending(self, text)

        PositionState.append_pending = append_pending  # type: ignore[method-assign]
    else:  # markdown-it-py < 4: rules write ``state.pending += ...``

        def _get_pending(self: Any) -> str:
            return str(self.__dict__.get("_qc_pending", ""))

        def _set_pending(self: Any, value: str) -> None:
            if value and not self.__dict__.get("_qc_pending"):
                self._qc_text_start = self.pos
            self.__dict__["_qc_pending"] = value

        PositionState.pending = property(_get_pending, _set_pending)  # type: ignore[assignment,method-assign]

    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    # Keep text, escapes and entities as separate tokens (their positions differ).
    md.core.ruler.disable("text_join", ignoreInvalid=True)
    md.inline.ruler2.disable("fragments_join", ignoreInvalid=True)
    inline = md.inline

    def parse(src: str, md: MarkdownIt, env: Any, tokens: list[Token]) -> list[Token]:
        state = PositionState(src, md, env, tokens)
        inline.tokenize(state)
        for rule in inline.ruler2.getRules(""):
            rule(state)
        return state.tokens

    inline.parse = parse  # type: ignore[method-assign]
    return md


class _ContentMap:
    """Maps indices of a block's inline content to source indices."""

    __slots__ = ("_bases", "_starts")

    def __init__(self, starts: list[int], bases: list[int | list[int]]) -> None:
        self._starts = starts  # content index where each content line starts
        self._bases = bases  # source index of that line's first char, or one per char

    def run(self, start: int, length: int) -> int | Sequence[int]:
        """Source offsets of ``content[start:start + length]`` (on one line)."""
        line = bisect.bisect_right(self._starts, start) - 1
        base = self._bases[line]
        col = start - self._starts[line]
        if isinstance(base, int):
            return base + col
        out = base[col : col + length]
        if len(out) < length:  # the line break after the line
            last = (out[-1] + 1) if out else (base[-1] + 1 if base else 0)
            out = out + [last] * (length - len(out))
        return out

    def at(self, index: int) -> int:
        r = self.run(index, 1)
        return r if isinstance(r, int) else r[0]


def _align(piece: str, line: str, start: int) -> list[int]:
    """Columns of ``piece``'s characters in ``line``, from ``start``: a best-effort alignment for
    content markdown-it changed (``\\|`` in table cells, tabs expanded to spaces)."""
    core = piece.lstrip()
    lead = len(piece) - len(core)
    idx = line.find(core, start) if core else -1
    if idx >= 0:
        return [max(idx - 1, 0)] * lead + list(range(idx, idx + len(core)))
    cols: list[int] = []
    j = start
    for ch in piece:
        k = line.find(ch, j)
        if k < 0 and ch.isspace():
            k = j if j < len(line) and line[j].isspace() else -1
        if k < 0:
            cols.append(min(j, max(len(line) - 1, 0)))
            continue
        cols.append(k)
        j = k + 1
    return cols


class _Source:
    """The source split in lines (any line break), as markdown-it sees it."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.starts = [0]
        self.starts.extend(m.end() for m in _LINE_BREAK_RE.finditer(source))
        self.lines = _LINE_BREAK_RE.split(source)

    def content_map(
        self, content: str, first_line: int, in_table: dict[int, int] | None
    ) -> _ContentMap:
        starts: list[int] = []
        bases: list[int | list[int]] = []
        pos = 0
        for i, piece in enumerate(content.split("\n")):
            starts.append(pos)
            pos += len(piece) + 1
            ln = min(first_line + i, len(self.lines) - 1)
            line = self.lines[ln]
            base = self.starts[ln]
            col: int | list[int]
            if in_table is not None:
                cursor = in_table.get(ln, 0)
                found = line.find(piece, cursor) if piece else cursor
                col = found if found >= 0 else _align(piece, line, cursor)
                end = (found + len(piece)) if found >= 0 else (col[-1] + 1 if col else cursor)  # type: ignore[index]
                in_table[ln] = end
            elif line.endswith(piece):
                col = len(line) - len(piece)
            elif (r := line.rstrip()).endswith(piece):
                col = len(r) - len(piece)
            else:
                found = line.find(piece)
                col = found if found >= 0 else _align(piece, line, 0)
            bases.append(base + col if isinstance(col, int) else [base + c for c in col])
        return _ContentMap(starts, bases)


def _front_matter_end(lines: list[str]) -> int:
    """Number of lines taken by YAML (``---``) or TOML (``+++``) front matter at the top."""
    if not lines or lines[0].rstrip() not in ("---", "+++"):
        return 0
    fence = lines[0].rstrip()
    closers = ("---", "...") if fence == "---" else ("+++",)
    for i in range(1, len(lines)):
        if lines[i].rstrip() in closers:
            return i + 1
    return 0


def extract_markdown(source: str) -> Extracted:
    src = _Source(source)
    fm = _front_matter_end(src.lines)
    lines = [""] * fm + src.lines[fm:]
    parse_src = "\n".join(lines).replace("\x00", "\ufffd")
    tokens = _parser().parse(parse_src)

    builder = TextBuilder()
    directives: list[Directive] = []
    kinds: list[str | None] = []
    table_cursors: dict[int, int] | None = None
    for tok in tokens:
        t = tok.type
        if tok.nesting == 1:
            kinds.append(_CONTAINER_KINDS.get(t))
            if t == "table_open":
                table_cursors = {}
        elif tok.nesting == -1:
            if kinds:
                kinds.pop()
            if t == "table_close":
                table_cursors = None
        elif t == "inline" and tok.map is not None:
            kind = next((k for k in reversed(kinds) if k), "paragraph")
            builder.begin_block(kind)
            cmap = src.content_map(tok.content, tok.map[0], table_cursors)
            _emit_inline(builder, tok.children or [], cmap, directives)
            builder.end_block()
        elif t == "html_block" and tok.map is not None:
            start = src.starts[tok.map[0]]
            end = src.starts[tok.map[1]] if tok.map[1] < len(src.starts) else len(source)
            directives.extend(find_directives(source[start:end], start))
    return builder.build(directives)


def _emit_inline(
    builder: TextBuilder, children: list[Token], cmap: _ContentMap, directives: list[Directive]
) -> None:
    run_text: list[str] = []
    run_offsets: list[int] = []

    def flush() -> None:
        if run_text:
            _emit_prose(builder, "".join(run_text), run_offsets)
            run_text.clear()
            run_offsets.clear()

    in_autolink = False
    for child in children:
        t = child.type
        pos = child.meta.get("qc", 0)
        if in_autolink:
            if t == "link_close":
                in_autolink = False
            continue
        if t == "text":
            if child.content:
                run_text.append(child.content)
                r = cmap.run(pos, len(child.content))
                run_offsets.extend(range(r, r + len(child.content)) if isinstance(r, int) else r)
        elif t == "text_special":
            content = child.content
            run_text.append(content)
            if child.info == "escape" and content == child.markup[1:]:
                run_offsets.extend([cmap.at(pos + 1)] * len(content))
            elif child.info == "escape":  # a backslash before a character it does not escape
                r = cmap.run(pos, len(content))
                run_offsets.extend(range(r, r + len(content)) if isinstance(r, int) else r)
            else:
                run_offsets.extend([cmap.at(pos)] * len(content))
        elif t in ("softbreak", "hardbreak"):
            flush()
            builder.add_space(cmap.at(pos))
        elif t == "html_inline":
            flush()
            m = _COMMENT_BODY_RE.fullmatch(child.content)
            if m:
                d = parse_directive(m.group(1), cmap.at(pos))
                if d is not None:
                    directives.append(d)
            elif _BR_RE.fullmatch(child.content):
                builder.add_space(cmap.at(pos))
            builder.gap()
        elif t in ("code_inline", "image"):
            flush()
            builder.gap()
        elif t == "link_open" and child.markup == "autolink":
            flush()
            builder.gap()
            in_autolink = True
        # emphasis, strong, strikethrough and ordinary link markers: nothing to emit
    flush()


def _emit_prose(builder: TextBuilder, text: str, offsets: list[int]) -> None:
    """Emit a run of inline text, leaving bare URLs out."""
    if "://" not in text and "www." not in text.lower():
        builder.add(text, offsets)
        return
    pos = 0
    for m in _URL_RE.finditer(text):
        end = m.end()
        while end > m.start() and text[end - 1] in _URL_TRAILING:
            if text[end - 1] == ")" and text.count("(", m.start(), end) >= text.count(
                ")", m.start(), end
            ):
                break
            end -= 1
        builder.add(text[pos : m.start()], offsets[pos : m.start()])
        builder.gap()
        pos = end
    builder.add(text[pos:], offsets[pos:])
