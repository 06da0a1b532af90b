"""The test suite itself: no test may depend on how busy the machine is.

Speed is measured by the scripts in ``benchmarks/``; tests count work instead
(``tests/linearity.py``)."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, settings

TESTS = Path(__file__).resolve().parent
CLOCKS = re.compile(r"\b(?:time\.(?:perf_counter|monotonic|time|process_time)(?:_ns)?\(|timeit\b)")


def test_no_test_reads_a_clock() -> None:
    readers = {
        f"{path.relative_to(TESTS)}:{n}": line.strip()
        for path in sorted(TESTS.rglob("*.py"))
        if path.name != Path(__file__).name
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if CLOCKS.search(line)
    }
    assert readers == {}


def test_hypothesis_has_no_wall_clock_deadline() -> None:
    assert settings.default.deadline is None
    assert HealthCheck.too_slow in settings.default.suppress_health_check
