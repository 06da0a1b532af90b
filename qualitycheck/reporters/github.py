"""``--format github``: GitHub Actions workflow commands, which GitHub shows as annotations.

One command per finding, then a plain summary line::

    ::error file=PATH,line=L,col=C,endLine=EL,endColumn=EC,title=RULE::MESSAGE

Severities map to ``error``, ``warning`` and ``notice``. Columns are 1-based code points and
``endColumn`` is exclusive, as everywhere in qualitycheck's output; GitHub uses the columns only
when a finding starts and ends on the same line, so they are left out otherwise. Escaping follows
GitHub's runner: ``%``, CR and LF in the message, and also ``:`` and ``,`` in property values.
"""

from __future__ import annotations

import operator
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, TextIO

from qualitycheck.reporters import summary_sentence

_SEVERITY = operator.attrgetter("severity")

if TYPE_CHECKING:
    from qualitycheck.finding import Finding
    from qualitycheck.reporters import ReportContext
    from qualitycheck.result import FileResult

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    """Escape a command's message (the part after ``::``)."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape a property value (``file=...``, ``title=...``)."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(level: str, message: str, **properties: str | int) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return (
        f"::{level} {props}::{escape_data(message)}"
        if props
        else f"::{level}::{escape_data(message)}"
    )


def finding_command(path: str, f: Finding) -> str:
    position: dict[str, str | int] = {"file": path, "line": f.line}
    if f.line == f.end_line:
        position.update(col=f.column, endLine=f.end_line, endColumn=f.end_column)
    else:
        position["endLine"] = f.end_line
    message = f"{f.message} [{f.rule}]"
    if f.suggestions:
        message += f" Suggestion: {f.suggestions[0]}"
    return command(LEVELS[f.severity.label], message, **position, title=f.rule)


def finding_commands(path: str, findings: Sequence[Finding]) -> list[str]:
    """``finding_command(path, f) + "\n"`` of each finding, with what is the same for many
    findings (the file, the rule ids) escaped once and the properties written out."""
    file_prop = escape_property(path)
    titles: dict[str, str] = {}
    out = []
    for f in findings:
        line, column, end_line, end_column = f.line, f.column, f.end_line, f.end_column
        if not type(line) is type(column) is type(end_line) is type(end_column) is int:
            out.append(finding_command(path, f) + "\n")  # str() of an unusual value: escaped
            continue
        rule = f.rule
        title = titles.get(rule)
        if title is None:
            title = titles[rule] = escape_property(rule)
        if line == end_line:
            position = (f"file={file_prop},line={line},col={column},endLine={end_line},"
                        f"endColumn={end_column}")  # fmt: skip
        else:
            position = f"file={file_prop},line={line},endLine={end_line}"
        message = f"{f.message} [{rule}]"
        if f.suggestions:
            message += f" Suggestion: {f.suggestions[0]}"
        if "%" in message or "\r" in message or "\n" in message:
            message = escape_data(message)
        out.append(f"::{LEVELS[f.severity.label]} {position},title={title}::{message}\n")
    return out


def write(results: Iterable[FileResult], out: TextIO, ctx: ReportContext) -> None:
    files = errors = hidden = 0  # files checked, files that could not be
    by_sev = {"error": 0, "warning": 0, "info": 0}
    for result in results:
        if result.error is not None:
            errors += 1
            out.write(command("error", f"could not be checked: {result.error}",
                              file=result.path, title="qualitycheck") + "\n")  # fmt: skip
            continue
        files += 1
        for piece in result.pieces():  # as they come: a huge file's piece by piece
            for severity, n in Counter(map(_SEVERITY, piece)).items():  # counted in C
                by_sev[severity.label] += n
            for k in range(0, len(piece), 1000):  # a piece's text is not held at once
                out.write("".join(finding_commands(result.path, piece[k : k + 1000])))
        hidden += result.hidden_by_baseline  # final once the findings are read
        for failure in result.failures:
            out.write(command("warning", f"internal error in rule {failure.rule}: "
                              f"{failure.error} (please report it)", file=result.path,
                              title="qualitycheck") + "\n")  # fmt: skip
    out.write("qualitycheck: found " + summary_sentence(by_sev, files, errors, hidden) + "\n")
