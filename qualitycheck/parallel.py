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
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, TextIO

if TYPE_CHECKING:
    from qualitycheck.api import Checker, FileResult
    from qualitycheck.config import Settings

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


class Task(Protocol):
    """One unit of work: something a ``Checker`` turns into a ``FileResult``."""

    @property
    def display(self) -> str: ...

    @property
    def local(self) -> bool:
        """True when it must run in the main process (it reads standard input)."""
        ...

    def run(self, checker: Checker) -> FileResult: ...

    def failed(self, reason: str) -> FileResult: ...


@dataclass(frozen=True, slots=True)
class FileTask:
    """Check one file, as ``qualitycheck lint PATH`` does."""

    path: str
    fmt: str | None = None
    display_name: str | None = None  # e.g. --stdin-filename for "-"

    @property
    def display(self) -> str:
        return self.display_name or self.path

    @property
    def local(self) -> bool:
        return self.path == "-"

    def run(self, checker: Checker) -> FileResult:
        result = checker.check_file(self.path, fmt=self.fmt)
        if self.display_name:
            result.path = self.display_name
        return result

    def failed(self, reason: str) -> FileResult:
        from qualitycheck.api import FileResult

        return FileResult(path=self.display, format=self.fmt or "text", error=reason)


@dataclass(frozen=True, slots=True)
class Done:
    """A result known without checking anything (e.g. a path that does not exist)."""

    result: FileResult


@dataclass(frozen=True, slots=True)
class Needs:
    """What the reporter will read, so that workers compute it instead of the main process."""

    readability: bool = False
    paragraphs: bool = False

    @classmethod
    def for_format(cls, output_format: str, *, paragraph_scores: bool = False) -> Needs:
        shows_scores = output_format in ("json", "jsonl", "html")
        return cls(readability=shows_scores, paragraphs=paragraph_scores or output_format == "html")


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

    _WORKER["checker"] = Checker(settings)
    _WORKER["needs"] = needs


def _run_chunk(tasks: Sequence[Task]) -> list[FileResult]:
    checker: Checker = _WORKER["checker"]  # type: ignore[assignment]
    needs: Needs = _WORKER["needs"]  # type: ignore[assignment]
    return [portable(task.run(checker), needs) for task in tasks]


def portable(result: FileResult, needs: Needs) -> FileResult:
    """Compute what the reporter needs, then swap the document for a light copy to pickle.

    The copy keeps the source, the text, the offsets, the blocks, the directives and the gaps, so
    every ``Document`` method still answers the same; only the word and sentence lists (the bulk
    of a checked document) are left to be recomputed if anything asks for them."""
    from qualitycheck.document import Document

    doc = result.document
    if doc is None:
        return result
    _ = result.stats, result.quality  # cached_property: stored on the result, pickled with it
    if needs.readability:
        _ = result.readability
    if needs.paragraphs:
        _ = result.paragraph_readability
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
def file_tasks(
    checker: Checker, paths: Iterable[str], fmt: str | None, stdin_filename: str | None
) -> list[Task | Done]:
    """The work ``qualitycheck lint PATH...`` does, as tasks, in order. ``lint`` runs these for
    every ``--jobs`` (one process included), and ``score`` and ``report`` in this process."""
    from qualitycheck.api import FileResult
    from qualitycheck.loaders import detect_format

    items: list[Task | Done] = []
    for path, problem in checker.iter_paths(paths):
        if problem is not None:
            items.append(Done(FileResult(checker.display_path(path), "text", error=problem)))
            continue
        file_fmt = fmt
        if path == "-" and fmt is None and stdin_filename:
            file_fmt = detect_format(stdin_filename)
        display = stdin_filename if path == "-" and stdin_filename else None
        items.append(FileTask(path, file_fmt, display))
    return items


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
    pool = _Pool(settings, needs or Needs(), jobs, start_method)
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

                    local_checker = Checker(settings)
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


# -- what `qualitycheck lint` runs ----------------------------------------------------------------
class UsageError(Exception):
    """A combination of options or an input that cannot work (the CLI exits 2)."""


