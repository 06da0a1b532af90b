"""qualitycheck next to general prose linters: speed and what each finds, measured in one run.

    python benchmarks/bench_peers.py [--runs N]

Peers, each used when installed (missing ones are reported and skipped):
- proselint (PyPI: ``pip install proselint``), ``proselint check FILE``;
- write-good and textlint with textlint-rule-write-good (npm, into benchmarks/node_modules:
  ``npm install --prefix benchmarks``, from benchmarks/package.json).

Speed, every tool as a fresh process on the same files (median of ``--runs``):
- cold single article: the example article in ../shared/seeds when present, else a sample;
- throughput: a ~1 MB plain-text file assembled from the bundled samples, in MB/s.
Ratios are qualitycheck's time / the peer's time (below 1: qualitycheck is faster).

Accuracy, on the bundled corpus (samples/garbled with their .expected.tsv, samples/clean):
a tool "finds" a planted artifact when it reports anything on that line (for qualitycheck also
the strict match of ``qualitycheck.evaluation``: same rule, same line, overlapping text); on
the clean articles, every line a tool flags is a false alarm (qualitycheck: warnings and errors;
its info findings are listed apart). Peers get HTML files under a .txt name (same lines): none
of them reads HTML. Nothing here is a test; the numbers are printed as Markdown tables.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from qualitycheck.evaluation import evaluate_article, read_expected

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
SEED = ROOT.parent / "shared" / "seeds" / "000_7878a072beb5b911.txt"
NODE_BIN = BENCH / "node_modules" / ".bin"
LOCATION_RE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+):")


@dataclass(frozen=True)
class Tool:
    name: str
    command: Callable[[Path], list[str]]
    cwd: Path = ROOT

    def run(self, path: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            self.command(path),
            cwd=self.cwd,
            capture_output=True,
            text=True,
            timeout=1800,
            env={**os.environ, "NO_COLOR": "1", "FORCE_COLOR": "0"},
        )

    def flagged_lines(self, path: Path) -> set[int]:
        """Lines of ``path`` on which the tool reports anything."""
        out = self.run(path).stdout
        return {
            int(m.group("line"))
            for line in out.splitlines()
            if (m := LOCATION_RE.match(line)) and Path(m.group("path")).name == path.name
        }


def _which(name: str) -> str | None:
    local = NODE_BIN / name
    return str(local) if local.exists() else shutil.which(name)


def tools() -> tuple[list[Tool], list[str]]:
    found = [
        Tool(
            "qualitycheck",
            lambda p: [sys.executable, "-m", "qualitycheck", "lint", "--isolated", str(p)],
        )
    ]
    missing = []
    proselint = shutil.which("proselint")
    if proselint:
        found.append(Tool("proselint", lambda p: [proselint, "check", str(p)]))
    else:
        missing.append("proselint (pip install proselint)")
    write_good = _which("write-good")
    if write_good:
        found.append(Tool("write-good", lambda p: [write_good, str(p), "--parse"]))
    else:
        missing.append("write-good (npm install --prefix benchmarks)")
    textlint = _which("textlint")
    if textlint and (BENCH / "node_modules" / "textlint-rule-write-good").is_dir():
        found.append(
            Tool(
                "textlint + write-good",
                lambda p: [textlint, "--rule", "write-good", "--format", "unix", str(p)],
                cwd=BENCH,  # finds the rule in benchmarks/node_modules
            )
        )
    else:
        missing.append("textlint, textlint-rule-write-good (npm install --prefix benchmarks)")
    return found, missing


def median_time(tool: Tool, path: Path, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        tool.run(path)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def megabyte_file(directory: Path) -> Path:
    texts = [
        p.read_text(encoding="utf-8")
        for folder in ("garbled", "clean")
        for p in sorted((ROOT / "samples" / folder).glob("*.txt"))
    ]
    body = "\n\n".join(texts)
    path = directory / "megabyte.txt"
    path.write_text((body + "\n\n") * (1_000_000 // (len(body) + 2) + 1), encoding="utf-8")
    return path


def peer_copy(path: Path, directory: Path) -> Path:
    """The file as peers see it: HTML under a .txt name (same lines), others as they are."""
    name = path.stem + (".txt" if path.suffix in (".html", ".htm") else path.suffix)
    target = directory / name
    shutil.copyfile(path, target)
    return target


def speed(tools_: list[Tool], runs: int, scratch: Path) -> None:
    article = SEED if SEED.is_file() else sorted((ROOT / "samples" / "garbled").glob("*.txt"))[0]
    big = megabyte_file(scratch)
    size_mb = big.stat().st_size / 1e6
    rows = []
    for tool in tools_:
        tool.run(article)  # warm the file cache and compiled bytecode
        cold = median_time(tool, article, runs)
        bulk = median_time(tool, big, max(1, min(runs, 3)))
        rows.append((tool.name, cold, bulk))
    qc_cold, qc_bulk = rows[0][1], rows[0][2]
    label = "the example article" if article == SEED else article.name
    print(f"\n### Speed ({article.stat().st_size / 1000:.1f} KB {label}; {size_mb:.2f} MB file)\n")
    print(
        "| tool | cold, one article | qualitycheck / tool | 1 MB file | MB/s | qualitycheck / tool |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    for name, cold, bulk in rows:
        print(
            f"| {name} | {cold:.2f} s | {qc_cold / cold:.2f} | {bulk:.2f} s | "
            f"{size_mb / bulk:.2f} | {qc_bulk / bulk:.2f} |"
        )


def accuracy(tools_: list[Tool], scratch: Path) -> None:
    garbled = [
        p
        for p in sorted((ROOT / "samples" / "garbled").iterdir())
        if p.suffix in (".txt", ".md", ".html") and p.with_suffix(".expected.tsv").is_file()
    ]
    clean = sorted(p for p in (ROOT / "samples" / "clean").iterdir() if p.is_file())
    planted_total = 0
    found = {t.name: 0 for t in tools_}
    strict = 0
    for path in garbled:
        expected = read_expected(path.with_suffix(".expected.tsv"))
        planted_total += len(expected)
        article = evaluate_article(path)
        strict += len(article.matched)
        for tool in tools_:
            if tool.name == "qualitycheck":
                lines = {f.line for f in article.result.findings}
            else:
                lines = tool.flagged_lines(peer_copy(path, scratch))
            found[tool.name] += sum(1 for e in expected if e.line in lines)
    alarms = {t.name: 0 for t in tools_}
    info_lines = 0
    for path in clean:
        for tool in tools_:
            if tool.name == "qualitycheck":
                result = evaluate_article(path).result
                alarms[tool.name] += len(
                    {f.line for f in result.findings if f.severity.label != "info"}
                )
                info_lines += len({f.line for f in result.findings if f.severity.label == "info"})
            else:
                alarms[tool.name] += len(tool.flagged_lines(peer_copy(path, scratch)))
    clean_lines = sum(
        1 for p in clean for line in p.read_text(encoding="utf-8").splitlines() if line.strip()
    )
    print(
        f"\n### What each tool finds ({len(garbled)} garbled articles, {planted_total} planted "
        f"artifacts; {len(clean)} clean articles, {clean_lines} non-empty lines)\n"
    )
    print("| tool | artifacts with a report on their line | lines flagged on clean articles |")
    print("|---|---:|---:|")
    for tool in tools_:
        n = found[tool.name]
        extra = ""
        if tool.name == "qualitycheck":
            extra = f" (strict rule+line+text match: {strict})"
        note = f" (+{info_lines} info)" if tool.name == "qualitycheck" and info_lines else ""
        print(
            f"| {tool.name} | {n} / {planted_total} ({n / planted_total:.0%}){extra} | "
            f"{alarms[tool.name]}{note} |"
        )


def _versions(tools_: list[Tool]) -> str:
    parts = [f"Python {platform.python_version()}"]
    for tool in tools_:
        if tool.name == "proselint":
            out = subprocess.run(["proselint", "version"], capture_output=True, text=True)
            parts.append(out.stdout.strip() or "proselint")
    node = shutil.which("node")
    if node:
        out = subprocess.run([node, "--version"], capture_output=True, text=True)
        parts.append(f"Node {out.stdout.strip()}")
    return ", ".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per timing (median)")
    args = parser.parse_args(argv)
    found, missing = tools()
    cpu = platform.processor() or platform.machine()
    print(f"{date.today()}, {cpu}, {os.cpu_count()} CPUs, {_versions(found)}")
    for name in missing:
        print(f"skipped (not installed): {name}")
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        speed(found, args.runs, scratch)
        accuracy(found, scratch)
    return 0


if __name__ == "__main__":
    sys.exit(main())
