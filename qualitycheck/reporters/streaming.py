"""Writing one JSON document piece by piece, byte for byte as ``json.dump`` would write it whole.

The JSON-like reporters write a file's findings as they come (a huge file's pieces are checked
as they are read, see ``FileResult.pieces``), so the document is never built in memory: what
surrounds a list is serialised with a placeholder in its place and cut around it
(``split_around``), the list's items are serialised one by one (``dumps``) and written between
(``ArrayWriter``). With ``ensure_ascii=False`` and either ``indent=None`` (``json.dumps``'s
defaults: ``", "`` and ``": "``) or an indent (``","`` and ``": "``, as ``json.dump`` uses then).
"""

from __future__ import annotations

import codecs
import io
import json
import math
import operator
import os
from collections import Counter
from typing import TYPE_CHECKING, Any, TextIO

from qualitycheck.finding import Finding, Severity

if TYPE_CHECKING:
    from qualitycheck.result import FileResult

PLACEHOLDER = "\x00qualitycheck: streamed here\x00"
#: findings serialised and written at a time (a piece of a huge file may hold tens of thousands)
BATCH = 1000
_PLACEHOLDER_JSON = json.dumps(PLACEHOLDER)

# The C encoder of a JSON string (ensure_ascii=False), as json.dumps itself uses.
_string: Any = json.encoder.encode_basestring


def utf8_buffer(out: TextIO) -> Any:
    """The binary stream under ``out`` when text written to ``out`` reaches it as UTF-8 with
    its line breaks as they are (a file the command line opened), else None: a spooled part
    of the output (SARIF results, the HTML report's article) is then copied as bytes."""
    buffer = getattr(out, "buffer", None)
    encoding = getattr(out, "encoding", None)
    if buffer is None or not isinstance(out, io.TextIOWrapper) or os.linesep != "\n":
        return None
    if not encoding or codecs.lookup(encoding).name != "utf-8":
        return None
    return buffer


def _reindent(text: str, level: int) -> str:
    return text.replace("\n", "\n" + " " * level) if level else text


def dumps(obj: Any, indent: int | None = None, level: int = 0) -> str:
    """``json.dumps(obj, ensure_ascii=False, indent=indent)`` as it reads nested ``level``
    spaces deep (its lines after the first indented by ``level``). Plain dicts with string keys,
    lists, tuples, strings, numbers, booleans and None are written here (a recursive writer,
    several times faster than ``json``'s pure-Python indenting encoder); anything else goes
    through ``json``."""
    if indent is None:
        return json.dumps(obj, ensure_ascii=False)
    try:
        return _dumps(obj, indent, level)
    except _Unusual:
        return _reindent(json.dumps(obj, ensure_ascii=False, indent=indent), level)


class _Unusual(Exception):
    """A value the fast writer leaves to ``json`` (a dict subclass, a non-string key...)."""


def _dumps(obj: Any, indent: int, level: int) -> str:
    t = type(obj)
    if t is str:
        return _string(obj)
    if t is dict:
        if not obj:
            return "{}"
        inner = level + indent
        pad = "\n" + " " * inner
        parts = []
        for key, value in obj.items():
            if type(key) is not str:
                raise _Unusual
            parts.append(f"{_string(key)}: {_dumps(value, indent, inner)}")
        return "{" + pad + ("," + pad).join(parts) + "\n" + " " * level + "}"
    if t is list or t is tuple:
        if not obj:
            return "[]"
        inner = level + indent
        pad = "\n" + " " * inner
        return ("[" + pad + ("," + pad).join([_dumps(v, indent, inner) for v in obj])
                + "\n" + " " * level + "]")  # fmt: skip
    if obj is None:
        return "null"
    if obj is True:
        return "true"
    if obj is False:
        return "false"
    if t is int:
        return int.__repr__(obj)
    if t is float and math.isfinite(obj):
        return float.__repr__(obj)
    raise _Unusual


def split_around(obj: Any, indent: int | None, level: int = 0) -> tuple[str, str]:
    """``dumps(obj)`` cut in two around the one ``PLACEHOLDER`` value it holds."""
    text = dumps(obj, indent, level)
    head, sep, tail = text.partition(_PLACEHOLDER_JSON)
    if not sep:
        raise ValueError("no placeholder in the object")
    return head, tail


