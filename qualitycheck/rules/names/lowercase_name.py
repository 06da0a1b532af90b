"""A person's name written in lower case, as if it were two ordinary words.

What it does
    Flags two or three lower-case words that make a person's name: a first name from the
    first-name list followed by a surname that the document writes with a capital elsewhere, or
    by a surname from the surname lists of ``rules/names/name-meanings.toml`` after a role word
    such as "mayor" or "coach". Diacritics are ignored when the two are compared.

    It leaves alone lower-case words that are ordinary English first ("rose garden", "mark
    down", "said the"), e-mail addresses, handles, hashtags, paths and code, and names the
    document never writes with a capital unless a role word and the surname list both vouch for
    them.

Why it matters
    Machine translation and scrapers lose capitals: a name that was bold or a link in the source
    page comes out in lower case, and readers stumble over it or take it for ordinary words.

Example
    The mayor ana ruiz did not answer the questions. Ruiz said the budget was final.

Use instead
    The mayor Ana Ruiz did not answer the questions. Ruiz said the budget was final.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from qualitycheck.document import Document
from qualitycheck.finding import Match
from qualitycheck.heuristics import ARTICLES, AUXILIARIES, CONJUNCTIONS, DETERMINERS, PREPOSITIONS
from qualitycheck.names import PARTICLES
from qualitycheck.rule import Context, define

# Role words before a name in news style ("the mayor ana ruiz", "councillor ...").
_ROLES = frozenset(
    """
    mayor councillor councilor governor minister president senator deputy judge prosecutor coach
    actor actress singer player journalist presenter host writer author director manager
    spokesman spokeswoman spokesperson chairman secretary lawyer doctor professor mr mrs ms dr
    """.split()
)
# Above this Zipf frequency a lower-case word is an English word first ("said", "mark", "use").
_COMMON_ZIPF = 4.5
_FUNCTION_WORDS = ARTICLES | AUXILIARIES | CONJUNCTIONS | DETERMINERS | PREPOSITIONS
# Characters that glue a word to an address, a handle, a path or code.
_GLUE = frozenset("@._/#:\\=`")


def check(doc: Document, ctx: Context) -> Iterator[Match]:
    from qualitycheck.resources import fold, given_names, lexicon, name_meanings

    words = doc.words
    text = doc.text
    zipf = lexicon().zipf
    firsts = given_names()
    tokens = doc.token_counts
    # The lower-case first names of the document, judged once per spelling: most documents have
    # none, and then no word is looked at.
    leads = {
        t for t in tokens if t[:1].islower() and t not in _FUNCTION_WORDS and t.title() in firsts
    }
    if not leads:
        return
    # the folded words the document writes with a capital where no sentence start explains it
    texts = doc.word_texts
    capitalised = set(
        map(
            fold,
            {
                texts[k]
                for k in itertools.compress(itertools.count(), doc.capital_flags)
                if words[k].position
            },
        )
    )
    leads = {t for t in leads if zipf(t) < _COMMON_ZIPF or fold(t) in capitalised}
    if not leads:
        return
    surnames: set[str] = set()
    for names in name_meanings().surnames.values():
        surnames.update(fold(n) for n in names)
    n = len(words)
    after = -1  # the last word of the previous finding
    for k in itertools.compress(itertools.count(), map(leads.__contains__, texts)):
        if k <= after or k >= n - 1:
            continue
        w = words[k]
        if _glued(text, w.start, w.end):
            continue
        j = k + 1
        if words[j].text in PARTICLES and j + 1 < n:  # "juan de la cruz", "ana van dijk"
            j += 1
            if words[j].text in PARTICLES and j + 1 < n:
                j += 1
        last = words[j]
        lt = last.text
        between = text[w.end : last.start]
        if (
            last.sentence != w.sentence
            or not lt[:1].islower()
            or len(lt) < 3
            or not between.startswith(" ")
            or not all(c.isalpha() or c == " " for c in between)
            or "  " in between
            or _glued(text, last.start, last.end)
        ):
            continue
        key = fold(lt)
        role = k > 0 and words[k - 1].sentence == w.sentence and words[k - 1].text in _ROLES
        known_surname = key in surnames
        in_document = key in capitalised and (known_surname or zipf(lt) < _COMMON_ZIPF)
        if lt in _FUNCTION_WORDS or not (in_document or (role and known_surname)):
            continue
        name = text[w.start : last.end]
        written = " ".join(p[:1].upper() + p[1:] if p not in PARTICLES else p for p in name.split())
        why = "the document writes the surname with a capital elsewhere"
        if not in_document:
            why = f"a first name and a surname after '{words[k - 1].text}'"
        yield Match(
            w.start,
            last.end,
            f"'{name}' looks like a person's name written in lower case ({why}): names lose"
            " their capitals in machine translation and scraping.",
            suggestions=(written,),
            confidence=0.75 if in_document else 0.6,
        )
        after = j


def _glued(text: str, start: int, end: int) -> bool:
    """Whether the word is part of an address, handle, path or code."""
    before = text[start - 1 : start]
    after = text[end : end + 1]
    if before and before in _GLUE:
        return True
    if after and after in _GLUE - {".", ":"}:
        return True
    return after in ".:" and text[end + 1 : end + 2].isalnum()  # "maria.lopez", "file.py"


RULE = define("names.lowercase-name", "warning", check, __doc__)
