"""Many sentence openers typical of machine-translated news copy in one document.

What it does
    Looks at how sentences start across the whole document. Openers such as "In this sense",
    "For his part", "Likewise", "Also,", "Previously,", "Earlier,", "Regarding", "It should be
    noted that", "As is known", "According to her," (listed in
    ``rules/phrasing/translationese-openers.toml``) are all English, but machine translation of
    Spanish, Italian, Russian or Ukrainian news produces them far more often than English writers
    do. When at least one sentence in ten of a document starts with one (at least two different
    ones), each is reported as a hint (info), so a fluent but translated article no longer scores
    a perfect 100. A single opener, the same one repeated, or a few in a long text are left
    alone, and so are the openers edited English uses freely ("However", "In addition",
    "Meanwhile").

Why it matters
    A translated article can be grammatical in every sentence and still read as translated; the
    connective openers of the source language are one of the clearest signs. Each hint is weak:
    together they lower the quality score a little.

Example
    The minister spoke on Monday. For his part, the mayor disagreed. Likewise, the unions
    objected. Previously, the council had voted against the plan.

Use instead
    The minister spoke on Monday. The mayor disagreed, and the unions objected. The council had
    voted against the plan.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING

from qualitycheck.finding import Match
from qualitycheck.rule import Context, define
from qualitycheck.scan.programs import re_compile

if TYPE_CHECKING:
    from qualitycheck.document import Document

MIN_OPENERS = 2
MIN_DISTINCT = 2
MIN_SHARE = 0.1  # of the document's sentences
# Quotation marks and dashes a sentence may start with before its first word.
_LEAD = "“\"‘'«–—- "


@cache
def _opener_re() -> re.Pattern[str]:
    from qualitycheck.resources import pack_table

    openers = pack_table("phrasing/translationese-openers.toml")["openers"]
    alternatives = "|".join(
        re.escape(o).replace(r"\ ", r"\s+") for o in sorted(openers, key=len, reverse=True)
    )
    # An opener is followed by a comma or, for the clause-taking ones, by a word.
    return re_compile(rf"(?:{alternatives})(?=\s*,|\s+\w)")


def check(doc: Document, ctx: Context) -> Iterator[Match]:
    text = doc.text
    pattern = _opener_re()
    found: list[tuple[int, int, str]] = []
    for sent in doc.sentences:
        start = sent.start
        while start < sent.end and text[start] in _LEAD:
            start += 1
        m = pattern.match(text, start, sent.end)
        if m is not None:
            found.append((m.start(), m.end(), " ".join(m.group().split())))
    if (
        len(found) < MIN_OPENERS
        or len({o for _, _, o in found}) < MIN_DISTINCT
        or len(found) < MIN_SHARE * len(doc.sentences)
    ):
        return
    for a, b, opener in found:
        yield Match(
            a,
            b,
            f"'{opener}' opens one of {len(found)} sentences in this document with a connective "
            "typical of machine-translated news copy; one is harmless, many make the text read "
            "as translated",
            confidence=0.4,
        )


RULE = define("phrasing.translationese", "info", check, __doc__)
