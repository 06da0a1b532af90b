"""Unrelated headlines a scraper copied from the end of a web page.

What it does
    After a line that starts a page footer ("More Stories", "Related Articles", "Most Popular":
    the boilerplate pack lines marked ``footer = true``), flags each following short, title-like
    line: no full stop at the end, a headline's length, often a site name after a separator
    ("... | NATO", "... – DW – 07/29/2024"). It stops at the first line that reads like body
    prose. A footer-like line in the middle of an article that is followed by ordinary
    paragraphs is not a footer, and nothing after it is flagged.

Why it matters
    Scraped articles often end with the teasers of other stories. They have nothing to do with
    the article, mislead readers and pollute corpora with text that repeats across documents.

Example
    The talks are due to resume next week.
    More Stories
    Two injured as storm hits coastal towns | Example News
    Central bank holds rates steady – Example Wire – 07/29/2024

Use instead
    End the article with its last paragraph; delete the footer line and the headlines after it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from qualitycheck.document import Document
from qualitycheck.finding import Match, Severity
from qualitycheck.rule import Context, define
from qualitycheck.scan.programs import re_compile

_MAX_HEADLINE_WORDS = 30
_MAX_HEADLINE_CHARS = 220
# A site name or date after a separator: "... | NATO", "... – DW – 07/29/2024".
_SITE_SUFFIX_RE = re_compile(
    r"\s[|–—-]\s+[^|–—]{1,40}$|\s[|–—-]\s+\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}$"
)
_COPYRIGHT_RE = re_compile(r"\s*(?:©|\(c\)|copyright\b)", re.IGNORECASE)
_WORD_RE = re_compile(r"[^\W_]+(?:['’\-][^\W_]+)*")


def _is_headline(line: str) -> bool:
    """Short, one sentence at most, no full stop at the end, starts like a title."""
    stripped = line.strip()
    if not stripped or len(stripped) > _MAX_HEADLINE_CHARS:
        return False
    words = _WORD_RE.findall(stripped)
    if not 2 <= len(words) <= _MAX_HEADLINE_WORDS:
        return False
    first = stripped[0]
    if not (first.isupper() or first.isdigit() or first in "\"'“‘«"):
        return False
    if re.search(r"[.!?…][\"'”’»)]*\s+\S", stripped):  # two sentences: prose
        return False
    if stripped[-1] in ".;:,":
        return bool(_SITE_SUFFIX_RE.search(stripped.rstrip(".")))
    return True


def _is_prose(line: str) -> bool:
    return not _is_headline(line)


def check(doc: Document, ctx: Context) -> Iterator[Match]:
    from qualitycheck.packs import boilerplate_line_matcher, footer_line_matcher

    is_footer = footer_line_matcher()
    is_boilerplate = boilerplate_line_matcher()
    text = doc.text
    blocks = doc.blocks
    i = 0
    while i < len(blocks):
        if not is_footer(text[blocks[i].start : blocks[i].end]):
            i += 1
            continue
        run: list[int] = []
        j = i + 1
        while j < len(blocks):
            line = text[blocks[j].start : blocks[j].end]
            if is_boilerplate(line) or _COPYRIGHT_RE.match(line):
                j += 1  # more widgets or the site's notice: neither headline nor article
                continue
            if _is_prose(line):
                break
            run.append(j)
            j += 1
        # Headlines that run into the end of the document are a footer. Followed by prose, they
        # may be a related-links box inside a scraped article, or the "footer" line was a heading
        # of the article itself: only a hint, and only in plain (scraped) text.
        at_end = j == len(blocks)
        if run and (at_end or doc.format == "text"):
            footer = text[blocks[i].start : blocks[i].end].strip()
            for k in run:
                block = blocks[k]
                headline = text[block.start : block.end]
                site = bool(_SITE_SUFFIX_RE.search(headline))
                confidence = (0.9 if site else 0.8) if at_end else 0.4
                if doc.format != "text":
                    confidence -= 0.2  # Markdown or HTML: the author may have written the list
                yield Match(
                    block.start,
                    block.end,
                    f"'{_short(headline)}' looks like the headline of another story, copied from "
                    f"the page footer that starts with '{footer}'; it is not part of the article",
                    confidence=confidence,
                    severity=None if at_end else Severity.INFO,
                )
        i = j if j > i + 1 else i + 1


def _short(line: str, limit: int = 60) -> str:
    line = line.strip()
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


RULE = define("junk.trailing-headlines", "warning", check, __doc__)
