"""Units of work for a run: what a ``Checker`` turns into a ``FileResult``.

``qualitycheck.parallel`` runs them in worker processes; files (``FileTask``) come from
``file_tasks``, corpus records from ``qualitycheck.corpus``.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from qualitycheck.api import Checker
    from qualitycheck.finding import Finding
    from qualitycheck.result import FileResult


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
        from qualitycheck.result import FileResult

        return FileResult(path=self.display, format=self.fmt or "text", error=reason)


@dataclass(frozen=True, slots=True)
class Done:
    """A result known without checking anything (e.g. a path that does not exist)."""

    result: FileResult


def file_tasks(
    checker: Checker, paths: Iterable[str], fmt: str | None, stdin_filename: str | None
) -> list[Task | Done]:
    """The work ``qualitycheck lint PATH...`` does, as tasks, in order. ``lint`` runs these for
    every ``--jobs`` (one process included), and ``score`` and ``report`` in this process."""
    from qualitycheck.loaders import detect_format
    from qualitycheck.result import FileResult

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


def paused_pieces(pieces: Iterator[list[Finding]]) -> Iterator[list[Finding]]:
    """The pieces of a streamed result (``FileResult.pending``), each checked with the collector
    paused (``collector_paused``), in a process qualitycheck runs itself."""
    while True:
        with collector_paused():
            piece = next(pieces, None)
        if piece is None:
            return
        yield piece


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for one check, in a process qualitycheck runs itself
    (the CLI, its worker processes); never in a host program's process.

    A check builds hundreds of thousands of small objects and no reference cycles
    (tests/test_engine.py checks): refcounting frees them all, and the collector would only walk
    them while they live (~30% of a large check's time). The state is restored afterwards.

    What the check leaves alive (the data and caches it loaded) is then moved out of the
    collector's generations (``gc.freeze``): the young collection that follows the pause would
    walk all of it (~8 ms after a first check), and so would the collection at exit, to free
    nothing (what it holds is freed by reference counting, frozen or not)."""
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.freeze()
            gc.enable()
