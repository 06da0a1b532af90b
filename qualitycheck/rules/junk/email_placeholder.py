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
from qualitycheck.rule import Context, define
from qualitycheck.scan import finditer
from qualitycheck.scan.programs import re_compile

_PLACEHOLDER_RE = re_compile(
    r"\[\s*email(?:\s|\u00a0|&#160;|&nbsp;|&#xa0;)+protected\s*\]"
    r"|(?:https?://[^\s/]+)?/cdn-cgi/l/email-protection(?:#[0-9a-f]+)?",
    re.IGNORECASE,
)


def check(doc: Document, ctx: Context) -> Iterator[Match]:
    for m in finditer(doc, _PLACEHOLDER_RE):
        yield Match(
            m.start(),
            m.end(),
            f"'{m.group()}' is what a scraper sees of an email address hidden by Cloudflare's email "
            "protection: the real address was lost when the page was copied",
            confidence=0.99,
        )


RULE = define("junk.email-placeholder", "error", check, __doc__)
