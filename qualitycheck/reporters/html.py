"""``--format html`` and ``qualitycheck report``: one self-contained HTML file.

The page holds a summary (quality score, readability, counts by category and severity), a chart of
readability and findings density per paragraph (inline SVG drawn here), the article as written with
every finding highlighted, a findings list that jumps to each spot, filters, and for several files
an index sortable by score. CSS and JavaScript are inlined; nothing is loaded from anywhere, so the
file works from ``file://`` and offline.

Everything taken from an article or a finding goes through Jinja2 with autoescaping on; the script
only ever sets ``textContent`` or clones nodes the server escaped. A Content-Security-Policy allows
the page's own script (by its hash) and nothing else, as a second line of defence.
"""

from __future__ import annotations

import base64
import bisect
import functools
import hashlib
import itertools
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING, TextIO

from qualitycheck.rule import doc_sections

if TYPE_CHECKING:
    from jinja2 import Environment

    from qualitycheck.document import Document
    from qualitycheck.finding import Finding
    from qualitycheck.reporters import ReportContext
    from qualitycheck.result import FileResult
    from qualitycheck.rule import Rule

# Colours follow the order categories are listed in; unknown categories (rule packs) take the next.
CATEGORY_ORDER = ("names", "case", "punctuation", "structure", "junk", "language")
PALETTE_SIZE = 8
SEVERITIES = ("error", "warning", "info")
_SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1}

READABILITY_LABELS = {
    "flesch_reading_ease": ("Flesch reading ease", "0–100, higher is easier; news prose: 40–60"),
    "flesch_kincaid_grade": ("Flesch–Kincaid grade", "US school grade"),
    "gunning_fog": ("Gunning fog", "years of schooling"),
    "smog_index": ("SMOG index", "years of schooling"),
    "coleman_liau_index": ("Coleman–Liau index", "US school grade"),
    "automated_readability_index": ("Automated readability index", "US school grade"),
    "dale_chall_readability_score": ("Dale–Chall score", "below 5: easy; 9 and up: hard"),
}


# -- rule documentation ---------------------------------------------------------------------------
@dataclass(frozen=True)
class RuleDoc:
    id: str
    severity: str
    summary: str
    why: str
    sections: list[tuple[str, str]]


def _rule_doc(rule_id: str, rules: Mapping[str, Rule]) -> RuleDoc:
    rule = rules.get(rule_id)
    if rule is None:
        return RuleDoc(rule_id, "", "", "", [])
    summary, sections = doc_sections(rule.explain())
    why = next((body for title, body in sections if title.lower().startswith("why")), "")
    return RuleDoc(rule.id, rule.severity.label, summary, why, sections)


# -- the article with its highlights -------------------------------------------------------------
@dataclass(frozen=True)
class Piece:
    """A run of source text: plain (``fids`` empty) or highlighted by the findings in ``fids``;
    ``anchors`` are ids placed just before it (finding starts, paragraph starts)."""

    text: str
    fids: str = ""
    classes: str = ""
    anchors: tuple[str, ...] = ()


@dataclass(frozen=True)
class Item:
    """A finding as the page shows it."""

    fid: str
    finding: Finding
    category_index: int
    block: int | None


def _top_classes(items: Sequence[Item]) -> str:
    top = max(items, key=lambda it: _SEVERITY_RANK[it.finding.severity.label])
    classes = f"qc-hl qc-c{top.category_index} qc-s-{top.finding.severity.label}"
    return classes + (" qc-multi" if len(items) > 1 else "")


def highlight(
    source: str, items: Sequence[Item], paragraph_starts: Mapping[int, str]
) -> list[Piece]:
    """Cut ``source`` at every finding boundary; overlapping findings share the pieces they cover."""
    n = len(source)
    spans = [(min(max(it.finding.start, 0), n), min(max(it.finding.end, 0), n), it) for it in items]
    starts: dict[int, list[Item]] = {}
    ends: dict[int, list[Item]] = {}
    for s, e, it in spans:
        if e > s:
            starts.setdefault(s, []).append(it)
            ends.setdefault(e, []).append(it)
    cuts = sorted({0, n, *starts, *ends, *paragraph_starts})
    pieces: list[Piece] = []
    active: dict[str, Item] = {}
    for a, b in itertools.pairwise(cuts):
        for it in ends.get(a, ()):
            active.pop(it.fid, None)
        anchors = []
        if a in paragraph_starts:
            anchors.append(paragraph_starts[a])
        for it in starts.get(a, ()):
            active[it.fid] = it
            anchors.append(f"f{it.fid}")
        text = source[a:b]
        if active:
            current = list(active.values())
            pieces.append(Piece(text, " ".join(it.fid for it in current), _top_classes(current),
                                tuple(anchors)))  # fmt: skip
        else:
            pieces.append(Piece(text, anchors=tuple(anchors)))
    if not pieces and paragraph_starts:
        pieces.append(Piece("", anchors=tuple(paragraph_starts.values())))
    return pieces


