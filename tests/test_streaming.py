"""Findings stream (issue #12): a huge file's findings are checked, filtered and written piece by
piece, so that the number of findings alive at once does not grow with the file; the JSON and
SARIF documents written so stay valid, and the same as written whole; the baseline and the
de-duplication work across pieces."""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pytest
from conftest import run_cli

from qualitycheck import api, engine
from qualitycheck.api import Checker
from qualitycheck.finding import Finding
from qualitycheck.suppress import Baseline

LINE = "Some sentence here In the middle.\n"  # two findings a line, as in the file
STREAMED_FORMATS = ("text", "json", "jsonl", "sarif", "github", "html")


@pytest.fixture
def small_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files over 20,000 characters are checked in pieces of about 5,000."""
    monkeypatch.setattr(api, "HUGE_TEXT_CHARS", 20_000)
    monkeypatch.setattr(api, "CHUNK_CHARS", 5_000)


def _live_findings() -> int:
    return sum(1 for o in gc.get_objects() if type(o) is Finding)


def _peak_alive(monkeypatch: pytest.MonkeyPatch, path: Path, fmt: str, out: Path) -> int:
    """The most findings alive when a piece starts being checked, over a ``lint`` run."""
    peak = 0
    check = engine.Engine.check

    def counting(self: engine.Engine, doc: object, **kwargs: object) -> engine.EngineResult:
        nonlocal peak
        peak = max(peak, _live_findings())
        return check(self, doc, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(engine.Engine, "check", counting)
    code, _, err = run_cli("lint", str(path), "--format", fmt, "-o", str(out), "--jobs", "1")
    monkeypatch.setattr(engine.Engine, "check", check)
    assert code == 1, err
    return peak


@pytest.mark.parametrize("fmt", STREAMED_FORMATS)
def test_findings_alive_at_once_do_not_grow_with_the_file(
    fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_pieces: None
) -> None:
    small, big = tmp_path / "small.txt", tmp_path / "big.txt"
    small.write_text(LINE * 1000, encoding="utf-8")  # ~34,000 characters: 7 pieces
    big.write_text(LINE * 4000, encoding="utf-8")  # 4 times as long: 28 pieces, 8,000 findings
    gc.collect()
    baseline = _live_findings()
    peak_small = _peak_alive(monkeypatch, small, fmt, tmp_path / f"small.{fmt}")
    peak_big = _peak_alive(monkeypatch, big, fmt, tmp_path / f"big.{fmt}")
    # one piece's findings (~300) at most, whatever the length of the file
    assert peak_big - baseline <= 2 * max(peak_small - baseline, 300)
    assert peak_big - baseline < 1000
    assert (tmp_path / f"big.{fmt}").stat().st_size > 4 * (
        tmp_path / f"small.{fmt}"
    ).stat().st_size / 2


def test_streamed_json_is_valid_and_the_same_as_checked_at_once(
    tmp_path: Path, small_pieces: None
) -> None:
    """The documents written piece by piece parse, and hold what the same pieces give when
    every finding is known before writing (``Checker(stream=False)``), in the same key order."""
    from qualitycheck.reporters import ReportContext, sarif
    from qualitycheck.scoring import Needs

    text = (LINE * 300 + "\n" + "Prices rose by by 4 per cent.\n\n") * 4
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    outputs = {}
    for fmt in ("json", "jsonl", "sarif"):
        out = tmp_path / f"out.{fmt}"
        code, _, err = run_cli("lint", str(path), "--format", fmt, "-o", str(out))
        assert code == 1, err
        outputs[fmt] = out.read_text(encoding="utf-8")
    checker = Checker(needs=Needs.for_format("json"))
    whole = checker.check_file(path)
    assert len(whole.chunks) > 5 and not whole.streamed
    expected = whole.to_dict()
    (got,) = json.loads(outputs["json"])["files"]
    assert got["notices"][-1].startswith("checked in ")
    assert list(got) == list(expected)
    assert got == json.loads(json.dumps(expected))
    assert json.loads(outputs["json"])["summary"]["findings"] == len(whole.findings)
    assert json.loads(outputs["jsonl"]) == got
    log = json.loads(outputs["sarif"])
    ctx = ReportContext(rules=checker.engine.rules, root=".")
    want = sarif.sarif_log([whole], ctx)
    assert log["runs"][0]["results"] == json.loads(json.dumps(want["runs"][0]["results"]))
    assert len(log["runs"][0]["results"]) == len(whole.findings) > 2000


def test_streamed_json_writer_matches_json_dump(tmp_path: Path) -> None:
    """Byte for byte what json.dump(indent=2) writes, with and without findings and errors."""
    from qualitycheck.reporters import ReportContext, json_reporter, jsonl, sarif, summary
    from qualitycheck.reporters.streaming import dumps

    checker = Checker()
    results = [
        checker.check_text("Prices rose by by 4 per cent. “Quoted\u00a0text” ü", path="a.txt"),
        checker.check_text("A clean sentence.", path="b.txt"),
        api.FileResult("c.txt", "text", error="no such file"),
    ]
    ctx = ReportContext(rules=checker.engine.rules, tool_version="1.2.3")
    out = tmp_path / "out.json"
    with out.open("w", encoding="utf-8") as handle:
        json_reporter.write(results, handle, ctx)
    document = {
        "version": 1,
        "tool": {"name": "qualitycheck", "version": "1.2.3"},
        "files": [r.to_dict() for r in results],
        "summary": summary(results),
    }
    assert (
        out.read_text(encoding="utf-8") == json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    )
    with out.open("w", encoding="utf-8") as handle:
        jsonl.write(results, handle, ctx)
    expected = "".join(json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in results)
    assert out.read_text(encoding="utf-8") == expected
    with out.open("w", encoding="utf-8") as handle:
        sarif.write(results, handle, ctx)
    log = sarif.sarif_log(results, ctx)
    assert out.read_text(encoding="utf-8") == json.dumps(log, indent=2, ensure_ascii=False) + "\n"
    odd = {"a": [1, 2.5, None, True, {"b": []}, {}], "n": float("nan"), "k": {1: "x"}, "t": ()}
    for level in (0, 4):
        expected = json.dumps(odd, indent=2, ensure_ascii=False).replace("\n", "\n" + " " * level)
        assert dumps(odd, 2, level) == expected


def test_baseline_spans_the_pieces_of_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_pieces: None
) -> None:
    """A baseline written from a huge file hides all its findings next time (its occurrences
    are counted over every piece, and used up piece by piece); a new finding still shows."""
    path = tmp_path / "big.txt"
    path.write_text(LINE * 1000, encoding="utf-8")
    base = tmp_path / "baseline.json"
    code, _, err = run_cli("lint", str(path), "--write-baseline", str(base))
    assert code == 0, err
    recorded = json.loads(base.read_text(encoding="utf-8"))["files"]
    total = len(Checker().check_file(path).findings)
    assert total > 1900  # (a line pair cut by a piece break is no orphan fragment)
    assert sum(n for fps in recorded.values() for n in fps.values()) == total
    code, out, err = run_cli("lint", str(path), "--baseline", str(base))
    assert code == 0, err
    assert f"Found 0 findings in 1 file; {total} findings hidden by the baseline." in out
    path.write_text(LINE * 1000 + "\nPrices rose by by 4 per cent.\n", encoding="utf-8")
    code, out, err = run_cli("lint", str(path), "--baseline", str(base), "--format", "json")
    assert code == 1, err
    (file,) = json.loads(out)["files"]
    assert [f["rule"] for f in file["findings"]] == ["structure.repeated-word"]
    path.write_text(LINE * 1010, encoding="utf-8")  # more occurrences than recorded
    more = Checker().check_file(path).findings
    code, out, err = run_cli("lint", str(path), "--baseline", str(base), "--format", "json")
    (file,) = json.loads(out)["files"]
    # each recorded occurrence covers one finding, in order, as for a file checked at once
    (key,) = recorded
    fresh = Baseline.load(base).filter(key, more)
    assert len(file["findings"]) == len(more) - total > 0
    assert file["findings"] == [f.to_dict() for f in fresh]


def test_pieces_keep_findings_unique_and_in_order(small_pieces: None) -> None:
    text = LINE * 1000
    streamed = Checker(stream=True).check_text(text)
    assert streamed.streamed and not streamed.findings
    pieces = list(streamed.pieces())
    assert len(pieces) > 5 and not streamed.streamed
    found = [f for piece in pieces for f in piece]
    keys = [(f.start, f.end, f.rule) for f in found]
    assert keys == sorted(set(keys))
    whole = Checker().check_text(text)
    assert found == whole.findings and streamed.quality == whole.quality
    assert streamed.stats == whole.stats and streamed.notices == whole.notices


def test_output_file_is_written_atomically(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A run that fails while writing leaves the output file as it was, and no temporary."""
    from qualitycheck.reporters import json_reporter

    out = tmp_path / "report.json"
    out.write_text("old", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Prices rose by by 4 per cent.\n", encoding="utf-8")

    def broken(results: object, stream: object, ctx: object) -> None:
        stream.write("{\n")  # type: ignore[attr-defined]
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(json_reporter, "write", broken)
    code, _, err = run_cli("lint", str(tmp_path / "a.txt"), "--format", "json", "-o", str(out))
    assert code == 2 and "cannot write" in err
    assert out.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "report.json"]


