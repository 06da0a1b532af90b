"""``--format github``: GitHub Actions workflow commands, which GitHub shows as annotations.

One command per finding, then a plain summary line::

    ::error file=PATH,line=L,col=C,endLine=EL,endColumn=EC,title=RULE::MESSAGE

Severities map to ``error``, ``warning`` and ``notice``. Columns are 1-based code points and
``endColumn`` is exclusive, as everywhere in qualitycheck's output; GitHub uses the columns only
when a finding starts and ends on the same line, so they are left out otherwise. Escaping follows
GitHub's runner: ``%``, CR and LF in the message, and also ``:`` and ``,`` in property values.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, TextIO

from qualitycheck.reporters import summary_sentence

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
            for f in piece:
                by_sev[f.severity.label] += 1
            for k in range(0, len(piece), 1000):  # a piece's text is not held at once
                batch = piece[k : k + 1000]
                out.write("".join([finding_command(result.path, f) + "\n" for f in batch]))
        hidden += result.hidden_by_baseline  # final once the findings are read
        for failure in result.failures:
            out.write(command("warning", f"internal error in rule {failure.rule}: "
                              f"{failure.error} (please report it)", file=result.path,
                              title="qualitycheck") + "\n")  # fmt: skip
    out.write("qualitycheck: found " + summary_sentence(by_sev, files, errors, hidden) + "\n")
