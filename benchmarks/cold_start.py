"""Where a cold ``qualitycheck lint`` spends its time: a breakdown by phase and by import.

Usage:  python benchmarks/cold_start.py [ARTICLE] [--runs N] [--baseline CHECKOUT]

Each run is a new process (bytecode compiled, as after an install) that times, in order:
the interpreter's start (``python -c pass``), ``import qualitycheck.cli`` (typer and the CLI),
``import qualitycheck.api``, building the ``Checker`` (rule plugins and packs), the first check of
ARTICLE (everything loaded on first use: data, lazily compiled patterns, rapidfuzz) and a second
check of it (the steady state), both with the collector paused as the CLI runs them. Medians of
N runs. Then the whole command, ``qualitycheck lint ARTICLE`` (default output), next to
``proselint check ARTICLE`` and, with ``--baseline``, the same command run from another checkout
(``PYTHONPATH=CHECKOUT``: e.g. ``git worktree add /tmp/base <commit>``), interleaved run by run,
medians of N runs. Then the modules whose import takes longest (``python -X importtime``,
cumulative, one run). Timings are reported, never asserted; see docs/performance.md for what
they mean.
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
from qualitycheck.tasks import collector_paused
checker = qualitycheck.api.Checker(needs=Needs())
t3 = time.perf_counter()
with collector_paused():
    checker.check_file(sys.argv[1])
t4 = time.perf_counter()
with collector_paused():
    checker.check_file(sys.argv[1])
t5 = time.perf_counter()
print([t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4])
"""
NAMES = ["import qualitycheck.cli", "import qualitycheck.api", "Checker()", "first check",
         "second check"]  # fmt: skip


def _run(args: list[str], env: dict[str, str] = CHILD_ENV) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, env=env, check=True
    )


def whole_commands(article: str, runs: int, baseline: Path | None) -> dict[str, float]:
    """Median wall time (ms) of each command over ``runs`` rounds, one run of each per round
    (after one warm-up run each), so that the load of a shared machine falls on all alike.
    Every command runs with this interpreter's environment (its site-packages and .pth files)."""
    import time

    from bench_speed import script

    here = dict(CHILD_ENV, PYTHONPATH=str(ROOT))
    qc = script("qualitycheck")
    if qc is None:
        return {}
    commands: dict[str, tuple[list[str], dict[str, str]]] = {
        "qualitycheck": ([qc, "lint", article], here)
    }
    if baseline is not None:
        base_env = dict(CHILD_ENV, PYTHONPATH=str(baseline.resolve()))
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(baseline / "qualitycheck")],
                       capture_output=True, env=base_env, check=False)  # fmt: skip
        commands["baseline"] = ([qc, "lint", article], base_env)
    proselint = script("proselint")
    if proselint:
        commands["proselint"] = ([proselint, "check", article], CHILD_ENV)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for round_ in range(runs + 1):
        for name, (cmd, env) in commands.items():
            start = time.perf_counter()
            subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
                           check=False)  # fmt: skip
            if round_:  # the first round warms the file cache
                times[name].append(time.perf_counter() - start)
    return {name: statistics.median(t) * 1000 for name, t in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--top", type=int, default=15, help="imports to list")
    parser.add_argument("--baseline", type=Path, default=None,
                        help="another checkout to time the whole command of, interleaved")  # fmt: skip
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
    whole = whole_commands(article, args.runs, args.baseline)
    if whole:
        print(f"\nwhole command, interleaved (median of {args.runs} runs each):")
        for name, ms in whole.items():
            ratio = f"  {whole['qualitycheck'] / ms:5.2f}x" if name != "qualitycheck" else ""
            print(f"  {name:<34}{ms:7.1f} ms{ratio}")
        if "proselint" in whole:
            print("  (the ratio: qualitycheck's time over that command's)")
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
