"""Two words run together with no space: "the final reportbecause", "Finallythe", "Smithwho".

What it does
    Finds a token that is no English word but splits into two words that are, where one of the
    two is a word that never forms a compound with its neighbour: a function word or a sentence
    adverb ("screenit", "phoneeven", "reportbecause", "Definitelythe", "Todayshocked"). A
    capitalised name glued to a lower-case function word ("Almeidawho", "Garciawhich") and a
    lower-case word glued to a capitalised name ("mayorJohn") are reported too, when the name is
    a known name or is written on its own elsewhere in the document. The suggestion puts the
    space back ("report because"); a comma may be missing there as well. Pairs of the commonest
    function words that web text often glues ("inthe", "upand") are reported although word lists
    count them.

    It leaves alone words the lexicon knows (real compounds: "bedroom", "whereabouts"), compounds
    of two content words ("qualitycheck", "wordfreq": product names and terms), particles that
    build compounds ("online", "checkout"), camel-case brands and identifiers ("YouTube",
    "PlayStation", "iPhone", "getElementById", "toString"), hashtags, handles, URLs, file names,
    paths, snake_case and anything next to a digit, tokens written in capitals, and a token the
    document uses three times or more (a term of its own, not a slip).

Why it matters
    When a page's link or bold markup is stripped, or a translation tool drops the space at the
    edge of a formatted span, the word in the link and the next word are fused. Spell checkers
    flag such tokens; readers stumble on them at once.

Example
    The committee will publish the final reportbecause the deadline has passed.

Use instead
    The committee will publish the final report because the deadline has passed.
"""

from __future__ import annotations

from collections.abc import Iterator

from qualitycheck import heuristics, resources
from qualitycheck.document import Document, Word
from qualitycheck.finding import Match, Severity
from qualitycheck.rule import Context, define
from qualitycheck.scan.programs import re_compile


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


# Words that end a glued pair: they never form the second half of an English compound.
# (Left out on purpose: particles that do, "up", "out", "down", "over", "off", "in", "on", "way";
# and endings of many real words, "our", "its" ("granits"), "how", "very", "ever", "her", "he", "me", "we",
# "is", "as", "at", "or", "an".)
_GLUE_TAILS = _words(
    """
    the and but because although though which who whom whose it his their they she
    even especially also so then when where while was were has have had will would could should
    said after before with from into about this these those there not only just yet since until
    unless whether what why your than
    """
)
# Prepositions glued to the word before ("presidentof", "decidedto"): only after a longer,
# common head, since many words end in them ("manifesto", "therefor").
_PREPOSITION_TAILS = _words("of to for")
_PREPOSITION_HEAD_LEN = 5
_PREPOSITION_HEAD_ZIPF = 3.5
# Two-letter tails worth reporting (in lower-case tokens only): "screenit", "problemso".
_SHORT_TAILS = _words("it so")
# Words that start a glued pair: sentence adverbs and conjunctions that no compound begins with.
_GLUE_HEADS = _words(
    """
    the and but because which who whose also even especially today yesterday tomorrow finally
    definitely already again however meanwhile moreover therefore instead nevertheless
    """
)
# Tails that can follow a name fused to them: relative pronouns, conjunctions, speech verbs.
# ("and", "the", "has", "was"... end too many names: "Ferdinand", "Goethe", "Matthas".)
_NAME_TAILS = _words("who which whose whom because said says told added explained")
# Pairs of the commonest function words that web text glues so often that word lists count the
# result ("inthe" has a Zipf value of 2.6): reported when the token is still rare.
_CORE_HEADS = _words("in of to on and for at by from with up is was that it as but or this")
_CORE_TAILS = _words("the and")
_CORE_MAX_ZIPF = 3.5
# Name particles and one-letter brand prefixes: "deAndre", "vanDijk", "eBay", "iPhone".
_PARTICLES = _words(
    "de di da du des del della dos das van von der den ter le la al el bin ibn mc mac"
)

