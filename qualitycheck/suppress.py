"""Suppressions: inline directives in Markdown and HTML comments, and baselines.

A baseline records fingerprints of today's findings; later runs report only findings whose
fingerprint is not in it. A fingerprint hashes the rule, the flagged text and a little normalised
context around it, not the line number, so edits elsewhere in the file don't resurrect old findings.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from qualitycheck.document import Directive, Document
from qualitycheck.finding import Finding

CONTEXT_CHARS = 24
BASELINE_VERSION = 1


class BaselineError(Exception):
    """A baseline file that cannot be read or written, in one line."""


def _rule_matches(rule_id: str, patterns: Sequence[str]) -> bool:
    return not patterns or any(rule_id == p or rule_id.startswith(p + ".") for p in patterns)


def apply_directives(findings: Iterable[Finding], doc: Document) -> list[Finding]:
    """Drop findings silenced by ``<!-- qualitycheck: disable/enable/disable-next-line -->``."""
    directives = sorted(
        (d for d in doc.directives if d.action != "invalid"), key=lambda d: d.source_offset
    )
    if not directives:
        return list(findings)
    next_line = [(_next_content_line(doc, d), d.rules) for d in directives
                 if d.action == "disable-next-line"]  # fmt: skip
    ranges = [d for d in directives if d.action in ("disable", "enable")]
    kept = []
    for f in findings:
        if any(f.line == line and _rule_matches(f.rule, rules) for line, rules in next_line):
            continue
        if _disabled_at(f, ranges):
            continue
        kept.append(f)
    return kept


def _disabled_at(finding: Finding, ranges: Sequence[Directive]) -> bool:
    disabled = False
    for d in ranges:
        if d.source_offset > finding.start:
            break
        if _rule_matches(finding.rule, d.rules):
            disabled = d.action == "disable"
    return disabled


def _next_content_line(doc: Document, directive: Directive) -> int:
    """The first non-blank source line after the comment that holds the directive."""
    end = doc.source.find("-->", directive.source_offset)
    end = len(doc.source) if end < 0 else end + 3
    line, _ = doc.line_col(end)
    total = len(doc._source_line_starts)
    candidate = line + 1
    # The comment may share its line with text after it: then that text is "the next line" too.
    rest = doc.source[end : doc.source.find("\n", end) if "\n" in doc.source[end:] else None]
    if rest.strip():
        return line
    while candidate <= total and not doc.source_line(candidate).strip():
        candidate += 1
    return candidate


# -- fingerprints and baselines ---------------------------------------------------------------


def fingerprint(finding: Finding, source: str) -> str:
    return fingerprint_of(finding.rule, finding.text, finding.start, finding.end, source)


def fingerprint_of(rule: str, text: str, start: int, end: int, source: str) -> str:
    """The fingerprint of a finding of ``rule`` on ``source[start:end]`` (which is ``text``):
    a hash of the rule, the text and its context on the same line, white space and case
    normalised. Line numbers are left out, so edits elsewhere do not change it."""
    # Context stays on the finding's own line, so edits to other lines leave it unchanged. (The
    # searches stay within CONTEXT_CHARS: a file of one long line costs no more per finding.)
    lo = max(0, start - CONTEXT_CHARS)
    line_start = max(source.rfind("\n", lo, start) + 1, lo)
    line_end = source.find("\n", end, end + CONTEXT_CHARS)
    line_end = end + CONTEXT_CHARS if line_end < 0 else line_end
    return _hashed(rule, text, source[line_start:start], source[end:line_end])


def _sha256_type() -> Any:
    """SHA-256 from CPython's own module (~0.1 ms to import) rather than ``hashlib``, which loads
    OpenSSL (~2 ms at every start) for the few short strings a run hashes; the same digests.
    ``hashlib`` where the interpreter was built without it."""
    for name in ("_sha256", "_sha2"):  # Python 3.11; 3.12 and later
        try:
            return importlib.import_module(name).sha256
        except (ImportError, AttributeError):
            continue
    import hashlib

    return hashlib.sha256


_sha256 = _sha256_type()


@functools.lru_cache(maxsize=4096)
def _hashed(rule: str, text: str, before: str, after: str) -> str:
    """The hash of a finding's rule, text and context (remembered: a crawl repeats its lines)."""
    # " ".join(p.split()) is _SPACE_RE.sub(" ", p).strip(): both use Unicode white space
    norm = "\x1f".join(
        (
            " ".join(rule.split()).lower(),
            " ".join(text.split()).lower(),
            " ".join(before.split()).lower(),
            " ".join(after.split()).lower(),
        )
    )
    return _sha256(norm.encode("utf-8")).hexdigest()[:20]


class Baseline:
    """Known findings, as fingerprint counts per file path."""

    def __init__(self, entries: dict[str, Counter[str]] | None = None) -> None:
        self.entries: dict[str, Counter[str]] = entries or {}

    @classmethod
    def load(cls, path: Path) -> Baseline:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise BaselineError(f"{path}: baseline file not found") from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise BaselineError(f"{path}: cannot read baseline ({exc})") from None
        if not isinstance(data, dict) or data.get("version") != BASELINE_VERSION:
            raise BaselineError(f"{path}: not a qualitycheck baseline (version {BASELINE_VERSION})")
        files = data.get("files")
        if not isinstance(files, dict):
            raise BaselineError(f"{path}: baseline has no 'files' table")
        entries: dict[str, Counter[str]] = {}
        for file, fps in files.items():
            if not isinstance(fps, dict):
                raise BaselineError(f"{path}: entry for {file!r} must map fingerprints to counts")
            entries[file] = Counter({str(k): int(v) for k, v in fps.items()})
        return cls(entries)

    def add(self, path: str, findings: Iterable[Finding]) -> None:
        counter = self.entries.setdefault(path, Counter())
        counter.update(f.fingerprint for f in findings)

    def filter(self, path: str, findings: Sequence[Finding]) -> list[Finding]:
        """Findings not covered by the baseline (each recorded occurrence covers one finding)."""
        return self.filter_step(path)(findings)

    def filter_step(self, path: str) -> Callable[[Sequence[Finding]], list[Finding]]:
        """``filter`` for the findings of one file given piece by piece, in order: what one
        piece uses of the baseline's occurrences is not there for the next (the state is the
        file's entry in the baseline, however many findings pass)."""
        budget = Counter(self.entries.get(path, Counter()))

        def fresh(findings: Sequence[Finding]) -> list[Finding]:
            if not budget:
                return list(findings)
            kept = []
            for f in findings:
                if budget[f.fingerprint] > 0:
                    budget[f.fingerprint] -= 1
                else:
                    kept.append(f)
            return kept

        return fresh

    def write(self, path: Path) -> None:
        data = {
            "version": BASELINE_VERSION,
            "tool": "qualitycheck",
            "files": {p: dict(sorted(c.items())) for p, c in sorted(self.entries.items())},
        }
        write_atomically(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def write_atomically(path: Path, content: str) -> None:
    """Write ``content`` to ``path`` through a temporary file and a rename, so that a crash never
    leaves a half-written file."""
    with open_atomically(path) as handle:
        handle.write(content)


@contextlib.contextmanager
def open_atomically(path: Path) -> Iterator[TextIO]:
    """A text stream to write ``path`` piece by piece: a temporary file in the same directory,
    renamed over ``path`` when the block ends without an exception (removed if it raises), so
    that ``path`` is never half-written and the content is never held in memory at once."""
    path = Path(path)
    import tempfile

    directory = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        else:  # mkstemp makes the file private; give it the mode a plain open() would
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
