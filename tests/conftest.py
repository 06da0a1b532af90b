"""Shared paths, helpers and fixtures (``from conftest import SAMPLES, run_cli``).

- ``ROOT``: the repository; ``SAMPLES``: the bundled samples (``garbled/``, ``clean/``);
  ``SEED``: the real example article kept outside the repository (may be absent: use the
  ``seed_text`` fixture, which skips with a reason);
- ``run_cli(*args, stdin=None)``: run the command line in this process, ``(exit code, stdout,
  stderr)``;
- tests marked ``slow`` take tens of seconds; plain ``pytest`` (CI) runs them, ``-m "not slow"``
  leaves them out.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Hypothesis's wall-clock checks (a 200 ms deadline per example, the "too slow" health check)
# fail on a busy machine: speed is measured by benchmarks/, never by tests.
settings.register_profile(
    "qualitycheck", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("qualitycheck")

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SEED = ROOT.parent / "shared" / "seeds" / "000_7878a072beb5b911.txt"


def run_cli(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    """``qualitycheck ARGS...`` in this process: exit code, standard output, standard error."""
    from typer.testing import CliRunner

    from qualitycheck.cli import app

    result = CliRunner().invoke(app, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


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
