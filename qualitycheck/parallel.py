"""Checking many documents on all cores: a process pool with one ``Checker`` per worker process.

``check_ordered(settings, tasks, jobs)`` checks ``tasks`` (files, or corpus records from
``qualitycheck.corpus``) in worker processes and yields their ``FileResult`` objects **in input
order**, as soon as each one and all those before it are done. At most ``jobs * LOOK_AHEAD`` chunks
are in flight, so memory stays flat however long the input is, and a streaming reporter
(``--format jsonl``) writes as it goes.

How it stays fast and correct:

- The pool's initializer builds one ``Checker`` per worker from the (picklable) ``Settings``: rules,
  packs, the glossary and the shared data load once per worker, not once per document. It works
  with every start method ("fork", "spawn", "forkserver"): nothing relies on inherited state.
- Results cross the process boundary as plain data. A ``FileResult`` normally holds the checked
  ``Document`` with every word and sentence; the worker first computes what the reporters read
  (``stats``, ``quality``, and ``readability`` / paragraph scores when the format shows them, so the
  expensive part runs in parallel) and then sends back a light ``Document`` with only the source,
  the text, the offsets and the blocks. Everything a reporter may still ask the document for (the
  HTML report highlights the source and charts paragraphs) is recomputed on demand from that.
- Standard input (``-``) is read and checked in the main process, in its place in the order.
- A worker that dies (killed, out of memory) does not hang the run: the documents in flight are
  reported as errors ("the worker process failed"), which gives exit code 2 like unreadable files,
  and a new pool checks the rest (up to ``MAX_RESTARTS`` times).
- Workers ignore Ctrl-C; the main process stops the run.
"""

from __future__ import annotations

import os
import sys
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, TextIO

from qualitycheck.scoring import DOCUMENT_SCORES, Needs
from qualitycheck.tasks import Done, FileTask, Task, collector_paused, file_tasks

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

    from qualitycheck.api import Checker
    from qualitycheck.config import Settings
    from qualitycheck.result import FileResult

__all__ = [
    "Done", "FileTask", "Needs", "Task", "check_ordered", "cpu_count", "file_tasks", "portable",
    "progress_wanted", "resolve_jobs", "with_progress",
]  # fmt: skip

#: ``--jobs`` default: every core from this many documents and this many bytes of input on. Each
#: worker spends ~0.3-0.5 s starting (imports, rules, data, warm caches); below these, one process
#: is as fast.
MANY_FILES = 8
MIN_PARALLEL_BYTES = 256 * 1024
#: chunks in flight per worker: enough to keep every worker busy, few enough to keep memory flat.
LOOK_AHEAD = 4
#: new pools started after a worker died, before the remaining documents are given up
MAX_RESTARTS = 3
#: seconds before the progress bar appears (short runs never show one).
PROGRESS_AFTER = 1.0


