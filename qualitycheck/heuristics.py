"""Cheap, shared heuristics about the shape of a line or block of text.

Rules use these to tell prose sentences from the other things a news page is made of: headlines,
bylines, datelines, photo credits, list items, sign-offs. Each function looks at one string,
needs no data files and no models, and errs on the side that keeps rules quiet: when a line
*might* be a byline, ``looks_like_byline`` says yes, so a rule that skips bylines does not fire
on it.

All functions take the text of one line or block (leading/trailing white space is ignored).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from qualitycheck.scan.lowered import FOLDS_TO_ASCII as FOLDS_TO_ASCII
from qualitycheck.scan.lowered import lower_same_length as lower_same_length
from qualitycheck.scan.lowered import lowered_text as lowered_text
from qualitycheck.scan.programs import re_compile

# Re-exported: rules written before the scanning layer import these from here.
from qualitycheck.scan.starts import matches_from as matches_from
from qualitycheck.segment import WORD_RE

if TYPE_CHECKING:
    pass

# -- word classes ------------------------------------------------------------------------------


def _wordset(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


ARTICLES = _wordset("a an the")

PREPOSITIONS = _wordset(
    """
    about above across after against along amid amidst among amongst around as at before behind
    below beneath beside besides between beyond by concerning despite down during except for from
    in inside into like near of off on onto out outside over past per regarding since through
    throughout till to toward towards under underneath unlike until unto up upon via with within
    without
    """
)

CONJUNCTIONS = _wordset(
    "and but or nor yet so because although though while whereas if unless whether that than"
)

AUXILIARIES = _wordset(
    """
    is are was were be been being am has have had having do does did will would shall should can
    could may might must
    """
)

DETERMINERS = _wordset(
    """
    a an the this that these those my your his her its our their some any no every each either
    neither another such what which whose
    """
)

# Words that may stay lower-case in a headline-style title.
TITLE_SMALL_WORDS = _wordset(
    """
    a an the and but or nor for so yet as at by in of on to up via vs v per off out from into onto
    with over than amid
    de del della der den des di do dos da du la le les van von ter bin ibn al el y e und
    """
)

# Common verbs and verb forms without a regular ending; any one of them suggests a clause.
_COMMON_VERBS = AUXILIARIES | _wordset(
    """
    say says said tell tells told go goes went gone come comes came get gets got gotten make makes
    made take takes took taken give gives gave given know knows knew known see sees saw seen think
    thinks thought find finds found keep keeps kept leave leaves left let lets put puts run runs ran
    set sets hold holds held bring brings brought begin begins began begun become becomes became
    show shows shown hear hears heard meet meets met pay pays paid lose loses lost win wins won
    build builds built buy buys bought send sends sent spend spends spent stand stands stood lead
    leads led fall falls fell fallen feel feels felt grow grows grew grown rise rises rose risen
    write writes wrote written speak speaks spoke spoken read reads seem seems want wants need needs
    use uses try tries call calls ask asks work works look looks help helps mean means
    fight fights fought flee flees fled hit hits cut cuts shut shuts quit sit sits sat
    withdrawn drawn shot struck sold stolen chosen driven broken hidden forgotten
    isn't aren't wasn't weren't hasn't haven't hadn't doesn't don't didn't won't wouldn't
    can't cannot couldn't shouldn't mustn't mightn't
    """
)

# Lower-case words ending in -ed/-s that are rarely verbs (nouns, adjectives, adverbs).
_NOT_VERBS = _wordset(
    """
    bed red shed seed speed feed breed weed deed steed hundred sacred naked wicked kindred hatred
    this his its as us yes plus thus bus gas news series species always
    perhaps sometimes besides towards afterwards whereas less unless across process
    analysis crisis basis thesis status campus virus census bonus focus
    """
)


def words(text: str) -> list[str]:
    """The word tokens of ``text`` (letters/digits, with inner apostrophes and hyphens)."""
    return WORD_RE.findall(text)


# -- capitalisation ----------------------------------------------------------------------------


def _is_capitalised_token(token: str) -> bool:
    """ "Kyiv", "UN", and names with a lower-case particle: "al-Assad", "d’Orsay"."""
    if token[:1].isupper():
        return True
    for sep in "-’'":
        if sep not in token:
            continue
        head, _, tail = token.partition(sep)
        if tail[:1].isupper() and len(head) <= 3:
            return True
    return False


def is_title_case(text: str) -> bool:
    """True for headline-style capitalisation ("Russia Steps Up Attacks on the Southern Coast").

    The first word is capitalised, and every content word is capitalised, except that in a long
    line (seven or more content words) one lower-case content word is tolerated. Small words
    (articles, short prepositions and conjunctions, name particles such as "de", "van", "al") may
    stay lower-case. Numbers are ignored. Words in all capitals count as capitalised. A line with
    no letters is not title case.

    A sentence crowded with names ("Kherson Mayor Igor Kulekhaev wrote in") is *not* title case:
    its verb is lower-case.
    """
    # token by token: most sentences are decided early
    return is_title_case_tokens(m.group() for m in WORD_RE.finditer(text))


def is_title_case_tokens(tokens: Iterable[str]) -> bool:
    """``is_title_case`` of a text given as its word tokens (``words(text)``, or the texts of the
    ``Document.words`` it spans), for callers that have them already."""
    first = True
    content = lower = 0
    small = TITLE_SMALL_WORDS
    for t in tokens:
        c = t[:1]
        if c.isdigit():
            continue
        if first:
            if not (c.isupper() or _is_capitalised_token(t)):
                return False
            first = False
            continue
        if c.isupper():  # a capitalised word is content or small: either way it passes
            if t.lower() not in small:
                content += 1
            continue
        if t.lower() in small:
            continue
        content += 1
        if not _is_capitalised_token(t):
            lower += 1
            if lower > 1:  # most sentences stop here, after two lower-case words
                return False
    if first:  # no word that is not a number
        return False
    return lower == 0 or content + 1 >= 7


_ASCII_LOWER_RE = re_compile("[a-z]")


def is_all_caps(text: str) -> bool:
    """True when the text has at least two letters and none of them is lower-case ("BREAKING")."""
    if _ASCII_LOWER_RE.search(text):  # the common case, found without a pass over every letter
        return False
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and not any(c.islower() for c in letters)


# -- sentence ends -----------------------------------------------------------------------------

_CLOSERS = "\"'”’»)]}"
_TERMINALS = ".!?…"


def ends_sentence(text: str, *, colon: bool = False) -> bool:
    """True when ``text`` ends like a sentence: with ``.``, ``!``, ``?`` or ``…``, possibly followed
    by closing quotes or brackets ("...he said.”", "(see below.)"). With ``colon=True`` a final
    ``:`` (a line introducing a list or a quotation) counts as well.

    Abbreviations ("U.S.") end with a full stop too and so count as sentence ends: this is about
    the shape of the line, not about syntax.
    """
    s = text.rstrip()
    while s and s[-1] in _CLOSERS:
        s = s[:-1].rstrip()
    if not s:
        return False
    return s[-1] in _TERMINALS or (colon and s[-1] == ":")


# -- bylines, datelines, credits, sign-offs ----------------------------------------------------

_NAME = r"[A-Z][\w.'’\-]*"
_NAME_SEQ = rf"{_NAME}(?:\s+(?:{_NAME}|de|da|van|von|der|al-\w+|bin|el|la|le))*"

_BYLINE_RES = (
    # "By Ana Souza", "BY ANA SOUZA and LEE MIN-JUN", "By Ana Souza, Reuters": the whole line is
    # names joined by commas, "and", "&", "|"
    re_compile(rf"^(?:By|BY)\s+{_NAME_SEQ}(?:\s*(?:,|;|\||&|\band\b|\bAND\b)\s*{_NAME_SEQ})*\.?$"),
    # "Reporting by ...; Editing by ...", "Additional reporting by ...", "Written by ..."
    re_compile(
        r"^(?:additional\s+)?(?:reporting|writing|editing|written|edited|compiled|"
        r"produced|photography|graphics|research|translated|translation)\s+by\b",
        re.IGNORECASE,
    ),
    # "Ana Souza is a correspondent for ..."/"Ana Souza reported from Lagos"
    re_compile(rf"^{_NAME_SEQ}\s+reported\s+from\s+{_NAME}\.?$"),
)
# "Ana Souza contributed reporting", "... contributed to this article/report": searched anywhere
# in the line, so only run when the line has the word (in any case; see _may_contain)
_CONTRIBUTED_RE = re_compile(
    r"\bcontributed\s+(?:reporting|research|to\s+(?:this|the)\b)", re.IGNORECASE
)


def looks_like_byline(text: str) -> bool:
    """True for author and credit lines: "By Ana Souza and Lee Min-jun", "Reporting by Ana Souza;
    Editing by Lee Min-jun", "Ana Souza contributed reporting", "Lee Min-jun contributed to this
    article." Only short lines (at most 30 words) qualify."""
    s = text.strip()
    # the patterns first: most lines fail them at once, and counting words costs more
    if not s:
        return False
    if not (
        any(r.match(s) for r in _BYLINE_RES)
        or (_may_contain(s, "contributed") and _CONTRIBUTED_RE.search(s))
    ):
        return False
    return not more_words_than(s, 30)


