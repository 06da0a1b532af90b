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
import codecs
import contextlib
import functools
import hashlib
import io
import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING, Any, TextIO

from qualitycheck.reporters.streaming import utf8_buffer
from qualitycheck.rule import doc_sections

if TYPE_CHECKING:
    from jinja2 import Environment

    from qualitycheck.document import Document
    from qualitycheck.finding import Finding, Severity
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
    bar_count: int = 0  # (the bars themselves may have gone to a ``ChartSink`` instead)

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


class ChartSink:
    """Where ``paragraph_chart`` puts the bars and dots instead of the chart's lists: the HTML
    of each written to two streams as they are made (a huge file has a bar per line)."""

    def __init__(self, chart: Chart, bars: Any, dots: Any) -> None:
        self.bars, self.dots = bars, dots
        self.top, self.hit_height = chart.top, chart.plot_bottom - chart.top
        self.bar_parts: list[str] = []
        self.dot_parts: list[str] = []

    def bar(self, b: Bar) -> None:
        self.bar_parts.append(_bar_html(b, self.top, self.hit_height))
        if len(self.bar_parts) >= _Writer.BATCH:
            self.bars.write("".join(self.bar_parts))
            self.bar_parts.clear()

    def dot(self, cx: float, cy: float, label: str) -> None:
        self.dot_parts.append(_dot_html(cx, cy, label))
        if len(self.dot_parts) >= _Writer.BATCH:
            self.dots.write("".join(self.dot_parts))
            self.dot_parts.clear()

    def close(self) -> None:
        self.bars.write("".join(self.bar_parts))
        self.dots.write("".join(self.dot_parts))


def paragraph_chart(
    fidx: int,
    blocks: Sequence[tuple[float | None, int, int]],
    sink: Callable[[Chart], ChartSink] | None = None,
) -> Chart | None:
    """``blocks`` holds ``(Flesch reading ease or None, words, findings)`` per block. With
    ``sink``, the bars and dots go to the sink it makes for the chart, not to its lists."""
    if not blocks:
        return None
    chart = Chart()
    chart.bar_count = len(blocks)
    out = sink(chart) if sink is not None else None
    add_bar: Callable[[Bar], None] = out.bar if out is not None else chart.bars.append
    add_dot: Callable[[float, float, str], None] = (
        out.dot if out is not None else lambda cx, cy, label: chart.dots.append((cx, cy, label))
    )
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
        add_bar(Bar(i, f"p{fidx}-{i}", round(x + gap / 2, 2), round(step - gap, 2),
                    round(chart.plot_bottom - height, 2), round(height, 2), label))  # fmt: skip
        if flesch is None:
            if len(segment) > 1:
                chart.lines.append(" ".join(segment))
            segment = []
            continue
        cx, cy = round(x + step / 2, 2), round(flesch_y(flesch), 2)
        segment.append(f"{cx},{cy}")
        add_dot(cx, cy, label)
    if len(segment) > 1:
        chart.lines.append(" ".join(segment))
    if out is not None:
        out.close()
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
    total: int = 0  # findings
    rules: set[str] = field(default_factory=set)  # the rules of the findings
    # the article and the findings list written to the spools, as (start, end) there (``write``)
    spooled: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def anchor(self) -> str:
        return f"file-{self.index}"

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
    view.total = len(findings)
    view.rules = {f.rule for f in findings}
    where = bisect.bisect_right
    per_block = Counter(where(block_starts, f.start) - 1 for f in findings)  # (_block_for)
    per_block.pop(-1, None)
    _chart_and_scores(view, result, doc, per_block)
    return view


def _chart_and_scores(
    view: FileView,
    result: FileResult,
    doc: Document,
    per_block: Mapping[int, int],
    sink: Callable[[Chart], ChartSink] | None = None,
) -> None:
    """The view's chart (``per_block``: the findings of each block) and readability rows."""
    index = view.index
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
    view.chart = paragraph_chart(index, rows, sink)
    if result.readability is not None:
        for key, value in result.readability.to_dict().items():
            label, hint = READABILITY_LABELS.get(key, (key.replace("_", " "), ""))
            view.readability.append((label, hint, value))


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
    """Write the page. Each file's findings are read once, piece by piece (a huge file's come
    streamed, see ``FileResult.pieces``): its article and findings list are written as they come
    into a spool file, while what the page shows first (the counts, the chart) is counted; then
    the template's text is written with the spooled parts copied where it marks them, and the
    chart's bars and dots written there by ``_Writer``. Memory holds one piece's findings at a
    time, not the page.

    Category colours are numbered from the rules' categories and the findings of the results
    that are not streamed, as ``category_indexes`` does; a streamed result's finding of a
    category no rule has (never from the command line, whose rules include every finding's)
    takes the next number."""
    import secrets
    import tempfile

    results = list(results)
    categories = category_indexes([r for r in results if not r.streamed], ctx.rules)
    token = secrets.token_hex(8)
    with contextlib.ExitStack() as stack:
        spools = tuple(_Spool(stack.enter_context(tempfile.TemporaryFile("w+b"))) for _ in _KINDS)
        views = [_stream_view(i, r, categories, token, spools) for i, r in enumerate(results)]
        page = _page(views, results, categories, ctx)
        writer = _Writer(out)
        marker = re.compile(f"\x00{token}:(article|findings|bars|dots):(\\d+)\x00\n?")
        pos = 0
        for m in marker.finditer(page):
            out.write(page[pos : m.start()])
            kind, view = m.group(1), views[int(m.group(2))]
            if kind in view.spooled:
                spools[_KINDS.index(kind)].copy(view.spooled[kind], out)
            else:
                getattr(writer, kind)(view)
            pos = m.end()
        out.write(page[pos:])