@dataclass(frozen=True)
class LintInput:
    """Where ``qualitycheck lint`` takes its documents from: paths, or one corpus file."""

    paths: Sequence[str] = ()
    jsonl: str | None = None
    parquet: str | None = None
    text_field: str = "text"
    id_field: str | None = "id"
    fmt: str | None = None  # --input-format
    stdin_filename: str | None = None
    edits_files: bool = False  # --fix / --diff

    @property
    def is_corpus(self) -> bool:
        return self.jsonl is not None or self.parquet is not None


def _identity(results: Iterable[FileResult]) -> Iterator[FileResult]:
    yield from results


def lint_source(
    checker: Checker,
    source: LintInput,
    *,
    jobs: int | None = None,
    needs: Needs | None = None,
    progress: bool = False,
) -> tuple[Iterator[FileResult], Callable[[Iterable[FileResult]], Iterator[FileResult]]]:
    """The results ``qualitycheck lint`` reports, in input order, and a ``finish`` step to apply
    after baseline filtering (corpus records get their finding counts there, and the malformed
    records summary at the end). Raises ``UsageError``."""
    settings = checker.settings
    items: Iterable[Task | Done]
    if source.is_corpus:
        from qualitycheck.corpus import (
            CorpusError,
            categories,
            open_jsonl,
            open_parquet,
            with_counts,
        )

        if source.paths:
            raise UsageError(
                "give either PATH arguments or a corpus (--input-jsonl/--input-parquet)"
            )
        if source.jsonl is not None and source.parquet is not None:
            raise UsageError("give one of --input-jsonl and --input-parquet, not both")
        if source.edits_files:
            raise UsageError("--fix and --diff need files, not corpus records")
        opener = open_jsonl if source.jsonl is not None else open_parquet
        try:
            corpus = opener(source.jsonl or source.parquet or "-", text_field=source.text_field,
                            id_field=source.id_field, fmt=source.fmt or "text")  # fmt: skip
        except CorpusError as exc:
            raise UsageError(str(exc)) from exc
        head, rest = _peek(corpus.items(), MANY_FILES)
        count = len(head) if len(head) < MANY_FILES else None
        name = source.jsonl or source.parquet
        size = os.path.getsize(name) if name and name != "-" else None
        items = _chain(head, rest)
        cats = categories(checker.engine.rules.values())

        def finish(results: Iterable[FileResult]) -> Iterator[FileResult]:
            return with_counts(results, cats, corpus)

        unit = "records"
    else:
        if not source.paths:
            raise UsageError("give at least one PATH (or --input-jsonl/--input-parquet)")
        listed = file_tasks(checker, source.paths, source.fmt, source.stdin_filename)
        count, items, finish, unit = len(listed), listed, _identity, "files"
        size = sum(_size(t.path) for t in listed if isinstance(t, FileTask))
    workers = resolve_jobs(jobs, count, size)
    if workers > 1 and settings.languagetool != "off":
        if jobs is not None and jobs != 1:
            sys.stderr.write(
                "qualitycheck: LanguageTool checks run in one process; --jobs ignored\n"
            )
        workers = 1
    if workers == 1:
        results: Iterator[FileResult] = _sequential(items, checker)
    else:
        results = check_ordered(settings, items, workers, needs=needs, local_checker=checker,
                                chunk_size=1 if unit == "files" else 4)  # fmt: skip
    if progress:
        results = with_progress(results, total=count if unit == "files" else None, unit=unit,
                                show=lambda: True)  # fmt: skip
    return results, finish


def _size(path: str) -> int:
    if path == "-":
        return 0
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def _sequential(items: Iterable[Task | Done], checker: Checker) -> Iterator[FileResult]:
    for item in items:
        yield item.result if isinstance(item, Done) else item.run(checker)


def _peek(items: Iterator[Task | Done], n: int) -> tuple[list[Task | Done], Iterator[Task | Done]]:
    head: list[Task | Done] = []
    for item in items:
        head.append(item)
        if len(head) >= n:
            break
    return head, items


def _chain(head: list[Task | Done], rest: Iterator[Task | Done]) -> Iterator[Task | Done]:
    yield from head
    yield from rest
