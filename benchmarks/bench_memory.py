"""Peak memory and wall time of ``qualitycheck lint`` on files with a finding on every line.

Usage:  python benchmarks/bench_memory.py [--quick] [--sizes 10,50] [--formats text,json,...]
                                          [--src DIR] [--json]

Generates plain-text files whose every line holds one artifact (``"Some sentence here In the
middle."``: one ``case.capital-mid-sentence`` finding per line, issue #12) into a temporary
directory: by default 10 MB (300,000 findings) and 50 MB (1.5 million findings); ``--quick``:
1 MB and 5 MB (30,000 and 150,000 findings). Each format ``--format`` offers is run as a subprocess (``python -m qualitycheck
lint FILE --format F -o OUT``) and its peak resident memory (``/usr/bin/time -f %M`` where
present, else ``resource.getrusage(RUSAGE_CHILDREN)``), wall time and CPU time (user + system,
steadier than wall time on a shared machine) reported.

``--src DIR`` runs the package found in DIR (put first on ``PYTHONPATH``) instead of the installed
one: measure a copy of the code before a change against the code after it in the same session
(``git worktree add /tmp/old COMMIT``). The runs start in the temporary directory, so that the
checkout the script is started from does not shadow DIR (``python -m`` puts the working directory
first on the path). The rules are found through the installed package's entry points: for a
commit whose rules differ, put a ``qualitycheck-*.dist-info`` directory with that commit's
``entry_points.txt`` on ``PYTHONPATH`` too.

Nothing here is a test: timings depend on the machine and are reported, never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LINE = "Some sentence here In the middle.\n"
FORMATS = ("text", "json", "jsonl", "sarif", "github", "html")
TIME = "/usr/bin/time" if os.path.exists("/usr/bin/time") else shutil.which("time")


def make_file(path: Path, megabytes: float) -> int:
    """Write the issue's file, ``print(LINE * n)`` with ``n = 30,000`` per MB (10 MB: 300,000
    lines, 50 MB: 1.5 million); returns ``n``, the number of lines with an artifact."""
    lines = int(megabytes * 30_000)
    with path.open("w", encoding="utf-8") as handle:
        chunk = LINE * 10_000
        for _ in range(lines // 10_000):
            handle.write(chunk)
        handle.write(LINE * (lines % 10_000) + "\n")
    return lines


def run(cmd: list[str], env: dict[str, str], cwd: str | None = None) -> tuple[float, float, float, int]:
    """(peak RSS in MB, wall seconds, CPU seconds (user + system), exit code) of ``cmd``, run in
    ``cwd``. CPU time is the steadier figure on a machine shared with other work."""
    start = time.perf_counter()
    if TIME:
        with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
            proc = subprocess.run([TIME, "-f", "%M %U %S", "-o", report.name, *cmd], env=env,
                                  cwd=cwd, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE)  # fmt: skip
            wall = time.perf_counter() - start
            fields = Path(report.name).read_text().split()[-3:]
            peak_kb, cpu = int(fields[0]), float(fields[1]) + float(fields[2])
    else:  # getrusage of children: the maximum over every child so far, so run one at a time
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        proc = subprocess.run(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE)  # fmt: skip
        wall = time.perf_counter() - start
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        peak_kb = usage.ru_maxrss
        cpu = usage.ru_utime + usage.ru_stime - before.ru_utime - before.ru_stime
    if proc.returncode not in (0, 1):
        sys.stderr.write(proc.stderr.decode("utf-8", "replace")[-2000:])
    return peak_kb / 1024, wall, cpu, proc.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1 MB and 5 MB files")
    parser.add_argument("--sizes", help="file sizes in MB, comma-separated (default 10,50)")
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--src", type=Path, help="run the package in this directory")
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--json", action="store_true", help="print the table as JSON")
    args = parser.parse_args()
    sizes = [float(s) for s in args.sizes.split(",")] if args.sizes else (
        [1.0, 5.0] if args.quick else [10.0, 50.0])  # fmt: skip
    formats = [f for f in args.formats.split(",") if f]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    if args.src:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(args.src.resolve()),
                                                          env.get("PYTHONPATH")]))  # fmt: skip
    rows = []
    with tempfile.TemporaryDirectory(prefix="qc-bench-memory-") as tmp:
        for size in sizes:
            path = Path(tmp) / f"big-{size:g}mb.txt"
            lines = make_file(path, size)
            for fmt in formats:
                out = Path(tmp) / f"out.{fmt}"
                cmd = [args.python, "-m", "qualitycheck", "lint", str(path), "--format", fmt,
                       "-o", str(out), "--jobs", "1"]  # fmt: skip
                # run in the temporary directory: ``python -m`` puts the working directory first on
                # the path, and a checkout there would shadow --src
                peak, wall, cpu, code = run(cmd, env, cwd=tmp)
                row = {"size_mb": size, "lines": lines, "format": fmt, "peak_rss_mb": round(peak),
                       "seconds": round(wall, 1), "cpu_seconds": round(cpu, 1), "exit": code,
                       "output_mb": round(out.stat().st_size / 1e6, 1) if out.exists() else None}  # fmt: skip
                rows.append(row)
                if not args.json:
                    print(f"{size:>5g} MB  {lines:>8} lines  {fmt:<6}  {row['peak_rss_mb']:>6} MB RSS"
                          f"  {row['seconds']:>7.1f} s  {row['cpu_seconds']:>7.1f} s CPU  exit {code}"
                          f"  output {row['output_mb']} MB",
                          flush=True)  # fmt: skip
                out.unlink(missing_ok=True)
            path.unlink()
    if args.json:
        print(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
