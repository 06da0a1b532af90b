"""Where a cold ``qualitycheck lint`` spends its time: a breakdown by phase and by import.

Usage:  python benchmarks/cold_start.py [ARTICLE] [--runs N]

Each run is a new process (bytecode compiled, as after an install) that times, in order:
the interpreter's start (``python -c pass``), ``import qualitycheck.cli`` (typer and the CLI),
``import qualitycheck.api``, building the ``Checker`` (rule plugins and packs), the first check of
ARTICLE (everything loaded on first use: data, lazily compiled patterns, rapidfuzz) and a second
check of it (the steady state). Medians of N runs. Then the modules whose import takes longest
(``python -X importtime``, cumulative, one run). Timings are reported, never asserted; see
docs/performance.md for what they mean.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_speed import CHILD_ENV, default_article  # noqa: E402

PHASES = r"""
import sys, time
t0 = time.perf_counter()
import qualitycheck.cli
t1 = time.perf_counter()
import qualitycheck.api
from qualitycheck.scoring import Needs
t2 = time.perf_counter()
checker = qualitycheck.api.Checker(needs=Needs())
t3 = time.perf_counter()
checker.check_file(sys.argv[1])
t4 = time.perf_counter()
checker.check_file(sys.argv[1])
t5 = time.perf_counter()
print([t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4])
"""
NAMES = ["import qualitycheck.cli", "import qualitycheck.api", "Checker()", "first check",
         "second check"]  # fmt: skip


def _run(args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, env=CHILD_ENV, check=True
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--top", type=int, default=15, help="imports to list")
    args = parser.parse_args()
    article = str(args.article or default_article())
    _run(["-m", "compileall", "-q", str(ROOT / "qualitycheck")])
    _run(["-c", PHASES, article])  # warm the file cache
    import time

    starts, rows = [], []
    for _ in range(args.runs):
        t = time.perf_counter()
        _run(["-c", "pass"])
        starts.append(time.perf_counter() - t)
        rows.append(json.loads(_run(["-c", PHASES, article]).stdout.strip().splitlines()[-1]))
    print(f"{'interpreter start (python -c pass)':<36}{statistics.median(starts) * 1000:7.1f} ms")
    for k, name in enumerate(NAMES):
        print(f"{name:<36}{statistics.median(r[k] for r in rows) * 1000:7.1f} ms")
    imports = _run(["-X", "importtime", "-c", "import qualitycheck.cli, qualitycheck.api"]).stderr
    timed = []
    for line in imports.splitlines():
        if line.startswith("import time:") and "|" in line and "cumulative" not in line:
            _, self_us, cumulative, name = [
                part.strip() for part in line.replace(":", "|", 1).split("|")
            ]
            timed.append((int(cumulative), int(self_us), name))
    print(
        f"\nslowest imports (cumulative / self, ms; {os.path.basename(sys.executable)} -X importtime):"
    )
    for cumulative, self_us, name in sorted(timed, reverse=True)[: args.top]:
        print(f"  {name:<40}{cumulative / 1000:7.1f}{self_us / 1000:7.1f}")


if __name__ == "__main__":
    main()
