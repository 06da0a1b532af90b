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

from qualitycheck.document import Document
from qualitycheck.finding import Match
from qualitycheck.rule import Context, define


@cache
def _pairs() -> tuple[dict[str, str], dict[str, str], tuple[str, ...], tuple[str, ...]]:
    """Exact British -> American forms (and each stem, keyed with a NUL in front), exact
    American -> British forms, and the British and American stems (matched as prefixes)."""
    from qualitycheck.resources import data_rows

    exact_uk: dict[str, str] = {}
    exact_us: dict[str, str] = {}
    stems_uk: list[str] = []
    stems_us: list[str] = []
    stem_map: dict[str, str] = {}
    for uk, us in data_rows("structure/spelling-variants.txt"):
        if uk.endswith("*"):
            stem_map[uk[:-1]] = us[:-1]
        else:
            exact_uk[uk] = us
            exact_us[us] = uk
    for uk, us in stem_map.items():
        exact_uk.setdefault("\0" + uk, us)  # stems kept apart from whole words
        exact_us.setdefault("\0" + us, uk)
        stems_uk.append(uk)
        stems_us.append(us)
    return exact_uk, exact_us, tuple(stems_uk), tuple(stems_us)


def _key(word: str) -> tuple[str, str] | None:
    """(the American form, "uk" or "us") of a word on the list, or None."""
    exact_uk, exact_us, stems_uk, stems_us = _pairs()
    if word in exact_uk:
        return exact_uk[word], "uk"
    if word in exact_us:
        return word, "us"
    if word.startswith(stems_uk):
        for stem in stems_uk:
            if word.startswith(stem):
                return exact_uk["\0" + stem] + word[len(stem) :], "uk"
    if word.startswith(stems_us):
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


def _other_spelling(word: str, variant: str) -> str:
    """The same word in the other spelling: "yoghurt" -> "yogurt", "traveled" -> "travelled"."""
    exact_uk, exact_us, stems_uk, stems_us = _pairs()
    exact, stems = (exact_uk, stems_uk) if variant == "uk" else (exact_us, stems_us)
    if word in exact:
        return exact[word]
    stem = next(s for s in stems if word.startswith(s))
    return exact["\0" + stem] + word[len(stem) :]


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
            form = _other_spelling(w.text.lower(), variant_of[i])
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
