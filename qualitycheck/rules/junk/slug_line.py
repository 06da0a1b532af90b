"""A bracketed agency or tag slug alone on a line: "(NEWSWIRE) – Lyon, 3 May 2024", "[UPDATE]".

What it does
    Finds a line that is nothing but a bracketed tag in capitals, the slug an agency feed or a
    content system puts at the top of an item, either alone ("[UPDATE]", "(LIVE)") or followed
    by a dash and the place, date or label of the feed ("(NEWSWIRE) – Lyon, 3 May 2024",
    "(NEWSWIRE) – Fri 03 May 2024 PRESS RELEASE"): no word in lower case follows it. A dateline
    that starts a paragraph of text ("LYON (Reuters) – The council voted ...") is the article's
    own and is left alone, as are footnote numbers ("(1)") and brackets with ordinary words.

Why it matters
    When a page is scraped from an agency feed or a live blog, the feed's header lines come
    along with the text. They repeat what the dateline already says and are not part of the
    article.

Example
    (NEWSWIRE) – Lyon, 3 May 2024
    The city council voted on Friday to close the old market hall.

Use instead
    The city council voted on Friday to close the old market hall.
"""

from __future__ import annotations

from collections.abc import Iterator

from qualitycheck.document import Document
from qualitycheck.finding import Match, Severity
from qualitycheck.rule import Context, define
from qualitycheck.scan.programs import re_compile

_SLUG_RE = re_compile(
    r"[ \t]*(?:\(([A-Z][A-Z0-9&.\-]{2,24})\)|\[([A-Z][A-Z0-9&.\-]{2,24})\])"
    r"(?:[ \t]*$|[ \t]+[–—\-][ \t]+(.{1,80}?)[ \t]*$)"
)
_LOWER_WORD_RE = re_compile(r"\b[a-z]{3,}\b")
_MAX_SLUG_CHARS = 160
_MIN_LETTERS = 4  # "(AP)" and "(EU)" are too short to tell


def check(doc: Document, ctx: Context) -> Iterator[Match]:
    text = doc.text
    if "(" not in text and "[" not in text:
        return
    for block in doc.blocks:
        if block.end - block.start > _MAX_SLUG_CHARS:
            continue
        line = text[block.start : block.end]
        if "\n" in line.strip():
            continue
        m = _SLUG_RE.match(line)
        if m is None:
            continue
        tag = m.group(1) or m.group(2)
        if sum(c.isalpha() for c in tag) < _MIN_LETTERS:
            continue
        rest = m.group(3) or ""
        if _LOWER_WORD_RE.search(rest):
            continue
        start = block.start + len(line) - len(line.lstrip())
        yield Match(
            start,
            block.start + len(line.rstrip()),
            f"'{line.strip()}' is a feed or tag slug alone on a line, copied with the article "
            "from an agency feed or a live blog; delete it.",
            ("",),
            confidence=0.7,
            severity=Severity.WARNING,
        )


RULE = define("junk.slug-line", "warning", check, __doc__)