#: what a page's spools hold, one spool each (``write``)
_KINDS = ("article", "findings", "bars", "dots")


class _Spool:
    """A binary temporary file written as UTF-8 text, whose parts are copied out later."""

    def __init__(self, raw: Any) -> None:
        self.raw = raw
        self.size = 0

    def write(self, text: str) -> None:
        data = text.encode("utf-8")
        self.raw.write(data)
        self.size += len(data)

    def copy(self, span: tuple[int, int], out: TextIO) -> None:
        start, end = span
        raw = self.raw
        raw.seek(start)
        buffer = utf8_buffer(out)
        if buffer is not None:
            out.flush()
        decoder = codecs.getincrementaldecoder("utf-8")()
        left = end - start
        while left > 0:
            data = raw.read(min(left, 1 << 20))
            if not data:
                break
            left -= len(data)
            if buffer is not None:
                buffer.write(data)
            else:
                out.write(decoder.decode(data, final=left <= 0))
        raw.seek(0, 2)


def _stream_view(
    index: int, result: FileResult, categories: dict[str, int], token: str,
    spools: tuple[_Spool, ...],
) -> FileView:
    """What ``file_view`` gives, with the file's findings read piece by piece: its article and
    findings list written to ``spools`` as they come (``FileView.spooled``), not kept."""
    doc = result.document
    if doc is None:
        result.materialize()
        return file_view(index, result, categories, token)
    view = FileView(index, result, token=token, is_code=doc.format != "text")
    block_starts = _block_source_starts(doc)
    paragraph_anchors = view.paragraph_anchors
    for b, start in enumerate(block_starts):
        paragraph_anchors.setdefault(start, f"p{index}-{b}")
    article = _Article(spools[0], doc.source, index, paragraph_anchors)
    items = _Writer(spools[1])  # type: ignore[arg-type]
    pairs: Counter[tuple[str, Severity]] = Counter()
    per_block: Counter[int] = Counter()
    where = bisect.bisect_right
    total = 0
    spans = (spools[0].size, spools[1].size)
    for piece in result.pieces():
        category_of = []
        for f in piece:
            c = categories.get(f.category)
            if c is None:  # see ``write``
                c = categories[f.category] = len(categories) % PALETTE_SIZE
            category_of.append(c)
        pairs.update((f.category, f.severity) for f in piece)
        per_block.update(where(block_starts, f.start) - 1 for f in piece)  # (_block_for)
        view.rules.update(f.rule for f in piece)
        article.add(piece, category_of, total)
        items.finding_items(index, piece, category_of, total)
        total += len(piece)
    article.close()
    view.spooled = {"article": (spans[0], spools[0].size), "findings": (spans[1], spools[1].size)}
    view.total = total
    for (category, severity), n in pairs.items():
        view.by_category.setdefault(category, Counter())[severity.label] += n
        view.by_severity[severity.label] += n
    per_block.pop(-1, None)
    spans = (spools[2].size, spools[3].size)
    _chart_and_scores(view, result, doc, per_block,
                      lambda chart: ChartSink(chart, spools[2], spools[3]))  # fmt: skip
    view.spooled["bars"] = (spans[0], spools[2].size)
    view.spooled["dots"] = (spans[1], spools[3].size)
    return view


def _page(
    views: list[FileView], results: list[FileResult], categories: dict[str, int], ctx: ReportContext
) -> str:
    """The template's text, with a marker where each file's big parts go."""
    from markupsafe import Markup

    used_rules = sorted({rule for v in views for rule in v.rules})
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


