"""Shared paths, helpers and fixtures (``from conftest import SAMPLES, run_cli``).

A rule's tests live in ``tests/rules/test_<rule module>.py``; tests of several rules at once in
``tests/rules/test_cross_rule.py`` and ``tests/test_seed_article.py``.

- ``ROOT``: the repository; ``SAMPLES``: the bundled samples (``garbled/``, ``clean/``);
  ``TEST_DATA``: ``tests/data``; ``SEED``: the real example article kept outside the repository
  (may be absent: use the ``seed_text`` fixture, which skips with a reason);
- ``run_cli(*args, stdin=None)``: run the command line in this process, ``(exit code, stdout,
  stderr)``;
- ``load_sample(path)``: a sample file loaded as the command line loads it (format from its name);
- ``warned(rule, text)``: the texts a rule flags at warning level or above;
- ``expected_rows(*rule_ids)``: the rows of the garbled samples' ``.expected.tsv`` files for
  those rules, ``(sample, rule id, line, text)``;
- tests marked ``slow`` take tens of seconds; plain ``pytest`` (CI) runs them, ``-m "not slow"``
  leaves them out.
"""

from __future__ import annotations

import csv
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, settings

# Hypothesis's wall-clock checks (a 200 ms deadline per example, the "too slow" health check)
# fail on a busy machine: speed is measured by benchmarks/, never by tests.
settings.register_profile(
    "qualitycheck", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("qualitycheck")

if TYPE_CHECKING:
    from qualitycheck.document import Document
    from qualitycheck.rule import Rule

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
TEST_DATA = ROOT / "tests" / "data"
SEED = ROOT.parent / "shared" / "seeds" / "000_7878a072beb5b911.txt"


def run_cli(*args: str, stdin: str | bytes | None = None) -> tuple[int, str, str]:
    """``qualitycheck ARGS...`` in this process: exit code, standard output, standard error."""
    from typer.testing import CliRunner

    from qualitycheck.cli import app

    result = CliRunner().invoke(app, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def load_sample(path: Path) -> Document:
    """A sample file as the command line loads it, its format told by its name."""
    from qualitycheck.loaders import detect_format, load_text

    return load_text(path.read_text(encoding="utf-8"), detect_format(str(path)), str(path))


def warned(rule: Rule, text: str | Document, **kwargs: object) -> list[str]:
    """Flagged texts at warning level or above (a rule's default severity counts)."""
    from qualitycheck.document import Document
    from qualitycheck.finding import Severity
    from qualitycheck.testing import run_rule

    doc = text if isinstance(text, Document) else Document.from_text(text)
    return [
        doc.text[m.start : m.end]
        for m in run_rule(rule, doc, **kwargs)  # type: ignore[arg-type]
        if (m.severity or rule.severity) >= Severity.WARNING
    ]


def expected_rows(*rule_ids: str) -> list[tuple[Path, str, int, str]]:
    """``(sample, rule id, line, text)`` for each row of the garbled samples' ``.expected.tsv``
    files that names one of ``rule_ids``."""
    rows = []
    for tsv in sorted((SAMPLES / "garbled").glob("*.expected.tsv")):
        sample = next(
            p
            for p in tsv.parent.glob(tsv.name.replace(".expected.tsv", ".*"))
            if not p.name.endswith(".tsv")
        )
        with tsv.open(encoding="utf-8") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                if row["rule"] in rule_ids:
                    rows.append((sample, row["rule"], int(row["line"]), row["text"]))
    return rows


@pytest.fixture
def cli() -> object:
    """``run_cli`` as a fixture, for tests that prefer one."""
    return run_cli


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Make any attempt to open a network connection fail loudly."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    # Patch the methods, not the class: replacing socket.socket breaks `import ssl`/asyncio.
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    yield


@pytest.fixture
def seed_text() -> str:
    """The real machine-translated example article kept outside the repository."""
    if not SEED.is_file():
        absent = f"example article not available at {SEED} (it lives outside the repository)"
        pytest.skip(reason=absent)
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def clean_texts() -> list[str]:
    """Clean, edited prose (``tests/clean_prose.py``) no rule may report anything on."""
    from clean_prose import CLEAN_HEADLINES, CLEAN_NEWS

    return [CLEAN_NEWS, CLEAN_HEADLINES]
