"""Precision and recall per rule over the annotated corpus in samples/ (or a folder given).

Usage:  python benchmarks/accuracy.py [FOLDER] [--details]

Prints a Markdown table (the one in the README) and, with --details, every missed artifact and
every false positive.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from qualitycheck.evaluation import articles, evaluate_article, markdown_table, score_rules

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=ROOT / "samples")
    parser.add_argument("--details", action="store_true")
    args = parser.parse_args()
    results = [evaluate_article(p) for p in articles(args.folder)]
    print(markdown_table(score_rules(results)))
    clean = [r for r in results if not r.expected]
    print(
        f"\n{len(results)} articles ({len(clean)} clean); "
        f"false positives on clean articles: {sum(len(r.false_positives) for r in clean)}"
    )
    if args.details:
        for r in results:
            for exp in r.missed:
                print(f"MISSED  {r.path.name}:{exp.line} {exp.rule} {exp.text!r}")
            for f in r.false_positives:
                print(f"FALSE+  {r.path.name}:{f.line}:{f.column} {f.rule} {f.text!r} {f.message}")


if __name__ == "__main__":
    main()
