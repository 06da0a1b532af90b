"""Corpus input: one document per JSONL line or Parquet row, one result per document.

``qualitycheck lint --input-jsonl corpus.jsonl --text-field text --id-field id`` reads records,
checks the text field of each (in worker processes with ``--jobs``) and writes one JSON object per
record, in input order (see docs/corpus.md): the file object of output-format.md with the record's
``id`` and its 1-based ``record`` number (line of the JSONL file, row of the Parquet file), plus
``by_severity`` and ``by_category`` finding counts.

A malformed record (invalid JSON or UTF-8, not an object, no text field, a text that is not a
string) is not fatal: it gets one line on stderr with its line number and an error object in the
output, the other records are still checked, a summary line at the end counts the malformed ones,
and the exit code is 2, as for a file that cannot be read. A corpus that cannot be opened at all
(missing file, no pyarrow, no such column) is a usage error: exit 2 before anything is checked.
"""

from __future__ import annotations

import io
import json
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any

from qualitycheck.finding import Severity
from qualitycheck.tasks import Done, Task

if TYPE_CHECKING:
    from qualitycheck.api import Checker
    from qualitycheck.finding import Finding
    from qualitycheck.result import FileResult

#: first malformed line numbers listed in the summary
LIST_MALFORMED = 10
#: Parquet rows read at a time
PARQUET_BATCH = 1024


class CorpusError(Exception):
    """The corpus cannot be read at all (as opposed to one malformed record)."""


@dataclass(frozen=True, slots=True)
class RecordTask:
    """Check the text of one corpus record."""

    text: str
    record: int
    id: Any
    display: str
    fmt: str = "text"

    @property
    def local(self) -> bool:
        return False

    def run(self, checker: Checker) -> FileResult:
        # No path: per-file-ignores globs are about files, not record ids.
        result = checker.check_text(self.text, fmt=self.fmt)
        result.path = self.display
        result.extras.update({"id": self.id, "record": self.record})
        return result

    def failed(self, reason: str) -> FileResult:
        from qualitycheck.result import FileResult

        return FileResult(path=self.display, format=self.fmt, error=reason,
                          extras={"id": self.id, "record": self.record})  # fmt: skip


@dataclass
class Corpus:
    """An opened corpus: ``items()`` yields one task per record (``Done`` for malformed ones)."""

    name: str  # as shown in messages: the path, or "<stdin>"
    text_field: str
    id_field: str | None
    fmt: str = "text"
    kind: str = "jsonl"
    records: int = 0
    malformed: list[int] = field(default_factory=list)
    _stream: IO[bytes] | None = field(default=None, repr=False)
    _parquet: Any = field(default=None, repr=False)

    # -- reading ----------------------------------------------------------------------------------
    def items(self) -> Iterator[Task | Done]:
        rows = self._jsonl_rows() if self.kind == "jsonl" else self._parquet_rows()
        for number, value in rows:
            self.records += 1
            if isinstance(value, _Malformed):
                self.malformed.append(number)
                yield Done(self._bad(number, value.reason, value.id))
                continue
            text, rid = value
            yield RecordTask(text, number, rid, self._display(number, rid), self.fmt)

    def _display(self, number: int, rid: Any) -> str:
        if rid is None or isinstance(rid, (dict, list)):
            return f"{self.name}:{number}"
        return str(rid)

    def _bad(self, number: int, reason: str, rid: Any = None) -> FileResult:
        from qualitycheck.result import FileResult

        return FileResult(path=f"{self.name}:{number}", format=self.fmt,
                          error=f"malformed record: {reason}",
                          extras={"id": rid, "record": number})  # fmt: skip

    def _jsonl_rows(self) -> Iterator[tuple[int, tuple[str, Any] | _Malformed]]:
        assert self._stream is not None
        with self._stream:
            for number, raw in enumerate(self._stream, 1):
                if not raw.strip():
                    continue
                try:
                    line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
                except UnicodeDecodeError as exc:
                    yield number, _Malformed(f"not valid UTF-8 (byte {exc.start + 1})")
                    continue
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    yield number, _Malformed(f"invalid JSON ({exc.msg}, column {exc.colno})")
                    continue
                if not isinstance(obj, dict):
                    yield number, _Malformed(f"expected a JSON object, got {_json_type(obj)}")
                    continue
                yield number, self._fields(obj)

    def _fields(self, obj: dict[str, Any]) -> tuple[str, Any] | _Malformed:
        rid = obj.get(self.id_field) if self.id_field else None
        if self.text_field not in obj:
            return _Malformed(f"no field '{self.text_field}'", rid)
        text = obj[self.text_field]
        if not isinstance(text, str):
            return _Malformed(f"field '{self.text_field}' is {_json_type(text)}, not a string", rid)
        return text, rid

    def _parquet_rows(self) -> Iterator[tuple[int, tuple[str, Any] | _Malformed]]:
        columns = [self.text_field] + ([self.id_field] if self.id_field else [])
        number = 0
        for batch in self._parquet.iter_batches(batch_size=PARQUET_BATCH, columns=columns):
            texts = batch.column(self.text_field).to_pylist()
            ids = batch.column(self.id_field).to_pylist() if self.id_field else [None] * len(texts)
            for text, rid in zip(texts, ids, strict=True):
                number += 1
                if text is None:
                    yield number, _Malformed(f"field '{self.text_field}' is null", rid)
                else:
                    yield number, (text, rid)

    # -- results ----------------------------------------------------------------------------------
    def summary(self) -> str | None:
        """The closing stderr line when some records were malformed."""
        if not self.malformed:
            return None
        where = "lines" if self.kind == "jsonl" else "rows"
        shown = ", ".join(str(n) for n in self.malformed[:LIST_MALFORMED])
        more = ", ..." if len(self.malformed) > LIST_MALFORMED else ""
        n = len(self.malformed)
        return (f"{self.name}: {n} of {self.records} record{'s' if self.records != 1 else ''} "
                f"malformed and not checked ({where} {shown}{more})")  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Malformed:
    reason: str
    id: Any = None


