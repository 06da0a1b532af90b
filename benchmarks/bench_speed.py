"""Speed and memory of qualitycheck, next to peers measured in the same run.

Usage:  python benchmarks/bench_speed.py [ARTICLE] [--runs N] [--json]

Measures
- cold start: the whole process, ``qualitycheck lint ARTICLE`` (default output), median of N runs,
  with peak memory (max RSS of the child process);
- throughput: in-process ``Checker.check_text`` on a ~1 MB document assembled from the samples
  (rules and data already loaded; median of 7 runs), in MB/s, and over the sample articles
  checked one by one;
- peers on the same files, where installed: proselint (PyPI) and write-good (npm,
  looked up in benchmarks/node_modules/.bin or on PATH). Ratios are qualitycheck / peer.

The default article is the example in ../shared/seeds when present, else a bundled sample.
Nothing here is a test: timings depend on the machine and are reported, never asserted.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seeds" / "000_7878a072beb5b911.txt"


def default_article() -> Path:
    if SEED.is_file():
        return SEED
    return sorted((ROOT / "samples" / "garbled").glob("*.txt"))[0]


# Installed packages have their bytecode compiled (pip does it for wheels; an editable install
# writes it on first import). Measure that state even where PYTHONDONTWRITEBYTECODE is set.
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


TIME = shutil.which("time") or ("/usr/bin/time" if os.path.exists("/usr/bin/time") else None)


def run_measured(cmd: list[str]) -> tuple[float, float]:
    """Wall time (s) and peak RSS (MB) of one run of ``cmd``. Peak memory comes from GNU time
    (``%M``): a forked child's own rusage would start from this process's size."""
    start = time.perf_counter()
    if TIME:
        proc = subprocess.run(
            [TIME, "-f", "%M", *cmd], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            text=True, env=CHILD_ENV, check=False,
        )  # fmt: skip
        elapsed = time.perf_counter() - start
        last = proc.stderr.strip().splitlines()[-1:] or ["0"]
        return elapsed, int(last[0]) / 1024 if last[0].isdigit() else float("nan")
    subprocess.run(cmd, capture_output=True, env=CHILD_ENV, check=False)
    return time.perf_counter() - start, float("nan")


def time_command(cmd: list[str], runs: int) -> tuple[float, float]:
    """Median wall time in ms and peak RSS in MB of ``cmd`` over ``runs`` runs (after one warm-up
    run, so the OS file cache is warm: what 'cold' means here is a new process)."""
    run_measured(cmd)
    measured = [run_measured(cmd) for _ in range(runs)]
    return statistics.median(t for t, _ in measured) * 1000, max(m for _, m in measured)


def big_text(target_bytes: int = 1_000_000) -> str:
    parts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").rglob("*.txt"))]
    if SEED.is_file():
        parts.append(SEED.read_text(encoding="utf-8"))
    chunk = "\n\n".join(parts)
    copies = max(1, target_bytes // max(1, len(chunk.encode("utf-8"))) + 1)
    return ("\n\n".join([chunk] * copies))[:target_bytes]


def _checker():  # type: ignore[no-untyped-def]
    """A Checker as ``qualitycheck lint`` (text output) builds one: the quality score only."""
    from qualitycheck.api import Checker

    try:
        from qualitycheck.scoring import Needs
    except ImportError:  # older versions: scores were computed when first read
        return Checker()
    return Checker(needs=Needs())


def _as_the_cli_runs():  # type: ignore[no-untyped-def]
    """The cyclic garbage collector paused for the check, as the CLI does (older versions: the
    engine itself paused it, so nothing to do here)."""
    import contextlib

    try:
        from qualitycheck.tasks import collector_paused
    except ImportError:
        return contextlib.nullcontext()
    return collector_paused()


def throughput(text: str, runs: int = 7, *, as_cli: bool = True) -> float:
    """MB/s of ``Checker.check_text`` on ``text``, as the CLI runs it (``as_cli``) or as a host
    program calling the library does (the collector left as it is)."""
    import contextlib

    checker = _checker()
    # Warm up on every sample, so that lazily loaded models and data (language detector, mojibake
    # fixer, gazetteer members) are in memory: this measures steady-state throughput.
    for sample in sorted((ROOT / "samples").rglob("*.txt")):
        checker.check_text(sample.read_text(encoding="utf-8"))
    times = []
    for _ in range(runs):  # the median of several runs: one run on a shared VM varies by ~5%
        with _as_the_cli_runs() if as_cli else contextlib.nullcontext():
            start = time.perf_counter()
            checker.check_text(text)
            times.append(time.perf_counter() - start)
    return len(text.encode("utf-8")) / 1_000_000 / statistics.median(times)


def article_throughput(seconds: float = 5.0) -> float:
    """In-process MB/s over the bundled articles checked one by one (each a few KB), as a corpus
    is checked: per-document costs count here, unlike in ``throughput``."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").rglob("*.txt"))]
    checker = _checker()
    for sample in texts:
        checker.check_text(sample)
    size = sum(len(t.encode("utf-8")) for t in texts)
    rounds = 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        for sample in texts:
            with _as_the_cli_runs():
                checker.check_text(sample)
        rounds += 1
    return rounds * size / 1_000_000 / (time.perf_counter() - start)


