"""A closing quotation mark on the wrong side of a space: `he said”Then`, `, ”said`, `win ”.`

What it does
    Finds the spacing slips around closing quotation marks that machine translation and careless
    conversion leave: a closing mark glued to the next word (`he said”Then`, `it,”she added`),
    a closing mark moved past the space after the comma (`this, ”said the coach`), a space before
    a closing mark (`we will win ”.`, `since Monday. " The`), and a closing and an opening mark
    run together (`he added”“We`). Curly marks say which way they face; a straight mark (")
    counts as closing only where the paragraph's straight marks pair up cleanly (an even number,
    each opener with a space or the line start before it and a word after it) and it is an even
    one of them. A lower-case sentence resumed right after a full stop and a closing mark
    (`the end.” she said`) is reported at lower confidence.

    It leaves alone apostrophes ("Kyiv’s", "rock ’n’ roll"), a curly mark between two letters of
    one word ("Kyiv”s", which `punctuation.unbalanced-quotes` ignores too), inch marks (a 12"
    pipe), quotation marks that open (`said: “We`), code spans, and marks quoted as marks.

Why it matters
    The closing mark belongs right after the quoted words and their punctuation, and a space
    follows it. Translation tools that reinsert quotation marks around segments and editors that
    convert straight quotes to curly ones put them on the wrong side of the space; readers then
    cannot see at once where the quotation ends.

Example
    “We will not give up,”she said. The minister added: “The talks go on ”.

Use instead
    “We will not give up,” she said. The minister added: “The talks go on.”
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from qualitycheck import heuristics
from qualitycheck.document import Document
from qualitycheck.finding import Match, Severity
from qualitycheck.rule import Context, define
from qualitycheck.scan.programs import re_compile
from qualitycheck.segment import ABBREVIATIONS

_CODE_RE = re_compile(r"`[^`\n]*`")
_ANY_RE = re_compile('[“”"]')
# Endings of contractions and possessives that a misplaced curly mark can stand before.
_CONTRACTION_TAILS = frozenset("s t d m ll re ve".split())
_WORD_AFTER_RE = re_compile(r"[^\W\d_]+")
_WORD_BEFORE_RE = re_compile(r"([^\W\d_][\w.]*)\.$")
_SPACES = " \t\u00a0"
_SPEECH_TAG_WORDS = 12  # "said Ana Souza, the director of the company."


def _in_code(code: list[tuple[int, int]], i: int) -> bool:
    return any(s <= i < e for s, e in code)


def _straight_closers(text: str, start: int, end: int, code: list[tuple[int, int]]) -> set[int]:
    """The straight marks of a block that close a quotation, when the block's marks pair up
    cleanly; an empty set when they do not (an odd count, an opener that looks like a closer)."""
    marks = [
        m.start()
        for m in re.finditer('"', text[start:end])
        if not _in_code(code, start + m.start())
    ]
    marks = [start + p for p in marks]
    marks = [p for p in marks if not (p > 0 and text[p - 1].isdigit())]  # 12" pipe
    if not marks or len(marks) % 2:
        return set()
    for opener in marks[0::2]:
        before = text[opener - 1] if opener > start else " "
        after = text[opener + 1] if opener + 1 < end else " "
        if not (before.isspace() or before in "([—–-/") or not (after.isalnum() or after in "‘'("):
            return set()
    return set(marks[1::2])


def _is_abbreviation(text: str, dot: int) -> bool:
    m = _WORD_BEFORE_RE.search(text, max(0, dot - 24), dot + 1)
    if m is None:
        return False
    word = m.group(1)
    return len(word) == 1 or "." in word or word.lower() in ABBREVIATIONS or word.isupper()


def _glued_word_after(text: str, i: int, end: int) -> str | None:
    """The word that starts right after ``text[i]``, unless it is a contraction's tail."""
    m = _WORD_AFTER_RE.match(text, i + 1, end)
    if m is None:
        return None
    word = m.group()
    if word.lower() in _CONTRACTION_TAILS:
        return None
    return word