def cpu_count() -> int:
    """Cores this process may run on (the affinity mask where the OS has one)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def resolve_jobs(jobs: int | None, count: int | None, size: int | None = None) -> int:
    """``--jobs``: None = every core for ``MANY_FILES`` documents or more and ``MIN_PARALLEL_BYTES``
    of input or more, else 1; 0 = every core.

    ``count`` is the number of documents and ``size`` the input size in bytes, when known
    (``count`` also caps the number of workers)."""
    if jobs is not None and jobs < 0:
        raise ValueError("--jobs must be 0 (every core) or a positive number")
    if jobs is None:
        many = count is None or count >= MANY_FILES
        big = size is None or size >= MIN_PARALLEL_BYTES
        jobs = cpu_count() if many and big else 1
    elif jobs == 0:
        jobs = cpu_count()
    if count is not None:
        jobs = min(jobs, max(count, 1))
    return max(jobs, 1)


# -- worker side ----------------------------------------------------------------------------------
_WORKER: dict[str, object] = {}


def _init_worker(settings: Settings, needs: Needs) -> None:
    """Pool initializer: build this worker's ``Checker`` once.

    Workers ignore Ctrl-C: the main process handles it, cancels what has not started and lets
    the documents being checked finish, instead of every worker printing a traceback."""
    import signal

    from qualitycheck.api import Checker

    signal.signal(signal.SIGINT, signal.SIG_IGN)

    _WORKER["checker"] = Checker(settings, needs=needs)
    _WORKER["needs"] = needs


def _run_chunk(tasks: Sequence[Task]) -> list[FileResult]:
    checker: Checker = _WORKER["checker"]  # type: ignore[assignment]
    needs: Needs = _WORKER["needs"]  # type: ignore[assignment]
    results = []
    for task in tasks:  # a worker process is ours: the collector may pause for each check
        with collector_paused():
            results.append(portable(task.run(checker), needs))
    return results


def portable(result: FileResult, needs: Needs) -> FileResult:
    """Compute what the reporter needs, then swap the document for a light copy to pickle.

    The copy keeps the source, the text, the offsets, the blocks, the directives and the gaps, so
    every ``Document`` method still answers the same; only the word and sentence lists (the bulk
    of a checked document) are left to be recomputed if anything asks for them."""
    from qualitycheck.document import Document
    from qualitycheck.scoring import score

    doc = result.document
    if doc is None:
        return result
    score(result, needs)
    result.document = Document(
        source=doc.source,
        text=doc.text,
        format=doc.format,
        path=doc.path,
        offsets=doc.offsets,
        given_blocks=doc.blocks,
        directives=doc.directives,
        gaps=doc.gaps,
    )
    return result


# -- main process ---------------------------------------------------------------------------------
def _chunks(items: Iterable[Task | Done], size: int) -> Iterator[list[Task] | Task | Done]:
    """Group remote tasks into lists of ``size``; local tasks and ``Done`` come alone, in order."""
    batch: list[Task] = []
    for item in items:
        if isinstance(item, Done) or item.local:
            if batch:
                yield batch
                batch = []
            yield item
            continue
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


_Pending = tuple["Future[list[FileResult]] | list[FileResult]", Sequence[Task]]


def check_ordered(
    settings: Settings,
    items: Iterable[Task | Done],
    jobs: int,
    *,
    needs: Needs | None = None,
    local_checker: Checker | None = None,
    chunk_size: int = 1,
    start_method: str | None = None,
) -> Generator[FileResult, None, None]:
    """Check ``items`` in ``jobs`` worker processes; yield the results in input order.

    ``local_checker`` checks the tasks that must run here (standard input); ``start_method``
    picks the multiprocessing start method (default: the platform's)."""
    pool = _Pool(settings, needs or DOCUMENT_SCORES, jobs, start_method)
    pending: deque[_Pending] = deque()
    limit = jobs * LOOK_AHEAD
    try:
        for chunk in _chunks(items, chunk_size):
            if isinstance(chunk, Done):
                pending.append(([chunk.result], ()))
            elif isinstance(chunk, list):
                pending.append((pool.submit(chunk), chunk))
            else:
                if local_checker is None:
                    from qualitycheck.api import Checker

                    local_checker = Checker(settings, needs=needs or DOCUMENT_SCORES)
                pending.append(([chunk.run(local_checker)], (chunk,)))
            while len(pending) >= limit:
                yield from _collect(*pending.popleft())
        while pending:
            yield from _collect(*pending.popleft())
    finally:
        pool.shutdown()


class _Pool:
    """A process pool that starts afresh after a worker died (at most ``MAX_RESTARTS`` times).

    The chunks in flight when a worker dies are lost (the pool cannot tell whose document killed
    it) and are reported as errors; the chunks after them go to the new pool."""

    def __init__(self, settings: Settings, needs: Needs, jobs: int, start_method: str | None):
        import multiprocessing

        self.args = (settings, needs)
        self.jobs = jobs
        self.context = multiprocessing.get_context(start_method)
        self.restarts = 0
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        # Imported here: it pulls in multiprocessing (~8 ms), which a run on one file never uses.
        from concurrent.futures import ProcessPoolExecutor

        return ProcessPoolExecutor(max_workers=self.jobs, mp_context=self.context,
                                   initializer=_init_worker, initargs=self.args)  # fmt: skip

    def submit(self, chunk: list[Task]) -> Future[list[FileResult]] | list[FileResult]:
        from concurrent.futures.process import BrokenProcessPool

        try:
            return self.executor.submit(_run_chunk, chunk)
        except BrokenProcessPool as exc:
            if self.restarts >= MAX_RESTARTS:
                return _failed(chunk, exc)
            self.restarts += 1
            self.executor.shutdown(wait=False, cancel_futures=True)
            self.executor = self._start()
            return self.executor.submit(_run_chunk, chunk)

    def shutdown(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def _failed(tasks: Sequence[Task], exc: BaseException) -> list[FileResult]:
    reason = f"internal error: the worker process failed ({type(exc).__name__}: {exc})"
    return [task.failed(reason) for task in tasks]


def _collect(
    outcome: Future[list[FileResult]] | list[FileResult], tasks: Sequence[Task]
) -> list[FileResult]:
    if isinstance(outcome, list):
        return outcome
    try:
        return outcome.result()
    except Exception as exc:  # a dead worker or an unpicklable result: report, don't hang
        return _failed(tasks, exc)


# -- progress -------------------------------------------------------------------------------------
def with_progress(
    results: Iterable[FileResult],
    *,
    total: int | None = None,
    stream: TextIO | None = None,
    show: Callable[[], bool] | None = None,
    unit: str = "files",
) -> Iterator[FileResult]:
    """Pass ``results`` through, drawing a progress bar on stderr once the run has lasted
    ``PROGRESS_AFTER`` seconds, and only when stderr is a terminal (never in pipes or CI logs).

    rich is imported only when the bar is actually shown."""
    stream = stream or sys.stderr
    enabled = show() if show is not None else bool(getattr(stream, "isatty", bool)())
    if not enabled:
        yield from results
        return
    start = time.monotonic()
    done = 0
    progress = None
    task_id = None
    try:
        for result in results:
            done += 1
            if progress is None and time.monotonic() - start >= PROGRESS_AFTER:
                from rich.console import Console
                from rich.progress import (
                    BarColumn,
                    MofNCompleteColumn,
                    Progress,
                    TextColumn,
                    TimeElapsedColumn,
                    TimeRemainingColumn,
                )

                columns = [TextColumn("checking"), BarColumn(), MofNCompleteColumn(),
                           TextColumn(unit), TimeElapsedColumn(), TimeRemainingColumn()]  # fmt: skip
                progress = Progress(*columns, console=Console(file=stream), transient=True)
                progress.start()
                task_id = progress.add_task("check", total=total, completed=done)
            elif progress is not None and task_id is not None:
                progress.update(task_id, completed=done)
            yield result
    finally:
        if progress is not None:
            progress.stop()


def progress_wanted(output_to_file: bool) -> bool:
    """A bar on stderr only when stderr is a terminal and stdout does not print the report onto
    the same terminal (the two would interleave)."""
    err_tty = hasattr(sys.stderr, "isatty") and sys.stderr.isatty()
    out_tty = hasattr(sys.stdout, "isatty") and sys.stdout.isatty()
    return err_tty and (output_to_file or not out_tty)
