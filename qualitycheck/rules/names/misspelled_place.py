"""A place name one or two letters away from a real place.

What it does
    Looks at capitalised names that the sentence uses as places ("the town of X", "the city of
    X", "in X", "near X", "outside X", "from X", "X region", "X, Ukraine") and that are neither
    English words nor known places. When such a name lies within one or two letters of a known
    place (GeoNames towns of 5,000 people or more, countries, regions, and the name packs in
    ``rules/names/``), it is reported with the place as the suggestion.

    The countries the document talks about count: a place in a country the text names (by name,
    by nationality, or through its larger cities) needs only a close match; a place elsewhere must
    be a large city, a one-letter match and clearly used as a place ("the city of X"), or it is
    not reported. Names used for people (after a
    title such as "Mr." or "Governor", after a first name, before "said") are left alone, and so
    are spellings the user's glossary accepts and the accepted variants in the name packs
    (Odessa/Odesa, Kiev/Kyiv, Zaporizhia/Zaporizhzhia).

Why it matters
    Machine translation re-transliterates foreign place names, often through a third language, and
    the result is a name no map knows: "Enerhodar" comes back as "Innerhodar", "Chornobaivka" as
    "Chornobayvka". Readers cannot look such a place up, and the error undermines the rest of the
    article.

Example
    On Wednesday the troops reached the town of Innerhodar, home to a nuclear power plant in
    Ukraine.

Use instead
    On Wednesday the troops reached the town of Enerhodar, home to a nuclear power plant in
    Ukraine.

    If the spelling is right (a village too small for the gazetteer, a new name), add it to your
    glossary or to a ``rules/names/*.toml`` pack.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from functools import lru_cache
from itertools import compress, repeat
from operator import contains, itemgetter, ne, not_, or_, sub
from typing import TYPE_CHECKING, NamedTuple

from qualitycheck.document import Document, Word
from qualitycheck.finding import Match
from qualitycheck.rule import Context, define
from qualitycheck.scan.programs import re_compile

if TYPE_CHECKING:
    from qualitycheck.names import NameMention
    from qualitycheck.resources import Gazetteer, Lexicon, PlaceCandidate

# A name that English uses this often (Zipf) is a word or a well-known name, not a garble.
_KNOWN_WORD_ZIPF = 2.0
_MIN_LENGTH = 5  # folded characters; shorter names are too easy to match by chance
_MIN_SIMILARITY_TWO_EDITS = 0.8  # two edits need a name of ten letters or more
_MAX_TOKENS = 3  # names of more words than this are organisations, titles, headlines

# "the town of X", "the Kherson region of X": nouns that make the next name a place.
_PLACE_NOUNS = frozenset(
    """
    town towns city cities village villages hamlet settlement settlements port capital region
    regions province provinces district districts oblast county counties municipality suburb
    suburbs outskirts state governorate prefecture raion krai commune neighbourhood neighborhood
    island area areas enclave
    """.split()
)
# "X region", "X oblast": nouns after a name that make it a place.
_PLACE_NOUNS_AFTER = frozenset(
    """
    region oblast province district county governorate prefecture raion krai municipality area
    """.split()
)
# Spatial prepositions: "in X", "near X", "outside X".
_PLACE_PREPOSITIONS = frozenset(
    """
    in near outside from to into toward towards around across through via inside beyond
    """.split()
)
# Verbs whose object is usually a place: "troops captured X", "the convoy reached X".
_PLACE_VERBS = frozenset(
    """
    reached entered captured recaptured retook shelled bombed liberated evacuated occupied
    besieged encircled stormed
    """.split()
)
_CONNECTORS = frozenset({"and", "or", "nor"})
# ", an industrial city south of the capital", ", a town of 25,000 people"
_PLACE_APPOSITIVE_RE = re_compile(
    r",\s+(?:a|an|the)\s+(?:[\w\-]+\s+){0,3}?(?:" + "|".join(sorted(_PLACE_NOUNS)) + r")\b"
)
_MOJIBAKE_RE = re_compile(r"[ÃÂâ][\x80-\xbf€™œ\u201a-\u201e\u2020-\u2026\u02c6\u0152\u0160\u017d]")
_STRONG, _MEDIUM = 2, 1
_START, _END = itemgetter(0), itemgetter(1)  # NameMention.start, .end


class _Verdict(NamedTuple):
    candidate: PlaceCandidate
    in_document_country: bool
    named_in_document: bool
    alternatives: tuple[str, ...]


def check(doc: Document, ctx: Context) -> Iterator[Match]:
    from qualitycheck.names import find_name_mentions
    from qualitycheck.resources import fold, gazetteer, given_names, lexicon

    gaz = gazetteer()
    lex = lexicon()
    first_names = given_names()
    mentions = find_name_mentions(doc)
    if not mentions:
        return

    text = doc.text
    # One walk over the mentions: each mention's name (its tokens, without possessives and glued
    # particles: "Putin’s" -> "Putin"), the words of persons' names, and the mentions that may be
    # misspelled places (most names are English words or known places: the cheapest test first).
    names: list[str] = []
    person_words: set[str] = set()  # "Mr. Mallets" makes "Mallets" a person everywhere
    candidates: list[tuple[NameMention, str]] = []
    unknown: dict[str, bool] = {}  # name -> _unknown_anywhere
    for m in mentions:
        tokens = m.tokens
        name = tokens[0].text if len(tokens) == 1 else " ".join([t.text for t in tokens])
        names.append(name)
        if _is_person(text, m):
            person_words.update([t.text for t in tokens])
            continue
        if m.feature or len(tokens) > _MAX_TOKENS:
            continue
        is_unknown = unknown.get(name)
        if is_unknown is None:
            is_unknown = unknown[name] = _unknown_anywhere(name, lex, gaz, first_names)
        if is_unknown:
            candidates.append((m, name))
    if not candidates:
        return

    countries: set[str] | None = None  # computed when a candidate needs them
    folded_mentions: set[str] = set()
    for mention, name in candidates:
        if not _is_unknown_name(name, person_words, ctx):
            continue
        if _MOJIBAKE_RE.search(text, mention.start, min(len(text), mention.end + 3)):
            continue  # "Tbilisiâ€™s": broken encoding, not a misspelling (junk.mojibake)
        strength = _place_context(doc, mention)
        if not strength:
            continue
        if countries is None:
            countries = _document_countries(doc, mentions, names, gaz)
            distinct = set(names)
            folded_mentions = set(map(fold, distinct))
            for other in distinct:
                if " " in other:  # and each word of a longer name
                    folded_mentions.update(map(fold, other.split(" ")))
        verdict = _best_candidate(name, gaz, countries, folded_mentions, strength)
        if verdict is None:
            continue
        yield _match(mention, name, verdict, strength, lex.zipf(name), gaz)


# -- what the name is not ----------------------------------------------------------------------


def _is_person(text: str, m: NameMention) -> bool:
    """A title or a first name before the name, or "said" / ", a ..." after it, unless that
    appositive makes it a place (", an industrial city south of the capital")."""
    if m.title or m.given_name:
        return True
    return m.name_context and not _PLACE_APPOSITIVE_RE.match(text, m.end)


def _is_unknown_name(name: str, person_words: set[str], ctx: Context) -> bool:
    """For a name that ``_unknown_anywhere`` finds unknown: not a person's name in this
    document, nor a spelling the glossary accepts."""
    if any(w in person_words for w in name.split(" ")):
        return False
    return not (ctx.glossary is not None and ctx.glossary.accepts(name))


@lru_cache(maxsize=1 << 13)
def _unknown_anywhere(name: str, lex: Lexicon, gaz: Gazetteer, first_names: frozenset[str]) -> bool:
    """Whether a name may be a misspelled place, judged from the name alone, memoised
    (bounded): not an acronym, an English word, a known place, a nationality nor a first name.
    ``name``: the words of a name joined by single spaces."""
    from qualitycheck.resources import fold

    if len(fold(name).replace(" ", "")) < _MIN_LENGTH:
        return False
    words = name.split(" ")
    if any(w.isupper() for w in words):  # acronyms
        return False
    if len(words) == 1 and lex.zipf(name) >= _KNOWN_WORD_ZIPF:
        return False
    if len(words) > 1 and all(lex.zipf(w) >= _KNOWN_WORD_ZIPF for w in words):
        return False
    if name in gaz or gaz.is_minor_place(name) or gaz.country_of(name) is not None:
        return False
    return not any(w in first_names for w in words)


# -- where the name stands ---------------------------------------------------------------------


def _place_context(doc: Document, mention: NameMention) -> int:
    """How clearly the sentence uses the name as a place: _STRONG ("the town of X", "X region",
    "X, Ukraine"), _MEDIUM ("in X", "near X", "Kharkiv and X"), or 0."""
    words = doc.sentence_words(mention.sentence)
    starts = [w.start for w in words]
    i = bisect.bisect_left(starts, mention.start)
    j = bisect.bisect_left(starts, mention.end)  # first word after the name
    before = [w.text.lower() for w in words[max(0, i - 3) : i]]
    text = doc.text

    if (
        j < len(words)
        and text[mention.end : words[j].start].strip() == ""
        and words[j].text.lower() in _PLACE_NOUNS_AFTER
    ):
        return _STRONG
    if _followed_by_country(text, mention.end) or _PLACE_APPOSITIVE_RE.match(text, mention.end):
        return _STRONG
    if len(before) >= 2 and before[-1] == "of" and before[-2] in _PLACE_NOUNS:
        return _STRONG
    if before and (before[-1] in _PLACE_PREPOSITIONS or before[-1] in _PLACE_VERBS):
        return _MEDIUM
    if before and before[-1] in _CONNECTORS and _is_place_word(words, i - 2):
        return _MEDIUM
    if text[max(0, mention.start - 2) : mention.start] == ", " and _is_place_word(words, i - 1):
        return _MEDIUM  # "Kharkiv, Mariupol, Innerhodar and ..."
    return 0


_POSSESSIVE_RE = re_compile(r"['’]s?$")
_AFTER_COMMA_RE = re_compile(r",\s+([A-Z][\w’'\-]+(?: [A-Z][\w’'\-]+)?)")


def _followed_by_country(text: str, end: int) -> bool:
    """ "X, Ukraine" / "X, South Africa": the name is qualified by a country."""
    from qualitycheck.resources import gazetteer

    m = _AFTER_COMMA_RE.match(text, end)
    if not m:
        return False
    gaz = gazetteer()
    words = m.group(1).split(" ")
    return any(
        any(p.kind == "country" for p in gaz.lookup(" ".join(words[:k])))
        for k in range(len(words), 0, -1)
    )


def _is_place_word(words: Sequence[Word], k: int) -> bool:
    from qualitycheck.resources import gazetteer

    if k < 0 or not words[k].is_capitalized:
        return False
    return bool(gazetteer().lookup(_POSSESSIVE_RE.sub("", words[k].text)))


# -- which countries the document talks about ---------------------------------------------------


_MAX_PLACE_WORDS = 8


def _document_countries(
    doc: Document, mentions: Sequence[NameMention], names: Sequence[str], gaz: Gazetteer
) -> set[str]:
    """The countries the document names: country names and nationalities ("Ukraine",
    "Ukrainian"), and cities of 100,000 people or more named exactly ("Kharkiv"). ``names``:
    each mention's tokens joined by spaces."""
    text = doc.text
    starts = list(map(_START, mentions))
    ends = list(map(_END, mentions))
    # The distinct (text, name) of the mentions, found in C: the text of a one-word mention as
    # long as its name is its name (no possessive, no particle), so only the others are cut from
    # the text (which is slow to reach).
    cut = list(
        map(
            or_,
            map(ne, map(sub, ends, starts), map(len, names)),
            map(contains, names, repeat(" ")),
        )
    )
    wholes = map(text.__getitem__, map(slice, compress(starts, cut), compress(ends, cut)))
    pairs = set(zip(wholes, compress(names, cut), strict=True))
    plain = set(compress(names, map(not_, cut)))
    pairs.update(zip(plain, plain, strict=True))
    codes: set[str] = set()
    for whole, name in pairs:
        codes.update(_countries_named(whole, name, gaz))
    return codes


