"""The HTML report: self-contained, escaped, with highlights at the findings' source offsets."""

from __future__ import annotations

import base64
import hashlib
import html
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
from qualitycheck.finding import Match
from qualitycheck.loaders import load_text
from qualitycheck.reporters import ReportContext
from qualitycheck.reporters.html import Item, doc_sections, highlight, render
from qualitycheck.rule import Context, Rule, define
from qualitycheck.scoring import Needs, score

DOC = """Flags a {word}.

What it does
    Finds every "{word}" in the text.

Why it matters
    A {word} is a <sign> of unedited machine output.

Example
    the {word} & co

Use instead
    the thing
"""


def pattern_rule(rule_id: str, pattern: str, severity: str = "warning") -> Rule:
    """Flags every match of ``pattern``; the message quotes the matched text verbatim."""

    def check(doc: Document, ctx: Context) -> Iterator[Match]:
        for m in re.finditer(pattern, doc.text):
            yield Match(m.start(), m.end(), f"found '{m.group()}'", (m.group().upper(),), 0.75)

    return define(rule_id, severity, check, DOC.format(word=rule_id))


RULES = {
    r.id: r
    for r in (
        pattern_rule("case.bad-capital", r"\bIn\b"),
        pattern_rule("punctuation.stray", r"\. ,", "error"),
        pattern_rule("junk.markup", r"<[^>\n]*>|\"><img[^>\n]*>", "error"),
        pattern_rule("structure.long", r"southern Ukraine, break", "info"),
        pattern_rule("names.ukraine", r"Ukraine", "warning"),
    )
}


def check(text: str, fmt: str = "text", path: str = "a.txt") -> FileResult:
    """What ``Checker.check_text`` returns, with only the fake rules above."""
    doc = load_text(text, fmt, path=path)
    found = Engine(Settings(), RULES).check(doc)
    result = FileResult(path, doc.format, found.findings, document=doc, failures=found.failures)
    return score(result, Needs.for_format("html"))  # the scores an HTML report needs


def ctx() -> ReportContext:
    return ReportContext(rules=RULES, tool_version="9.9.9")


ARTICLE = (
    "Troops advanced In southern Ukraine, break through the lines.\n"
    "The water supply. , causing a disaster.\n"
    "\n"
    "Short line\n"
)
XSS = 'Hello <script>alert(1)</script> world.\n"><img src=x onerror=alert(1)> there.\n'


def marks(page: str) -> list[tuple[str, str]]:
    """``(data-f, text)`` of every highlight, unescaped."""
    return [
        (m.group(1), html.unescape(m.group(2)))
        for m in re.finditer(
            r'<mark class="[^"]*" data-f="([^"]*)" tabindex="0">(.*?)</mark>', page, re.S
        )
    ]


def article_text(page: str) -> str:
    article = re.search(r"<article[^>]*>(.*?)</article>", page, re.S)
    assert article is not None
    return html.unescape(re.sub(r"<[^>]+>", "", article.group(1)))


def test_escapes_article_text_and_messages() -> None:
    result = check(XSS, path="evil.txt")
    assert result.findings, "the fake markup rule must flag the payloads"
    page = render([result], ctx())
    assert "<script>alert" not in page
    assert "<img" not in page
    assert "&lt;script&gt;" in page and "&lt;/script&gt;" in page
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in page
    assert article_text(page) == XSS  # shown as text, whole
    # exactly one script element: ours
    assert len(re.findall(r"<script\b", page)) == 1
    assert "onerror=" not in re.sub(r"&[^;]+;img src=x onerror=", "", page)


def test_escapes_rule_documentation() -> None:
    result = check(ARTICLE)
    page = render([result], ctx())
    assert "a &lt;sign&gt; of unedited" in page
    assert "<sign>" not in page


def test_csp_allows_only_the_inline_script_by_hash() -> None:
    page = render([check(ARTICLE)], ctx())
    script = re.search(r"<script>(.*?)</script>", page, re.S)
    assert script is not None
    digest = base64.b64encode(hashlib.sha256(script.group(1).encode()).digest()).decode()
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)
    assert csp is not None
    assert f"script-src 'sha256-{digest}'" in csp.group(1)
    assert "default-src 'none'" in csp.group(1)