class _Article:
    """Writes a file's source with its highlights as ``highlight`` cuts it and the template
    wrote it, from findings given piece by piece (``add``) in the order of their starts, as a
    huge file's pieces come: what lies before the first start of a new piece is final and
    written then (every start is a cut of the whole source, so nothing is cut that the whole
    would not cut); ``close`` writes the rest. A finding given after the text it starts in was
    written (pieces out of order; the checker's never are) is highlighted from where the text
    written so far ends."""

    BATCH = 2000

    def __init__(self, out: Any, source: str, index: int, paragraphs: Mapping[int, str]) -> None:
        self.out = out
        self.source = source
        self.n = len(source)
        self.prefix = f"{index}-"
        self.paragraphs = paragraphs
        self.paragraph_starts = sorted(paragraphs)
        self.next_paragraph = 0  # index into paragraph_starts of the first not yet written
        self.pos = 0  # the text before this is written
        # findings not yet over: [start, end, number, classes], in the order given
        self.open: list[tuple[int, int, int, int, str]] = []
        self.active: dict[int, None] = {}
        self.single: dict[tuple[int, str], str] = {}

    def add(self, findings: Sequence[Finding], category_of: Sequence[int], first: int) -> None:
        """The findings of the next piece, numbered from ``first`` in their file."""
        n = self.n
        spans = []
        for k, f in enumerate(findings):
            s, e = min(max(f.start, 0), n), min(max(f.end, 0), n)
            if e > s:
                spans.append((max(s, self.pos), e, first + k, category_of[k], f.severity.label))
        if spans:
            self._write_to(min(span[0] for span in spans))
            self.open.extend(spans)

    def close(self) -> None:
        if self.n == 0:  # no text: only the anchors
            self.out.write("".join(f'<span class="qc-anchor" id="{_escape(a)}"></span>'
                                   for a in self.paragraphs.values()))  # fmt: skip
            return
        self._write_to(self.n)

    def _write_to(self, limit: int) -> None:
        """Write the text from ``pos`` to ``limit`` (a cut of the whole source)."""
        pos = self.pos
        if limit <= pos:
            return
        starts: dict[int, list[int]] = {}
        ends: dict[int, list[int]] = {}
        info: dict[int, tuple[int, str]] = {}
        kept = []
        for span in self.open:
            s, e, k, ci, label = span
            if s < limit:
                if s >= pos:
                    starts.setdefault(s, []).append(k)
                info[k] = (ci, label)
                if e <= limit:
                    ends.setdefault(e, []).append(k)
                if e > limit:
                    kept.append(span)
            else:
                kept.append(span)
        self.open = kept
        paragraphs, paragraph_starts = self.paragraphs, self.paragraph_starts
        p = self.next_paragraph
        q = bisect.bisect_left(paragraph_starts, limit, p)
        cuts = sorted({pos, limit, *starts, *(e for e in ends if e < limit),
                       *paragraph_starts[p:q]})  # fmt: skip
        self.next_paragraph = q
        source, prefix, esc = self.source, self.prefix, _escape
        active, single = self.active, self.single
        parts: list[str] = []
        write = self.out.write
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
                    key = info[k]
                    classes = single.get(key)
                    if classes is None:
                        classes = single[key] = f"qc-hl qc-c{key[0]} qc-s-{key[1]}"
                else:  # _top_classes: the first of the most severe
                    top = max(active, key=lambda k: _SEVERITY_RANK[info[k][1]])
                    fids = " ".join(f"{prefix}{k}" for k in active)
                    classes = f"qc-hl qc-c{info[top][0]} qc-s-{info[top][1]} qc-multi"
                parts.append(f'<mark class="{classes}" data-f="{fids}" tabindex="0">{text}</mark>')
            if len(parts) >= self.BATCH:
                write("".join(parts))
                parts.clear()
        write("".join(parts))
        # what ends at ``limit`` is over once the text goes on from there
        for k in ends.get(limit, ()):
            active.pop(k, None)
        self.pos = limit


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
        sweep = _Article(self.out, doc.source, v.index, v.paragraph_anchors)
        sweep.add(v.findings, v.category_of, 0)
        sweep.close()

    def findings(self, v: FileView) -> None:
        """The findings list's items."""
        self.finding_items(v.index, v.findings, v.category_of, 0)

    def finding_items(
        self, index: int, findings: Sequence[Finding], category_of: Sequence[int], first: int
    ) -> None:
        """The findings list's items of ``findings``, numbered from ``first`` in their file."""
        esc, write = _escape, self.out.write
        parts: list[str] = []
        escaped: dict[str, str] = {}  # rule ids and categories: few, repeated
        for k, f in enumerate(findings):
            fid = f"{index}-{first + k}"
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
        top, height = ch.top, ch.plot_bottom - ch.top
        self._batched([_bar_html(b, top, height) for b in ch.bars])

    def dots(self, v: FileView) -> None:
        """The chart's dots (Flesch reading ease per paragraph)."""
        ch = v.chart
        if ch is None:
            return
        self._batched([_dot_html(cx, cy, label) for cx, cy, label in ch.dots])

    def _batched(self, parts: list[str]) -> None:
        for k in range(0, len(parts), self.BATCH):
            self.out.write("".join(parts[k : k + self.BATCH]))


def _bar_html(b: Bar, top: int, height: float) -> str:
    esc = _escape
    return (
        f'      <a href="#{esc(b.anchor)}" class="qc-bar-link"><title>{esc(b.label)}</title>'
        f'<rect class="qc-hit" x="{b.x}" y="{top}" width="{b.width}" height="{height}"/>'
        f'<rect class="qc-bar" x="{b.x}" y="{b.y}" width="{b.width}" height="{b.height}"/>'
        "</a>\n"
    )


def _dot_html(cx: float, cy: float, label: str) -> str:
    return (f'      <circle class="qc-flesch-dot" cx="{cx}" cy="{cy}" r="2.6">'
            f"<title>{_escape(label)}</title></circle>\n")  # fmt: skip