def _may_contain(text: str, word: str) -> bool:
    """False only when ``text`` surely lacks ``word`` (lower-case ASCII) in any case, also as an
    IGNORECASE regex sees it (see ``FOLDS_TO_ASCII``)."""
    return word in text.lower() or any(c in text for c in FOLDS_TO_ASCII)


def more_words_than(text: str, limit: int) -> bool:
    """``len(words(text)) > limit``, without tokenising a long paragraph to the end."""
    return next(itertools.islice(WORD_RE.finditer(text), limit, None), None) is not None


_DASH = r"(?:—|–|--|-)"
_AGENCY = r"(?:\((?:[A-Z][\w.&/ ]{0,30})\)\s*)?"
_DATELINE_RES = (
    # "LAGOS, Nigeria —", "KYIV, Ukraine (AP) —", "Kyiv, Ukraine –", "SAN JOSE, Calif. —"
    re_compile(
        rf"^(?:[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){{0,3}})"
        rf",\s+(?:[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){{0,3}})\s*{_AGENCY}{_DASH}\s+"
    ),
    # "WASHINGTON —", "LAGOS (Reuters) -", "NEW YORK, March 3 (Reuters) -"
    re_compile(
        rf"^[A-Z][A-Z.'’\-]+(?:\s+[A-Z][A-Z.'’\-]+){{0,3}}"
        rf"(?:,\s+[A-Z][a-z]+\.?\s+\d{{1,2}})?\s*{_AGENCY}{_DASH}\s+"
    ),
    # "Kyiv (Reuters) -" : a capitalised place followed by an agency tag and a dash
    re_compile(
        rf"^[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){{0,3}}\s*\([A-Z][\w.&/ ]{{0,30}}\)\s*"
        rf"{_DASH}\s+"
    ),
)


