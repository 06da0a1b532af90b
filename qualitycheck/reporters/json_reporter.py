"""``--format json``: one JSON document, exactly as described in docs/output-format.md (version 1)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, TextIO

from qualitycheck.reporters import summary

if TYPE_CHECKING:
    from qualitycheck.reporters import ReportContext
    from qualitycheck.result import FileResult

FORMAT_VERSION = 1


def write(results: Iterable[FileResult], out: TextIO, ctx: ReportContext) -> None:
    results = list(results)
    document = {
        "version": FORMAT_VERSION,
        "tool": {"name": "qualitycheck", "version": ctx.tool_version},
        "files": [r.to_dict(paragraphs=ctx.paragraph_scores) for r in results],
        "summary": summary(results),
    }
    json.dump(document, out, ensure_ascii=False, indent=2)
    out.write("\n")
