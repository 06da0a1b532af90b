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
from functools import lru_cache
from typing import NamedTuple

from qualitycheck.document import Document, Word
from qualitycheck.heuristics import (
    ARTICLES,
    AUXILIARIES,
    CONJUNCTIONS,
    DETERMINERS,
    PREPOSITIONS,
)
from qualitycheck.scan.programs import re_compile

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
    representative rep congressman congresswoman councillor councilor councilman councilwoman commissioner
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
_NAME_CONTEXT_RE = re_compile(
    r"(?:\s*,\s*(?:a|an|who|whose|whom|aged?|\d{1,3})\b"
    r"|\s+(?:said|says|told|tells|added|wrote|writes|explained|argued|insisted|stated|asked"
    r"|replied|recalled|noted|warned|announced|admitted|claimed)\b)"
)
_NEXT_WORD_RE = re_compile(r"[ \t]+([^\W\d_]+)")
_GAP_RE = re_compile(r"\s+|\.\s+")  # between two words of one name: space, or ". " after "Mr"
_POSSESSIVE_RE = re_compile(r"(?:['’]s|['’])$")
_PARTICLE_PREFIX_RE = re_compile(r"^(?:[a-z]{1,3}[\-’'])+(?=[A-Z])")


class NameToken(NamedTuple):
    """One comparable word of a name: ``text`` is ``doc.text[start:end]``, possessive and
    lower-case particle prefix removed ("Putin’s" -> "Putin", "al-Assad" -> "Assad"). A named
    tuple: a long document has tens of thousands, and tuples are the cheapest to build."""

    start: int
    end: int
    text: str


class NameMention(NamedTuple):
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
    # (evidence of a person: a title, a first name or a name context; the name rules read these
    # fields directly in their hot loops)


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


# Where a lower-case particle may be glued to a capitalised name ("al-Assad", "d’Orsay"): the
# separator right before the capital that _PARTICLE_PREFIX_RE looks ahead to. One pattern per
# separator: a pattern that starts with a literal is searched for several times faster.
_GLUED_RES = tuple(re_compile(sep + "[A-Z]") for sep in ("-", "’", "'"))


def _find_name_mentions(doc: Document) -> tuple[NameMention, ...]:
    text = doc.text
    words = doc.words
    n = len(words)
    if not n:
        return ()
    # flags[k] == 1 when words[k] is a capitalised word (_is_cap_word). Most words are
    # lower-case: the test of the first letter runs in C over all of them, and the few words with
    # a glued particle are found by a scan of the text for a separator before a capital.
    flags = bytearray(doc.capital_flags)
    for glued_re in _GLUED_RES:
        for m in glued_re.finditer(text):
            k = doc.count_words(0, m.start()) - 1  # the word the separator may be part of
            if k >= 0 and not flags[k] and words[k].end > m.start() and _is_cap_word(words[k]):
                flags[k] = 1
    # join[k] == 1 where the run of words[k] may go on (_run_end decides): the next word is
    # capitalised too, or it is a particle between two capitalised words. Computed on the flags
    # read as one big integer (a byte per word), in C, so that most words are never looked at.
    caps = int.from_bytes(flags, "little")
    join = bytearray((caps & (caps >> 8)).to_bytes(n, "little"))
    between = bytearray((caps & ~(caps >> 8) & (caps >> 16)).to_bytes(n, "little"))
    k = between.find(1)
    while k >= 0:
        if words[k + 1][2] in PARTICLES:
            join[k] = 1
        k = between.find(1, k + 1)
    mentions: list[NameMention] = []
    append = mentions.append
    i = flags.find(1)
    while i >= 0:
        if join[i]:
            j = _run_end(text, words, flags, join, i)
            mention = _mention_from_run(text, words, i, j)
            if mention is not None:
                append(mention)
            i = flags.find(1, j + 1)
            continue
        # A single capitalised word (most runs): what _mention_from_run does, inline.
        start, end, t, sentence, position = words[i]
        info = _single_word(t)
        if info is None or (info[3] and position == 0):
            i = flags.find(1, i + 1)
            continue
        s, e, core, _, feature = info
        title = _role_before(text, words[i - 1], start) if position else ""
        i = flags.find(1, i + 1)
        feature = feature or _feature_after(text, end)
        append(
            _new_mention(
                NameMention,
                (
                    start,
                    end,
                    (_new_token(NameToken, (start + s, start + e, core)),),
                    title,
                    False,  # given_name: needs two tokens
                    _NAME_CONTEXT_RE.match(text, end) is not None,
                    sentence,
                    position == 0,
                    feature,
                ),
            )
        )
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


def _run_end(text: str, words: Sequence[Word], flags: bytearray, join: bytearray, i: int) -> int:
    """The last index of the run of capitalised words that starts at ``words[i]``, within its
    sentence: words joined only by spaces, by ". " after a title abbreviation or an initial, or
    by lower-case particles (``flags`` marks the capitalised words, ``join`` the words followed
    by a capitalised word or by a particle and a capitalised word)."""
    sentence = words[i].sentence
    j = i
    word = words[i]
    while join[j]:  # (never set on the last word)
        nxt = words[j + 1]
        if flags[j + 1]:
            step = 1
        elif words[j + 2].sentence == sentence and text[nxt.end : words[j + 2].start].isspace():
            step = 2  # a particle, between two capitalised words
        else:
            break
        if nxt.sentence != sentence:
            break
        gap = text[word.end : nxt.start]
        if gap != " ":  # a single space is by far the most common gap
            if not _GAP_RE.fullmatch(gap):
                break
            if gap.startswith(".") and not _abbreviation_like(word.text):
                break
        j += step
        word = words[j]
    return j


