"""Candidate proper names in a document, and the evidence that they name a person or place.

``find_name_mentions(doc)`` walks each sentence and collects runs of capitalised words ("Foreign
Minister Sergei Lavrov", "Mr. Le Drian", "Bashar al-Assad", "Ann M Simmons"). A run is split after
its last title word ("Minister"), so the mention is the name itself; initials and particles ("van
der", "al-", "de") stay in the mention but are not compared. Each mention records what supports it
being a name: a title before it, a first name from ``resources.given_names()`` leading it, or a
name-like context after it (", a businessman", "said").

The helpers ``normalise_name_token``, ``is_derived_form`` and ``is_gendered_pair`` are shared by the
name rules: possessives ("Putin’s") and the particle prefix of "al-Assad" are stripped; a name and
its derived or gendered forms ("Lavrov"/"Lavrova", "Hussein"/"Husseini", "Kowalski"/"Kowalska")
are different names, never misspellings of one another.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from qualitycheck.document import Document, Word
from qualitycheck.heuristics import (
    ARTICLES,
    AUXILIARIES,
    CONJUNCTIONS,
    DETERMINERS,
    PREPOSITIONS,
)

__all__ = [
    "FEATURE_WORDS",
    "PARTICLES",
    "TITLE_WORDS",
    "NameMention",
    "NameToken",
    "find_name_mentions",
    "is_derived_form",
    "is_gendered_pair",
    "normalise_name_token",
]


def _wordset(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


# Capitalised words that introduce a name ("Governor Hanadi Lahota", "Mr. Malets"); compared
# lower-cased without a full stop. Modifiers before them ("Foreign", "Prime") are dropped with them.
TITLE_WORDS = _wordset(
    """
    mr mrs ms mx miss messrs mme mlle dr prof sir dame lord lady
    president vice-president premier chancellor minister secretary governor mayor senator sen
    representative rep congressman congresswoman councillor councilman councilwoman commissioner
    ambassador envoy speaker chairman chairwoman chairperson chair director chief spokesman
    spokeswoman spokesperson adviser advisor attorney judge justice prosecutor
    general gen colonel col lieutenant lt captain capt sergeant sgt major maj admiral adm marshal
    commander cmdr corporal private officer detective det inspector sheriff constable
    king queen prince princess emperor empress sultan emir sheikh sheik crown
    pope cardinal archbishop bishop rabbi imam ayatollah mullah father reverend rev pastor sister
    brother professor coach manager striker midfielder defender goalkeeper captain
    gov pres supt insp
    """
)

# Lower-case words that introduce a name in news style ("businessman Andrei Malets", "leader David
# Arakhmeyeh"): the same titles plus common roles.
_LOWER_ROLE_WORDS = TITLE_WORDS | _wordset(
    """
    leader businessman businesswoman entrepreneur founder owner executive analyst economist
    lawyer author writer journalist reporter correspondent editor photographer artist actor
    actress singer musician player teammate striker forward winger coach boss
    activist lawmaker legislator politician candidate nominee diplomat official aide negotiator
    resident farmer teacher student doctor nurse scientist researcher historian professor
    son daughter wife husband brother sister mother father uncle aunt cousin
    """
)

# Lower-case particles inside names ("Ludwig van Beethoven", "Ursula von der Leyen").
PARTICLES = _wordset(
    """
    van von der den de del della dei di da das dos do du la le les ter ten zu al el ibn bin bint
    ben abu y e st
    """
)

_FUNCTION_WORDS = (
    ARTICLES
    | AUXILIARIES
    | CONJUNCTIONS
    | DETERMINERS
    | PREPOSITIONS
    | _wordset(
        """
        i he she it we you they me him us them there here then when where why how who whom not
        also however yet still even only just now today yesterday tomorrow meanwhile later
        """
    )
)

# Nouns that make a name part of the name of something else: "the Bosna River" is not Bosnia,
# "Sava rivers", "Maidan Square", "Kakhovka dam".
FEATURE_WORDS = _wordset(
    """
    river rivers lake lakes sea ocean bay gulf strait canal delta creek stream mountain mountains
    mount hill hills valley island islands peninsula desert forest park reserve street avenue
    road boulevard square bridge dam airport station stadium arena university college school
    hospital church cathedral mosque temple palace hotel tower
    """
)

# Words after a name that say "this is a person": an appositive or a speech verb.
_NAME_CONTEXT_RE = re.compile(
    r"(?:\s*,\s*(?:a|an|who|whose|whom|aged?|\d{1,3})\b"
    r"|\s+(?:said|says|told|tells|added|wrote|writes|explained|argued|insisted|stated|asked"
    r"|replied|recalled|noted|warned|announced|admitted|claimed)\b)"
)
_NEXT_WORD_RE = re.compile(r"[ \t]+([^\W\d_]+)")
_GAP_RE = re.compile(r"\s+|\.\s+")  # between two words of one name: space, or ". " after "Mr"
_POSSESSIVE_RE = re.compile(r"(?:['’]s|['’])$")
_PARTICLE_PREFIX_RE = re.compile(r"^(?:[a-z]{1,3}[\-’'])+(?=[A-Z])")


@dataclass(frozen=True, slots=True)
class NameToken:
    """One comparable word of a name: ``text`` is ``doc.text[start:end]``, possessive and
    lower-case particle prefix removed ("Putin’s" -> "Putin", "al-Assad" -> "Assad")."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class NameMention:
    """A run of capitalised words that looks like a name, without its title.

    ``tokens`` are the comparable words (no initials, no particles); ``title`` is the title or
    role word right before the name ("mr", "governor", "businessman"), lower-cased, or ""."""

    start: int
    end: int
    tokens: tuple[NameToken, ...]
    title: str
    given_name: bool  # the first token is a known first name and more tokens follow
    name_context: bool  # followed by ", a ..." / "said" and the like
    sentence: int
    sentence_initial: bool  # the name is the first word of its sentence
    feature: bool = False  # names a river, street, bridge...: "Bosna River", "Sava rivers"

    @property
    def is_full_name(self) -> bool:
        """Introduced with a first name ("Andrei Malets"), not a bare surname."""
        return len(self.tokens) >= 2 and self.given_name

    @property
    def has_person_evidence(self) -> bool:
        return bool(self.title) or self.given_name or self.name_context