def test_self_contained_without_remote_resources() -> None:
    page = render([check(ARTICLE)], ctx())
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert "@import" not in page
    assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", page)
    assert "<link" not in page
    assert "<style>" in page


def test_highlights_each_finding_at_its_source_offsets() -> None:
    result = check(ARTICLE)
    page = render([result], ctx())
    found = marks(page)
    for i, f in enumerate(result.findings):
        covered = "".join(text for fids, text in found if f"0-{i}" in fids.split())
        assert covered == f.text == ARTICLE[f.start : f.end]
        assert f'id="f0-{i}"' in page
        assert f'href="#f0-{i}"' in page


def test_overlapping_findings_share_pieces_and_keep_the_text_whole() -> None:
    result = check(ARTICLE)
    rules = {f.rule for f in result.findings}
    assert {"structure.long", "names.ukraine", "case.bad-capital"} <= rules
    page = render([result], ctx())
    found = marks(page)
    shared = [text for fids, text in found if len(fids.split()) > 1]
    assert shared == ["Ukraine"]  # covered by both "structure.long" and "names.ukraine"
    shared_mark = re.search(r'<mark class="([^"]*)" data-f="[^"]* [^"]*"', page)
    assert shared_mark is not None and "qc-multi" in shared_mark.group(1)
    assert article_text(page) == ARTICLE


def test_highlight_pieces_cover_the_source_in_order() -> None:
    result = check(ARTICLE)
    items = [Item(f"0-{i}", f, 0, None) for i, f in enumerate(result.findings)]
    pieces = highlight(ARTICLE, items, {0: "p0-0"})
    assert "".join(p.text for p in pieces) == ARTICLE
    assert pieces[0].anchors[0] == "p0-0"
    strongest = next(p for p in pieces if p.text == "Ukraine")
    assert "qc-s-warning" in strongest.classes  # warning beats info on the shared piece


def test_markdown_source_is_shown_as_written_with_highlights_on_source_offsets() -> None:
    source = "# Report\n\nTroops moved **In** the south. , then stopped.\n"
    result = check(source, "markdown", "a.md")
    page = render([result], ctx())
    assert "**" in page  # the markup is shown, as text
    texts = [text for _, text in marks(page)]
    assert "In" in texts and ". ," in texts
    assert "qc-article qc-code" in page


def test_chart_has_a_bar_per_paragraph_linking_to_its_anchor() -> None:
    result = check(ARTICLE)
    page = render([result], ctx())
    assert result.document is not None
    blocks = len(result.document.blocks)
    bars = re.findall(r'<a href="#(p0-\d+)" class="qc-bar-link">', page)
    assert len(bars) == blocks == 3
    for anchor in bars:
        assert f'id="{anchor}"' in page
    assert "<svg" in page and "qc-flesch" in page
    assert "Paragraph 3: too short to score" in page


def test_summary_shows_quality_readability_and_counts() -> None:
    result = check(ARTICLE)
    page = render([result], ctx())
    assert result.quality is not None
    assert f"{result.quality:.1f}" in page
    assert "Flesch reading ease" in page and "Dale–Chall score" in page
    for category in ("case", "punctuation", "structure", "names"):
        assert re.search(
            rf'<span class="qc-dot qc-c\d+" aria-hidden="true"></span>{category}</th>', page
        )


def test_single_file_has_no_index_and_several_files_do() -> None:
    one = render([check(ARTICLE, path="a.txt")], ctx())
    assert 'class="qc-index"' not in one
    results = [check(ARTICLE, path="a.txt"), check("Plain words only.\n", path="b.txt")]
    many = render(results, ctx())
    rows = re.findall(r'<tr data-path="([^"]*)" data-score="([^"]*)"', many)
    assert rows == [("a.txt", f"{results[0].quality:.1f}"), ("b.txt", "100.0")]
    assert 'href="#file-0"' in many and 'id="file-1"' in many


