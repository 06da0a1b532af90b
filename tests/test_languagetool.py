"""The LanguageTool backend: mapping /v2/check responses (UTF-16 offsets, Markdown, HTML), merging
with our own findings, and every way LanguageTool can be unavailable, tested for real on this
machine (refused port, silent server, no installation, no Java, a server that never starts)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import stat
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
from conftest import TEST_DATA

from qualitycheck import languagetool
from qualitycheck.config import ConfigError, settings_from_mapping
from qualitycheck.document import Document
from qualitycheck.engine import BackendReport, Engine
from qualitycheck.finding import Finding, Match, Severity
from qualitycheck.languagetool import (
    GRAMMAR_RULE,
    LanguageToolBackend,
    Utf16Offsets,
    check_url,
    chunks,
    lt_rule_id,
    map_response,
)
from qualitycheck.loaders import load_text
from qualitycheck.rule import RULE_ID_RE, Rule, define
from qualitycheck.rules.structure.repeated_word import RULE as REPEATED_WORD

DATA = TEST_DATA / "languagetool"
sys.path.insert(0, str(DATA))
from fake_lt_server import FakeLanguageTool, serve_in_thread  # noqa: E402

RULES = {REPEATED_WORD.id: REPEATED_WORD}


@pytest.fixture(scope="module")
def fake_lt() -> Iterator[FakeLanguageTool]:
    server = serve_in_thread()
    yield server
    server.shutdown()
    server.server_close()


def free_port() -> int:
    """A localhost port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def engine_for(url: str, **config: object) -> Engine:
    settings = settings_from_mapping({"languagetool": url, **config})
    return Engine(settings, RULES, backends=[LanguageToolBackend(url, timeout=5)])


def load(name: str, fmt: str) -> Document:
    doc = load_text((DATA / name).read_text(encoding="utf-8"), fmt, path=name)
    (span,) = chunks(doc)
    sent = (DATA / f"{Path(name).stem if fmt == 'text' else fmt}.sent.txt").read_text("utf-8")
    assert doc.text[span[0] : span[1]] == sent, "the loader changed: regenerate the fixture"
    return doc


def located(findings: list[Finding]) -> list[tuple[str, int, int, str]]:
    return [(f.rule, f.line, f.column, f.text) for f in findings if f.rule.startswith("grammar.")]


# -- rule ids, offsets, chunks -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("lt_id", "expected"),
    [
        ("MORFOLOGIK_RULE_EN_US", "grammar.lt.morfologik-rule-en-us"),
        ("EN_A_VS_AN", "grammar.lt.en-a-vs-an"),
        ("I_LOWERCASE", "grammar.lt.i-lowercase"),
        ("Weird.Rule-Id[2]__x", "grammar.lt.weird-rule-id-2-x"),
        ("ÜBER_RULE", "grammar.lt.ber-rule"),
        ("", "grammar.lt.unknown"),
    ],
)
def test_rule_ids_are_kebab_case_under_grammar_lt(lt_id: str, expected: str) -> None:
    assert lt_rule_id(lt_id) == expected
    assert RULE_ID_RE.match(expected)


def test_utf16_offsets_become_code_points_after_astral_characters() -> None:
    text = "a😀b🎉🎉c é"
    units = Utf16Offsets(text)
    assert [units.to_index(u) for u in (0, 1, 3, 4, 6, 8, 9, 10)] == [0, 1, 2, 3, 4, 5, 6, 7]
    assert units.to_index(2) == 2  # half-way through 😀: the next character, never half an emoji
    assert Utf16Offsets("plain é").to_index(6) == 6


def test_check_url_accepts_a_server_with_or_without_the_api_path() -> None:
    for url in (
        "http://lt:8081",
        "http://lt:8081/",
        "http://lt:8081/v2",
        "http://lt:8081/v2/check",
    ):
        assert check_url(url) == "http://lt:8081/v2/check"


