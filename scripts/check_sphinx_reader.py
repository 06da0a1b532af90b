"""Compare our reading of ``en-us.lm.bin`` (``scripts/sphinx_lm.py``) and the shipped table
(``qualitycheck/data/ngrams.qng``) with pocketsphinx's own scores.

Build-time check; needs numpy and pocketsphinx (``pip install pocketsphinx``). Samples n-grams
the model has (unigrams, bigrams, trigrams) and random word pairs and triples it mostly does not
have (scored by back-off), asks pocketsphinx for ``NGramModel.prob`` of each and prints the
largest differences, in log10 units::

    python scripts/check_sphinx_reader.py [--n 1000] [--seed 0]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))


def sample(lm, n: int, seed: int) -> list[tuple[str, ...]]:  # type: ignore[no-untyped-def]
    """``n`` of each: unigrams, listed bigrams, listed trigrams, random pairs, random triples
    (random words drawn from the 5,000 most probable, so the pairs are plausible)."""
    import numpy as np

    rng = np.random.default_rng(seed)
    w = lm.words
    common = np.argsort(-lm.uni_prob)[:5000]
    out: list[tuple[str, ...]] = []
    out += [(w[i],) for i in rng.choice(len(w), n, replace=False)]
    for i in rng.choice(len(lm.bi_w1), n, replace=False):
        out.append((w[lm.bi_w1[i]], w[lm.bi_w2[i]]))
    for i in rng.choice(len(lm.tri_w1), n, replace=False):
        out.append((w[lm.tri_w1[i]], w[lm.tri_w2[i]], w[lm.tri_w3[i]]))
    out += [(w[a], w[b]) for a, b in rng.choice(common, (n, 2))]
    out += [(w[a], w[b], w[c]) for a, b, c in rng.choice(common, (n, 3))]
    return out


def compare(n: int = 1000, seed: int = 0, lm_path: Path | None = None) -> dict[str, object]:
    """Largest absolute differences (log10) from pocketsphinx: of our reader's Katz scores and of
    the shipped table's, over ``5 * n`` n-grams."""
    import pocketsphinx
    import sphinx_lm
    from build_data import default_lm_path

    from qualitycheck.ngram import NgramModel

    path = lm_path or default_lm_path()
    lm = sphinx_lm.read(path)
    scorer = sphinx_lm.Scorer(lm)
    table = NgramModel(ROOT / "qualitycheck" / "data" / "ngrams.qng")
    ps_lm = pocketsphinx.NGramModel.readfile(str(path))
    grams = sample(lm, n, seed)
    worst_reader = worst_table = 0.0
    worst: tuple[str, ...] = ()
    listed_table = 0.0  # the largest difference on n-grams the model lists (no back-off)
    for i, gram in enumerate(grams):
        theirs = ps_lm.prob(list(reversed(gram))) * sphinx_lm.LOGMATH_TO_LOG10
        ours = scorer.score(*gram)
        mine = table.logprob(*gram)
        worst_reader = max(worst_reader, abs(ours - theirs))
        if abs(mine - theirs) > worst_table:
            worst_table, worst = abs(mine - theirs), gram
        if i < 3 * n:
            listed_table = max(listed_table, abs(mine - theirs))
    return {
        "ngrams": len(grams),
        "reader_max_abs_diff": worst_reader,
        "table_max_abs_diff": worst_table,
        "table_max_abs_diff_listed": listed_table,
        "table_worst": worst,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="n-grams of each kind (default 1000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--lm", type=Path, default=None, help="en-us.lm.bin (default: pocketsphinx's)"
    )
    args = parser.parse_args()
    for name, value in compare(args.n, args.seed, args.lm).items():
        print(f"{name}: {value}")


if __name__ == "__main__":
    main()
