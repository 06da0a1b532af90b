"""A famous person's, tournament's or organisation's name one or two letters off.

What it does
    Looks at runs of two or three capitalised words ("Novak Djokovich", "Rolan Harros") that are
    not themselves a known name, and compares them with a list of well-known people, tournaments,
    venues and organisations (``rules/names/known-names.txt``, with every spelling of a name that
    English media accept, so that an accepted transliteration is never reported). A run is
    reported when, word for word, it lies one or two edits from a known name (a swap of two
    letters, or a spelling that sounds the same, is one edit), the words that differ are neither
    English words nor names in their own right, and the document is about that name's field
    (other tennis players, or words such as "racket" and "tiebreak") or spells the name right
    elsewhere. A first name changed into another first name ("Emanuel Macron") counts only before
    a surname that at most two famous people carry and that is rare in English. A differing word
    that is a real surname too ("Merkle", "Murry") lowers the confidence to info.

    Spellings that differ only in diacritics ("Jose" / "José"), plural and feminine forms,
    names in a byline, in a tab-separated table, marked "[sic]" or quoted as a spelling ("known
    as ...", "spelled ...") and spellings the user's glossary accepts are left alone.

Why it matters
    Machine translation re-transliterates names through the source language ("Roland Garros"
    comes back from Russian as "Rolan Harros") and scraped or retyped text garbles them ("Angela
    Merkle"). A famous name spelled wrong is the first thing a reader notices, and it makes the
    rest of the article look careless.

Example
    Novak Djokovich won his first match at the Australian Open on Monday, beating a qualifier in straight sets.

Use instead
    Novak Djokovic won his first match at the Australian Open on Monday, beating a qualifier in straight sets.

    If the name belongs to another person, add it to your glossary.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache
from itertools import groupby
from typing import TYPE_CHECKING, NamedTuple

from qualitycheck.document import Document
from qualitycheck.finding import Match, Severity
from qualitycheck.rule import Context, define
from qualitycheck.scan.programs import re_compile

if TYPE_CHECKING:
    from qualitycheck.names import NameMention
    from qualitycheck.resources import KnownForm, KnownName, KnownNames

_MAX_EDITS = 2  # edits over the whole name, counted word by word
_MIN_CHANGED_LENGTH = 4  # a word that differs must have this many letters (folded)
_MIN_WORD_SIMILARITY = 0.7  # 1 - edits / length of a word that differs
_MAX_RUN = 12  # longer runs of capitalised words are lists or titles, not names
# A differing word this common (Zipf) is an English word or an attested name, not a garble.
_WORD_ZIPF = 2.5
# A surname a first-name change may sit before must be rarer than this in English text.
_DISTINCTIVE_SURNAME_ZIPF = 4.3
_MAX_FAMOUS_BEARERS = 2  # "Macron": Emmanuel and Brigitte
_MIN_CONTEXT_WORDS = 2  # distinct context words of the field the document must use
# A differing word this common (Zipf) is written somewhere (less confident), or is a real
# surname as well ("Merkle", "Nadel": much less confident).
_ATTESTED_ZIPF = 1.5
_SURNAME_ZIPF = 2.0
# Endings that make a related name, not a misspelling ("Kowalski"/"Kowalsk-a", "Obama"/"Obamas").
_DERIVED_ENDINGS = frozenset({"a", "s", "es", "i", "ova", "eva", "ina", "ovic", "ic"})
_ALIAS_CUES = frozenset(
    """
    spelled spelt spelling spell spells known called named transliterated transliteration
    nicknamed alias aka dubbed
    """.split()
)
_SIC_WINDOW = 8  # characters after a name searched for "[sic]"
_QUOTES = frozenset("\"'“”‘’«»„")
_BYLINE_RE = re_compile(r"(?:^|\n)[ \t]*(?:By|BY|by)[ \t]+$")
_WORD_RE = re_compile(r"[^\W\d_]+")
_C_K = str.maketrans({"c": "k", "q": "k"})
_HYPHEN_RE = re_compile(r"[\-‐–]")


class _Near(NamedTuple):
    form: KnownForm
    edits: int
    changed: tuple[int, ...]  # indices of the words that differ


class _Verdict(NamedTuple):
    near: _Near
    strong: bool  # the document spells the name right elsewhere
    field_names: bool  # the document names other known names of the field
    field_words: bool  # the document uses the words of the field
    first_name_only: bool


def check(doc: Document, ctx: Context) -> Iterator[Match]:
    from qualitycheck.names import find_name_mentions
    from qualitycheck.resources import known_names

    mentions = find_name_mentions(doc)
    runs = [m for m in mentions if len(m.tokens) >= 2 or "-" in m.tokens[0].text]
    if not runs:
        return
    known = known_names()
    evidence: _Evidence | None = None
    for mention in runs:
        parts = _parts(mention)
        folded = tuple(p[1] for p in parts)
        if " ".join(folded) in known.exact:
            continue
        for first, last, near in _windows(folded):
            if evidence is None:
                evidence = _Evidence(doc, mentions, known)
            window = parts[first : last + 1]
            verdict = _judge(doc, mention, window, near, evidence, ctx)
            if verdict is not None:
                yield _match(doc, mention, window, verdict)
                break


def _parts(mention: NameMention) -> list[tuple[str, str, int]]:
    """The words of a name as compared: (as written, folded, index of its token), a hyphenated
    token giving one word per part ("Roland-Garros": "Roland", "Garros")."""
    from qualitycheck.resources import fold

    parts: list[tuple[str, str, int]] = []
    for k, token in enumerate(mention.tokens):
        for piece in _HYPHEN_RE.split(token.text):
            folded = fold(piece)
            if folded:
                parts.append((piece, folded, k))
    return parts


def _windows(folded: tuple[str, ...]) -> Iterator[tuple[int, int, _Near]]:
    """(first, last, near) for the windows of two or three words of a run that lie near a known
    name, longest first, none overlapping a known name spelled right."""
    from qualitycheck.resources import known_names

    known = known_names()
    n = len(folded)
    if n > _MAX_RUN:
        return
    exact = [False] * n
    for size in (3, 2):
        for i in range(n - size + 1):
            if " ".join(folded[i : i + size]) in known.exact:
                for k in range(i, i + size):
                    exact[k] = True
    for size in (3, 2):
        for i in range(n - size + 1):
            if any(exact[i : i + size]):
                continue
            near = _nearest(folded[i : i + size])
            if near is not None:
                yield i, i + size - 1, near


@lru_cache(maxsize=1 << 13)
def _nearest(tokens: tuple[str, ...]) -> _Near | None:
    """The known name these folded words lie closest to, word for word, when it is within reach
    and no other known name is as close; memoised (bounded): names recur."""
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    from qualitycheck.resources import known_names

    if any(len(t) < 2 for t in tokens):
        return None
    known = known_names()
    key = " ".join(tokens)
    found: dict[str, KnownForm] = {}
    for letter in {tokens[0][0], tokens[-1][0]}:
        pool, keys = known.pool(len(tokens), letter)
        if not keys:
            continue
        # The whole key within reach first (in C), then word by word.
        for _, _, index in process.extract(
            key, keys, scorer=OSA.distance, score_cutoff=_MAX_EDITS + 2, limit=None
        ):
            form = pool[index]
            found[form.key] = form
    best: list[_Near] = []
    for form in found.values():
        dists = [_edits(a, b) for a, b in zip(tokens, form.tokens, strict=True)]
        edits = sum(dists)
        if edits == 0:
            return None
        if edits > _MAX_EDITS:
            continue
        changed = tuple(k for k, d in enumerate(dists) if d)
        if not all(_credible_change(tokens[k], form.tokens[k], dists[k]) for k in changed):
            continue
        best.append(_Near(form, edits, changed))
    if not best:
        return None
    best.sort(key=lambda n: n.edits)
    top = best[0]
    rivals = {n.form.entry.name for n in best if n.edits == top.edits}
    if len(rivals) > 1:
        return None  # as close to two famous names: a name of its own
    return top


def _edits(word: str, known: str) -> int:
    """Edits between two folded words, where a spelling that sounds the same counts as one:
    "Gaske" for "Gasquet" (back-transliterated from a language that writes it as heard)."""
    from rapidfuzz.distance import OSA

    edits = OSA.distance(word, known)
    if edits > 1 and _sound(word) == _sound(known):
        return 1
    return edits


@lru_cache(maxsize=1 << 14)
def _sound(word: str) -> str:
    """A rough phonetic key of a folded word: the spellings of one sound made one ("qu", "ck" and
    a hard "c" -> "k"; "ph" -> "f"; "tch", "ch" and a final Slavic "-ic" -> one sound; "sh",
    "zh", "kh" -> one sound each; "w" -> "v"; "j", "y" -> "i"), doubled letters single, and a
    silent final consonant after a vowel dropped ("Gasquet" -> "gaske", "Yokich" and "Jokic"
    alike)."""
    w = word
    for spelling, sound in _DIGRAPHS:
        w = w.replace(spelling, sound)
    if w.endswith("ic"):
        w = w[:-1] + "1"  # "Jokic" (Jokić) is "Jokich"
    w = _HARD_C_RE.sub("k", w).translate(_SOUNDS)
    w = "".join([letter for letter, _ in groupby(w)])  # doubled letters single
    if len(w) > 4 and w[-1] in "tdsz" and w[-2] in "aeiou":
        w = w[:-1]
    return w


# Spellings of one sound, in the order they are replaced ("1", "2", "3": sounds with no letter).
_DIGRAPHS = (
    ("tch", "1"),
    ("ch", "1"),
    ("sh", "2"),
    ("zh", "3"),
    ("kh", "h"),
    ("ph", "f"),
    ("qu", "k"),
    ("ck", "k"),
    ("x", "ks"),
)
_HARD_C_RE = re_compile(r"c(?![eiy])")
_SOUNDS = str.maketrans({"w": "v", "y": "i", "j": "i"})


def _credible_change(word: str, known: str, edits: int) -> bool:
    """Whether ``word`` can be a garbled ``known`` (both folded): long enough, similar enough,
    not a related form ("Lavrova", "Obamas") and not the same letters spaced differently."""
    from qualitycheck.names import is_gendered_pair

    if min(len(word), len(known)) < _MIN_CHANGED_LENGTH:
        return False
    if 1 - edits / max(len(word), len(known)) < _MIN_WORD_SIMILARITY:
        return False
    short, long_ = sorted((word, known), key=len)
    if long_.startswith(short) and long_[len(short) :] in _DERIVED_ENDINGS:
        return False
    if word.replace(" ", "") == known.replace(" ", ""):
        return False
    return not is_gendered_pair(word, known)


# -- what the document says --------------------------------------------------------------------


class _Evidence:
    """What the document says about names, computed when a run first lies near a known name:
    the folded words of its names, its lower-case words, and the fields of the known names it
    spells right."""

    def __init__(self, doc: Document, mentions: Sequence[NameMention], known: KnownNames) -> None:
        from qualitycheck.resources import fold

        self.name_words: dict[str, list[int]] = {}  # folded word -> starts of the mentions
        domains: set[str] = set()
        exact_names: set[str] = set()
        for m in mentions:
            folded = tuple(w for t in m.tokens for w in fold(t.text).split())
            for word in folded:
                self.name_words.setdefault(word, []).append(m.start)
            n = len(folded)
            for size in range(min(n, 3), 0, -1):
                for i in range(n - size + 1):
                    for entry in known.exact.get(" ".join(folded[i : i + size]), ()):
                        exact_names.add(entry.name)
                        domains.update(entry.domains)
        self.exact_names = exact_names
        self.domains = domains
        self.words = {w.text.lower() for w in doc.words}
        self._context: dict[str, int] = {}
        self.known = known

    def context_words(self, domain: str) -> int:
        count = self._context.get(domain)
        if count is None:
            count = len(self.words & self.known.context.get(domain, frozenset()))
            self._context[domain] = count
        return count


def _judge(
    doc: Document,
    mention: NameMention,
    window: Sequence[tuple[str, str, int]],
    near: _Near,
    evidence: _Evidence,
    ctx: Context,
) -> _Verdict | None:
    from qualitycheck.resources import fold, gazetteer, given_names, lexicon, name_meanings

    tokens = mention.tokens[window[0][2] : window[-1][2] + 1]
    words = [p[0] for p in window]
    form = near.form
    entry = form.entry
    lex = lexicon()
    first_names = given_names()
    surnames = name_meanings().surnames
    last_index = len(words) - 1
    first_name_only = near.changed == tuple(range(last_index)) and last_index >= 1
    for k in near.changed:
        word = words[k]
        if any(word in names for names in surnames.values()):
            return None  # a surname in its own right
        if k == last_index and (word in first_names or word.title() in first_names):
            return None
        zipf = lex.zipf(word)
        if k < last_index and (zipf >= _WORD_ZIPF or word in first_names):
            # a first name changed into another first name ("Raphael Nadal", "Emanuel Macron")
            if not _first_name_variant(word, form, k):
                return None
            continue
        if word in first_names or word.title() in first_names or zipf >= _WORD_ZIPF:
            return None
        if any(fold(p.name) == fold(word) for p in gazetteer().lookup(word)):
            return None  # a place's usual name: "Jordan", "Florence"
        if k == last_index and fold(word) in evidence.known.surnames:
            return None  # another famous person's surname
    name = " ".join(words)
    if ctx.glossary is not None and ctx.glossary.accepts(name):
        return None
    if _named_as_spelling(doc.text, tokens[0].start, tokens[-1].end):
        return None
    strong = _spelled_right_elsewhere(entry, form, evidence, near)
    field_names = any(d in evidence.domains for d in entry.domains)
    field_words = _field_words(entry, evidence)
    if not (strong or field_names or field_words):
        return None
    return _Verdict(near, strong, field_names, field_words, first_name_only)


def _first_name_variant(word: str, form: KnownForm, k: int) -> bool:
    """A first name changed into another first name ("Raphael Nadal", "Emanuel Macron") is a
    garble only when it sounds the same (same first letter) and stands before a surname that
    at most two famous people carry and that is rare in English."""
    from qualitycheck.resources import fold, given_names, known_names, lexicon

    if k == len(form.tokens) - 1:
        return False
    folded = fold(word)
    if folded[:1].translate(_C_K) != form.tokens[k][:1].translate(_C_K):
        return False
    surname = form.tokens[-1]
    if len(known_names().surnames.get(surname, ())) > _MAX_FAMOUS_BEARERS:
        return False  # "Johnson", "Williams": many famous people, and many more
    if surname.title() in given_names():
        return False  # "Kerry", "Murray": a first name too
    return lexicon().zipf(surname) < _DISTINCTIVE_SURNAME_ZIPF


def _spelled_right_elsewhere(
    entry: KnownName, form: KnownForm, evidence: _Evidence, near: _Near
) -> bool:
    """The document names the known person right: the full name, or a surname that the
    misspelling changed ("Djokovic" elsewhere for "Novak Djokovich")."""
    if entry.name in evidence.exact_names:
        return True
    surname = form.tokens[-1]
    return (len(form.tokens) - 1) in near.changed and surname in evidence.name_words


def _field_words(entry: KnownName, evidence: _Evidence) -> bool:
    """The document uses enough of the words of the name's field ("tennis", "racket")."""
    return any(evidence.context_words(d) >= _MIN_CONTEXT_WORDS for d in entry.domains)


