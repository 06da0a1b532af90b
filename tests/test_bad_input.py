"""Bad input, end to end: the CLI in a subprocess on files a pre-commit hook may meet.

Every file gets a result, or one clear line on stderr naming it (and exit code 2); the other
files are still checked, and no input file is ever modified (each is hashed before and after).

Unreadable files: the tests run as root in CI, and root reads a file with mode 000, so the
chmod test only runs for other users. Unreadable paths that work for root too: a FIFO inside a
checked directory (reading it would block until another process writes: the walk reports it
and skips it), a symlink loop (ELOOP) and a dangling symlink (ENOENT).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import SAMPLES

from qualitycheck.api import Checker

EXIT_ERROR = 2


def run_cli(*args: str | Path, cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "qualitycheck", "lint", "--isolated", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "NO_COLOR": "1"},
    )


def _files(root: Path) -> Iterator[Path]:
    for dirpath, _, names in os.walk(root):
        for name in names:
            p = Path(dirpath, name)
            if p.is_file() and not p.is_symlink():
                yield p


def hashes(root: Path) -> dict[str, tuple[str, int, int]]:
    """Content hash, mode and modification time of every regular file under ``root``."""
    out = {}
    for p in _files(root):
        st = p.stat()
        out[str(p)] = (hashlib.sha256(p.read_bytes()).hexdigest(), st.st_mode, st.st_mtime_ns)
    return out


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("qualitycheck: error:")]


GOOD = "The minister said the the bridge would reopen.\n"


@pytest.fixture
def bad_tree(tmp_path: Path) -> Path:
    """A directory with one good file and one of every kind of bad input."""
    d = tmp_path / "docs"
    d.mkdir()
    (d / "good.txt").write_text(GOOD, encoding="utf-8")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (d / "invalid-utf8.txt").write_bytes(b"caf\xe9 \xff\xfe\x80 ok\x81\x8d\x8f\n")
    (d / "utf16.txt").write_bytes(GOOD.encode("utf-16"))  # with a BOM
    (d / "empty.txt").write_bytes(b"")
    (d / "only-code.md").write_text("```\nthe the code\n```\n\n    indented code\n")
    (d / "malformed.html").write_text(
        '<p>Unclosed <b>bold <i>the the</p></div><p a="x>tail &amp\n<script>var x = "<p>"'
    )
    (d / "loop.txt").symlink_to("loop.txt")
    (d / "dangling.txt").symlink_to("nowhere.txt")
    os.mkfifo(d / "fifo.txt")
    return d


def test_every_bad_file_gets_a_result_or_one_error_line(bad_tree: Path) -> None:
    before = hashes(bad_tree)
    proc = run_cli("docs", "-f", "json", cwd=bad_tree.parent)
    assert proc.returncode == EXIT_ERROR, proc.stderr
    assert "Traceback" not in proc.stderr
    import json

    report = {f["path"]: f for f in json.loads(proc.stdout)["files"]}
    errors = {p: f["error"] for p, f in report.items() if f["error"]}
    assert set(errors) == {
        "docs/binary.txt",
        "docs/invalid-utf8.txt",
        "docs/loop.txt",
        "docs/dangling.txt",
        "docs/fifo.txt",
    }
    assert "binary" in errors["docs/binary.txt"]
    assert "FIFO" in errors["docs/fifo.txt"]
    # One line on stderr for each file that could not be checked, naming it.
    lines = error_lines(proc.stderr)
    assert len(lines) == len(errors)
    for path in errors:
        assert sum(path in line for line in lines) == 1
    # The others are checked: the doubled word is found in the good, UTF-16 and HTML files.
    for path in ("docs/good.txt", "docs/utf16.txt", "docs/malformed.html"):
        assert [f["rule"] for f in report[path]["findings"]][:1] == ["structure.repeated-word"]
    assert report["docs/empty.txt"]["findings"] == []
    assert report["docs/only-code.md"]["findings"] == []  # code is not prose
    assert hashes(bad_tree) == before


def test_a_fifo_in_a_directory_does_not_block_the_run(tmp_path: Path) -> None:
    """Regression: the walk used to open a FIFO named *.txt and wait forever for a writer."""
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "good.txt").write_text(GOOD)
    proc = run_cli(".", cwd=tmp_path, timeout=120)  # a blocked open would never return
    assert proc.returncode == EXIT_ERROR
    assert error_lines(proc.stderr) == [
        "qualitycheck: error: pipe.txt: not a regular file (a FIFO); skipped"
    ]
    assert "good.txt:1:" in proc.stdout


def test_special_files_are_reported_by_the_walk(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.md")
    (tmp_path / "a.txt").write_text(GOOD)
    got = dict(Checker().iter_paths([str(tmp_path)]))
    assert got == {
        str(tmp_path / "a.txt"): None,
        str(tmp_path / "pipe.md"): "not a regular file (a FIFO); skipped",
    }


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("binary.txt", bytes(range(256)) * 40, "not a text file (binary data)"),
        ("bad.txt", b"caf\xe9 \xff\xfe\x80 \x81\x8d\x8f\n", "cannot decode as UTF-8"),
    ],
)
def test_one_clear_line_for_an_unreadable_named_file(
    tmp_path: Path, name: str, content: bytes, expected: str
) -> None:
    (tmp_path / name).write_bytes(content)
    (tmp_path / "good.txt").write_text(GOOD)
    proc = run_cli(name, "good.txt", cwd=tmp_path)
    assert proc.returncode == EXIT_ERROR
    lines = error_lines(proc.stderr)
    assert len(lines) == 1 and name in lines[0] and expected in lines[0], proc.stderr
    assert "good.txt:1:" in proc.stdout
    assert (tmp_path / name).read_bytes() == content


def test_utf16_with_bom_is_checked_with_source_positions(tmp_path: Path) -> None:
    (tmp_path / "u.txt").write_bytes(("Intro.\n" + GOOD).encode("utf-16"))
    proc = run_cli("u.txt", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.startswith("u.txt:2:19: error structure.repeated-word")


def test_empty_file_is_clean(tmp_path: Path) -> None:
    (tmp_path / "e.txt").write_bytes(b"")
    proc = run_cli("e.txt", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file with mode 000")
def test_permission_denied_is_one_line(tmp_path: Path) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text(GOOD)
    locked.chmod(0)
    (tmp_path / "good.txt").write_text(GOOD)
    try:
        proc = run_cli(".", cwd=tmp_path)
    finally:
        locked.chmod(0o644)
    assert proc.returncode == EXIT_ERROR
    assert error_lines(proc.stderr) == ["qualitycheck: error: locked.txt: permission denied"]
    assert "good.txt:1:" in proc.stdout


def test_a_one_megabyte_line(tmp_path: Path) -> None:
    """A single 1 MB line of prose (a minified export): checked, positions on line 1."""
    sentence = "Officials said the bridge would reopen on Monday after repairs. "
    line = sentence * (1_000_000 // len(sentence)) + "It was the the end."
    (tmp_path / "one-line.txt").write_text(line)
    before = hashes(tmp_path)
    proc = run_cli("one-line.txt", "-f", "jsonl", cwd=tmp_path, timeout=120)
    assert proc.returncode == 1, proc.stderr
    import json

    findings = json.loads(proc.stdout)["findings"]
    doubled = [f for f in findings if f["rule"] == "structure.repeated-word"]
    assert [(f["line"], f["column"], f["text"]) for f in doubled] == [
        (1, len(line) - len("the the end.") + 1, "the the")
    ]
    assert hashes(tmp_path) == before


def test_a_one_megabyte_word(tmp_path: Path) -> None:
    """No spaces at all (a base64 blob saved as .txt) is checked end to end. That no rule goes
    quadratic on such a word is counted, not timed, in tests/test_regex_safety.py (shape "QUJD")."""
    (tmp_path / "blob.txt").write_text("QUJD" * 250_000)
    proc = run_cli("blob.txt", cwd=tmp_path, timeout=600)
    assert proc.returncode in (0, 1), proc.stderr
    assert error_lines(proc.stderr) == []


# -- a 50 MB file ---------------------------------------------------------------------------------
BIG_SIZE = 50_000_000
MEMORY_BUDGET_MB = 500


def _pseudo_prose(size: int) -> str:
    """Distinct paragraphs of real words (no duplicate paragraphs to report), ``size`` chars."""
    import random
    import re

    samples = SAMPLES / "clean"
    words = sorted(
        {w for p in samples.glob("*.txt") for w in re.findall(r"\b[a-z]{2,12}\b", p.read_text())}
    )
    rng = random.Random(11)
    out: list[str] = []
    total = 0
    while total < size:
        sentences = [
            " ".join(rng.choices(words, k=rng.randint(6, 24))).capitalize() + "."
            for _ in range(rng.randint(2, 6))
        ]
        out.append(" ".join(sentences))
        total += len(out[-1]) + 2
    return "\n\n".join(out)[:size]


@dataclass
class BigRun:
    path: Path
    returncode: int
    stdout: str
    stderr: str
    peak_mb: float


@pytest.fixture(scope="module")
def big_run(tmp_path_factory: pytest.TempPathFactory) -> BigRun:
    """One run of the CLI on a 50 MB plain-text file, with the child's peak memory (wait4)."""
    directory = tmp_path_factory.mktemp("big")
    path = directory / "big.txt"
    path.write_text(_pseudo_prose(BIG_SIZE), encoding="utf-8")
    out, err = directory / "out.jsonl", directory / "err.txt"
    with out.open("w") as stdout, err.open("w") as stderr:
        child = subprocess.Popen(
            [sys.executable, "-m", "qualitycheck", "lint", "--isolated", "-f", "jsonl", "big.txt"],
            cwd=directory,
            stdout=stdout,
            stderr=stderr,
        )
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
    return BigRun(
        path,
        child.returncode,
        out.read_text(),
        err.read_text(),
        usage.ru_maxrss / 1024,  # KiB on Linux
    )


@pytest.mark.slow
class TestFiftyMegabytes:
    """About 50 s on an idle 2-core machine (2-3 minutes under load): kept in the default run, as
    it is the only test of a file this size. Huge text files are checked in pieces of 1 MB."""

    def test_is_checked_with_valid_positions(self, big_run: BigRun) -> None:
        import json

        assert big_run.returncode in (0, 1), big_run.stderr
        assert error_lines(big_run.stderr) == []
        record = json.loads(big_run.stdout)
        assert record["error"] is None and record["stats"]["words"] > 5_000_000
        lines = big_run.path.read_text(encoding="utf-8").split("\n")
        for f in record["findings"]:
            assert lines[f["line"] - 1][f["column"] - 1 :].startswith(f["text"].split("\n")[0])

    def test_peak_memory_within_budget(self, big_run: BigRun) -> None:
        assert big_run.peak_mb <= MEMORY_BUDGET_MB, f"{big_run.peak_mb:.0f} MB"
