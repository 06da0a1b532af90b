"""--fix applies sure suggestions atomically; --diff shows them; nothing else changes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from qualitycheck.finding import Finding, Severity
from qualitycheck.fix import apply_fixes

GARBLED = (
    "Copyright 2024 Example Media. all rights are save.\r\nThe the minister spoke , then left.\r\n"
)


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "qualitycheck", *args], cwd=cwd, capture_output=True,
                          text=True, env=env, timeout=120)  # fmt: skip


def _finding(start: int, end: int, text: str, suggestion: str, confidence: float = 0.9) -> Finding:
    return Finding("demo.x", "demo", Severity.WARNING, "m", 1, start + 1, 1, end + 1, text,
                   (suggestion,), confidence, start, end)  # fmt: skip


def test_apply_fixes_skips_overlaps_unsure_and_stale_findings() -> None:
    source = "one two three four"
    findings = [
        _finding(0, 3, "one", "1"),
        _finding(2, 7, "e two", "x"),  # overlaps the first: waits for the next run
        _finding(8, 13, "three", "3", confidence=0.5),  # not sure enough
        _finding(14, 18, "FOUR", "4"),  # stale: the text is not what the finding says
    ]
    result = apply_fixes(source, findings)
    assert result.source == "1 two three four"
    assert [f.text for f in result.applied] == ["one"]


def test_fix_rewrites_the_file_keeping_bom_and_line_endings(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbf" + GARBLED.encode("utf-8"))
    proc = run("lint", "--fix", "a.txt", cwd=tmp_path)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data[3:].decode("utf-8")
    assert "All rights reserved" in text and "The minister" in text
    assert text.count("\r\n") == 2
    assert "fixed" in proc.stderr
    assert "structure.repeated-word" not in proc.stdout  # fixed findings leave the report
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_diff_shows_changes_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(GARBLED, encoding="utf-8", newline="")
    before = path.read_bytes()
    proc = run("lint", "--diff", "a.txt", cwd=tmp_path)
    assert path.read_bytes() == before
    assert proc.stdout.startswith("--- a/a.txt\n+++ b/a.txt\n")
    assert "+The minister" in proc.stdout.replace("\r", "")
    assert "Found" in proc.stderr  # the report went to stderr


def test_without_fix_nothing_is_written(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(GARBLED, encoding="utf-8", newline="")
    before = path.read_bytes()
    assert run("lint", "a.txt", cwd=tmp_path).returncode == 1
    assert path.read_bytes() == before


def test_non_utf8_files_are_not_rewritten(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("Caf\xe9 culture. The the caf\xe9 opened.\n".encode("latin-1"))
    before = path.read_bytes()
    proc = run("lint", "--fix", "a.txt", cwd=tmp_path)
    assert path.read_bytes() == before
    assert "not fixed: --fix rewrites UTF-8 files only" in proc.stderr


def test_deletions_are_never_applied_automatically() -> None:
    f = _finding(0, 7, "Caption", "", confidence=0.99)
    assert apply_fixes("Caption\nText.", [f]).source == "Caption\nText."