# Sentence adverbs that can open "However, Kyiv — which ..." and are no place names.
_NOT_PLACES = _wordset(
    "however meanwhile still now then yet but and instead indeed also later earlier today so"
)


def dateline_end(text: str) -> int:
    """Length of the dateline that opens ``text`` ("KYIV, Ukraine (AP) — "), including the dash and
    the space after it; 0 when the text does not open with one. Rules use it to know where the
    first sentence really starts."""
    first = words(text[:40])
    if first and first[0].lower() in _NOT_PLACES:
        return 0
    for r in _DATELINE_RES:
        m = r.match(text)
        if m:
            return m.end()
    return 0


def looks_like_dateline(text: str) -> bool:
    """True when ``text`` opens with a news dateline: "LAGOS, Nigeria — ...", "KYIV, Ukraine (AP)
    — ...", "Kyiv, Ukraine – ...", "WASHINGTON (Reuters) - ..."."""
    return dateline_end(text) > 0


_CREDIT_RE = re_compile(
    r"""
    \((?:photo|photograph|picture|image|video|file\s+photo|credit)s?\s*:[^)]{0,200}\)   # (Photo: X)
    | \((?:AP|AFP|Reuters|EPA|Getty)\s+Photo[^)]{0,200}\)                         # (AP Photo/Name)
    | ^(?:photo|photograph|picture|image|illustration|video|credit)s?\s*(?:by\b|:)  # Photo by
    | \bvia\s+Getty\s+Images\b | \bGetty\s+Images\b | \bShutterstock\b
    | \b(?:Reuters|AFP|AP|EPA|Bloomberg|Xinhua|Anadolu)\s*/\s*[A-Z]                # Reuters/Name
    | [A-Z][\w.'’\-]{0,60}\s*/\s*(?:Reuters|AFP|AP|EPA|Bloomberg|Getty\s+Images)\b  # Name/AFP
    | \bfile\s+photo\b
    """,
    re.IGNORECASE | re.VERBOSE,
)


# Every alternative of _CREDIT_RE without a "/" needs one of these words (in any case): text
# without them, and without the three characters that IGNORECASE also takes for an "s" or an "i"
# but ``str.lower`` does not turn into one, cannot match, and is told so without running the
# regex over a long paragraph.
_CREDIT_WORDS = ("photo", "picture", "image", "illustration", "video", "credit", "getty", "shutter")


def looks_like_caption_credit(text: str) -> bool:
    """True when ``text`` carries a photo or image credit: "(Photo: Reuters)", "Photo by Ana
    Souza", "Photograph: Lee Min-jun/AFP", "AFP via Getty Images", "(AP Photo/Ana Souza)"."""
    s = text.strip()
    if "/" not in s and "ſ" not in s and "ı" not in s and "İ" not in s:
        low = s.lower()
        if not any(w in low for w in _CREDIT_WORDS):
            return False
    return bool(_CREDIT_RE.search(s))


