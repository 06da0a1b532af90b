"""The HTML report in a real browser: headless Chromium driven by Playwright.

Needs Debian's ``chromium`` (``apt-get install chromium``) and the ``playwright`` Python package;
the browser Playwright downloads itself is never used. Set ``QUALITYCHECK_UPDATE_SCREENSHOT=1`` to
refresh ``docs/report.png`` from the seed article.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

from qualitycheck.api import FileResult
from qualitycheck.config import Settings
from qualitycheck.document import Document
from qualitycheck.engine import Engine
from qualitycheck.finding import Match
from qualitycheck.loaders import load_text
from qualitycheck.reporters import ReportContext
from qualitycheck.reporters.html import render
from qualitycheck.rule import Context, Rule, define
from qualitycheck.scoring import Needs, score

CHROMIUM = os.environ.get("QUALITYCHECK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--no-first-run", "--disable-component-update", "--disable-sync",
]  # fmt: skip

if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
    NO_CHROMIUM = f"chromium not installed at {CHROMIUM} (apt-get install chromium)"
    pytest.skip(reason=NO_CHROMIUM, allow_module_level=True)
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed (pip install playwright)"
)

DOC = """Flags {word}.

What it does
    Finds {word}.

Why it matters
    Because {word} shows the text was never edited.

Example
    a {word}

Use instead
    nothing
