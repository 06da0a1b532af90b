"""Quotation conventions of another language left in English text: «…», „…“, a dash for a reply.

What it does
    Finds quotation marks that English does not use, carried over by translation: guillemets
    («Yes», »Yes«) and low-high quotes („Yes“, „Yes”), reported once per quotation on its
    opening mark with the English form as the suggestion. Paragraphs that open with a dash to
    mark a reply in an interview ("– We cannot predict the future."), as Russian, Ukrainian,
    Polish, Spanish and French texts do, are a hint (info) when the document has two or more of
    them: English puts the reply in quotation marks or after the speaker's name. A dash
    starting a list item, and a dash followed by lower case, are left alone.

Why it matters
    Quotation marks are part of a language's typography. When a translation keeps the source's
    marks or its dialogue dashes, the English text looks half-translated, and readers of English
    may not see at once where the quotation begins and ends.

Example
    The minister said: «We will not sign this agreement».

Use instead
    The minister said: “We will not sign this agreement.”
"""

from __future__ import annotations

from collections.abc import Iterator

from qualitycheck import heuristics
from qualitycheck.document import Document
from qualitycheck.finding import Match, Severity
from qualitycheck.rule import Context, define
from qualitycheck.scan.programs import re_compile

# «…» and »…« (Danish, German), „…“ and „…” (German, Polish, Czech...): one quotation, no
# paragraph break inside.
_PAIR_RE = re_compile(r"«([^«»\n]{1,400})»|»([^«»\n]{1,400})«|„([^„“”\n]{1,400})[“”]")
_REPLY_RE = re_compile(r"[ \t]*[–—][ \t]+(?=[A-Z“\"‘'])")
_MIN_REPLIES = 2
_MIN_REPLY_WORDS = 4


def check(doc: Document, ctx: Context) -> Iterator[Match]:
    text = doc.text
    if "«" in text or "»" in text or "„" in text:
        for m in _PAIR_RE.finditer(text):
            inner = m.group(1) or m.group(2) or m.group(3) or ""
            if not any(c.isalpha() for c in inner) or heuristics.in_code_span(text, m.start()):
                continue  # marks quoted as marks: 'guillemets « »'; code
            yield Match(
                m.start(),
                m.end(),
                f"'{m.group()[0]}…{m.group()[-1]}' are another language's quotation marks; "
                "English uses “…” (or ‘…’ inside a quotation).",
                (f"“{inner}”",),
                confidence=0.65,
                severity=Severity.WARNING,
            )
    replies = []
    for block in doc.blocks:
        if block.kind not in ("paragraph", "other"):
            continue
        reply = _REPLY_RE.match(text, block.start, block.end)
        if reply is None or heuristics.is_list_item(text[block.start : block.end]):
            continue
        if len(text[reply.end() : block.end].split()) < _MIN_REPLY_WORDS:
            continue
        dash = block.start + len(reply.group()) - len(reply.group().lstrip())
        replies.append((dash, reply.end()))
    if len(replies) < _MIN_REPLIES:
        return
    for start, end in replies:
        yield Match(
            start,
            end,
            "A dash opens this reply, the dialogue convention of the source language; English "
            "puts a reply in quotation marks or after the speaker's name (Q: / A:).",
            ("",),
            confidence=0.5,
            severity=Severity.INFO,
        )


RULE = define("punctuation.foreign-quotes", "warning", check, __doc__)
