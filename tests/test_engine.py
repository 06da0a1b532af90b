"""The engine: selection, severities, positions, suppressions, fingerprints, rule failures."""

from __future__ import annotations

import gc
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SAMPLES

from qualitycheck.config import ConfigError, Settings, settings_from_mapping
from qualitycheck.document import Directive, Document, Extracted
from qualitycheck.engine import Engine
from qualitycheck.finding import Match, Severity
from qualitycheck.rule import Context, Rule, define


def _word_rule(rule_id: str, word: str, severity: str = "warning", confidence: float = 0.9) -> Rule:
    """Flags every occurrence of ``word``."""

    def check(doc: Document, ctx: Context) -> Iterator[Match]:
        for m in re.finditer(rf"\b{word}\b", doc.text):
            yield Match(m.start(), m.end(), f"'{word}' found", (word.upper(),), confidence)

    return define(rule_id, severity, check, f"Flags {word}.")


RULES = {
    r.id: r
    for r in (
        _word_rule("demo.apple", "apple"),
        _word_rule("demo.pear", "pear", "error"),
        _word_rule("other.plum", "plum", "info", 0.3),
    )
}


def engine(**config: object) -> Engine:
    return Engine(settings_from_mapping(config), RULES)


def test_reports_exact_positions_in_lines_and_columns() -> None:
    doc = Document.from_text("one apple\ntwo pears and a pear\n")
    findings = engine().check(doc).findings
    assert [(f.rule, f.line, f.column, f.end_line, f.end_column, f.text) for f in findings] == [
        ("demo.apple", 1, 5, 1, 10, "apple"),
        ("demo.pear", 2, 17, 2, 21, "pear"),
    ]
    lines = doc.source.splitlines()
    for f in findings:
        assert lines[f.line - 1][f.column - 1 : f.end_column - 1] == f.text


def test_columns_count_code_points_and_crlf_lines() -> None:
    doc = Document.from_text("é😀 apple\r\nplum apple")
    findings = engine().check(doc).findings
    assert [(f.line, f.column, f.text) for f in findings] == [
        (1, 4, "apple"),
        (2, 1, "plum"),
        (2, 6, "apple"),
    ]
    assert "\r" not in doc.text


def test_select_and_ignore_by_id_and_category() -> None:
    doc = Document.from_text("apple pear plum")
    assert {f.rule for f in engine(select=["demo"]).check(doc).findings} == {
        "demo.apple",
        "demo.pear",
    }
    assert {f.rule for f in engine(ignore=["demo.pear"]).check(doc).findings} == {
        "demo.apple",
        "other.plum",
    }
    # a specific select wins over a broader ignore
    got = engine(ignore=["demo"], select=["demo.pear", "other"]).check(doc).findings
    assert {f.rule for f in got} == {"demo.pear", "other.plum"}


def test_per_rule_severity_most_specific_wins_and_off_disables() -> None:
    doc = Document.from_text("apple pear plum")
    got = engine(severity={"demo": "info", "demo.pear": "error", "other.plum": "off"}).check(doc)
    assert {(f.rule, f.severity) for f in got.findings} == {
        ("demo.apple", Severity.INFO),
        ("demo.pear", Severity.ERROR),
    }


def test_min_confidence_hides_unsure_findings() -> None:
    doc = Document.from_text("apple plum")
    assert [f.rule for f in engine(**{"min-confidence": 0.5}).check(doc).findings] == ["demo.apple"]


def test_per_file_ignores_match_globs() -> None:
    doc = Document.from_text("apple pear", path="docs/legal/terms.txt")
    got = engine(**{"per-file-ignores": {"legal/*": ["demo.apple"]}}).check(doc).findings
    assert [f.rule for f in got] == ["demo.pear"]


def test_unknown_rule_in_configuration_is_an_error() -> None:
    with pytest.raises(ConfigError, match=r"'demo\.appel' matches no known rule"):
        engine(ignore=["demo.appel"])


def test_a_crashing_rule_is_reported_and_the_others_still_run() -> None:
    def boom(doc: Document, ctx: Context) -> Iterator[Match]:
        raise RuntimeError("kaput")
        yield  # pragma: no cover

    rules = dict(RULES, **{"demo.boom": define("demo.boom", "error", boom, "Crashes.")})
    result = Engine(Settings(), rules).check(Document.from_text("apple"))
    assert [f.rule for f in result.findings] == ["demo.apple"]
    assert [(f.rule, f.error) for f in result.failures] == [("demo.boom", "RuntimeError: kaput")]


def test_out_of_range_spans_are_clamped_or_dropped() -> None:
    def sloppy(doc: Document, ctx: Context) -> Iterator[Match]:
        yield Match(-5, 3, "clamped")
        yield Match(10, 10, "empty: dropped")
        yield Match(2, 999, "clamped end")

    rules = {"demo.sloppy": define("demo.sloppy", "info", sloppy, "Sloppy.")}
    findings = Engine(Settings(), rules).check(Document.from_text("apple tree")).findings
    assert [(f.start, f.end) for f in findings] == [(0, 3), (2, 10)]


