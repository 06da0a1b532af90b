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
import io
import itertools
import re
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
    """What the page shows of one file. The article, the findings list and the chart's bars and
    dots are written by ``_Writer`` where the template leaves a marker (``marker``): on a huge
    file they are most of the page, and Jinja's loops were most of its time and memory."""

    index: int
    result: FileResult
    findings: Sequence[Finding] = ()
    category_of: list[int] = field(default_factory=list)  # each finding's category index
    paragraph_anchors: dict[int, str] = field(default_factory=dict)  # source offset -> anchor
    chart: Chart | None = None
    by_category: dict[str, Counter[str]] = field(default_factory=dict)
    by_severity: Counter[str] = field(default_factory=Counter)
    readability: list[tuple[str, str, float]] = field(default_factory=list)
    is_code: bool = False
    token: str = ""  # of the page's markers

    @property
    def anchor(self) -> str:
        return f"file-{self.index}"

    @property
    def total(self) -> int:
        return len(self.findings)

    def count(self, severity: str) -> int:
        return self.by_severity.get(severity, 0)

    def marker(self, kind: str) -> str:
        """Where the template leaves ``kind`` (article, findings, bars, dots) to the writer."""
        return f"\x00{self.token}:{kind}:{self.index}\x00"


def _block_source_starts(doc: Document) -> list[int]:
    return [doc.source_span(b.start, b.end)[0] for b in doc.blocks]


def _block_for(block_starts: Sequence[int], offset: int) -> int | None:
    i = bisect.bisect_right(block_starts, offset) - 1
    return i if i >= 0 else None


def file_view(
    index: int, result: FileResult, categories: Mapping[str, int], token: str = ""
) -> FileView:
    view = FileView(index, result, token=token)
    doc = result.document
    if doc is None:
        return view
    view.is_code = doc.format != "text"
    block_starts = _block_source_starts(doc)
    findings = view.findings = result.findings
    view.category_of = [categories[f.category] for f in findings]
    pairs = Counter((f.category, f.severity) for f in findings)
    for (category, severity), n in pairs.items():
        view.by_category.setdefault(category, Counter())[severity.label] += n
        view.by_severity[severity.label] += n
    paragraph_anchors = view.paragraph_anchors
    for b, start in enumerate(block_starts):
        paragraph_anchors.setdefault(start, f"p{index}-{b}")
    where = bisect.bisect_right
    per_block = Counter(where(block_starts, f.start) - 1 for f in findings)  # (_block_for)
    per_block.pop(-1, None)
    scores = dict(result.paragraph_readability)
    rows: list[tuple[float | None, int, int]] = []
    blocks = doc.blocks
    # the words whose start lies in each block: those of its sentences, when blocks do not overlap
    disjoint = all(a.end <= b.start for a, b in itertools.pairwise(blocks))
    counts = doc.words_per_block() if disjoint else None
    for b, block in enumerate(blocks):
        r = scores.get(b)
        words = counts[b] if counts is not None else doc.count_words(block.start, block.end)
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
    out = io.StringIO()
    write(results, out, ctx)
    return out.getvalue()


def write(results: Iterable[FileResult], out: TextIO, ctx: ReportContext) -> None:
    """Write the page: the template's text, and the big parts of each file (the article, the
    findings list, the chart's bars and dots) by ``_Writer`` where the template marks them,
    written as they are made rather than held as one string."""
    import secrets

    # A page shows every finding of its file at once: a streamed result is read whole here.
    results = [r.materialize() for r in results]
    categories = category_indexes(results, ctx.rules)
    token = secrets.token_hex(8)
    views = [file_view(i, r, categories, token) for i, r in enumerate(results)]
    page = _page(views, results, categories, ctx)
    writer = _Writer(out)
    marker = re.compile(f"\x00{token}:(article|findings|bars|dots):(\\d+)\x00\n?")
    pos = 0
    for m in marker.finditer(page):
        out.write(page[pos : m.start()])
        view = views[int(m.group(2))]
        getattr(writer, m.group(1))(view)
        pos = m.end()
    out.write(page[pos:])


def _page(
    views: list[FileView], results: list[FileResult], categories: dict[str, int], ctx: ReportContext
) -> str:
    """The template's text, with a marker where each file's big parts go."""
    from markupsafe import Markup

    used_rules = sorted({f.rule for v in views for f in v.findings})
    script = _asset("report.js")
    totals: Counter[str] = Counter()
    category_totals: Counter[str] = Counter()
    for v in views:
        totals.update(v.by_severity)
        for category, counts in v.by_category.items():
            category_totals[category] += sum(counts.values())
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


