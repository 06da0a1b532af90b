"""The default format: one line per finding, then a summary.

``path:line:col: severity rule-id message [→ suggestion]``; colour through rich on a terminal
(never when ``NO_COLOR`` is set or the output is not a terminal)."""

from __future__ import annotations

import operator
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, TextIO

from qualitycheck.reporters import summary_sentence

_SEVERITY = operator.attrgetter("severity")

if TYPE_CHECKING:
    from qualitycheck.finding import Finding
    from qualitycheck.reporters import ReportContext
    from qualitycheck.result import FileResult

_STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def format_line(result: FileResult, index: int) -> str:
    return finding_line(result.path, result.findings[index])


def finding_line(path: str, f: Finding) -> str:
    """One finding's line, without the line break."""
    line = f"{path}:{f.line}:{f.column}: {f.severity.label} {f.rule} {f.message}"
    if f.suggestions:
        line += f" → {_suggestion(f.suggestions[0])}"
    return line


def _suggestion(text: str) -> str:
    return text if text else "(delete)"


def write(results: Iterable[FileResult], out: TextIO, ctx: ReportContext) -> None:
    console = None
    if ctx.color:
        from rich.console import Console

        # the command line decided (--color, NO_COLOR, FORCE_COLOR, a terminal): no second guess
        console = Console(file=out, highlight=False, soft_wrap=True, force_terminal=True,
                          no_color=False, color_system="standard")  # fmt: skip
    files = errors = hidden = 0
    by_sev = {"error": 0, "warning": 0, "info": 0}
    per_rule: dict[str, list[int]] = {}  # rule -> [count, fixable]
    levels: dict[str, str] = {}
    for result in results:
        if result.error is not None:  # said once, on stderr, by the command line
            errors += 1
            continue
        files += 1
        path = result.path
        for piece in result.pieces():  # as they come: a huge file's piece by piece
            for severity, n in Counter(map(_SEVERITY, piece)).items():  # counted in C
                by_sev[severity.label] += n
            if ctx.statistics:
                for f in piece:
                    per_rule.setdefault(f.rule, [0])[0] += 1
                    levels[f.rule] = max(levels.get(f.rule, ""), f.severity.label, key=_rank)
            elif console is None:
                for k in range(0, len(piece), 1000):  # a piece's text is not held at once
                    out.write("".join([finding_line(path, f) + "\n" for f in piece[k : k + 1000]]))
            else:
                for f in piece:
                    _rich_finding(console, path, f)
        hidden += result.hidden_by_baseline  # final once the findings are read
        for failure in result.failures:
            _print(console, out, f"{result.path}: internal error in rule {failure.rule}: "
                   f"{failure.error} (please report it)", "magenta")  # fmt: skip
        if ctx.show_scores and not ctx.quiet and not ctx.statistics and result.quality is not None:
            _print(console, out, f"{result.path}: quality {result.quality:.1f}/100", "dim")
    if ctx.statistics:
        width = max((len(r) for r in per_rule), default=0)
        for rule, (count,) in sorted(per_rule.items(), key=lambda kv: (-kv[1][0], kv[0])):
            summary = ctx.rules[rule].summary if rule in ctx.rules else ""
            _print(console, out, f"{count:>6}  {levels[rule]:<7}  {rule:<{width}}  {summary}", "")
    if not ctx.quiet:
        _print(console, out, "Found " + summary_sentence(by_sev, files, errors, hidden), "bold")


def _rank(label: str) -> int:
    return {"": -1, "info": 0, "warning": 1, "error": 2}[label]


def _print(console: object, out: TextIO, text: str, style: str) -> None:
    if console is None:
        out.write(text + "\n")
    else:
        from rich.text import Text

        console.print(Text(text, style=style))  # type: ignore[attr-defined]


def _rich_finding(console: object, path: str, f: Finding) -> None:
    from rich.text import Text

    t = Text()
    t.append(f"{path}:{f.line}:{f.column}:", style="bold")
    t.append(" ")
    t.append(f.severity.label, style=_STYLES[f.severity.label])
    t.append(f" {f.rule}", style="dim")
    t.append(f" {f.message}")
    if f.suggestions:
        t.append(f" → {_suggestion(f.suggestions[0])}", style="green")
    console.print(t)  # type: ignore[attr-defined]