def _markdownish(source: str, directives: tuple[Directive, ...]) -> Document:
    """As a loader would: comments are not prose (blanked out here to keep offsets simple)."""
    text = re.sub(r"<!--.*?-->", lambda m: " " * len(m.group()), source)
    return Document.from_extracted(source, Extracted(text, directives=directives), fmt="markdown")


def test_disable_and_enable_directives_cover_a_range() -> None:
    source = "apple\n<!-- qualitycheck: disable demo -->\napple pear\n<!-- qualitycheck: enable demo -->\napple\n"
    d1 = source.index("<!--")
    d2 = source.index("<!--", d1 + 1)
    doc = _markdownish(
        source, (Directive("disable", ("demo",), d1), Directive("enable", ("demo",), d2))
    )
    assert [f.line for f in engine().check(doc).findings] == [1, 5]


def test_disable_next_line_directive() -> None:
    source = "<!-- qualitycheck: disable-next-line demo.apple -->\n\napple pear\napple\n"
    doc = _markdownish(source, (Directive("disable-next-line", ("demo.apple",), 0),))
    got = [(f.rule, f.line) for f in engine().check(doc).findings]
    assert got == [("demo.pear", 3), ("demo.apple", 4)]


def test_fingerprints_ignore_line_numbers_but_not_context() -> None:
    a = engine().check(Document.from_text("The apple fell.\n")).findings[0]
    b = engine().check(Document.from_text("New first line.\n\nThe apple fell.\n")).findings[0]
    c = engine().check(Document.from_text("The apple rose.\n")).findings[0]
    assert a.fingerprint == b.fingerprint
    assert a.fingerprint != c.fingerprint
    assert a.line != b.line


def test_user_pack_extends_a_builtin_pack_and_adds_new_rules(tmp_path: Path) -> None:
    from qualitycheck.registry import all_rules

    (tmp_path / "extra.toml").write_text(
        'id = "phrasing.garbled-stock-phrase"\ntype = "substitution"\nseverity = "warning"\n'
        "message = \"'{match}' is garbled: write '{suggestion}'\"\n"
        '[[swap]]\nwrong = "the cat of the neighbour"\nright = "the neighbour\'s cat"\n'
    )
    (tmp_path / "house.toml").write_text(
        'id = "house.banned"\ntype = "existence"\nseverity = "info"\n'
        'message = "avoid \'{match}\'"\ntokens = ["synergy"]\n'
    )
    rules = all_rules([tmp_path])
    doc = Document.from_text(
        "All rights are save. We saw the cat of the neighbour and its synergy."
    )
    found = {(f.rule, f.text) for f in Engine(Settings(), rules).check(doc).findings}
    assert ("phrasing.garbled-stock-phrase", "the cat of the neighbour") in found
    assert (
        "phrasing.garbled-stock-phrase",
        "All rights are save",
    ) in found  # built-in entries kept
    assert ("house.banned", "synergy") in found


def test_a_broken_user_pack_is_a_plugin_error_naming_the_file(tmp_path: Path) -> None:
    from qualitycheck.registry import PluginError, all_rules

    bad = tmp_path / "bad.toml"
    bad.write_text(
        'id = "house.bad"\ntype = "existence"\nseverity = "info"\nmessage = "x"\ntokens = ["(unclosed"]\n'
    )
    with pytest.raises(PluginError, match=r"bad\.toml"):
        all_rules([bad])


def test_new_files_written_atomically_get_the_usual_permissions(tmp_path: Path) -> None:
    import os

    from qualitycheck.suppress import write_atomically

    target = tmp_path / "report.json"
    write_atomically(target, "{}\n")
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask
    assert target.read_text() == "{}\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temporary file left


_CYCLE_PROGRAM = """
import gc, sys
from pathlib import Path
from qualitycheck.api import Checker

fmts = {".txt": "text", ".md": "markdown", ".html": "html"}
texts = [(p.read_text(encoding="utf-8"), fmts[p.suffix])
         for p in sorted(Path(sys.argv[1]).rglob("*")) if p.suffix in fmts]
checker = Checker()
for text, fmt in texts:  # load rules and data first
    checker.check_text(text, fmt=fmt)
gc.collect()
gc.disable()
found = 0
for text, fmt in texts:
    result = checker.check_text(text, fmt=fmt)
    found += len(result.findings)
    del result
print(found, gc.collect())
"""


