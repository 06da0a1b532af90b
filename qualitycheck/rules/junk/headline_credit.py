"""A site name or photo credit glued to a headline: "Mayor opens the new bridge | Instagram".

What it does
    Finds a headline (the first line of the document, or a heading; short, with no full stop
    at the end) that ends with a vertical bar and a short label of one to four capitalised
    words or a domain: the site name of the page title ("| The Daily Courier", "| example.com")
    or the credit of the photo that stood next to it ("| Instagram", "| Getty Images"). The
    attribution line a translated feed puts after its headline is reported too ("..., – WRITES:
    Sport.example", "– reports Example News"). A line with more than one bar (a table row, a
    menu) is left alone, as is a bar inside a sentence, and the headlines of other stories a
    scraper copied from the foot of the page (`junk.trailing-headlines` reports those).

Why it matters
    Scrapers take the headline from the page's title tag, which carries the site name, or join
    it with the caption of the lead photo. The label is not part of the headline and looks like
    debris in the published text.

Example
    Harbour ferries return to the old timetable | Instagram

Use instead
    Harbour ferries return to the old timetable
"""

from __future__ import annotations

from collections.abc import Iterator

from qualitycheck import heuristics
from qualitycheck.document import Document
from qualitycheck.finding import Match, Severity
from qualitycheck.rule import Context, define
from qualitycheck.scan.programs import re_compile

_LABEL_RE = re_compile(
    r"(?<![ \t\u00a0])[ \t\u00a0]+[|¦][ \t\u00a0]*"
    r"((?:[A-Z0-9][\w&.'’\-]*|[a-z][\w\-]*\.[a-z]{2,})(?:[ \t\u00a0]+(?:[A-Z0-9&][\w&.'’\-]*|of|the|and|de|la|on)){0,3})"
    r"[ \t\u00a0]*$"
)
# "– WRITES: Sport.example", "- reports Example News": the source-language attribution line
# ("пише", "informa", "donosi") that a translated feed puts after its headline.
_ATTRIBUTION_RE = re_compile(
    r"(?<![ \t\u00a0])(?:[ \t\u00a0]*,[ \t\u00a0]+|[ \t\u00a0]+)[–—\-][ \t\u00a0]*"
    r"((?i:writes?|reports?|informs?|says|source|via)[ \t\u00a0]*:?[ \t\u00a0]*"
    r"(?:[A-Z0-9][\w&.'’\-]*|[a-z][\w\-]*\.[a-z]{2,})(?:[ \t\u00a0]+[A-Z0-9&][\w&.'’\-]*){0,3})"
    r"[ \t\u00a0]*$"
)
_MAX_HEADLINE_WORDS = 25
_MAX_HEADLINE_CHARS = 400


def _attribution(line: str, offset: int) -> Match | None:
    """ "Headline, – WRITES: Site": the feed's attribution after the headline."""
    m = _ATTRIBUTION_RE.search(line)
    if m is None:
        return None
    words = line[: m.start()].split()
    if len(words) < 3 or len(words) > _MAX_HEADLINE_WORDS:
        return None
    return Match(
        offset + m.start(),
        offset + m.end(),
        f"'{m.group(1)}' after the headline is the source's attribution line (\"writes\", "
        '"reports"), translated word for word and glued to the headline; delete it or turn '
        "it into a credit.",
        ("",),
        confidence=0.7,
        severity=Severity.WARNING,
    )


def check(doc: Document, ctx: Context) -> Iterator[Match]:
    text = doc.text
    for index, block in enumerate(doc.blocks):
        if index > 0 and block.kind != "heading":
            continue  # the headline: the first line, or a heading (not a footer's headlines)
        if block.end - block.start > _MAX_HEADLINE_CHARS:
            continue  # a headline is short; a long block is prose (or a blob)
        line = text[block.start : block.end]
        if "\n" in line.strip() or heuristics.looks_like_code(line):
            continue
        found = _attribution(line, block.start)
        if found is not None:
            yield found
            continue
        if line.count("|") + line.count("¦") != 1:
            continue
        m = _LABEL_RE.search(line)
        if m is None:
            continue
        head = line[: m.start()].strip()
        words = head.split()
        if len(words) < 3 or len(words) > _MAX_HEADLINE_WORDS or head[-1:] in ".!?:;,":
            continue
        if len(m.group(1).split()) >= len(words):
            continue
        yield Match(
            block.start + m.start(),
            block.start + m.end(),
            f"'{m.group(1)}' after a bar looks like a site name or photo credit glued to the "
            "headline by a scraper; delete it.",
            ("",),
            confidence=0.7,
            severity=Severity.WARNING,
        )


RULE = define("junk.headline-credit", "warning", check, __doc__)