def _abbreviation_like(word: str) -> bool:
    return len(word) == 1 or word.lower() in TITLE_WORDS


@lru_cache(maxsize=1 << 14)
def _name_token(word: str) -> tuple[int, int, str] | None:
    """``(start, end, text)`` of the comparable part of a word of a name, relative to the word;
    None for particles, initials and words that are not name-like. Memoised (bounded): names
    recur within and across documents."""
    if word in PARTICLES or len(word) == 1:
        return None
    span = normalise_name_token(word)
    if span is None:
        return None
    s, e = span
    return s, e, word[s:e]


@lru_cache(maxsize=1 << 14)
def _single_word(word: str) -> tuple[int, int, str, bool, bool] | None:
    """For a name of one word: ``_name_token(word)`` plus whether the word is a function word
    (no name when it starts the sentence) and whether it is a feature word ("River"); None when
    the word cannot be a name on its own (a title, a particle, an initial, an acronym...)."""
    low = word.lower()
    tok = _name_token(word)
    if tok is None or low in TITLE_WORDS:
        return None
    s, e, core = tok
    return s, e, core, low in _FUNCTION_WORDS, core.lower() in FEATURE_WORDS


def _role_before(text: str, prev: Word, name_start: int) -> str:
    """The role word right before a name ("businessman Andrei Malets"), lower-cased, or ""."""
    role = prev.text.lower()
    if role in _LOWER_ROLE_WORDS and text[prev.end : name_start].strip() in ("", ","):
        return role
    return ""


def _feature_after(text: str, end: int) -> bool:
    """Whether the word after a name is a feature word: "the Sava river"."""
    after = _NEXT_WORD_RE.match(text, end)
    return after is not None and after.group(1).lower() in FEATURE_WORDS


def _mention_from_run(
    text: str,
    words: Sequence[Word],
    first: int,
    last: int,
) -> NameMention | None:
    start = words[first].start
    end = words[last].end
    initial = words[first].position == 0
    shape = _run_shape(text[start:end], initial)
    if shape is None:
        return None
    dropped, name_first, offset, title, tokens, given = shape
    # "businessman Andrei Malets": a role word right before the name (when the run has no title)
    if not title and not (initial and not dropped):
        title = _role_before(text, words[first - 1 + dropped], words[first + dropped].start)
    context = _NAME_CONTEXT_RE.match(text, end) is not None
    feature = tokens[-1][3] or _feature_after(text, end)
    return _new_mention(
        NameMention,
        (
            start + offset,
            end,
            tuple(
                [_new_token(NameToken, (start + s, start + e, core)) for s, e, core, _ in tokens]
            ),
            title,
            given,
            context,
            words[last].sentence,
            initial and name_first == 0,
            feature,
        ),
    )


_Shape = tuple[int, int, int, str, tuple[tuple[int, int, str, bool], ...], bool]


@lru_cache(maxsize=1 << 12)
def _run_shape(run: str, initial: bool) -> _Shape | None:
    """What ``_mention_from_run`` makes of a run of capitalised words, from the run's text alone
    (offsets relative to the run), memoised (bounded): a name recurs within a document, and
    "Prime Minister", "European Union" across documents. ``initial``: the run starts its
    sentence. The parts that depend on the surrounding text (a role word before the run,
    ", a ..." or "said" after it) are left to the caller.

    Returns ``(dropped, name_first, offset, title, tokens, given_name)``: 1 when a sentence-initial
    function word was dropped, the index of the first word of the name among the run's words and
    its offset, the title in the run, the tokens as ``(start, end, text, is_feature_word)``; None
    when the run holds no name."""
    from qualitycheck.resources import given_names
    from qualitycheck.segment import WORD_RE

    found = [(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(run)]
    first, last = 0, len(found) - 1
    # A capitalised function word that only starts the sentence: "In Bosnia", "On Thursday".
    if initial and found[0][2].lower() in _FUNCTION_WORDS:
        first = 1
        if first > last:
            return None
    title = ""
    name_first = first
    for k in range(first, last + 1):
        low = found[k][2].lower()  # words never contain a full stop: nothing to strip
        if low in TITLE_WORDS:
            title = low
            name_first = k + 1
    if name_first > last:
        return None
    tokens: list[tuple[int, int, str, bool]] = []
    for k in range(name_first, last + 1):
        ws, _, wt = found[k]
        tok = _name_token(wt)
        if tok is not None:
            s, e, core = tok
            tokens.append((ws + s, ws + e, core, core.lower() in FEATURE_WORDS))
    if not tokens:
        return None
    first_names = given_names()
    lead = tokens[0][2]
    given = len(tokens) >= 2 and (lead in first_names or lead.split("-")[0] in first_names)
    return first, name_first, found[name_first][0], title, tuple(tokens), given


# Named tuples built without their Python-level __new__ (fields in declaration order).
_new_token = tuple.__new__
_new_mention = tuple.__new__
