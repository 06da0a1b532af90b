"""``--format jsonl``: one file object per line, streamed as files are checked (for corpora), each
file's findings written as they come (piece by piece for a huge file)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, TextIO

from qualitycheck.reporters.streaming import write_file_object

if TYPE_CHECKING:
    from qualitycheck.reporters import ReportContext
    from qualitycheck.result import FileResult


def write(results: Iterable[FileResult], out: TextIO, ctx: ReportContext) -> None:
    for result in results:
        write_file_object(result, out, indent=None, level=0, paragraphs=ctx.paragraph_scores)
        out.write("\n")
        out.flush()