# Words that start identifiers in camel case.
_CODE_VERBS = _words(
    "get set is has add on to use make new my with for from can do run find load read write "
    "show hide open close init update remove delete create handle parse fetch build"
)
_MIN_NAME_HEAD = 4  # "Arvand" is not "Arv and"
_SHORT_HEAD_LEN = 3
_RARE_ZIPF = 2.5  # a lower-case word rarer than this is not everyday English
_RARE_NEIGHBOURS = 2  # ... and two of them around a token make its sentence foreign or jargon
_TWO_LETTER_HEADS = _words("on in of to at by up is it as or no")
_MIN_LEN = 5  # "onand" is the shortest damage worth the risk
_PART_ZIPF = 3.0  # each half is an ordinary word
_STRONG_ZIPF = 5.0  # one half is a very common word
_HEAD_GLUE_TAIL_ZIPF = 4.0  # after a glue head, the tail must be common too ("the"+"matic")
_CAPITAL_HEAD_ZIPF = 4.5  # a capitalised head must be a common word ("Today"; not "Matt")
_NAME_HEAD_ZIPF = 2.0  # a name's head the lexicon knows ("almeida" 2.9)
_REPEATS_ALLOWED = 2  # a token used three times is the document's own term
# Characters that make a run of non-space text code, an address, a tag or a number.
_NOT_PROSE_RE = re_compile(r"[0-9/\\@#_=<>{}\[\]|`~$%^*+&]|://|\w\.\w")
_EDGE_PUNCT = "\"'“”‘’«»()[]{},.;:!?…—–-*"


def _chunk(text: str, word: Word) -> str:
    """The run of non-space characters that holds ``word``."""
    start, end = word.start, word.end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    n = len(text)
    while end < n and not text[end].isspace():
        end += 1
    return text[start:end]


def _lower_split(token: str, zipf: resources.Lexicon) -> tuple[str, str] | None:
    """The best split of a lower-case token into two words one of which is a glue word."""
    best: tuple[float, str, str] | None = None
    short = len(token) <= _MIN_LEN
    for i in range(2, len(token) - 1):
        head, tail = token[:i], token[i:]
        if tail in _PREPOSITION_TAILS:
            if len(head) < _PREPOSITION_HEAD_LEN or zipf.zipf(head) < _PREPOSITION_HEAD_ZIPF:
                continue
        elif len(tail) == 2 and tail not in _SHORT_TAILS:
            continue
        glue_tail = tail in _GLUE_TAILS or tail in _SHORT_TAILS or tail in _PREPOSITION_TAILS
        glue_head = head in _GLUE_HEADS or (len(head) >= 7 and head.endswith("ly"))
        if not (glue_tail or glue_head):
            continue
        zh, zt = zipf.zipf(head), zipf.zipf(tail)
        if zh < _PART_ZIPF or zt < _PART_ZIPF or max(zh, zt) < _STRONG_ZIPF:
            continue
        if len(head) <= _SHORT_HEAD_LEN and zh < _STRONG_ZIPF:
            continue  # "bal"+"and", "ru"+"then": a short head must be a common word
        if len(head) == 2 and head not in _TWO_LETTER_HEADS:
            continue  # "re"+"then", "la"+"then", "go"+"they"
        if tail in _SHORT_TAILS and (
            len(head) < _PREPOSITION_HEAD_LEN or zh < _HEAD_GLUE_TAIL_ZIPF
        ):
            continue  # "colo"+"so", "mill"+"it": Romance and Germanic endings, not glue
        if not glue_tail and (zt < _HEAD_GLUE_TAIL_ZIPF or len(tail) < 4):
            continue
        if not glue_tail and tail.title() in resources.given_names():
            continue  # "and"+"alan": a name after a glue head is a name's own syllables
        if short and min(zh, zt) < _STRONG_ZIPF:
            continue
        score = min(zh, zt)
        if best is None or score > best[0]:
            best = (score, head, tail)
    return None if best is None else (best[1], best[2])


def _core_split(token: str) -> tuple[str, str] | None:
    """ "inthe" -> ("in", "the"): two of the commonest function words."""
    for tail in _CORE_TAILS:
        if token.endswith(tail) and token[: -len(tail)] in _CORE_HEADS:
            return token[: -len(tail)], tail
    return None


def _is_name(word: str) -> bool:
    """A given name or a place: "Matt", "Wien" (a head that ends a compound name)."""
    return word in resources.given_names() or bool(resources.gazetteer().lookup(word))


def _known_name(name: str, doc: Document, lex: resources.Lexicon) -> bool:
    """A capitalised word that is a name: listed, in the lexicon, or written alone in ``doc``."""
    if doc.token_counts.get(name, 0) > 0:
        return True
    if name in resources.given_names() or lex.zipf(name) >= _NAME_HEAD_ZIPF:
        return True
    return resources.gazetteer().lookup(name) != ()


