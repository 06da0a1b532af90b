"""``--format json``: one JSON document, exactly as described in docs/output-format.md (version 1).

Written as the files are checked, each file's findings as they come (piece by piece for a huge
file), byte for byte as ``json.dump(document, indent=2, ensure_ascii=False)`` would write the
whole document: the findings of a file come before its scores, and the summary after the files,
so nothing needs to be held back (``qualitycheck.reporters.streaming``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, TextIO

from qualitycheck.reporters.streaming import (
    PLACEHOLDER,
    ArrayWriter,
    split_around,
    write_file_object,
)

if TYPE_CHECKING:
    from qualitycheck.reporters import ReportContext
    from qualitycheck.result import FileResult

FORMAT_VERSION = 1
INDENT = 2


def write(results: Iterable[FileResult], out: TextIO, ctx: ReportContext) -> None:
    document: dict[str, object] = {
        "version": FORMAT_VERSION,
        "tool": {"name": "qualitycheck", "version": ctx.tool_version},
        "files": PLACEHOLDER,
        "summary": None,
    }
    head, _ = split_around(document, INDENT)
    out.write(head)
    files = findings = errors = 0
    by_severity = {"error": 0, "warning": 0, "info": 0}
    array = ArrayWriter(out, INDENT, INDENT)
    for r in results:
        array.add("")
        counts = write_file_object(r, out, indent=INDENT, level=2 * INDENT,
                                   paragraphs=ctx.paragraph_scores)  # fmt: skip
        files += 1
        errors += r.error is not None
        for label, n in counts.items():
            by_severity[label] = by_severity.get(label, 0) + n
            findings += n
    array.close()
    document["summary"] = {
        "files": files,
        "findings": findings,
        "by_severity": by_severity,
        "files_with_errors": errors,
    }
    _, tail = split_around(document, INDENT)
    out.write(tail + "\n")