def test_long_documents_go_in_chunks_cut_at_block_ends_and_map_back() -> None:
    paragraphs = [f"Paragraph {i} says teh council met." for i in range(40)]
    doc = Document.from_text("\n".join(paragraphs))
    spans = list(chunks(doc, limit=200))
    assert len(spans) > 5
    assert all(
        doc.text[s:e] in doc.text and (e == len(doc.text) or doc.text[e] == "\n") for s, e in spans
    )
    assert "".join(doc.text[s:e] + "\n" for s, e in spans).rstrip("\n") == doc.text
    start, end = spans[3]
    piece = doc.text[start:end]
    offset = piece.index("teh")
    response = {"matches": [{"offset": offset, "length": 3, "message": "Spelling.",
                             "replacements": [{"value": "the"}],
                             "rule": {"id": "MORFOLOGIK_RULE_EN_US", "issueType": "misspelling",
                                      "category": {"id": "TYPOS"}}}]}  # fmt: skip
    mapped = map_response(doc, response, chunk_start=start, chunk_text=piece)
    ((rule, match),) = mapped.matches
    assert doc.text[match.start : match.end] == "teh" and match.start == start + offset
    assert rule.id == "grammar.lt.morfologik-rule-en-us"


def spelling(text: str, word: str, nth: int = 1, issue: str = "misspelling") -> dict[str, object]:
    pos = -1
    for _ in range(nth):
        pos = text.index(word, pos + 1)
    return {"offset": len(text[:pos].encode("utf-16-le")) // 2, "length": len(word),
            "message": "Possible spelling mistake found.", "replacements": [{"value": "x"}],
            "rule": {"id": "MORFOLOGIK_RULE_EN_US", "issueType": issue,
                     "category": {"id": "TYPOS", "name": "Possible Typo"}}}  # fmt: skip


def test_spelling_on_capitalised_words_names_and_acronyms_is_dropped_typos_kept() -> None:
    text = "The report cites Mr. Okafor and NATO. Teh figures were revized in Lagos."
    doc = Document.from_text(text)
    response = {
        "matches": [spelling(text, w) for w in ("Okafor", "NATO", "Teh", "revized", "Lagos")]
    }
    mapped = map_response(doc, response)
    kept = {doc.text[m.start : m.end]: m for _, m in mapped.matches}
    assert sorted(kept) == ["Teh", "revized"]
    assert kept["Teh"].severity is Severity.INFO and kept["Teh"].confidence <= 0.3
    assert kept["revized"].severity is Severity.WARNING
    assert mapped.dropped == {"capitalised-spelling": 3}


def test_malformed_matches_are_counted_not_reported() -> None:
    doc = Document.from_text("Short text.")
    response = {"matches": [
        {"offset": 0, "length": 0, "rule": {"id": "X"}},
        {"offset": 50, "length": 3, "rule": {"id": "X"}},
        {"offset": "1", "length": 3},
        "not a match",
        {"offset": 0, "length": 5, "message": "Odd.", "rule": {"id": "SOME_STYLE_RULE"}},
    ]}  # fmt: skip
    mapped = map_response(doc, response)
    assert mapped.dropped == {"malformed": 4}
    ((rule, match),) = mapped.matches
    assert rule.id == "grammar.lt.some-style-rule" and match.severity is Severity.INFO
    with pytest.raises(ValueError):
        map_response(doc, {"software": {}})


# -- mapping canned responses through the engine ----------------------------------------------------
def test_maps_plain_text_matches_with_severity_confidence_and_suggestions(
    fake_lt: FakeLanguageTool,
) -> None:
    result = engine_for(fake_lt.url).check(load("plain.txt", "text"))
    grammar = {f.text: f for f in result.findings if f.category == "grammar"}
    assert sorted(grammar) == ["( ", "Teh", "an", "have", "recieved"]
    have = grammar["have"]
    assert (have.rule, have.severity, have.suggestions, have.line, have.column) == (
        "grammar.lt.he-verb-agr", Severity.WARNING, ("has",), 1, 5)  # fmt: skip
    assert "LanguageTool HE_VERB_AGR" in have.message and have.confidence == pytest.approx(0.7)
    assert grammar["recieved"].severity is Severity.WARNING
    assert grammar["recieved"].suggestions == ("received",)
    assert grammar["( "].severity is Severity.INFO  # whitespace: worth a look
    assert grammar["Teh"].severity is Severity.INFO and grammar["Teh"].confidence <= 0.3
    status = result.extras["grammar"]
    assert status["backend"] == "languagetool" and status["status"] == "checked"
    assert status["matches"] == 8
    assert status["dropped"] == {"capitalised-spelling": 1, "disabled": 1}


