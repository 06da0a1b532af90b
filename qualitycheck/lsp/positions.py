"""Positions the way the Language Server Protocol counts them.

An LSP position is a zero-based line and a character offset in that line, counted in the code
units of the negotiated encoding: UTF-16 by default (an emoji is two units), UTF-8 (bytes) or
UTF-32 (code points, what Python strings index). Lines end at ``\\n``, ``\\r\\n`` or ``\\r`` and at
nothing else: not at the form feed, U+2028 or the other breaks ``str.splitlines`` knows.

Everything here works on code-point offsets into the document text, the offsets findings carry
(``Finding.start``/``end``). Nothing imports the LSP library: it is plain text arithmetic.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from typing import NamedTuple

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"
ENCODINGS = (UTF8, UTF16, UTF32)

_LINE_END_RE = re.compile(r"\r\n|\r|\n")


class Pos(NamedTuple):
    """A zero-based line and a character offset in the encoding's code units."""

    line: int
    character: int


def units(text: str, encoding: str) -> int:
    """How many code units ``text`` takes in ``encoding``."""
    if encoding == UTF32 or text.isascii():
        return len(text)
    if encoding == UTF16:
        return len(text.encode("utf-16-le", "surrogatepass")) // 2
    return len(text.encode("utf-8", "surrogatepass"))


def code_points(line: str, count: int, encoding: str) -> int:
    """How many code points of ``line`` the first ``count`` code units cover. A count that ends
    inside a character (half a surrogate pair, part of a UTF-8 sequence) stops before it; a count
    past the end gives the whole line."""
    if count <= 0:
        return 0
    if encoding == UTF32 or line.isascii():
        return min(count, len(line))
    if encoding == UTF16:
        data = line.encode("utf-16-le", "surrogatepass")
        if 2 * count >= len(data):
            return len(line)
        head = data[: 2 * count]
        n = len(head.decode("utf-16-le", "surrogatepass"))
        # A lone high surrogate at the end is the first half of a character: stop before it.
        return n - 1 if 0xD800 <= int.from_bytes(head[-2:], "little") <= 0xDBFF else n
    data = line.encode("utf-8", "surrogatepass")
    if count >= len(data):
        return len(line)
    return len(data[:count].decode("utf-8", "ignore"))


class TextIndex:
    """A text and where its lines start, to turn offsets into positions and back."""

    __slots__ = ("_starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] | None = None

    @property
    def line_starts(self) -> list[int]:
        """The offset of the first character of every line (a text ending with a line break
        has an empty last line)."""
        if self._starts is None:
            if "\r" in self.text:
                starts = [m.end() for m in _LINE_END_RE.finditer(self.text)]
            else:
                starts = [m.end() for m in re.finditer("\n", self.text)]
            starts.insert(0, 0)
            self._starts = starts
        return self._starts

    @property
    def line_count(self) -> int:
        return len(self.line_starts)

    def line_bounds(self, line: int) -> tuple[int, int]:
        """``(start, end)`` of a zero-based line, without its line break."""
        starts = self.line_starts
        start = starts[line]
        if line + 1 < len(starts):
            end = starts[line + 1] - 1
            if end > start and self.text[end] == "\n" and self.text[end - 1] == "\r":
                end -= 1
        else:
            end = len(self.text)
        return start, end

    def line_text(self, line: int) -> str:
        start, end = self.line_bounds(line)
        return self.text[start:end]

    def position(self, offset: int, encoding: str = UTF16) -> Pos:
        """The position of code-point ``offset`` (clamped to the text; an offset inside a line
        break is the end of its line)."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.line_starts, offset) - 1
        start, end = self.line_bounds(line)
        return Pos(line, units(self.text[start : min(offset, end)], encoding))

    def offset(self, line: int, character: int, encoding: str = UTF16) -> int:
        """The code-point offset of a position. As the protocol says, a character past the end
        of its line means the end of the line; a line past the last one means the end of the
        text."""
        if line < 0:
            return 0
        if line >= self.line_count:
            return len(self.text)
        start, end = self.line_bounds(line)
        return start + code_points(self.text[start:end], character, encoding)


class Change(NamedTuple):
    """One content change of ``textDocument/didChange``: ``range`` is None for the whole text."""

    text: str
    range: tuple[Pos, Pos] | None = None


def apply_changes(index: TextIndex, changes: Iterable[Change], encoding: str = UTF16) -> TextIndex:
    """The text of ``index`` after the changes, applied one after the other (each range refers
    to the text the previous changes left), with its own index."""
    for change in changes:
        if change.range is None:
            index = TextIndex(change.text)
            continue
        start_pos, end_pos = change.range
        start = index.offset(start_pos.line, start_pos.character, encoding)
        end = index.offset(end_pos.line, end_pos.character, encoding)
        if end < start:
            start, end = end, start
        text = index.text
        index = TextIndex(text[:start] + change.text + text[end:])
    return index
