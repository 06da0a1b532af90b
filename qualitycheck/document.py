"""The Document model: the text rules look at, its blocks, sentences and words, and the way back to
positions in the file as the user wrote it.

Loaders turn a file into an ``Extracted`` (analysed text, offset map, blocks); ``Document`` adds the
segmentation lazily, so a rule that needs only the raw text pays for nothing else.
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, NamedTuple, TypeVar, cast

from qualitycheck.segment import _END_RE, WORD_RE, _trim, split_sentences

_T = TypeVar("_T")

BLOCK_KINDS = ("paragraph", "heading", "list_item", "quote", "table_cell", "caption", "other")


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph-like unit of ``Document.text``: a paragraph, heading, list item, table cell...

    In plain text every non-empty line is a block, unless the file is hard-wrapped (then blank lines
    separate blocks). ``start``/``end`` are offsets in ``Document.text``; the span has no leading or
    trailing white space."""

    start: int
    end: int
    kind: str = "paragraph"


@dataclass(frozen=True, slots=True)
class Directive:
    """An inline suppression comment found by a loader (Markdown and HTML)."""

    action: str  # "disable" | "enable" | "disable-next-line"
    rules: tuple[str, ...]  # empty: every rule
    source_offset: int  # where the comment starts in the source


@dataclass(frozen=True, slots=True)
class Extracted:
    """What a loader produces.

    ``offsets`` maps every index of ``text`` to an index of the source, with one extra entry for the
    end; ``None`` means the text *is* the source. ``blocks`` may be ``None`` to let the document
    derive them from lines."""

    text: str
    offsets: Sequence[int] | None = None
    blocks: tuple[Block, ...] | None = None
    directives: tuple[Directive, ...] = ()
    gaps: tuple[int, ...] = ()  # sorted text indexes where non-prose content was left out


class Sentence(NamedTuple):
    start: int
    end: int
    block: int  # index into Document.blocks


class Word(NamedTuple):
    """A word token (letters and digits, with inner apostrophes or hyphens). A named tuple:
    documents hold hundreds of thousands of them, and tuples are the cheapest to build."""

    start: int
    end: int
    text: str
    sentence: int  # index into Document.sentences
    position: int  # index of the word within its sentence (0 = first word)

    @property
    def is_capitalized(self) -> bool:
        return self.text[:1].isupper()


_LINE_BREAK_RE = re.compile(r"\r\n|\r|\n")
_WORD_SPLIT_RE = re.compile(f"({WORD_RE.pattern})")  # the word pattern as one group
_MATCH_END = re.Match.end
_FIRST_CHAR = operator.itemgetter(0)  # a word's first character (words are never empty)


