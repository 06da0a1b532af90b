"""Corpus throughput: documents per second with 1 and 2 processes (CLI) and 1 and 2 Dask workers.

Usage:  python benchmarks/bench_corpus.py [--docs 10000] [--workers 1 2] [--no-dask] [--json]

1. Builds a corpus of ``--docs`` articles (JSONL: ``id``, ``text``) from the bundled samples,
   varied with a fixed seed: each article takes the paragraphs of one sample, keeps 50-100% of
   them, shuffles all but the first, and one in three mixes in paragraphs from a garbled sample
   (so clean, garbled and mixed articles all occur, with different lengths).
2. ``qualitycheck lint --input-jsonl corpus.jsonl --jobs N -o out.jsonl`` for each N: wall time of
   the whole process (start-up included), documents per second, speed-up over the first N, peak
   memory (RSS) of the largest process, sampled with psutil when installed, and whether every
   output is byte-identical to the first.
3. ``check_dataframe(..., readability=True)`` (the same work as the JSONL output, which includes
   readability) on a ``dask.distributed`` LocalCluster with N worker processes, one thread each:
   the workers first read the corpus (``dd.read_json``, about ``--partitions`` partitions), then
   the clock runs for ``compute()`` (Checker creation in each worker included): documents per
   second, speed-up, the workers' CPU time, peak RSS per worker (``ru_maxrss``).

The load average is printed with each row: other work on the machine lowers the speed-up.
Nothing here is a test: timings depend on the machine and are reported, never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


@dataclass
class Row:
    mode: str
    workers: int
    seconds: float
    docs_per_second: float
    speedup: float
    peak_mb: float  # largest single process (CLI) or largest worker (Dask)
    cpu_seconds: float  # CPU time of every process of the run (CLI) or of the workers (Dask)
    load_before: float
    identical: bool | None = None


# -- corpus ---------------------------------------------------------------------------------------
def sample_paragraphs() -> tuple[list[list[str]], list[list[str]]]:
    """Paragraph texts of the clean and of the garbled samples (prose only, via the loaders)."""
    from qualitycheck.loaders import detect_format, load_bytes

    def paragraphs(path: Path) -> list[str]:
        doc = load_bytes(path.read_bytes(), fmt=detect_format(str(path)), path=str(path))
        return [t for b in doc.blocks if (t := doc.block_text(b).strip())]

    def articles(folder: str) -> list[list[str]]:
        files = sorted(p for p in (SAMPLES / folder).iterdir()
                       if p.suffix in (".txt", ".md", ".html"))  # fmt: skip
        return [paragraphs(p) for p in files]

    return articles("clean"), articles("garbled")


def build_corpus(path: Path, docs: int, seed: int = 7) -> int:
    """Write ``docs`` varied articles to ``path``; return the total size in bytes."""
    clean, garbled = sample_paragraphs()
    everything = clean + garbled
    rng = random.Random(seed)
    size = 0
    with path.open("w", encoding="utf-8") as out:
        for i in range(docs):
            base = list(rng.choice(everything))
            head, body = base[:1], base[1:]
            keep = max(1, round(len(body) * rng.uniform(0.5, 1.0)))
            body = rng.sample(body, keep)  # a shuffled subset
            if rng.random() < 1 / 3:
                donor = rng.choice(garbled)
                for p in rng.sample(donor, min(len(donor), rng.randint(1, 3))):
                    body.insert(rng.randrange(len(body) + 1), p)
            text = "\n".join(head + body)
            line = json.dumps({"id": f"art-{i:05d}", "text": text}, ensure_ascii=False)
            out.write(line + "\n")
            size += len(line) + 1
    return size


# -- measuring ------------------------------------------------------------------------------------
class PeakRSS:
    """Samples the RSS of a process tree (psutil) and keeps each process's peak."""

    def __init__(self, pid: int, interval: float = 0.2) -> None:
        self.pid, self.interval = pid, interval
        self.peaks: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> PeakRSS:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        try:
            import psutil
        except ImportError:
            return
        while not self._stop.is_set():
            try:
                root = psutil.Process(self.pid)
                for proc in [root, *root.children(recursive=True)]:
                    rss = proc.memory_info().rss
                    self.peaks[proc.pid] = max(self.peaks.get(proc.pid, 0), rss)
            except psutil.Error:
                pass
            self._stop.wait(self.interval)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_cli(corpus: Path, out: Path, jobs: int) -> tuple[float, float, float]:
    """Wall seconds, peak MB (largest process) and CPU seconds (the CLI and its workers, which
    it waits for) of one ``lint --input-jsonl`` run."""
    cmd = [sys.executable, "-m", "qualitycheck", "lint", "--isolated", "--input-jsonl",
           str(corpus), "--jobs", str(jobs), "--fail-on", "never", "-o", str(out)]  # fmt: skip
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    cpu = _children_cpu()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=CHILD_ENV, stderr=subprocess.PIPE, cwd=ROOT)
    with PeakRSS(proc.pid) as sampler:
        _, err = proc.communicate()
    seconds = time.perf_counter() - start
    cpu = _children_cpu() - cpu
    if proc.returncode != 0:
        raise SystemExit(f"lint --jobs {jobs} failed ({proc.returncode}): {err.decode()[-2000:]}")
    peak = max(sampler.peaks.values(), default=0) / 2**20
    if not peak:  # no psutil: the largest waited-for descendant
        peak = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before) / 1024
    return seconds, peak, cpu


