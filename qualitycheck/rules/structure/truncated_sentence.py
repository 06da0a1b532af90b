"""A sentence cut off at a line break: "The mayor wrote in" ⏎ "After the visitors left ...".

What it does
    Looks at the end of each prose paragraph (block) that is followed by another one. When the
    paragraph stops without a sentence end and its last word cannot end an English sentence (a
    preposition, article, conjunction, auxiliary or determiner: "wrote in", "said that", "the"), or
    it stops on a comma, or the next paragraph carries on in lower case, the sentence was cut at
    the line break. Headings, list items, table cells, captions, bylines, datelines, photo credits,
    sign-offs, title-case lines, lines ending with ":" and the last block of the document are left
    alone. Confidence is highest (and the severity an error) when the last word is an article,
    conjunction or preposition.

Why it matters
    Scrapers drop inline elements (a link to a social-media post, an embedded tweet, an ad) and
    keep the text around them; machine translation then treats each side as its own sentence.
    What is left is a sentence that stops mid-phrase and a next line that no longer makes sense.
    The missing words can only be recovered from the source.

Example
    The mayor wrote in
    After the visitors entered the building, he said he would not negotiate.

Use instead
    The mayor wrote in a post on Telegram that the talks were over.
    After the visitors entered the building, he said he would not negotiate.
"""

from __future__ import annotations

from collections.abc import Iterator

from qualitycheck import heuristics as h
from qualitycheck.document import Document
from qualitycheck.finding import Match, Severity
from qualitycheck.rule import Context, define
from qualitycheck.scan.programs import re_compile

_PROSE_KINDS = frozenset({"paragraph", "quote", "other"})
_LAST_TOKEN_RE = re_compile(r"([^\W_]+(?:['’\-][^\W_]+)*)\W*$")
# Prepositions that also close phrasal verbs ("the talks broke down", "prices went up").
_PARTICLES = frozenset("up down out off over back away around about".split())
# Words that may end a sentence even though they are listed as conjunctions or determiners.
_CAN_END = frozenset("so yet that this these those which what such either neither".split())
# "said that" cannot end a sentence even though "that" alone can ("I like that").
_REPORTING_VERBS = frozenset(
    """
    said says say told tells wrote writes added adds announced announces reported reports claimed
    claims stated states noted notes argued argues warned warns insisted insists believed believes
    explained explains thought thinks
    """.split()
)
# Verbs that need an object or a complement and so cannot close a sentence.
_OBJECT_NEEDED = frozenset("told according including regarding such".split())
_STRONG_ENDERS = (
    _OBJECT_NEEDED | h.ARTICLES | (h.CONJUNCTIONS - _CAN_END) | (h.PREPOSITIONS - _PARTICLES)
)
_WEAK_ENDERS = (
    (h.AUXILIARIES | h.DETERMINERS | h.PREPOSITIONS)
    - _PARTICLES
    - _CAN_END
    - {
        "am",
        "be",
        "been",
        "being",
        "do",
        "did",
        "does",
        "had",
        "has",
        "have",
        "is",
        "are",
        "was",
        "were",
    }
)


def _exempt(text: str) -> bool:
    """Lines that end without a full stop on purpose (``check`` has settled the paragraphs that
    end like a sentence and the blocks that are no prose)."""
    return (
        h.is_title_case(text)
        or h.is_all_caps(text)
        or h.is_list_item(text)
        or h.looks_like_byline(text)
        or h.looks_like_dateline(text + " ")
        or h.looks_like_caption_credit(text)
        or h.looks_like_signoff(text)
        or "©" in text
        or text.lower().startswith("copyright")
    )


_WH_WORDS = frozenset("what where who whom which why how when whose".split())
# "Things to look forward to", "Something to think about": infinitives strand prepositions.
_STRANDED_INFINITIVE_RE = re_compile(r"\bto\s+[a-z]+(?:\s+[a-z]+)?\s+[a-z]+\W*$")


def _strands_preposition(body: str) -> bool:
    """Short headings such as "What to watch for" or "Where the money comes from" end with a
    preposition legitimately."""
    tokens = h.words(body)
    if len(tokens) > 8:
        return False
    return tokens[0].lower() in _WH_WORDS or bool(_STRANDED_INFINITIVE_RE.search(body))