# -- per-paragraph chart ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Bar:
    block: int
    anchor: str
    x: float
    width: float
    y: float
    height: float
    label: str


@dataclass
class Chart:
    width: int = 760
    height: int = 210
    left: int = 44
    right: int = 48
    top: int = 14
    bottom: int = 26
    bars: list[Bar] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)  # polyline point lists (gaps split them)
    dots: list[tuple[float, float, str]] = field(default_factory=list)
    flesch_ticks: list[tuple[float, str]] = field(default_factory=list)
    density_ticks: list[tuple[float, str]] = field(default_factory=list)
    x_ticks: list[tuple[float, str]] = field(default_factory=list)

    @property
    def plot_width(self) -> float:
        return self.width - self.left - self.right

    @property
    def plot_bottom(self) -> float:
        return self.height - self.bottom


def _nice_ceiling(value: float) -> float:
    for step in (2, 5, 10, 20, 25, 50, 100, 200, 500, 1000):
        if value <= step:
            return float(step)
    return float(int(value) + 1)


def paragraph_chart(fidx: int, blocks: Sequence[tuple[float | None, int, int]]) -> Chart | None:
    """``blocks`` holds ``(Flesch reading ease or None, words, findings)`` per block."""
    if not blocks:
        return None
    chart = Chart()
    plot_h = chart.plot_bottom - chart.top
    densities = [100 * found / words if words else float(found > 0) * 100
                 for _, words, found in blocks]  # fmt: skip
    top_density = _nice_ceiling(max([*densities, 1.0]))
    step = chart.plot_width / len(blocks)
    gap = min(2.0, step * 0.2)

    def flesch_y(value: float) -> float:
        return chart.plot_bottom - plot_h * max(0.0, min(100.0, value)) / 100

    segment: list[str] = []
    for i, ((flesch, words, found), density) in enumerate(zip(blocks, densities, strict=True)):
        x = chart.left + i * step
        height = plot_h * density / top_density
        score = "too short to score" if flesch is None else f"Flesch reading ease {flesch:.1f}"
        label = (f"Paragraph {i + 1}: {score}; {found} finding{'s' if found != 1 else ''} "
                 f"in {words} word{'s' if words != 1 else ''}")  # fmt: skip
        chart.bars.append(Bar(i, f"p{fidx}-{i}", round(x + gap / 2, 2), round(step - gap, 2),
                              round(chart.plot_bottom - height, 2), round(height, 2), label))  # fmt: skip
        if flesch is None:
            if len(segment) > 1:
                chart.lines.append(" ".join(segment))
            segment = []
            continue
        cx, cy = round(x + step / 2, 2), round(flesch_y(flesch), 2)
        segment.append(f"{cx},{cy}")
        chart.dots.append((cx, cy, label))
    if len(segment) > 1:
        chart.lines.append(" ".join(segment))
    chart.flesch_ticks = [(round(flesch_y(v), 2), str(v)) for v in (0, 30, 50, 70, 100)]
    chart.density_ticks = [
        (round(chart.plot_bottom - plot_h * f, 2), f"{top_density * f:g}") for f in (0, 0.5, 1)
    ]
    every = max(1, round(len(blocks) / 12))
    chart.x_ticks = [(round(chart.left + (i + 0.5) * step, 2), str(i + 1))
                     for i in range(0, len(blocks), every)]  # fmt: skip
    return chart