"""


def pattern_rule(rule_id: str, pattern: str, severity: str) -> Rule:
    def check(doc: Document, ctx: Context) -> Iterator[Match]:
        for m in re.finditer(pattern, doc.text):
            yield Match(
                m.start(), m.end(), f"'{m.group()}' looks broken", (m.group().lower(),), 0.9
            )

    return define(rule_id, severity, check, DOC.format(word=rule_id))


RULES = {
    r.id: r
    for r in (
        pattern_rule("case.odd-capital", r"\b(?:In|Of)\b", "warning"),
        pattern_rule("punctuation.stray", r"\. ,", "error"),
        pattern_rule("junk.markup", r"<[^>\n]*>", "error"),
        pattern_rule("structure.span", r"advanced In the", "info"),
    )
}

PARAGRAPH = (
    "Troops advanced In the southern Ukraine region on Monday. Officials said the water supply. , "
    "was at risk, and aid convoys waited at the border for a second day.\n"
)
ARTICLE = "".join(PARAGRAPH for _ in range(14)) + "Last line Of the text.\n"
XSS = (
    "Hello <script>window.__pwned = 1; alert(1)</script> world.\n"
    '"><img src=x onerror="window.__pwned = 2; alert(2)"> and more.\n'
    "<svg onload=alert(3)></svg> advanced In the end.\n"
)


def check(text: str, path: str) -> FileResult:
    doc = load_text(text, "text", path=path)
    found = Engine(Settings(), RULES).check(doc)
    return score(
        FileResult(path, doc.format, found.findings, document=doc), Needs.for_format("html")
    )


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


class Page:
    """A page plus everything it logged: console errors, uncaught exceptions, dialogs."""

    def __init__(self, browser: Any, path: Path, width: int = 1280, height: int = 900) -> None:
        self.problems: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page(viewport={"width": width, "height": height})
        self.page.on(
            "console", lambda m: m.type in ("error", "warning") and self.problems.append(m.text)
        )
        self.page.on("pageerror", lambda e: self.problems.append(str(e)))
        self.page.on("dialog", self._dialog)
        self.page.set_default_timeout(5000)
        self.page.goto(path.as_uri())

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()


@pytest.fixture
def report(tmp_path: Path) -> Path:
    ctx = ReportContext(rules=RULES, tool_version="0.0.0")
    path = tmp_path / "report.html"
    path.write_text(render([check(ARTICLE, "article.txt"), check(XSS, "evil.txt")], ctx), "utf-8")
    return path


@pytest.fixture
def page(browser: Any, report: Path) -> Iterator[Page]:
    p = Page(browser, report)
    yield p
    assert p.problems == [], "console errors or uncaught exceptions"
    assert p.dialogs == []
    p.page.close()


def test_highlights_are_rendered(page: Page) -> None:
    marks = page.page.locator("#file-0 mark.qc-hl")
    # per paragraph: 'advanced ', the shared 'In', ' the', '. ,'; then the last line's 'Of'
    assert marks.count() == 14 * 4 + 1
    assert marks.first.is_visible()
    colour = marks.first.evaluate("m => getComputedStyle(m).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")


def test_tooltip_shows_on_hover_and_on_focus(page: Page) -> None:
    tip = page.page.locator("#qc-tooltip")
    last = page.page.locator("#file-0 mark.qc-hl").last
    assert tip.is_hidden()
    last.hover()
    assert tip.is_visible()
    assert "'Of' looks broken" in tip.inner_text()
    assert "Because case.odd-capital shows the text was never edited." in tip.inner_text()
    page.page.mouse.move(1, 1)
    assert tip.is_hidden()
    second = page.page.locator("#file-0 mark.qc-hl").nth(2)
    second.focus()
    assert tip.is_visible()
    assert second.get_attribute("aria-describedby") == "qc-tooltip"
    page.page.keyboard.press("Escape")
    assert tip.is_hidden()


def test_overlapping_findings_show_together_in_the_tooltip(page: Page) -> None:
    shared = page.page.locator("#file-0 mark.qc-multi").first
    shared.hover()
    text = page.page.locator("#qc-tooltip").inner_text()
    assert "structure.span" in text and "'advanced In the' looks broken" in text
    assert "case.odd-capital" in text and "'In' looks broken" in text


def test_filters_hide_and_show_findings(page: Page) -> None:
    pg = page.page
    case_items = pg.locator(".qc-item[data-cat='case']")
    total = case_items.count()
    assert total > 0 and case_items.first.is_visible()
    pg.locator("input[name=category][value=case]").uncheck()
    assert all(case_items.nth(i).is_hidden() for i in range(total))
    # the last line's 'Of' had only a case finding: its highlight is off; the shared 'In's
    # keep their other finding and lose the overlap marker
    off = pg.locator("#file-0 mark.qc-off")
    assert off.count() == 1 and off.inner_text() == "Of"
    shared = pg.locator("#file-0 mark[data-f~='0-1']")
    assert shared.inner_text() == "In"
    assert set((shared.get_attribute("class") or "").split()) >= {"qc-hl", "qc-s-info"}
    assert "qc-multi" not in (shared.get_attribute("class") or "")
    total_items = pg.locator("#file-0 .qc-item").count()
    assert pg.locator("#file-0 .qc-shown").text_content() == f"{total_items - 15} of {total_items}"
    pg.locator("input[name=severity][value=error]").uncheck()
    assert pg.locator(".qc-item[data-sev='error']").first.is_hidden()
    pg.locator("input[name=category][value=case]").check()
    pg.locator("input[name=severity][value=error]").check()
    assert pg.locator("#file-0 mark.qc-off").count() == 0
    assert case_items.first.is_visible()


def test_findings_list_click_jumps_to_the_span(page: Page) -> None:
    pg = page.page
    last = pg.locator("#file-0 .qc-item").last
    fid = last.get_attribute("data-fid")
    pg.evaluate("window.scrollTo(0, 0)")
    last.locator("a.qc-jump").click()
    target = pg.locator(f"mark[data-f~='{fid}']").first
    box = target.bounding_box()
    viewport = pg.viewport_size
    assert box is not None and viewport is not None
    assert 0 <= box["y"] <= viewport["height"] - box["height"]
    assert pg.evaluate("location.hash") == f"#f{fid}"
    assert target.evaluate("m => document.activeElement === m")


def test_chart_bar_links_to_its_paragraph(page: Page) -> None:
    pg = page.page
    bars = pg.locator("#file-0 a.qc-bar-link")
    assert bars.count() == 15
    bars.nth(9).click()
    assert pg.evaluate("location.hash") == "#p0-9"


def test_index_sorts_by_score(page: Page) -> None:
    pg = page.page

    def paths() -> list[str]:
        return [
            str(p)
            for p in pg.locator(".qc-index tbody tr").evaluate_all(
                "rows => rows.map(r => r.dataset.path)"
            )
        ]

    def scores() -> list[float]:
        return [
            float(s)
            for s in pg.locator(".qc-index tbody tr").evaluate_all(
                "rows => rows.map(r => r.dataset.score)"
            )
        ]

    assert paths() == ["article.txt", "evil.txt"]
    button = pg.locator(".qc-index th button[data-key=score]")
    button.click()
    assert scores() == sorted(scores(), reverse=True)
    button.click()
    assert scores() == sorted(scores())
    assert pg.locator(".qc-index th[aria-sort=ascending]").count() == 1


def test_xss_article_runs_nothing(page: Page) -> None:
    pg = page.page
    pg.locator("#file-1").scroll_into_view_if_needed()
    for i in range(pg.locator("#file-1 mark.qc-hl").count()):
        pg.locator("#file-1 mark.qc-hl").nth(i).hover()
    assert pg.evaluate("window.__pwned") is None
    assert (
        pg.locator("#file-1 article img, #file-1 article script, #file-1 article svg").count() == 0
    )
    text = pg.locator("#file-1 article").text_content()
    assert text == XSS
    assert pg.locator("script").count() == 1  # ours only


def test_screenshot_of_the_seed_report(browser: Any, seed_text: str, tmp_path: Path) -> None:
    """The real rules on the real example article; refreshes docs/report.png on request."""
    (tmp_path / "article.txt").write_text(seed_text, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "qualitycheck", "report", "--isolated", "article.txt", "-o", "r.html"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    p = Page(browser, tmp_path / "r.html", width=1360, height=1320)
    pg = p.page
    marks = pg.locator("mark.qc-hl")
    assert marks.count() > 5
    pg.evaluate("window.scrollTo(0, 0)")
    boxes = [marks.nth(i).bounding_box() for i in range(marks.count())]
    visible = [i for i, box in enumerate(boxes) if box and 820 < box["y"] < 1000]
    assert visible, "a highlight to hover in the screenshot"
    marks.nth(visible[0]).hover()
    assert pg.locator("#qc-tooltip").is_visible()
    shot = tmp_path / "report.png"
    pg.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    if os.environ.get("QUALITYCHECK_UPDATE_SCREENSHOT"):
        shutil.copyfile(shot, ROOT / "docs" / "report.png")
    assert p.problems == [] and p.dialogs == []
    pg.close()


def test_readable_on_a_phone(browser: Any, report: Path, tmp_path: Path) -> None:
    """At 400 px nothing scrolls sideways: one column, the index keeps file, quality and findings."""
    p = Page(browser, report, width=400, height=800)
    pg = p.page
    assert pg.evaluate("document.documentElement.scrollWidth - innerWidth") <= 0
    for selector in (".qc-index", ".qc-summary", ".qc-article", ".qc-side", ".qc-top"):
        box = pg.locator(selector).first.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 400, selector
    article, side = (pg.locator(s).first.bounding_box() for s in (".qc-article", ".qc-side"))
    assert article and side and side["y"] >= article["y"] + article["height"] - 1  # stacked
    headers = pg.locator(".qc-index thead th")
    shown = [headers.nth(i).inner_text().strip() for i in range(headers.count())
             if headers.nth(i).is_visible()]  # fmt: skip
    assert [h.lower() for h in shown] == ["file", "quality", "findings"]
    shot = tmp_path / "phone.png"
    pg.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    assert p.problems == [] and p.dialogs == []
    pg.close()
