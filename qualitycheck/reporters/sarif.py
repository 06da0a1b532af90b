"""``--format sarif``: one SARIF 2.1.0 log, for GitHub code scanning and other SARIF viewers.

- ``tool.driver.rules`` describes every loaded rule (summary, full documentation, help as text and
  Markdown, default level); results point at it by ``ruleId`` and ``ruleIndex``.
- Locations are relative to ``%SRCROOT%`` (the project root qualitycheck ran from) when the file
  lies below it. Columns count Unicode code points, so the run says
  ``"columnKind": "unicodeCodePoints"`` (SARIF's default would be UTF-16 code units);
  ``endColumn`` is exclusive, as SARIF defines it.
- ``partialFingerprints["qualitycheck/v1"]`` is the finding's baseline fingerprint, so a finding
  keeps its identity across edits elsewhere in the file.
- Files that could not be read become ``toolExecutionNotifications`` of the invocation, whose
  ``executionSuccessful`` is then false.
"""

from __future__ import annotations

import functools
import io
import math
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import quote

from qualitycheck.reporters.streaming import BATCH, utf8_buffer
from qualitycheck.reporters.streaming import _string as _string
from qualitycheck.reporters.streaming import dumps as _dumps
from qualitycheck.rule import doc_sections

if TYPE_CHECKING:
    from qualitycheck.finding import Finding
    from qualitycheck.reporters import ReportContext
    from qualitycheck.result import FileResult
    from qualitycheck.rule import Rule

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
INFORMATION_URI = "https://github.com/qualitycheck/qualitycheck"
FINGERPRINT_KEY = "qualitycheck/v1"
SRCROOT = "%SRCROOT%"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def rule_name(rule_id: str) -> str:
    """``case.capital-mid-sentence`` -> ``CapitalMidSentence`` (SARIF's readable rule name)."""
    last = rule_id.rsplit(".", 1)[-1]
    return "".join(part.capitalize() for part in last.replace("_", "-").split("-"))


def help_markdown(doc: str) -> str:
    summary, sections = doc_sections(doc)
    parts = [summary] if summary else []
    for title, body in sections:
        if title.lower() in ("example", "examples", "use instead"):
            body = "```text\n" + body + "\n```"
        parts.append(f"**{title}**\n\n{body}")
    return "\n\n".join(parts)


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    doc = rule.explain()
    return {
        "id": rule.id,
        "name": rule_name(rule.id),
        "shortDescription": {"text": rule.summary or rule.id},
        "fullDescription": {"text": doc},
        "help": {"text": doc, "markdown": help_markdown(doc)},
        "helpUri": INFORMATION_URI,
        "defaultConfiguration": {"level": LEVELS[rule.severity.label]},
        "properties": {"tags": [rule.category]},
    }


def _bare_descriptor(rule_id: str, category: str) -> dict[str, Any]:
    """For a finding whose rule is not in the context (it should not happen; stay valid anyway)."""
    return {"id": rule_id, "name": rule_name(rule_id), "properties": {"tags": [category]}}


def artifact_location(path: str, root: str) -> dict[str, str]:
    """Repository-relative URI under ``%SRCROOT%``; an absolute ``file:`` URI otherwise."""
    if path == "-":
        return {"uri": "stdin"}
    if not os.path.isabs(path):
        rel = Path(path).as_posix()
        if not rel.startswith("../"):
            return {"uri": quote(rel), "uriBaseId": SRCROOT}
        path = os.path.join(root, path)
    return {"uri": Path(os.path.abspath(path)).as_uri()}


def _region(f: Finding) -> dict[str, Any]:
    return {
        "startLine": f.line,
        "startColumn": f.column,
        "endLine": f.end_line,
        "endColumn": f.end_column,
        "snippet": {"text": f.text},
    }


def _message(f: Finding) -> str:
    if not f.suggestions:
        return f.message
    alternatives = ", ".join(f"'{s}'" for s in f.suggestions[:3])
    return f"{f.message} (suggestion: {alternatives})"