@lru_cache(maxsize=1 << 13)
def _countries_named(whole: str, name: str, gaz: Gazetteer) -> tuple[str, ...]:
    """The countries one mention counts for: ``whole`` is its text, ``name`` its tokens joined
    by spaces. Memoised (bounded): names recur."""
    from qualitycheck.resources import fold

    code = gaz.country_of(whole)  # "Côte d'Ivoire", "South Africa"
    if code is not None:
        return (code,)
    tokens = name.split(" ")
    codes = [code for code in map(gaz.country_of, tokens) if code is not None]
    # The longest known place in the name; no place name has more than eight words, and a
    # run of thousands of capitalised words must not cost a quadratic number of lookups.
    for k in range(min(len(tokens), _MAX_PLACE_WORDS), 0, -1):
        prefix = " ".join(tokens[:k])
        places = gaz.lookup(prefix)
        if not places:
            continue
        top = places[0]
        exact = fold(top.name) == fold(prefix)
        if top.kind == "city" and top.population >= (100_000 if exact else 500_000):
            codes.append(top.country)
        break
    return tuple(codes)


# -- the place it was meant to be ----------------------------------------------------------------


def _best_candidate(
    name: str,
    gaz: Gazetteer,
    countries: set[str],
    folded_mentions: set[str],
    strength: int,
) -> _Verdict | None:
    from qualitycheck.resources import fold

    key = fold(name)
    accepted: list[tuple[tuple[int, int, int, int], PlaceCandidate, bool, bool]] = []
    raw = gaz.candidates(name, max_distance=2, limit=12)
    # Many places one letter away ("Dalao": Davao, Dalai, Danao, Daloa...): a common shape of
    # name, so only a place in a country the document talks about is a credible target.
    crowded = len({fold(c.name) for c in raw if c.distance == 1}) >= 3
    for cand in raw:
        if cand.distance == 0:
            return None  # a known spelling after all
        cand_key = fold(cand.name)
        if _only_spacing_or_ending_differs(key, cand_key):
            continue
        in_country = cand.place.country in countries
        named = cand_key in folded_mentions or fold(cand.place.name) in folded_mentions
        if cand.distance == 2 and cand.similarity < _MIN_SIMILARITY_TWO_EDITS:
            continue  # "Tessalit" is two letters from "Tessit": too loose for a short name
        if not (in_country or named):
            # Far away: only a large city, one letter off, clearly used as a place.
            large = cand.place.kind == "country" or cand.place.population >= 200_000
            if not (large and cand.distance == 1 and cand.similarity >= 0.8):
                continue
            if strength < _STRONG or crowded:
                continue
        rank = (-int(named), -int(in_country), cand.distance, -cand.place.population)
        accepted.append((rank, cand, in_country, named))
    if not accepted:
        return None
    accepted.sort(key=lambda a: a[0])
    _, best, in_country, named = accepted[0]
    alternatives: list[str] = []
    seen = {fold(best.name)}
    for _, cand, other_in_country, other_named in accepted[1:]:
        if (
            cand.distance == best.distance
            and (other_in_country, other_named) == (in_country, named)
            and fold(cand.name) not in seen
        ):
            alternatives.append(cand.name)
            seen.add(fold(cand.name))
    if len(alternatives) >= 2:
        return None  # "Pilton": Milton, Wilton, Hilton... a name of a common pattern, not a garble
    return _Verdict(best, in_country, named, tuple(alternatives))


