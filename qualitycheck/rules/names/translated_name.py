"""A name translated into the common word it means (a Spanish surname rendered as "mill").

What it does
    Reports an English word that stands where a name should, when the document also has the
    name it translates. Two kinds:

    - a surname, nickname or programme title rendered as its meaning, in a document that also
      has the name itself: the coach Molina (Spanish for a mill) quoted as "mill", the programme
      Hoy (today) called "today" in the next paragraph. The English word must be capitalised on
      its own, outside any longer name (the Ivory Coast is a place, not the Portuguese surname
      Costa), and no sentence start explains its capital unless a speech verb follows;
    - a foreign first name turned into its English equivalent next to a surname of that
      language (Margarita written as its English form before a Spanish surname), when the other
      people of the document carry that language's first names and a country of the language
      is named, or when the document has the original form with the same surname too.

    The pairs (surnames, nicknames, titles and first names with their meanings, for Spanish,
    Portuguese, Italian, German, French, Ukrainian, Russian, Polish and Turkish) are in
    ``rules/names/name-meanings.toml``.

Why it matters
    Machine translation does not know that a word is a name and translates it: a person becomes
    a mill or a dove halfway through an article, a television programme becomes a day. A
    reader takes the word for a different person or for an ordinary word, and the text no longer
    says who did what.

Example
    The coach, Pedro Molina, left the club on Sunday. Mill said the decision was his own.

Use instead
    The coach, Pedro Molina, left the club on Sunday. Molina said the decision was his own.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from qualitycheck.document import Document, Word
from qualitycheck.finding import Match
from qualitycheck.names import TITLE_WORDS, find_name_mentions
from qualitycheck.rule import Context, define
from qualitycheck.scan.programs import re_compile

if TYPE_CHECKING:
    from qualitycheck.resources import NameMeanings

_LANGUAGES = {
    "es": "Spanish",
    "pt": "Portuguese",
    "it": "Italian",
    "de": "German",
    "fr": "French",
    "ru": "Russian",
    "uk": "Ukrainian",
    "pl": "Polish",
    "tr": "Turkish",
}
_SPEECH_RE = re_compile(  # run with .match right after a word: one space, then the verb
    r"\s(?:said|says|added|adds|stressed|explained|noted|told|insisted|stated|argued|warned"
    r"|recalled|replied|admitted|claimed|confirmed|announced|asked|wrote)\b"
)
# Nouns after a title: "the Today programme", "the Hoy show".
_TITLE_NOUNS = frozenset(
    "program programme show broadcast newscast series magazine newspaper paper daily".split()
)
# A text that names people with this many other first names of a language is about them.
_MIN_OTHER_PEOPLE = 2


def check(doc: Document, ctx: Context) -> Iterator[Match]:
    from qualitycheck.resources import name_meanings

    words = doc.words
    if len(words) < 8:
        return
    data = name_meanings()
    yield from _meanings(doc, words, data)
    yield from _first_names(doc, data)


def _meanings(doc: Document, words: Sequence[Word], data: NameMeanings) -> Iterator[Match]:
    from qualitycheck.resources import fold

    # Judged on the distinct spellings first (in C where it can be): most documents have no
    # capitalised word that is the meaning of a listed name.
    tokens = doc.token_counts
    meanings = {
        t: sources
        for t in tokens
        if t[:1].isupper() and len(t) >= 3 and (sources := data.by_meaning.get(t.lower()))
    }
    if not meanings:
        return
    capitalised = {fold(t): t for t in tokens if t[:1].isupper()}
    present: dict[str, tuple[str, str, str]] = {}
    for t, sources in meanings.items():
        for name, lang, kind in sources:
            key = fold(name)
            if key in capitalised and key != fold(t) and not t.isupper():
                present[t] = (capitalised[key], lang, kind)
                break
    if not present:
        return
    texts = doc.word_texts
    for k in itertools.compress(itertools.count(), map(present.__contains__, texts)):
        w = words[k]
        t = w.text
        slot = _name_slot(doc, words, k)
        if slot is None:
            continue
        written, lang, kind = present[t]
        what = "programme or title" if kind == "title" else "name"
        yield Match(
            w.start,
            w.end,
            f"'{t}' stands where a {what} is expected ({slot}), and the document also has the"
            f" {what} '{written}', which is {_LANGUAGES.get(lang, lang)} for '{t.lower()}':"
            " machine translation often renders a name as its meaning. Use the name.",
            suggestions=(written,),
            confidence=0.75 if kind == "title" or "quotation" in slot else 0.65,
        )


def _name_slot(doc: Document, words: Sequence[Word], k: int) -> str | None:
    """Why ``words[k]`` (capitalised) reads as a name here, or None when it may be an ordinary
    word or part of a longer name."""
    text = doc.text
    w = words[k]
    prev = words[k - 1] if k > 0 and words[k - 1].sentence == w.sentence else None
    nxt = words[k + 1] if k + 1 < len(words) and words[k + 1].sentence == w.sentence else None
    if nxt is not None and nxt.text[:1].isupper() and text[w.end : nxt.start] == " ":
        return None  # part of a longer name: "Ivory Coast Ministry", "Mill Road"
    if prev is not None and prev.text[:1].isupper() and text[prev.end : w.start] == " ":
        if prev.text.lower().rstrip(".") not in TITLE_WORDS:
            return None  # "Ivory Coast", "John Stuart Mill"
        return f"after the title '{prev.text}'"
    if _SPEECH_RE.match(text, w.end):
        return "the speaker of a quotation"
    if w.position == 0:
        return None  # a sentence start explains the capital
    if nxt is not None and nxt.text.lower() in _TITLE_NOUNS:
        return f"before '{nxt.text}'"
    return "capitalised in the middle of a sentence"


def _first_names(doc: Document, data: NameMeanings) -> Iterator[Match]:
    from qualitycheck.resources import fold

    mentions = [m for m in find_name_mentions(doc) if len(m.tokens) >= 2]
    if not mentions:
        return
    full_names = [(m, m.tokens[0].text, m.tokens[-1].text) for m in mentions]
    candidates = [
        (m, first, last, foreign)
        for m, first, last in full_names
        if (foreign := data.english_first_names.get(first.lower()))
    ]
    if not candidates:
        return
    pairs = {(f, s) for _, f, s in full_names}
    # how often each word occurs in a name of several words (counted once, for all candidates)
    in_names = Counter(t.text for m in mentions for t in m.tokens)
    by_language: dict[str, list[str]] = {}  # language -> its first names among in_names
    languages_named: set[str] | None = None
    for m, first, last, foreign in candidates:
        own = Counter(t.text for t in m.tokens)
        for lang, original in foreign:
            if last not in data.surnames.get(lang, ()):
                continue
            firsts = data.first_names.get(lang, frozenset())
            if first in firsts:
                continue  # the English form is a first name of the language too
            same_person = (original, last) in pairs
            # the language's first names in the other names of the document
            if lang not in by_language:
                by_language[lang] = [t for t in in_names if t in firsts]
            others = {
                fold(t) for t in by_language[lang] if t != first and in_names[t] > own.get(t, 0)
            }
            if not same_person:
                if len(others) < _MIN_OTHER_PEOPLE:
                    continue
                if languages_named is None:
                    languages_named = _countries_named(doc)
                if not languages_named & data.countries.get(lang, frozenset()):
                    continue
            tok = m.tokens[0]
            why = (
                f"the document also calls this person '{original} {last}'"
                if same_person
                else f"the other people in the text have {_LANGUAGES.get(lang, lang)} first names"
            )
            yield Match(
                tok.start,
                tok.end,
                f"'{first} {last}': the English first name '{first}' with the"
                f" {_LANGUAGES.get(lang, lang)} surname '{last}' looks like '{original}'"
                f" translated ({why}); machine translation turns foreign first names into their"
                " English equivalents. Keep the name as the person writes it.",
                suggestions=(original,),
                confidence=0.8 if same_person else 0.55,
            )
            break


def _countries_named(doc: Document) -> set[str]:
    """The countries the document names, by name or demonym ("Mexico", "Colombian")."""
    from qualitycheck.resources import gazetteer

    gaz = gazetteer()
    found: set[str] = set()
    for t in doc.token_counts:
        if not t[:1].isupper() or len(t) < 4:
            continue
        code = gaz.country_of(t)
        if code is not None:
            found.add(code)
    return found


RULE = define("names.translated-name", "warning", check, __doc__)