def worker_peak_kb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def worker_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run_dask(corpus: Path, workers: int, partitions: int) -> tuple[float, float, float]:
    """Wall seconds of ``compute()``, the largest worker's peak MB and the workers' CPU seconds
    during it, on a fresh LocalCluster."""
    import dask.dataframe as dd
    from dask.distributed import Client, LocalCluster, wait

    from qualitycheck.integrations.dask import check_dataframe

    blocksize = corpus.stat().st_size // partitions + 1
    with (
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        client.wait_for_workers(workers)
        # The workers read the corpus themselves; reading is not part of the timing.
        df = dd.read_json(str(corpus), lines=True, blocksize=blocksize).persist()
        wait(df)
        total = len(df)
        cpu_before = client.run(worker_cpu)
        start = time.perf_counter()
        scored = check_dataframe(df, readability=True)
        checked = scored["quality"].count().compute()
        seconds = time.perf_counter() - start
        if checked != total:
            raise SystemExit(f"Dask checked {checked} of {total} documents")
        cpu_after = client.run(worker_cpu)
        peaks = client.run(worker_peak_kb)
    cpu = sum(cpu_after.values()) - sum(cpu_before.values())
    return seconds, max(peaks.values()) / 1024, cpu


def machine() -> dict[str, object]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True, cwd=ROOT, check=False).stdout.strip()  # fmt: skip
    return {
        "date": time.strftime("%Y-%m-%d"),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
        "commit": commit,
    }


def table(rows: list[Row], docs: int, mb: float, info: dict[str, object]) -> str:
    lines = [
        f"{docs:,} articles ({mb:.1f} MB of JSONL) on {info['cpu']}, {info['cores']} cores, "
        f"Python {info['python']}, {info['date']} (commit {info['commit']}).",
        "",
        "| run | workers | seconds | docs/s | speed-up | CPU seconds | peak RSS per process "
        "| load before |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        name = "`lint --input-jsonl --jobs N`" if r.mode == "cli" else "Dask `check_dataframe`"
        lines.append(f"| {name} | {r.workers} | {r.seconds:.1f} | {r.docs_per_second:.0f} | "
                     f"{r.speedup:.2f}x | {r.cpu_seconds:.0f} | {r.peak_mb:.0f} MB | "
                     f"{r.load_before:.2f} |")  # fmt: skip
    same = [r.identical for r in rows if r.identical is not None]
    if same:
        lines += ["", f"CLI outputs byte-identical across --jobs: {'yes' if all(same) else 'NO'}."]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--partitions", type=int, default=32, help="Dask partitions (about)")
    parser.add_argument("--no-dask", action="store_true")
    parser.add_argument("--no-cli", action="store_true")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON too")
    args = parser.parse_args()

    info = machine()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        size = build_corpus(corpus, args.docs)
        print(f"corpus: {args.docs} articles, {size / 1e6:.1f} MB", file=sys.stderr)
        if not args.no_cli:
            first: bytes | None = None
            for n in args.workers:
                out = Path(tmp) / f"out-{n}.jsonl"
                load = os.getloadavg()[0]
                seconds, peak, cpu = run_cli(corpus, out, n)
                data = out.read_bytes()
                first = data if first is None else first
                base = next((r.seconds for r in rows if r.mode == "cli"), seconds)
                rows.append(Row("cli", n, seconds, args.docs / seconds, base / seconds, peak,
                                cpu, load, data == first))  # fmt: skip
                print(rows[-1], file=sys.stderr)
        if not args.no_dask:
            try:
                import dask.distributed  # noqa: F401
            except ImportError:
                print("Dask not installed: skipping the Dask rows", file=sys.stderr)
            else:
                for n in args.workers:
                    load = os.getloadavg()[0]
                    seconds, peak, cpu = run_dask(corpus, n, args.partitions)
                    base = next((r.seconds for r in rows if r.mode == "dask"), seconds)
                    rows.append(Row("dask", n, seconds, args.docs / seconds, base / seconds,
                                    peak, cpu, load))  # fmt: skip
                    print(rows[-1], file=sys.stderr)
    print(table(rows, args.docs, size / 1e6, info))
    if args.json:
        print(json.dumps({"machine": info, "rows": [asdict(r) for r in rows]}, indent=2))


if __name__ == "__main__":
    main()
