"""A space inside a pair of brackets: "(called a tablet in Britain )", "( see below)".

What it does
    Finds a space between a word and the closing bracket of a parenthesis, "( ... word )", and
    between an opening bracket and the first word, "( word ...)", when both brackets are on the
    same line of prose. It leaves alone empty brackets "( )", brackets holding code or
    formulas ("f( x )", "( a + b )", "(x = 1 )"), emoticons, and brackets at the start of a line
    whose partner is on another line (stray brackets are `punctuation.unbalanced-brackets`').

Why it matters
    English sets brackets tight against the words they enclose. A space there is what a scraper
    leaves when it drops a link or a footnote inside the brackets, or what a translation tool
    leaves when it moves a segment.

Example
    A smart phone (called a mobile in Britain ) does the work of a small computer.

Use instead
    A smart phone (called a mobile in Britain) does the work of a small computer.
"""

from __future__ import annotations

from collections.abc import Iterator

from qualitycheck import heuristics
from qualitycheck.document import Document
from qualitycheck.finding import Match, Severity
from qualitycheck.rule import Context, define
from qualitycheck.scan.programs import re_compile

# A parenthesis on one line with no bracket inside it; its content is judged in Python.
_PAREN_RE = re_compile(r"\(([^()\n]{0,300})\)")  # bounded: many "(" on a long line stay linear
# Content that is code, a formula or a placeholder rather than prose.
_NOT_PROSE_RE = re_compile(r"[=+*/<>{}\[\]|;`\\^~_#@$]|^\W*$")
_WORD_RE = re_compile(r"[^\W\d_]{2,}")


def check(doc: Document, ctx: Context) -> Iterator[Match]:
    text = doc.text
    if "(" not in text:
        return
    for m in _PAREN_RE.finditer(text):
        inner = m.group(1)
        if not inner.strip() or _NOT_PROSE_RE.search(inner):
            continue
        if len(_WORD_RE.findall(inner)) < 2:
            continue  # "( a )", "( 1 )": an enumeration or a placeholder
        start = m.start()
        if heuristics.looks_like_code(heuristics.line_at(text, start)):
            continue
        if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_."):
            continue  # "f( x )": a call
        lead = len(inner) - len(inner.lstrip(" \t\u00a0"))
        trail = len(inner) - len(inner.rstrip(" \t\u00a0"))
        if lead and inner[lead : lead + 1].isalnum():
            yield Match(
                start,
                start + 1 + lead,
                "Space after the opening bracket: the bracket belongs right before the first "
                "word. A stray space like this is often left where a link or a footnote was "
                "dropped.",
                ("(",),
                confidence=0.7,
                severity=Severity.WARNING,
            )
        last = inner[len(inner) - trail - 1 : len(inner) - trail] if trail else ""
        if trail and (last.isalnum() or last in ".!?%’”\"'"):
            end = m.end()
            yield Match(
                end - 1 - trail,
                end,
                "Space before the closing bracket: the bracket belongs right after the last "
                "word. A stray space like this is often left where a link or a footnote was "
                "dropped.",
                (")",),
                confidence=0.7,
                severity=Severity.WARNING,
            )


RULE = define("punctuation.bracket-spacing", "warning", check, __doc__)
