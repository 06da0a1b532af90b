"""Apply suggestions to a file: ``qualitycheck lint --fix`` (write) and ``--diff`` (show).

Only findings that are sure enough are applied: a replacement (not a deletion), confidence at
or above the threshold (0.8 by default), and severity warning or error. Overlapping findings are applied
first come, first served (the earlier span wins); the rest wait for the next run. The file is
rewritten atomically, in its original encoding and line endings, and only when something changed.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from qualitycheck.finding import Finding, Severity

DEFAULT_FIX_CONFIDENCE = 0.8


@dataclass(frozen=True)
class FixResult:
    source: str  # the text with the fixes applied
    applied: tuple[Finding, ...]

    @property
    def changed(self) -> bool:
        return bool(self.applied)


def fixable(finding: Finding, min_confidence: float = DEFAULT_FIX_CONFIDENCE) -> bool:
    return (
        bool(finding.suggestions)
        and finding.suggestions[0] != ""  # deleting text is left to a person
        and finding.confidence >= min_confidence
        and finding.severity >= Severity.WARNING
    )


def apply_fixes(
    source: str, findings: Sequence[Finding], min_confidence: float = DEFAULT_FIX_CONFIDENCE
) -> FixResult:
    """``source`` with the first suggestion of every fixable, non-overlapping finding applied.

    Finding offsets (``start``/``end``) are code-point offsets into ``source``."""
    chosen: list[Finding] = []
    last_end = -1
    for f in sorted(findings, key=lambda f: (f.start, f.end)):
        if not fixable(f, min_confidence) or f.start < last_end:
            continue
        if source[f.start : f.end] != f.text:
            continue  # the finding does not describe this text (stale): leave it alone
        chosen.append(f)
        last_end = f.end
    parts: list[str] = []
    pos = 0
    for f in chosen:
        parts.append(source[pos : f.start])
        parts.append(f.suggestions[0])
        pos = f.end
    parts.append(source[pos:])
    return FixResult("".join(parts), tuple(chosen))


def unified_diff(path: str, before: str, after: str) -> str:
    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=f"a/{path}",
        tofile=f"b/{path}",
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


class FixError(Exception):
    """Why a file could not be fixed, in one line."""


def fix_file(
    path: str, findings: Sequence[Finding], min_confidence: float = DEFAULT_FIX_CONFIDENCE
) -> tuple[FixResult, str]:
    """Compute the fixes for the file at ``path``; returns the result and the file's text as it is
    now. Only UTF-8 files (with or without BOM) are fixed, so that writing them back changes
    nothing but the fixed spans."""
    import codecs

    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise FixError(f"cannot read ({exc.strerror or exc})") from None
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        raise FixError("--fix rewrites UTF-8 files only; this one is UTF-16")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FixError("--fix rewrites UTF-8 files only; this one is in another encoding") from None
    return apply_fixes(text, findings, min_confidence), text


def write_fixed(path: str, result: FixResult) -> None:
    """Write the fixed text back atomically, keeping a UTF-8 BOM if the file had one."""
    import codecs

    from qualitycheck.suppress import write_atomically

    with open(path, "rb") as handle:
        had_bom = handle.read(3) == codecs.BOM_UTF8
    write_atomically(Path(path), ("\ufeff" if had_bom else "") + result.source)