def sarif_result(
    f: Finding, location: Mapping[str, str], rule_index: Mapping[str, int]
) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": rule_index[f.rule],
        "level": LEVELS[f.severity.label],
        "message": {"text": _message(f)},
        "locations": [
            {"physicalLocation": {"artifactLocation": dict(location), "region": _region(f)}}
        ],
        "properties": {"confidence": round(f.confidence, 3), "category": f.category},
    }
    if f.fingerprint:
        result["partialFingerprints"] = {FINGERPRINT_KEY: f.fingerprint}
    if f.suggestions:
        result["fixes"] = [
            {
                "description": {"text": f"Replace '{f.text}' with '{f.suggestions[0]}'"},
                "artifactChanges": [
                    {
                        "artifactLocation": dict(location),
                        "replacements": [
                            {
                                "deletedRegion": {
                                    key: value
                                    for key, value in _region(f).items()
                                    if key != "snippet"
                                },
                                "insertedContent": {"text": f.suggestions[0]},
                            }
                        ],
                    }
                ],
            }
        ]
    return result


class _Run:
    """What a SARIF run gathers besides its results: the rule descriptors (a finding of a rule
    not in the context adds one), the tool execution notifications and whether it succeeded."""

    def __init__(self, ctx: ReportContext) -> None:
        rules = [ctx.rules[rid] for rid in sorted(ctx.rules)]
        self.ctx = ctx
        self.descriptors = [rule_descriptor(r) for r in rules]
        self.rule_index = {r.id: i for i, r in enumerate(rules)}
        self.notifications: list[dict[str, Any]] = []
        self.successful = True
        self.fast = False  # results as JSON text, RESULTS_LEVEL + 2 spaces deep (``write``)
        self._locations: dict[str, tuple[str, str]] = {}

    def _serialised(self, findings: list[Finding], location: dict[str, str]) -> list[Any]:
        """``dumps(sarif_result(f, ...), 2, RESULT_LEVEL)`` of each finding, written straight
        from it (the same text, several times faster; see ``result_json``)."""
        from qualitycheck.reporters.streaming import dumps

        key = location.get("uri", "") + "\x00" + location.get("uriBaseId", "")
        texts = self._locations.get(key)
        if texts is None:
            if len(self._locations) > 64:
                self._locations.clear()
            texts = self._locations[key] = (dumps(location, 2, RESULT_LEVEL + 8),
                                            dumps(location, 2, RESULT_LEVEL + 10))  # fmt: skip
        return [result_json(f, location, texts, self.rule_index) for f in findings]

    def results(self, results: Iterable[FileResult]) -> Iterator[list[Any]]:
        """The SARIF results, in lists of at most ``BATCH``, piece by piece of each file (see
        ``FileResult.pieces``): as dictionaries, or with ``fast`` as their JSON text."""
        rule_index, descriptors = self.rule_index, self.descriptors
        notifications = self.notifications
        for result in results:
            location = artifact_location(result.path, self.ctx.root)
            file_location = [{"physicalLocation": {"artifactLocation": location}}]
            if result.error is not None:
                self.successful = False
                notifications.append({
                    "level": "error",
                    "message": {"text": f"{result.path}: could not be checked: {result.error}"},
                    "locations": file_location,
                })  # fmt: skip
                continue
            for whole in result.pieces():
                for f in whole:
                    if f.rule not in rule_index:
                        rule_index[f.rule] = len(descriptors)
                        descriptors.append(_bare_descriptor(f.rule, f.category))
                for k in range(0, len(whole), BATCH):  # ~2 KB each: not a whole piece at once
                    piece = whole[k : k + BATCH]
                    yield (
                        self._serialised(piece, location)
                        if self.fast
                        else [sarif_result(f, location, rule_index) for f in piece]
                    )
            # after the findings: a streamed result's failures and notices are known at its end
            said: list[dict[str, Any]] = []
            for failure in result.failures:
                self.successful = False
                said.append({
                    "level": "error",
                    "message": {"text": f"{result.path}: internal error in rule {failure.rule}: "
                                        f"{failure.error} (please report it)"},
                    "locations": file_location,
                })  # fmt: skip
            for notice in result.notices:
                said.append({
                    "level": "warning",
                    "message": {"text": f"{result.path}: {notice}"},
                    "locations": file_location,
                })  # fmt: skip
            notifications.extend(said)

    def log(self, results: Any) -> dict[str, Any]:
        """The log around ``results`` (the list of SARIF results, or a placeholder)."""
        invocation: dict[str, Any] = {"executionSuccessful": self.successful}
        if self.notifications:
            invocation["toolExecutionNotifications"] = self.notifications
        ctx = self.ctx
        root_uri = Path(os.path.abspath(ctx.root)).as_uri().rstrip("/") + "/"
        run: dict[str, Any] = {
            "tool": {
                "driver": {
                    "name": "qualitycheck",
                    "version": ctx.tool_version or "0",
                    "semanticVersion": ctx.tool_version or "0.0.0",
                    "informationUri": INFORMATION_URI,
                    "rules": self.descriptors,
                }
            },
            "invocations": [invocation],
            "originalUriBaseIds": {SRCROOT: {"uri": root_uri}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }
        return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def sarif_log(results: Iterable[FileResult], ctx: ReportContext) -> dict[str, Any]:
    """The SARIF log as a JSON-ready dictionary."""
    run = _Run(ctx)
    sarif_results = [item for piece in run.results(results) for item in piece]
    return run.log(sarif_results)


#: where the log's results stand: in "runs" (2 spaces deep), in the run (4), in "results" (6),
#: and the results themselves (8)
_RESULTS_LEVEL = 6
RESULT_LEVEL = _RESULTS_LEVEL + 2


def _pads(level: int) -> list[str]:
    return ["\n" + " " * (level + k) for k in range(0, 22, 2)]


_P = _pads(RESULT_LEVEL)


def _layout(p: list[str], v: list[str], fingerprint: bool, fix: bool) -> str:
    """The text of a result, ``RESULT_LEVEL`` spaces deep (``p``: the paddings), with the
    serialised values ``v`` in their places (see ``result_json`` for their order)."""
    region = f'"startLine": {v[5]},{{0}}"startColumn": {v[6]},{{0}}"endLine": {v[7]},{{0}}"endColumn": {v[8]}'
    text = (
        f'{{{p[1]}"ruleId": {v[0]},{p[1]}"ruleIndex": {v[1]},'
        f'{p[1]}"level": {v[2]},'
        f'{p[1]}"message": {{{p[2]}"text": {v[3]}{p[1]}}},'
        f'{p[1]}"locations": [{p[2]}{{{p[3]}"physicalLocation": {{'
        f'{p[4]}"artifactLocation": {v[4]},{p[4]}"region": {{{p[5]}'
        + region.format(p[5])
        + f',{p[5]}"snippet": {{{p[6]}"text": {v[9]}{p[5]}}}'
        f"{p[4]}}}{p[3]}}}{p[2]}}}{p[1]}],"
        f'{p[1]}"properties": {{{p[2]}"confidence": {v[10]},'
        f'{p[2]}"category": {v[11]}{p[1]}}}'
    )
    if fingerprint:
        text += f',{p[1]}"partialFingerprints": {{{p[2]}"{FINGERPRINT_KEY}": {v[12]}{p[1]}}}'
    if fix:
        text += (
            f',{p[1]}"fixes": [{p[2]}{{{p[3]}"description": {{'
            f'{p[4]}"text": {v[13]}'
            f'{p[3]}}},{p[3]}"artifactChanges": [{p[4]}{{{p[5]}"artifactLocation": {v[14]},'
            f'{p[5]}"replacements": [{p[6]}{{{p[7]}"deletedRegion": {{{p[8]}'
            + region.format(p[8])
            + f'{p[7]}}},{p[7]}"insertedContent": {{{p[8]}"text": {v[15]}'
            f"{p[7]}}}{p[6]}}}{p[5]}]{p[4]}}}{p[3]}]{p[2]}}}{p[1]}]"
        )
    return text + p[0] + "}"


_SLOTS = 16  # the values of _layout


@functools.cache
def _template(fingerprint: bool, fix: bool) -> tuple[list[str], list[int]]:
    """``_layout`` cut around its values: the constant texts between them and the index of the
    value in each gap (a value may come twice: the region is also the fix's)."""
    tokens = [f"\x00{k}\x00" for k in range(_SLOTS)]
    parts = re.split("\x00(\\d+)\x00", _layout(_P, tokens, fingerprint, fix))
    return parts[0::2], [int(k) for k in parts[1::2]]


def result_json(
    f: Finding, location: dict[str, str], texts: tuple[str, str], rule_index: Mapping[str, int]
) -> str:
    """``dumps(sarif_result(f, location, rule_index), 2, RESULT_LEVEL)``, where ``texts`` are
    ``location`` serialised RESULT_LEVEL + 8 and + 10 spaces deep. Falls back to the dictionary
    for anything unusual (a Finding subclass, a position that is not an int). The text is one
    ``str.format`` of a template (``_template``) made once."""
    s = _string
    confidence = round(f.confidence, 3)
    line, column, end_line, end_column = f.line, f.column, f.end_line, f.end_column
    if not (type(line) is type(column) is type(end_line) is type(end_column) is int
            and type(confidence) is float and math.isfinite(confidence)
            and type(f).__name__ == "Finding"):  # fmt: skip
        return _dumps(sarif_result(f, location, rule_index), 2, RESULT_LEVEL)
    fingerprint, suggestions = f.fingerprint, f.suggestions
    first = suggestions[0] if suggestions else ""
    constants, order = _template(bool(fingerprint), bool(suggestions))
    values = (
        s(f.rule), str(rule_index[f.rule]), s(LEVELS[f.severity.label]), s(_message(f)),
        texts[0], str(line), str(column), str(end_line), str(end_column), s(f.text),
        float.__repr__(confidence), s(f.category), s(fingerprint),
        s(f"Replace '{f.text}' with '{first}'") if suggestions else "", texts[1], s(first),
    )  # fmt: skip
    parts = constants * 2  # (the length of the text: constants and values in turn)
    del parts[-1]
    parts[0::2] = constants
    parts[1::2] = map(values.__getitem__, order)
    return "".join(parts)


def write(results: Iterable[FileResult], out: TextIO, ctx: ReportContext) -> None:
    """Write the log as ``json.dump(sarif_log(...), indent=2)`` would. The results come last in a
    run but what precedes them (the rules, the notifications) is only known after the last
    file, so the results are serialised as they come into a temporary file (memory stays flat
    however many there are) and copied after the head of the log."""
    import shutil
    import tempfile

    from qualitycheck.reporters.streaming import PLACEHOLDER, ArrayWriter, split_around

    run = _Run(ctx)
    with tempfile.TemporaryFile("w+b") as raw:
        spool = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        array = ArrayWriter(spool, 2, _RESULTS_LEVEL)
        run.fast = True
        for piece in run.results(results):
            array.add_all(piece)
        array.close()
        spool.flush()
        head, tail = split_around(run.log(PLACEHOLDER), 2)
        out.write(head)
        raw.seek(0)
        buffer = utf8_buffer(out)
        if buffer is not None:  # the spool's bytes are the output's: copied, not decoded
            out.flush()
            shutil.copyfileobj(raw, buffer, 1 << 20)
        else:
            shutil.copyfileobj(io.TextIOWrapper(raw, encoding="utf-8", newline=""), out, 1 << 20)
        out.write(tail + "\n")
