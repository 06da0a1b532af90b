"""`lint --jobs N`: the process pool gives the same output and exit codes as one process."""

from __future__ import annotations

import io
import itertools
import json
import multiprocessing
import os
import pickle
from collections.abc import Iterator
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES, run_cli

from qualitycheck import parallel
from qualitycheck.api import Checker, FileResult
from qualitycheck.config import Settings
from qualitycheck.parallel import (
    Done,
    FileTask,
    Needs,
    Task,
    check_ordered,
    portable,
    resolve_jobs,
    with_progress,
)
from qualitycheck.scoring import score


def lint(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    return run_cli("lint", "--isolated", *args, stdin=stdin)


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # paths in the output are relative to the working directory


# -- same output with one or two processes --------------------------------------------------------
@pytest.mark.parametrize("fmt", ["json", "jsonl", "text", "sarif", "github", "html"])
def test_jobs_2_output_identical_to_jobs_1(fmt: str) -> None:
    one = lint("samples", "-f", fmt, "--jobs", "1")
    two = lint("samples", "-f", fmt, "--jobs", "2")
    assert one[0] == two[0] == 1
    assert one[1] == two[1]
    assert one[1].strip()


def test_jobs_2_json_identical_with_paragraph_scores_and_missing_file() -> None:
    args = ["samples/garbled", "no-such-file.txt", "samples/clean", "-f", "json",
            "--paragraph-scores"]  # fmt: skip
    one = lint(*args, "--jobs", "1")
    two = lint(*args, "--jobs", "2")
    assert one == two
    assert one[0] == 2  # an unreadable input: exit 2, the others still reported
    files = json.loads(one[1])["files"]
    clean = [p for p in (SAMPLES / "clean").iterdir() if p.suffix in (".txt", ".md", ".html")]
    assert [f["path"] for f in files][-len(clean) - 1] == "no-such-file.txt"
    assert "paragraph_scores" in files[0]


def test_jobs_keeps_input_order_of_files() -> None:
    garbled = sorted(str(p.relative_to(ROOT)) for p in (SAMPLES / "garbled").glob("*.txt"))
    order = list(reversed(garbled))
    code, out, _ = lint(*order, "-f", "jsonl", "--jobs", "2")
    assert code == 1
    assert [json.loads(line)["path"] for line in out.splitlines()] == order


def test_jobs_exit_codes_follow_fail_on() -> None:
    assert lint("samples/clean", "--jobs", "2")[0] == 0
    assert lint("samples/garbled", "--jobs", "2", "--fail-on", "never")[0] == 0
    assert lint("samples/garbled", "--jobs", "2")[0] == 1


def test_jobs_reads_standard_input_in_order() -> None:
    text = (SAMPLES / "garbled" / "munich-chip-startup.txt").read_text(encoding="utf-8")
    args = ["samples/clean/kyiv-winter-power-grid.txt", "-", "samples/garbled/balkan-sava-floods.txt",
            "-f", "json", "--stdin-filename", "piped.txt"]  # fmt: skip
    one = lint(*args, "--jobs", "1", stdin=text)
    two = lint(*args, "--jobs", "2", stdin=text)
    assert one == two
    paths = [f["path"] for f in json.loads(two[1])["files"]]
    assert paths == [args[0], "piped.txt", args[2]]
    assert json.loads(two[1])["files"][1]["findings"]


def test_jobs_with_baselines_matches_one_process(tmp_path: Path) -> None:
    base1, base2 = tmp_path / "one.json", tmp_path / "two.json"
    assert lint("samples", "--jobs", "1", "--write-baseline", str(base1))[0] == 0
    assert lint("samples", "--jobs", "2", "--write-baseline", str(base2))[0] == 0
    assert base1.read_text() == base2.read_text()
    code, out, _ = lint("samples", "--jobs", "2", "--baseline", str(base2), "-f", "json")
    assert code == 0
    assert all(not f["findings"] for f in json.loads(out)["files"])


# -- jobs ------------------------------------------------------------------------------------------
def test_default_jobs_one_for_few_files_every_core_for_many(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(parallel, "cpu_count", lambda: 6)
    assert resolve_jobs(None, 3) == 1
    assert resolve_jobs(None, 7) == 1
    assert resolve_jobs(None, 8) == 6
    assert resolve_jobs(None, None) == 6  # a stream of unknown length
    assert resolve_jobs(0, 100) == 6
    assert resolve_jobs(4, 2) == 2  # never more workers than documents
    assert resolve_jobs(3, None) == 3
    with pytest.raises(ValueError, match="--jobs"):
        resolve_jobs(-1, 10)


def test_default_jobs_one_for_little_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "cpu_count", lambda: 6)
    assert resolve_jobs(None, 100, 64 * 1024) == 1  # worker start-up would cost more than it saves
    assert resolve_jobs(None, 100, parallel.MIN_PARALLEL_BYTES) == 6
    assert resolve_jobs(None, None, None) == 6  # standard input: size unknown
    assert resolve_jobs(2, 100, 1000) == 2  # an explicit --jobs is obeyed


def test_negative_jobs_is_a_usage_error() -> None:
    code, _, err = lint("samples", "--jobs", "-1")
    assert code == 2
    assert "--jobs" in err


# -- the pool --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Counting:
    """A stand-in task source that counts how far the pool has read."""

    read: list[int]

    def items(self) -> Iterator[FileTask]:
        files = sorted(str(p) for p in (SAMPLES / "clean").glob("*.txt"))
        for i in itertools.count():
            self.read.append(i)
            yield FileTask(files[i % len(files)])


def test_pool_reads_ahead_a_bounded_number_of_tasks() -> None:
    read: list[int] = []
    results = check_ordered(Settings(), _Counting(read).items(), 2)
    first = list(itertools.islice(results, 3))
    assert len(first) == 3
    assert len(read) <= 3 + 2 * parallel.LOOK_AHEAD + 1
    results.close()  # shuts the pool down


def test_pool_works_with_spawned_workers() -> None:
    files = [str(p) for p in sorted((SAMPLES / "garbled").glob("*.txt"))[:3]]
    settings = Settings()
    expected = [Checker(settings).check_file(f) for f in files]
    got = list(check_ordered(settings, [FileTask(f) for f in files], 2, start_method="spawn"))
    assert [r.to_dict() for r in got] == [r.to_dict() for r in expected]


@dataclass(frozen=True)
class _Crash:
    """A task whose worker dies without a word (as if killed by the OOM killer)."""

    display: str = "crash.txt"
    local: bool = False

    def run(self, checker: Checker) -> FileResult:
        os._exit(3)

    def failed(self, reason: str) -> FileResult:
        return FileResult(path=self.display, format="text", error=reason)


@pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(),
    reason="the crashing task class lives in the test module, which only fork shares",
)
def test_a_dead_worker_becomes_an_error_result_not_a_hang() -> None:
    clean = "samples/clean/kyiv-winter-power-grid.txt"
    items: list[Task | Done] = [FileTask(clean), _Crash(), *[FileTask(clean)] * 6]
    results = list(check_ordered(Settings(), items, 2, start_method="fork"))
    assert len(results) == len(items)
    assert results[1].path == "crash.txt"
    assert results[1].error is not None and "worker process failed" in results[1].error
    for r in results:  # documents in flight with the crash are lost; none is silently dropped
        assert r.error is None or "worker process failed" in r.error


@pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(),
    reason="the crashing task class lives in the test module, which only fork shares",
)
def test_pool_restarts_after_a_worker_died() -> None:
    clean = "samples/clean/kyiv-winter-power-grid.txt"
    pool = parallel._Pool(Settings(), Needs(), 1, "fork")
    try:
        crashed = pool.submit([_Crash()])
        assert isinstance(crashed, Future)
        with pytest.raises(BrokenProcessPool):
            crashed.result(timeout=60)
        after = pool.submit([FileTask(clean)])
        assert isinstance(after, Future)
        assert after.result(timeout=60)[0].error is None
        assert pool.restarts == 1
    finally:
        pool.shutdown()


def test_done_items_keep_their_place() -> None:
    clean = "samples/clean/kyiv-winter-power-grid.txt"
    missing = FileResult(path="gone.txt", format="text", error="no such file")
    items: list[Task | Done] = [FileTask(clean), Done(missing), FileTask(clean)]
    paths = [r.path for r in check_ordered(Settings(), items, 2)]
    assert paths == [clean, "gone.txt", clean]


# -- what crosses the process boundary -------------------------------------------------------------
def test_portable_result_is_smaller_and_reports_the_same() -> None:
    path = SAMPLES / "garbled" / "amman-water-talks.html"
    checker = Checker(Settings())
    full = score(checker.check_file(path), Needs(readability=True, paragraphs=True))
    light = portable(checker.check_file(path), Needs(readability=True, paragraphs=True))
    assert light.document is not None and "words" not in vars(light.document)
    assert "sentences" not in vars(light.document)
    assert len(pickle.dumps(light)) < len(pickle.dumps(full))
    back = pickle.loads(pickle.dumps(light))
    assert back.to_dict(paragraphs=True) == full.to_dict(paragraphs=True)
    assert back.document.source_span(10, 20) == full.document.source_span(10, 20)  # type: ignore[union-attr]


def test_needs_follow_the_output_format() -> None:
    assert Needs.for_format("text") == Needs(readability=False, paragraphs=False)
    assert Needs.for_format("jsonl") == Needs(readability=True, paragraphs=False)
    assert Needs.for_format("json", paragraph_scores=True) == Needs(True, True)
    assert Needs.for_format("html") == Needs(True, True)


# -- progress -------------------------------------------------------------------------------------
class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_drawn_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "PROGRESS_AFTER", 0.0)
    stream = _Terminal()
    items = [FileResult(path=f"{i}.txt", format="text") for i in range(5)]
    assert list(with_progress(items, total=5, stream=stream)) == items
    assert "checking" in stream.getvalue()


def test_no_progress_bar_when_stderr_is_not_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "PROGRESS_AFTER", 0.0)
    stream = io.StringIO()
    items = [FileResult(path=f"{i}.txt", format="text") for i in range(5)]
    assert list(with_progress(items, total=5, stream=stream)) == items
    assert stream.getvalue() == ""


def test_no_progress_bar_in_a_pipe(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "PROGRESS_AFTER", 0.0)
    code, _, err = lint("samples", "--jobs", "2", "-f", "jsonl")
    assert code == 1
    assert "checking" not in err
    assert err == ""


def test_jobs_2_diff_identical_to_jobs_1(tmp_path: Path) -> None:
    for p in sorted((SAMPLES / "garbled").glob("*.txt")):
        (tmp_path / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    one = lint(str(tmp_path), "--diff", "--jobs", "1")
    two = lint(str(tmp_path), "--diff", "--jobs", "2")
    assert one == two
    assert "+++" in one[1]  # the samples have sure fixes: the diff is not empty
