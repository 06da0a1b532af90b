"""One person or place spelled two ways in the same document.

What it does
    Collects the capitalised names of the document (with the evidence that they are names: a
    title such as "Mr." or "Governor" before them, a first name, "said" after them), and looks for
    two spellings that are one edit or two apart *and* sound the same (metaphone / NYSIIS keys).
    When a rarer spelling sits next to a better-attested one, the rarer one is flagged and the
    other suggested; on a tie, the spelling introduced with a full name, or else the first one
    used, wins. One name written with and without its diacritics ("Málaga" / "Malaga") is
    reported too, in any position: consistent either way is a style choice, mixed is not; and so
    are two accepted spellings of one place used side by side ("Kyiv" / "Kiev"), unless one is
    part of a longer name ("Dynamo Kiev"). A quoted foreign phrase followed by its gloss in
    brackets is left out of the comparison.

Why it matters
    Machine translation renders a foreign name afresh each time it meets it, so one person can
    become "Andrei Malets" in one paragraph and "Mr. Mallets" in the next. A reader cannot tell
    whether these are two people. Careful editors keep one spelling per person.

    Different people with similar names are not merged: names with different first names
    ("John Smith" / "Jon Stewart"), family members, feminine and derived surname forms
    ("Lavrov" / "Lavrova", "Hussein" / "Husseini"), two distinct first names of relatives
    ("Marta" / "Maria"), and two known places ("Austria" / "Australia") are all left alone.
    Spellings accepted in the user's glossary are trusted.

Example
    Andrei Malets, a businessman in Kryvyi Rih, said the town was quiet. Mr. Mallets lived in
    Russia for six years.

Use instead
    Andrei Malets, a businessman in Kryvyi Rih, said the town was quiet. Mr. Malets lived in
    Russia for six years.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterator
from operator import itemgetter
from typing import NamedTuple

from qualitycheck.document import Document
from qualitycheck.finding import Match, Severity
from qualitycheck.names import (
    NameMention,
    find_name_mentions,
    is_derived_form,
    is_gendered_pair,
)
from qualitycheck.rule import Context, define
from qualitycheck.scan.programs import re_compile

# Lexicon (Zipf) thresholds: a capitalised word with no person evidence is a name candidate only
# when it is rare in English; a flagged spelling that is itself a common spelling is only info.
_RARE_ZIPF = 3.0
_MIN_LENGTH = 4
_MALE_TITLES = frozenset({"mr", "messrs", "sir", "lord", "king", "prince", "father", "brother"})
_FEMALE_TITLES = frozenset(
    {"mrs", "ms", "miss", "mme", "mlle", "dame", "lady", "queen", "princess", "sister"}
)


class _Form:
    """One spelling of a name in one role, with everything the document says about it. (A plain
    class: a dataclass costs ~0.6 ms to create at import, and the CLI's start-up counts.)"""

    __slots__ = (
        "demonym",
        "feature",
        "full_name",
        "leads",
        "person",
        "place",
        "role",
        "spans",
        "strong_person",
        "tails",
        "text",
        "titles",
        "zipf",
    )

    def __init__(self, text: str, role: str) -> None:
        self.text = text
        self.role = role  # "name" (surname or single name) or "lead" (first word of a longer name)
        self.spans: list[tuple[int, int]] = []
        self.leads: set[str] = set()  # first names seen before it (folded)
        self.tails: set[str] = set()  # surnames seen after it (folded), for leads
        self.titles: set[str] = set()
        self.person = False
        self.strong_person = False  # a title or a first name introduces it
        self.full_name = ""  # the first full-name mention it appears in ("Andrei Malets")
        self.place = False
        self.feature = False  # part of the name of a river, street...: "Bosna River"
        self.demonym = False  # "Korean", "Ukrainians", "Koreas"
        self.zipf = 0.0

    @property
    def count(self) -> int:
        return len(self.spans)

    @property
    def first(self) -> int:
        return self.spans[0][0]

    @property
    def genders(self) -> set[str]:
        out = set()
        if self.titles & _MALE_TITLES:
            out.add("m")
        if self.titles & _FEMALE_TITLES:
            out.add("f")
        return out


def check(doc: Document, ctx: Context) -> Iterator[Match]:
    mentions = find_name_mentions(doc)
    if len(mentions) < 2:
        return
    glossed = _glossed_quotes(doc.text)
    if glossed:
        # "'¡Viva México!' (long live Mexico)": a foreign phrase and its translation, not two
        # spellings of one name
        starts = [s for s, _ in glossed]
        mentions = [
            m
            for m in mentions
            if (k := bisect.bisect_right(starts, m.start) - 1) < 0 or m.start >= glossed[k][1]
        ]
    yield from _mixed_place_variants(doc.text, mentions, ctx)
    forms = _collect_forms(doc, mentions)
    if len(forms) < 2:
        return
    _annotate(forms, ctx)
    yield from _find_inconsistencies(forms, ctx)
    yield from _diacritic_variants(doc.text, forms, ctx)


def _glossed_quotes(text: str) -> list[tuple[int, int]]:
    """The spans of quoted phrases (up to 120 characters, on one line) followed by a bracketed
    gloss, in order."""
    spans: list[tuple[int, int]] = []
    i = text.find("(")
    while i >= 0:
        j = i - 1
        while j >= 0 and text[j] in " \t" and i - j < 4:
            j -= 1
        if j > 0 and text[j] in _CLOSING_QUOTES:
            k = j - 1
            while k >= max(0, j - 120) and text[k] not in _ANY_QUOTE_OR_BREAK:
                k -= 1
            if k >= 0 and k < j - 1 and text[k] in _OPENING_QUOTES:
                spans.append((k + 1, j))
        i = text.find("(", i + 1)
    return spans


_CLOSING_QUOTES = frozenset("”’»\"'“")
_OPENING_QUOTES = frozenset("“‘«\"'„")
_ANY_QUOTE_OR_BREAK = _CLOSING_QUOTES | _OPENING_QUOTES | {"\n"}


def _named_side_by_side(text: str, spellings: dict[str, list[tuple[int, int]]]) -> bool:
    """Whether two different spellings ever stand within a few characters of each other."""
    from qualitycheck.resources import fold

    spans = sorted((s, e, fold(t)) for t, found in spellings.items() for s, e in found)
    return any(
        a[2] != b[2]
        and b[0] - a[1] <= _SIDE_BY_SIDE
        and set(_WORD_RE.findall(text[a[1] : b[0]].lower())) <= _ALIAS_WORDS
        for a, b in itertools.pairwise(spans)
    )


def _named_as_alias(text: str, start: int) -> bool:
    """Whether the spelling at ``start`` is named as another spelling, not used: in brackets or
    quotation marks, or after "known as", "spelled", "the name"... ("the port long known abroad
    as Odessa", "(Russian sources spell it Zaporozhye)")."""
    lo = max(0, start - _ALIAS_WINDOW)
    before = text[text.rfind("\n", lo, start) + 1 if "\n" in text[lo:start] else lo : start]
    if before.rfind("(") > before.rfind(")") or before[-1:] in _QUOTE_MARKS:
        return True
    return bool(set(_WORD_RE.findall(before.lower())[-5:]) & _ALIAS_CUES)


_ALIAS_CUES = frozenset(
    """
    known call calls calling called spelled spelt spell spells spelling spellings name named
    renamed formerly
    variant transliteration transliterated exonym
    """.split()
)
_ALIAS_WINDOW = 240  # characters looked back for an opening bracket or an alias cue
_SIDE_BY_SIDE = 24  # characters: "Kyiv (formerly Kiev)", "Kiev, now Kyiv", "Kyiv/Kiev"
_WORD_RE = re_compile(r"[^\W\d_]+")
_ALIAS_WORDS = frozenset(
    "formerly now or also known as called spelled spelt once previously then aka and the s".split()
)


def _mixed_place_variants(text: str, mentions: list[NameMention], ctx: Context) -> Iterator[Match]:
    """Two accepted spellings of one place in one text ("Kyiv" and "Kiev"): each is right, the
    mix is not. Only names that stand alone count: "Dynamo Kiev" and "the Bombay Stock
    Exchange" keep their own spelling. The spelling used more often wins; on a tie the pack's
    display spelling."""
    from qualitycheck.resources import fold, place_variants

    variants = place_variants()
    used: dict[str, dict[str, list[tuple[int, int]]]] = {}
    places: dict[str, str | None] = {}  # token text -> the place it spells
    for m in mentions:
        if len(m.tokens) != 1:
            continue
        tok = m.tokens[0]
        place = places.get(tok.text, "")
        if place == "":
            place = places[tok.text] = variants.get(fold(tok.text))
        if place is not None and not _named_as_alias(text, tok.start):
            used.setdefault(place, {}).setdefault(tok.text, []).append((tok.start, tok.end))
    for place, spellings in used.items():
        if len({fold(s) for s in spellings}) < 2:
            continue
        if _named_side_by_side(text, spellings):
            continue  # "Kyiv (Kiev)", "Mumbai/Bombay": the text names both on purpose
        best = max(spellings, key=lambda sp: (len(spellings[sp]), fold(sp) == fold(place)))
        tie = sum(len(v) for k, v in spellings.items() if fold(k) == fold(best)) <= max(
            len(v) for k, v in spellings.items() if fold(k) != fold(best)
        )
        basis = "the usual spelling" if tie else "the more frequent here"
        for spelling, spans in spellings.items():
            if fold(spelling) == fold(best):
                continue
            if ctx.glossary is not None and ctx.glossary.accepts(spelling):
                continue
            for start, end in spans:
                yield Match(
                    start,
                    end,
                    f"'{spelling}' and '{best}' are two accepted spellings of one place, and the "
                    f"document uses both: keep one ('{best}' is {basis}).",
                    suggestions=(best,),
                    confidence=0.55,
                )


_QUOTE_MARKS = frozenset("\"'“”‘’«»`")


def _quoted_alone(text: str, span: tuple[int, int]) -> bool:
    return (
        text[span[0] - 1 : span[0]] in _QUOTE_MARKS and text[span[1] : span[1] + 1] in _QUOTE_MARKS
    )


def _diacritic_variants(
    text: str, forms: dict[tuple[str, str], _Form], ctx: Context
) -> Iterator[Match]:
    """One name written with and without its diacritics ("José" / "Jose", "Málaga" / "Malaga"),
    in any role: consistent either way is a style choice, mixed is an inconsistency. The
    spelling used more often wins, and on a tie the one with diacritics. A word quoted on its
    own ("Jose" for "José") is talked about, not used, and all-caps forms carry no diacritics."""
    from qualitycheck.resources import fold

    by_key: dict[str, dict[str, list[_Form]]] = {}
    for form in forms.values():
        if len(form.text) < _MIN_LENGTH or form.text.isupper():
            continue
        by_key.setdefault(fold(form.text), {}).setdefault(form.text.casefold(), []).append(form)
    for spellings in by_key.values():
        if len(spellings) < 2:
            continue
        group = [f for fs in spellings.values() for f in fs]
        if not any(_is_candidate(f, ctx) for f in group):
            continue

        uses = {
            spelling: [
                span for f in group_forms for span in f.spans if not _quoted_alone(text, span)
            ]
            for spelling, group_forms in spellings.items()
        }
        if sum(1 for spans in uses.values() if spans) < 2:
            continue
        best = max(
            uses,
            key=lambda sp: (len(uses[sp]), not sp.isascii(), -min(uses[sp] or [(1 << 62, 0)])[0]),
        )
        winner = spellings[best][0].text
        for spelling, spans in uses.items():
            loser = spellings[spelling][0].text
            if spelling == best or (ctx.glossary is not None and ctx.glossary.accepts(loser)):
                continue
            for start, end in spans:
                yield Match(
                    start,
                    end,
                    f"'{loser}' is written '{winner}' elsewhere in the document: one name with "
                    "and without its diacritics is an inconsistency machine translation leaves "
                    "(it drops them in some sentences and keeps them in others); keep one "
                    "spelling.",
                    suggestions=(winner,),
                    confidence=0.6,
                )


def _collect_forms(doc: Document, mentions: list[NameMention]) -> dict[tuple[str, str], _Form]:
    from qualitycheck.resources import fold

    text = doc.text
    forms: dict[tuple[str, str], _Form] = {}
    # The form of each spelling in each role, found without building a key (names recur)
    names: dict[str, _Form] = {}
    leads: dict[str, _Form] = {}

    def new_form(spelling: str, role: str) -> _Form:
        key = (role, spelling.casefold())
        form = forms.get(key)
        if form is None:
            form = forms[key] = _Form(spelling, role)
        return form

    for m in mentions:
        tokens = m[2]
        if len(tokens) == 1:  # most mentions: a name of one word, mostly without evidence
            tok = tokens[0]
            form = names.get(tok[2])
            if form is None:
                form = names[tok[2]] = new_form(tok[2], "name")
            form.spans.append(tok[:2])
            title = m.title
            if title:
                form.titles.add(title.rstrip("."))
                form.person = form.strong_person = True
            elif m.name_context and not m.sentence_initial:
                # (a sentence-initial single word has no evidence of its own)
                form.person = True
            if m.feature:
                form.feature = True
            continue
        title = m.title
        lead_key = fold(tokens[0].text)
        tail_key = fold(tokens[-1].text)
        # a full name ("Andrei Malets"): a first name and more (given_name implies two tokens)
        full = text[tokens[0].start : tokens[-1].end] if m.given_name else ""
        # Person evidence belongs to the name the title or first name introduces.
        person = bool(title) or m.given_name or m.name_context
        strong_person = bool(title) or m.given_name
        for i, tok in enumerate(tokens):
            if i == 0:
                form = leads.get(tok[2])
                if form is None:
                    form = leads[tok[2]] = new_form(tok[2], "lead")
                form.tails.add(tail_key)
            else:
                form = names.get(tok[2])
                if form is None:
                    form = names[tok[2]] = new_form(tok[2], "name")
                form.leads.add(lead_key)
            form.spans.append(tok[:2])
            if title:
                form.titles.add(title.rstrip("."))
            if person:
                form.person = True
            if strong_person:
                form.strong_person = True
            if m.feature:
                form.feature = True
            if full and not form.full_name:
                form.full_name = full
    return forms


def _annotate(forms: dict[tuple[str, str], _Form], ctx: Context) -> None:
    from qualitycheck.resources import gazetteer, lexicon

    lex = lexicon()
    gaz = gazetteer()
    for form in forms.values():
        if len(form.text) < _MIN_LENGTH:
            continue  # never a candidate (_is_candidate): nothing to look up
        form.zipf = lex.zipf(form.text)
        # Many first names and surnames are also places somewhere ("Volodymyr", "Florence"): a
        # title or a first name outweighs the gazetteer, and first names are never places here.
        if form.role == "name" and not form.strong_person:
            form.place = form.text in gaz
            # "Korean", "Ukrainians": adjectives and peoples, not names to spell consistently;
            # "the two Koreas": a plural of a country
            form.demonym = not form.place and (
                gaz.country_of(form.text) is not None
                or (form.text.endswith("s") and gaz.country_of(form.text[:-1]) is not None)
            )


def _is_candidate(form: _Form, ctx: Context) -> bool:
    if len(form.text) < _MIN_LENGTH:
        return False
    if ctx.glossary is not None and ctx.glossary.lookup_variant(form.text) is not None:
        return False  # a listed variant: names.glossary reports it
    if form.demonym:
        return False
    return form.person or form.place or form.zipf < _RARE_ZIPF


class _Pair(NamedTuple):
    distance: int
    metaphone: bool
    nysiis: bool


def _compare(a: _Form, b: _Form) -> _Pair | None:
    """How alike two spellings are, or None when they are clearly not one name."""
    from qualitycheck.resources import fold

    fa, fb = fold(a.text), fold(b.text)
    if fa == fb:  # differ only in case or diacritics ("Marquez" / "Márquez"): a style choice
        return None
    longest, shortest = max(len(fa), len(fb)), min(len(fa), len(fb))
    max_distance = 1 if shortest <= 6 else 2
    if longest - shortest > max_distance:
        return None
    import jellyfish
    from rapidfuzz.distance import Levenshtein

    distance = Levenshtein.distance(fa, fb, score_cutoff=max_distance)
    if distance > max_distance or distance / longest > 0.25:
        return None
    if is_derived_form(fa, fb) or is_gendered_pair(fa, fb):
        return None
    metaphone = jellyfish.metaphone(fa) == jellyfish.metaphone(fb)
    nysiis = jellyfish.nysiis(fa) == jellyfish.nysiis(fb)
    same_start = fa[0] == fb[0]
    if not (metaphone or nysiis or (same_start and distance == 1 and shortest >= 6)):
        return None
    return _Pair(distance, metaphone, nysiis)


def _same_entity(a: _Form, b: _Form) -> bool:
    """Whether the document allows the two spellings to be one person or place."""
    if a.place and b.place:
        return False  # two known places: "Austria" / "Australia"
    if (a.place and b.person and not b.place) or (b.place and a.person and not a.place):
        return False  # a place and a person: different things
    if not (a.person or b.person or a.place or b.place):
        return False  # no evidence that either is a name
    if a.feature != b.feature:
        return False  # "Bosnia" and the "Bosna River": a place and a feature named after it
    if a.role == "name" and a.leads and b.leads and not _compatible_leads(a.leads, b.leads):
        return False  # "John Smith" / "Adam Smyth": different first names, different people
    if a.role == "lead" and not (a.tails & b.tails):
        return False  # first names are compared only within one surname
    ga, gb = a.genders, b.genders
    return not (ga and gb and not ga & gb)  # "Mr. Novak" / "Ms. Nowak"


def _compatible_leads(a: set[str], b: set[str]) -> bool:
    from rapidfuzz.distance import Levenshtein

    return any(x == y or Levenshtein.distance(x, y, score_cutoff=1) <= 1 for x in a for y in b)


def _strength(form: _Form, ctx: Context) -> tuple[bool, bool, int, bool, int]:
    """Sort key of the better-attested spelling: glossary-preferred, a known place, more
    mentions, introduced with a full name, used first."""
    accepted = ctx.glossary is not None and ctx.glossary.accepts(form.text)
    return (accepted, form.place, form.count, bool(form.full_name), -form.first)


_INDEX = itemgetter(2)  # of a rapidfuzz extract hit: (choice, score, index)


def _find_inconsistencies(forms: dict[tuple[str, str], _Form], ctx: Context) -> Iterator[Match]:
    from rapidfuzz.distance import Levenshtein
    from rapidfuzz.process import extract

    from qualitycheck.resources import fold, given_names

    firsts = given_names()
    candidates = [f for f in forms.values() if _is_candidate(f, ctx)]
    # Only spellings of one role are compared, in the order of a loop over all pairs; _compare
    # rejects spellings more than two edits apart, so one call in C per spelling (rapidfuzz)
    # finds the later spellings of its role worth comparing.
    by_role: dict[str, tuple[list[int], list[str]]] = {}
    position: list[int] = []  # index of each candidate in its role's list
    for k, f in enumerate(candidates):
        members, keys = by_role.setdefault(f.role, ([], []))
        position.append(len(members))
        members.append(k)
        keys.append(fold(f.text))
    best: dict[int, tuple[_Form, _Pair]] = {}  # loser id -> (winner, comparison)
    for i, a in enumerate(candidates):
        members, keys = by_role[a.role]
        p = position[i] + 1
        if p == len(members):
            continue
        hits = extract(
            keys[p - 1], keys[p:], scorer=Levenshtein.distance, score_cutoff=2, limit=None
        )
        if not hits:
            continue
        for b in (candidates[members[p + h[2]]] for h in sorted(hits, key=_INDEX)):
            if a.role == "name" and a.text in firsts and b.text in firsts:
                continue  # "Prince Mohammed" / "Sheikh Mohamed": first names of two people
            pair = _compare(a, b)
            if pair is None or not _same_entity(a, b):
                continue
            winner, loser = (a, b) if _strength(a, ctx) > _strength(b, ctx) else (b, a)
            if ctx.glossary is not None and ctx.glossary.accepts(loser.text):
                continue  # the user's spelling is never the wrong one
            old = best.get(id(loser))
            if old is None or _strength(winner, ctx) > _strength(old[0], ctx):
                best[id(loser)] = (winner, pair)
    by_id = {id(f): f for f in candidates}
    for loser_id, (winner, pair) in best.items():
        loser = by_id[loser_id]
        if id(winner) in best:
            continue  # the "winner" is itself a variant of a better-attested spelling
        accepted = ctx.glossary is not None and ctx.glossary.accepts(winner.text)
        yield from _report(loser, winner, pair, firsts, accepted)


def _report(
    loser: _Form, winner: _Form, pair: _Pair, firsts: frozenset[str], accepted: bool
) -> Iterator[Match]:
    confidence = 0.6
    confidence += 0.1 if pair.metaphone else 0.0
    confidence += 0.05 if pair.nysiis else 0.0
    confidence += 0.1 if winner.full_name or winner.count > loser.count else 0.0
    confidence += 0.05 if loser.person or loser.place else 0.0
    confidence -= 0.1 if pair.distance >= 2 else 0.0
    confidence -= 0.1 if loser.count >= 2 else 0.0
    severity: Severity | None = None
    both_first_names = loser.text in firsts and winner.text in firsts
    if both_first_names or loser.zipf >= _RARE_ZIPF:
        # two established spellings ("Sergei" / "Sergey"): a consistency note, not damage
        severity = Severity.INFO
        confidence = min(confidence - 0.2, 0.5)
    confidence = max(0.3, min(0.9, confidence))
    kind = "first name" if loser.role == "lead" else "name"
    if accepted:
        basis = "the glossary's spelling"
        confidence += 0.1
    elif winner.full_name:
        basis = f"introduced as '{winner.full_name}'"
    elif winner.place and not loser.place:
        basis = "a known place"
    elif winner.count > loser.count:
        basis = f"used {winner.count} times"
    else:
        basis = "used first"
    for start, end in loser.spans:
        yield Match(
            start,
            end,
            f"'{loser.text}' looks like another spelling of the {kind} '{winner.text}' "
            f"({basis}): the same name spelled two ways in one document is typical of "
            "machine translation; keep one spelling.",
            suggestions=(winner.text,),
            confidence=round(confidence, 2),
            severity=severity,
        )


RULE = define("names.inconsistent-spelling", "warning", check, __doc__)
