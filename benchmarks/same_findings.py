"""Check that a change (a speed-up, a refactoring) leaves every finding as it was.

Usage:
    python benchmarks/same_findings.py record FILE [PATH...]   # before the change
    python benchmarks/same_findings.py compare FILE [PATH...]  # after it: exit 1 on a difference

Every finding (rule, span, severity, message, suggestions, confidence, fingerprint) of every
document is recorded: the bundled samples, the project's Markdown documentation, a ~1 MB document
assembled from the samples, and any PATH given (files, or directories searched for .txt, .md,
.markdown, .html and .htm files). Plain-text files are also checked as Markdown and the other
way round, for more variety. ``compare`` prints, per document that differs, a few findings that
went missing and a few that appeared.

This is a developer tool, not a test: a rule that improves changes its findings on purpose.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORMATS = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}


def _files(paths: list[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.suffix in FORMATS and p.is_file())
        elif path.is_file():
            yield path


def corpus(extra: list[Path]) -> Iterator[tuple[str, str, str]]:
    """``(name, text, format)`` of every document to check."""
    bundled = [ROOT / "samples", ROOT / "docs", ROOT / "README.md"]
    for path in _files(bundled + extra):
        text = path.read_text(encoding="utf-8", errors="replace")
        fmt = FORMATS[path.suffix]
        # named relative to the checkout, so recordings compare across clones and worktrees
        name = str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)
        yield name, text, fmt
        if fmt != "html":  # the same words through the other loader
            other = "markdown" if fmt == "text" else "text"
            yield f"{name} (as {other})", text, other
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_speed import big_text

    yield "~1 MB from the samples", big_text(), "text"


def findings(extra: list[Path]) -> dict[str, list[list[object]]]:
    from qualitycheck.api import Checker

    checker = Checker()
    out: dict[str, list[list[object]]] = {}
    for name, text, fmt in corpus(extra):
        result = checker.check_text(text, fmt=fmt)
        if result.error is not None:
            out[name] = [["error", result.error]]
            continue
        out[name] = [
            [f.rule, f.start, f.end, f.severity.label, f.message, list(f.suggestions),
             round(f.confidence, 4), f.fingerprint]
            for f in result.findings
        ]  # fmt: skip
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["record", "compare"])
    parser.add_argument("file", type=Path, help="where the findings are recorded (JSON)")
    parser.add_argument("paths", nargs="*", type=Path, help="more documents to check")
    args = parser.parse_args()
    now = findings(args.paths)
    if args.action == "record":
        args.file.write_text(json.dumps(now), encoding="utf-8")
        total = sum(len(v) for v in now.values())
        print(f"recorded {total} findings on {len(now)} documents in {args.file}")
        return 0
    before = json.loads(args.file.read_text(encoding="utf-8"))
    differ = 0
    for name in sorted(set(before) | set(now)):
        old, new = before.get(name), now.get(name)
        if old == new:
            continue
        differ += 1
        old_set = {json.dumps(x) for x in old or []}
        new_set = {json.dumps(x) for x in new or []}
        print(f"{name}:")
        if old is None or new is None:
            print("  only in the", "recording" if new is None else "new run")
        elif old_set == new_set:
            print("  same findings in another order")
        for x in sorted(old_set - new_set)[:3]:
            print("  - " + x)
        for x in sorted(new_set - old_set)[:3]:
            print("  + " + x)
    print(f"{differ} of {len(set(before) | set(now))} documents differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
