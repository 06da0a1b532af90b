"""A common word capitalised in the middle of a sentence.

What it does
    Flags an ordinary English word that starts with a capital letter in the middle of a sentence:
    "its military attack In southern Ukraine", "continued Thursday Bombing of residential areas",
    "pushed the government to it Switch to strategy Indiscriminate attacks". Function words
    (prepositions, articles, pronouns, conjunctions, auxiliaries) with a capital mid-sentence are
    reported with high confidence; content words only when something else backs the suspicion: the
    same word appears in lower case elsewhere in the document, it follows a weekday ("Thursday
    Bombing of"), a pronoun or a modal verb ("it Switch to"), or it has the shape of an adjective,
    adverb or verb form ("Indiscriminate attacks"). A frequent word capitalised once and used as no
    name anywhere in the document ("the hosting of Tonight and") is a warning too, unless a
    descriptor ("the journal Nature"), a number or bracket ("Three (2010)", "No. 4") or a list of
    capitalised items explains it. A subject pronoun with its verb after a capitalised word opens
    a clause (a capital "You" before "can"); an article or preposition before a nationality word
    that a lower-case word follows is no part of a name (a capital "In" before "Ukrainian
    villages"); and the head of a name capitalised
    while the name goes on in lower case ("by the State of emergency") is a stray capital.

    It leaves alone words at the start of a sentence or after a colon, an opening quotation mark
    or bracket, a dash or a list marker (a closing mark licenses no capital); multi-word names ("Black Sea", "Bank of England", "Foreign Minister
    Sergei Lavrov", "the Russian Defense Ministry"); titles, institutions, brands, parties,
    religions, holidays and the like listed in ``rules/case/*.toml``; weekdays, months, countries
    and nationalities, known places and first names; acronyms and mixed-case brands ("iPhone",
    "YouTube"); words the document capitalises elsewhere as a name; and headlines, headings,
    captions, bylines and other title-case lines.

Why it matters
    Machine translation from languages with other capitalisation rules (German nouns, sentence
    fragments re-joined after segmentation, capitalised source tokens aligned to English words)
    leaves stray capitals inside sentences. Readers take them for names, and they are a visible
    sign of unedited machine output.

Example
    Russian forces continued Thursday Bombing of residential neighbourhoods.

Use instead
    Russian forces continued Thursday bombing of residential neighbourhoods.

    To keep a word capitalised everywhere, add it to a ``rules/case/*.toml`` pack or to the rule's
    ``words`` option.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from qualitycheck import heuristics
from qualitycheck.finding import Match, Severity
from qualitycheck.rule import Context, Option, define
from qualitycheck.scan.programs import re_compile

if TYPE_CHECKING:
    from qualitycheck.document import Document, Word

# -- word classes ------------------------------------------------------------------------------

PRONOUNS = frozenset(
    """
    i me my mine you your yours he him his she her hers it its we us our ours they them their
    theirs myself yourself himself herself itself ourselves themselves who whom whose which
    """.split()
)

# Closed-class words: with a capital mid-sentence they are almost never a name.
FUNCTION_WORDS = (
    heuristics.ARTICLES
    | heuristics.PREPOSITIONS
    | heuristics.CONJUNCTIONS
    | heuristics.AUXILIARIES
    | heuristics.DETERMINERS
    | PRONOUNS
    | frozenset("not there here when where how why than then also".split())
) - frozenset({"may", "will", "can", "i"})  # "May" is a month, "Will" and "Can" are names too

# Subject pronouns: with a verb after them they open a clause.
SUBJECT_PRONOUNS = frozenset("he she it we you they".split())
# Verbs whose object a title may end with: "Thank You", "Love Me Do", "Leave It".
_OBJECT_TAKING_VERBS = frozenset(
    "thank love leave trust miss need want kill call tell hold let make help save take".split()
)

# A capital after these is a verb in the wrong case far more often than a name ("it Switch to").
VERB_SLOT_WORDS = frozenset(
    """
    it he she they we you will would can could should must might shall not cannot won't
    wouldn't can't couldn't shouldn't don't doesn't didn't
    """.split()
)

# A past participle follows these ("has Lost their homes"); names rarely do, except in the
# possessive ("had Parkinson's disease"), which is left alone.
PERFECT_AUXILIARIES = frozenset("has have had been being".split())

# After these a capitalised common word is rarely a name ("its Tributaries"); brands and
# nationalities that do follow them ("their Toyota", "his Ukrainian colleagues") are listed.
POSSESSIVES = frozenset("its their his our my your".split())

# Lower-case words that may join the parts of a name: "Bank of England", "Gone with the Wind".
NAME_CONNECTORS = frozenset(
    """
    of the and for on upon de du des la le les del della di da do dos das von van der den ter
    al el bin ibn y e et und zu
    """.split()
)

# Function words that open a place name mid-sentence only by mistake: "attack In Kherson".
PLACE_PREPOSITIONS = frozenset("in on at of to from with for by into near".split())

WEEKDAYS = frozenset("Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())
MONTHS = frozenset(
    "January February March April May June July August September October November December".split()
)
_WEEKDAYS_MONTHS = WEEKDAYS | MONTHS
# Answers about single words are remembered, within bounds: a corpus brings an open vocabulary.
_WORD_CACHE = 1 << 15

# After a capitalised word, a number makes it a label: "No. 4", "Article 16", "Room 101".
_NUMBER_AFTER_RE = re_compile(r"\.?\s?\d")
_YEAR_AFTER_RE = re_compile(r"\s?\((?:1[89]|20)\d\d\)")

# Words after which a capitalised common word names something: "the journal Nature", "the
# programme Today", "(see Speed)", "a horse named Lucky".
DESCRIPTOR_WORDS = frozenset(
    """
    journal magazine newspaper paper daily weekly tabloid film movie documentary book novel
    album song single record show programme program series channel station app game brand label
    band group team club ship vessel word term title section chapter column page headline see
    called named titled entitled dubbed nicknamed
    """.split()
)
_LIST_ITEM_WORDS = 8  # how far back a list item is looked for
_COORDINATORS = frozenset("and or & nor vs".split())
_NAMING_VERBS = frozenset("called named titled entitled dubbed nicknamed".split())

# Adjective, adverb and verb endings: a proper noun rarely has them. "-ing", "-ed" and "-ly" only
# count when what is left is itself a common word ("Bombing" -> "bomb"), which keeps "Beijing",
# "Viking" and "Italy" out.
_INFLECTED_RE = re_compile(r"(?:ing|ed|ly)$")
_ADJECTIVE_RE = re_compile(r"(?:ous|ive|ful|less|able|ible|ate)$")

_QUOTE_PAIRS = (("“", "”"), ("„", "“”"), ("«", "»"), ("‹", "›"), ('"', '"'), ("‘", "’"))
# any opening mark of _QUOTE_PAIRS: a sentence without one has no quoted span (one search in C)
_ANY_OPENER_RE = re_compile('[“„«‹"‘]')
_QUIET_SEPARATORS = frozenset(" \t\n,\u00a0")
_CLOSING_MARKS = ")]”’»\"'"


@dataclass(frozen=True, slots=True)
class _Suspect:
    word: Word
    key: str  # the word without possessive or hyphenated tail
    function_word: bool
    confidence: float
    reason: str
    severity: Severity | None = None


# -- data --------------------------------------------------------------------------------------


@cache
def _pack_data() -> tuple[frozenset[str], tuple[tuple[str, ...], ...]]:
    """Words and multi-word phrases that are legitimately capitalised (``rules/case/*.toml``)."""
    from qualitycheck.resources import capitalised_words

    words, phrases = capitalised_words()
    return words, tuple(sorted({tuple(heuristics.words(phrase)) for phrase in phrases}))


@cache
def _institution_words() -> frozenset[str]:
    """The ``institutions`` of ``rules/case/*.toml``: nouns capitalised as the head of a name
    ("the State", "the Council of Ministers"), whose name goes on in capitals."""
    from qualitycheck.resources import capitalised_word_list

    return capitalised_word_list("institutions")


# -- helpers -----------------------------------------------------------------------------------


def _is_capitalised(text: str) -> bool:
    return text[:1].isupper()


@lru_cache(maxsize=1 << 14)
def _key(text: str) -> str:
    """The part of a token the rule judges: "Minister's" -> "Minister", "Russian-speaking" ->
    "Russian"."""
    for sep in "’'":
        head, _, tail = text.partition(sep)
        if tail.lower() in ("s", ""):
            text = head
    return text.split("-", 1)[0]


def _quoted_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    if _ANY_OPENER_RE.search(text, start, end) is None:
        return spans
    for opener, closers in _QUOTE_PAIRS:
        pos = start
        while True:
            i = text.find(opener, pos, end)
            if i < 0:
                break
            # a "‘" or '"' right after a letter is an apostrophe or a closing mark
            if opener in '‘"' and i > start and text[i - 1].isalnum():
                pos = i + 1
                continue
            j = min((k for c in closers if (k := text.find(c, i + 1, end)) >= 0), default=-1)
            if j < 0:
                break
            spans.append((i + 1, j))
            pos = j + 1
    return spans


def _separator(doc: Document, before: Word, after: Word) -> str:
    return doc.text[before.end : after.start]


def _joins(sep: str) -> bool:
    """Whether two words separated by ``sep`` can belong to one name ("Black Sea", "Mr. Le
    Drian", "Dow Jones & Company")."""
    return sep == " " or (not sep.strip(_JOINING) and "\n\n" not in sep)


_JOINING = " \t\n\u00a0.&'’"  # what may stand between two words of one name (_joins)


_UNKNOWN = object()  # not computed yet (_Scan._sentence)


def _is_initial(doc: Document, words: Sequence[Word], i: int, opening: int) -> bool:
    """Whether ``words[i]`` stands where a capital is expected: first word of the sentence (or
    after a dateline), or after punctuation that can open a quotation, a clause or a list item.
    A closing bracket or a closing quotation mark licenses no capital: the sentence goes on
    after it ("the report (PDF) Shows", "he called it “fair” And left")."""
    w = words[i]
    if i == 0 or w.start < opening:
        return True
    sep = _separator(doc, words[i - 1], w)
    if sep == " ":
        return False  # most words: one space after the word before
    if sep[:1] in _CLOSING_MARKS:
        sep = sep.lstrip(_CLOSING_MARKS)  # marks glued to the word before close something
    return any(c not in _QUIET_SEPARATORS for c in sep)


def _alone_beside(text: str) -> bool:
    """Whether a word neither capitalised nor a number starts with: next to a candidate, it
    ends the walk of ``_capital_neighbour`` unless it is a name connector."""
    first = text[:1]
    return not first.isupper() and not first.isdigit()


def _capital_neighbour(
    doc: Document, words: Sequence[Word], i: int, step: int, opening: int
) -> Word | None:
    """The capitalised word that ``words[i]`` is joined to in direction ``step`` (-1 or +1), either
    directly ("Defense Ministry") or across lower-case connectors ("Bank of England"); None when it
    stands alone on that side."""
    j = i + step
    connectors = 0
    text = doc.text
    while 0 <= j < len(words):
        a, b = (words[j], words[j - step]) if step < 0 else (words[j - step], words[j])
        if not _joins(text[a.end : b.start]):
            return None
        t = words[j].text
        if _is_capitalised(t) or t[:1].isdigit():
            if (
                _is_capitalised(t)
                and step < 0
                and t.lower() in FUNCTION_WORDS
                and _is_initial(doc, words, j, opening)
            ):
                return None  # a sentence-initial function word is capitalised for its position
            return words[j] if _is_capitalised(t) else None
        if (
            t in NAME_CONNECTORS
            and connectors < 2
            and not (step > 0 and connectors == 0 and t == "the")
        ):
            connectors += 1
            j += step
            continue
        return None
    return None


@cache
def _phrase_index() -> dict[str, tuple[tuple[int, tuple[str, ...]], ...]]:
    """The listed phrases by word: word -> ``(position in the phrase, phrase)`` pairs."""
    index: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
    for phrase in _pack_data()[1]:
        for k, part in enumerate(phrase):
            index.setdefault(part, []).append((k, phrase))
    return {part: tuple(entries) for part, entries in index.items()}


def _in_phrase(
    words: Sequence[Word], i: int, index: Mapping[str, Iterable[tuple[int, tuple[str, ...]]]]
) -> bool:
    for k, phrase in index.get(words[i].text, ()):
        lo = i - k
        if lo < 0 or lo + len(phrase) > len(words):
            continue
        if all(words[lo + n].text == phrase[n] for n in range(len(phrase))):
            return True
    return False


@lru_cache(maxsize=_WORD_CACHE)
def _inflected_from_common_word(lower: str) -> bool:
    from qualitycheck.resources import lexicon

    lex = lexicon()
    m = _INFLECTED_RE.search(lower)
    if m and len(lower) >= 6:
        stem = lower[: m.start()]
        candidates = {stem, stem + "e"}
        if len(stem) >= 3 and stem[-1] == stem[-2]:
            candidates.add(stem[:-1])  # "stopped" -> "stop"
        if stem.endswith("i"):
            candidates.add(stem[:-1] + "y")  # "happily" -> "happy"
        return any(len(c) >= 3 and lex.zipf(c) >= 3.5 for c in candidates)
    m = _ADJECTIVE_RE.search(lower)
    if m and len(lower) >= 7:
        return not (m.group() == "ate" and (len(lower) < 9 or lower.endswith("gate")))
    return False


@lru_cache(maxsize=_WORD_CACHE)
def _plural_of_common_word(lower: str) -> bool:
    """ "tributaries", "children", "homes": the plural of a common noun."""
    from qualitycheck.resources import lexicon

    if lower in ("children", "people", "men", "women"):
        return True
    if not lower.endswith("s") or lower.endswith("ss"):
        return False
    singulars = {lower[:-1]}
    if lower.endswith("ies"):
        singulars.add(lower[:-3] + "y")
    if lower.endswith("es"):
        singulars.add(lower[:-2])
    return any(len(s) >= 3 and lexicon().zipf(s) >= 3.0 for s in singulars)


@lru_cache(maxsize=_WORD_CACHE)
def _is_known_name(key: str) -> bool:
    """A first name, a country or nationality, or a sizeable place called exactly ``key``."""
    from qualitycheck.resources import fold, gazetteer, given_names

    if key in given_names():
        return True
    gaz = gazetteer()
    if gaz.country_of(key) is not None:
        return True
    folded = fold(key)
    for place in gaz.lookup(key):
        if place.kind in ("country", "region") or place.population >= 100_000:
            return True
        if fold(place.name) == folded and place.population >= 20_000:
            return True
    return False


# -- the check ---------------------------------------------------------------------------------


def _is_skipped_block(doc: Document, bi: int) -> bool:
    block = doc.blocks[bi]
    text = doc.block_text(block)
    lo, hi = doc.word_range(block.start, block.end)
    # a byline has at most 30 words and a sign-off fewer: most paragraphs are longer
    short = hi - lo <= 30
    return (
        block.kind in ("heading", "caption", "table_cell")
        or heuristics.is_title_case_tokens(doc.word_texts[lo:hi])
        or heuristics.is_all_caps(text)
        or (short and heuristics.looks_like_byline(text))
        or heuristics.looks_like_caption_credit(text)
        or (short and heuristics.looks_like_signoff(text))
    )


class _Scan:
    """The capitalised words of one document after the first word of their sentence (the
    candidates), with what judging them needs. Most candidates are names, rejected by a look-up
    or two, so everything else is computed on demand and remembered: whether the sentence is one
    to judge at all (not in a heading, byline or title-case line) and where its first clause
    opens, whether the word stands where a capital is expected anyway, the quoted spans of a
    sentence, the capitalised neighbours of a word, and how the document uses a word elsewhere
    (which needs the neighbours of every capitalised occurrence of that word)."""

    def __init__(self, doc: Document, allowed: frozenset[str]) -> None:
        from qualitycheck.resources import lexicon

        self.doc = doc
        self.allowed = allowed
        self.allowed_extra: frozenset[str] = frozenset()  # the user's words, never flagged
        self.zipf = lexicon().zipf
        self.verdicts: dict[str, tuple[bool, float] | None] = {}  # see open_candidates
        all_words = doc.words
        # the capitalised words (Document.capital_flags), found in C
        indexes = itertools.compress(itertools.count(), doc.capital_flags)
        self.candidates = [k for k in indexes if all_words[k][4]]  # not a sentence's first word
        self.texts = list(map(doc.word_texts.__getitem__, self.candidates))
        self.keys = list(map(_key, self.texts))  # see _key
        self._by_key: dict[str, list[int]] | None = None  # lower-case key -> candidates
        self._sentences: dict[int, tuple[Sequence[Word], int] | None] = {}
        self._skipped_blocks: dict[int, bool] = {}
        self._skipped_texts: dict[tuple[str, str], bool] = {}
        self._datelines: dict[str, int] = {}
        self._valid: dict[int, bool] = {}
        self._neighbours: dict[int, tuple[Word | None, Word | None]] = {}
        self._quotes: dict[int, list[tuple[int, int]]] = {}
        self._uses: dict[str, tuple[int, int]] = {}
        self._lower_counts: Counter[str] | None = None

    def open_candidates(self) -> Iterator[int]:
        """The candidates whose spelling leaves the question open (``_word_verdict``), judging
        each spelling once: a document repeats its names."""
        for text, key in dict(zip(self.texts, self.keys, strict=True)).items():
            self.verdicts[text] = _word_verdict(text, key, self.allowed, self.zipf)
        open_texts = {text for text, verdict in self.verdicts.items() if verdict is not None}
        return itertools.compress(itertools.count(), map(open_texts.__contains__, self.texts))

    def followed_by_capital(self, c: int) -> bool:
        """Whether the next word of candidate ``c``'s sentence is capitalised and one space away:
        then it is its capitalised neighbour (``_capital_neighbour``), found without the walk."""
        doc, k = self.doc, self.candidates[c]
        words = doc.words
        if k + 1 >= len(words) or not doc.capital_flags[k + 1]:
            return False
        w, after = words[k], words[k + 1]
        return after.sentence == w.sentence and after.start == w.end + 1 and doc.text[w.end] == " "

    def word(self, c: int) -> Word:
        return self.doc.words[self.candidates[c]]

    def sentence_words(self, c: int) -> tuple[Sequence[Word], int]:
        """The words of candidate ``c``'s sentence and its index among them."""
        w = self.doc.words[self.candidates[c]]
        return self.doc.sentence_words(w.sentence), w.position

    def _sentence(self, si: int) -> tuple[Sequence[Word], int] | None:
        """The words of sentence ``si`` and where its first clause opens (after a dateline), or
        None for a sentence not to judge: in a heading, caption, byline, title-case line..."""
        known = self._sentences.get(si, _UNKNOWN)
        if known is not _UNKNOWN:
            return known  # type: ignore[return-value]
        doc = self.doc
        sent = doc.sentences[si]
        found: tuple[Sequence[Word], int] | None = None
        skipped = self._skipped_blocks.get(sent.block)
        if skipped is None:
            # judged once per kind and text of block: a crawl repeats its lines (bylines, menus)
            block = doc.blocks[sent.block]
            key = (block.kind, doc.block_text(block))
            skipped = self._skipped_texts.get(key)
            if skipped is None:
                skipped = self._skipped_texts[key] = _is_skipped_block(doc, sent.block)
            self._skipped_blocks[sent.block] = skipped
        if not skipped:
            words = doc.sentence_words(si)
            block = doc.blocks[sent.block]
            # (a sentence that is its whole block was tested with the block)
            whole_block = sent.start == block.start and sent.end == block.end
            offsets = doc.sentence_word_offsets
            if whole_block or not heuristics.is_title_case_tokens(
                doc.word_texts[offsets[si] : offsets[si + 1]]
            ):
                opening = sent.start
                if sent.start == block.start:
                    sent_text = doc.text[sent.start : sent.end]
                    end = self._datelines.get(sent_text)
                    if end is None:  # (every dateline ends with a dash: most sentences have none)
                        end = self._datelines[sent_text] = (
                            heuristics.dateline_end(sent_text)
                            if "-" in sent_text or "–" in sent_text or "—" in sent_text
                            else 0
                        )
                    opening = sent.start + end
                found = (words, opening)
        self._sentences[si] = found
        return found

    def valid(self, c: int) -> bool:
        """Whether candidate ``c`` is to be judged: in a sentence to judge, and not where a
        capital is expected (after a dateline, a colon, a quotation mark...)."""
        found = self._valid.get(c)
        if found is None:
            w = self.doc.words[self.candidates[c]]
            sentence = self._sentence(w.sentence)
            found = sentence is not None and not _is_initial(
                self.doc, sentence[0], w.position, sentence[1]
            )
            self._valid[c] = found
        return found

    def opening(self, c: int) -> int:
        """Where the first clause of candidate ``c``'s sentence opens (``c`` must be valid)."""
        sentence = self._sentence(self.doc.words[self.candidates[c]].sentence)
        assert sentence is not None
        return sentence[1]

    def neighbours(
        self, c: int, sentence: tuple[Sequence[Word], int, int] | None = None
    ) -> tuple[Word | None, Word | None]:
        """The capitalised neighbours (before, after) of candidate ``c``; ``sentence``, when
        the caller has them: the words of its sentence, its index there and the opening."""
        found = self._neighbours.get(c)
        if found is None:
            doc = self.doc
            if sentence is None:
                words, i = self.sentence_words(c)
                opening = self.opening(c)
            else:
                words, i, opening = sentence
            # a lower-case word next to it that cannot join a name: no neighbour that side,
            # known without the walk (_capital_neighbour)
            before = words[i - 1].text if i > 0 else ""
            after = words[i + 1].text if i + 1 < len(words) else ""
            found = self._neighbours[c] = (
                None
                if not before or (_alone_beside(before) and before not in NAME_CONNECTORS)
                else _capital_neighbour(doc, words, i, -1, opening),
                None
                if not after or (_alone_beside(after) and (
                    after not in NAME_CONNECTORS or after == "the"))
                else _capital_neighbour(doc, words, i, +1, opening),
            )  # fmt: skip
        return found

    def quotes(self, c: int) -> list[tuple[int, int]]:
        return self.sentence_quotes(self.word(c).sentence)

    def sentence_quotes(self, si: int) -> list[tuple[int, int]]:
        """The quoted spans of sentence ``si``."""
        spans = self._quotes.get(si)
        if spans is None:
            sent = self.doc.sentences[si]
            spans = self._quotes[si] = _quoted_spans(self.doc.text, sent.start, sent.end)
        return spans

    def uses(self, lower: str) -> tuple[int, int]:
        """How often the document capitalises ``lower`` mid-sentence as part of a multi-word
        name, and on its own."""
        found = self._uses.get(lower)
        if found is None:
            name = lone = 0
            if self._by_key is None:  # built for the first word that needs it
                self._by_key = {}
                for c, key in enumerate(map(str.lower, self.keys)):
                    self._by_key.setdefault(key, []).append(c)
            for c in self._by_key.get(lower, ()):
                if not self.valid(c):
                    continue
                prev, nxt = self.neighbours(c)
                if nxt is not None or (prev is not None and prev.text not in _WEEKDAYS_MONTHS):
                    name += 1
                else:
                    lone += 1
            found = self._uses[lower] = (name, lone)
        return found

    def lower_count(self, lower: str) -> int:
        """How often the document writes ``lower`` in lower case."""
        if self._lower_counts is None:
            counts: Counter[str] = Counter()
            for token, n in self.doc.token_counts.items():
                if token[:1].islower():
                    counts[token.lower()] += n
            self._lower_counts = counts
        return self._lower_counts[lower]


def check(doc: Document, ctx: Context) -> Iterator[Match]:
    pack_words, _ = _pack_data()
    phrases = _phrase_index()
    extra = frozenset(str(w) for w in ctx.options.get("words", ()))
    glossary_tokens = ctx.glossary.preferred_tokens if ctx.glossary is not None else frozenset()
    allowed = pack_words | extra | glossary_tokens

    scan = _Scan(doc, allowed)
    scan.allowed_extra = extra | glossary_tokens
    yield from _half_capitalised_names(scan, allowed)
    for c in scan.open_candidates():
        suspect = _judge(scan, c, phrases)
        if suspect is None:
            continue
        w = suspect.word
        lower = w.text[:1].lower() + w.text[1:]
        kind = "function word" if suspect.function_word else "common word"
        yield Match(
            w.start,
            w.end,
            f"'{w.text}' is capitalised in the middle of a sentence, but it is a {kind}"
            f" ({suspect.reason}); a stray capital like this is typical of machine translation",
            suggestions=(lower,),
            confidence=suspect.confidence,
            severity=suspect.severity,
        )


def _half_capitalised_names(scan: _Scan, allowed: frozenset[str]) -> Iterator[Match]:
    """ "the decree of the State of alarm": the head noun of a name is capitalised ("State",
    "Council", "Ministry") but the name goes on in lower case after "of", where the name would
    be capitalised too ("State of Alarm", "Council of Ministers") or the whole phrase not at
    all. The capital is the stray one."""
    institutions = _institution_words() - scan.allowed_extra
    doc = scan.doc
    text = doc.text
    all_words = doc.words
    n = len(all_words)
    for c, word_text in enumerate(scan.texts):
        if word_text not in institutions:
            continue
        k = scan.candidates[c]  # (global indexes: no copy of a long sentence per candidate)
        si = all_words[k].sentence
        if k + 2 >= n or all_words[k + 2].sentence != si or all_words[k + 1].text != "of":
            continue
        tail = all_words[k + 2].text
        after = all_words[k + 3] if k + 3 < n and all_words[k + 3].sentence == si else None
        before2 = all_words[k - 2].text.lower() if all_words[k - 2].sentence == si else ""
        if (
            not tail[:1].islower()
            or tail in FUNCTION_WORDS
            or scan.zipf(tail) < 3.0
            or (after is not None and _is_capitalised(after.text))
            or _is_capitalised(all_words[k - 1].text)
            or tail.endswith("ing")
            # "by the State of alarm", not "accused the Government of corruption", where
            # "of ..." belongs to the verb
            or (before2 and before2 not in heuristics.PREPOSITIONS)
            or text[all_words[k].end : all_words[k + 2].start].split() != ["of"]
            or not scan.valid(c)
            or any(s <= all_words[k].start < e for s, e in scan.quotes(c))
        ):
            continue
        w = all_words[k]
        yield Match(
            w.start,
            w.end,
            f"'{w.text}' is capitalised as the head of a name, but the name goes on in lower case"
            f" ('{w.text} of {tail}'): either the whole name is capitalised or none of it; a"
            " stray capital like this is typical of machine translation",
            suggestions=(w.text.lower(),),
            confidence=0.55,
        )


def _word_verdict(
    text: str, key: str, allowed: frozenset[str], zipf: Callable[[str], float]
) -> tuple[bool, float] | None:
    """What the word alone says: None when it is no stray capital wherever it stands (an acronym,
    a listed name, a rare word, a known place or first name), else whether it is a function word
    and its frequency."""
    tail = key[1:]
    if len(key) < 2 or not key.isalpha() or (not tail.islower() and any(map(str.isupper, tail))):
        return None  # "A", "X-ray", acronyms, "iPhone"/"McDonald", "TB-2"
    if key in allowed or text in allowed or key in WEEKDAYS or key in MONTHS:
        return None
    if key.endswith("s") and (key[:-1] in allowed or key[:-2] in allowed):
        return None  # plurals of listed words: "Syrians", "Catholics"
    lower = key.lower()
    if lower in FUNCTION_WORDS:
        return True, 0.0
    frequency = zipf(lower)
    if frequency < 3.0:
        return None  # not a common word: most likely a name
    if _is_known_name(key):
        return None
    return False, frequency


def _judge(
    scan: _Scan,
    c: int,
    phrases: Mapping[str, Iterable[tuple[int, tuple[str, ...]]]],
) -> _Suspect | None:
    """Whether candidate ``c`` of ``scan`` is a stray capital. Every test that can only clear
    the word comes before the ones that need the word's neighbours or the document's counts."""
    doc = scan.doc
    w = scan.word(c)
    text = w.text
    key = scan.keys[c]
    verdict = scan.verdicts[text]
    assert verdict is not None  # open_candidates yields no other
    function_word, zipf = verdict
    lower = key.lower()
    if text in phrases and _in_phrase(*scan.sentence_words(c), phrases):
        return None
    if not function_word and scan.followed_by_capital(c):
        return None  # part of a longer name ("Black Sea"): cleared below too, at more cost
    if (lower in ("no", "nos") or not function_word) and _NUMBER_AFTER_RE.match(doc.text, w.end):
        return None  # a label before a number: "No. 4", "Article 16"
    if not function_word and _YEAR_AFTER_RE.match(doc.text, w.end):
        return None  # a title of a work with its year: "Three (2010)"
    sentence = scan._sentence(w.sentence)  # (scan.valid, without remembering the verdict)
    if sentence is None or _is_initial(doc, sentence[0], w.position, sentence[1]):
        return None  # not in a sentence to judge, or where a capital is expected
    words, opening = sentence
    i = w.position
    quotes = scan.sentence_quotes(w.sentence)
    in_quote = next(((s, e) for s, e in quotes if s <= w.start < e), None) if quotes else None
    if in_quote is not None:
        quoted = doc.text[in_quote[0] : in_quote[1]]
        if not function_word or heuristics.is_title_case(quoted):
            return None  # a title, a foreign phrase or a name in quotes

    prev, nxt = scan.neighbours(c, (words, i, opening))
    if function_word:
        return _judge_function_word(doc, words, i, opening, prev, nxt, key)

    if nxt is not None:
        return None
    weekday_before = False
    if prev is not None:
        # "continued Thursday Bombing of": a weekday does not start a name with a common noun
        j = i - 1
        if not (words[j] is prev and prev.text in WEEKDAYS | MONTHS and j > 0):
            return None
        before = words[j - 1].text
        if _is_capitalised(before) or before.lower() in heuristics.DETERMINERS:
            return None
        if _is_initial(doc, words, j, opening):
            return None
        weekday_before = True

    name_uses, lone_uses = scan.uses(lower)
    lower_count = scan.lower_count(lower)
    if lower_count == 0 and (name_uses > 0 or lone_uses > 1):
        return None  # the document uses it as (part of) a name elsewhere
    capital_uses = name_uses + lone_uses
    if capital_uses > 2 and capital_uses > 2 * lower_count:
        # Mostly capitalised in this document ("Python" 40 times, "python" twice as a command):
        # the capital form is the name, the lower-case one the exception.
        return None

    signals: list[str] = []
    if lower_count > 0:
        signals.append(f"the document also writes it '{lower}'")
    if weekday_before:
        signals.append(f"a weekday or month does not start a name with '{lower}'")
    before_word = words[i - 1].text.lower() if i > 0 else ""
    after_word = words[i + 1].text if i + 1 < len(words) else ""
    weak: list[str] = []
    if before_word in POSSESSIVES:
        # brands do follow possessives ("his Ferrari"), but rarely in the plural
        reason = f"a plural noun after '{words[i - 1].text}' is rarely a name"
        if zipf >= 4.5 or _plural_of_common_word(lower):
            signals.append(reason)
        else:
            weak.append(f"a name rarely follows '{words[i - 1].text}'")
    possessive = text != key
    if before_word in VERB_SLOT_WORDS or (
        before_word in PERFECT_AUXILIARIES and not possessive and after_word[:1].islower()
    ):
        signals.append(f"it follows '{words[i - 1].text}', where a verb is expected")
    if (
        before_word not in heuristics.DETERMINERS
        and after_word[:1].islower()
        and _inflected_from_common_word(lower)
    ):
        signals.append("its ending marks an adjective, adverb or verb form, not a name")

    if signals == [f"the document also writes it '{lower}'"]:
        # On its own this signal also fits title-cased labels and class names in technical
        # prose ("the Console object", "see Documentation"): worth a look, not a claim.
        return _Suspect(w, key, False, 0.45, signals[0], Severity.INFO)
    if signals:
        confidence = min(0.85, 0.55 + 0.1 * (len(signals) - 1))
        return _Suspect(w, key, False, confidence, "; ".join(signals))
    if weak:
        return _Suspect(w, key, False, 0.4, "; ".join(weak), Severity.INFO)
    if zipf >= 4.5 and before_word not in heuristics.DETERMINERS:
        if capital_uses <= 1 and _plain_word_slot(doc, words, i, lower):
            return _Suspect(
                w,
                key,
                False,
                0.5,
                "a frequent English word that the document never uses as a name",
            )
        return _Suspect(
            w, key, False, 0.3, "a frequent English word, not known as a name", Severity.INFO
        )
    return None


def _plain_word_slot(doc: Document, words: Sequence[Word], i: int, lower: str) -> bool:
    """Whether nothing around ``words[i]`` makes it a name or a title: no descriptor before it
    ("the journal Nature", "a horse named Lucky"; a plural after "named" is no name: "named
    Products that"), no bracket or number after it ("Three (2010)"), and no capitalised item it
    is listed with ("DataFrame or Bag", "Why it matters, Example")."""
    before = words[i - 1].text.lower() if i > 0 else ""
    if before in DESCRIPTOR_WORDS and not (
        before in _NAMING_VERBS and _plural_of_common_word(lower)
    ):
        return False
    w = words[i]
    if doc.text[w.end : w.end + 2].lstrip()[:1] == "(":
        return False
    if (
        i > 0
        and "\n" in doc.source[doc.source_offset(words[i - 1].end) : doc.source_offset(w.start)]
    ):
        return False  # the first word of a line: a heading or caption run into the paragraph
    if before in _COORDINATORS:
        return not (i >= 2 and _is_capitalised(words[i - 2].text))  # "DataFrame or Bag"
    if doc.text[words[i - 1].end : w.start].strip() in (",", ";", "/"):
        # a list: the item before, from the comma before it, starts with a capital
        k = i - 1
        while (
            k > max(0, i - _LIST_ITEM_WORDS)
            and "," not in doc.text[words[k - 1].end : words[k].start]
        ):
            k -= 1
        if k > 0 and _is_capitalised(words[k].text):
            return False
    return True


def _judge_function_word(
    doc: Document,
    words: Sequence[Word],
    i: int,
    opening: int,
    prev: Word | None,
    nxt: Word | None,
    key: str,
) -> _Suspect | None:
    lower = key.lower()
    w = words[i]
    if prev is None and nxt is None:
        return _Suspect(w, key, True, 0.9, f"'{lower}' is never a name on its own")
    if prev is not None and nxt is not None:
        return None  # inside a title or name: "Sleepless In Seattle", "Bank Of America"
    if nxt is not None:
        # opening a name: "The Hague", "In Bruges"; only prepositions before a known place, and
        # articles and prepositions before a nationality that a lower-case word follows ("In
        # Ukrainian villages", "The German capital"; "The Italian Job" is a title)
        j = i + 1
        after_next = words[j + 1].text if j + 1 < len(words) and words[j] is nxt else ""
        if (
            (lower in PLACE_PREPOSITIONS or lower in heuristics.ARTICLES)
            and after_next[:1].islower()
            and _is_nationality(nxt.text)
        ):
            return _Suspect(
                w, key, True, 0.6, f"'{lower}' before the nationality word '{nxt.text}'"
            )
        if lower not in PLACE_PREPOSITIONS or not _is_place(nxt.text):
            return None
        if after_next[:1].isupper() and _is_first_name(nxt.text):
            return None  # a person, not a place: "By Ana Souza", "With Victoria Reyes"
        return _Suspect(w, key, True, 0.6, f"'{lower}' before the place name '{nxt.text}'")
    # closing a name: "Kharkiv In the east". Titles ending in a small word ("Shake It Off") have
    # other capitalised small words before it.
    assert prev is not None
    j = i - 1
    while j >= 0 and (_is_capitalised(words[j].text) or words[j].text in NAME_CONNECTORS):
        if (
            _is_capitalised(words[j].text)
            and words[j].text.lower() in FUNCTION_WORDS
            and not _is_initial(doc, words, j, opening)
        ):
            return None
        j -= 1
    if words[i - 1].text in MONTHS | WEEKDAYS and lower in ("of", "and"):
        return None
    after = words[i + 1].text if i + 1 < len(words) else ""
    if (
        lower in SUBJECT_PRONOUNS
        and after in heuristics.AUXILIARIES
        and prev.text.lower() not in _OBJECT_TAKING_VERBS
    ):
        # "the Battery section. In section Battery You can select": a pronoun and its verb open
        # a clause; titles that end in a pronoun take it as an object ("Thank You", "Love Me")
        return _Suspect(
            w, key, True, 0.7, f"'{lower} {after}' opens a clause, it does not end a name"
        )
    if not _names_something(prev.text):
        return None  # "Keep Out", "Game On": a phrase in title case, not a name and a stray word
    return _Suspect(w, key, True, 0.7, f"'{lower}' does not end a name like '{prev.text}'")


@lru_cache(maxsize=_WORD_CACHE)
def _names_something(text: str) -> bool:
    """Whether a capitalised word is a name rather than an ordinary word in title case."""
    from qualitycheck.resources import lexicon

    key = _key(text)
    return key.isupper() or lexicon().zipf(key) < 4.0 or _is_place(key) or _is_known_name(key)


def _is_first_name(text: str) -> bool:
    from qualitycheck.resources import given_names

    return text in given_names()


@lru_cache(maxsize=_WORD_CACHE)
def _is_nationality(text: str) -> bool:
    """ "Ukrainian", "German": a demonym that is no place of its own."""
    from qualitycheck.resources import gazetteer

    gaz = gazetteer()
    code = gaz.country_of(text)
    return code is not None and gaz.country_name(code) != text


@lru_cache(maxsize=_WORD_CACHE)
def _is_place(text: str) -> bool:
    from qualitycheck.resources import gazetteer

    return text in gazetteer()


RULE = define(
    "case.capital-mid-sentence",
    "warning",
    check,
    __doc__,
    options=[
        Option(
            "words",
            "list of strings",
            (),
            "words to accept with a capital anywhere in a sentence (house names, brands)",
        )
    ],
)