def normalise_name_token(word: str) -> tuple[int, int] | None:
    """The ``(start, end)`` of the comparable part of a capitalised word, relative to the word,
    or None when the word is not name-like (acronym, number, compound adjective)."""
    start, end = 0, len(word)
    m = _POSSESSIVE_RE.search(word)
    if m and m.start() > 0:
        end = m.start()
    p = _PARTICLE_PREFIX_RE.match(word, 0, end)
    if p:
        start = p.end()
    core = word[start:end]
    if len(core) < 2 or not core[0].isupper() or (not core.isalpha() and not _is_hyphen_name(core)):
        return None
    if core.isupper():  # acronyms: "NATO", "UN"
        return None
    return start, end


def _is_hyphen_name(core: str) -> bool:
    """ "Jean-Yves", "Okonjo-Iweala", "O'Brien" are names; "Russian-backed", "TB-2" are not."""
    parts = re.split(r"[\-’']", core)
    return all(p.isalpha() and (p[0].isupper() or p.lower() in PARTICLES) for p in parts if p)


def is_derived_form(a: str, b: str) -> bool:
    """One name extends the other by a short ending: "Lavrov"/"Lavrova", "Hussein"/"Husseini",
    "Obama"/"Obamas", "Petrov"/"Petrovich". Related names, not misspellings."""
    a, b = a.casefold(), b.casefold()
    if len(a) > len(b):
        a, b = b, a
    return b.startswith(a) and len(b) - len(a) <= 4


# Endings that make the feminine/masculine (or patronymic) form of a Slavic or Baltic surname.
_GENDERED_ENDINGS = (
    ("ski", "ska"),
    ("sky", "ska"),
    ("sky", "skaya"),
    ("skiy", "skaya"),
    ("skyi", "ska"),
    ("cki", "cka"),
    ("ov", "ova"),
    ("ev", "eva"),
    ("yov", "yova"),
    ("in", "ina"),
    ("yn", "yna"),
    ("ich", "ichna"),
    ("ovich", "ovna"),
    ("evich", "evna"),
    ("ovych", "ivna"),
    ("as", "iene"),
    ("is", "iene"),
    ("us", "iene"),
    ("y", "a"),
    ("i", "a"),
)


def is_gendered_pair(a: str, b: str) -> bool:
    """Masculine and feminine forms of one surname: "Kowalski"/"Kowalska",
    "Dostoevsky"/"Dostoevskaya", "Ivanov"/"Ivanova"."""
    a, b = a.casefold(), b.casefold()
    for m, f in _GENDERED_ENDINGS:
        for x, y in ((a, b), (b, a)):
            if x.endswith(m) and y.endswith(f) and x[: -len(m)] == y[: -len(f)] and len(x) > 4:
                return True
    return False


