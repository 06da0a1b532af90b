"""How long regexes and rules take on adversarial input, on a text and on four times that text.

Usage:  python benchmarks/bench_linear.py [--top N] [--rules-only | --regexes-only]

The test suite proves linear behaviour by counting work (tests/linearity.py: a step-counting copy
of the regex engine, and an operation counter for rules), never by timing it. This script gives
the seconds those counts stand for: every regex of the package and the built-in packs over the
adversarial lines the tests build (5,000 and 20,000 characters), and every rule over the tests'
adversarial shapes (25,000 and 100,000 characters). It prints the largest ratios, small times floored at 1 ms for rules and 0.2 ms for regexes (about 4 is
linear, 16 quadratic). Timings depend on the machine and its load: reported, never asserted.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from linearity import repeat  # noqa: E402
from test_regex_safety import (  # noqa: E402
    AT_ONE_POSITION,
    IN_A_WINDOW,
    SHAPES,
    _document,
    adversarial_units,
    module_patterns,
    pack_patterns,
    rules,
)

from qualitycheck.rule import Context  # noqa: E402


def best(run: Callable[[], object], tries: int = 3) -> float:
    times = []
    for _ in range(tries):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def regex_rows() -> list[tuple[float, str, str, float, float]]:
    rows = []
    patterns = {**module_patterns(), **{k: v[1] for k, v in pack_patterns().items()}}
    for name, pattern in patterns.items():
        if name in IN_A_WINDOW:
            continue
        how = AT_ONE_POSITION.get(name, "finditer")
        for unit in adversarial_units(pattern):
            small, large = repeat(unit, 5_000), repeat(unit, 20_000)
            if how == "finditer":
                t_small = best(lambda s=small, p=pattern: sum(1 for _ in p.finditer(s)))
                t_large = best(lambda s=large, p=pattern: sum(1 for _ in p.finditer(s)))
            else:
                call = getattr(pattern, how)
                t_small, t_large = (
                    best(lambda s=small, c=call: c(s)),
                    best(lambda s=large, c=call: c(s)),
                )
            rows.append((t_large / max(t_small, 0.0002), name, unit, t_small, t_large))
    return rows


def rule_rows() -> list[tuple[float, str, str, float, float]]:
    rows = []
    ctx = Context()
    for rule in rules():
        list(rule.check(_document("The the minister spoke in Kyiv."), ctx))  # load its data
        for unit in SHAPES:
            small, large = _document(repeat(unit, 25_000)), _document(repeat(unit, 100_000))
            t_small = best(lambda d=small, r=rule: list(r.check(d, ctx)))
            t_large = best(lambda d=large, r=rule: list(r.check(d, ctx)))
            rows.append((t_large / max(t_small, 0.001), rule.id, unit, t_small, t_large))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=10, help="rows to print per table")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--rules-only", action="store_true")
    group.add_argument("--regexes-only", action="store_true")
    args = parser.parse_args()
    tables = []
    if not args.rules_only:
        tables.append(("regex", "5,000 -> 20,000 chars", regex_rows()))
    if not args.regexes_only:
        tables.append(("rule", "25,000 -> 100,000 chars", rule_rows()))
    for kind, sizes, rows in tables:
        rows.sort(reverse=True)
        print(f"\n{kind:<48} {'input':<18} {'small':>9} {'large':>9} {'ratio':>6}  ({sizes})")
        for ratio, name, unit, t_small, t_large in rows[: args.top]:
            print(f"{name[:48]:<48} {unit[:18]!r:<18} {t_small * 1000:8.2f}ms "
                  f"{t_large * 1000:8.2f}ms {ratio:6.1f}")  # fmt: skip


if __name__ == "__main__":
    main()
