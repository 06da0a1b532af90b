"""The Python API, and what the CLI itself calls: load -> engine -> scores.

>>> from qualitycheck import check_text
>>> result = check_text("Prices rose by by 4 per cent.")
>>> [f.rule for f in result.findings]
['structure.repeated-word']
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from qualitycheck.config import Settings, settings_from_mapping
from qualitycheck.document import Document
from qualitycheck.engine import Engine
from qualitycheck.finding import Finding
from qualitycheck.result import FileResult
from qualitycheck.scoring import DOCUMENT_SCORES, Needs, document_stats, score

__all__ = ["CHUNK_CHARS", "HUGE_TEXT_CHARS", "Checker", "FileResult", "check_file", "check_text"]

STDIN = "-"


# Plain-text files longer than this are checked in pieces of about CHUNK_CHARS characters.
HUGE_TEXT_CHARS = 4_000_000
CHUNK_CHARS = 1_000_000


def chunk_bounds(text: str, size: int) -> Iterator[tuple[int, int]]:
    """``(start, end)`` spans covering ``text``, each at most about ``size`` characters, cut at a
    blank line, else at a line break, else at a space, in the second half of the span."""
    start, n = 0, len(text)
    while start < n:
        end = min(n, start + size)
        if end < n:
            half = start + size // 2
            for sep in ("\n\n", "\n", " "):
                cut = text.rfind(sep, half, end)
                if cut >= 0:
                    end = cut + len(sep)
                    break
        yield start, end
        start = end


class Checker:
    """Loads rules, settings and the glossary once, then checks any number of files or texts.

    Each check runs the engine, then the scoring stage for what ``needs`` asks (default: the
    document's quality and readability scores; ``Needs()`` for the quality score only, as the
    text output needs; ``Needs(paragraphs=True)`` adds the paragraph scores).

    ``stream=True``: a huge plain-text file checked in pieces comes back streamed, its findings
    checked and handed over piece by piece as the result is read (``FileResult.pending``; the
    command line's ``lint`` reads it so); by default every finding is in ``findings``."""

    def __init__(
        self, settings: Settings | None = None, *, needs: Needs | None = None, stream: bool = False
    ) -> None:
        self.settings = settings or Settings()
        self.needs = DOCUMENT_SCORES if needs is None else needs
        self.stream = stream
        backends = []
        if self.settings.languagetool != "off":  # optional: nothing is imported when off
            from qualitycheck.languagetool import backend_from_settings

            backends.append(backend_from_settings(self.settings))
        self.engine = Engine(self.settings, backends=backends)

    def run_notices(self) -> list[str]:
        """Notices about the whole run (e.g. grammar checks skipped), to print once."""
        return self.engine.run_notices()

    def close(self) -> None:
        """Stop what the run started (a local LanguageTool server). Safe to call twice."""
        self.engine.close()

    def __enter__(self) -> Checker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def check_document(self, doc: Document, display_path: str) -> FileResult:
        if doc.format == "text" and len(doc.text) > HUGE_TEXT_CHARS:
            return score(self._check_in_chunks(doc, display_path), self.needs)
        result = self.engine.check(doc)
        checked = FileResult(
            path=display_path,
            format=doc.format,
            findings=result.findings,
            document=doc,
            failures=result.failures,
            notices=result.notices,
            extras=result.extras,
            stats=document_stats(doc),
        )
        return score(checked, self.needs)

    def _check_in_chunks(self, doc: Document, display_path: str) -> FileResult:
        """Check a huge plain-text file in pieces of about ``CHUNK_CHARS``, cut at paragraph
        breaks, so that memory stays flat (a Document holds every word of its text). The engine
        places the findings in the whole file; de-duplication and sorting are per piece, which
        is exact (pieces do not overlap, and each piece's findings start in it). What needs the
        whole document at once is limited to each piece: a paragraph repeated in another piece,
        a name spelled differently there.

        With ``stream`` the result comes streamed (``FileResult.pending``): each piece is checked
        when its findings are read, and its words, failures and notices are added to the result
        then; otherwise every piece is checked now."""
        bounds = tuple(chunk_bounds(doc.text, CHUNK_CHARS))
        result = FileResult(
            path=display_path,
            format=doc.format,
            document=doc,
            notices=[
                f"checked in {len(bounds)} pieces (a file this large is not "
                "compared with itself across pieces)",
            ],
            chunks=bounds,
            stats={"words": 0, "sentences": 0, "paragraphs": 0},
        )
        result.pending = self._pieces(doc, bounds, result)
        return result if self.stream else result.materialize()

    def _pieces(
        self, doc: Document, bounds: tuple[tuple[int, int], ...], result: FileResult
    ) -> Iterator[list[Finding]]:
        """Check the pieces one by one, yielding each one's findings; the result's counts,
        failures and notices (before the note on the pieces) grow as they go."""
        stats = result.stats
        assert stats is not None
        known_failures: set[str] = set()
        first_notices = len(result.notices) - 1
        for a, b in bounds:
            part = Document.from_text(doc.text[a:b], path=doc.path)
            checked = self.engine.check(part, within=doc, offset=a)
            stats["words"] += part.word_count
            stats["sentences"] += len(part.sentences)
            stats["paragraphs"] += len(part.blocks)
            for failure in checked.failures:
                if failure.rule not in known_failures:
                    known_failures.add(failure.rule)
                    result.failures.append(failure)
            for notice in checked.notices:
                if notice not in result.notices[:first_notices]:
                    result.notices.insert(first_notices, notice)
                    first_notices += 1
            findings = checked.findings
            del part, checked
            yield findings

    def check_text(self, text: str, *, fmt: str = "text", path: str | None = None) -> FileResult:
        from qualitycheck.loaders import LoadError, load_text

        display = path or "<text>"
        try:
            doc = load_text(text, fmt, path=path)
        except LoadError as exc:
            return FileResult(path=display, format=fmt, error=str(exc))
        return self.check_document(doc, display)

    def check_file(
        self, path: str | os.PathLike[str], *, fmt: str | None = None, encoding: str | None = None
    ) -> FileResult:
        """Check one file (``"-"`` reads standard input). Never raises for bad input: the reason
        is in ``FileResult.error``."""
        from qualitycheck.loaders import LoadError, detect_format, load_bytes

        spath = str(path)
        display = self.display_path(spath)
        file_format = detect_format(None if spath == STDIN else spath, fmt)
        try:
            if spath == STDIN:
                data = sys.stdin.buffer.read()
            else:
                with open(spath, "rb") as handle:
                    data = handle.read()
        except IsADirectoryError:
            return FileResult(display, file_format, error="is a directory")
        except FileNotFoundError:
            return FileResult(display, file_format, error="no such file")
        except PermissionError:
            return FileResult(display, file_format, error="permission denied")
        except OSError as exc:
            return FileResult(display, file_format, error=f"cannot read ({exc.strerror or exc})")
        try:
            doc = load_bytes(
                data,
                fmt=file_format,
                path=display,
                encoding=encoding or self.settings.encoding,
            )
        except LoadError as exc:
            return FileResult(display, file_format, error=str(exc))
        return self.check_document(doc, display)

    def display_path(self, path: str) -> str:
        if path == STDIN:
            return STDIN
        try:
            rel = os.path.relpath(path, self.settings.root)
        except ValueError:  # another drive on Windows
            return path
        return path if rel.startswith("..") else rel

    def iter_paths(self, paths: Iterable[str]) -> Iterator[tuple[str, str | None]]:
        """Expand files and directories into ``(path, error)`` pairs, in a stable order.

        Directories are walked recursively for the include globs; exclude globs apply to
        directories and files, including explicitly named files. Symlinked directories are
        not followed (no loops)."""
        import fnmatch

        seen: set[str] = set()
        for raw in paths:
            if raw == STDIN:
                yield raw, None
                continue
            p = Path(raw)
            if p.is_dir():
                for root, dirs, files in os.walk(p, followlinks=False):
                    dirs[:] = sorted(
                        d for d in dirs if not self.settings.is_excluded(self._rel(root, d))
                    )
                    for name in sorted(files):
                        full = os.path.join(root, name)
                        if not any(fnmatch.fnmatch(name, g) for g in self.settings.include):
                            continue
                        if self.settings.is_excluded(self._rel(root, name)) or full in seen:
                            continue
                        seen.add(full)
                        yield full, _special_file(full)
            elif p.exists() or p.is_symlink():
                if self.settings.is_excluded(self.display_path(raw)):
                    continue
                if raw not in seen:
                    seen.add(raw)
                    yield raw, None
            else:
                yield raw, "no such file or directory"

    def _rel(self, root: str, name: str) -> str:
        return self.display_path(os.path.join(root, name))


def _special_file(path: str) -> str | None:
    """Why a file met in a directory walk is not read: a FIFO would block the run until some
    other process writes to it, a device may never end. None for regular files, and for paths
    whose stat fails (a dangling link, a symlink loop): reading them reports the reason."""
    import stat

    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "not a regular file (a FIFO); skipped"
    if stat.S_ISSOCK(mode):
        return "not a regular file (a socket); skipped"
    return "not a regular file (a device or other special file); skipped"


def _settings(config: Settings | Mapping[str, Any] | None) -> Settings:
    if config is None:
        return Settings()
    if isinstance(config, Settings):
        return config
    return settings_from_mapping(config)


@cache
def _default_checker() -> Checker:
    """The checker with default settings, built once: rules load once per process."""
    return Checker(Settings())


def _checker(config: Settings | Mapping[str, Any] | None) -> Checker:
    return _default_checker() if config is None else Checker(_settings(config))


def check_text(
    text: str,
    *,
    fmt: str = "text",
    config: Settings | Mapping[str, Any] | None = None,
    path: str | None = None,
) -> FileResult:
    """Check a string. ``fmt`` is ``"text"``, ``"markdown"`` or ``"html"``; ``config`` is a
    ``Settings`` or a mapping with the keys of ``[tool.qualitycheck]``."""
    return _checker(config).check_text(text, fmt=fmt, path=path)


def check_file(
    path: str | os.PathLike[str],
    *,
    config: Settings | Mapping[str, Any] | None = None,
    fmt: str | None = None,
    encoding: str | None = None,
) -> FileResult:
    """Check a file; the format comes from its extension unless ``fmt`` is given."""
    return _checker(config).check_file(path, fmt=fmt, encoding=encoding)