def test_finding_objects_are_what_the_generic_writer_gives() -> None:
    """The JSON and SARIF writers' fast paths give the text of ``dumps`` on the dictionaries,
    unusual values included (an int confidence, no suggestions, several, quotes, non-ASCII)."""
    from dataclasses import replace

    from qualitycheck.finding import Severity
    from qualitycheck.reporters import sarif
    from qualitycheck.reporters.streaming import dumps, finding_objects

    base = Finding("case.x-y", "case", Severity.WARNING, 'say "hi" \\ ü\u2028', 3, 4, 5, 6,
                   "Tëxt\n", ("a", 'b"'), 0.12345, 10, 12, "f" * 20)  # fmt: skip
    findings = [
        base,
        replace(base, suggestions=(), fingerprint="", severity=Severity.INFO),
        replace(base, confidence=1, suggestions=("",)),
        replace(base, confidence=float("nan")),
        replace(base, severity=Severity.ERROR, confidence=0.5),
    ]
    for indent, level in ((2, 8), (None, 0), (4, 1)):
        assert finding_objects(findings, indent, level) == [
            dumps(f.to_dict(), indent, level) for f in findings
        ]
    location = sarif.artifact_location("dir/a b.txt", ".")
    index = {"case.x-y": 7}
    texts = (
        dumps(location, 2, sarif.RESULT_LEVEL + 8),
        dumps(location, 2, sarif.RESULT_LEVEL + 10),
    )
    for f in findings:
        expected = dumps(sarif.sarif_result(f, location, index), 2, sarif.RESULT_LEVEL)
        assert sarif.result_json(f, location, texts, index) == expected


