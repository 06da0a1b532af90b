"""``--format jsonl``: one file object per line, streamed as files are checked (for corpora)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from qualitycheck.reporters import ReportContext
    from qualitycheck.result import FileResult


def write(results: Iterable[FileResult], out: TextIO, ctx: ReportContext) -> None:
    for result in results:
        out.write(json.dumps(result.to_dict(paragraphs=ctx.paragraph_scores), ensure_ascii=False))
        out.write("\n")
        out.flush()
