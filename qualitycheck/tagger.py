"""A small part-of-speech tagger: a greedy averaged perceptron trained on the Brown corpus.

Built by ``scripts/build_data.py tagger`` (``scripts/build_tagger.py``); rules reach it through
``qualitycheck.resources.tagger()``. It tags the *words* of a sentence as ``Document.words`` gives
them (no punctuation tokens), so it was trained on Brown sentences with punctuation removed.

Tags (Brown's tag set folded to a Penn-like one): ``NN`` singular or mass common noun, ``NNS``
plural noun, ``NNP`` proper noun, ``POS`` any possessive noun ("minister's"), ``PRP`` personal
pronoun, ``PRP$`` possessive pronoun, ``DT`` article or determiner, ``CD`` number, ``JJ``
adjective (and ordinal), ``RB`` adverb, ``RP`` particle, ``IN`` preposition or subordinating
conjunction, ``TO``, ``CC``, ``MD`` modal, ``VB`` base verb, ``VBD`` past, ``VBG`` -ing, ``VBN``
past participle, ``VBZ`` present (any person), ``NR`` adverbial noun ("today", "home", "Friday"),
``WH`` wh-word, ``EX`` existential "there", ``UH``, ``FW`` foreign word, ``X`` other.

Features (``features``): the word, its last three and two letters, its shape; the previous
word and its last three letters; the next word and its last three letters; the previous tag and
the previous two tags; a bias. The weights of the features of one word are added up at build time:
per known word three rows (as the word itself, as the previous word, as the next word); unknown
words fall back to rows for their endings.

File format (``qualitycheck/data/tagger.qpt``, read in a few milliseconds): the line
``qualitycheck-tagger 3``; a line of the tags separated by spaces; a line of notes (the scale);
a line ``name:count`` per section, separated by spaces; a blank line. Then the names of every
section in order, one per line (UTF-8), a NUL byte, then the rows: int16 little-endian, one per
tag. Sections: ``dict`` (words seen often with one tag: one byte per word, the tag's index, in
place of rows), ``word`` (three rows per word: self, as previous, as next), ``s3``/``s2`` (rows for
a word's endings, used for unknown words), ``sl``/``sr`` (endings of an unknown previous / next
word), ``t`` (previous tag, bias included), ``tt`` (previous two tags), ``h`` (shape).
"""

from __future__ import annotations

import array
from collections.abc import Sequence
from pathlib import Path

MAGIC = b"qualitycheck-tagger 3\n"
SECTIONS = ("dict", "word", "s3", "s2", "sl", "sr", "t", "tt", "h")
_OFFSET = 1 << 15  # added to every int16 weight in a packed row
START = ("-START-", "-START2-")
END = ("-END-", "-END2-")


def normalise(word: str) -> str:
    """The word as features see it: lower-case, digits as ``!DIGITS`` (years, counts)."""
    if word.isdigit():
        return "!YEAR" if len(word) == 4 else "!DIGITS"
    return word.lower().replace("’", "'")


def shape(word: str, first: bool) -> str:
    if word[:1].isdigit():
        return "d"
    if word.isupper() and len(word) > 1:
        return "U"
    if word[:1].isupper():
        return "I" if first else "C"
    return "l"


def features(i: int, words: Sequence[str], raw: Sequence[str], prev: str, prev2: str) -> list[str]:
    """Features of word ``i`` of ``words`` (normalised, padded with two START and two END
    markers: word ``i`` is ``words[i + 2]``); ``raw`` the words as written (unpadded)."""
    w = words[i + 2]
    before, after = words[i + 1], words[i + 3]
    return [
        "b",
        "w " + w,
        "s " + w[-3:],
        "s2 " + w[-2:],
        "h " + shape(raw[i], i == 0),
        "t " + prev,
        "tt " + prev2 + " " + prev,
        "w- " + before,
        "s- " + before[-3:],
        "w+ " + after,
        "s+ " + after[-3:],
    ]


def _packed(row: memoryview) -> int:
    """One row of int16 weights as a single integer, 32 bits per tag, each weight plus 2**15:
    adding rows adds every tag's weights at once (no field overflows: a sum has at most eight
    rows). The same offset for every tag changes no decision."""
    return int.from_bytes(array.array("I", [v + _OFFSET for v in row]).tobytes(), "little")