_SIGNOFF_RE = re_compile(r"^(?:[—–\-]{1,2}\s*[A-Z][\w.&'’ ]{0,40}|\((?:[A-Z][\w.&/ ]{0,30})\))\.?$")


def looks_like_signoff(text: str) -> bool:
    """True for agency sign-offs and tags on a line of their own: "— Reuters", "-- AP",
    "(Reuters)"."""
    return bool(_SIGNOFF_RE.match(text.strip()))


# -- lists -------------------------------------------------------------------------------------

_LIST_ITEM_RE = re_compile(
    r"""^\s*(?:
        [\-*+•·▪◦‣●○■□►▶✓✔]\s+          # bullets
      | \d{1,3}[.)]\s+                  # 1. 2)
      | \(\d{1,3}\)\s+                  # (1)
      | \(?[a-zA-Z][.)]\s+(?=\S)        # a) (b) c.
      | \(?(?:i|ii|iii|iv|v|vi|vii|viii|ix|x)[.)]\s+   # roman numerals
    )""",
    re.VERBOSE,
)


def is_list_item(text: str) -> bool:
    """True when ``text`` starts with a list marker: a bullet ("- ", "* ", "• "), a number
    ("1. ", "2) ", "(3) "), a letter ("a) ", "(b) ") or a small roman numeral ("iv. ")."""
    m = _LIST_ITEM_RE.match(text)
    if not m:
        return False
    # "A. Smith said" is an initial, not a list label: letter labels must be lower-case or
    # bracketed.
    label = m.group().strip()
    return not (len(label) == 2 and label[0].isupper() and label[1] == ".")


# -- verbs -------------------------------------------------------------------------------------


def has_verb_hint(text: str) -> bool:
    """A cheap guess whether ``text`` contains a verb, for spotting verbless fragments.

    Yes when a word is a common verb, auxiliary or irregular form ("is", "said", "won't",
    "fought"), or a lower-case word looks inflected: at least four letters ending in "-ed"
    ("launched"), or ending in "-s" when it is not the first word ("Putin speaks"). Words that only
    look inflected ("hundred", "news", "crisis") are excepted.

    It is generous on purpose: a plural noun ("Economic sanctions") passes for a verb, which only
    keeps a fragment rule quiet. "Russian President" and "Economic fallout" have no verb hint.
    """
    tokens = words(text)
    for i, tok in enumerate(tokens):
        low = tok.lower().replace("’", "'")
        if low in _COMMON_VERBS or low.endswith("n't"):
            return True
        if not tok[:1].islower() or low in _NOT_VERBS or len(low) < 4:
            continue
        if low.endswith("ed"):
            return True
        if i > 0 and low.endswith("s") and not low.endswith(("ss", "us", "is", "'s")):
            return True
    return False


# -- code ----------------------------------------------------------------------------------------

# Shapes of a line that is code, markup or data rather than prose: a call "f(x)", a field list
# ":param x:", a literal block "::", a JSON key '"key": ', an assignment "x = 1", a line ending
# with a brace or semicolon, a shell prompt, a keyword that starts a statement.
_CODE_LINE_RE = re_compile(
    r"""(?<!\w)[^\W\d]\w*\((?!s\))     # a call: f(x), dirlist() (not "word(s)")
      | ^[ \t]*[:.]{1,2}[a-z]\w*          # :param ..., .. note
      | ::
      | ["']\w[\w.-]*["']\s*:\s         # "key": value
      | \w\s*[+\-*/%]?=\s*[\w"'\[({]    # x = 1, y += 2
      | [{};]\s*$
      | ^[ \t]*(?:[$>%#]\s|>>>|\.\.\.\s)   # prompts
      | ^[ \t]*(?:def|class|import|from\s+\S+\s+import|return|var|let|const|function|if\s*\()\b
    """,
    re.VERBOSE | re.MULTILINE,
)


def line_at(text: str, pos: int) -> str:
    """The line of ``text`` that holds ``text[pos]``."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return text[start : len(text) if end < 0 else end]


def in_code_span(text: str, pos: int) -> bool:
    """True when ``text[pos]`` lies between two backticks of its line (a Markdown code span left
    in plain text: `echo $ 12`)."""
    start = text.rfind("\n", 0, pos) + 1
    if text.count("`", start, pos) % 2 == 0:
        return False
    end = text.find("\n", pos)
    return "`" in text[pos : len(text) if end < 0 else end]


def looks_like_code(line: str) -> bool:
    """True when a line has the shape of code, markup or data (a call, an assignment, a JSON key,
    a field list, a prompt) rather than of prose. Prose with "word(s)" or "(see below)" passes."""
    return _CODE_LINE_RE.search(line) is not None
