"""How fast ``qualitycheck server`` answers an editor, measured through the protocol.

Usage:  python benchmarks/bench_lsp.py [ARTICLE] [--edits N] [--large-mb X] [--json]

Starts ``python -m qualitycheck server`` and drives it with pygls's LSP client (needs the lsp
extra), debounce off, as an editor would:

- re-check after an edit: an article of about 700 words (by default the bundled garbled sample
  closest to 700 words) is opened, then edited N times, one character at a time (a letter typed
  into a word, then deleted again). Each time is from sending ``textDocument/didChange`` to
  receiving the ``publishDiagnostics`` of that version: the whole round trip, JSON included.
  The first check after opening (rules and data loading) is reported on its own, and the same
  check in-process (``Checker.check_text``) for comparison.
- a large document: a text of X MB (assembled from the samples) is opened and, while it is being
  checked (in the server's child process), ``textDocument/hover`` requests on the small article
  are sent one after the other: their times show whether the server stays responsive. An edit
  sent right after opening shows that the stale first result is dropped.

Nothing here is a test: timings depend on the machine and are reported, never asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def default_article() -> Path:
    samples = sorted((ROOT / "samples" / "garbled").glob("*.txt"))
    return min(samples, key=lambda p: abs(len(p.read_text(encoding="utf-8").split()) - 700))


def big_text(target_chars: int) -> str:
    parts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").rglob("*.txt"))]
    chunk = "\n\n".join(parts)
    return ("\n\n".join([chunk] * (target_chars // len(chunk) + 1)))[:target_chars]


def summary(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {
        "median_ms": round(statistics.median(ordered) * 1000, 2),
        "p90_ms": round(ordered[int(0.9 * (len(ordered) - 1))] * 1000, 2),
        "min_ms": round(ordered[0] * 1000, 2),
        "max_ms": round(ordered[-1] * 1000, 2),
        "n": len(ordered),
    }


async def measure(article: Path, edits: int, large_chars: int) -> dict[str, Any]:
    from lsprotocol import types as lsp
    from pygls.lsp.client import LanguageClient

    client = LanguageClient("bench", "1")
    arrived: dict[tuple[str, int | None], float] = {}
    signal = asyncio.Event()

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def _published(params: lsp.PublishDiagnosticsParams) -> None:
        arrived[(params.uri, params.version)] = time.perf_counter()
        signal.set()

    @client.feature(lsp.WINDOW_LOG_MESSAGE)
    def _log(params: lsp.LogMessageParams) -> None:
        pass

    async def wait_for(uri: str, version: int) -> float:
        while (uri, version) not in arrived:
            signal.clear()
            await asyncio.wait_for(signal.wait(), 600)
        return arrived[(uri, version)]

    await client.start_io(sys.executable, "-m", "qualitycheck", "server")
    await client.initialize_async(
        lsp.InitializeParams(
            capabilities=lsp.ClientCapabilities(),
            root_uri=ROOT.as_uri(),
            initialization_options={"debounce": 0},
        )
    )
    client.initialized(lsp.InitializedParams())
    results: dict[str, Any] = {"article": str(article.relative_to(ROOT))}

    text = article.read_text(encoding="utf-8")
    results["words"] = len(text.split())
    uri = (ROOT / "bench-article.txt").as_uri()
    sent = time.perf_counter()
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text=text))
    )
    results["first_check_ms"] = round((await wait_for(uri, 1) - sent) * 1000, 1)

    # Type a letter into a word in the middle of a line, then take it out again.
    lines = text.splitlines()
    spots = [(n, line.find(" ") + 1) for n, line in enumerate(lines) if line.count(" ") > 3]
    times = []
    version = 1
    for i in range(edits):
        line, col = spots[(i // 2 * 7) % len(spots)]
        if i % 2 == 0:
            rng, new = lsp.Range(lsp.Position(line, col), lsp.Position(line, col)), "x"
        else:
            rng, new = lsp.Range(lsp.Position(line, col), lsp.Position(line, col + 1)), ""
        version += 1
        sent = time.perf_counter()
        client.text_document_did_change(
            lsp.DidChangeTextDocumentParams(
                lsp.VersionedTextDocumentIdentifier(version=version, uri=uri),
                [lsp.TextDocumentContentChangePartial(range=rng, text=new)],
            )
        )
        times.append(await wait_for(uri, version) - sent)
    results["recheck_after_edit"] = summary(times)

    from qualitycheck.api import Checker

    checker = Checker()
    checker.check_text(text)
    in_process = []
    for _ in range(max(5, edits // 2)):
        start = time.perf_counter()
        checker.check_text(text)
        in_process.append(time.perf_counter() - start)
    results["in_process_check"] = summary(in_process)

    if large_chars:
        big = big_text(large_chars)
        big_uri = (ROOT / "bench-large.txt").as_uri()
        sent = time.perf_counter()
        client.text_document_did_open(
            lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(uri=big_uri, language_id="plaintext", version=1, text=big))
        )
        client.text_document_did_change(  # at once: the check of version 1 becomes stale
            lsp.DidChangeTextDocumentParams(
                lsp.VersionedTextDocumentIdentifier(version=2, uri=big_uri),
                [lsp.TextDocumentContentChangeWholeDocument(text=big + "\nThe the end.\n")],
            )
        )
        hovers = []
        while (big_uri, 2) not in arrived:
            start = time.perf_counter()
            await client.text_document_hover_async(
                lsp.HoverParams(lsp.TextDocumentIdentifier(uri), lsp.Position(*spots[0]))
            )
            hovers.append(time.perf_counter() - start)
            await asyncio.sleep(0.05)
        results["large"] = {
            "chars": len(big),
            "checked_after_s": round(arrived[(big_uri, 2)] - sent, 2),
            "hover_while_checking": summary(hovers),
            "stale_version_1_published": (big_uri, 1) in arrived,
        }

    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("article", nargs="?", type=Path, default=None)
    parser.add_argument("--edits", type=int, default=40, help="edits to time (default 40)")
    parser.add_argument("--large-mb", type=float, default=5.0, help="0 to skip (default 5)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()
    try:
        import pygls  # noqa: F401
    except ImportError:
        sys.exit('bench_lsp.py needs the lsp extra: pip install -e ".[lsp]"')
    article = (args.article or default_article()).resolve()
    results = asyncio.run(measure(article, args.edits, int(args.large_mb * 1_000_000)))
    if args.json:
        print(json.dumps(results, indent=2))
        return
    r = results["recheck_after_edit"]
    print(f"article: {results['article']} ({results['words']} words)")
    print(f"first check after didOpen: {results['first_check_ms']} ms (rules and data load)")
    print(
        f"re-check after an edit, didChange -> publishDiagnostics: median {r['median_ms']} ms, "
        f"p90 {r['p90_ms']} ms, min {r['min_ms']} ms, max {r['max_ms']} ms ({r['n']} edits)"
    )
    p = results["in_process_check"]
    print(f"the same check in-process (Checker.check_text): median {p['median_ms']} ms")
    if "large" in results:
        big = results["large"]
        h = big["hover_while_checking"]
        print(
            f"large document, {big['chars'] / 1e6:.1f} M characters: diagnostics after "
            f"{big['checked_after_s']} s; {h['n']} hovers meanwhile: median {h['median_ms']} ms, "
            f"max {h['max_ms']} ms; stale version 1 published: {big['stale_version_1_published']}"
        )


if __name__ == "__main__":
    main()
