"""Mojibake: text decoded with the wrong character encoding.

What it does
    Finds words garbled by an encoding mix-up, typically UTF-8 bytes read as Windows-1252 or
    Latin-1 ("Zelenskyâ€™s", "cafÃ©", "SÃ£o Paulo"), and suggests the repaired word
    ("Zelensky’s", "café", "São Paulo"). Detection and repair come from ftfy, restricted to
    encoding repair: quotes, dashes, ligatures, widths and line breaks are left as they are.
    Correct accented letters, curly quotes, dashes, Cyrillic, Chinese, Japanese and emoji are not
    mojibake and are not flagged.

Why it matters
    One wrong decoding step in a publishing or scraping pipeline garbles every non-ASCII
    character: apostrophes, accents, currency signs. Readers see nonsense, and search for the
    real words fails.

Example
    President Zelenskyâ€™s office said the cafÃ© had closed.

Use instead
    President Zelensky’s office said the café had closed.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import Any

from qualitycheck.document import Document
from qualitycheck.finding import Match
from qualitycheck.rule import Context, define
from qualitycheck.scan.programs import re_compile

# Characters that mojibake of UTF-8 text is made of; a line without any of them is left alone.
_MARKERS = frozenset(
    "ÃÂâÅÄÐÑØÙÚÛÜÝÞßàáãäåæçèéêëìíîïðñòóôõöøùúûüýþÿ€™œšžŸ‚„†‡‰‹›ˆ˜\u0080\u009d\ufffd"
)
_MARKER_RE = re_compile("[" + re.escape("".join(sorted(_MARKERS))) + "]")
_SEPARATORS = " \t\n"


@cache
def _ftfy() -> tuple[Any, Any]:
    import ftfy  # heavy: load on first use only
    from ftfy.badness import is_bad

    config = ftfy.TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_encoding=True,
        restore_byte_a0=True,
        replace_lossy_sequences=False,
        decode_inconsistent_utf8=True,
        fix_c1_controls=True,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=False,
        remove_control_chars=False,
        normalization=None,
        explain=False,
    )
    return (lambda text: ftfy.fix_text(text, config)), is_bad


def _changed_words(line: str, fixed: str) -> Iterator[tuple[int, int, int, int]]:
    """``(start, end, fixed_start, fixed_end)`` of the white-space-delimited runs of ``line`` that
    the repair changed, with the matching span of ``fixed``."""
    matcher = difflib.SequenceMatcher(None, line, fixed, autojunk=False)
    spans: list[tuple[int, int]] = []
    for tag, i1, i2, _j1, _j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        s, e = i1, max(i2, i1 + 1) if i1 < len(line) else i2
        while s > 0 and line[s - 1] not in _SEPARATORS:
            s -= 1
        while e < len(line) and line[e] not in _SEPARATORS:
            e += 1
        if spans and s <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(e, spans[-1][1]))
        else:
            spans.append((s, e))
    opcodes = matcher.get_opcodes()

    def to_fixed(pos: int) -> int | None:
        """Where ``line[pos]`` went: exact in unchanged text, the start of a changed stretch."""
        if pos == len(line):
            return len(fixed)
        for tag, i1, i2, j1, _j2 in opcodes:
            if i1 <= pos < i2:
                if tag == "equal":
                    return j1 + pos - i1
                return j1 if pos == i1 else None
        return None

    for s, e in spans:
        fs = to_fixed(s) if s < len(line) else len(fixed)
        fe = to_fixed(e) if e < len(line) else len(fixed)
        if fs is None or fe is None or fs > fe:
            continue
        yield s, e, fs, fe


def _marked_lines(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of the lines (as ``Document.iter_lines`` cuts them) that contain a
    marker, found by one search over the whole text rather than one per line."""
    m = _MARKER_RE.search(text)
    while m:
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.end())
        if end < 0:
            yield start, len(text)
            return
        yield start, end
        m = _MARKER_RE.search(text, end + 1)


# Lines longer than this are analysed every time; shorter ones are remembered (see _repairs).
_MAX_REMEMBERED_LINE = 2000


def _repairs(line: str) -> tuple[tuple[int, int, str], ...]:
    """``(start, end, repaired word)`` of the mojibake in one line that contains a marker."""
    if len(line) <= _MAX_REMEMBERED_LINE:
        return _remembered_repairs(line)
    return _line_repairs(line)


def _line_repairs(line: str) -> tuple[tuple[int, int, str], ...]:
    fix, is_bad = _ftfy()
    if not is_bad(line):
        return ()
    fixed = fix(line)
    if fixed == line:
        return ()
    found = []
    for s, e, fs, fe in _changed_words(line, fixed):
        # Punctuation the repair left alone ("München," -> the word only).
        while e > s and fe > fs and line[e - 1] == fixed[fe - 1] and not line[e - 1].isalnum():
            e, fe = e - 1, fe - 1
        while s < e and fs < fe and line[s] == fixed[fs] and not line[s].isalnum():
            s, fs = s + 1, fs + 1
        word, repaired = line[s:e], fixed[fs:fe]
        if not word.strip() or repaired == word:
            continue
        found.append((s, e, repaired))
    return tuple(found)


# Scraped corpora repeat lines across documents (footers, bylines, notices): the analysis of a
# line (ftfy's test, its repair and the alignment, ~0.5 ms for a bad line) is kept for the most
# recent ones. Bounded: at most this many lines of at most _MAX_REMEMBERED_LINE characters.
_remembered_repairs = lru_cache(maxsize=1024)(_line_repairs)


def check(doc: Document, ctx: Context) -> Iterator[Match]:
    text = doc.text
    for start, end in _marked_lines(text):
        line = text[start:end]
        for s, e, repaired in _repairs(line):
            word = line[s:e]
            yield Match(
                start + s,
                start + e,
                f"'{word}' is mojibake, text decoded with the wrong character encoding (UTF-8 "
                f"read as Windows-1252 or Latin-1); it should read '{repaired}'",
                suggestions=(repaired,),
                confidence=0.95,
            )


RULE = define("junk.mojibake", "error", check, __doc__)