class ArrayWriter:
    """Writes a JSON array item by item, ``level`` spaces deep (where its ``[`` stands); the
    items are serialised by the caller, ``indent + level`` spaces deep."""

    def __init__(self, out: TextIO, indent: int | None, level: int) -> None:
        self.out = out
        self.count = 0
        if indent is None:
            self._first, self._sep, self._end = "[", ", ", "]"
        else:
            pad = "\n" + " " * (level + indent)
            self._first, self._sep, self._end = "[" + pad, "," + pad, "\n" + " " * level + "]"

    def add(self, item: str) -> None:
        self.out.write((self._sep if self.count else self._first) + item)
        self.count += 1

    def add_all(self, items: list[str]) -> None:
        """Several items at once (one write)."""
        if items:
            self.out.write((self._sep if self.count else self._first) + self._sep.join(items))
            self.count += len(items)

    def close(self) -> None:
        self.out.write(self._end if self.count else "[]")


def write_file_object(
    result: FileResult, out: TextIO, *, indent: int | None, level: int, paragraphs: bool
) -> dict[str, int]:
    """Write ``result.to_dict(paragraphs=...)`` as ``dumps`` would, its findings as they come
    (what follows them, the scores and notices of a streamed result, once they are known).
    Returns the number of findings written per severity label."""
    head, _ = split_around(result.to_dict(paragraphs=paragraphs, findings=PLACEHOLDER),
                           indent, level)  # fmt: skip
    out.write(head)
    step = indent or 0
    array = ArrayWriter(out, indent, level + step)
    by_severity = {"error": 0, "warning": 0, "info": 0}
    deeper = level + 2 * step
    for piece in result.pieces():
        for severity, n in Counter(map(_SEVERITY, piece)).items():  # counted in C
            label = _LABELS.get(severity) or severity.label
            by_severity[label] = by_severity.get(label, 0) + n
        for k in range(0, len(piece), BATCH):  # a piece's text is not held at once either
            array.add_all(finding_objects(piece[k : k + BATCH], indent, deeper))
    array.close()
    _, tail = split_around(result.to_dict(paragraphs=paragraphs, findings=PLACEHOLDER),
                           indent, level)  # fmt: skip
    out.write(tail)
    return by_severity


_LABELS = {s: s.label for s in Severity}
_SEVERITY = operator.attrgetter("severity")


def finding_objects(findings: list[Finding], indent: int | None, level: int) -> list[str]:
    """``dumps(f.to_dict(), indent, level)`` of each finding: the JSON output's finding object,
    its fields in ``Finding.to_dict``'s order, written straight from the finding (the same
    text, several times faster: this is most of what writing a finding costs)."""
    if Finding.to_dict is not _TO_DICT:  # changed: follow it
        return [dumps(f.to_dict(), indent, level) for f in findings]
    if indent is None:  # json.dumps: ", " and ": ", on one line
        first, sep, end, list_first, list_sep, list_end = "{", ", ", "}", "[", ", ", "]"
    else:
        pad = "\n" + " " * (level + indent)
        inner = pad + " " * indent
        first, sep, end = "{" + pad, "," + pad, "\n" + " " * level + "}"
        list_first, list_sep, list_end = "[" + inner, "," + inner, pad + "]"
    s = _string
    labels = _LABELS
    quoted: dict[str, str] = {}  # rule ids, categories and labels serialised: few, repeated
    out = []
    for f in findings:
        line, column, end_line, end_column = f.line, f.column, f.end_line, f.end_column
        confidence = round(f.confidence, 3)
        if not (type(f) is Finding and type(confidence) is float and math.isfinite(confidence)
                and type(line) is type(column) is type(end_line) is type(end_column) is int):  # fmt: skip
            out.append(dumps(f.to_dict(), indent, level))
            continue
        suggestions = f.suggestions
        if not suggestions:
            listed = "[]"
        else:
            listed = list_first + list_sep.join(map(s, suggestions)) + list_end
        rule, category = quoted.get(f.rule), quoted.get(f.category)
        if rule is None:
            rule = quoted[f.rule] = s(f.rule)
        if category is None:
            category = quoted[f.category] = s(f.category)
        label = labels.get(f.severity) or f.severity.label
        severity = quoted.get(label)
        if severity is None:
            severity = quoted[label] = s(label)
        out.append(
            f'{first}"rule": {rule}{sep}"category": {category}'
            f'{sep}"severity": {severity}'
            f'{sep}"message": {s(f.message)}{sep}"line": {line}{sep}"column": {column}'
            f'{sep}"end_line": {end_line}{sep}"end_column": {end_column}'
            f'{sep}"text": {s(f.text)}{sep}"suggestions": {listed}'
            f'{sep}"confidence": {float.__repr__(confidence)}'
            f'{sep}"fingerprint": {s(f.fingerprint)}{end}'
        )
    return out


_TO_DICT = Finding.to_dict
