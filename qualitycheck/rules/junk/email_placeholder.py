"""Email addresses that a scraper saw only as "[email protected]".

What it does
    Flags the placeholder "[email protected]" (also "[email&#160;protected]" and the link target
    "/cdn-cgi/l/email-protection") that Cloudflare's email obfuscation puts in a page in place of
    every email address. A browser runs a script to show the real address; a scraper does not,
    so the placeholder ends up in the text.

Why it matters
    The address is gone: readers who are told to "write to the author at [email protected]"
    cannot. The placeholder also marks the text as scraped from a web page without a check.

Example
    Write to the reporter at [email protected].

Use instead
    Put the real address back from the original page (it cannot be recovered from the text), or
    drop the sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from qualitycheck.document import Document
from qualitycheck.finding import Match
from qualitycheck.heuristics import FOLDS_TO_ASCII, lowered_text, matches_from
from qualitycheck.rule import Context, define

_PLACEHOLDER_RE = re.compile(
    r"\[\s*email(?:\s|\u00a0|&#160;|&nbsp;|&#xa0;)+protected\s*\]"
    r"|(?:https?://[^\s/]+)?/cdn-cgi/l/email-protection(?:#[0-9a-f]+)?",
    re.IGNORECASE,
)


_PATH = "/cdn-cgi/l/"


def _placeholders(doc: Document) -> Iterator[re.Match[str]]:
    """``_PLACEHOLDER_RE.finditer(doc.text)``, trying the pattern only where a match can start.

    Every match contains "email" (in any case), and where it starts follows from there: at the
    "[" before it (across white space), at "/cdn-cgi/l/" just before it, or at "http://" or
    "https://" before the host in front of that. The search for "email" in the lower-cased text
    is fast; the pattern alone would start a match at every character."""
    text = doc.text
    if any(c in text for c in FOLDS_TO_ASCII):  # "EMAİL": lower-casing does not show these
        yield from _PLACEHOLDER_RE.finditer(text)
        return
    lowered = lowered_text(doc)
    starts: set[int] = set()
    hit = lowered.find("email")
    while hit >= 0:
        i = hit - 1
        while i >= 0 and text[i].isspace():
            i -= 1
        if i >= 0 and text[i] == "[":
            starts.add(i)
        path = hit - len(_PATH)
        if path >= 0:
            starts.add(path)
            slash = text.rfind("/", 0, path)  # the end of "//" before the host
            starts.update(s for s in (slash - len("http:/"), slash - len("https:/")) if s >= 0)
        hit = lowered.find("email", hit + 1)
    yield from matches_from(_PLACEHOLDER_RE, text, starts)


def check(doc: Document, ctx: Context) -> Iterator[Match]:
    for m in _placeholders(doc):
        yield Match(
            m.start(),
            m.end(),
            f"'{m.group()}' is what a scraper sees of an email address hidden by Cloudflare's email "
            "protection: the real address was lost when the page was copied",
            confidence=0.99,
        )


RULE = define("junk.email-placeholder", "error", check, __doc__)
