"""One person called "she" and then "he": the gender shift of a translation.

What it does
    Follows each named person through the text: where a sentence names a person ("Ana Ruiz
    said that ...", "the actress Ana Ruiz ...") and a clause later in that sentence starts with
    "he" or "she", or "his" follows, with no other person named or mentioned in between ("her
    husband", "a man", "the boy" ...), the pronoun is taken to refer to that person; so are the
    first pronouns of a sentence that names nobody, after a sentence that names only her. A person referred to as "she"
    in one sentence and "he" in another is reported where "he" is used: machine translation
    supplies a masculine pronoun where the source had none, but does not invent a feminine one.
    A title or role in front of the name decides too ("Mrs", "the actress", "Queen": she; "Mr",
    "the businessman", "King": he); then the pronoun that contradicts it is reported. Left
    alone: a surname shared by two people in the text ("Bill Clinton", "Hillary Clinton" and
    then "Clinton said she"), any pronoun with another person or a word that may name one
    between it and the name ("told the mayor that he"), and, unless a title decides, every
    "he" in a text that also speaks of a man ("her husband", "Mr", "a man", a named person only
    ever called "he"), who may be meant.

Why it matters
    Spanish, Italian, Portuguese and Polish drop the subject pronoun; the verb does not say
    whether the subject is a man or a woman, and machine translation falls back to "he". The
    reader of a profile of a woman who is "he" half the time cannot tell who is meant.

Example
    Singer Marta Solís said that she would tour again in May. Marta Solís added that he had missed the stage.

Use instead
    Singer Marta Solís said that she would tour again in May. Marta Solís added that she had missed the stage.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import compress
from typing import NamedTuple

from qualitycheck.document import Document
from qualitycheck.finding import Match
from qualitycheck.names import TITLE_WORDS, NameMention, find_name_mentions
from qualitycheck.rule import Context, define

_FEMALE_TITLES = frozenset(
    """mrs ms miss mme mlle madam madame dame lady queen princess empress actress
    businesswoman chairwoman spokeswoman congresswoman councilwoman wife mother daughter sister
    aunt niece grandmother girlfriend""".split()
)
_MALE_TITLES = frozenset(
    """mr sir lord king prince emperor sultan emir sheikh sheik businessman chairman spokesman
    congressman councilman husband father son brother uncle nephew grandfather boyfriend""".split()
)
# Singular words for a person: between a name and a pronoun they may be what the pronoun means.
_PERSON_NOUNS = frozenset(
    """man woman boy girl husband wife son daughter father mother brother sister uncle aunt
    nephew niece cousin grandson granddaughter grandfather grandmother boyfriend girlfriend
    partner friend colleague rival opponent teammate king queen prince princess child baby
    widow widower fiance fiancee""".split()
)
# Words that show a man in the text: then a "he" may well be him, and only a title decides.
# So do the words for the other party of a crime or a couple, whose gender the text may not say.
_MALE_WORDS = _MALE_TITLES | frozenset(
    """man boy men boys gunman gentleman widower groom fiance policeman fireman grandson partner
    ex-partner lover suspect attacker assailant aggressor killer murderer thief robber intruder
    stalker abuser perpetrator detainee""".split()
)
_MALE_WORDS_CASED = frozenset(v for w in _MALE_WORDS for v in (w, w.capitalize(), w.upper()))
_AGENT_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent", "ee")
# What opens the clause a pronoun is the subject of.
_CLAUSE_OPENERS = frozenset(
    "that if whether when because as since after before while although though and but so which".split()
)
_PRONOUNS = {"he": "m", "she": "f", "his": "m"}
_ANY_PRONOUN = frozenset(w for p in _PRONOUNS for w in (p, p.capitalize()))
_MAX_GAP = 40  # words between the name and the pronoun


class _Binding(NamedTuple):
    key: str
    gender: str  # "m" or "f"
    word: int  # index of the pronoun in doc.words


def _is_person(m: NameMention) -> bool:
    return not m.feature and (bool(m.title) or m.given_name or m.name_context)


def check(doc: Document, ctx: Context) -> Iterator[Match]:
    counts = doc.token_counts
    if not any(p in counts for p in ("he", "He", "she", "She")):
        return
    mentions = [m for m in find_name_mentions(doc) if not m.feature]
    people = _people(mentions)
    if not people:
        return
    titles: dict[str, set[str]] = {}
    for m in mentions:
        key = people.get(m.tokens[-1].text, "")
        gender = _title_gender(m.title) if m.title and key and len(m.tokens) >= 2 else ""
        if gender:
            titles.setdefault(key, set()).add(gender)
    if not titles and "she" not in counts and "She" not in counts:
        return  # no title and no "she": nothing a "he" could contradict
    bindings = list(_bindings(doc, mentions, people))
    said: dict[str, set[str]] = {}
    for b in bindings:
        said.setdefault(b.key, set()).add(b.gender)
    # A man in the text ("her husband", "Mr", a man only ever called "he"): he may be meant.
    men = {key for key, genders in said.items() if genders == {"m"}}
    male_context = bool(men) or not _MALE_WORDS_CASED.isdisjoint(counts)
    words = doc.words
    for b in bindings:
        titled = titles.get(b.key, set())
        if len(titled) == 1:
            if b.gender in titled:
                continue
            why = "the title before the name"
        elif b.gender == "m" and "f" in said[b.key] and not titled and not male_context:
            why = "'she' in another sentence"
        else:
            continue
        w = words[b.word]
        other = {"he": "she", "his": "her", "she": "he"}[w.text.lower()]
        yield Match(
            w.start,
            w.end,
            f"'{w.text}' seems to refer to {b.key}, who is '{other}' by {why}: a pronoun"
            " that changes gender is typical of machine translation from languages that drop the"
            " subject (Spanish, Italian, Portuguese), which falls back to 'he'",
            suggestions=(other.capitalize() if w.text[0].isupper() else other,),
            confidence=0.6,
        )


def _people(mentions: list[NameMention]) -> dict[str, str]:
    """Surname -> "Given Surname" for each person named in full, when only one person in the
    text has that surname ("Bill Clinton" and "Hillary Clinton": neither)."""
    given: dict[str, set[str]] = {}
    for m in mentions:
        if len(m.tokens) >= 2 and _is_person(m):
            given.setdefault(m.tokens[-1].text, set()).add(m.tokens[-2].text)
    return {
        surname: f"{next(iter(names))} {surname}"
        for surname, names in given.items()
        if len(names) == 1
    }


def _title_gender(title: str) -> str:
    if title in _FEMALE_TITLES:
        return "f"
    if title in _MALE_TITLES:
        return "m"
    return ""


def _bindings(
    doc: Document, mentions: list[NameMention], people: dict[str, str]
) -> Iterator[_Binding]:
    """Each "he"/"she" that opens a clause, and each "his", after a person's name in the same
    sentence with no other person between them; in a sentence that names nobody, those at its
    head refer to the one person the sentence before named ("Ana Ruiz ... . He said")."""
    texts = doc.word_texts
    offsets = doc.sentence_word_offsets
    words = doc.words
    # Only the sentences with a pronoun in them (found in C) can hold a binding, and only their
    # names and those of the sentences before them matter.
    with_pronoun = sorted(
        {
            words[i].sentence
            for i in compress(range(len(texts)), map(_ANY_PRONOUN.__contains__, texts))
        }
    )
    wanted = {*with_pronoun, *(k - 1 for k in with_pronoun)}
    by_sentence: dict[int, list[NameMention]] = {}
    for m in mentions:
        if m.sentence in wanted:
            by_sentence.setdefault(m.sentence, []).append(m)
    for sentence in with_pronoun:
        a, b = offsets[sentence], offsets[sentence + 1]
        found = by_sentence.get(sentence, [])
        person = next((m for m in found if m.tokens[-1].text in people), None)
        if person is not None:
            key = people[person.tokens[-1].text]
            others = [m.start for m in found if m.start > person.end]
            first = doc.count_words(0, person.end)
            limit = others[0] if others else len(doc.text)
            yield from _scan(doc, key, first, min(b, first + _MAX_GAP), limit)
            continue
        if any(len(m.tokens) >= 2 or m.title for m in found) or sentence == 0:
            continue  # someone else is named here
        previous = by_sentence.get(sentence - 1, [])
        named = {people[m.tokens[-1].text] for m in previous if m.tokens[-1].text in people}
        pa = offsets[sentence - 1]
        if len(named) != 1 or any(_may_be_a_person(w.lower()) for w in texts[pa:a]):
            continue  # nobody, two people or a possible other person in the sentence before
        limit = found[0].start if found else len(doc.text)
        yield from _scan(doc, named.pop(), a, min(b, a + _MAX_GAP), limit, head=True)


def _scan(
    doc: Document, key: str, first: int, stop: int, limit: int, *, head: bool = False
) -> Iterator[_Binding]:
    """The pronouns from word ``first`` that refer to ``key``: until another person may be
    meant, a pronoun of the other gender, or a "he"/"she" that opens no clause."""
    words, texts = doc.words, doc.word_texts
    bound = ""
    for i in range(first, stop):
        low = texts[i].lower()
        if words[i].start >= limit or _may_be_a_person(low):
            break
        gender = _PRONOUNS.get(low)
        if gender is None:
            continue
        if bound and gender != bound:
            break  # "he ... she": two people after all
        opens = (head and i == first) or texts[i - 1].lower() in _CLAUSE_OPENERS
        if low != "his" and not opens:
            break  # the first pronoun decides; a pronoun that opens nothing may be anyone
        bound = gender
        yield _Binding(key, gender, i)


def _may_be_a_person(word: str) -> bool:
    """Whether a lower-case word may name the person a pronoun refers to: "the mayor", "her
    son", "a reporter" (a guess by suffix: it errs towards yes, which only keeps the rule quiet)."""
    if word in _PERSON_NOUNS or word in TITLE_WORDS:
        return True
    return len(word) > 4 and word.endswith(_AGENT_SUFFIXES)


RULE = define("grammar.gender-shift", "warning", check, __doc__)
