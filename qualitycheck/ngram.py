"""An English 3-gram language model in a compact memory-mapped table (``data/ngrams.qng``).

Built by ``scripts/build_data.py ngrams`` from CMU Sphinx's ``en-us.lm.bin`` (BSD-2; see
``docs/data.md``). Rules reach it through ``qualitycheck.resources.ngrams()`` and use it only for
*relative* tests: the score of a phrase against the score of one specific alternative.

Format (``qualitycheck-ngrams 2``): one text line with the magic, one line of JSON describing the
tables, a blank line, then the tables, each section aligned to 8 bytes, little-endian. Every table
maps the 32-bit key of an n-gram (``key``: CRC-32 of its words joined by spaces) to one or two
one-byte codes:

- the top ``bits`` bits of the key choose a bucket; ``offsets`` (uint32, ``2**bits + 1``) give each
  bucket's first entry;
- within a bucket the entries are sorted by a fingerprint, the other ``32 - bits`` bits of the key
  (all 32 bits for unigrams), stored in ``fps`` (uint16; uint32 for unigrams); a look-up bisects
  the bucket (~16 entries);
- ``values`` hold, per entry, codes into the table's 256-value codebooks (log10 values quantised at
  build time into equal-count bins, each bin represented by its mean).

Tables: ``1`` (unigrams: probability and back-off), ``2`` (bigrams: probability), ``2bo`` (back-off
weights of the bigrams that have one, i.e. the contexts of trigrams) and ``3`` (trigrams:
probability). A key can match an n-gram the model does not have (about 1 in 2,000 absent bigrams or
trigrams), and about 500 pairs of listed bigrams or trigrams share a key (the look-up finds one of
the two): harmless for relative tests with large margins.
"""

from __future__ import annotations

import json
import mmap
import sys
import zlib
from bisect import bisect_left
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

MAGIC = b"qualitycheck-ngrams 2"
# log10 probability given to a word the model does not know (lower than any listed unigram).
UNKNOWN = -8.0


def key(words: Sequence[str]) -> int:
    """The 32-bit key of an n-gram: CRC-32 of its words joined by spaces, in UTF-8 (the model's
    words are lower-case and contain no spaces)."""
    return zlib.crc32(" ".join(words).encode("utf-8"))


class _Table:
    __slots__ = ("codebooks", "fp_mask", "fps", "offsets", "shift", "values", "width")

    def __init__(self, view: memoryview, spec: dict[str, Any]) -> None:
        def part(name: str) -> memoryview:
            start, length = (int(x) for x in spec[name])
            return view[start : start + length]

        bits = int(spec["bits"])
        fp_bits = int(spec["fp_bits"])
        self.shift = 32 - bits
        self.fp_mask = (1 << fp_bits) - 1
        # Native byte order: the file is little-endian, and so is every platform we run on.
        self.offsets = part("offsets").cast("I")
        # Searched in place (bisect over the mapped file): copying the fingerprints out would
        # save little per look-up and cost ~16 MB of memory and milliseconds at first use.
        self.fps = part("fps").cast("I" if fp_bits == 32 else "H")
        self.values = part("values").cast("B")
        self.codebooks: list[tuple[float, ...]] = [tuple(c) for c in spec["codebooks"]]
        self.width = len(self.codebooks)

    def find(self, h: int) -> int:
        """Index of the entry for key ``h``; -1 when there is none."""
        fps = self.fps
        offsets = self.offsets
        b = h >> self.shift
        hi = offsets[b + 1]
        f = h & self.fp_mask
        i = bisect_left(fps, f, offsets[b], hi)
        return i if i < hi and fps[i] == f else -1


class NgramModel:
    """Katz back-off 3-gram scores, log10.

    - ``known(word)``: whether the model has the (lower-case) word;
    - ``logprob(*words)``: log10 P(last word | the one or two before it), backing off to shorter
      histories as the model prescribes; ``UNKNOWN`` for an unknown predicted word;
    - ``score(words)``: the sum of ``logprob`` over a sequence, each word given the two before it
      (words before the sequence are not seen: compare sequences with the same left edge).
    """

    def __init__(self, path: Path) -> None:
        if sys.byteorder != "little":  # pragma: no cover - no such platform in use
            raise RuntimeError("the n-gram table is little-endian; this platform is not")
        with path.open("rb") as f:
            self._map = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        end = self._map.find(b"\n\n")
        head = bytes(self._map[: max(end, 0)]).split(b"\n", 1)
        if end < 0 or head[0] != MAGIC:
            raise ValueError(f"{path}: not a qualitycheck n-gram file")
        spec = json.loads(head[1])
        view = memoryview(self._map)[spec["data"] :]
        self._t1, self._t2, self._tbo, self._t3 = (
            _Table(view, spec["tables"][name]) for name in ("1", "2", "2bo", "3")
        )
        self.words = int(spec["counts"][0])
        self.logprob = lru_cache(maxsize=1 << 16)(self._logprob)  # type: ignore[method-assign]

    def known(self, word: str) -> bool:
        return self._t1.find(zlib.crc32(word.encode("utf-8"))) >= 0

    def _unigram(self, word: str) -> tuple[float, float] | None:
        t = self._t1
        i = t.find(zlib.crc32(word.encode("utf-8")))
        if i < 0:
            return None
        return t.codebooks[0][t.values[2 * i]], t.codebooks[1][t.values[2 * i + 1]]

    def _bigram(self, w1: str, w2: str) -> float:
        t = self._t2
        i = t.find(zlib.crc32(f"{w1} {w2}".encode()))
        if i >= 0:
            return t.codebooks[0][t.values[i]]
        first, second = self._unigram(w1), self._unigram(w2)
        if second is None:
            return UNKNOWN
        return second[0] + (first[1] if first is not None else 0.0)

    def logprob(self, *words: str) -> float:
        return self._logprob(*words)

    def _logprob(self, *words: str) -> float:
        if len(words) >= 3:
            w1, w2, w3 = words[-3:]
            t = self._t3
            i = t.find(zlib.crc32(f"{w1} {w2} {w3}".encode()))
            if i >= 0:
                return t.codebooks[0][t.values[i]]
            bo = self._tbo
            j = bo.find(zlib.crc32(f"{w1} {w2}".encode()))
            return (bo.codebooks[0][bo.values[j]] if j >= 0 else 0.0) + self._bigram(w2, w3)
        if len(words) == 2:
            return self._bigram(words[0], words[1])
        found = self._unigram(words[0])
        return found[0] if found is not None else UNKNOWN

    def score(self, words: Sequence[str]) -> float:
        total = 0.0
        for i in range(len(words)):
            total += self.logprob(*words[max(0, i - 2) : i + 1])
        return total
