"""GitHub Actions workflow commands: one annotation per finding, escaped, then a summary line."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from qualitycheck.api import FileResult
from qualitycheck.config import Settings
from qualitycheck.document import Document
from qualitycheck.engine import Engine
from qualitycheck.finding import Finding, Match, Severity
from qualitycheck.loaders import load_text
from qualitycheck.reporters import ReportContext
from qualitycheck.reporters.github import escape_data, escape_property, write
from qualitycheck.rule import Context, Rule, define


def pattern_rule(rule_id: str, pattern: str, severity: str) -> Rule:
    def check(doc: Document, ctx: Context) -> Iterator[Match]:
        for m in re.finditer(pattern, doc.text):
            yield Match(m.start(), m.end(), f"'{m.group()}' is odd", (m.group().lower(),))

    return define(rule_id, severity, check, f"Flags {rule_id}.")


RULES = {
    r.id: r
    for r in (
        pattern_rule("case.odd-capital", r"\bIn\b", "warning"),
        pattern_rule("punctuation.stray", r"\. ,", "error"),
        pattern_rule("structure.tail", r"wrote in\nAfter", "info"),
    )
}


def check(text: str, path: str = "a.txt") -> FileResult:
    doc = load_text(text, "text", path=path)
    found = Engine(Settings(), RULES).check(doc)
    return FileResult(path, doc.format, found.findings, document=doc, failures=found.failures)


def output(results: list[FileResult]) -> list[str]:
    out = io.StringIO()
    write(results, out, ReportContext(rules=RULES))
    return out.getvalue().splitlines()


def finding(message: str, **changes: object) -> Finding:
    fields: dict[str, object] = dict(
        rule="case.odd-capital", category="case", severity=Severity.WARNING, message=message,
        line=3, column=5, end_line=3, end_column=7, text="In",
    )  # fmt: skip
    fields.update(changes)
    return Finding(**fields)  # type: ignore[arg-type]


def test_one_command_per_finding_with_position_and_title() -> None:
    lines = output([check("Troops moved In the south. , then.\n")])
    assert lines[:2] == [
        "::warning file=a.txt,line=1,col=14,endLine=1,endColumn=16,title=case.odd-capital"
        "::'In' is odd [case.odd-capital] Suggestion: in",
        "::error file=a.txt,line=1,col=26,endLine=1,endColumn=29,title=punctuation.stray"
        "::'. ,' is odd [punctuation.stray] Suggestion: . ,",
    ]


def test_info_becomes_notice_and_multiline_findings_leave_out_columns() -> None:
    lines = output([check("The mayor wrote in\nAfter the visit.\n")])
    (command,) = [line for line in lines if line.startswith("::")]
    assert command.startswith("::notice file=a.txt,line=1,endLine=2,title=structure.tail::")
    assert "col=" not in command
    # the message's line break is escaped, so the command stays on one line
    assert "'wrote in%0AAfter' is odd" in command


def test_summary_line_comes_last() -> None:
    lines = output([check("moved In. , here\n"), check("Nothing odd.\n", path="b.txt")])
    assert lines[-1] == "qualitycheck: found 2 findings (1 error, 1 warning) in 2 files."
    assert output([check("Nothing odd.\n")]) == ["qualitycheck: found 0 findings in 1 file."]


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("100% sure", "100%25 sure"),
        ("a\r\nb", "a%0D%0Ab"),
        ("x: y, z", "x: y, z"),
        ("%0A", "%250A"),
    ],
)
def test_escapes_messages(raw: str, escaped: str) -> None:
    assert escape_data(raw) == escaped


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [("dir,1/a:b.txt", "dir%2C1/a%3Ab.txt"), ("50%\n", "50%25%0A"), ("plain.md", "plain.md")],
)
def test_escapes_properties(raw: str, escaped: str) -> None:
    assert escape_property(raw) == escaped


def test_escaping_in_a_whole_command() -> None:
    result = FileResult(path="notes, v2: final.txt", format="text",
                        findings=[finding("50% of it\nis odd: see, here")])  # fmt: skip
    (command, _) = output([result])
    assert command == (
        "::warning file=notes%2C v2%3A final.txt,line=3,col=5,endLine=3,endColumn=7,"
        "title=case.odd-capital::50%25 of it%0Ais odd: see, here [case.odd-capital]"
    )


def test_unreadable_file_is_an_error_annotation() -> None:
    lines = output([FileResult(path="gone.txt", format="text", error="no such file")])
    assert (
        lines[0] == "::error file=gone.txt,title=qualitycheck::could not be checked: no such file"
    )
    assert lines[-1] == (
        "qualitycheck: found 0 findings in 0 files; 1 file could not be checked."
    )  # the counts add up: the unreadable file was not checked


def test_cli_lint_format_github(tmp_path: Path) -> None:
    (tmp_path / "garbled.txt").write_text(
        "The minister said that the the talks would resume.\n", encoding="utf-8"
    )
    proc = subprocess.run(
        [sys.executable, "-m", "qualitycheck", "lint", "--format", "github", "--isolated",
         "garbled.txt"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
        env={**os.environ, "NO_COLOR": "1"},
    )  # fmt: skip
    assert proc.returncode == 1, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith(
        "::error file=garbled.txt,line=1,col=24,endLine=1,endColumn=31,title=structure.repeated-word::"
    ), lines[0]
    assert lines[-1].startswith("qualitycheck: found ")


def test_finding_commands_are_the_finding_command_of_each_finding() -> None:
    from qualitycheck.finding import Finding, Severity
    from qualitycheck.reporters.github import finding_command, finding_commands

    findings = [
        Finding("a.b", "a", Severity.ERROR, "50% off\r\nnow, ok: yes", 1, 2, 1, 5, "t",
                ("x%y",), 0.5, 0, 3),
        Finding("a:b,c", "a", Severity.INFO, "plain", 3, 4, 5, 1, "t", (), 1.0, 0, 3),
        Finding("a.b", "a", Severity.WARNING, "m", 2, 1, 2, 9, "t", ("",), 1.0, 0, 3),
    ]  # fmt: skip
    path = "dir,with:odd%chars/f.txt"
    assert finding_commands(path, findings) == [finding_command(path, f) + "\n" for f in findings]
