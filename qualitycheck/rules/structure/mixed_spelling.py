"""One word spelled both the British and the American way in one text: "yogurt" and "yoghurt".

What it does
    Compares the words of a text with a list of words English spells two ways
    (``rules/structure/spelling-variants.txt``: "colour"/"color", "centre"/"center",
    "travelled"/"traveled", "defence"/"defense", "yoghurt"/"yogurt" ...) and reports the spelling
    used less often when a text uses both spellings of one word (on a tie, the one that comes
    second). Capitalised words in the middle of a sentence are names and left alone ("the
    Lincoln Center" in a British text), as are pairs British English itself uses for two
    meanings ("licence"/"license") and -ise/-ize, which Oxford spelling mixes with -our on
    purpose. So are words in code: an option ("--color"), a variable ("NO_COLOR"), a path or a
    keyword list ("ansi,color,colour").

Why it matters
    A text translated in pieces, by several tools or from several sources, mixes the spelling
    conventions of their outputs; an edited text picks one. Readers and style guides notice.

Example
    Eating yogurt every day is good for you. Drinking yoghurt helps too.

Use instead
    Eating yogurt every day is good for you. Drinking yogurt helps too.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache, lru_cache
from itertools import compress
from typing import NamedTuple

from qualitycheck.document import Document
from qualitycheck.finding import Match
from qualitycheck.rule import Context, define


class _Side(NamedTuple):
    """One spelling's words and stems, each with the other spelling's form."""

    words: dict[str, str]  # "yoghurt" -> "yogurt"
    stems: dict[str, str]  # "colour" -> "color": matched as prefixes
    prefixes: tuple[str, ...]  # the stems, for one str.startswith test


@cache
def _sides() -> dict[str, _Side]:
    """The British ("uk") and American ("us") spellings of the list, each mapped to the other."""
    from qualitycheck.resources import data_rows

    words: dict[str, dict[str, str]] = {"uk": {}, "us": {}}
    stems: dict[str, dict[str, str]] = {"uk": {}, "us": {}}
    for uk, us in data_rows("structure/spelling-variants.txt"):
        table = stems if uk.endswith("*") else words
        uk, us = uk.rstrip("*"), us.rstrip("*")
        table["uk"].setdefault(uk, us)
        table["us"].setdefault(us, uk)
    return {side: _Side(words[side], stems[side], tuple(stems[side])) for side in ("uk", "us")}


def _convert(word: str, side: str) -> str | None:
    """``word``, spelled the ``side`` way, in the other spelling; None if it is not on the list."""
    spelling = _sides()[side]
    if word in spelling.words:
        return spelling.words[word]
    if word.startswith(spelling.prefixes):
        for stem, other in spelling.stems.items():
            if word.startswith(stem):
                return other + word[len(stem) :]
    return None


def _key(word: str) -> tuple[str, str] | None:
    """(the American form, "uk" or "us") of a word on the list, or None."""
    american = _convert(word, "uk")
    if american is not None:
        return american, "uk"
    if _convert(word, "us") is not None:
        return word, "us"
    return None


_CODE_BEFORE = frozenset("-_`/=.@#\\<$,:")
_CODE_AFTER = frozenset("_`/=(<,:")


def _in_code(text: str, start: int, end: int) -> bool:
    """An option, a variable, a path or a keyword list: "--color", "NO_COLOR", "ansi,colour"."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    if before in _CODE_BEFORE or after in _CODE_AFTER:
        return True
    return after == "." and text[end + 1 : end + 2].isalnum()


@lru_cache(maxsize=1 << 14)
def _type_key(t: str) -> tuple[str, str] | None:
    """(lemma, "uk" or "us") of a word type as written, or None: lower-case words, and
    capitalised ones (which count only at the start of a sentence)."""
    if not t[:1].islower():
        if not t[:1].isupper() or not t[1:].islower():
            return None  # an acronym, a mixed-case name
        t = t.lower()
    key = _key(t)
    if key is None:
        return None
    lemma = key[0][:-1] if key[0].endswith("s") else key[0]  # "theaters" with "theatre"
    return lemma, key[1]


def check(doc: Document, ctx: Context) -> Iterator[Match]:
    # Decide on the word types first (a few thousand per document): most texts never use both
    # spellings of any word, and then no word is looked at.
    found: dict[str, set[str]] = {}
    typed = {}
    for t in doc.token_counts:
        key = _type_key(t)
        if key is not None:
            typed[t] = key
            found.setdefault(key[0], set()).add(key[1])
    mixed = {lemma for lemma, variants in found.items() if len(variants) == 2}
    if not mixed:
        return
    candidates = frozenset(t for t, key in typed.items() if key[0] in mixed)
    seen: dict[str, dict[str, list[int]]] = {}
    variant_of: dict[int, str] = {}
    words = doc.words
    text = doc.text
    for i in compress(range(len(words)), map(candidates.__contains__, doc.word_texts)):
        w = words[i]
        if w.text[0].isupper() and w.position > 0:
            continue  # a name
        if _in_code(text, w.start, w.end):
            continue
        lemma, variant = typed[w.text]
        seen.setdefault(lemma, {}).setdefault(variant, []).append(i)
        variant_of[i] = variant
    for variants in seen.values():
        if len(variants) < 2:
            continue
        uk, us = variants["uk"], variants["us"]
        if len(uk) != len(us):
            minority, majority = (uk, us) if len(uk) < len(us) else (us, uk)
        else:
            minority, majority = (uk, us) if uk[0] > us[0] else (us, uk)
        other = words[majority[0]]
        for i in minority:
            w = words[i]
            form = _convert(w.text.lower(), variant_of[i]) or w.text.lower()
            suggestion = form.capitalize() if w.text[0].isupper() else form
            yield Match(
                w.start,
                w.end,
                f"'{w.text}' and '{other.text}' are one word spelled two ways (British and"
                f" American) in one text; keep one spelling: '{suggestion}' matches the spelling"
                " used more often here",
                suggestions=(suggestion,),
                confidence=0.7,
            )


RULE = define("structure.mixed-spelling", "warning", check, __doc__)