def per_rule(text: str) -> list[tuple[str, float]]:
    """Seconds each rule takes on ``text`` (rules and data warmed up first), slowest first, with
    the Document build as its own row."""
    from qualitycheck.document import Document
    from qualitycheck.registry import all_rules
    from qualitycheck.rule import Context

    rules = all_rules()
    for sample in sorted((ROOT / "samples").rglob("*.txt")):
        warm = Document.from_text(sample.read_text(encoding="utf-8"))
        for rule in rules.values():
            list(rule.check(warm, Context()))
    gc.disable()  # as the CLI does during a check
    try:
        start = time.perf_counter()
        doc = Document.from_text(text)
        _ = doc.words
        rows = [("(document: blocks, sentences, words)", time.perf_counter() - start)]
        for rule_id, rule in rules.items():
            start = time.perf_counter()
            list(rule.check(doc, Context()))
            rows.append((rule_id, time.perf_counter() - start))
    finally:
        gc.enable()
    return sorted(rows, key=lambda r: -r[1])


def script(name: str) -> str | None:
    """The console script ``name`` of this interpreter's environment, else the one on PATH. (On
    PATH first may be another installation, or a pyenv shim that adds a shell's start-up.)"""
    local = Path(sys.executable).parent / name
    return str(local) if local.exists() else shutil.which(name)


def peers() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    proselint = script("proselint")
    if proselint:
        found["proselint"] = [proselint, "check"]
    local = ROOT / "benchmarks" / "node_modules" / ".bin" / "write-good"
    exe = str(local) if local.exists() else shutil.which("write-good")
    if exe:
        found["write-good"] = [exe]
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--json", action="store_true", help="print machine-readable results")
    parser.add_argument("--per-rule", action="store_true", help="only time each rule on ~1 MB")
    args = parser.parse_args()
    if args.per_rule:
        for name, seconds in per_rule(big_text()):
            print(f"{name:40} {seconds:7.3f} s")
        return
    article = args.article or default_article()
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "qualitycheck")],
                   capture_output=True, check=False, env=CHILD_ENV)  # fmt: skip
    qc = script("qualitycheck") or sys.executable
    qc_cmd = (
        [qc, "lint", str(article)]
        if qc != sys.executable
        else [qc, "-m", "qualitycheck", "lint", str(article)]
    )

    results: dict[str, object] = {
        "date": time.strftime("%Y-%m-%d"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "article": article.name,
        "article_words": len(article.read_text(encoding="utf-8").split()),
    }
    cold_ms, peak_mb = time_command(qc_cmd, args.runs)
    results["qualitycheck"] = {"cold_ms": round(cold_ms, 1), "peak_mb": round(peak_mb, 1)}
    text = big_text()
    results["qualitycheck"]["throughput_mb_s"] = round(throughput(text), 2)  # type: ignore[index]
    library = round(throughput(text, as_cli=False), 2)
    results["qualitycheck"]["throughput_library_mb_s"] = library  # type: ignore[index]
    results["qualitycheck"]["articles_mb_s"] = round(article_throughput(), 2)  # type: ignore[index]
    big = ROOT / "benchmarks" / ".big.txt"
    big.write_text(text, encoding="utf-8")
    try:
        for name, cmd in peers().items():
            p_cold, p_peak = time_command([*cmd, str(article)], args.runs)
            p_big, _ = run_measured([*cmd, str(big)])
            results[name] = {
                "cold_ms": round(p_cold, 1),
                "peak_mb": round(p_peak, 1),
                "big_file_s": round(p_big, 2),
                "cold_ratio": round(cold_ms / p_cold, 2),
            }
        q_big, q_big_peak = run_measured([*qc_cmd[:-1], str(big)])
        results["qualitycheck"]["big_file_s"] = round(q_big, 2)  # type: ignore[index]
        results["qualitycheck"]["big_file_peak_mb"] = round(q_big_peak, 1)  # type: ignore[index]
    finally:
        big.unlink(missing_ok=True)
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(
        f"{results['date']} · {results['machine']} · article {article.name} ({results['article_words']} words)"
    )
    print(f"{'tool':<14}{'cold (ms)':>11}{'peak MB':>10}{'1 MB file (s)':>15}{'ratio':>8}")
    for name in [
        "qualitycheck",
        *[
            k
            for k in results
            if k not in ("date", "machine", "article", "article_words", "qualitycheck")
        ],
    ]:
        r = results[name]
        assert isinstance(r, dict)
        ratio = "1.00" if name == "qualitycheck" else f"{r['cold_ratio']:.2f}"
        print(
            f"{name:<14}{r['cold_ms']:>11}{r['peak_mb']:>10}{r.get('big_file_s', ''):>15}{ratio:>8}"
        )
    q = results["qualitycheck"]
    assert isinstance(q, dict)
    print(f"in-process throughput: {q['throughput_mb_s']} MB/s on ~1 MB (rules and data loaded)")
    print(
        f"  the same called as a library (collector not paused): {q['throughput_library_mb_s']} MB/s"
    )
    print(f"in-process throughput, articles one by one: {q['articles_mb_s']} MB/s")


if __name__ == "__main__":
    main()