def _only_spacing_or_ending_differs(a: str, b: str) -> bool:
    """ "Boavista" / "Boa Vista" (a club, a city): joined or split, not misspelled; "Kharkivs" /
    "Kharkiv": an inflected or plural form."""
    a_joined, b_joined = a.replace(" ", ""), b.replace(" ", "")
    if a_joined == b_joined:
        return True
    short, long_ = sorted((a_joined, b_joined), key=len)
    return long_.startswith(short) and len(long_) - len(short) <= 1 and long_[-1] in "sn"


# -- the finding ----------------------------------------------------------------------------------


def _kind_label(cand: PlaceCandidate) -> str:
    place = cand.place
    if place.kind in ("country", "region"):
        return place.kind
    return "city" if place.population >= 100_000 else "town"


def _match(
    mention: NameMention,
    name: str,
    verdict: _Verdict,
    strength: int,
    zipf: float,
    gaz: Gazetteer,
) -> Match:
    cand = verdict.candidate
    confidence = 0.45
    confidence += 0.15 if strength == _STRONG else 0.05
    confidence += 0.15 if verdict.in_document_country else 0.0
    confidence += 0.15 if verdict.named_in_document else 0.0
    confidence += 0.1 if cand.distance == 1 else 0.0
    confidence += (cand.similarity - 0.8) * 0.5
    confidence -= 0.15 if zipf > 0 else 0.0  # the spelling is attested somewhere
    confidence -= 0.1 * len(verdict.alternatives)
    confidence = round(min(0.95, max(0.2, confidence)), 2)

    country = gaz.country_name(cand.place.country)
    where = "" if cand.place.kind == "country" else f" ({country})"
    if verdict.named_in_document:
        why = f"the document also spells it '{cand.name}'"
    elif verdict.in_document_country:
        why = f"the text is about {country}, and no place there is called '{name}'"
    else:
        why = f"no place is called '{name}'"
    message = (
        f"'{name}' looks like a misspelling of the {_kind_label(cand)} '{cand.name}'{where}: "
        f"{why}. Machine translation often garbles transliterated place names."
    )
    suggestions = (cand.name, *verdict.alternatives)
    return Match(
        mention.tokens[0].start,
        mention.tokens[-1].end,
        message,
        suggestions=suggestions,
        confidence=confidence,
    )


RULE = define("names.misspelled-place", "warning", check, __doc__)
