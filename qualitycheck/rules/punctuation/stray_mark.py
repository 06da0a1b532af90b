"""Doubled or stray punctuation: ". ,", ",,", ",.", ";;", "!.", and a space before a comma or full stop.

What it does
    Finds runs of two or more punctuation marks that do not belong together (". ,", ",,", ".,",
    ",.", ", .", ";;", "?,", "!."), and a comma or full stop separated from the word before it by
    a space ("Kyiv , Ukraine"). A space before ";", ":", "!" or "?" (French typography) is
    reported as info. It leaves alone ellipses ("...", "…", ". . ."), "?!" and "!?",
    abbreviations followed by a comma or colon ("U.S.,", "a.m., when", "Inc.,", "etc.,"),
    decimals (".45 caliber"), URLs and e-mail addresses, code spans and emoticons.

Why it matters
    Machine translation and sentence-by-sentence post-editing often leave the punctuation of two
    versions of a sentence side by side: a full stop where the source had a clause break, then
    the comma of the continuation. Scrapers that drop an inline element (a link, a footnote
    marker) leave " ," and " ." behind. Readers see them at once; they make the text look
    unedited.

Example
    ... something that could contaminate the water supply. , causing an environmental disaster.
    Officials met in Lagos ,Abuja and Kano,, the ministry said.

Use instead
    ... something that could contaminate the water supply, causing an environmental disaster.
    Officials met in Lagos, Abuja and Kano, the ministry said.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from qualitycheck.document import Document
from qualitycheck.finding import Match, Severity
from qualitycheck.rule import Context, define
from qualitycheck.scan import finditer
from qualitycheck.scan.programs import re_compile
from qualitycheck.segment import ABBREVIATIONS

_MARKS = ".,;:!?"
# A run of marks, optionally preceded by spaces and with spaces between them; it must follow
# something that is not white space (marks at the start of a line are someone else's business).
_RUN_RE = re_compile(r"(?<=\S)[ \t\u00a0]*[.,;:!?…](?:[ \t\u00a0]*[.,;:!?…])*")
# The runs of _RUN_RE that are longer than one character: a lone mark right after a word is
# ordinary punctuation, never reported, and by far the most common run.
_LONG_RUN_RE = re_compile(
    r"(?<=\S)(?:[ \t\u00a0]+[.,;:!?…](?:[ \t\u00a0]*[.,;:!?…])*"
    r"|[.,;:!?…](?:[ \t\u00a0]*[.,;:!?…])+)"
)
_SKIP_RE = re_compile(
    r"(?:https?://|ftp://|www\.)\S+"  # URLs
    # e-mail addresses, tried from the start of a run of non-space characters only: from every
    # character of a long run such as "@@@@..." the scan would take cubic time
    r"|(?<!\S)[^\s@]+@[^\s@]*\.\w+"
    r"|`[^`\n]*`"  # code spans
    r"|[:;=8][\-'’^o]?[()\[\]DPpOo3|/\\*](?=\W|$)"  # emoticons :) ;-) :D
)
_ELLIPSIS_RE = re_compile(r"\.(?:[ \u00a0]?\.){2}")
_WORD_BEFORE_DOT_RE = re_compile(r"([^\W\d_][\w.\-]*)\.$")
_OPENERS = "“‘\"'«([{`"
_CLOSERS = "”’\"'»)]}`"


def _is_abbreviation_dot(text: str, dot: int) -> bool:
    """True when the full stop at ``text[dot]`` closes an abbreviation or an initial."""
    m = _WORD_BEFORE_DOT_RE.search(text, max(0, dot - 24), dot + 1)
    if not m:
        return False
    word = m.group(1)
    if len(word) == 1:  # an initial: "Ann M., the reporter"
        return True
    low = word.lower()
    return low in ABBREVIATIONS or bool(re.fullmatch(r"(?:[a-z]\.)+[a-z]", low))


def _is_short_capitalised_word(text: str, dot: int) -> bool:
    """ "Calif.", "Ore.", "Gov.": a capitalised word of at most five letters before the full
    stop, which is more likely an abbreviation missing from the list than a sentence end."""
    m = _WORD_BEFORE_DOT_RE.search(text, max(0, dot - 24), dot + 1)
    if m is None:
        return False
    word = m.group(1)
    return word.isalpha() and word[:1].isupper() and len(word) <= 5


def _skipped_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    return [
        (m.start(), m.end())
        for m in _SKIP_RE.finditer(text, start, len(text) if end is None else end)
    ]


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def _line_skipped_spans(text: str, pos: int) -> tuple[int, list[tuple[int, int]]]:
    """The end of the line holding ``text[pos]`` and the ``_skipped_spans`` on that line. No
    _SKIP_RE match holds or starts at a line break, so scanning the line alone finds the same
    matches as scanning the whole text (at its end, "$" and the "\\W" after an emoticon agree)."""
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    if line_end < 0:
        line_end = len(text)
    return line_end, _skipped_spans(text, line_start, line_end)


def _next_visible(text: str, pos: int) -> str:
    """The first character after ``pos`` that is not a space or a closing quote/bracket."""
    n = len(text)
    while pos < n and (text[pos] in " \t\u00a0" or text[pos] in _CLOSERS):
        pos += 1
    return text[pos] if pos < n and text[pos] != "\n" else ""


def _choose_mark(marks: str, following: str) -> str:
    """The single mark that most likely belongs here."""
    kinds = set(marks)
    if len(kinds) == 1:
        return marks[0]
    if "?" in kinds or "!" in kinds:
        return next(c for c in marks if c in "?!")
    if "." in kinds and "," in kinds:
        # The sentence goes on ("supply. , causing") -> comma; a new one starts -> full stop.
        return "," if (following[:1].islower() or following[:1].isdigit()) else "."
    if ";" in kinds:
        return ";"
    if ":" in kinds:
        return ":"
    return marks[0]


def check(doc: Document, ctx: Context) -> Iterator[Match]:
    text = doc.text
    # URLs, addresses, code, emoticons on the current line (runs never hold a line break)
    line_end = -1
    skipped: list[tuple[int, int]] = []
    for m in finditer(doc, _LONG_RUN_RE):  # a lone mark is never reported (see _judge)
        start, end = m.start(), m.end()
        if start > line_end:
            line_end, skipped = _line_skipped_spans(text, start)
        run = m.group()
        # An abbreviation's own full stop is not part of the run: "U.S.," "a.m., when".
        first_mark = start + len(run) - len(run.lstrip(" \t\u00a0"))
        if first_mark == start and text[start] == "." and _is_abbreviation_dot(text, start):
            start += 1
            if start >= end:
                continue
            run = text[start:end]
            if run[0] == ".":  # "etc.." : a doubled full stop after all
                yield Match(
                    start - 1,
                    start + 1,
                    "Doubled full stop after an abbreviation; the abbreviation's full stop also "
                    "ends the sentence.",
                    (".",),
                    confidence=0.8,
                    severity=Severity.WARNING,
                )
                continue
        if _inside(skipped, start, end):
            continue
        if (
            text[start] == "."
            and end - start >= 2
            and text[start + 1] in ",;:"
            and _is_short_capitalised_word(text, start)
        ):
            continue  # "SAN JOSE, Calif., March 3": a state abbreviation, probably
        found = _judge(text, start, end)
        if found is not None:
            yield found


def _dots_before(text: str, start: int) -> int:
    """Where the full stops right before ``start`` begin, when they follow white space or open
    the text (else ``start``): the part of an ellipsis that a run cannot hold."""
    i = start
    while i > 0 and text[i - 1] == ".":
        i -= 1
    return i if i < start and (i == 0 or text[i - 1].isspace()) else start


def _judge(text: str, start: int, end: int) -> Match | None:
    run = text[start:end]
    marks = "".join(c for c in run if c in _MARKS or c == "…")
    lead = len(run) - len(run.lstrip(" \t\u00a0"))
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""

    # Ellipses in every spelling: "...", "…", ". . .", "...,", "… ." -- a style matter. One that
    # opens a line or follows a space ("... and then he left") starts before the run: its first
    # full stop follows no word, so the run begins at the second.
    if (
        "…" in marks
        or _ELLIPSIS_RE.search(run)
        or _ELLIPSIS_RE.match(text, _dots_before(text, start), end)
    ):
        return None
    # Marks quoted as marks: 'type “.,” here', '`,,`'.
    if before in _OPENERS and after in _CLOSERS and not lead:
        return None
    # A decimal or a thousands group right after: " .45 caliber", ". ,000".
    if after.isdigit() and marks[-1] in ".,":
        if len(marks) == 1:
            return None
        end -= 1
        while end > start and text[end - 1] in " \t\u00a0":
            end -= 1
        return _judge(text, start, end) if end > start else None

    following = _next_visible(text, end)
    if len(marks) == 1:
        if not lead:
            return None
        if before in _OPENERS or before in "([{":
            return None
        mark = marks[0]
        spaced_after = after == "" or after in " \t\u00a0\n" or after in _CLOSERS
        if mark in ",." and (spaced_after or mark == ","):
            if mark == "." and following[:1].isalpha() and following[:1].islower():
                return None  # " .net", ". com" style fragments: not prose punctuation
            fix = mark + " " if after.isalnum() else mark  # "Lagos ,Abuja" -> "Lagos, Abuja"
            return Match(
                start,
                end,
                f"Space before '{mark}': punctuation should follow the word directly. A stray "
                "space like this is often left where a scraper dropped a link or a footnote "
                "marker, or by machine translation.",
                (fix,),
                confidence=0.8,
                severity=Severity.WARNING,
            )
        if mark in ";:!?" and spaced_after:
            return Match(
                start,
                end,
                f"Space before '{mark}' (French typography); English sets it directly after the "
                "word. Common in text translated from French.",
                (mark,),
                confidence=0.5,
                severity=Severity.INFO,
            )
        return None

    kinds = set(marks)
    if kinds <= {"?", "!"}:
        if len(kinds) == 2:  # "?!" / "!?": emphatic but deliberate
            return None
        return Match(
            start,
            end,
            f"Repeated '{marks[0]}': one is enough in edited prose.",
            (marks[0],),
            confidence=0.5,
            severity=Severity.INFO,
        )
    if kinds == {":"}:  # "::" belongs to code and IPv6 addresses
        return None
    if marks == "..":
        return Match(
            start,
            end,
            "Doubled full stop.",
            (".",),
            confidence=0.8,
            severity=Severity.WARNING,
        )
    choice = _choose_mark(marks, following)
    shown = text[start:end].strip()
    severity: Severity | None = None  # the rule's default: error
    confidence = 0.95
    if kinds & {"?", "!"}:
        # "?," and "!." can be names ("Yahoo!.") or a quoted question before a comma.
        severity, confidence = Severity.WARNING, 0.6
    return Match(
        start,
        end,
        f"Stray punctuation '{shown}': marks from two versions of a sentence left side by side, "
        f"typical of machine translation or careless post-editing. Keep one ('{choice}').",
        (choice,),
        confidence=confidence,
        severity=severity,
    )


RULE = define("punctuation.stray-mark", "error", check, __doc__)