# -- one file ------------------------------------------------------------------------------------
@dataclass
class FileView:
    index: int
    result: FileResult
    items: list[Item] = field(default_factory=list)
    pieces: list[Piece] = field(default_factory=list)
    chart: Chart | None = None
    by_category: dict[str, Counter[str]] = field(default_factory=dict)
    readability: list[tuple[str, str, float]] = field(default_factory=list)
    is_code: bool = False

    @property
    def anchor(self) -> str:
        return f"file-{self.index}"

    def count(self, severity: str) -> int:
        return sum(1 for it in self.items if it.finding.severity.label == severity)


def _block_source_starts(doc: Document) -> list[int]:
    return [doc.source_span(b.start, b.end)[0] for b in doc.blocks]


def _block_for(block_starts: Sequence[int], offset: int) -> int | None:
    i = bisect.bisect_right(block_starts, offset) - 1
    return i if i >= 0 else None


def file_view(index: int, result: FileResult, categories: Mapping[str, int]) -> FileView:
    view = FileView(index, result)
    doc = result.document
    if doc is None:
        return view
    view.is_code = doc.format != "text"
    block_starts = _block_source_starts(doc)
    for i, f in enumerate(result.findings):
        view.items.append(Item(f"{index}-{i}", f, categories[f.category],
                               _block_for(block_starts, f.start)))  # fmt: skip
    for it in view.items:
        view.by_category.setdefault(it.finding.category, Counter())[it.finding.severity.label] += 1
    paragraph_anchors: dict[int, str] = {}
    for b, start in enumerate(block_starts):
        paragraph_anchors.setdefault(start, f"p{index}-{b}")
    view.pieces = highlight(doc.source, view.items, paragraph_anchors)
    per_block = Counter(it.block for it in view.items)
    scores = dict(result.paragraph_readability)
    rows: list[tuple[float | None, int, int]] = []
    for b, block in enumerate(doc.blocks):
        r = scores.get(b)
        words = len(doc.words_between(block.start, block.end))
        rows.append((r.flesch_reading_ease if r else None, words, per_block.get(b, 0)))
    view.chart = paragraph_chart(index, rows)
    if result.readability is not None:
        for key, value in result.readability.to_dict().items():
            label, hint = READABILITY_LABELS.get(key, (key.replace("_", " "), ""))
            view.readability.append((label, hint, value))
    return view


def category_indexes(results: Iterable[FileResult], rules: Mapping[str, Rule]) -> dict[str, int]:
    present = {f.category for r in results for f in r.findings} | {
        r.category for r in rules.values()
    }
    ordered = [c for c in CATEGORY_ORDER if c in present]
    ordered += sorted(present - set(CATEGORY_ORDER))
    return {c: i % PALETTE_SIZE for i, c in enumerate(ordered)}


# -- rendering ------------------------------------------------------------------------------------
@functools.cache
def _environment() -> Environment:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("qualitycheck.reporters", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    return env


@functools.cache
def _asset(name: str) -> str:
    return (resources.files("qualitycheck.reporters") / "templates" / name).read_text("utf-8")


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def quality_band(score: float | None) -> str:
    if score is None:
        return "none"
    if score >= 85:
        return "good"
    if score >= 60:
        return "fair"
    return "poor"


def render(results: Iterable[FileResult], ctx: ReportContext) -> str:
    from markupsafe import Markup

    # A page shows every finding of its file at once: a streamed result is read whole here.
    results = [r.materialize() for r in results]
    categories = category_indexes(results, ctx.rules)
    views = [file_view(i, r, categories) for i, r in enumerate(results)]
    used_rules = sorted({it.finding.rule for v in views for it in v.items})
    script = _asset("report.js")
    totals = Counter(it.finding.severity.label for v in views for it in v.items)
    category_totals = Counter(it.finding.category for v in views for it in v.items)
    template = _environment().get_template("report.html.j2")
    return template.render(
        title="qualitycheck report" + (f": {results[0].path}" if len(results) == 1 else ""),
        version=ctx.tool_version,
        views=views,
        rules=[_rule_doc(rid, ctx.rules) for rid in used_rules],
        categories=[(c, i, category_totals.get(c, 0)) for c, i in categories.items()],
        severities=[(s, totals.get(s, 0)) for s in SEVERITIES],
        total_findings=sum(totals.values()),
        css=Markup(_asset("report.css")),
        script=Markup(script),
        script_hash=_csp_hash(script),
        quality_band=quality_band,
    )


def write(results: Iterable[FileResult], out: TextIO, ctx: ReportContext) -> None:
    out.write(render(results, ctx))
