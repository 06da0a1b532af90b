"""Score the installed qualitycheck on the development corpus of real web pages.

Usage:
    python benchmarks/real_corpus.py            # the figures, one per line
    python benchmarks/real_corpus.py --verbose  # also every missed gold span and false alarm
    python benchmarks/real_corpus.py --json     # the figures as one JSON object

The corpus (real machine-translated and real edited pages, with gold spans) lives outside the
repository, in ``../shared/corpus`` next to the checkout, and is third-party text: nothing of it
is copied here. Its own ``score.py`` does the scoring; this script finds it, runs it with the
interpreter running this script (so the ``qualitycheck`` of the active environment is scored),
and exits 0 with a message when the corpus is absent. Figures before and after each detection
change are kept in ``benchmarks/README.md``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCORER = ROOT.parent / "shared" / "corpus" / "score.py"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", "-v", action="store_true", help="list misses and false alarms")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if not SCORER.is_file():
        print(f"real_corpus: skipped, the development corpus is not at {SCORER.parent}")
        return 0
    flags = ["--json"] if args.json else (["-v"] if args.verbose else [])
    env = dict(os.environ)
    env.setdefault("QC_CMD", f"{sys.executable} -m qualitycheck")
    return subprocess.run([sys.executable, str(SCORER), *flags], cwd=ROOT, env=env).returncode


if __name__ == "__main__":
    sys.exit(main())
