"""An English 3-gram language model in a compact memory-mapped table (``data/ngrams.qng``).

Built by ``scripts/build_data.py ngrams`` from CMU Sphinx's ``en-us.lm.bin`` (BSD-2; see
``docs/data.md``). Rules reach it through ``qualitycheck.resources.ngrams()`` and use it only for
*relative* tests: the score of a phrase against the score of one specific alternative.

Format (``qualitycheck-ngrams 1``): one text line with the magic, one line of JSON describing the
tables, a blank line, then the tables, each section aligned to 8 bytes. Every table maps a 64-bit
hash of an n-gram (``key``) to one or two one-byte codes:

- the top ``bits`` bits of the hash choose a bucket; ``offsets`` (uint32, ``2**bits + 1``) give each
  bucket's first entry;
- within a bucket the entries are sorted by a fingerprint, the next 16 bits of the hash (32 bits for
  unigrams), stored in ``fps``; a look-up bisects the bucket (~16 entries);
- ``values`` hold, per entry, codes into the table's 256-value codebooks (log10 values quantised at
  build time into equal-count bins, each bin represented by its mean).

Tables: ``1`` (unigrams: probability and back-off), ``2`` (bigrams: probability), ``2bo`` (back-off
weights of the bigrams that have one, i.e. the contexts of trigrams) and ``3`` (trigrams:
probability). A fingerprint can match an n-gram the model does not have (about 1 in 4,000 absent
bigrams or trigrams): harmless for relative tests with large margins.
"""

from __future__ import annotations

import bisect
import json
import mmap
import zlib
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

MAGIC = b"qualitycheck-ngrams 1"
_M64 = 0xFFFFFFFFFFFFFFFF
# log10 probability given to a word the model does not know (lower than any listed unigram).
UNKNOWN = -8.0


def _mix(h: int) -> int:
    """A 64-bit finaliser (MurmurHash3's): every input bit affects every output bit."""
    h ^= h >> 33
    h = (h * 0xFF51AFD7ED558CCD) & _M64
    h ^= h >> 33
    h = (h * 0xC4CEB9FE1A85EC53) & _M64
    h ^= h >> 33
    return h


def word_hash(word: str) -> int:
    """CRC-32 of the word's UTF-8 bytes (the model's words are lower-case)."""
    return zlib.crc32(word.encode("utf-8"))


def key(hashes: Sequence[int]) -> int:
    """The 64-bit key of an n-gram from its words' ``word_hash`` values (1 to 3 of them)."""
    h = _mix(hashes[0] | (hashes[1] << 32) if len(hashes) > 1 else hashes[0])
    if len(hashes) > 2:
        h = _mix(h ^ hashes[2])
    return h


class _Table:
    __slots__ = ("bits", "codebooks", "fp_shift", "fp_mask", "fps", "offsets", "values", "width")

    def __init__(self, view: memoryview, spec: dict[str, object]) -> None:
        def part(name: str, fmt: str) -> memoryview:
            start, length = spec[name]  # type: ignore[misc]
            return view[start : start + length].cast(fmt)

        self.bits: int = spec["bits"]  # type: ignore[assignment]
        fp_bits: int = spec["fp_bits"]  # type: ignore[assignment]
        self.fp_shift = 64 - self.bits - fp_bits
        self.fp_mask = (1 << fp_bits) - 1
        self.offsets = part("offsets", "I")
        self.fps = part("fps", "I" if fp_bits == 32 else "H")
        self.values = part("values", "B")
        self.codebooks: list[tuple[float, ...]] = [tuple(c) for c in spec["codebooks"]]  # type: ignore[attr-defined]
        self.width = len(self.codebooks)

    def find(self, h: int) -> int:
        """Index of the entry for key ``h``; -1 when there is none."""
        b = h >> (64 - self.bits)
        f = (h >> self.fp_shift) & self.fp_mask
        lo, hi = self.offsets[b], self.offsets[b + 1]
        i = bisect.bisect_left(self.fps, f, lo, hi)
        return i if i < hi and self.fps[i] == f else -1

    def value(self, i: int, k: int = 0) -> float:
        return self.codebooks[k][self.values[i * self.width + k]]


class NgramModel:
    """Katz back-off 3-gram scores, log10.

    - ``known(word)``: whether the model has the (lower-case) word;
    - ``logprob(*words)``: log10 P(last word | the one or two before it), backing off to shorter
      histories as the model prescribes; ``UNKNOWN`` for an unknown predicted word;
    - ``score(words)``: the sum of ``logprob`` over a sequence, each word given the two before it
      (words before the sequence are not seen: compare sequences with the same left edge).
    """

    def __init__(self, path: Path) -> None:
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
        return self._t1.find(key((word_hash(word),))) >= 0

    def _unigram(self, h: int) -> tuple[float, float] | None:
        i = self._t1.find(key((h,)))
        if i < 0:
            return None
        return self._t1.value(i, 0), self._t1.value(i, 1)

    def _bigram(self, h1: int, h2: int) -> float:
        i = self._t2.find(key((h1, h2)))
        if i >= 0:
            return self._t2.value(i)
        first, second = self._unigram(h1), self._unigram(h2)
        if second is None:
            return UNKNOWN
        return second[0] + (first[1] if first is not None else 0.0)

    def logprob(self, *words: str) -> float:
        return self._logprob(*words)

    def _logprob(self, *words: str) -> float:
        hashes = [word_hash(w) for w in words]
        if len(hashes) >= 3:
            h1, h2, h3 = hashes[-3:]
            i = self._t3.find(key((h1, h2, h3)))
            if i >= 0:
                return self._t3.value(i)
            j = self._tbo.find(key((h1, h2)))
            return (self._tbo.value(j) if j >= 0 else 0.0) + self._bigram(h2, h3)
        if len(hashes) == 2:
            return self._bigram(hashes[0], hashes[1])
        found = self._unigram(hashes[0])
        return found[0] if found is not None else UNKNOWN

    def score(self, words: Sequence[str]) -> float:
        total = 0.0
        for i in range(len(words)):
            total += self.logprob(*words[max(0, i - 2) : i + 1])
        return total
