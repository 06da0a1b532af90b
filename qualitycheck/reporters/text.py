"""The default format: one line per finding, then a summary.

``path:line:col: severity rule-id message [→ suggestion]``; colour through rich on a terminal
(never when ``NO_COLOR`` is set or the output is not a terminal)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, TextIO

from qualitycheck.reporters import summary_sentence

if TYPE_CHECKING:
    from qualitycheck.reporters import ReportContext
    from qualitycheck.result import FileResult

_STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def format_line(result: FileResult, index: int) -> str:
    f = result.findings[index]
    line = f"{result.path}:{f.line}:{f.column}: {f.severity.label} {f.rule} {f.message}"
    if f.suggestions:
        line += f" → {_suggestion(f.suggestions[0])}"
    return line


def _suggestion(text: str) -> str:
    return text if text else "(delete)"


def write(results: Iterable[FileResult], out: TextIO, ctx: ReportContext) -> None:
    console = None
    if ctx.color:
        from rich.console import Console

        console = Console(file=out, highlight=False, soft_wrap=True)
    files = errors = 0
    by_sev = {"error": 0, "warning": 0, "info": 0}
    for result in results:
        files += 1
        if result.error is not None:
            errors += 1
            _print(console, out, f"{result.path}: error: {result.error}", "bold red")
            continue
        for i, f in enumerate(result.findings):
            by_sev[f.severity.label] += 1
            if console is None:
                out.write(format_line(result, i) + "\n")
            else:
                _rich_finding(console, result, i)
        for failure in result.failures:
            _print(console, out, f"{result.path}: internal error in rule {failure.rule}: "
                   f"{failure.error} (please report it)", "magenta")  # fmt: skip
        if ctx.show_scores and result.quality is not None:
            _print(console, out, f"{result.path}: quality {result.quality:.1f}/100", "dim")
    _print(console, out, "Found " + summary_sentence(by_sev, files, errors), "bold")


def _print(console: object, out: TextIO, text: str, style: str) -> None:
    if console is None:
        out.write(text + "\n")
    else:
        from rich.text import Text

        console.print(Text(text, style=style))  # type: ignore[attr-defined]


def _rich_finding(console: object, result: FileResult, index: int) -> None:
    from rich.text import Text

    f = result.findings[index]
    t = Text()
    t.append(f"{result.path}:{f.line}:{f.column}:", style="bold")
    t.append(" ")
    t.append(f.severity.label, style=_STYLES[f.severity.label])
    t.append(f" {f.rule}", style="dim")
    t.append(f" {f.message}")
    if f.suggestions:
        t.append(f" → {_suggestion(f.suggestions[0])}", style="green")
    console.print(t)  # type: ignore[attr-defined]
