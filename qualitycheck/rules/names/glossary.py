"""A spelling the user's glossary marks as wrong, or a near miss of a glossary name.

What it does
    Runs only when a glossary (termbase) is configured (``--glossary FILE``, TSV or TBX; see
    ``docs/glossary.md``). Flags every variant the glossary lists as wrong (deprecated,
    superseded), as a whole word, case-sensitively for names, and suggests the preferred form.
    It also flags near misses: a capitalised word that is not an English word and lies one or two
    edits from a word of a preferred name ("Podoljak" when the glossary has "Mykhailo
    Podolyak"), with a lower confidence.

Why it matters
    Newsrooms and localisation teams fix the spelling of the names they cover. Machine
    translation ignores the house spelling and transliterates afresh ("Zaporozhye",
    "Vladimir Zelensky"), and a near miss of a name the team has already fixed is almost always
    a typo or a transliteration slip.

Example
    With the glossary line ``Zaporizhzhia<TAB>Zaporozhye``:
    Russian troops approached Zaporozhye on Friday.

Use instead
    Russian troops approached Zaporizhzhia on Friday.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from itertools import compress
from typing import TYPE_CHECKING

from qualitycheck.document import Document
from qualitycheck.finding import Match, Severity
from qualitycheck.names import is_derived_form, is_gendered_pair, normalise_name_token
from qualitycheck.rule import Context, define

if TYPE_CHECKING:  # the glossary module is loaded only when a glossary is configured
    from qualitycheck.glossary import Glossary
    from qualitycheck.resources import Lexicon

_VARIANT_CONFIDENCE = 0.95
_RARE_ZIPF = 3.0  # a word at least this common in English is a word, not a misspelt name
_MIN_LENGTH = 4


def check(doc: Document, ctx: Context) -> Iterator[Match]:
    glossary = ctx.glossary
    if glossary is None or len(glossary) == 0:
        return
    taken: list[tuple[int, int]] = []
    for v in glossary.find_variants(doc.text):
        taken.append((v.start, v.end))
        preferred = _match_case(v.entry.preferred, v.text, v.entry.case_sensitive)
        yield Match(
            v.start,
            v.end,
            f"'{v.text}' is a spelling the glossary marks as wrong; use '{preferred}'. "
            "Machine translation often ignores a house spelling and transliterates names afresh.",
            suggestions=(preferred,),
            confidence=_VARIANT_CONFIDENCE,
        )
    yield from _near_misses(doc, glossary, taken)


def _match_case(preferred: str, found: str, case_sensitive: bool) -> str:
    """For a term matched ignoring case, keep a capital the text had ("E-mail" -> "Email")."""
    if not case_sensitive and found[:1].isupper() and preferred[:1].islower():
        return preferred[:1].upper() + preferred[1:]
    return preferred


def _near_misses(
    doc: Document, glossary: Glossary, taken: list[tuple[int, int]]
) -> Iterator[Match]:
    import jellyfish

    from qualitycheck.resources import lexicon

    targets = sorted(
        t for t in glossary.preferred_tokens if len(t) >= _MIN_LENGTH and t[:1].isupper()
    )
    if not targets:
        return
    folded_targets = [t.casefold() for t in targets]
    lex = lexicon()
    verdicts: dict[str, tuple[str, int, float] | None] = {}
    # word text -> (offset of its token, token, verdict), or None when the word needs no check
    # (words recur: each is looked at once)
    checks: dict[str, tuple[int, str, tuple[str, int, float]] | None] = {}
    taken_starts = sorted(taken)
    words = doc.words
    # only capitalised words (selected in C: most words are lower-case)
    for word in compress(words, doc.capital_flags):
        if word.text in checks:
            check = checks[word.text]
        else:
            check = checks[word.text] = _check_of(
                word.text, glossary, verdicts, targets, folded_targets, lex
            )
        if check is None or _inside(word.start, taken_starts):
            continue
        offset, token, (target, distance, zipf) = check
        span = (offset, offset + len(token))
        same_sound = jellyfish.metaphone(token) == jellyfish.metaphone(target)
        confidence = 0.7 if distance == 1 else 0.55
        confidence += 0.1 if same_sound else 0.0
        severity = Severity.INFO if zipf > 0 else None  # a known string: maybe another name
        if zipf > 0:
            confidence -= 0.15
        yield Match(
            word.start + span[0],
            word.start + span[1],
            f"'{token}' is {distance} letter{'s' if distance > 1 else ''} away from "
            f"'{target}', a name in the glossary: probably a misspelling or a different "
            "transliteration of it.",
            suggestions=(target,),
            confidence=round(confidence, 2),
            severity=severity,
        )


def _check_of(
    text: str,
    glossary: Glossary,
    verdicts: dict[str, tuple[str, int, float] | None],
    targets: list[str],
    folded_targets: list[str],
    lex: Lexicon,
) -> tuple[int, str, tuple[str, int, float]] | None:
    """For a capitalised word: where its name token starts, the token and the glossary word it
    seems to misspell; None when it is not name-like, short, accepted, or near no glossary word.
    ``verdicts`` memoises ``_closest`` per token."""
    span = normalise_name_token(text)
    if span is None:
        return None
    token = text[span[0] : span[1]]
    if len(token) < _MIN_LENGTH or glossary.accepts(token):
        return None
    if token not in verdicts:
        verdicts[token] = _closest(token, targets, folded_targets, lex.zipf(token))
    verdict = verdicts[token]
    return None if verdict is None else (span[0], token, verdict)


def _inside(index: int, spans: list[tuple[int, int]]) -> bool:
    """Whether ``index`` falls in one of the sorted, non-overlapping ``spans``."""
    i = bisect.bisect_right(spans, (index, 1 << 62)) - 1
    return i >= 0 and spans[i][0] <= index < spans[i][1]


def _closest(
    token: str, targets: list[str], folded_targets: list[str], zipf: float
) -> tuple[str, int, float] | None:
    """The glossary word ``token`` most likely misspells, with the distance, or None."""
    from rapidfuzz.distance import Levenshtein
    from rapidfuzz.process import extract

    if zipf >= _RARE_ZIPF:
        return None
    key = token.casefold()
    max_distance = 1 if len(key) <= 6 else 2
    best: tuple[str, int, float] | None = None
    for _, distance, index in extract(
        key, folded_targets, scorer=Levenshtein.distance, score_cutoff=max_distance, limit=5
    ):
        target = targets[index]
        if distance == 0 or distance / max(len(key), len(target)) > 0.25:
            continue
        if is_derived_form(key, target) or is_gendered_pair(key, target):
            continue
        if key[0] != folded_targets[index][0]:
            continue
        if best is None or distance < best[1]:
            best = (target, int(distance), zipf)
    return best


RULE = define("names.glossary", "warning", check, __doc__)
