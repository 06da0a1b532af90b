"""One check of an editor buffer, in this process or in a child process.

``check`` runs the same ``Checker.check_text`` that ``lint`` runs and returns an ``Outcome``: the
findings and the spans of malformed suppression comments, small and picklable, so that a large
document can be checked in a child process (``Background``) while the server keeps answering.

``python -m qualitycheck.lsp.checking`` is that child: it reads pickled jobs on standard input
and writes pickled outcomes on standard output, one at a time, and keeps a checker (rules, data,
glossary) per configuration between jobs. It never touches the server's own streams.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import subprocess
import sys
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

from qualitycheck.finding import Finding

if TYPE_CHECKING:
    from qualitycheck.api import Checker
    from qualitycheck.config import Settings


@dataclass(frozen=True)
class Outcome:
    """What one check found. Offsets are code points into the checked text."""

    findings: tuple[Finding, ...] = ()
    bad_directives: tuple[tuple[int, int], ...] = ()  # malformed suppression comments
    failures: tuple[tuple[str, str], ...] = ()  # (rule, error) of rules that raised
    error: str | None = None  # the text could not be checked at all


def check(checker: Checker, text: str, fmt: str, path: str | None) -> Outcome:
    """Check ``text`` as a file of format ``fmt`` at ``path`` (relative to the configuration's
    root, as ``lint`` shows it: per-file ignores match it)."""
    result = checker.check_text(text, fmt=fmt, path=path)
    if result.error is not None:
        return Outcome(error=result.error)
    bad: list[tuple[int, int]] = []
    if result.document is not None:
        source = result.document.source
        for d in result.document.directives:
            if d.action == "invalid":
                end = source.find("-->", d.source_offset)
                bad.append((d.source_offset, len(source) if end < 0 else end + 3))
    return Outcome(
        findings=tuple(result.findings),
        bad_directives=tuple(bad),
        failures=tuple((f.rule, f.error) for f in result.failures),
    )


class WorkerError(Exception):
    """The child process died or could not be started."""


class Background:
    """A child process that checks large documents, so that the server process stays free to
    answer the editor. Jobs run one at a time; ``check`` blocks (call it from a thread)."""

    KEEP_CHECKERS = 4

    def __init__(self) -> None:
        self._proc: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()
        self._closed = False

    def check(self, key: str, settings: Settings, text: str, fmt: str, path: str | None) -> Outcome:
        with self._lock:
            if self._closed:
                raise WorkerError("the server is shutting down")
            proc = self._proc if self._proc is not None and self._proc.poll() is None else None
            if proc is None:
                proc = self._proc = self._start()
            assert proc.stdin is not None and proc.stdout is not None
            try:
                pickle.dump((key, settings, text, fmt, path), proc.stdin, pickle.HIGHEST_PROTOCOL)
                proc.stdin.flush()
                outcome = pickle.load(proc.stdout)
            except (OSError, EOFError, pickle.UnpicklingError) as exc:
                self._stop(proc)
                self._proc = None
                reason = str(exc) or type(exc).__name__
                raise WorkerError(f"the background checker stopped ({reason})") from None
            if not isinstance(outcome, Outcome):
                raise WorkerError("the background checker sent something unexpected")
            return outcome

    def _start(self) -> subprocess.Popen[bytes]:
        try:
            return subprocess.Popen(
                [sys.executable, "-m", "qualitycheck.lsp.checking"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=None,  # the server's own stderr: the editor's log
            )
        except OSError as exc:
            raise WorkerError(f"cannot start the background checker ({exc})") from None

    @staticmethod
    def _stop(proc: subprocess.Popen[bytes]) -> None:
        with contextlib.suppress(OSError):
            proc.kill()
        with contextlib.suppress(OSError, subprocess.TimeoutExpired):
            proc.wait(timeout=5)

    def close(self) -> None:
        """Stop the child, also in the middle of a job (its result is not wanted any more)."""
        self._closed = True
        proc, self._proc = self._proc, None
        if proc is not None:
            self._stop(proc)


def _serve(jobs: IO[bytes], replies: IO[bytes]) -> None:
    from qualitycheck.api import Checker

    checkers: OrderedDict[str, Checker] = OrderedDict()
    while True:
        try:
            key, settings, text, fmt, path = pickle.load(jobs)
        except EOFError:
            break
        try:
            checker = checkers.get(key)
            if checker is None:
                checker = checkers[key] = Checker(settings)
                while len(checkers) > Background.KEEP_CHECKERS:
                    checkers.popitem(last=False)[1].close()
            checkers.move_to_end(key)
            outcome: Any = check(checker, text, fmt, path)
        except Exception as exc:  # reported to the server, which says so in the editor's log
            outcome = Outcome(error=f"{type(exc).__name__}: {exc}")
        pickle.dump(outcome, replies, pickle.HIGHEST_PROTOCOL)
        replies.flush()
    for checker in checkers.values():
        checker.close()


def main() -> None:
    """The child process: replies go to a private copy of standard output, and anything else
    that would be printed there goes to standard error instead."""
    replies = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    _serve(sys.stdin.buffer, replies)


if __name__ == "__main__":
    # Run under the module's real name, so that what it pickles is qualitycheck.lsp.checking's.
    from qualitycheck.lsp import checking

    checking.main()
