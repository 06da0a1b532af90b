"""A sentence or paragraph that starts with a lower-case letter.

What it does
    Flags the first word of a sentence that begins with a lower-case letter although the text
    before it ends a sentence: a paragraph or line of its own after one that ends with a full stop
    ("write to the author at ..."), or a sentence after a full stop inside a paragraph ("The talks
    ended. the delegates left."). The suggestion capitalises the first letter.

    It stays quiet when the lower case is deliberate or is not a sentence start at all: brands and
    identifiers written in lower case ("iPhone", "eBay", "mRNA", "@handle", "www.", "https://",
    "e.g.", "x = 3"); list items and lines after a colon, comma or semicolon; a line that continues
    a sentence the previous line left open (a hard-wrapped paragraph, or a truncated sentence,
    which ``structure.truncated-sentence`` reports); text after an abbreviation the sentence
    splitter took for a full stop ("Calif. residents"); speech tags after a quoted question or
    exclamation ("'Why?' she asked"); headings, captions and table cells. The first word after a
    dateline ("LIMA (AP) — ", "MEXICO CITY.- ") is a sentence start too. A name particle at the
    start ("de Gaulle", "van Gogh") is only an info note: some house styles keep it lower case.

Why it matters
    Machine translation and scraping split and re-join sentences; a fragment that lost its first
    word, a sentence re-assembled from two, or a line whose capital was lost in segmentation all
    begin in lower case.

Example
    write to the newsroom at the address below.

Use instead
    Write to the newsroom at the address below.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from qualitycheck import heuristics, resources
from qualitycheck.document import Document, Sentence
from qualitycheck.finding import Match, Severity
from qualitycheck.rule import Context, define
from qualitycheck.scan.programs import re_compile

# Lower-case name particles that some styles keep lower case even at the start of a sentence.
NAME_PARTICLES = frozenset(
    "de di da du des del della dos das van von der den ter le la al el bin ibn ben d'".split()
)

_SKIPPED_KINDS = frozenset({"heading", "caption", "table_cell", "other"})
# Below this Zipf frequency a word is not ordinary English: a brand, a tool, a handle.
_UNKNOWN_WORD_ZIPF = 2.0
# The raw token at the start: up to the next white space.
_RAW_TOKEN_RE = re_compile(r"\S+")
# Identifiers, addresses and code rather than words.
_CODE_LIKE_RE = re_compile(
    r"""^(?:
        https?:|ftp:|www\.|mailto:           # addresses
      | [@#$%&/\\~`<{\[|]                    # handles, hashtags, paths, markup
      | \w+\.\w                              # e.g. i.e. example.com file.py
      | \w*[_=(){}<>]                        # snake_case, x=1, call()
    )""",
    re.VERBOSE,
)
_CODE_LINE_RE = re_compile(r"^\s*[\w.]+\s*(?:[-+*/%]?=|==|=>|->|:=)\s*\S")


def _is_latin(ch: str) -> bool:
    return ch.isascii() or unicodedata.name(ch, "").startswith("LATIN")


def _sentence_word(doc: Document, sent: Sentence) -> tuple[int, int, str] | None:
    """The first word of ``sent`` as ``(start, end, raw token)`` when the sentence begins with a
    lower-case letter right away (not after a quotation mark, bracket or digit)."""
    text = doc.text
    start = sent.start
    first = text[start]
    if not first.isalpha() or not first.islower() or not _is_latin(first):
        return None  # Georgian and other scripts have their own rules; untranslated text is
        # language.untranslated's business
    m = _RAW_TOKEN_RE.match(text, start, sent.end)
    raw = m.group() if m else text[start]
    words = doc.words_between(start, sent.end)
    if not words or words[0].start != start:
        return None
    return start, words[0].end, raw


def _deliberate_lower_case(raw: str, word: str, sentence_text: str) -> bool:
    """Brands, identifiers, code: lower case on purpose."""
    if any(c.isupper() for c in word):  # "iPhone", "eBay", "mRNA", "pH"
        return True
    if _CODE_LIKE_RE.match(raw) or _CODE_LINE_RE.match(sentence_text):
        return True
    if "/" in raw or re.search(r"\w\.\w", raw):  # a path or file name: "docs/rules.md"
        return True
    if len(word) == 1 and raw[1:2] in (")", ".", ":"):  # "a) apples", "x: the width"
        return True
    # Not an English word at all: a lower-case brand, tool or handle ("textstat", "npm"). Lost
    # capitals in machine translation hit ordinary words ("write to ...").
    stem = re.sub(r"['’]s$", "", word)
    return resources.lexicon().zipf(stem) < _UNKNOWN_WORD_ZIPF


def _after_abbreviation_or_speech(prev_text: str) -> bool:
    """The previous "sentence" ends where a lower-case continuation is normal: after ?, ! or …,
    after a closing quotation mark, or after a full stop that closes an
    abbreviation; only ever asked within one paragraph."""
    s = prev_text.rstrip()
    if not s:
        return False
    if s[-1] in "\"'”’»)]":
        return True  # "'Why?' she asked", a bracketed aside
    if s.endswith(("...", "…", "?", "!")):
        return True
    if not s.endswith("."):
        return True  # the splitter cut somewhere else: not a plain full stop
    m = re.search(r"(\S+)\.$", s)
    last = m.group(1) if m else ""
    if not last:
        return True
    # "Calif.", "approx.", "Sen.", "U.S.", "No.": short, capitalised or dotted tokens
    return "." in last or (last[:1].isupper() and len(last) <= 5) or len(last) <= 2


# The dateline of the Spanish-language press, kept by translation: "MEXICO CITY.- ", "Lima.– ",
# "Bogotá (EFE).- ". (The English forms are heuristics.dateline_end's.)
_DOTTED_DATELINE_RE = re_compile(
    r"[A-ZÀ-Þ][\w'’\-]*(?:\s+(?:(?:de|del|la|las|los|do|da|dos|das|di)\s+)?[A-ZÀ-Þ][\w'’\-]*){0,3}"
    r"(?:,\s+[A-ZÀ-Þ][\w'’\-]*){0,2}"
    r"(?:\s*\([^()\n]{1,30}\))?\s*\.\s?[-–—]\s*"
)


def _after_dateline(doc: Document) -> Iterator[Match]:
    """A paragraph that opens with a dateline and goes on in lower case: "LIMA (AP) — the ..."."""
    text = doc.text
    for block in doc.blocks:
        if block.kind in _SKIPPED_KINDS or not text[block.start : block.start + 1].isupper():
            continue
        head = text[block.start : min(block.end, block.start + 80)]
        if "-" not in head and "–" not in head and "—" not in head:
            continue  # every dateline (both patterns) ends with a dash: most paragraphs have none
        m = _DOTTED_DATELINE_RE.match(head)
        end = m.end() if m else heuristics.dateline_end(head)
        if not end or end >= len(head) or not head[end].islower() or not _is_latin(head[end]):
            continue
        start = block.start + end
        words = doc.words_between(start, block.end)
        if not words or words[0].start != start:
            continue
        raw_m = _RAW_TOKEN_RE.match(text, start, block.end)
        raw = raw_m.group() if raw_m else words[0].text
        sentence_text = text[start : block.end]
        if _deliberate_lower_case(raw, words[0].text, sentence_text):
            continue
        word = words[0].text
        yield Match(
            start,
            words[0].end,
            f"The sentence after the dateline starts with a lower-case letter ('{word}'); the"
            " first word after a dateline is capitalised. A lost capital like this is typical"
            " of machine translation",
            suggestions=(word[:1].upper() + word[1:],),
            confidence=0.7,
        )


def check(doc: Document, ctx: Context) -> Iterator[Match]:
    yield from _after_dateline(doc)
    text = doc.text
    previous_by_block: dict[int, Sentence] = {}
    for sent in doc.sentences:
        prev_in_block = previous_by_block.get(sent.block)
        previous_by_block[sent.block] = sent
        if not text[sent.start].islower():
            continue  # most sentences: nothing to look at
        block = doc.blocks[sent.block]
        if block.kind in _SKIPPED_KINDS:
            continue
        block_text = doc.block_text(block)
        if block.kind == "list_item" or heuristics.is_list_item(block_text):
            continue
        first = _sentence_word(doc, sent)
        if first is None:
            continue
        start, end, raw = first
        word = text[start:end]
        sentence_text = text[sent.start : sent.end]
        if _deliberate_lower_case(raw, word, sentence_text):
            continue

        if prev_in_block is not None:
            if _after_abbreviation_or_speech(text[prev_in_block.start : prev_in_block.end]):
                continue
            where = "after a full stop"
            confidence = 0.7
        else:
            if sent.block > 0:
                prev_block = doc.blocks[sent.block - 1]
                prev_text = doc.block_text(prev_block)
                if prev_block.kind == "heading":
                    pass  # a heading closes what came before it
                elif not heuristics.ends_sentence(prev_text):
                    continue  # a continuation or a truncated sentence: another rule's business
                # otherwise a paragraph break is a real boundary, even after a closing quote
            where = "at the start of a paragraph" if sent.block > 0 else "at the start of the text"
            confidence = 0.75

        capitalised = word[:1].upper() + word[1:]
        if word.lower() in NAME_PARTICLES or raw.lower().startswith(("d'", "d’")):
            yield Match(
                start,
                end,
                f"The sentence starts with the lower-case name particle '{word}'; most styles"
                " capitalise it at the start of a sentence",
                suggestions=(capitalised,),
                confidence=0.3,
                severity=Severity.INFO,
            )
            continue
        yield Match(
            start,
            end,
            f"The sentence starts with a lower-case letter ('{word}') {where}; a sentence that"
            " lost its capital or its first words is typical of machine translation and"
            " scraping",
            suggestions=(capitalised,),
            confidence=confidence,
        )


RULE = define("case.lowercase-sentence-start", "warning", check, __doc__)