def _json_type(value: object) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean",
             int: "a number", float: "a number", type(None): "null"}  # fmt: skip
    return names.get(type(value), type(value).__name__)


def open_jsonl(
    path: str, *, text_field: str = "text", id_field: str | None = "id", fmt: str = "text"
) -> Corpus:
    """Open a JSONL corpus (``-``: standard input). Raises ``CorpusError`` if it cannot be read."""
    if path == "-":
        stream: IO[bytes] = sys.stdin.buffer
        name = "<stdin>"
    else:
        try:
            stream = open(path, "rb")  # noqa: SIM115 - closed when items() is exhausted
        except OSError as exc:
            raise CorpusError(f"cannot read {path}: {exc.strerror or exc}") from exc
        name = path
    return Corpus(name, text_field, id_field, fmt, "jsonl", _stream=stream)


def open_parquet(
    path: str, *, text_field: str = "text", id_field: str | None = "id", fmt: str = "text"
) -> Corpus:
    """Open a Parquet corpus through pyarrow (``-``: standard input). The text column must hold
    strings; a missing id column is fine (records are then named by row number)."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise CorpusError(
            "reading Parquet needs pyarrow: pip install pyarrow (or 'qualitycheck[parquet]')"
        ) from exc
    name = "<stdin>" if path == "-" else path
    try:
        source: Any = pa.BufferReader(sys.stdin.buffer.read()) if path == "-" else path
        parquet = pq.ParquetFile(source)
    except OSError as exc:  # missing file: FileNotFoundError; not Parquet: ArrowInvalid
        raise CorpusError(f"cannot read {name}: {getattr(exc, 'strerror', None) or exc}") from exc
    except pa.ArrowException as exc:
        raise CorpusError(f"cannot read {name} as Parquet: {exc}") from exc
    schema = parquet.schema_arrow
    if text_field not in schema.names:
        raise CorpusError(f"{name}: no column '{text_field}' (columns: {', '.join(schema.names)})")
    kind = schema.field(text_field).type
    if not (pa.types.is_string(kind) or pa.types.is_large_string(kind)):
        raise CorpusError(f"{name}: column '{text_field}' holds {kind}, not strings")
    if id_field is not None and id_field not in schema.names:
        id_field = None
    return Corpus(name, text_field, id_field, fmt, "parquet", _parquet=parquet)


def with_counts(
    results: Iterable[FileResult], categories: Sequence[str], corpus: Corpus | None = None
) -> Iterator[FileResult]:
    """Add ``by_severity`` and ``by_category`` counts to each record's output (after baseline
    filtering, so they always agree with the findings shown), and print the corpus summary
    on stderr at the end."""
    for r in results:
        if r.error is None:
            _count(r, categories)
        else:
            r.extras.setdefault("by_severity", None)
            r.extras.setdefault("by_category", None)
        yield r
    if corpus is not None and (line := corpus.summary()) is not None:
        sys.stderr.write(f"qualitycheck: {line}\n")


def _count(r: FileResult, categories: Sequence[str]) -> None:
    """Set the record's counts once its findings are known (piece by piece if streamed)."""
    by_severity: Counter[str] = Counter()
    by_category: Counter[str] = Counter()

    def add(findings: list[Finding]) -> list[Finding]:
        by_severity.update(f.severity.label for f in findings)
        by_category.update(f.category for f in findings)
        return findings

    def done() -> None:
        r.extras["by_severity"] = {s.label: by_severity.get(s.label, 0)
                                   for s in sorted(Severity, reverse=True)}  # fmt: skip
        r.extras["by_category"] = {c: by_category.get(c, 0) for c in categories} | {
            c: n for c, n in sorted(by_category.items()) if c not in categories
        }

    r.map_pieces(add)
    r.on_end(done)


def categories(rules: Iterable[Any]) -> list[str]:
    """Categories of the loaded rules, sorted: the stable keys of ``by_category``."""
    return sorted({rule.category for rule in rules})


def read_records(
    data: str | bytes, *, text_field: str = "text", id_field: str | None = "id"
) -> Corpus:
    """A JSONL corpus from memory (tests, small scripts)."""
    raw = data.encode() if isinstance(data, str) else data
    return Corpus("<memory>", text_field, id_field, "text", "jsonl", _stream=io.BytesIO(raw))