def _long_prose(body: str, sentences: int, first: bool) -> bool:
    """A paragraph of prose, not a headline: long, or several sentences long. The first line of
    a document is its headline, which may hold two short sentences and no full stop."""
    n = len(h.words(body))
    return n >= 25 or (sentences >= 2 and n >= 12 and not first)


def _starts_lower(text: str) -> bool:
    """Whether a line starts with a lower-case word that carries a sentence on: not a word
    lower-cased on purpose, such as "fMRI", "iPhone" or "eBay"."""
    m = _FIRST_TOKEN_RE.match(text)
    return m is not None and m.group()[:1].islower() and not any(map(str.isupper, m.group()))


_FIRST_TOKEN_RE = re_compile(r"[^\s,;:.!?)\]”’\"]+")


def _split_before_list(doc: Document, i: int) -> bool:
    """Whether the sentence of block ``i`` goes on across a column of short lines: the next
    line is a name of at most three words and the one after it opens with a comma, a full
    stop or a closing bracket ("... the rains will hit" / "Asturias" / ", Teruel"), the way a
    scraper leaves a sentence whose names were links."""
    blocks = doc.blocks
    if i + 2 >= len(blocks) or doc.block_word_counts[i + 1] > 3:
        return False
    name = doc.block_text(blocks[i + 1]).strip()
    after = doc.block_text(blocks[i + 2]).lstrip()
    return bool(name) and name[:1].isupper() and after[:1] in (",", ".", ";", ")")


def check(doc: Document, ctx: Context) -> Iterator[Match]:
    blocks = doc.blocks
    sentence_counts = [0] * len(blocks)
    for sentence in doc.sentences:
        sentence_counts[sentence.block] += 1
    for i, block in enumerate(blocks[:-1]):
        body = doc.block_text(block)
        if block.kind not in _PROSE_KINDS or h.ends_sentence(body, colon=True):
            continue  # the common case first: a paragraph that ends like a sentence
        if doc.block_word_counts[i] <= 2 or _exempt(body) or _strands_preposition(body):
            continue
        nxt_block = blocks[i + 1]
        nxt = doc.block_text(nxt_block).lstrip("“‘\"'«([ ")
        if nxt_block.kind in ("list_item", "table_cell") or h.is_list_item(nxt) or not nxt:
            continue
        continues_lower = _starts_lower(nxt)
        split = False
        stripped = body.rstrip()
        end = block.start + len(stripped)
        last_char = stripped[-1]
        m = _LAST_TOKEN_RE.search(stripped)
        if last_char in ",;" or (last_char in "—–-" and stripped[-2:-1] == " "):
            span = (end - 1, end)
            why = f"on '{last_char}'"
            confidence = 0.8
        elif m and m.end(1) == len(stripped):
            word = m.group(1)
            low = word.lower()
            span = (block.start + m.start(1), block.start + m.end(1))
            before = h.words(stripped[: m.start(1)])[-1:]
            after_report = low == "that" and bool(before) and before[0].lower() in _REPORTING_VERBS
            if low in _STRONG_ENDERS or after_report:
                confidence = 0.85
            elif low in _WEAK_ENDERS:
                confidence = 0.7
            elif continues_lower and not word[:1].isdigit():
                confidence = 0.55
            elif (
                _long_prose(body, sentence_counts[i], i == 0) and word.isalpha() and word.islower()
            ):
                # A long paragraph that simply stops: its last sentence was cut.
                confidence = 0.5
            elif word.isalpha() and word.islower() and _split_before_list(doc, i):
                confidence = 0.6
                split = True
            else:
                continue
            if confidence >= 0.7:
                why = f"after '{word}', a word that cannot end a sentence,"
            else:
                why = f"after '{word}' without a full stop,"
        else:
            continue
        if split:
            how = "and goes on across a column of one-name lines"
        elif continues_lower:
            how = "and the next line carries on in lower case"
            confidence = min(0.9, confidence + 0.05)
        else:
            how = "and the next line starts a new sentence"
        yield Match(
            span[0],
            span[1],
            f"The sentence stops at a line break {why} {how}: words were probably lost when the "
            "page was scraped or translated. Check the source for the missing text.",
            confidence=confidence,
            severity=Severity.ERROR if confidence >= 0.85 else None,
        )


RULE = define("structure.truncated-sentence", "warning", check, __doc__)
