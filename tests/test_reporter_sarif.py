"""SARIF 2.1.0 output: valid against the OASIS schema, positions in code points, stable fingerprints."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from conftest import TEST_DATA

from qualitycheck.api import FileResult
from qualitycheck.config import settings_from_mapping
from qualitycheck.document import Document
from qualitycheck.engine import Engine
from qualitycheck.finding import Match
from qualitycheck.loaders import load_text
from qualitycheck.reporters import ReportContext
from qualitycheck.reporters.sarif import sarif_log
from qualitycheck.rule import Context, Rule, define
from qualitycheck.suppress import fingerprint

SCHEMA = TEST_DATA / "sarif" / "sarif-schema-2.1.0.json"

DOC = """Flags {word}.

What it does
    Finds {word}.

Why it matters
    It is broken.

Example
    a {word} here

Use instead
    a fix here
"""


def pattern_rule(rule_id: str, pattern: str, severity: str, suggest: bool = True) -> Rule:
    def check(doc: Document, ctx: Context) -> Iterator[Match]:
        for m in re.finditer(pattern, doc.text):
            suggestions = (m.group().lower(),) if suggest else ()
            yield Match(m.start(), m.end(), f"'{m.group()}' is odd", suggestions, 0.8)

    return define(rule_id, severity, check, DOC.format(word=rule_id))


RULES = {
    r.id: r
    for r in (
        pattern_rule("case.odd-capital", r"\bIn\b", "warning"),
        pattern_rule("punctuation.stray", r"\. ,", "error"),
        pattern_rule("junk.hash", r"\b[0-9a-f]{8}\b", "info", suggest=False),
    )
}
TEXT = "Troops moved In the south. , then\r\nstopped 😀 In town deadbeef.\n"


def check(text: str, path: str = "a.txt", **config: object) -> FileResult:
    """What ``Checker.check_text`` returns, with only the fake rules above."""
    engine = Engine(settings_from_mapping(config), RULES)
    doc = load_text(text, "text", path=path)
    found = engine.check(doc)
    return FileResult(path, doc.format, found.findings, document=doc, failures=found.failures)


def ctx(root: str = ".") -> ReportContext:
    return ReportContext(rules=RULES, tool_version="1.2.3", root=root)


@cache
def validator() -> Any:
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema)


def assert_valid(log: dict[str, Any]) -> None:
    errors = sorted(validator().iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def run_of(results: list[FileResult], root: str = ".") -> dict[str, Any]:
    log = sarif_log(results, ctx(root))
    assert_valid(log)
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    return run


def test_valid_against_the_sarif_schema_with_every_feature() -> None:
    results = [
        check(TEXT, path="docs/a file.txt"),
        FileResult(path="gone.txt", format="text", error="no such file"),
    ]
    log = sarif_log(results, ctx())
    assert_valid(log)
    assert json.loads(json.dumps(log)) == log


def test_driver_describes_every_rule() -> None:
    run = run_of([check(TEXT)])
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("qualitycheck", "1.2.3")
    assert driver["informationUri"].startswith("https://")
    by_id = {r["id"]: r for r in driver["rules"]}
    assert set(by_id) == set(RULES)
    rule = by_id["case.odd-capital"]
    assert rule["name"] == "OddCapital"
    assert rule["shortDescription"]["text"] == "Flags case.odd-capital."
    assert rule["fullDescription"]["text"] == RULES["case.odd-capital"].explain()
    assert "**Why it matters**" in rule["help"]["markdown"]
    assert "```text\na case.odd-capital here\n```" in rule["help"]["markdown"]
    assert rule["help"]["text"] == RULES["case.odd-capital"].explain()
    levels = {rid: r["defaultConfiguration"]["level"] for rid, r in by_id.items()}
    assert levels == {
        "case.odd-capital": "warning",
        "punctuation.stray": "error",
        "junk.hash": "note",
    }


def test_results_point_at_their_rule_and_level() -> None:
    run = run_of([check(TEXT)])
    rules = run["tool"]["driver"]["rules"]
    levels = {"case.odd-capital": "warning", "punctuation.stray": "error", "junk.hash": "note"}
    assert run["results"]
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        assert res["level"] == levels[res["ruleId"]]
        assert res["properties"]["category"] == res["ruleId"].split(".")[0]
        assert res["properties"]["confidence"] == 0.8


def test_regions_count_code_points_one_based_end_exclusive() -> None:
    result = check(TEXT)
    run = run_of([result])
    assert run["columnKind"] == "unicodeCodePoints"
    lines = TEXT.replace("\r\n", "\n").split("\n")
    regions = [r["locations"][0]["physicalLocation"]["region"] for r in run["results"]]
    assert len(regions) == len(result.findings) == 4
    for region, f in zip(regions, result.findings, strict=True):
        line = lines[region["startLine"] - 1]
        assert line[region["startColumn"] - 1 : region["endColumn"] - 1] == f.text
        assert region["snippet"]["text"] == f.text
    # after the emoji (one code point, two UTF-16 units) columns stay in code points
    second_in = next(r for r in regions if r["startLine"] == 2 and r["snippet"]["text"] == "In")
    assert second_in["startColumn"] == len("stopped 😀 ") + 1


def test_message_carries_the_suggestion_and_a_fix() -> None:
    run = run_of([check(TEXT)])
    first = run["results"][0]
    assert first["message"]["text"] == "'In' is odd (suggestion: 'in')"
    fix = first["fixes"][0]
    replacement = fix["artifactChanges"][0]["replacements"][0]
    assert replacement["insertedContent"]["text"] == "in"
    assert replacement["deletedRegion"]["startColumn"] == 14
    no_suggestion = next(r for r in run["results"] if r["ruleId"] == "junk.hash")
    assert no_suggestion["message"]["text"] == "'deadbeef' is odd"
    assert "fixes" not in no_suggestion


def test_uris_are_relative_to_srcroot_and_percent_encoded(tmp_path: Path) -> None:
    outside = tmp_path.parent / "elsewhere" / "b.txt"
    results = [
        check(TEXT, path=os.path.join("docs", "my notes.txt")),
        check(TEXT, path=str(outside)),
    ]
    run = run_of(results, root=str(tmp_path))
    locations = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in run["results"]]
    assert {"uri": "docs/my%20notes.txt", "uriBaseId": "%SRCROOT%"} in locations
    assert {"uri": outside.as_uri()} in locations
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.resolve().as_uri() + "/"


def test_partial_fingerprints_are_the_baseline_fingerprints() -> None:
    result = check(TEXT)
    run = run_of([result])
    got = [r["partialFingerprints"]["qualitycheck/v1"] for r in run["results"]]
    assert got == [fingerprint(f, TEXT) for f in result.findings]
    assert all(got) and len(set(got)) == len(got)


def test_unreadable_files_become_notifications_and_fail_the_invocation() -> None:
    results = [
        check(TEXT),
        FileResult(path="missing.txt", format="text", error="no such file"),
    ]
    run = run_of(results)
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error"
    assert note["message"]["text"] == "missing.txt: could not be checked: no such file"
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "missing.txt"


def test_clean_run_succeeds_with_no_results() -> None:
    run = run_of([check("All fine here.\n")])
    assert run["results"] == []
    assert run["invocations"] == [{"executionSuccessful": True}]


# -- end to end -------------------------------------------------------------------------------------
def test_cli_lint_format_sarif_is_valid(tmp_path: Path) -> None:
    (tmp_path / "garbled.txt").write_text(
        "The minister said that the the talks would resume. , On Monday.\n", encoding="utf-8"
    )
    proc = subprocess.run(
        [sys.executable, "-m", "qualitycheck", "lint", "--format", "sarif", "--isolated",
         "garbled.txt", "missing.txt"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
        env={**os.environ, "NO_COLOR": "1"},
    )  # fmt: skip
    assert proc.returncode == 2, proc.stderr  # a missing file is an input error
    log = json.loads(proc.stdout)
    assert_valid(log)
    (run,) = log["runs"]
    assert {r["ruleId"] for r in run["results"]} >= {"structure.repeated-word"}
    assert run["invocations"][0]["executionSuccessful"] is False
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]
    }
    assert uris == {"garbled.txt"}


@pytest.mark.parametrize("severity", ["error", "warning", "info"])
def test_level_follows_configured_severity(severity: str) -> None:
    run = run_of([check("moved In town\n", severity={"case.odd-capital": severity})])
    (res,) = run["results"]
    assert res["level"] == {"error": "error", "warning": "warning", "info": "note"}[severity]