def _escape(text: str) -> str:
    """What Jinja's autoescape (markupsafe.escape) makes of a string."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if '"' in text:
        text = text.replace('"', "&#34;")
    if "'" in text:
        text = text.replace("'", "&#39;")
    return text


class _Writer:
    """The big parts of a file's section, written as the template would write them (the
    template once held these loops; tests/test_reporter_html.py compares the two), in batches."""

    BATCH = 2000

    def __init__(self, out: TextIO) -> None:
        self.out = out

    def article(self, v: FileView) -> None:
        """The source with its highlights: what ``highlight`` cuts, as the template wrote it."""
        doc = v.result.document
        if doc is None:
            return
        source, findings = doc.source, v.findings
        n = len(source)
        esc, write = _escape, self.out.write
        starts: dict[int, list[int]] = {}
        ends: dict[int, list[int]] = {}
        for k, f in enumerate(findings):
            s, e = min(max(f.start, 0), n), min(max(f.end, 0), n)
            if e > s:
                starts.setdefault(s, []).append(k)
                ends.setdefault(e, []).append(k)
        paragraphs = v.paragraph_anchors
        prefix = f"{v.index}-"
        labels = [f.severity.label for f in findings]
        category_of = v.category_of
        single: dict[tuple[int, str], str] = {}  # the classes of one finding's highlight
        active: dict[int, None] = {}
        parts: list[str] = []
        cuts = sorted({0, n, *starts, *ends, *paragraphs})
        if len(cuts) == 1 and paragraphs:  # an empty source: only the anchors
            write("".join(f'<span class="qc-anchor" id="{esc(a)}"></span>'
                          for a in paragraphs.values()))  # fmt: skip
            return
        for a, b in itertools.pairwise(cuts):
            ended = ends.get(a)
            if ended is not None:
                for k in ended:
                    active.pop(k, None)
            anchor = paragraphs.get(a)
            if anchor is not None:
                parts.append(f'<span class="qc-anchor" id="{esc(anchor)}"></span>')
            started = starts.get(a)
            if started is not None:
                for k in started:
                    active[k] = None
                    parts.append(f'<span class="qc-anchor" id="f{prefix}{k}"></span>')
            text = esc(source[a:b])
            if not active:
                parts.append(text)
            else:
                if len(active) == 1:
                    (k,) = active
                    fids = f"{prefix}{k}"
                    key = (category_of[k], labels[k])
                    classes = single.get(key)
                    if classes is None:
                        classes = single[key] = f"qc-hl qc-c{key[0]} qc-s-{key[1]}"
                else:  # _top_classes: the first of the most severe
                    top = max(active, key=lambda k: _SEVERITY_RANK[labels[k]])
                    fids = " ".join(f"{prefix}{k}" for k in active)
                    classes = f"qc-hl qc-c{category_of[top]} qc-s-{labels[top]} qc-multi"
                parts.append(f'<mark class="{classes}" data-f="{fids}" tabindex="0">{text}</mark>')
            if len(parts) >= self.BATCH:
                write("".join(parts))
                parts.clear()
        write("".join(parts))

    def findings(self, v: FileView) -> None:
        """The findings list's items."""
        esc, write = _escape, self.out.write
        parts: list[str] = []
        category_of = v.category_of
        escaped: dict[str, str] = {}  # rule ids and categories: few, repeated
        for k, f in enumerate(v.findings):
            fid = f"{v.index}-{k}"
            ci = category_of[k]
            rule = escaped.get(f.rule)
            if rule is None:
                rule = escaped[f.rule] = esc(f.rule)
            category = escaped.get(f.category)
            if category is None:
                category = escaped[f.category] = esc(f.category)
            sev = f.severity.label
            text = f.text
            if len(text) > 60:  # Jinja's truncate(60, true, '…', 0)
                text = text[:59] + "…"
            suggestions = ""
            if f.suggestions:
                joined = esc(" / ".join(map(str, f.suggestions)))
                suggestions = f' → <span class="qc-sugg">{joined}</span>'
            parts.append(
                f'        <li class="qc-item" data-fid="{fid}" data-cat="{category}"'
                f' data-cat-index="{ci}" data-sev="{sev}" data-rule="{rule}">\n'
                f'          <a class="qc-jump" href="#f{fid}">\n'
                '            <span class="qc-card">\n'
                f'              <span class="qc-meta"><span class="qc-badge qc-s-{sev}">{sev}</span>'
                f' <span class="qc-rule qc-c{ci}">{rule}</span>'
                f' <span class="qc-pos">{f.line}:{f.column}</span></span>\n'
                f'              <span class="qc-msg">{esc(f.message)}</span>\n'
                f'              <span class="qc-flagged">“{esc(text)}”{suggestions}</span>\n'
                f'              <span class="qc-conf">confidence {f.confidence * 100:.0f}%</span>\n'
                "            </span>\n"
                "          </a>\n"
                f'          <a class="qc-about" href="#rule-{rule}">about this rule</a>\n'
                "        </li>\n"
            )
            if len(parts) >= self.BATCH:
                write("".join(parts))
                parts.clear()
        write("".join(parts))

    def bars(self, v: FileView) -> None:
        """The chart's bars."""
        ch = v.chart
        if ch is None:
            return
        esc, write = _escape, self.out.write
        top, height = ch.top, ch.plot_bottom - ch.top
        parts: list[str] = []
        for b in ch.bars:
            parts.append(
                f'      <a href="#{esc(b.anchor)}" class="qc-bar-link"><title>{esc(b.label)}</title>'
                f'<rect class="qc-hit" x="{b.x}" y="{top}" width="{b.width}" height="{height}"/>'
                f'<rect class="qc-bar" x="{b.x}" y="{b.y}" width="{b.width}" height="{b.height}"/>'
                "</a>\n"
            )
            if len(parts) >= self.BATCH:
                write("".join(parts))
                parts.clear()
        write("".join(parts))

    def dots(self, v: FileView) -> None:
        """The chart's dots (Flesch reading ease per paragraph)."""
        ch = v.chart
        if ch is None:
            return
        esc, write = _escape, self.out.write
        parts: list[str] = []
        for cx, cy, label in ch.dots:
            parts.append(f'      <circle class="qc-flesch-dot" cx="{cx}" cy="{cy}" r="2.6">'
                         f"<title>{esc(label)}</title></circle>\n")  # fmt: skip
            if len(parts) >= self.BATCH:
                write("".join(parts))
                parts.clear()
        write("".join(parts))
