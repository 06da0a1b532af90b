"""Loaders: bytes or text in some format -> a :class:`~qualitycheck.document.Document`.

* plain text: the text is the source (identity offsets, blocks derived from lines);
* Markdown (``markdown.py``): prose only; code, front matter, HTML, URLs and link targets left out;
* HTML (``html.py``): the visible body text.

Markdown and HTML loaders build their text with :class:`TextBuilder`, which records for every
character of the text the index of the source character it comes from, so that findings point
at the file as written.
"""

from __future__ import annotations

import os
from array import array
from collections.abc import Sequence

from qualitycheck.document import Block, Directive, Document, Extracted
from qualitycheck.loaders.decode import LoadError, decode

__all__ = [
    "FORMATS",
    "LoadError",
    "TextBuilder",
    "decode",
    "detect_format",
    "extract",
    "load_bytes",
    "load_text",
]

FORMATS = ("text", "markdown", "html")

_EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".mkd": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}
_FORMAT_NAMES = {
    "text": "text",
    "txt": "text",
    "plain": "text",
    "markdown": "markdown",
    "md": "markdown",
    "html": "html",
    "htm": "html",
    "xhtml": "html",
}


def detect_format(path: str | None, declared: str | None = None) -> str:
    """``"text"``, ``"markdown"`` or ``"html"``: the declared format if given (``--format``),
    else by file extension; unknown extensions and standard input are plain text."""
    if declared:
        fmt = _FORMAT_NAMES.get(declared.strip().lower())
        if fmt is None:
            raise LoadError(f"unknown format {declared!r} (expected text, markdown or html)")
        return fmt
    if not path:
        return "text"
    return _EXTENSIONS.get(os.path.splitext(path)[1].lower(), "text")


def extract(source: str, fmt: str) -> Extracted:
    """The prose of ``source`` in format ``fmt``, with its offset map, blocks and directives."""
    if fmt == "markdown":
        from qualitycheck.loaders.markdown import extract_markdown

        return extract_markdown(source)
    if fmt == "html":
        from qualitycheck.loaders.html import extract_html

        return extract_html(source)
    if fmt == "text":
        return Extracted(source)
    raise LoadError(f"unknown format {fmt!r} (expected text, markdown or html)")


def load_text(source: str, fmt: str, path: str | None = None) -> Document:
    """A Document from already decoded ``source``."""
    return Document.from_extracted(source, extract(source, fmt), fmt=fmt, path=path)


def load_bytes(
    data: bytes, *, fmt: str, path: str | None = None, encoding: str | None = None
) -> Document:
    """A Document from raw file content; raises :class:`LoadError` for binary or undecodable
    data."""
    return load_text(decode(data, encoding), fmt, path)


_CLOSING_PUNCTUATION = frozenset(",.;:!?)]}»”’")


class TextBuilder:
    """Accumulates the analysed text, its offset map and its blocks.

    Blocks are opened with :meth:`begin_block` and filled with :meth:`add` (a run of text and
    the source offsets of its characters) and :meth:`add_space`. The builder keeps the text tidy:

    * a block never starts or ends with white space, and blocks are separated by one ``"\\n"``
      (mapped just past the last character of the previous block); empty blocks vanish;
    * :meth:`add_space` never produces two spaces in a row;
    * after :meth:`gap` (something was left out: inline code, a URL, an image), white space that
      would double up is dropped, and so is a space that would end up before closing
      punctuation ("see <code>, then" -> "see, then").
    """

    __slots__ = (
        "_blocks", "_bstart", "_gap", "_gap_at_start", "_gaps", "_kind", "_len", "_offsets", "_parts",
    )  # fmt: skip

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._offsets: array[int] = array("q")
        self._len = 0
        self._blocks: list[Block] = []
        self._kind = "paragraph"
        self._bstart = -1  # text index where the current block starts; -1: nothing in it yet
        self._gap = False
        self._gaps: list[int] = []  # text indexes where something was left out
        self._gap_at_start = False  # something was left out before the block's first text

    @property
    def kind(self) -> str:
        return self._kind

    def begin_block(self, kind: str) -> None:
        """End the current block; what comes next belongs to a new block of ``kind``."""
        self.end_block()
        self._kind = kind

    def end_block(self) -> None:
        if self._bstart >= 0:
            self._rstrip()
            if self._len > self._bstart:
                self._blocks.append(Block(self._bstart, self._len, self._kind))
            self._bstart = -1
        self._gap = False
        self._gap_at_start = False

    def gap(self) -> None:
        """Something between the previous and the next text was left out."""
        self._gap = True
        if self._bstart < 0:
            self._gap_at_start = True
        elif not self._gaps or self._gaps[-1] != self._len:
            self._gaps.append(self._len)

    def _last_is_space(self) -> bool:
        return bool(self._parts) and self._parts[-1][-1:].isspace()

    def add(self, text: str, offsets: int | Sequence[int]) -> None:
        """Append ``text``; ``offsets`` is the source index of each character, or the source index
        of the first one when the text is a verbatim slice of the source."""
        if not text:
            return
        offs: Sequence[int] = (
            range(offsets, offsets + len(text)) if isinstance(offsets, int) else offsets
        )
        if self._bstart < 0:
            stripped = text.lstrip()
            if not stripped:
                return
            cut = len(text) - len(stripped)
            text, offs = stripped, offs[cut:]
            if self._len:
                self._parts.append("\n")
                self._offsets.append(self._offsets[-1] + 1)
                self._len += 1
            self._bstart = self._len
            if self._gap_at_start:
                self._gaps.append(self._len)
                self._gap_at_start = False
        elif self._gap and self._last_is_space():
            if text[0].isspace():
                stripped = text.lstrip()
                if not stripped:
                    return
                cut = len(text) - len(stripped)
                text, offs = stripped, offs[cut:]
            elif text[0] in _CLOSING_PUNCTUATION:
                self._rstrip()
        self._gap = False
        self._parts.append(text)
        self._offsets.extend(offs)
        self._len += len(text)

    def add_mapped(self, text: str, offset: int) -> None:
        """Append ``text`` (a decoded entity or escape), every character mapped to ``offset``."""
        self.add(text, [offset] * len(text))

    def add_space(self, offset: int) -> None:
        """A word separator (a line break, collapsed white space) at source ``offset``."""
        if self._bstart < 0 or self._last_is_space():
            return
        self._parts.append(" ")
        self._offsets.append(offset)
        self._len += 1

    def _rstrip(self) -> None:
        while self._len > max(self._bstart, 0) and self._last_is_space():
            part = self._parts[-1]
            kept = part.rstrip()
            cut = len(part) - len(kept)
            if kept:
                self._parts[-1] = kept
            else:
                self._parts.pop()
            del self._offsets[len(self._offsets) - cut :]
            self._len -= cut
        if self._gaps and self._gaps[-1] > self._len:
            self._gaps[-1] = self._len

    def build(self, directives: Sequence[Directive] = ()) -> Extracted:
        self.end_block()
        offsets = array("q", self._offsets)
        offsets.append(offsets[-1] + 1 if offsets else 0)
        gaps = tuple(sorted(set(self._gaps)))
        text = "".join(self._parts)
        return Extracted(text, offsets, tuple(self._blocks), tuple(directives), gaps)