def _judge(
    token: str, position: int, doc: Document, lex: resources.Lexicon
) -> tuple[str, str] | None:
    """The two words ``token`` is made of, when it is two words glued together."""
    rest = token[1:]
    if token.islower():
        zipf = lex.zipf(token)
        if zipf == 0.0:
            return _lower_split(token, lex)
        return _core_split(token) if zipf <= _CORE_MAX_ZIPF else None
    if token[0].isupper() and rest.islower():
        if lex.zipf(token) > 0.0 or token in resources.given_names():
            return None
        if resources.gazetteer().lookup(token):
            return None  # a place: "Greenwith", "Bonthe"
        # "Definitelythe" at a sentence start, "Todayshocked": a common word, capitalised.
        split = _lower_split(token.lower(), lex)
        if split is not None and len(split[0]) >= _MIN_NAME_HEAD:
            head = token[: len(split[0])]
            common = lex.zipf(split[0]) >= _CAPITAL_HEAD_ZIPF and not _is_name(head)
            # A capital mid-sentence is a name's more often than not ("Matthas" is a surname):
            # there the head must be a sentence adverb ("Todayshocked").
            if common and (position == 0 or split[0] in _GLUE_HEADS or split[0].endswith("ly")):
                return head, split[1]
        # "Almeidawhich": a name, then a word that follows names.
        for i in range(len(token) - 3, _MIN_NAME_HEAD - 1, -1):
            head, tail = token[:i], token[i:]
            if tail in _NAME_TAILS and _known_name(head, doc, lex):
                return head, tail
        return None
    # "mayorJohn": one capital inside, a given name or a place after it (not a common word:
    # "currentThread", "scanStatus" are identifiers).
    caps = [i for i, c in enumerate(token) if c.isupper()]
    if len(caps) != 1 or caps[0] < 2:
        return None
    head, tail = token[: caps[0]], token[caps[0] :]
    if not (head.islower() and tail[1:].islower() and len(tail) >= 3):
        return None
    if head in _PARTICLES or lex.zipf(head) < _STRONG_ZIPF - 0.5:
        return None
    if head in _CODE_VERBS:
        return None  # "getMark", "setGrace", "isJohn": identifiers
    if tail in resources.given_names():
        return head, tail  # given names are frequent words too ("john"): no frequency test
    if lex.zipf(tail) >= _HEAD_GLUE_TAIL_ZIPF:
        return None
    return (head, tail) if resources.gazetteer().lookup(tail) else None


def _foreign_sentence(doc: Document, word: Word, lex: resources.Lexicon) -> bool:
    """True when the sentence around ``word`` has other rare lower-case words: a sentence in
    another language ("non abbia precedentemente violato") or in jargon, where an unknown token
    says nothing about lost spaces."""
    rare = 0
    for other in doc.sentence_words(word.sentence):
        t = other.text
        if other.start == word.start or not (t.islower() and t.isalpha() and len(t) > 2):
            continue
        if lex.zipf(t) < _RARE_ZIPF:
            rare += 1
            if rare >= _RARE_NEIGHBOURS:
                return True
    return False


def check(doc: Document, ctx: Context) -> Iterator[Match]:
    text = doc.text
    lex = resources.lexicon()
    counts = doc.token_counts
    for word in doc.words:
        token = word.text
        if len(token) < _MIN_LEN or not token.isalpha() or token.isupper():
            continue
        if counts[token] > _REPEATS_ALLOWED:
            continue
        chunk = _chunk(text, word)
        if chunk.strip(_EDGE_PUNCT) != token or _NOT_PROSE_RE.search(chunk):
            continue
        if not token.islower() and chunk.rstrip(",.;!?)") != token:
            continue  # a quoted or labelled identifier: '"scanStatus":', "(myMacro)"
        split = _judge(token, word.position, doc, lex)
        if split is None or heuristics.in_code_span(text, word.start):
            continue
        if _foreign_sentence(doc, word, lex):
            continue
        if heuristics.looks_like_code(heuristics.line_at(text, word.start)):
            continue
        head, tail = split
        yield Match(
            word.start,
            word.end,
            f"'{token}' looks like two words run together ('{head} {tail}'): a space lost where "
            "link or bold markup was stripped, or by machine translation. A comma may be "
            "missing there too.",
            (f"{head} {tail}",),
            confidence=0.75,
            severity=Severity.WARNING,
        )


RULE = define("punctuation.glued-words", "warning", check, __doc__)