def test_unreadable_file_is_listed_with_its_error() -> None:
    results = [check(ARTICLE, path="a.txt"),
               FileResult(path="missing.txt", format="text", error="no such file")]  # fmt: skip
    page = render(results, ctx())
    assert "This file could not be checked: no such file" in page
    assert "could not be checked</span>" in page  # flagged in the index


def test_rule_documentation_appears_once_per_rule_used() -> None:
    page = render([check(ARTICLE)], ctx())
    assert page.count('id="rule-case.bad-capital"') == 1
    assert "Finds every &#34;case.bad-capital&#34; in the text." in page
    assert 'id="rule-junk.markup"' not in page  # no finding, no documentation


def test_output_is_deterministic() -> None:
    assert render([check(ARTICLE)], ctx()) == render([check(ARTICLE)], ctx())


def test_empty_document_renders() -> None:
    page = render([check("")], ctx())
    assert "Nothing to report." in page


@pytest.mark.parametrize(
    ("doc", "summary", "titles"),
    [
        (
            DOC.format(word="x"),
            "Flags a x.",
            ["What it does", "Why it matters", "Example", "Use instead"],
        ),
        ("One line only.", "One line only.", []),
        ("", "", []),
    ],
)
def test_doc_sections_splits_rule_docstrings(doc: str, summary: str, titles: list[str]) -> None:
    got_summary, sections = doc_sections(doc)
    assert got_summary == summary
    assert [t for t, _ in sections] == titles


def test_doc_sections_dedents_bodies() -> None:
    _, sections = doc_sections(DOC.format(word="x"))
    assert dict(sections)["Example"] == "the x & co"


def test_report_for_the_seed_article(seed_text: str) -> None:
    result = check(seed_text, path="seed.txt")
    page = render([result], ctx())
    assert article_text(page) == seed_text


# -- the command line ---------------------------------------------------------------------------
GARBLED = "The minister said that the the talks would resume. , On Monday.\n"


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "qualitycheck", *args],
        cwd=cwd, capture_output=True, text=True, timeout=120,
        env={**os.environ, "NO_COLOR": "1"},
    )  # fmt: skip


