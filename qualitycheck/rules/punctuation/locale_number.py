"""Numbers written the way another language writes them: "3,5%", "$ 12", "15,000 million", "(+ 4.1%)".

What it does
    Finds number formats that English does not use and that translation carries over from the
    source language:

    - a decimal comma ("3,5%", "€2,75 million", "1.234,56 euros"): one or two digits after the
      comma before a per cent sign, a scale word or a unit, or after a currency sign. "1,500" and
      "12,000" (thousands separators, three digits) are English and left alone;
    - a space between a currency sign and the amount ("$ 12", "€ 5 million", "£ 3.50");
    - thousands of millions ("15,000 million euros"), where English says "15 billion";
    - a plus or minus sign spaced off its number in brackets ("(+ 4.1%)", "(- 2%)").

    Lines that look like code are skipped, and so are lists of small numbers ("verses 3,4").

Why it matters
    Spanish, French, German, Italian, Russian and most other languages write "3,5" for three
    and a half, and count in thousands of millions; English readers take "3,5%" for a typo and
    "15,000 million" for a translation. The spacing of signs and symbols is a house-style mark
    of the source language.

Example
    Inflation rose to 3,5% in May, and the deficit reached 15,000 million euros (+ 4.1%).

Use instead
    Inflation rose to 3.5% in May, and the deficit reached 15 billion euros (+4.1%).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from qualitycheck import heuristics
from qualitycheck.document import Document
from qualitycheck.finding import Match, Severity
from qualitycheck.rule import Context, define
from qualitycheck.scan.programs import re_compile

_CURRENCY = "$€£¥₹₽₴₦₩₺"
_SCALE_OR_UNIT = (
    r"(?:%|[ \u00a0](?:%|per ?cent|percent|million|billion|thousand|trillion|euros?|dollars?"
    r"|pesos?|pounds|km|kg|kilometres|kilometers|metres|meters|degrees|litres|liters|tonnes"
    r"|hours|points)\b)"
)
# "3,5%", "2,75 million", "1.234,56 euros"; or after a currency sign: "€3,5". The scan starts
# at the comma (a pattern that opens with a look-behind is tried at every position);
# the number's start and what follows are checked after.
_COMMA_DIGITS_RE = re_compile(r",\d{1,2}(?![\d,])")
_NUMBER_BEFORE_RE = re_compile(r"(?:\d{1,3}(?:\.\d{3})+|\d{1,3})$")
_UNIT_AFTER_RE = re_compile(_SCALE_OR_UNIT)
# The sign first (a pattern that opens with a look-behind is tried at every position); what
# stands before it is checked after ("US$ 5" is a sign too, "x$ 5" is not prose).
_SPACED_CURRENCY_RE = re_compile(rf"([{_CURRENCY}])[ \u00a0]+(?=\d)")
_MILLION_RE = re_compile(r"million\b")  # the literal first: the scan skips to it in C
_THOUSANDS_BEFORE_RE = re_compile(r"(?<![\d,.])\d{1,3}(?:[,.\u00a0 ]\d{3})+$")
_SPACED_SIGN_RE = re_compile(r"\(([+\-−–])[ \u00a0]+(\d[\d.,]*[ \u00a0]?%?)\)")


def _decimal_commas(text: str) -> Iterator[tuple[int, int]]:
    """Spans of numbers with a decimal comma before a scale or unit, or after a currency sign."""
    for m in _COMMA_DIGITS_RE.finditer(text):
        comma = m.start()
        if comma == 0 or not text[comma - 1].isdigit():
            continue
        number = _NUMBER_BEFORE_RE.search(text, max(0, comma - 12), comma)
        if number is None:
            continue
        start = number.start()
        if start > 0 and text[start - 1] in "0123456789,.":
            continue
        after_currency = start > 0 and text[start - 1] in _CURRENCY and len(number.group()) <= 3
        if after_currency or _UNIT_AFTER_RE.match(text, m.end()):
            yield start, m.end()


def _finds(text: str) -> Iterator[Match]:
    for start, end in _decimal_commas(text):
        shown = text[start:end]
        whole, _, frac = shown.rpartition(",")
        fixed = whole.replace(".", ",") + "." + frac
        yield Match(
            start,
            end,
            f"'{shown}' uses a decimal comma; English writes '{fixed}'. A decimal comma is "
            "the source language's format left in by translation.",
            (fixed,),
            confidence=0.75,
            severity=Severity.WARNING,
        )
    for m in _SPACED_CURRENCY_RE.finditer(text):
        if m.start() > 0 and (text[m.start() - 1].isalnum() or text[m.start() - 1] in _CURRENCY):
            continue
        yield Match(
            m.start(),
            m.end(),
            f"Space between '{m.group(1)}' and the amount: English writes the sign right before "
            "the number.",
            (m.group(1),),
            confidence=0.7,
            severity=Severity.WARNING,
        )
    for million in _MILLION_RE.finditer(text):
        gap = million.start()
        while gap > 0 and text[gap - 1] in " \u00a0":
            gap -= 1
        if gap == million.start():
            continue
        big = _THOUSANDS_BEFORE_RE.search(text, max(0, gap - 24), gap)
        if big is None:
            continue
        digits = re.sub(r"\D", "", big.group())
        shown = f"{int(digits) / 1000:g}"
        yield Match(
            big.start(),
            million.end(),
            f"'{text[big.start() : million.end()]}' counts in thousands of millions, as many "
            f"languages do; English says '{shown} billion'.",
            (f"{shown} billion",),
            confidence=0.6,
            severity=Severity.WARNING,
        )
    for m in _SPACED_SIGN_RE.finditer(text):
        sign = "-" if m.group(1) in "-−–" else "+"
        yield Match(
            m.start(),
            m.end(),
            f"The sign in '{m.group()}' stands apart from its number: English writes "
            f"'({sign}{m.group(2)})'.",
            (f"({sign}{m.group(2)})",),
            confidence=0.65,
            severity=Severity.WARNING,
        )


def check(doc: Document, ctx: Context) -> Iterator[Match]:
    text = doc.text
    for found in _finds(text):
        if heuristics.in_code_span(text, found.start):
            continue
        if not heuristics.looks_like_code(heuristics.line_at(text, found.start)):
            yield found


RULE = define("punctuation.locale-number", "warning", check, __doc__)
