"""End-to-end tests of the command line, run as a user would run it (a subprocess)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

GARBLED = "The minister said that the the talks would resume on Monday.\nWrite to her at [email protected]\n"
CLEAN = "The minister said that the talks would resume on Monday.\n"


def run(
    *args: str, cwd: Path, stdin: str | bytes | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    data = stdin.encode() if isinstance(stdin, str) else stdin
    proc = subprocess.run(
        [sys.executable, "-m", "qualitycheck", *args],
        cwd=cwd,
        input=data,
        capture_output=True,
        env=full_env,
        timeout=120,
    )
    return subprocess.CompletedProcess(
        proc.args, proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")
    )


@pytest.fixture
def work(tmp_path: Path) -> Path:
    (tmp_path / "garbled.txt").write_text(GARBLED, encoding="utf-8")
    (tmp_path / "clean.txt").write_text(CLEAN, encoding="utf-8")
    return tmp_path


def test_text_format_lines_and_exit_code_1_on_findings(work: Path) -> None:
    proc = run("lint", "garbled.txt", cwd=work)
    assert proc.returncode == 1, proc.stderr
    lines = proc.stdout.splitlines()
    assert "garbled.txt:1:24: error structure.repeated-word" in proc.stdout
    assert any(
        line.startswith("garbled.txt:2:") and "junk.email-placeholder" in line for line in lines
    )
    assert lines[-1].startswith("Found ")
    assert "\x1b[" not in proc.stdout  # no colour in a pipe


def test_clean_file_exits_0(work: Path) -> None:
    proc = run("lint", "clean.txt", cwd=work)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Found 0 findings in 1 file." in proc.stdout


def test_fail_on_levels(work: Path) -> None:
    assert run("lint", "garbled.txt", "--fail-on", "never", cwd=work).returncode == 0
    assert run("lint", "garbled.txt", "--fail-on", "error", cwd=work).returncode == 1
    proc = run("lint", "garbled.txt", "--fail-on", "sometimes", cwd=work)
    assert proc.returncode == 2


def test_json_output_follows_the_contract(work: Path) -> None:
    proc = run("lint", "--format", "json", "garbled.txt", "clean.txt", cwd=work)
    assert proc.returncode == 1
    data = json.loads(proc.stdout)
    assert data["version"] == 1
    assert data["tool"]["name"] == "qualitycheck"
    assert [f["path"] for f in data["files"]] == ["garbled.txt", "clean.txt"]
    first = data["files"][0]
    assert first["format"] == "text" and first["error"] is None
    finding = first["findings"][0]
    for key in ("rule", "category", "severity", "message", "line", "column", "end_line",
                "end_column", "text", "suggestions", "confidence"):  # fmt: skip
        assert key in finding
    lines = GARBLED.splitlines()
    for f in first["findings"]:
        assert lines[f["line"] - 1][f["column"] - 1 : f["end_column"] - 1] == f["text"]
    assert set(first["scores"]["readability"]) >= {
        "flesch_reading_ease",
        "flesch_kincaid_grade",
        "gunning_fog",
    }
    assert 0 <= first["scores"]["quality"] < data["files"][1]["scores"]["quality"] == 100
    assert first["stats"]["words"] > 10
    total = sum(len(f["findings"]) for f in data["files"])
    assert data["summary"]["files"] == 2 and data["summary"]["findings"] == total
    assert sum(data["summary"]["by_severity"].values()) == total


def test_jsonl_streams_one_object_per_file(work: Path) -> None:
    proc = run("lint", "--format", "jsonl", "garbled.txt", "clean.txt", cwd=work)
    objects = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [o["path"] for o in objects] == ["garbled.txt", "clean.txt"]


def test_output_file_is_written_and_stdout_stays_empty(work: Path) -> None:
    proc = run("lint", "-f", "json", "-o", "out.json", "garbled.txt", cwd=work)
    assert proc.returncode == 1 and proc.stdout == ""
    assert json.loads((work / "out.json").read_text())["summary"]["files"] == 1


def test_bad_input_gets_one_line_and_exit_2_while_other_files_are_checked(work: Path) -> None:
    (work / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00\x00" * 50)
    (work / "latin1.txt").write_bytes(
        "Caf\xe9 au lait, cr\xe8me br\xfbl\xe9e et cr\xeapes.".encode("latin-1")
    )
    before = {p.name: p.read_bytes() for p in work.iterdir()}
    proc = run("lint", "binary.txt", "garbled.txt", "missing.txt", "latin1.txt", cwd=work)
    assert proc.returncode == 2
    errors = proc.stderr.strip().splitlines()
    assert any(e.startswith("qualitycheck: error: binary.txt: ") for e in errors)
    assert any(e.startswith("qualitycheck: error: missing.txt: ") for e in errors)
    assert "Traceback" not in proc.stderr
    assert "garbled.txt:1:24:" in proc.stdout  # still checked
    assert "latin1.txt: error" not in proc.stdout  # decoded, not rejected
    assert {p.name: p.read_bytes() for p in work.iterdir() if p.name in before} == before


def test_directories_are_walked_with_include_and_exclude_globs(work: Path) -> None:
    (work / "sub").mkdir()
    (work / "sub" / "a.md").write_text("Here is is a problem.\n")
    (work / "sub" / "notes.rst").write_text("the the\n")
    (work / "drafts").mkdir()
    (work / "drafts" / "b.txt").write_text("the the\n")
    proc = run("lint", "-f", "json", ".", "--exclude", "drafts", cwd=work)
    paths = sorted(f["path"] for f in json.loads(proc.stdout)["files"])
    assert paths == ["clean.txt", "garbled.txt", os.path.join("sub", "a.md")]


def test_stdin_is_read_with_dash(work: Path) -> None:
    proc = run("lint", "-", cwd=work, stdin=GARBLED)
    assert proc.returncode == 1
    assert "-:1:24: error structure.repeated-word" in proc.stdout
    proc = run(
        "lint",
        "-",
        "--stdin-filename",
        "article.md",
        "-f",
        "json",
        cwd=work,
        stdin="# Title\n\nthe the\n",
    )
    data = json.loads(proc.stdout)["files"][0]
    assert data["path"] == "article.md" and data["format"] == "markdown"


def test_configuration_from_pyproject_and_its_errors(work: Path) -> None:
    (work / "pyproject.toml").write_text(
        '[tool.qualitycheck]\nignore = ["structure.repeated-word"]\n'
    )
    proc = run("lint", "garbled.txt", cwd=work)
    assert "structure.repeated-word" not in proc.stdout
    assert "junk.email-placeholder" in proc.stdout
    assert "structure.repeated-word" in run("lint", "--isolated", "garbled.txt", cwd=work).stdout
    (work / "pyproject.toml").write_text('[tool.qualitycheck]\nfail_on = "error"\n')
    proc = run("lint", "garbled.txt", cwd=work)
    assert proc.returncode == 2
    assert proc.stderr.strip() == (
        f"qualitycheck: error: {work / 'pyproject.toml'}: unknown key 'fail_on' "
        "(did you mean 'fail-on'?)"
    )


def test_unknown_rule_in_select_is_a_usage_error(work: Path) -> None:
    proc = run("lint", "--select", "structure.repeated-wrd", "garbled.txt", cwd=work)
    assert proc.returncode == 2
    assert "matches no known rule" in proc.stderr and "Traceback" not in proc.stderr


def test_baseline_reports_only_new_findings(work: Path) -> None:
    assert run("lint", "garbled.txt", "--write-baseline", "base.json", cwd=work).returncode == 0
    assert run("lint", "garbled.txt", "--baseline", "base.json", cwd=work).returncode == 0
    # An edit elsewhere in the file does not resurrect the old findings; a new problem is reported.
    (work / "garbled.txt").write_text("A new first paragraph.\n\n" + GARBLED + "It was was late.\n")
    proc = run("lint", "garbled.txt", "--baseline", "base.json", "-f", "json", cwd=work)
    findings = json.loads(proc.stdout)["files"][0]["findings"]
    assert [(f["rule"], f["text"]) for f in findings] == [("structure.repeated-word", "was was")]
    bad = run("lint", "garbled.txt", "--baseline", "nope.json", cwd=work)
    assert bad.returncode == 2 and "baseline file not found" in bad.stderr


def test_markdown_suppression_comments(work: Path) -> None:
    (work / "doc.md").write_text(
        "# Notes\n\n<!-- qualitycheck: disable-next-line structure.repeated-word -->\n"
        "It was the the best.\n\nAnd the the worst.\n"
    )
    proc = run("lint", "-f", "json", "doc.md", cwd=work)
    findings = json.loads(proc.stdout)["files"][0]["findings"]
    assert [(f["rule"], f["line"]) for f in findings] == [("structure.repeated-word", 6)]


def test_rules_and_explain(work: Path) -> None:
    listing = run("rules", cwd=work)
    assert listing.returncode == 0
    ids = [line.split()[0] for line in listing.stdout.splitlines()]
    assert "structure.repeated-word" in ids and "phrasing.garbled-stock-phrase" in ids
    text = run("explain", "structure.repeated-word", cwd=work).stdout
    for section in ("What it does", "Why it matters", "Example", "Use instead"):
        assert section in text
    bad = run("explain", "structure.repeated-wrod", cwd=work)
    assert bad.returncode == 2 and "did you mean structure.repeated-word" in bad.stderr


def test_score_command_prints_scores_only(work: Path) -> None:
    proc = run("score", "-f", "json", "garbled.txt", cwd=work)
    assert proc.returncode == 0
    data = json.loads(proc.stdout)["files"][0]
    assert "findings" not in data
    assert data["scores"]["quality"] < 100 and data["scores"]["readability"]["smog_index"] >= 0


def test_version_and_help(work: Path) -> None:
    assert run("--version", cwd=work).stdout.strip() == "qualitycheck 0.1.0"
    helptext = run("lint", "--help", cwd=work).stdout
    assert "--format" in helptext and "--baseline" in helptext


def test_runs_with_the_network_blocked(work: Path) -> None:
    script = (
        "import socket, sys\n"
        "def refuse(*a, **k): raise OSError('network blocked by test')\n"
        "socket.socket.connect = refuse; socket.socket.connect_ex = refuse\n"
        "socket.create_connection = refuse; socket.getaddrinfo = refuse\n"
        "from qualitycheck.cli import main\n"
        "sys.argv = ['qualitycheck', 'lint', '-f', 'json', 'garbled.txt']\n"
        "main()\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], cwd=work, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 1, proc.stderr
    data = json.loads(proc.stdout)
    assert data["files"][0]["scores"]["readability"] is not None
