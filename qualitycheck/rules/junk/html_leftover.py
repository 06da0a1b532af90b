"""HTML entities and tags left visible in the text.

What it does
    Flags HTML character references that were never decoded ("&amp;", "&nbsp;", "&#39;",
    "&#8217;", "&quot;", also double-escaped ones such as "&amp;nbsp;") and HTML tags or attribute
    runs that survived text extraction ("<br>", "< br >", "</p>", "<img src=...>",
    'class="lead"'). For an entity the decoded character is suggested. An ampersand or an angle
    bracket used as in ordinary prose ("AT&T", "R&D", "Q&A", "x < 3") is not an entity or a tag
    and is left alone, as is markup inside code.

Why it matters
    When a page is converted to text twice, or escaped twice, the markup shows up as literal
    characters. Readers see "Rock &amp; Roll" or "Ukraine&#8217;s"; search and counting tools see
    words that are not there.

Example
    The minister&#8217;s office said the talks would continue.<br>

Use instead
    The minister’s office said the talks would continue.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Iterator
from html.entities import html5

from qualitycheck.document import Document
from qualitycheck.finding import Match
from qualitycheck.rule import Context, define
from qualitycheck.scan import finditer
from qualitycheck.scan.programs import re_compile

_TAG_NAMES = (
    "a|abbr|article|aside|audio|b|blockquote|body|br|button|caption|center|cite|code|dd|del|details|"
    "div|dl|dt|em|embed|fieldset|figcaption|figure|font|footer|form|h[1-6]|head|header|hr|html|i|"
    "iframe|img|input|ins|label|li|link|main|mark|meta|nav|noscript|ol|option|p|picture|pre|q|s|"
    "script|section|select|small|source|span|strike|strong|style|sub|summary|sup|svg|table|tbody|td|"
    "textarea|tfoot|th|thead|time|title|tr|tt|u|ul|video|wbr"
)
# A tag: "<br>", "< br / >", "</p>", "<img src='x' alt=''>"; also written with entities.
_TAG_RE = re_compile(
    rf"<\s*/?\s*(?:{_TAG_NAMES})(?:\s+[^<>\n]{{0,300}}?)?\s*/?\s*>"
    rf"|&lt;\s*/?\s*(?:{_TAG_NAMES})(?:\s+(?:(?!&gt;)[^<>\n]){{0,300}}?)?\s*/?\s*&gt;",
    re.IGNORECASE,
)
_ATTRIBUTE = (
    r"(?:class|style|href|src|srcset|alt|data-[\w-]+|aria-[\w-]+|width|height|target|rel|"
    r"loading|decoding|itemprop|itemscope|itemtype|onclick|role|id)"
)
# Attribute runs left after a tag was cut: 'class="lead" style="..."'.
_ATTRIBUTES_RE = re_compile(
    rf"(?<![\w-]){_ATTRIBUTE}\s*=\s*(?:\"[^\"\n]{{0,300}}\"|'[^'\n]{{0,300}}')"
    rf"(?:\s+{_ATTRIBUTE}\s*=\s*(?:\"[^\"\n]{{0,300}}\"|'[^'\n]{{0,300}}'))*"
    r"(?:\s*/?>)?",
    re.IGNORECASE,
)


# Character references, possibly escaped once more: "&amp;nbsp;", "&amp;#8217;".
_ENTITY_RE = re_compile(
    r"&(?:amp;)*(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
)
_SPACES = {"\u00a0", "\u2002", "\u2003", "\u2009", "\u200a", "\u202f"}


def _decode(reference: str) -> str | None:
    """The character(s) an entity stands for, fully unescaped; None if it is not an entity."""
    inner = reference
    while inner.lower().startswith("&amp;") and len(inner) > 5:
        inner = "&" + inner[5:]
    name = inner[1:]
    if not name.startswith("#") and name not in html5:
        return None
    decoded = html.unescape(inner)
    if decoded == inner:
        return None
    return decoded


class _CodeSpans:
    """Answers "inside `code` on the same line?" for many spans of one text in logarithmic time
    each: scanning the line for every span took quadratic time on a long line full of tags."""

    def __init__(self, text: str) -> None:
        self.size = len(text)
        self.ticks = [m.start() for m in re.finditer("`", text)]
        self.breaks = [m.start() for m in re.finditer("\n", text)] if self.ticks else []

    def __call__(self, start: int, end: int) -> bool:
        if not self.ticks:
            return False
        ticks, breaks = self.ticks, self.breaks
        k = bisect.bisect_left(breaks, start)
        line_start = breaks[k - 1] + 1 if k else 0
        j = bisect.bisect_left(breaks, end)
        line_end = breaks[j] if j < len(breaks) else self.size
        before = bisect.bisect_left(ticks, start) - bisect.bisect_left(ticks, line_start)
        after = bisect.bisect_left(ticks, line_end) - bisect.bisect_left(ticks, end)
        return before % 2 == 1 and after > 0


def _written_as_markup(doc: Document, start: int, end: int) -> bool:
    """In Markdown an entity the author wrote is valid markup (it renders as the character)."""
    if doc.format != "markdown":
        return False
    s, e = doc.source_span(start, end)
    return doc.source[s:e] == doc.text[start:end]


def check(doc: Document, ctx: Context) -> Iterator[Match]:
    text = doc.text
    in_code = _CodeSpans(text)
    taken = bytearray(len(text))  # 1 where a tag or an attribute run was reported
    for m in finditer(doc, _TAG_RE):
        if in_code(m.start(), m.end()):
            continue
        taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
        yield Match(
            m.start(),
            m.end(),
            f"'{m.group()}' is an HTML tag left in the text: the markup was not removed when the "
            "page was turned into text",
            confidence=0.9,
        )
    for m in finditer(doc, _ATTRIBUTES_RE):
        if taken[m.start()] or in_code(m.start(), m.end()):
            continue
        taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
        yield Match(
            m.start(),
            m.end(),
            f"'{m.group()}' is a run of HTML attributes left in the text, the remains of a tag "
            "that was cut when the page was turned into text",
            confidence=0.8,
        )
    for m in finditer(doc, _ENTITY_RE):
        if taken[m.start()]:
            continue
        decoded = _decode(m.group())
        if decoded is None or in_code(m.start(), m.end()):
            continue
        if _written_as_markup(doc, m.start(), m.end()):
            continue
        shown = " " if decoded in _SPACES else decoded
        twice = m.group().lower().startswith("&amp;") and len(m.group()) > 5
        how = "escaped twice and decoded once" if twice else "never decoded"
        yield Match(
            m.start(),
            m.end(),
            f"'{m.group()}' is an HTML character reference that was {how}: readers see the code "
            f"instead of {_describe(decoded)}",
            suggestions=(shown,),
            confidence=0.9,
        )


def _describe(decoded: str) -> str:
    if decoded in _SPACES:
        return "a space"
    if decoded.isprintable() and decoded.strip():
        return f"'{decoded}'"
    return "the character it stands for"


RULE = define("junk.html-leftover", "warning", check, __doc__)