def _check_block(text: str, start: int, end: int) -> Iterator[Match]:
    if not _ANY_RE.search(text, start, end):
        return
    code = [(m.start(), m.end()) for m in _CODE_RE.finditer(text, start, end)]
    straight = (
        _straight_closers(text, start, end, code) if text.find('"', start, end) >= 0 else set()
    )
    opened = False  # a curly opening mark is open at this point of the block
    for m in _ANY_RE.finditer(text, start, end):
        i = m.start()
        mark = text[i]
        if _in_code(code, i):
            continue
        if mark == "“":
            # An opener before a space is a mark quoted as a mark ('curly “ ” marks').
            opened = opened or (i + 1 < end and not text[i + 1].isspace())
            continue
        was_open, opened = opened, opened and mark != "”"
        if mark == '"' and i not in straight:
            continue
        before = text[i - 1] if i > start else ""
        after = text[i + 1] if i + 1 < end else ""
        if mark == "”" and after == "“":
            yield Match(
                i,
                i + 2,
                "A closing and an opening quotation mark run together ('”“'): a space, and "
                "probably a colon or a full stop, is missing between the two quotations.",
                ("” “",),
                confidence=0.7,
                severity=Severity.WARNING,
            )
            continue
        spaced_before = before in _SPACES and before != ""
        if after.isalpha():
            word = _glued_word_after(text, i, end)
            if word is None:
                continue
            if before.isalpha():
                if before.islower() and word[0].islower() and len(word) < 3:
                    continue  # "Kyiv”s"-like slips inside one word are another rule's
                yield _glued(i, mark, word, "after the quoted words")
                continue
            if before in ",.!?;:…":
                yield _glued(i, mark, word, f"after '{before}'")
                continue
            if spaced_before:
                j = i - 1
                while j > start and text[j - 1] in _SPACES:
                    j -= 1
                prior = text[j - 1] if j > start else ""
                if prior in ",.!?…" and (
                    mark != '"' or _ends_quoted_paragraph(text, i, start, end)
                ):
                    # ", ”said": the mark went past the space.
                    yield Match(
                        j,
                        i + 1 + len(word),
                        f"The closing quotation mark '{mark}' stands after the space instead of "
                        f"right after '{prior}', and touches the next word: move it before the "
                        "space.",
                        (f"{mark} {word}",),
                        confidence=0.75 if mark != '"' else 0.65,
                        severity=Severity.WARNING,
                    )
            continue
        if spaced_before:
            j = i - 1
            while j > start and text[j - 1] in _SPACES:
                j -= 1
            if j == start or (mark == "”" and not was_open):
                continue  # a mark at the start of a line opens; a lone ” may be a mark quoted
            if mark == '"' and len(_WORD_AFTER_RE.findall(text, _opener_of(text, i, start), i)) < 4:
                continue  # '"dirname ":' a string with its spaces, not a quotation
            if after in ("", " ", "\t", "\n") or after in ",.;:!?)":
                yield Match(
                    j,
                    i + 1,
                    f"Space before the closing quotation mark '{mark}': the mark belongs right "
                    "after the quoted words and their punctuation.",
                    (mark,),
                    confidence=0.75 if mark != '"' else 0.65,
                    severity=Severity.WARNING,
                )
            continue
        if before == "." and after in _SPACES and i + 2 < end and not _is_abbreviation(text, i - 1):
            resumed = _WORD_AFTER_RE.match(text, i + 2, end)
            if resumed and resumed.group()[0].islower():
                yield Match(
                    i - 1,
                    resumed.end(),
                    f"The quotation ends with a full stop, but the sentence goes on in lower case "
                    f"('{resumed.group()}'): a comma belongs inside the mark, or a new sentence "
                    "starts here.",
                    (f",{mark} {resumed.group()}",),
                    confidence=0.55,
                    severity=Severity.WARNING,
                )


def _opener_of(text: str, i: int, start: int) -> int:
    """The straight mark before ``text[i]`` in its block (the opener of a closing mark)."""
    return max(text.rfind('"', start, i), start)


def _ends_quoted_paragraph(text: str, i: int, start: int, end: int) -> bool:
    """'"We went home, "he said.': the last straight mark of a paragraph that opens with one,
    followed by a short speech tag; the shape in which a straight mark after ", " closes."""
    if text.find('"', i + 1, end) >= 0:
        return False
    first = start
    while first < end and text[first].isspace():
        first += 1
    if first >= end or text[first] != '"':
        return False
    tail = text[i + 1 : end].strip()
    return len(_WORD_AFTER_RE.findall(tail)) <= _SPEECH_TAG_WORDS and tail[-1:] in ".!?"


def _glued(i: int, mark: str, word: str, where: str) -> Match:
    return Match(
        i,
        i + 1 + len(word),
        f"The closing quotation mark '{mark}' is glued to the next word ('{word}'); a space "
        f"belongs between them ({where}).",
        (f"{mark} {word}",),
        confidence=0.75 if mark != '"' else 0.65,
        severity=Severity.WARNING,
    )


def check(doc: Document, ctx: Context) -> Iterator[Match]:
    text = doc.text
    for block in doc.blocks:
        for found in _check_block(text, block.start, block.end):
            if not heuristics.looks_like_code(heuristics.line_at(text, found.start)):
                yield found


RULE = define("punctuation.quote-spacing", "warning", check, __doc__)
