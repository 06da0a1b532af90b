"""Corpus input: `lint --input-jsonl/--input-parquet`, one output line per record, in order."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from conftest import run_cli

from qualitycheck import check_text
from qualitycheck.corpus import CorpusError, open_parquet, read_records

GARBLED = "The the minister spoke in Lisbon on Tuesday. Prices rose ,. sharply after the vote."
CLEAN = "The minister spoke in Lisbon on Tuesday. Prices rose sharply after the vote."


def lint(*args: str, stdin: str | bytes | None = None) -> tuple[int, str, str]:
    return run_cli("lint", "--isolated", *args, stdin=stdin)


def records(out: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.splitlines()]


def write_jsonl(path: Path, lines: list[object]) -> Path:
    path.write_text(
        "".join((x if isinstance(x, str) else json.dumps(x)) + "\n" for x in lines),
        encoding="utf-8",
    )
    return path


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "corpus.jsonl", [
        {"id": "doc-1", "text": GARBLED},
        {"id": 2, "text": CLEAN},
        {"id": "doc-3", "text": GARBLED, "lang": "en"},
    ])  # fmt: skip


def test_writes_one_jsonl_record_per_input_record_by_default(corpus: Path) -> None:
    code, out, err = lint("--input-jsonl", str(corpus))
    assert code == 1  # findings at warning or above
    assert err == ""
    got = records(out)
    assert [r["id"] for r in got] == ["doc-1", 2, "doc-3"]  # id keeps its JSON type
    assert [r["record"] for r in got] == [1, 2, 3]
    expected = check_text(GARBLED)
    assert got[0]["findings"] == [f.to_dict() for f in expected.findings]
    assert got[0]["scores"]["quality"] == expected.quality  # type: ignore[index]
    assert got[1]["findings"] == []


def test_counts_findings_by_severity_and_category(corpus: Path) -> None:
    first = records(lint("--input-jsonl", str(corpus))[1])[0]
    assert first["by_severity"] == {"error": 2, "warning": 0, "info": 0}
    by_category = first["by_category"]
    assert isinstance(by_category, dict)
    assert by_category["structure"] == 1 and by_category["punctuation"] == 1
    assert by_category["names"] == 0  # every category present: one stable set of keys


def test_custom_text_and_id_fields(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "c.jsonl", [{"url": "https://example.org/a", "body": GARBLED}])
    got = records(lint("--input-jsonl", str(path), "--text-field", "body", "--id-field", "url")[1])
    assert got[0]["id"] == "https://example.org/a"
    assert got[0]["path"] == "https://example.org/a"
    assert got[0]["findings"]


def test_record_without_id_is_named_by_its_line(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "c.jsonl", [{"text": CLEAN}])
    got = records(lint("--input-jsonl", str(path))[1])
    assert got[0]["id"] is None
    assert got[0]["path"] == f"{path}:1"


def test_reads_jsonl_from_standard_input() -> None:
    data = json.dumps({"id": "a", "text": GARBLED}) + "\n" + json.dumps({"id": "b", "text": CLEAN})
    code, out, _ = lint("--input-jsonl", "-", stdin=data)
    assert code == 1
    assert [r["id"] for r in records(out)] == ["a", "b"]


def test_malformed_records_are_reported_counted_and_skipped(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "c.jsonl", [
        {"id": 1, "text": CLEAN},
        "{not json",
        {"id": 3, "body": CLEAN},
        {"id": 4, "text": 42},
        [1, 2],
        "",  # a blank line is not a record
        {"id": 7, "text": None},
        {"id": 8, "text": CLEAN},
    ])  # fmt: skip
    code, out, err = lint("--input-jsonl", str(path))
    assert code == 2  # like an unreadable file: the rest is still checked
    got = records(out)
    assert [r["record"] for r in got] == [1, 2, 3, 4, 5, 7, 8]
    assert [r["error"] is None for r in got] == [True, False, False, False, False, False, True]
    assert got[2]["id"] == 3  # the id is kept when the record could be parsed
    lines = err.splitlines()
    assert f"{path}:2: malformed record: invalid JSON" in lines[0]
    assert "no field 'text'" in lines[1]
    assert "field 'text' is a number, not a string" in lines[2]
    assert "expected a JSON object, got an array" in lines[3]
    assert "field 'text' is null, not a string" in lines[4]
    assert lines[-1] == (
        f"qualitycheck: {path}: 5 of 7 records malformed and not checked (lines 2, 3, 4, 5, 7)"
    )


def test_invalid_utf8_line_is_malformed_and_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    good = json.dumps({"id": 1, "text": CLEAN}).encode()
    path.write_bytes(b"\xef\xbb\xbf" + good + b"\n" + b'{"id": 2, "text": "caf\xe9"}\n' + good)
    code, out, err = lint("--input-jsonl", str(path))
    assert code == 2
    assert [r["error"] is None for r in records(out)] == [True, False, True]
    assert "not valid UTF-8" in err


def test_jobs_2_gives_the_same_output_as_jobs_1(tmp_path: Path) -> None:
    lines: list[object] = []
    for i in range(24):
        lines.append({"id": i, "text": GARBLED if i % 3 else CLEAN})
        if i % 10 == 5:
            lines.append("{broken")
    path = write_jsonl(tmp_path / "c.jsonl", lines)
    one = lint("--input-jsonl", str(path), "--jobs", "1")
    two = lint("--input-jsonl", str(path), "--jobs", "2")
    assert one == two
    assert one[0] == 2
    assert len(records(one[1])) == 26


def test_corpus_works_with_other_formats(corpus: Path) -> None:
    code, out, _ = lint("--input-jsonl", str(corpus), "-f", "json")
    assert code == 1
    files = json.loads(out)["files"]
    assert [f["id"] for f in files] == ["doc-1", 2, "doc-3"]
    code, out, _ = lint("--input-jsonl", str(corpus), "-f", "text")
    assert "doc-1:1:1: error structure.repeated-word" in out


def test_corpus_baseline_counts_agree_with_the_findings_left(corpus: Path, tmp_path: Path) -> None:
    base = tmp_path / "base.json"
    assert lint("--input-jsonl", str(corpus), "--write-baseline", str(base))[0] == 0
    code, out, _ = lint("--input-jsonl", str(corpus), "--baseline", str(base))
    assert code == 0
    for r in records(out):
        assert r["findings"] == []
        assert r["by_severity"] == {"error": 0, "warning": 0, "info": 0}


def test_usage_errors(corpus: Path, tmp_path: Path) -> None:
    code, _, err = lint("samples", "--input-jsonl", str(corpus))
    assert code == 2 and "either PATH arguments or a corpus" in err
    code, _, err = lint("--input-jsonl", str(corpus), "--input-parquet", "x.parquet")
    assert code == 2 and "not both" in err
    code, _, err = lint("--input-jsonl", str(corpus), "--fix")
    assert code == 2 and "need files" in err
    code, _, err = lint("--input-jsonl", str(tmp_path / "missing.jsonl"))
    assert code == 2 and "cannot read" in err and "missing.jsonl" in err
    code, _, err = lint()
    assert code == 2 and "at least one PATH" in err


def test_read_records_from_memory() -> None:
    corpus = read_records('{"id": 1, "text": "Hello there."}\n\n{"id": 2}\n')
    items = list(corpus.items())
    assert len(items) == 2
    assert corpus.malformed == [3]
    assert corpus.summary() == "<memory>: 1 of 2 records malformed and not checked (lines 3)"


# -- Parquet ---------------------------------------------------------------------------------------
def test_parquet_without_pyarrow_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(CorpusError, match="pip install pyarrow"):
        open_parquet("corpus.parquet")


@pytest.fixture
def parquet_corpus(tmp_path: Path) -> Path:
    pa = pytest.importorskip("pyarrow", reason="Parquet input needs pyarrow (the parquet extra)")
    import pyarrow.parquet as pq

    table = pa.table({"id": ["p1", "p2", "p3"], "text": [GARBLED, None, CLEAN], "n": [1, 2, 3]})
    path = tmp_path / "corpus.parquet"
    pq.write_table(table, path, row_group_size=2)
    return path


def test_reads_parquet_rows(parquet_corpus: Path) -> None:
    code, out, err = lint("--input-parquet", str(parquet_corpus), "--jobs", "2")
    assert code == 2  # row 2 has a null text
    got = records(out)
    assert [r["id"] for r in got] == ["p1", "p2", "p3"]
    assert got[0]["findings"] and got[1]["error"] and got[2]["error"] is None
    assert "1 of 3 records malformed and not checked (rows 2)" in err


def test_parquet_column_problems_are_usage_errors(parquet_corpus: Path) -> None:
    code, _, err = lint("--input-parquet", str(parquet_corpus), "--text-field", "body")
    assert code == 2 and "no column 'body'" in err
    code, _, err = lint("--input-parquet", str(parquet_corpus), "--text-field", "n")
    assert code == 2 and "column 'n' holds int64, not strings" in err
    code, _, err = lint("--input-parquet", str(parquet_corpus.with_name("nope.parquet")))
    assert code == 2 and "cannot read" in err


def test_parquet_without_id_column_names_rows(parquet_corpus: Path) -> None:
    got = records(lint("--input-parquet", str(parquet_corpus), "--id-field", "key")[1])
    assert got[0]["id"] is None
    assert got[0]["path"] == f"{parquet_corpus}:1"
