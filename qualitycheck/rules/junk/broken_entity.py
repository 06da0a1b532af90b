"""An HTML entity broken up by spaces: "& amp;", "& # 8217;", "&quot ;".

What it does
    Finds HTML character references that a scraper or a translation tool split with spaces, so
    that no browser or loader decodes them any more: a named entity ("& amp;", "&amp ;",
    "& nbsp;", "& rsquo;") or a numeric one ("& # 8217;", "&# 39;", "& #x2019;"). The name must be
    one of the common HTML entity names, and at least one space must sit inside the reference.
    Whole entities such as "&amp;" are `junk.html-leftover`'s.

Why it matters
    Machine translation treats "&amp;" as three tokens and puts spaces between them; what comes
    back can no longer be decoded and shows as literal junk in the published text.

Example
    Barnes & amp; Noble said the shop would reopen in March, the manager said.

Use instead
    Barnes & Noble said the shop would reopen in March, the manager said.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from qualitycheck.document import Document
from qualitycheck.finding import Match, Severity
from qualitycheck.rule import Context, define
from qualitycheck.scan.programs import re_compile

_NAMES = (
    "amp|quot|apos|lt|gt|nbsp|ndash|mdash|lsquo|rsquo|ldquo|rdquo|sbquo|bdquo|laquo|raquo|hellip"
    "|copy|reg|trade|euro|pound|yen|cent|deg|middot|bull|eacute|egrave|aacute|agrave|oacute"
    "|uacute|iacute|ntilde|ccedil|uuml|ouml|auml|szlig|times|shy|zwnj|zwj|thinsp|ensp|emsp"
)
# "& amp;", "&amp ;", "& # 8217;", "&# 39;", "& #x2019;": at least one space inside.
_BROKEN_RE = re_compile(
    rf"&(?:[ \t\u00a0]+(?:{_NAMES}|#[ \t\u00a0]*(?:\d{{2,6}}|x[0-9a-fA-F]{{2,5}}))[ \t\u00a0]*"
    rf"|(?:{_NAMES})[ \t\u00a0]+|#[ \t\u00a0]+(?:\d{{2,6}}|x[0-9a-fA-F]{{2,5}})[ \t\u00a0]*"
    rf"|#(?:\d{{2,6}}|x[0-9a-fA-F]{{2,5}})[ \t\u00a0]+);",
    re.IGNORECASE,
)


def check(doc: Document, ctx: Context) -> Iterator[Match]:
    text = doc.text
    if "&" not in text:
        return
    for m in _BROKEN_RE.finditer(text):
        joined = re.sub(r"\s+", "", m.group())
        decoded = html.unescape(joined.lower() if joined[1:2] != "#" else joined)
        if decoded == joined:
            continue
        yield Match(
            m.start(),
            m.end(),
            f"'{m.group()}' is an HTML entity broken up by spaces ('{joined}', that is "
            f"'{decoded}'): a scraper or translation tool split it, and nothing decodes it now.",
            (decoded,),
            confidence=0.9,
            severity=Severity.WARNING,
        )


RULE = define("junk.broken-entity", "warning", check, __doc__)
