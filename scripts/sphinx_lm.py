"""Read a CMU Sphinx binary trie language model (``en-us.lm.bin``) into plain arrays.

Build-time tool for ``scripts/build_data.py ngrams``; nothing in the package imports it. It needs
numpy (vectorised bit unpacking), not pocketsphinx: the layout was worked out from pocketsphinx's
documentation and source (``ngram_model_trie`` / ``lm_trie``), and the reader is checked against
pocketsphinx's own scores by ``scripts/check_sphinx_reader.py`` and ``tests/test_ngram.py``.

Layout of the file (little-endian):

- the 19 bytes ``Trie Language Model``, the order (one byte) and one uint32 count per order;
- a uint32 (ignored), then the quantisation tables as float32: for each middle order (bigrams of a
  3-gram model) 65,536 probability centres then 65,536 back-off centres, then 65,536 probability
  centres for the highest order;
- ``count[0] + 1`` unigram records ``(float32 prob, float32 backoff, uint32 next)``; ``next`` of
  word ``w`` and of ``w + 1`` bound the range of bigram entries below it;
- the bit-packed n-gram arrays. The trie is keyed by *reversed* n-grams: below the unigram of the
  predicted word ``w`` sit entries for each history word ``h1`` with ``h1 w`` a bigram, and below
  each of those entries for each ``h2`` with ``h2 h1 w`` a trigram. A middle entry is ``word_bits``
  bits of word id, 16 bits back-off code, 16 bits probability code and ``next_bits`` bits of the
  start of its range in the next array (its end is the next entry's start); a highest-order entry is
  ``word_bits`` bits of word id and 16 bits of probability code. ``word_bits`` is the number of bits
  of ``count[0]``, ``next_bits`` that of the next order's count. Each array is padded to whole bytes
  plus 8 spare bytes, and has one extra entry holding the final ``next``;
- a uint32 byte count and the NUL-terminated word strings in id order.

Values are natural-log-ish "logmath" units of base 1.0001 (``log10(p) / log10(1.0001)``), which
is what pocketsphinx's ``NGramModel.prob`` returns; ``LOGMATH_TO_LOG10`` converts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

HEADER = b"Trie Language Model"
LOGMATH_TO_LOG10 = math.log10(1.0001)
QUANT_BITS = 16


def _bits(max_value: int) -> int:
    return max_value.bit_length()


@dataclass
class SphinxLM:
    """A 3-gram model as arrays. ``words[i]`` is word ``i``; ``uni_prob`` and ``uni_bo`` are per
    word; ``bi_w1, bi_w2`` (ids, in reading order "w1 w2") with ``bi_prob`` = log P(w2 | w1) and
    ``bi_bo`` = back-off of "w1 w2"; ``tri_w1, tri_w2, tri_w3`` with ``tri_prob`` = log P(w3 | w1
    w2). All values are log10."""

    words: list[str]
    uni_prob: np.ndarray
    uni_bo: np.ndarray
    bi_w1: np.ndarray
    bi_w2: np.ndarray
    bi_prob: np.ndarray
    bi_bo: np.ndarray
    tri_w1: np.ndarray
    tri_w2: np.ndarray
    tri_w3: np.ndarray
    tri_prob: np.ndarray

    def index(self) -> dict[str, int]:
        return {w: i for i, w in enumerate(self.words)}


def _read_field(mem: np.ndarray, offsets: np.ndarray, nbits: int) -> np.ndarray:
    """The ``nbits``-bit little-endian fields starting at bit ``offsets`` of ``mem``."""
    byte = offsets >> 3
    shift = (offsets & 7).astype(np.uint64)
    gathered = mem[byte[:, None] + np.arange(8)]
    value = gathered.copy().view("<u8").reshape(-1)
    return ((value >> shift) & np.uint64((1 << nbits) - 1)).astype(np.int64)


def read(path: Path) -> SphinxLM:
    raw = path.read_bytes()
    if not raw.startswith(HEADER):
        raise ValueError(f"{path}: not a Sphinx trie language model")
    pos = len(HEADER)
    order = raw[pos]
    pos += 1
    if order != 3:
        raise ValueError(f"{path}: order {order}, only 3-gram models are read")
    counts = [int(x) for x in np.frombuffer(raw, "<u4", order, pos)]
    pos += 4 * order
    pos += 4  # formerly the quantisation type
    n_tables = (order - 2) * 2 + 1
    quant = np.frombuffer(raw, "<f4", n_tables << QUANT_BITS, pos).astype(np.float64)
    pos += 4 * (n_tables << QUANT_BITS)
    size = 1 << QUANT_BITS
    bi_prob_table, bi_bo_table, tri_prob_table = (
        quant[:size],
        quant[size : 2 * size],
        quant[2 * size :],
    )
    n1, n2, n3 = counts
    uni = np.frombuffer(raw, np.dtype([("p", "<f4"), ("b", "<f4"), ("n", "<u4")]), n1 + 1, pos)
    pos += 12 * (n1 + 1)

    word_bits = _bits(n1)
    mid_total = word_bits + 2 * QUANT_BITS + _bits(n3)
    mid_size = ((1 + n2) * mid_total + 7) // 8 + 8
    long_total = word_bits + QUANT_BITS
    long_size = ((1 + n3) * long_total + 7) // 8 + 8
    mid = np.frombuffer(raw, np.uint8, mid_size, pos)
    pos += mid_size
    longest = np.frombuffer(raw, np.uint8, long_size, pos)
    pos += long_size
    (nchars,) = np.frombuffer(raw, "<u4", 1, pos)
    pos += 4
    words = raw[pos : pos + int(nchars)].decode("utf-8").split("\0")[:n1]
    if len(words) != n1:
        raise ValueError(f"{path}: {len(words)} word strings for {n1} unigrams")

    # Bigram entries (reversed: the unigram is the predicted word, the entry its history word).
    # The arrays are sized by the header's counts, but a model may hold a few entries fewer
    # (en-us.lm.bin: 2,051,541 bigrams of 2,051,547 counted): the final ``next`` says how many.
    next_uni = uni["n"].astype(np.int64)
    n2 = int(next_uni[-1])
    bi_pred = np.repeat(np.arange(n1, dtype=np.int64), np.diff(next_uni))
    start = np.arange(n2 + 1, dtype=np.int64) * mid_total
    bi_hist = _read_field(mid, start[:-1], word_bits)
    bi_bo_code = _read_field(mid, start[:-1] + word_bits, QUANT_BITS)
    bi_prob_code = _read_field(mid, start[:-1] + word_bits + QUANT_BITS, QUANT_BITS)
    bi_next = _read_field(mid, start + word_bits + 2 * QUANT_BITS, _bits(n3))
    n3 = int(bi_next[-1])
    tri_parent = np.repeat(np.arange(n2, dtype=np.int64), np.diff(bi_next))
    tstart = np.arange(n3, dtype=np.int64) * long_total
    tri_hist = _read_field(longest, tstart, word_bits)
    tri_prob_code = _read_field(longest, tstart + word_bits, QUANT_BITS)

    k = LOGMATH_TO_LOG10
    return SphinxLM(
        words=words,
        uni_prob=uni["p"][:n1].astype(np.float64) * k,
        uni_bo=uni["b"][:n1].astype(np.float64) * k,
        bi_w1=bi_hist,
        bi_w2=bi_pred,
        bi_prob=bi_prob_table[bi_prob_code] * k,
        bi_bo=bi_bo_table[bi_bo_code] * k,
        tri_w1=tri_hist,
        tri_w2=bi_hist[tri_parent],
        tri_w3=bi_pred[tri_parent],
        tri_prob=tri_prob_table[tri_prob_code] * k,
    )


class Scorer:
    """Katz back-off scores from a ``SphinxLM`` (log10), the way pocketsphinx computes them."""

    def __init__(self, lm: SphinxLM) -> None:
        self.lm = lm
        self.ids = lm.index()
        self.bi = {
            (int(a), int(b)): (float(p), float(bo))
            for a, b, p, bo in zip(lm.bi_w1, lm.bi_w2, lm.bi_prob, lm.bi_bo, strict=True)
        }
        self.tri = {
            (int(a), int(b), int(c)): float(p)
            for a, b, c, p in zip(lm.tri_w1, lm.tri_w2, lm.tri_w3, lm.tri_prob, strict=True)
        }

    def score(self, *words: str) -> float:
        """log10 P(last word | the words before it), backing off as needed."""
        ids = [self.ids[w] for w in words]
        lm = self.lm
        if len(ids) == 3:
            a, b, c = ids
            p = self.tri.get((a, b, c))
            if p is not None:
                return p
            bo = self.bi.get((a, b), (0.0, 0.0))[1]
            return bo + self.score(words[1], words[2])
        if len(ids) == 2:
            a, b = ids
            found = self.bi.get((a, b))
            if found is not None:
                return found[0]
            return float(lm.uni_bo[a] + lm.uni_prob[b])
        return float(lm.uni_prob[ids[0]])
