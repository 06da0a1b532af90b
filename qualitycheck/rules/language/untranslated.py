"""A sentence left in another language or script inside English text.

What it does
    Flags whole sentences that are not in English:

    - sentences written mostly in another script (Cyrillic, Arabic, Hebrew, Greek, Chinese,
      Japanese, Korean, Devanagari, Thai...), found from the Unicode script of their letters;
    - sentences of eight or more words in another Latin-script language (Spanish, French, German,
      Portuguese, Italian, Dutch, Polish, Turkish, Indonesian...). A cheap test comes first: only a
      sentence where many lower-case words are unknown to the English lexicon is passed to a
      language detector (lingua), so English prose costs next to nothing;
    - shorter sentences, from four words, and sentences whose words look English (German
      capitalises its nouns, and "die", "hat", "am" are English words too), when they hold at
      least three function words of a source language that are not English words ("und", "nicht",
      "wir", "que", "los", "pas", "che", "não", "się"; listed in
      ``rules/language/function-words.toml``), not counting those inside a name ("Rio de
      Janeiro", "von der Leyen"), in a sentence that ends with a full stop, question or exclamation
      mark and is not a table cell; the detector then decides, more strictly.

    The message names the script or the language the detector found. There is no suggestion: the
    sentence needs translating.

    It leaves alone foreign names and words inside English sentences: a short quotation or a
    phrase in brackets ("Kyiv (Київ)", "the so-called 'Zeitenwende'"), loanwords ("de facto",
    "raison d'être"), names of organisations in their own language, and English sentences full of
    foreign names.

Why it matters
    Machine-translation pipelines skip segments they cannot handle (a sentence inside a quote, a
    caption, a segment over the length limit) and pass them through untouched; scrapers pick up
    text from another language edition of a page. English readers cannot read it, and it shows that
    nobody checked the output.

Example
    The minister spoke after the meeting.
    La situación es muy grave y necesitamos ayuda de la comunidad internacional.

Use instead
    The minister spoke after the meeting.
    "The situation is very serious and we need help from the international community," she said.
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from qualitycheck.finding import Match
from qualitycheck.rule import Context, define
from qualitycheck.scan.programs import re_compile

if TYPE_CHECKING:
    from qualitycheck.document import Document

# Scripts written without spaces between words: count letters, not words.
_UNSPACED_SCRIPTS = frozenset({"CJK", "JAPANESE", "THAI", "LAO", "KHMER", "MYANMAR"})
_SCRIPT_NAMES = {
    "CJK": "Chinese characters",
    "JAPANESE": "Japanese script",
    "HANGUL": "Korean Hangul",
}

# Foreign-script thresholds: a real sentence, not a name.
MIN_FOREIGN_LETTERS = 15
MIN_FOREIGN_WORDS = 3
MIN_UNSPACED_CHARS = 8
MIN_FOREIGN_SHARE = 0.5

# Latin-script thresholds.
MIN_WORDS_FOR_DETECTION = 8
RARE_ZIPF = 2.5  # a lower-case word rarer than this is not ordinary English
MIN_RARE_WORDS = 3
MIN_RARE_SHARE = 0.35
MAX_ENGLISH_CONFIDENCE = 0.1

# Short sentences: judged from this many words when they hold this many source-language function
# words (and at least this share of their words), by a stricter detector verdict.
MIN_WORDS_SHORT = 4
MIN_MARKERS = 3
MIN_MARKER_SHARE = 0.3
MAX_ENGLISH_CONFIDENCE_SHORT = 0.05
COMMON_ZIPF = 4.0  # an English word this frequent ("she", "said") argues for English
MAX_COMMON_SHARE = 0.4

# Quotations and brackets this short are foreign names or phrases quoted on purpose.
MAX_QUOTED_WORDS = 6

_QUOTED_RE = re_compile(
    # The opening mark is left out of each body: a run of openers with no closer ("((((...")
    # would otherwise be scanned to its end from every opener, in quadratic time.
    r"“[^“”]*”|„[^„“”]*[“”]|«[^«»]*»|\"[^\"]*\"|‘[^‘’]*’(?!\w)|\([^()]*\)|\[[^\[\]]*\]"
)
_WORD_RE = re_compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
# A short sentence is judged only when it ends like one (not a table cell, a label or a title).
_SENTENCE_END_RE = re_compile(r"[.!?…][”\"’»)]*\s*$")
_NON_ASCII_RE = re_compile(r"[^\x00-\x7f]")
_FIRST_CHAR = operator.itemgetter(0)


@cache
def _script(ch: str) -> str:
    """The Unicode script of a letter, by the first word of its name ("LATIN", "CYRILLIC",
    "CJK"...); "LATIN" for ASCII."""
    if ch.isascii():
        return "LATIN"
    try:
        name = unicodedata.name(ch)
    except ValueError:
        return "UNKNOWN"
    first = name.split(" ", 1)[0]
    if first in ("FULLWIDTH", "HALFWIDTH"):
        return "CJK" if "LATIN" not in name else "LATIN"
    return first


def _script_label(script: str) -> str:
    return _SCRIPT_NAMES.get(script, script.title() + " script")


def _short_quotes_removed(text: str) -> str:
    """``text`` with short quotations and bracketed asides blanked out (same length)."""

    def blank(m: re.Match[str]) -> str:
        inner = m.group()
        if len(_WORD_RE.findall(inner)) <= MAX_QUOTED_WORDS:
            return " " * len(inner)
        return inner

    return _QUOTED_RE.sub(blank, text)


def _foreign_script(text: str) -> tuple[str, float] | None:
    """The dominant non-Latin script of ``text`` and its share of the letters, when the text is a
    real sentence in that script."""
    if text.isascii() or not any(
        ch.isalpha() and _script(ch) != "LATIN" for ch in _NON_ASCII_RE.findall(text)
    ):
        return None  # no letter of another script: the common case, settled cheaply
    # Each distinct character once, in order of first appearance (so scripts tie as they would in
    # a pass over every character).
    counts: dict[str, int] = {}
    letters = 0
    for ch, k in Counter(text).items():
        if ch.isalpha():
            letters += k
            if not ch.isascii():
                script = _script(ch)
                if script != "LATIN":
                    counts[script] = counts.get(script, 0) + k
    if not counts:
        return None
    if "HIRAGANA" in counts or "KATAKANA" in counts:  # Japanese mixes kana and kanji
        counts = {"JAPANESE": sum(counts.pop(k, 0) for k in ("HIRAGANA", "KATAKANA", "CJK"))}
    script, n = max(counts.items(), key=lambda kv: kv[1])
    share = n / letters
    if share < MIN_FOREIGN_SHARE:
        return None
    if script in _UNSPACED_SCRIPTS:
        return (script, share) if n >= MIN_UNSPACED_CHARS else None
    words = [w for w in _WORD_RE.findall(text) if any(_script(c) == script for c in w)]
    if n < MIN_FOREIGN_LETTERS or len(words) < MIN_FOREIGN_WORDS:
        return None
    return script, share


def looks_foreign(words: Sequence[str]) -> bool:
    """The cheap pre-filter: many lower-case words of the sentence are unknown or rare in English.
    Capitalised words are left out, so names do not count against English."""
    from qualitycheck.resources import lexicon

    # in C: the lower-case words' frequencies, sorted, so that bisect counts the rare ones
    first_lower = map(str.islower, map(_FIRST_CHAR, words))
    frequencies = sorted(map(lexicon().zipf, itertools.compress(words, first_lower)))
    n = len(frequencies)
    if n < MIN_RARE_WORDS:
        return False
    return bisect.bisect_left(frequencies, RARE_ZIPF) >= max(MIN_RARE_WORDS, MIN_RARE_SHARE * n)


_LANGUAGES = (
    "ENGLISH",
    "SPANISH",
    "FRENCH",
    "GERMAN",
    "PORTUGUESE",
    "ITALIAN",
    "DUTCH",
    "POLISH",
    "TURKISH",
    "INDONESIAN",
    "SWEDISH",
    "ROMANIAN",
    "VIETNAMESE",
    "TAGALOG",
    "SWAHILI",
)


@cache
def detector() -> Any:
    """The lingua detector, built once: low-accuracy mode (fast, small models) over a small set of
    Latin-script languages. Its models load on the first detection (~0.2 s)."""
    from lingua import Language, LanguageDetectorBuilder

    languages = [getattr(Language, name) for name in _LANGUAGES]
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


@lru_cache(maxsize=4096)
def detect_language(text: str) -> tuple[str, float, float]:
    """``(best language, its confidence, English confidence)`` for ``text`` (memoised: corpora
    repeat boilerplate sentences)."""
    values = detector().compute_language_confidence_values(text)
    best = values[0]
    english = next((v.value for v in values if v.language.name == "ENGLISH"), 0.0)
    return best.language.name.title(), float(best.value), float(english)


@cache
def function_words() -> frozenset[str]:
    """The source-language function words that are not English words (all languages together)."""
    from qualitycheck.resources import pack_table

    lists = pack_table("language/function-words.toml")
    return frozenset(w for words in lists.values() for w in words.split())


def _marker_bounds(doc: Document) -> list[int]:
    """For each sentence, how many of its words are source-language function words (an upper
    bound of what ``count_markers`` finds in it: names and quotations are not left out here)."""
    markers = function_words()
    weight = {
        token: 1 if token in markers or token.lower() in markers else 0
        for token in doc.token_counts
    }
    weights = list(map(weight.__getitem__, doc.word_texts))
    offsets = doc.sentence_word_offsets
    return [sum(weights[a:b]) for a, b in itertools.pairwise(offsets)]


def count_markers(words: Sequence[str]) -> int:
    """The source-language function words among ``words``, leaving out those between two
    capitalised words (the particles of a name: "Rio de Janeiro", "Partido dos Trabalhadores")."""
    markers = function_words()
    n = 0
    for i, w in enumerate(words):
        if (w.lower() if i == 0 else w) not in markers:
            continue
        if 0 < i < len(words) - 1 and words[i - 1][:1].isupper() and words[i + 1][:1].isupper():
            continue
        n += 1
    return n


def _common_english_share(words: Sequence[str]) -> float:
    """The share of the lower-case words that are frequent English words and no source-language
    function word: "she said" after a German quotation."""
    from qualitycheck.resources import lexicon

    zipf = lexicon().zipf
    markers = function_words()
    lower = [w for w in words if w[:1].islower()]
    if not lower:
        return 0.0
    common = sum(1 for w in lower if w not in markers and zipf(w) >= COMMON_ZIPF)
    return common / len(lower)


def _rare_word_bounds(doc: Document) -> list[int]:
    """For each sentence, at least as many as the rare lower-case words ``looks_foreign`` would
    count in it, from the document's own tokens (each looked up once): a sentence with fewer than
    ``MIN_RARE_WORDS`` cannot look foreign, and most English sentences are settled here.

    A document token made of letters (and inner apostrophes or hyphens) is exactly one word of
    ``_WORD_RE``; a token of digits holds none; any other token (letters and digits mixed) could
    hold several, and counts as enough to run the full test."""
    from qualitycheck.resources import lexicon

    zipf = lexicon().zipf
    weight: dict[str, int] = {}
    for token in doc.token_counts:
        core = token
        if not token.isalpha():  # most tokens are plain words
            core = token.replace("-", "").replace("'", "").replace("’", "")
        if core.isalpha():
            weight[token] = 1 if token[0].islower() and zipf(token) < RARE_ZIPF else 0
        else:
            weight[token] = 0 if core.isdecimal() else MIN_RARE_WORDS
    weights = list(map(weight.__getitem__, doc.word_texts))
    offsets = doc.sentence_word_offsets
    return [sum(weights[a:b]) for a, b in itertools.pairwise(offsets)]


def check(doc: Document, ctx: Context) -> Iterator[Match]:
    text = doc.text
    rare_bounds = _rare_word_bounds(doc)
    marker_bounds = _marker_bounds(doc)
    for si, sent in enumerate(doc.sentences):
        raw = text[sent.start : sent.end]
        ascii_only = raw.isascii()  # then no other script, and only the word tests can flag it
        few_rare = rare_bounds[si] < MIN_RARE_WORDS
        few_markers = marker_bounds[si] < MIN_MARKERS
        if ascii_only and few_rare and few_markers:
            continue
        body = _short_quotes_removed(raw)
        found = None if ascii_only else _foreign_script(body)
        if found is not None:
            script, share = found
            yield Match(
                sent.start,
                sent.end,
                f"This sentence is written in {_script_label(script)}, not English: text left"
                " untranslated by the translation pipeline, or picked up from another language"
                " edition of the page",
                confidence=0.9 if share >= 0.8 else 0.7,
            )
            continue
        if few_rare and few_markers:
            continue
        words = _WORD_RE.findall(body)
        long_test = not few_rare and len(words) >= MIN_WORDS_FOR_DETECTION and looks_foreign(words)
        short_test = False
        if (
            not long_test
            and not few_markers
            and len(words) >= MIN_WORDS_SHORT
            and _SENTENCE_END_RE.search(raw) is not None
            and doc.blocks[sent.block].kind != "table_cell"
        ):
            markers = count_markers(words)
            short_test = (
                markers >= MIN_MARKERS
                and markers >= MIN_MARKER_SHARE * len(words)
                and _common_english_share(words) < MAX_COMMON_SHARE
            )
        if not (long_test or short_test):
            continue
        if any(_script(c) != "LATIN" for w in words for c in w):
            continue  # mixed scripts: names in original script, not a Latin-script sentence
        language, confidence, english = detect_language(body)
        limit = MAX_ENGLISH_CONFIDENCE if long_test else MAX_ENGLISH_CONFIDENCE_SHORT
        if language == "English" or english > limit:
            continue
        yield Match(
            sent.start,
            sent.end,
            f"This sentence looks like {language}, not English (detected by its words): text"
            " left untranslated by the translation pipeline, or picked up from another language"
            " edition of the page",
            confidence=round(0.55 + (0.35 if long_test else 0.25) * confidence, 3),
        )


RULE = define("language.untranslated", "warning", check, __doc__)