def test_drops_spelling_matches_on_capitalised_names_mid_sentence(
    fake_lt: FakeLanguageTool,
) -> None:
    findings = engine_for(fake_lt.url).check(load("plain.txt", "text")).findings
    assert not [f for f in findings if f.text == "Okonjo"]
    assert not [f for f in findings if f.text == '"']  # straight quotes are house style


def test_merges_a_match_on_a_span_one_of_our_rules_reported(fake_lt: FakeLanguageTool) -> None:
    result = engine_for(fake_lt.url).check(load("plain.txt", "text"))
    on_repeat = [f for f in result.findings if "the the" in f.text or f.text == "the"]
    assert [f.rule for f in on_repeat] == ["structure.repeated-word"]
    assert result.extras["grammar"]["merged"] == 1


def test_emoji_before_a_match_utf16_offsets_land_on_the_word(fake_lt: FakeLanguageTool) -> None:
    doc = load("emoji.txt", "text")
    findings = engine_for(fake_lt.url).check(doc).findings
    assert located(findings) == [
        ("grammar.lt.morfologik-rule-en-us", 1, 20, "teh"),  # UTF-16 offset 21
        ("grammar.lt.morfologik-rule-en-us", 2, 29, "evryone"),  # UTF-16 offset 65 - 35
    ]
    lines = doc.source.splitlines()
    for f in findings:
        assert lines[f.line - 1][f.column - 1 : f.end_column - 1] == f.text


def test_markdown_matches_point_into_the_file_as_written(fake_lt: FakeLanguageTool) -> None:
    doc = load("article.md", "markdown")
    result = engine_for(fake_lt.url).check(doc)
    assert located(result.findings) == [
        ("grammar.lt.he-verb-agr", 3, 17, "have"),
        ("grammar.lt.en-a-vs-an", 3, 33, "an"),
        ("grammar.lt.morfologik-rule-en-us", 3, 73, "teh"),
        ("grammar.lt.plural-verb-after-this", 5, 14, "was"),
    ]
    # the double space is in the list item as written, but spacing of extracted prose is not
    # the file's business in general: whitespace matches are dropped for Markdown and HTML
    assert result.extras["grammar"]["dropped"] == {"markup-whitespace": 1}
    lines = doc.source.splitlines()
    for f in result.findings:
        assert lines[f.line - 1][f.column - 1 : f.end_column - 1] == f.text


def test_html_matches_skip_tags_and_entities(fake_lt: FakeLanguageTool) -> None:
    doc = load("article.html", "html")
    findings = engine_for(fake_lt.url).check(doc).findings
    assert located(findings) == [
        ("grammar.lt.he-verb-agr", 2, 32, "have"),
        ("grammar.lt.en-a-vs-an", 2, 58, "an"),
        ("grammar.lt.morfologik-rule-en-us", 2, 77, "teh"),
        ("grammar.lt.morfologik-rule-en-us", 3, 16, "teh"),
    ]
    for f in findings:
        assert doc.source[f.start : f.end] == f.text


def test_configuration_selects_ignores_and_sets_severity_of_backend_rules(
    fake_lt: FakeLanguageTool,
) -> None:
    doc = load("plain.txt", "text")
    ignored = engine_for(fake_lt.url, ignore=["grammar.lt.morfologik-rule-en-us"]).check(doc)
    assert {f.rule for f in ignored.findings if f.category == "grammar"} == {
        "grammar.lt.he-verb-agr", "grammar.lt.en-a-vs-an", "grammar.lt.comma-parenthesis-whitespace"
    }  # fmt: skip
    info = engine_for(fake_lt.url, severity={"grammar": "info"}).check(doc)
    assert {f.severity for f in info.findings if f.category == "grammar"} == {Severity.INFO}
    none = engine_for(fake_lt.url, ignore=["grammar"]).check(doc)
    assert not [f for f in none.findings if f.category == "grammar"]
    assert "grammar" not in none.extras  # not even asked
    with pytest.raises(ConfigError, match="gramar"):
        engine_for(fake_lt.url, ignore=["gramar"])


