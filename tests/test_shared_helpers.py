"""The shared paths and helpers of tests/conftest.py."""

from __future__ import annotations

from conftest import ROOT, SAMPLES, run_cli


def test_the_shared_paths_point_into_the_repository() -> None:
    assert (ROOT / "pyproject.toml").is_file()
    assert sorted(p.name for p in SAMPLES.iterdir() if p.is_dir()) >= ["clean", "garbled"]


def test_run_cli_runs_the_command_line_in_process() -> None:
    code, out, _ = run_cli("lint", "--isolated", "-", stdin="Prices rose by by 4 per cent.\n")
    assert code == 1 and "structure.repeated-word" in out
    code, _, err = run_cli("explain", "no.such-rule")
    assert code == 2 and "unknown rule" in err
