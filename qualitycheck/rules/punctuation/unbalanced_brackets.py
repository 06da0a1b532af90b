"""Brackets that do not pair up within a paragraph: a lone ")" or an "(" never closed.

What it does
    Pairs ( ), [ ] and { } within each paragraph (block); a pair split over a column of short
    lines ("(" ⏎ "AEMET" ⏎ ")") is reported once, as a split, on the opener. A closing bracket with no opening one
    before it is an error; an opening bracket never closed is a warning. List labels ("a)",
    "1)", "iv)", "(b)"), emoticons (":)", ";-)", ":("), half-open intervals ("[0, 1)"), URLs and
    code spans are left alone.

Why it matters
    Machine translation reorders clauses and sometimes moves or drops one half of a parenthesis;
    scrapers cut paragraphs in the middle of a parenthetical remark. Either way the reader no
    longer knows where the aside ends.

Example
    The plant (Europe's largest supplies a fifth of the country's power.
    The ministry said 40 people were hurt) in the blast.

Use instead
    The plant (Europe's largest) supplies a fifth of the country's power.
    The ministry said 40 people were hurt in the blast.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from qualitycheck.document import Document
from qualitycheck.finding import Match, Severity
from qualitycheck.rule import Context, define
from qualitycheck.scan.programs import re_compile

# A list label: "a)", "1)", "iv)" at the start of a line or after a space ("choose a) or b)").
_LABEL_RE = re_compile(r"(?:^|(?<=\s))(?:\d{1,3}|[A-Za-z]|[ivxIVX]{1,4})\)(?=\s|$)", re.MULTILINE)
_PAIRS = {")": "(", "]": "[", "}": "{"}
_OPEN = "([{"
_SKIP_RE = re_compile(
    # URLs, with balanced brackets inside ("wiki/Foo_(bar)") but not the ")" around them
    r"(?:https?://|ftp://|www\.)[^\s()\[\]<>]+(?:\([^\s()]*\)[^\s()\[\]<>]*)*"
    r"|`[^`\n]*`"  # code spans
    r"|(?<![\w)])[:;=][\-'’^o]?[()\[\]{}|](?!\w)"  # emoticons :) ;-) :( =]
    r"|(?<!\S)[()\[\]][\-'’^]?[:;=](?!\w)"  # reversed emoticons (: (-: after a space
    r"|[\[(]-?[\d.]+,\s*-?[\d.]+[\])]",  # intervals [0, 1) (2, 5]
    re.MULTILINE,
)


_BRACKET_RE = re_compile(r"[()\[\]{}]")


def _skipped(text: str, start: int, end: int) -> set[int]:
    out: set[int] = set()
    for m in _SKIP_RE.finditer(text, start, end):
        out.update(range(m.start(), m.end()))
    return out


# A bracket pair split over a column of short lines ("(" / "AEMET" / ")."), the way a scraper
# leaves an aside whose words were a link: reported once, on the opener, as a split.
_SPLIT_LINES = 3
_SHORT_LINE_WORDS = 3


def check(doc: Document, ctx: Context) -> Iterator[Match]:
    found: list[tuple[int, list[Match]]] = []
    for b, block in enumerate(doc.blocks):
        if _BRACKET_RE.search(doc.text, block.start, block.end):
            found.append((b, list(_check_block(doc, block.start, block.end))))
    _drop_split_pairs(doc, found)
    for _, matches in found:
        yield from matches


def _drop_split_pairs(doc: Document, found: list[tuple[int, list[Match]]]) -> None:
    """A lone closer and the lone opener a few short lines above it are one pair split over
    lines: the closer is dropped and the opener reported as the split."""
    text = doc.text
    counts = doc.block_word_counts
    for k, (b, matches) in enumerate(found):
        closers = [m for m in matches if text[m.start] in _PAIRS]
        if not closers:
            continue
        closer = closers[0]
        for j in range(k - 1, -1, -1):
            a, earlier = found[j]
            if b - a > _SPLIT_LINES or any(
                counts[x] > _SHORT_LINE_WORDS for x in range(a + 1, b + 1)
            ):
                break
            openers = [m for m in earlier if text[m.start] == _PAIRS[text[closer.start]]]
            if openers:
                opener = openers[-1]
                earlier[earlier.index(opener)] = Match(
                    opener.start,
                    opener.end,
                    f"'{text[opener.start]}' and its '{text[closer.start]}' stand on lines of "
                    "their own around the words they enclose: an aside split over several "
                    "lines, the way a scraper leaves text that was a link. Join the lines.",
                    confidence=0.7,
                    severity=Severity.WARNING,
                )
                matches.remove(closer)
                break


def _check_block(doc: Document, start: int, end: int) -> Iterator[Match]:
    text = doc.text
    skipped = _skipped(text, start, end)
    stack: list[int] = []
    for m in _BRACKET_RE.finditer(text, start, end):
        i = m.start()
        ch = text[i]
        if i in skipped:
            continue
        if ch in _OPEN:
            stack.append(i)
            continue
        want = _PAIRS[ch]
        if stack and text[stack[-1]] == want:
            stack.pop()
            continue
        depth = next((k for k in range(len(stack) - 1, -1, -1) if text[stack[k]] == want), None)
        if depth is not None:
            # The closer matches an outer opener: the openers above it were never closed.
            for p in stack[depth + 1 :]:
                yield _unclosed(text, p)
            del stack[depth:]
            continue
        if ch == ")" and _is_label(text, i):
            continue
        yield Match(
            i,
            i + 1,
            f"Closing '{ch}' with no matching '{want}' before it in the paragraph: the start "
            "of the parenthetical was lost, a common trace of machine translation reordering "
            "a clause or of a scraper cutting text.",
            confidence=0.85,
        )
    for p in stack:
        yield _unclosed(text, p)


def _is_label(text: str, close: int) -> bool:
    line_start = text.rfind("\n", 0, close) + 1
    m = _LABEL_RE.search(text, max(line_start, close - 4), close + 1)
    return m is not None and m.end() == close + 1


def _unclosed(text: str, p: int) -> Match:
    closer = {v: k for k, v in _PAIRS.items()}[text[p]]
    return Match(
        p,
        p + 1,
        f"Opening '{text[p]}' is never closed in this paragraph (no '{closer}'): the end of the "
        "parenthetical was lost or the paragraph was cut.",
        confidence=0.7,
        severity=Severity.WARNING,
    )


RULE = define("punctuation.unbalanced-brackets", "error", check, __doc__)