def test_server_is_sent_the_language_and_our_disabled_rules(fake_lt: FakeLanguageTool) -> None:
    before = len(fake_lt.requests)
    backend = LanguageToolBackend(fake_lt.url, language="en-GB", timeout=5)
    Engine(settings_from_mapping({}), RULES, backends=[backend]).check(Document.from_text("Hi."))
    (fields,) = fake_lt.requests[before:]
    assert fields["language"] == "en-GB" and fields["text"] == "Hi."
    assert "EN_QUOTES" in fields["disabledRules"].split(",")


def test_grammar_pseudo_rule_is_documented_like_a_rule() -> None:
    assert GRAMMAR_RULE.id == "grammar.lt" and GRAMMAR_RULE.category == "grammar"
    text = GRAMMAR_RULE.explain()
    for section in ("What it does", "Why it matters", "Example", "Use instead"):
        assert section in text
    backend = LanguageToolBackend("http://127.0.0.1:1")
    engine = Engine(settings_from_mapping({}), RULES, backends=[backend])
    assert "grammar.lt" in engine.rules
    assert engine.rule_for("grammar.lt.en-a-vs-an") is GRAMMAR_RULE
    assert engine.rule_for("structure.repeated-word.x") is None
    assert [r.id for r in engine.selected()] == ["structure.repeated-word"]


class StubBackend:
    """Any backend will do: the engine knows nothing about LanguageTool."""

    name = "stub"

    def __init__(self, words: tuple[str, ...]) -> None:
        stub = define("demo.stub", "info", lambda doc, ctx: iter(()), "Stub.")
        self.rules: Mapping[str, Rule] = {stub.id: stub}
        self.words = words
        self.closed = False

    def check(self, doc: Document) -> BackendReport:
        rule = define("demo.stub.word", "warning", lambda doc, ctx: iter(()), "A word.")
        found = [(rule, Match(doc.text.index(w), doc.text.index(w) + len(w), f"{w}!"))
                 for w in self.words]  # fmt: skip
        return BackendReport(found, {"status": "ok"})

    def run_notices(self) -> list[str]:
        return []

    def close(self) -> None:
        self.closed = True


def test_engine_backend_hook_is_generic_and_skips_stitched_text() -> None:
    source = "Run the `make` tool and see [docs](https://example.org) now.\n"
    doc = load_text(source, "markdown")
    assert doc.text.startswith("Run the tool")  # "the tool" was stitched around the code span
    backend = StubBackend(("the tool", "now"))
    engine = Engine(
        settings_from_mapping({"ignore": ["demo.stub.never"]}), RULES, backends=[backend]
    )
    result = engine.check(doc)
    assert [(f.rule, f.text, f.column) for f in result.findings] == [("demo.stub.word", "now", 57)]
    assert result.extras == {"stub": {"status": "ok", "merged": 0}}
    engine.close()
    assert backend.closed


# -- unavailable: every other rule runs, one notice, status "skipped" ------------------------------
def assert_skipped(engine: Engine, reason_part: str, docs: int = 2) -> list[dict[str, object]]:
    statuses = []
    for i in range(docs):
        result = engine.check(Document.from_text(f"Prices rose by by {i} per cent."))
        assert [f.rule for f in result.findings] == ["structure.repeated-word"]
        statuses.append(result.extras["grammar"])
    assert all(s["status"] == "skipped" and s["backend"] == "languagetool" for s in statuses)
    assert reason_part in str(statuses[0]["reason"]), statuses[0]
    notices = engine.run_notices()
    assert len(notices) == 1 and reason_part in notices[0], notices
    assert engine.run_notices() == []  # once per run
    return statuses


