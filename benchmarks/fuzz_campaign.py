"""A long fuzzing campaign, outside CI: the strategies and checks of ``tests/test_fuzz.py`` with
many more examples.

    python benchmarks/fuzz_campaign.py                    # 102,000 examples (about an hour)
    python benchmarks/fuzz_campaign.py --examples 3000    # per target; 6 targets

Each target (a strategy and a format) runs ``--examples`` examples through the full checker and
then every rule directly, asserting what the CI tests assert (no exception, no rule failure,
every finding located in the source, confidence in 0..1). A failure is shrunk by Hypothesis to a
minimal example and printed; the exit code is 1 if any target failed. The summary (examples,
seconds, failures) is printed as a Markdown table for docs/hardening.md.
"""

from __future__ import annotations

import argparse
import importlib.util
import platform
import sys
import time
import traceback
from collections.abc import Callable
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent


def _fuzz_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("qc_test_fuzz", ROOT / "tests" / "test_fuzz.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _targets(fz: ModuleType) -> list[tuple[str, st.SearchStrategy[str], str]]:
    return [
        ("biased text", fz.BIASED, "text"),
        ("arbitrary Unicode and shapes", st.one_of(fz.ARBITRARY, fz.SHAPES), "text"),
        ("mixed, Markdown", st.one_of(fz.MARKED, fz.TEXTS), "markdown"),
        ("mixed, HTML", st.one_of(fz.MARKED, fz.TEXTS), "html"),
        ("markup-heavy, Markdown", fz.MARKED, "markdown"),
        ("markup-heavy, HTML", fz.MARKED, "html"),
    ]


def run_target(
    check: Callable[[str, str], None], strategy: st.SearchStrategy[str], fmt: str, examples: int
) -> tuple[int, float, str | None]:
    count = 0

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        phases=[Phase.generate, Phase.shrink],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def target(source: str) -> None:
        nonlocal count
        count += 1
        check(source, fmt)

    start = time.perf_counter()
    failure = None
    try:
        target()
    except Exception:  # report and go on with the next target
        failure = traceback.format_exc(limit=-3)
    return count, time.perf_counter() - start, failure


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=17_000, help="examples per target")
    args = parser.parse_args(argv)
    fz = _fuzz_module()
    rows: list[tuple[Any, ...]] = []
    failed = 0
    total_start = time.perf_counter()
    for name, strategy, fmt in _targets(fz):
        count, seconds, failure = run_target(fz.check_source, strategy, fmt, args.examples)
        rows.append((name, fmt, count, seconds, "none" if failure is None else "FAILED"))
        print(f"{name} ({fmt}): {count} examples in {seconds:.0f} s", flush=True)
        if failure is not None:
            failed += 1
            print(failure, file=sys.stderr, flush=True)
    total = time.perf_counter() - total_start
    print(f"\n{date.today()}, {platform.machine()}, Python {platform.python_version()}\n")
    print("| target | format | examples | seconds | failures |\n|---|---|---:|---:|---|")
    for name, fmt, count, seconds, status in rows:
        print(f"| {name} | {fmt} | {count:,} | {seconds:.0f} | {status} |")
    print(f"| **all** | | {sum(r[2] for r in rows):,} | {total:.0f} | {failed} failed |")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