def test_streamed_html_is_the_page_of_the_file_checked_at_once(
    tmp_path: Path, small_pieces: None
) -> None:
    """The HTML report reads a huge file's pieces once, writing its article and findings list
    as they come: the page is the one written from every finding at once."""
    from qualitycheck import __version__
    from qualitycheck.reporters import ReportContext, html
    from qualitycheck.scoring import Needs

    text = (LINE * 300 + "\n" + "Prices rose by by 4 per cent. “In” & <b>ü</b>\r\n\n") * 4
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8", newline="")
    out = tmp_path / "out.html"
    code, _, err = run_cli("lint", str(path), "--format", "html", "-o", str(out))
    assert code == 1, err
    checker = Checker(needs=Needs.for_format("html"))
    whole = checker.check_file(path)
    assert len(whole.chunks) > 5 and not whole.streamed
    ctx = ReportContext(rules=checker.engine.rules, tool_version=__version__, root=".")
    assert out.read_bytes().decode("utf-8") == html.render([whole], ctx)


def test_the_article_written_piece_by_piece_is_the_article_written_at_once() -> None:
    """Pieces cut at any finding's start give the same text as all the findings at once."""
    import io

    from qualitycheck.finding import Severity
    from qualitycheck.reporters.html import _Article

    source = "ab cd ef gh ij kl mn op qr st uv wx yz " * 3
    spans = [(0, 5), (0, 2), (3, 8), (3, 8), (9, 30), (12, 14), (20, 40), (40, 41), (50, 80),
             (60, 61), (61, 62), (90, 200), (95, 96)]  # fmt: skip
    severities = list(Severity)
    findings = [
        Finding("a.b", "a", severities[k % 3], "m", 1, 1, 1, 1, "t", (), 1.0, s, e)
        for k, (s, e) in enumerate(spans)
    ]
    categories = [k % 4 for k in range(len(findings))]
    paragraphs = {0: "p0-0", 12: "p0-1", 40: "p0-2", 41: "p0-3", 100: "p0-4"}

    def written(cuts: list[int]) -> str:
        out = io.StringIO()
        article = _Article(out, source, 0, paragraphs)
        for a, b in zip([0, *cuts], [*cuts, len(findings)], strict=True):
            article.add(findings[a:b], categories[a:b], a)
        article.close()
        return out.getvalue()

    whole = written([])
    for cuts in ([1], [2], [4], [2, 4, 6], [5, 8, 11, 12], list(range(1, len(findings)))):
        if all(findings[c].start > findings[c - 1].start for c in cuts):
            assert written(cuts) == whole, cuts