@pytest.fixture
def requests_sent(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The URLs of the /v2/check requests the backend sends (each still goes to the network)."""
    sent: list[str] = []
    real = languagetool.post_check

    def counting(url: str, text: str, language: str, timeout: float) -> dict[str, object]:
        sent.append(url)
        return real(url, text, language, timeout)

    monkeypatch.setattr(languagetool, "post_check", counting)
    return sent


def test_refused_server_is_tried_once_with_one_notice(requests_sent: list[str]) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    assert_skipped(engine_for(url), "connection refused", docs=3)
    assert len(requests_sent) == 1  # not once per file


def test_silent_server_times_out_once_for_the_whole_run(requests_sent: list[str]) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)  # accepts connections (the kernel does) and never answers
    url = f"http://127.0.0.1:{listener.getsockname()[1]}"
    settings = settings_from_mapping({"languagetool": url, "languagetool-timeout": 0.5})
    engine = Engine(settings, RULES, backends=[LanguageToolBackend(url, timeout=0.5)])
    try:
        assert_skipped(engine, "did not answer within 0.5 s", docs=3)
        listener.setblocking(False)
        connections = 0
        while True:
            try:
                conn, _ = listener.accept()
            except BlockingIOError:
                break
            conn.close()
            connections += 1
    finally:
        listener.close()
    assert len(requests_sent) == 1  # one timeout, not one per file
    assert connections == 1


def fake_java(bin_dir: Path, body: str) -> Path:
    bin_dir.mkdir(parents=True, exist_ok=True)
    java = bin_dir / "java"
    java.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    java.chmod(java.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return java


@pytest.fixture
def lt_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No LanguageTool anywhere: an empty download cache, no jar directory, download hosts that
    refuse (in case anything tried)."""
    cache = tmp_path / "ltp-cache"
    cache.mkdir()
    monkeypatch.setenv("LTP_PATH", str(cache))
    monkeypatch.delenv("LTP_JAR_DIR_PATH", raising=False)
    refused = f"http://127.0.0.1:{free_port()}/"
    for var in ("LTP_DOWNLOAD_HOST_SNAPSHOT", "LTP_DOWNLOAD_HOST_NEW_RELEASES",
                "LTP_DOWNLOAD_HOST_RELEASE", "LTP_DOWNLOAD_HOST_ARCHIVE"):  # fmt: skip
        monkeypatch.setenv(var, refused)
    return tmp_path


def auto_engine(timeout: float = 5.0) -> Engine:
    settings = settings_from_mapping({"languagetool": "auto", "languagetool-timeout": timeout})
    return Engine(settings, RULES, backends=[LanguageToolBackend("auto", timeout=timeout)])


def test_auto_without_an_installation_never_downloads(
    lt_env: Path, monkeypatch: pytest.MonkeyPatch, no_network: None
) -> None:
    fake_java(lt_env / "bin", "exit 0")
    monkeypatch.setenv("PATH", str(lt_env / "bin"))
    # any connection or look-up (a download) fails the test
    assert_skipped(auto_engine(), "no LanguageTool installation found")


def test_auto_with_an_empty_jar_directory_is_skipped(
    lt_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_java(lt_env / "bin", "exit 0")
    monkeypatch.setenv("PATH", str(lt_env / "bin"))
    (lt_env / "empty").mkdir()
    monkeypatch.setenv("LTP_JAR_DIR_PATH", str(lt_env / "empty"))
    statuses = assert_skipped(auto_engine(), "no LanguageTool installation found")
    assert "LTP_JAR_DIR_PATH" in str(statuses[0]["reason"])


def test_auto_picks_the_newest_installation_in_language_tool_pythons_order(
    lt_env: Path,
) -> None:
    cache = lt_env / "ltp-cache"
    for name in ("LanguageTool-6.9", "LanguageTool-6.10", "LanguageTool-5.9", "LanguageTool-stable",
                 "LanguageTool-20250601"):  # fmt: skip
        (cache / name).mkdir()
        (cache / name / "languagetool-server.jar").write_bytes(b"")
    (cache / "LanguageTool-7.0").mkdir()  # newest, but holds no jar
    assert languagetool.find_installation() == cache / "LanguageTool-20250601" / (
        "languagetool-server.jar"
    )  # a dated snapshot is newer than any release, as language-tool-python sorts them
    shutil.rmtree(cache / "LanguageTool-20250601")
    assert languagetool.find_installation() == cache / "LanguageTool-6.10" / (
        "languagetool-server.jar"
    )  # 6.10 after 6.9 (not by name), and a directory without a jar does not count


def test_auto_without_java_is_skipped(lt_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    jars = lt_env / "LanguageTool-6.4"
    jars.mkdir()
    (jars / "languagetool-server.jar").write_bytes(b"")
    monkeypatch.setenv("LTP_JAR_DIR_PATH", str(jars))
    (lt_env / "nojava").mkdir()
    monkeypatch.setenv("PATH", str(lt_env / "nojava"))
    assert_skipped(auto_engine(), "Java was not found on PATH")


@pytest.mark.skipif(not any(
    (Path(d) / "java").is_file() for d in os.environ.get("PATH", "").split(os.pathsep) if d
), reason="needs a real Java on PATH to see it reject a broken jar")  # fmt: skip
def test_auto_with_a_broken_jar_reports_that_java_gave_up(
    lt_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    jars = lt_env / "LanguageTool-6.4"
    jars.mkdir()
    (jars / "languagetool-server.jar").write_bytes(b"not a jar")
    monkeypatch.setenv("LTP_JAR_DIR_PATH", str(jars))
    assert_skipped(auto_engine(), "exited with code")


def test_auto_server_that_never_starts_is_bounded_and_killed(
    lt_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    jars = lt_env / "LanguageTool-6.4"
    jars.mkdir()
    (jars / "languagetool-server.jar").write_bytes(b"")
    monkeypatch.setenv("LTP_JAR_DIR_PATH", str(jars))
    sleep = shutil.which("sleep")
    if sleep is None:
        pytest.skip(reason="needs a 'sleep' command to stand in for a server that never starts")
    pid_file = lt_env / "java.pid"
    fake_java(lt_env / "bin", f'echo $$ > "{pid_file}"\nexec "{sleep}" 60')
    monkeypatch.setenv("PATH", str(lt_env / "bin"))
    engine = auto_engine(timeout=0.3)
    assert_skipped(engine, "did not start within 0.9 s")  # the bound it waited, in its notice
    with pytest.raises(ProcessLookupError):  # the would-be server was killed, not left behind
        os.kill(int(pid_file.read_text()), 0)


def test_auto_starts_one_local_server_reuses_it_and_stops_it(
    lt_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fake `java` runs our stand-in server on the port it is given: the whole auto path."""
    jars = lt_env / "LanguageTool-6.4"
    jars.mkdir()
    (jars / "languagetool-server.jar").write_bytes(b"")
    monkeypatch.setenv("LTP_JAR_DIR_PATH", str(jars))
    calls = lt_env / "java-calls.txt"
    fake_java(
        lt_env / "bin",
        f'echo "$@" >> "{calls}"\nexec "{sys.executable}" "{DATA / "fake_lt_server.py"}" "$@"',
    )
    monkeypatch.setenv("PATH", str(lt_env / "bin"))
    engine = auto_engine(timeout=5)
    emoji = engine.check(load("emoji.txt", "text"))
    plain = engine.check(load("plain.txt", "text"))
    assert [f.text for f in emoji.findings if f.category == "grammar"] == ["teh", "evryone"]
    assert emoji.extras["grammar"]["server"] == "local"
    assert plain.extras["grammar"]["matches"] == 8
    assert engine.run_notices() == []
    backend = engine.backends[0]
    assert isinstance(backend, LanguageToolBackend) and backend._server is not None
    process = backend._server.process
    engine.close()
    assert process.poll() is not None  # stopped at the end of the run
    (call,) = calls.read_text().splitlines()  # started once
    assert "org.languagetool.server.HTTPServer --port" in call and str(jars) in call


def test_default_off_imports_and_starts_nothing() -> None:
    script = (
        "import sys\n"
        "from qualitycheck.api import check_text\n"
        "check_text('Prices rose by by 4 per cent.')\n"
        "print(any(m.startswith(('qualitycheck.languagetool', 'language_tool_python'))"
        " for m in sys.modules))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "False"


# -- the command line, end to end, against the stand-in server ---------------------------------------
def qualitycheck(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "qualitycheck", *args],
        cwd=cwd, capture_output=True, text=True, timeout=120,
        env={**os.environ, "NO_COLOR": "1"},
    )  # fmt: skip


def test_cli_reports_grammar_findings_from_a_server_url(
    fake_lt: FakeLanguageTool, tmp_path: Path
) -> None:
    (tmp_path / "article.md").write_text((DATA / "article.md").read_text("utf-8"), "utf-8")
    proc = qualitycheck("lint", "--isolated", "-f", "json", "--languagetool", fake_lt.url,
                        "article.md", cwd=tmp_path)  # fmt: skip
    assert proc.returncode in (0, 1), proc.stderr
    assert proc.stderr == ""
    (file,) = json.loads(proc.stdout)["files"]
    grammar = [(f["rule"], f["line"], f["column"], f["text"]) for f in file["findings"]
               if f["category"] == "grammar"]  # fmt: skip
    assert ("grammar.lt.he-verb-agr", 3, 17, "have") in grammar
    assert ("grammar.lt.morfologik-rule-en-us", 3, 73, "teh") in grammar
    assert file["grammar"]["status"] == "checked"


def test_cli_unavailable_server_keeps_exit_code_and_prints_one_notice(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("Prices rose by by 4 per cent.\n", encoding="utf-8")
    off = qualitycheck("lint", "--isolated", "-f", "json", "a.txt", "b.txt", cwd=tmp_path)
    url = f"http://127.0.0.1:{free_port()}"
    lt = qualitycheck("lint", "--isolated", "-f", "json", "--languagetool", url, "a.txt", "b.txt",
                      cwd=tmp_path)  # fmt: skip
    assert lt.returncode == off.returncode
    assert lt.stderr.count("grammar checks (LanguageTool) skipped") == 1, lt.stderr
    assert "connection refused" in lt.stderr
    data, plain = json.loads(lt.stdout), json.loads(off.stdout)
    for file, clean in zip(data["files"], plain["files"], strict=True):
        assert file["grammar"]["status"] == "skipped" and file["grammar"]["reason"]
        assert file["findings"] == clean["findings"]
        assert "grammar" not in clean


def test_cli_rules_and_explain_list_the_backend_when_enabled(tmp_path: Path) -> None:
    (tmp_path / ".qualitycheck.toml").write_text('languagetool = "http://127.0.0.1:1"\n', "utf-8")
    listing = qualitycheck("rules", cwd=tmp_path)
    assert listing.returncode == 0, listing.stderr
    assert any(line.startswith("grammar.lt ") for line in listing.stdout.splitlines())
    explained = qualitycheck("explain", "grammar.lt.en-a-vs-an", cwd=tmp_path)
    assert explained.returncode == 0, explained.stderr
    assert "LanguageTool" in explained.stdout and "Use instead" in explained.stdout
    plain = qualitycheck("rules", "--isolated", cwd=tmp_path)
    assert "grammar.lt" not in plain.stdout


# -- a real LanguageTool, when one is reachable ------------------------------------------------
LIVE_URL = os.environ.get("QUALITYCHECK_LT_URL")


@pytest.mark.skipif(not LIVE_URL, reason="set QUALITYCHECK_LT_URL to a LanguageTool server URL")
def test_live_server_finds_an_agreement_error() -> None:
    assert LIVE_URL is not None
    engine = engine_for(LIVE_URL)
    result = engine.check(Document.from_text("She have an apple and a umbrella on the table."))
    assert result.extras["grammar"]["status"] == "checked", result.extras
    flagged = {f.text for f in result.findings if f.category == "grammar"}
    assert flagged & {"have", "a", "a umbrella", "She have"}, result.findings
    clean = engine.check(Document.from_text("The council approved the plan on Monday."))
    assert not [f for f in clean.findings if f.category == "grammar"]
