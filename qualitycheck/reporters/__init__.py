"""Reporters turn results into text. They print; they never decide anything.

Each reporter module has ``write(results, out, ctx)``; they are imported by name, lazily, so a run
pays only for the format it prints."""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, TextIO

if TYPE_CHECKING:
    from qualitycheck.result import FileResult
    from qualitycheck.rule import Rule

REPORTERS: dict[str, str] = {
    "text": "qualitycheck.reporters.text",
    "json": "qualitycheck.reporters.json_reporter",
    "jsonl": "qualitycheck.reporters.jsonl",
    "sarif": "qualitycheck.reporters.sarif",
    "github": "qualitycheck.reporters.github",
    "html": "qualitycheck.reporters.html",
}


@dataclass(frozen=True)
class ReportContext:
    rules: Mapping[str, Rule] = field(default_factory=dict)
    color: bool = False
    tool_version: str = ""
    paragraph_scores: bool = False
    root: str = "."
    show_scores: bool = True
    quiet: bool = False  # text: the findings only, no scores and no summary
    statistics: bool = False  # text: a count per rule instead of the findings


class Reporter(Protocol):
    def write(self, results: Iterable[FileResult], out: TextIO, ctx: ReportContext) -> None: ...


def available_formats() -> list[str]:
    return [name for name, module in REPORTERS.items() if importlib.util.find_spec(module)]


def get_reporter(name: str) -> Reporter:
    if name not in REPORTERS:
        raise KeyError(name)
    module: Any = importlib.import_module(REPORTERS[name])
    return module


def summary(results: Iterable[FileResult]) -> dict[str, object]:
    """The summary object shared by the JSON-like formats."""
    from qualitycheck.finding import Severity

    files = findings = errors = 0
    by_severity = {s.label: 0 for s in sorted(Severity, reverse=True)}
    for r in results:
        files += 1
        errors += r.error is not None
        for f in r.findings:
            findings += 1
            by_severity[f.severity.label] += 1
    return {
        "files": files,
        "findings": findings,
        "by_severity": by_severity,
        "files_with_errors": errors,
    }


def summary_sentence(
    by_severity: Mapping[str, int], files: int, errors: int, hidden: int = 0
) -> str:
    """ "Found 3 findings (1 error, 2 warnings) in 2 files; 1 file could not be checked." without
    the "Found", so each reporter can frame it. ``files`` counts the files checked, ``errors``
    those that could not be, ``hidden`` the findings a baseline left out."""
    total = sum(by_severity.values())
    parts = [f"{n} {name}{'s' if n != 1 and name != 'info' else ''}"
             for name, n in by_severity.items() if n]  # fmt: skip
    detail = f" ({', '.join(parts)})" if parts else ""
    noun = "finding" if total == 1 else "findings"
    text = f"{total} {noun}{detail} in {files} file{'s' if files != 1 else ''}"
    if errors:
        text += f"; {errors} file{'s' if errors != 1 else ''} could not be checked"
    if hidden:
        text += f"; {hidden} finding{'s' if hidden != 1 else ''} hidden by the baseline"
    return text + "."