@dataclass(frozen=True)
class Document:
    """A decoded file ready for the rules.

    ``text`` is what rules analyse (prose only, for Markdown and HTML). Rules report offsets into
    ``text``; ``source_offset`` maps them back to ``source`` and ``line_col`` to 1-based lines and
    code-point columns."""

    source: str
    text: str
    format: str = "text"
    path: str | None = None
    offsets: Sequence[int] | None = field(default=None, repr=False)
    given_blocks: tuple[Block, ...] | None = field(default=None, repr=False)
    directives: tuple[Directive, ...] = ()
    gaps: tuple[int, ...] = field(default=(), repr=False)

    @classmethod
    def from_text(cls, text: str, *, path: str | None = None) -> Document:
        """A plain-text document (the common case, and what tests use)."""
        return cls.from_extracted(text, Extracted(text), fmt="text", path=path)

    @classmethod
    def from_extracted(
        cls, source: str, extracted: Extracted, *, fmt: str, path: str | None = None
    ) -> Document:
        text, offsets = extracted.text, extracted.offsets
        gaps = extracted.gaps
        if "\r" in text:  # rules see "\n" only; positions still refer to the source
            if gaps:  # each "\r\n" before a gap becomes one character
                gaps = tuple(g - text.count("\r\n", 0, g) for g in gaps)
            text, offsets = _normalise_newlines(text, offsets)
        return cls(
            source=source,
            text=text,
            format=fmt,
            path=path,
            offsets=offsets,
            given_blocks=extracted.blocks,
            directives=extracted.directives,
            gaps=gaps,
        )

    # -- positions ---------------------------------------------------------------------------
    def source_offset(self, index: int) -> int:
        """Source index of ``text[index]`` (``index == len(text)`` maps to the end)."""
        if self.offsets is None:
            return index
        return self.offsets[min(max(index, 0), len(self.offsets) - 1)]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Source span of ``text[start:end]``; the end maps through the last character so that
        markup removed after it is not included."""
        if self.offsets is None:
            return start, end
        s = self.source_offset(start)
        e = self.source_offset(end - 1) + 1 if end > start else s
        return s, max(s, e)

    @cached_property
    def _source_line_starts(self) -> list[int]:
        starts = [0]
        starts.extend(map(_MATCH_END, _LINE_BREAK_RE.finditer(self.source)))
        return starts

    def line_col(self, source_index: int) -> tuple[int, int]:
        """1-based line and column (code points) of a source index."""
        starts = self._source_line_starts
        line = bisect.bisect_right(starts, source_index) - 1
        return line + 1, source_index - starts[line] + 1

    def line_col_span(self, start: int, end: int) -> tuple[int, int, int, int]:
        """``line_col(start) + line_col(end)``, with one search when both are on one line."""
        starts = self._source_line_starts
        line = bisect.bisect_right(starts, start) - 1
        if line + 1 == len(starts) or end < starts[line + 1]:
            return line + 1, start - starts[line] + 1, line + 1, end - starts[line] + 1
        end_line = bisect.bisect_right(starts, end) - 1
        return line + 1, start - starts[line] + 1, end_line + 1, end - starts[end_line] + 1

    def source_line(self, line: int) -> str:
        """The source line ``line`` (1-based), without its line break."""
        starts = self._source_line_starts
        start = starts[line - 1]
        end = starts[line] if line < len(starts) else len(self.source)
        return self.source[start:end].rstrip("\r\n")

    def touches_gap(self, start: int, end: int) -> bool:
        """True when non-prose content (inline code, a URL, an image) was left out of the text at
        a position in ``[start, end]``: the text there was stitched together by the loader."""
        if not self.gaps:
            return False
        i = bisect.bisect_left(self.gaps, start)
        return i < len(self.gaps) and self.gaps[i] <= end

    # -- structure ---------------------------------------------------------------------------
    @cached_property
    def blocks(self) -> tuple[Block, ...]:
        if self.given_blocks is not None:
            return self.given_blocks
        return tuple(_blocks_from_lines(self.text))

    @cached_property
    def sentences(self) -> tuple[Sentence, ...]:
        out: list[Sentence] = []
        text = self.text
        new = tuple.__new__  # what Sentence(s, e, i) does, without its Python-level __new__
        may_end = _END_RE.search
        for i, block in enumerate(self.blocks):
            start, end = block.start, block.end
            if may_end(text, start, end) is None:  # no sentence end: split_sentences' last step
                s, e = _trim(text, start, end)
                if s < e:
                    out.append(new(Sentence, (s, e, i)))
                continue
            for s, e in split_sentences(text, start, end):
                out.append(new(Sentence, (s, e, i)))
        return tuple(out)

    @cached_property
    def words(self) -> tuple[Word, ...]:
        return self._words_by_sentence[0]

    @cached_property
    def sentence_word_offsets(self) -> tuple[int, ...]:
        """Where each sentence's words start in ``words``, plus the total at the end: the words
        of sentence ``i`` are ``words[offsets[i] : offsets[i + 1]]``."""
        return self._words_by_sentence[1]

    @property
    def word_texts(self) -> list[str]:
        """``[w.text for w in words]``, kept from the build (reading it off the named tuples
        costs more). Shared: callers must not modify it."""
        return self._words_by_sentence[3]

    @cached_property
    def _words_by_sentence(
        self,
    ) -> tuple[tuple[Word, ...], tuple[int, ...], list[int], list[str]]:
        out: list[Word] = []
        offsets = [0]
        starts: list[int] = []
        texts: list[str] = []
        text = self.text
        split = _WORD_SPLIT_RE.split
        new = tuple.__new__
        word_type = itertools.repeat(Word)
        # Word(start, end, text, sentence, position) for every word, built in C: splitting a
        # sentence on the word pattern gives [gap, word, gap, word, ..., gap], and the running
        # sum of their lengths gives every word's start and end.
        for si, sent in enumerate(self.sentences):
            parts = split(text[sent.start : sent.end])
            bounds = list(itertools.accumulate(map(len, parts), initial=sent.start))
            word_starts = bounds[1:-1:2]  # (the last bound is the end of the text)
            word_texts = parts[1::2]
            starts += word_starts
            texts += word_texts
            fields = zip(
                word_starts,
                bounds[2::2],
                word_texts,
                itertools.repeat(si),
                itertools.count(),
            )
            out.extend(map(new, word_type, fields))
            offsets.append(len(out))
        return tuple(out), tuple(offsets), starts, texts

    @cached_property
    def capital_flags(self) -> bytes:
        """One byte per word of ``words``: 1 when the word's first character is an upper-case
        letter ("Kyiv", "UN"), else 0. Computed in C, once per document, for the rules that
        start from the capitalised words."""
        return bytes(map(str.isupper, map(_FIRST_CHAR, self.word_texts)))

    @cached_property
    def token_counts(self) -> Counter[str]:
        """How often each word token occurs, as written (counted in C, once per document)."""
        return Counter(self.word_texts)

    @property
    def _word_starts(self) -> list[int]:
        return self._words_by_sentence[2]

    def words_between(self, start: int, end: int) -> Sequence[Word]:
        """Words whose start lies in ``[start, end)``."""
        lo, hi = self.word_range(start, end)
        return self.words[lo:hi]

    def word_range(self, start: int, end: int) -> tuple[int, int]:
        """``(lo, hi)``: ``words[lo:hi]`` (and ``word_texts[lo:hi]``) are the words whose start
        lies in ``[start, end)``."""
        starts = self._word_starts
        lo = bisect.bisect_left(starts, start)
        return lo, bisect.bisect_left(starts, end, lo)

    @cached_property
    def block_word_counts(self) -> list[int]:
        """How many words each block holds (``count_words`` over the block, for every block at
        once: a block's words are those of its sentences)."""
        counts = [0] * len(self.blocks)
        offsets = self.sentence_word_offsets
        for i, sent in enumerate(self.sentences):
            counts[sent.block] += offsets[i + 1] - offsets[i]
        return counts

    def words_per_block(self) -> list[int]:
        """``block_word_counts``, counted without building the word index when it is not there
        (the HTML report of a huge file asks once, after the checks released it): a sentence's
        words are the matches of the word pattern within it."""
        if "_words_by_sentence" in self.__dict__:
            return list(self.block_word_counts)
        counts = [0] * len(self.blocks)
        findall, text = WORD_RE.findall, self.text
        for start, end, block in self.sentences:
            counts[block] += len(findall(text, start, end))
        return counts

    def count_words(self, start: int, end: int) -> int:
        """``len(self.words_between(start, end))``, without building the slice."""
        starts = self._word_starts
        return bisect.bisect_left(starts, end) - bisect.bisect_left(starts, start)

    def sentence_words(self, index: int) -> Sequence[Word]:
        offsets = self.sentence_word_offsets
        return self.words[offsets[index] : offsets[index + 1]]

    def block_text(self, block: Block) -> str:
        return self.text[block.start : block.end]

    def block_of(self, index: int) -> int | None:
        """Index of the block containing text offset ``index``, or None."""
        starts = self._block_starts
        i = bisect.bisect_right(starts, index) - 1
        if i >= 0 and self.blocks[i].start <= index < self.blocks[i].end:
            return i
        return None

    @cached_property
    def _block_starts(self) -> list[int]:
        return [b.start for b in self.blocks]

    def iter_lines(self) -> Iterator[tuple[int, int]]:
        """``(start, end)`` of every line of ``text`` (without the line break)."""
        pos = 0
        text = self.text
        while True:
            nl = text.find("\n", pos)
            if nl < 0:
                yield pos, len(text)
                return
            yield pos, nl
            pos = nl + 1

    # -- statistics --------------------------------------------------------------------------
    @property
    def word_count(self) -> int:
        known = self.__dict__.get("_word_count")
        return known if known is not None else len(self.words)

    def release_analyses(self) -> None:
        """Forget the word index and what rules shared through ``memo`` (hundreds of thousands of
        small objects for a large text), keeping the word count; anything asked for later is
        computed again. The engine calls it after a check: a result keeps its document, and a
        corpus run keeps many results."""
        cached = self.__dict__
        if "_words_by_sentence" in cached:
            cached["_word_count"] = len(cached["_words_by_sentence"][0])
        for name in (*_WORD_INDEX, "_memo"):
            cached.pop(name, None)

    # -- shared analyses ---------------------------------------------------------------------
    def memo(self, key: str, compute: Callable[[Document], _T]) -> _T:
        """``compute(self)``, computed once per document and shared by every rule that asks with
        the same ``key`` (e.g. the candidate names of ``qualitycheck.names``). The result is
        shared: callers must not modify it."""
        cache: dict[str, Any] | None = self.__dict__.get("_memo")
        if cache is None:
            cache = self.__dict__["_memo"] = {}
        if key not in cache:
            cache[key] = compute(self)
        return cast(_T, cache[key])


# The cached properties that make up the word index (see Document.release_analyses).
_WORD_INDEX = (
    "_words_by_sentence",
    "words",
    "sentence_word_offsets",
    "block_word_counts",
    "token_counts",
    "capital_flags",
)


def _normalise_newlines(
    text: str, offsets: Sequence[int] | None
) -> tuple[str, Sequence[int] | None]:
    new_chars: list[str] = []
    new_offsets: list[int] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        src = offsets[i] if offsets is not None else i
        if ch == "\r":
            new_chars.append("\n")
            new_offsets.append(src)
            if i + 1 < n and text[i + 1] == "\n":
                i += 1
        else:
            new_chars.append(ch)
            new_offsets.append(src)
        i += 1
    new_offsets.append(offsets[n] if offsets is not None else n)
    return "".join(new_chars), new_offsets


def _looks_hard_wrapped(lines: list[str]) -> bool:
    """Plain text wrapped at a fixed width: most lines of multi-line blocks end near the same
    column and many lines continue a sentence. Then blank lines, not line breaks, end blocks."""
    # (counted in C: a crawl's plain text has hundreds of thousands of lines)
    lengths = list(map(len, filter(str.strip, lines)))
    if len(lengths) < 4:
        return False
    longest = max(lengths)
    if longest > 100:
        return False
    near_width = sum(map((longest - 25).__le__, lengths))
    if near_width < 0.5 * len(lengths):
        return False
    # a line that ends with a letter, followed by one that starts in lower case (neither blank)
    ends_in_letter = map(str.isalpha, map(_LAST_CHAR, map(str.rstrip, lines)))
    starts_lower = map(str.islower, map(_FIRST_CHARS, map(str.lstrip, lines[1:])))
    continued = sum(map(operator.and_, ends_in_letter, starts_lower))
    return continued >= 0.2 * len(lengths)


_LAST_CHAR = operator.itemgetter(slice(-1, None))
_FIRST_CHARS = operator.itemgetter(slice(None, 1))


def _blocks_from_lines(text: str) -> Iterator[Block]:
    lines = text.split("\n")
    wrapped = _looks_hard_wrapped(lines)
    pos = 0
    block_start: int | None = None
    block_end = 0
    for line in lines:
        line_start, line_end = pos, pos + len(line)
        pos = line_end + 1
        stripped = line.strip()
        if not stripped:
            if block_start is not None:
                yield Block(block_start, block_end)
                block_start = None
            continue
        # where the stripped line stands: its first occurrence, at the first non-space character
        s = line_start + (line.find(stripped) if line[0].isspace() else 0)
        e = s + len(stripped)
        if wrapped:
            if block_start is None:
                block_start = s
            block_end = e
        else:
            yield _new_block(s, e)
    if block_start is not None:
        yield Block(block_start, block_end)


class _NewBlock:
    """A ``Block`` under construction: the same slots set by plain assignments, then the class
    given (a frozen dataclass sets each field through ``object.__setattr__``; a crawl's plain
    text has a block per line). See ``finding.new_finding``."""

    __slots__ = Block.__slots__

    def __init__(self, start: int, end: int) -> None:
        self.start = start
        self.end = end
        self.kind = "paragraph"


def _new_block(start: int, end: int) -> Block:
    """``Block(start, end)``, built faster."""
    b: Any = _NewBlock(start, end)
    b.__class__ = Block
    return b
