"""The Python API, and what the CLI itself calls: load -> engine -> scores.

>>> from qualitycheck import check_text
>>> result = check_text("Prices rose by by 4 per cent.")
>>> [f.rule for f in result.findings]
['structure.repeated-word']
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import astuple, dataclass, field, replace
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qualitycheck.config import Settings, settings_from_mapping
from qualitycheck.document import Document
from qualitycheck.engine import Engine, RuleFailure
from qualitycheck.finding import Finding, Severity
from qualitycheck.suppress import fingerprint_of

if TYPE_CHECKING:
    from qualitycheck.scores.readability import Readability

STDIN = "-"


@dataclass
class FileResult:
    """Everything qualitycheck knows about one checked file (or text)."""

    path: str
    format: str
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    document: Document | None = field(default=None, repr=False)
    failures: list[RuleFailure] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    extras: dict[str, Any] = field(default_factory=dict)  # e.g. "grammar": the backend's status
    # Text spans checked one by one, for a huge plain-text file (see Checker.check_document).
    chunks: tuple[tuple[int, int], ...] = field(default=(), repr=False)
    # Findings a baseline left out of ``findings`` (the quality score still counts them).
    hidden_by_baseline: int = 0

    @property
    def ok(self) -> bool:
        return self.error is None

    @cached_property
    def stats(self) -> dict[str, int]:
        doc = self.document
        if doc is None:
            return {"words": 0, "sentences": 0, "paragraphs": 0}
        return {
            "words": doc.word_count,
            "sentences": len(doc.sentences),
            "paragraphs": len(doc.blocks),
        }

    @cached_property
    def quality(self) -> float | None:
        if self.document is None:
            return None
        from qualitycheck.scores.quality import quality_score

        return quality_score(self.findings, self.stats["words"])

    @cached_property
    def readability(self) -> Readability | None:
        """Document readability, computed on first use (the text output doesn't need it)."""
        if self.document is None:
            return None
        from qualitycheck.scores.readability import Readability, count_text, readability

        if not self.chunks:
            return readability(self.document.text)
        # A huge file: add up the counts chunk by chunk instead of holding every word at once.
        parts = [count_text(self.document.text[a:b]) for a, b in self.chunks]
        present = [c for c in parts if c is not None]
        if not present:
            return None
        total = type(present[0])(
            *(sum(vals) for vals in zip(*(astuple(c) for c in present), strict=True))
        )
        return Readability.from_counts(total)

    @cached_property
    def paragraph_readability(self) -> list[tuple[int, Readability | None]]:
        if self.document is None:
            return []
        from qualitycheck.scores.readability import paragraph_readability

        return paragraph_readability(self.document)

    def counts(self) -> dict[str, int]:
        c = Counter(f.severity.label for f in self.findings)
        return {s.label: c.get(s.label, 0) for s in sorted(Severity, reverse=True)}

    def scores_dict(self) -> dict[str, Any] | None:
        if self.document is None:
            return None
        r = self.readability
        return {"quality": self.quality, "readability": r.to_dict() if r else None}

    def to_dict(self, *, paragraphs: bool = False) -> dict[str, Any]:
        """The file object of the JSON output (output-format.md, version 1)."""
        data: dict[str, Any] = {
            "path": self.path,
            "format": self.format,
            "error": self.error,
            "findings": [f.to_dict() for f in self.findings],
            "scores": self.scores_dict(),
            "stats": self.stats if self.document is not None else None,
        }
        if paragraphs and self.document is not None:
            data["paragraph_scores"] = [
                {"block": i, "readability": r.to_dict() if r else None}
                for i, r in self.paragraph_readability
            ]
        if self.failures:
            data["rule_failures"] = [{"rule": f.rule, "error": f.error} for f in self.failures]
        if self.notices:
            data["notices"] = list(self.notices)
        for key, value in self.extras.items():
            data.setdefault(key, value)
        return data


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
    """Loads rules, settings and the glossary once, then checks any number of files or texts."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
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
            return self._check_in_chunks(doc, display_path)
        result = self.engine.check(doc)
        return FileResult(
            path=display_path,
            format=doc.format,
            findings=result.findings,
            document=doc,
            failures=result.failures,
            notices=result.notices,
            extras=result.extras,
        )

    def _check_in_chunks(self, doc: Document, display_path: str) -> FileResult:
        """Check a huge plain-text file in pieces of about ``CHUNK_CHARS``, cut at paragraph
        breaks, so that memory stays flat (a Document holds every word of its text). Findings
        are placed in the whole file. What needs the whole document at once is limited to each
        piece: a paragraph repeated in another piece, a name spelled differently there."""
        findings: list[Finding] = []
        failures: dict[str, RuleFailure] = {}
        notices: list[str] = []
        words = sentences = paragraphs = 0
        bounds = tuple(chunk_bounds(doc.text, CHUNK_CHARS))
        for a, b in bounds:
            part = Document.from_text(doc.text[a:b], path=doc.path)
            checked = self.engine.check(part)
            words += part.word_count
            sentences += len(part.sentences)
            paragraphs += len(part.blocks)
            for f in checked.findings:
                s, e = doc.source_span(a + f.start, a + f.end)
                line, col, end_line, end_col = doc.line_col_span(s, e)
                findings.append(
                    replace(
                        f,
                        start=s,
                        end=e,
                        line=line,
                        column=col,
                        end_line=end_line,
                        end_column=end_col,
                        text=doc.source[s:e],
                        fingerprint=fingerprint_of(f.rule, doc.source[s:e], s, e, doc.source),
                    )
                )
            for failure in checked.failures:
                failures.setdefault(failure.rule, failure)
            notices.extend(n for n in checked.notices if n not in notices)
            del part, checked
        result = FileResult(
            path=display_path,
            format=doc.format,
            findings=findings,
            document=doc,
            failures=list(failures.values()),
            notices=[
                *notices,
                f"checked in {len(bounds)} pieces (a file this large is not "
                "compared with itself across pieces)",
            ],
            chunks=bounds,
        )
        result.__dict__["stats"] = {
            "words": words,
            "sentences": sentences,
            "paragraphs": paragraphs,
        }
        return result

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