class Tagger:
    """``tag(words)``: one tag per word. Words seen often with one tag get it from a dictionary;
    the others are scored by the perceptron: the packed rows of the word, its neighbours, the
    previous tags and the shape are added and the best field wins."""

    def __init__(self, tags: list[str], names: dict[str, dict[str, int]], rows: memoryview) -> None:
        self.tags = tags
        self._n = len(tags)
        self._dict = names.pop("dict")
        self._names = names
        self._rows = rows
        self._cache: dict[tuple[str, str], int] = {}  # (section, name) -> packed row(s)
        self._words: dict[str, tuple[int, int, int]] = {}  # word -> (self, as previous, as next)
        # (previous tag, previous but one) -> the two tag rows added, filled as pairs turn up.
        self._tags: dict[tuple[str, str], int] = {}
        self._shapes = {h: self._row("h", h) for h in names["h"]}

    def _tag_rows(self, prev: str, prev2: str) -> int:
        total = self._tags[prev, prev2] = self._row("t", prev) + self._row("tt", f"{prev2} {prev}")
        return total

    def _row(self, section: str, name: str) -> int:
        """The packed row ``name`` of ``section``; 0 (no weight) when there is none."""
        k = (section, name)
        packed = self._cache.get(k)
        if packed is None:
            i = self._names[section].get(name)
            packed = 0 if i is None else _packed(self._rows[i * self._n : (i + 1) * self._n])
            self._cache[k] = packed
        return packed

    def _word(self, w: str) -> tuple[int, int, int]:
        rows = self._words.get(w)
        if rows is None:
            i = self._names["word"].get(w)
            n = self._n
            if i is not None:
                r = self._rows
                rows = (
                    _packed(r[3 * i * n : (3 * i + 1) * n]),
                    _packed(r[(3 * i + 1) * n : (3 * i + 2) * n]),
                    _packed(r[(3 * i + 2) * n : (3 * i + 3) * n]),
                )
            else:
                row = self._row
                rows = (row("s3", w[-3:]) + row("s2", w[-2:]), row("sl", w[-3:]), row("sr", w[-3:]))
            self._words[w] = rows
        return rows

    def tag(self, words: Sequence[str]) -> list[str]:
        """One tag per word of a sentence (words as ``Document.words`` gives them)."""
        tags = self.tags
        tagdict = self._dict
        cached = self._words.get
        word = self._word
        by_tags = self._tags.get
        tag_rows = self._tag_rows
        shapes = self._shapes
        size = 4 * self._n
        norm = [*START, *map(normalise, words), *END]
        prev, prev2 = START
        out: list[str] = []
        for i in range(len(words)):
            w = norm[i + 2]
            t = tagdict.get(w)
            if t is None:
                before, after = norm[i + 1], norm[i + 3]
                total = (
                    (cached(w) or word(w))[0]
                    + (cached(before) or word(before))[1]
                    + (cached(after) or word(after))[2]
                    + (by_tags((prev, prev2)) or tag_rows(prev, prev2))
                    + shapes.get(shape(words[i], i == 0), 0)
                )
                fields = memoryview(total.to_bytes(size, "little")).cast("I").tolist()
                t = fields.index(max(fields))
            prev2, prev = prev, tags[t]
            out.append(prev)
        return out


def load(path: Path) -> Tagger:
    """A tagger from a ``tagger.qpt`` file (format: module docstring). The file is mapped, not
    read: a run reads the rows of the few thousand words it tags (reading and copying all 2 MB
    cost ~3 ms)."""
    import mmap
    import os

    with path.open("rb") as f:
        if os.fstat(f.fileno()).st_size < len(MAGIC):
            raise ValueError(f"{path}: not a qualitycheck tagger file")
        data = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    if data[: len(MAGIC)] != MAGIC:
        raise ValueError(f"{path}: not a qualitycheck tagger file")
    head_end = data.find(b"\n\n")
    if head_end < 0 or data.find(b"\0", head_end) < 0:
        raise ValueError(f"{path}: damaged tagger file")
    tags_line, _notes, sizes = data[len(MAGIC) : head_end].decode("utf-8").split("\n")
    tags = tags_line.split(" ")
    counts = [(name, int(n)) for name, n in (f.split(":") for f in sizes.split(" "))]
    start = head_end + 2
    text_end = data.find(b"\0", start)
    names = data[start:text_end].decode("utf-8").split("\n")
    n_dict = counts[0][1]
    dict_tags = data[text_end + 1 : text_end + 1 + n_dict]
    rows = memoryview(data)[text_end + 1 + n_dict :].cast("h")
    sections: dict[str, dict[str, int]] = {
        "dict": dict(zip(names[:n_dict], dict_tags, strict=True))
    }
    at, row = n_dict, 0
    for name, n in counts[1:]:
        sections[name] = dict(zip(names[at : at + n], range(row, row + n), strict=True))
        at += n
        row += 3 * n if name == "word" else n
    if [c[0] for c in counts] != list(SECTIONS) or len(rows) != row * len(tags):
        raise ValueError(f"{path}: damaged tagger file")
    return Tagger(tags, sections, rows)