def test_report_command_writes_the_default_file_and_exits_0_despite_findings(
    tmp_path: Path,
) -> None:
    (tmp_path / "garbled.txt").write_text(GARBLED, encoding="utf-8")
    proc = run_cli("report", "--isolated", "garbled.txt", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    page = (tmp_path / "qualitycheck-report.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "structure.repeated-word" in page
    assert article_text(page) == GARBLED
    assert proc.stdout.startswith("Wrote qualitycheck-report.html (")


def test_report_command_output_option_and_stdout(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GARBLED, encoding="utf-8")
    (tmp_path / "b.md").write_text("# Title\n\nAll is well here.\n", encoding="utf-8")
    proc = run_cli("report", "--isolated", "a.txt", "b.md", "-o", "r.html", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert 'href="#file-0"' in page and 'href="#file-1"' in page
    proc = run_cli("report", "--isolated", "a.txt", "-o", "-", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("<!DOCTYPE html>") and proc.stdout.rstrip().endswith("</html>")


def test_report_command_exits_2_on_input_errors_but_still_writes(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GARBLED, encoding="utf-8")
    proc = run_cli("report", "--isolated", "a.txt", "missing.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert "missing.txt" in proc.stderr
    page = (tmp_path / "qualitycheck-report.html").read_text(encoding="utf-8")
    assert "This file could not be checked" in page


def test_report_command_rejects_bad_configuration(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GARBLED, encoding="utf-8")
    proc = run_cli("report", "--isolated", "--select", "no.such-rule", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert "qualitycheck: error:" in proc.stderr
    assert not (tmp_path / "qualitycheck-report.html").exists()


def test_lint_format_html_prints_the_report(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GARBLED, encoding="utf-8")
    proc = run_cli("lint", "--isolated", "--format", "html", "a.txt", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr  # lint keeps its exit codes
    assert proc.stdout.startswith("<!DOCTYPE html>")
    assert "structure.repeated-word" in proc.stdout


# The loops the template held before html._Writer wrote them, as the template wrote them.
_OLD_LOOPS = {
    "article": """{%- for p in pieces -%}
        {%- for a in p.anchors %}<span class="qc-anchor" id="{{ a }}"></span>{% endfor -%}
        {%- if p.fids -%}<mark class="{{ p.classes }}" data-f="{{ p.fids }}" tabindex="0">{{ p.text }}</mark>{%- else -%}{{ p.text }}{%- endif -%}
      {%- endfor -%}""",
    "findings": """        {% for it in v.items %}
        {% set f = it.finding %}
        <li class="qc-item" data-fid="{{ it.fid }}" data-cat="{{ f.category }}" data-cat-index="{{ it.category_index }}" data-sev="{{ f.severity.label }}" data-rule="{{ f.rule }}">
          <a class="qc-jump" href="#f{{ it.fid }}">
            <span class="qc-card">
              <span class="qc-meta"><span class="qc-badge qc-s-{{ f.severity.label }}">{{ f.severity.label }}</span> <span class="qc-rule qc-c{{ it.category_index }}">{{ f.rule }}</span> <span class="qc-pos">{{ f.line }}:{{ f.column }}</span></span>
              <span class="qc-msg">{{ f.message }}</span>
              <span class="qc-flagged">“{{ f.text|truncate(60, true, '…', 0) }}”{% if f.suggestions %} → <span class="qc-sugg">{{ f.suggestions|join(' / ') }}</span>{% endif %}</span>
              <span class="qc-conf">confidence {{ '%.0f'|format(f.confidence * 100) }}%</span>
            </span>
          </a>
          <a class="qc-about" href="#rule-{{ f.rule }}">about this rule</a>
        </li>
        {% endfor %}
""",
    "bars": """      {% for b in ch.bars %}
      <a href="#{{ b.anchor }}" class="qc-bar-link"><title>{{ b.label }}</title><rect class="qc-hit" x="{{ b.x }}" y="{{ ch.top }}" width="{{ b.width }}" height="{{ ch.plot_bottom - ch.top }}"/><rect class="qc-bar" x="{{ b.x }}" y="{{ b.y }}" width="{{ b.width }}" height="{{ b.height }}"/></a>
      {% endfor %}
""",
    "dots": """      {% for cx, cy, label in ch.dots %}
      <circle class="qc-flesch-dot" cx="{{ cx }}" cy="{{ cy }}" r="2.6"><title>{{ label }}</title></circle>
      {% endfor %}
""",
}


@pytest.mark.parametrize("source", [ARTICLE, XSS, "", "In & <In> 'In' \"In\"\n\n. , In\n" * 3])
def test_the_writer_writes_what_the_template_loops_wrote(source: str) -> None:
    import io
    import types

    from qualitycheck.finding import Finding, Severity
    from qualitycheck.reporters.html import (
        _environment,
        _Writer,
        category_indexes,
        file_view,
    )

    result = check(source)
    extra = [  # overlapping findings of every severity, long texts, odd characters, no suggestion
        Finding("junk.markup", "junk", Severity.INFO, "<b>'&\"", 1, 1, 1, 3, "x" * 70,
                ("a<", "b&"), 0.333, 0, min(3, len(source))),
        Finding("case.bad-capital", "case", Severity.ERROR, "m", 1, 1, 1, 2, "é" * 61, (),
                1.0, 1, min(9, len(source))),
    ]  # fmt: skip
    result.findings = sorted([*result.findings, *extra], key=lambda f: (f.start, f.end, f.rule))
    categories = category_indexes([result], RULES)
    view = file_view(3, result, categories)
    assert result.document is not None
    paragraph_anchors = dict(view.paragraph_anchors)
    items = [Item(f"3-{k}", f, view.category_of[k], None) for k, f in enumerate(view.findings)]
    old_view = types.SimpleNamespace(items=items)
    env = _environment()
    for kind, loop in _OLD_LOOPS.items():
        if view.chart is None and kind in ("bars", "dots"):  # the template shows no chart then
            continue
        expected = env.from_string(loop).render(
            pieces=highlight(result.document.source, items, paragraph_anchors),
            v=old_view,
            ch=view.chart,
        )
        out = io.StringIO()
        getattr(_Writer(out), kind)(view)
        assert out.getvalue() == expected, kind