def test_checks_leave_no_reference_cycles() -> None:
    # The CLI pauses the cyclic collector during a check (tasks.collector_paused): refcounting must
    # free everything a check allocates. Run in a fresh interpreter: threads other tests leave
    # behind (a Dask cluster) make garbage of their own.
    samples = SAMPLES
    out = subprocess.run(
        [sys.executable, "-c", _CYCLE_PROGRAM, str(samples)],
        capture_output=True, text=True, check=True, timeout=120,
    ).stdout  # fmt: skip
    found, unreachable = map(int, out.split())
    assert found > 100  # the garbled samples were really checked
    assert unreachable == 0  # nothing was left for the cyclic collector


def test_a_process_that_freezes_objects_keeps_them_frozen() -> None:
    gc.collect()
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert frozen > 0
        result = engine().check(Document.from_text("an apple and a pear"))
        assert [f.rule for f in result.findings] == ["demo.apple", "demo.pear"]
        assert gc.get_freeze_count() >= frozen  # not unfrozen by the check
        assert gc.isenabled()
    finally:
        gc.unfreeze()


def test_a_checked_document_keeps_its_word_count_but_not_its_word_index() -> None:
    doc = Document.from_text("An apple a day. A pear and a plum.")
    expected = list(doc.words)
    result = engine().check(doc)
    assert [f.rule for f in result.findings] == ["demo.apple", "demo.pear", "other.plum"]
    assert "words" not in doc.__dict__ and "_memo" not in doc.__dict__  # released
    assert doc.word_count == 9
    assert list(doc.words) == expected  # built again on demand


def _spans_rule(spans: list[tuple[int, int, object]]) -> Rule:
    def check(doc: Document, ctx: Context) -> Iterator[Match]:
        for s, e, confidence in spans:
            yield Match(s, e, "span", ["x"], confidence)  # type: ignore[arg-type]

    return define("demo.spans", "info", check, "Spans.")


def test_located_findings_are_those_the_document_methods_give() -> None:
    """The engine writes out source_span, line_col_span and fingerprint_of for speed: the same
    positions and fingerprints, in order or not, across lines, in a piece of a larger document
    and through a loader's offset map."""
    from qualitycheck.finding import Finding
    from qualitycheck.suppress import fingerprint_of

    source = "ab <b>cd</b> ef\r\n\ngh ij\nkl mnop qrstuvwxyz abcdefghijklmnopqrstuvwxyz end\n"
    text = re.sub(r"<[^>]+>", "", source)
    # the text without the tags: map every text index to its source index
    offsets, k = [], 0
    for i in range(len(source)):
        if source.startswith("<b>", i) or source.startswith("</b>", i):
            k = i + (3 if source.startswith("<b>", i) else 4)
        if i < k:
            continue
        offsets.append(i)
    offsets.append(len(source))
    whole = Document.from_extracted(source, Extracted(text, offsets=offsets), fmt="html")
    n = len(whole.text)
    spans = [(30, 40, 0.5), (0, 2, 1.0), (3, 5, 2), (5, 25, float("nan")), (n - 3, n + 9, 0.7),
             (20, 21, -1.0), (8, 8, 1.0), (2, 4, 0.9)]  # fmt: skip
    rule = _spans_rule(spans)
    for doc, within, offset in ((whole, None, 0), (Document.from_text(whole.text[10:]), whole, 10)):
        got = Engine(Settings(), {rule.id: rule}).check(doc, within=within, offset=offset)
        expected = []
        for s0, e0, c in spans:
            s0, e0 = max(0, s0), min(len(doc.text), e0)
            if e0 <= s0:
                continue
            s, e = whole.source_span(offset + s0, offset + e0)
            line, col, end_line, end_col = whole.line_col_span(s, e)
            t = source[s:e]
            expected.append(Finding("demo.spans", "demo", Severity.INFO, "span", line, col,
                                    end_line, end_col, t, ("x",), max(0.0, min(1.0, float(c))),
                                    s, e, fingerprint_of("demo.spans", t, s, e, source)))  # fmt: skip
        expected.sort(key=lambda f: (f.start, f.end, f.rule))
        assert got.findings == expected
        assert [f.fingerprint for f in got.findings] == [f.fingerprint for f in expected]


def test_a_rule_reporting_one_span_twice_keeps_the_most_confident_first() -> None:
    def twice(doc: Document, ctx: Context) -> Iterator[Match]:
        yield Match(0, 5, "first", (), 0.5)
        yield Match(6, 10, "other", (), 0.4)
        yield Match(0, 5, "second", (), 0.9)
        yield Match(0, 5, "third", (), 0.9)
        yield Match(6, 10, "other again", (), 0.4)

    rules = {"demo.twice": define("demo.twice", "info", twice, "Twice.")}
    findings = Engine(Settings(), rules).check(Document.from_text("apple tree")).findings
    assert [(f.start, f.message) for f in findings] == [(0, "second"), (6, "other")]
    strict = Engine(settings_from_mapping({"min-confidence": 0.6}), rules)
    assert [f.message for f in strict.check(Document.from_text("apple tree")).findings] == [
        "second"
    ]