def find_name_mentions(doc: Document) -> list[NameMention]:
    """Every capitalised run in the document that can be a name, in document order (computed
    once per document: both name rules use it)."""
    return list(doc.memo("names.mentions", _find_name_mentions))


def _find_name_mentions(doc: Document) -> tuple[NameMention, ...]:
    from qualitycheck.resources import given_names

    first_names = given_names()
    text = doc.text
    mentions: list[NameMention] = []
    for si in range(len(doc.sentences)):
        words = doc.sentence_words(si)
        for run in _capitalised_runs(text, words):
            mention = _mention_from_run(text, words, run, si, first_names)
            if mention is not None:
                mentions.append(mention)
    return tuple(mentions)


def _is_cap_word(w: Word) -> bool:
    t = w.text
    if t[:1].isupper():
        return not t[:1].isdigit()
    # "al-Assad", "d’Orsay": a short lower-case particle glued to a capitalised name (the
    # particle ends within the first four characters: most words are settled without the regex)
    head = t[1:4]
    if "-" not in head and "’" not in head and "'" not in head:
        return False
    return bool(_PARTICLE_PREFIX_RE.match(t))


def _capitalised_runs(text: str, words: Sequence[Word]) -> list[tuple[int, int]]:
    """``(first, last)`` indexes (inclusive) of runs of capitalised words joined only by spaces,
    by ". " after a title abbreviation or an initial, or by lower-case particles."""
    runs: list[tuple[int, int]] = []
    i, n = 0, len(words)
    while i < n:
        t = words[i].text
        if not t[:1].isupper():  # _is_cap_word, inline: most words are lower-case
            head = t[1:4]
            if ("-" not in head and "’" not in head and "'" not in head) or not (
                _PARTICLE_PREFIX_RE.match(t)
            ):
                i += 1
                continue
        j = i
        while j + 1 < n:
            nxt = words[j + 1]
            gap = text[words[j].end : nxt.start]
            if not _GAP_RE.fullmatch(gap):
                break
            if gap.startswith(".") and not _abbreviation_like(words[j].text):
                break
            if _is_cap_word(nxt):
                j += 1
                continue
            # a particle is part of the name only between two capitalised words
            if (
                nxt.text in PARTICLES
                and j + 2 < n
                and _is_cap_word(words[j + 2])
                and text[nxt.end : words[j + 2].start].isspace()
            ):
                j += 2
                continue
            break
        runs.append((i, j))
        i = j + 1
    return runs


def _abbreviation_like(word: str) -> bool:
    return len(word) == 1 or word.lower() in TITLE_WORDS


def _mention_from_run(
    text: str,
    words: Sequence[Word],
    run: tuple[int, int],
    sentence: int,
    first_names: frozenset[str],
) -> NameMention | None:
    first, last = run
    # A capitalised function word that only starts the sentence: "In Bosnia", "On Thursday".
    while (
        first <= last
        and words[first].position == 0
        and words[first].text.lower() in _FUNCTION_WORDS
    ):
        first += 1
    if first > last:
        return None
    title = ""
    name_first = first
    for k in range(first, last + 1):
        if words[k].text.lower().rstrip(".") in TITLE_WORDS:
            title = words[k].text.lower()
            name_first = k + 1
    if name_first > last:
        return None
    if not title and first > 0:
        prev = words[first - 1]
        gap = text[prev.end : words[first].start]
        if prev.text.lower() in _LOWER_ROLE_WORDS and gap.strip() in {"", ","}:
            title = prev.text.lower()
    tokens: list[NameToken] = []
    for k in range(name_first, last + 1):
        w = words[k]
        if w.text in PARTICLES or len(w.text) == 1:  # particles and initials
            continue
        span = normalise_name_token(w.text)
        if span is None:
            continue
        s, e = span
        tokens.append(NameToken(w.start + s, w.start + e, w.text[s:e]))
    if not tokens:
        return None
    start, end = words[name_first].start, words[last].end
    given = len(tokens) >= 2 and (
        tokens[0].text in first_names or tokens[0].text.split("-")[0] in first_names
    )
    context = bool(_NAME_CONTEXT_RE.match(text, end))
    after = _NEXT_WORD_RE.match(text, end)
    feature = tokens[-1].text.lower() in FEATURE_WORDS or bool(
        after and after.group(1).lower() in FEATURE_WORDS
    )
    return NameMention(
        start=start,
        end=end,
        tokens=tuple(tokens),
        title=title,
        given_name=given,
        name_context=context,
        sentence=sentence,
        sentence_initial=words[name_first].position == 0,
        feature=feature,
    )