def _named_as_spelling(text: str, start: int, end: int) -> bool:
    """A byline ("By Rafael Nadel"), a name in quotation marks or marked "[sic]", a name given as
    a spelling ("known as ...", "spelled ..."), or a cell of a tab-separated table (a termbase)."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    line_end = text.find("\n", end)
    if "\t" in before or "\t" in text[end : line_end if line_end >= 0 else len(text)]:
        return True  # a row of a table or a termbase, not prose
    if _BYLINE_RE.search("\n" + before):
        return True
    if before.rstrip()[-1:] in _QUOTES and text[end : end + 1] in _QUOTES:
        return True
    after = text[end : end + _SIC_WINDOW].lstrip("’'\"” ").lower()
    if after.startswith(("[sic]", "(sic)")):
        return True  # "Novak Djokovich [sic]": the writer knows
    recent = _WORD_RE.findall(before[-60:].lower())[-3:]
    return bool(set(recent) & _ALIAS_CUES)


# -- the finding ----------------------------------------------------------------------------------


def _match(
    doc: Document, mention: NameMention, window: Sequence[tuple[str, str, int]], verdict: _Verdict
) -> Match:
    from qualitycheck.resources import lexicon

    tokens = mention.tokens[window[0][2] : window[-1][2] + 1]
    start, end = tokens[0].start, tokens[-1].end
    written = doc.text[start:end]
    near = verdict.near
    entry = near.form.entry
    suggestions = tuple(
        dict.fromkeys(_restyle(written, s) for s in (entry.name, near.form.spelling))
    )
    lex = lexicon()
    zipf = max(lex.zipf(window[k][0]) for k in near.changed)
    confidence = 0.6
    confidence += 0.2 if verdict.strong else 0.0
    confidence += 0.05 if near.edits == 1 else 0.0
    if zipf == 0:
        confidence += 0.05
    elif zipf >= _SURNAME_ZIPF:
        confidence -= 0.1
    elif zipf >= _ATTESTED_ZIPF:
        confidence -= 0.05
    confidence += 0.05 if verdict.field_names else 0.0
    confidence += 0.05 if verdict.field_words else 0.0
    confidence -= 0.1 if verdict.first_name_only else 0.0
    confidence = round(min(0.95, max(0.3, confidence)), 2)
    why = (
        f"the document also spells it '{entry.name}'"
        if verdict.strong
        else "no well-known person or organisation is spelled so"
    )
    message = (
        f"'{written}' looks like a misspelling of '{entry.name}': {why}. Machine translation "
        "re-transliterates famous names, and the garbled form is one no English publication "
        "prints."
    )
    severity = None if confidence >= 0.65 else Severity.INFO
    return Match(
        start, end, message, suggestions=suggestions, confidence=confidence, severity=severity
    )


def _restyle(written: str, suggestion: str) -> str:
    """The suggestion with the hyphens of the written name ("Roland-Marros" -> "Roland-Garros")
    when both have as many words."""
    pieces = _SEPARATOR_RE.split(written)
    words = suggestion.split(" ")
    if len(pieces) != 2 * len(words) - 1 or "-" not in pieces[1::2]:
        return suggestion
    out = [words[0]]
    for sep, word in zip(pieces[1::2], words[1:], strict=True):
        out.append("-" if sep == "-" else " ")
        out.append(word)
    return "".join(out)


_SEPARATOR_RE = re_compile(r"(-|\s+)")


RULE = define("names.misspelled-known-name", "warning", check, __doc__)
