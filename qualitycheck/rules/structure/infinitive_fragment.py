"""A sentence that is only a purpose clause: "Specifically, to prove their income and to apply."

What it does
    Flags a sentence of eight words or more that opens with an infinitive ("To ...", "In order
    to ...", or a linking adverb and a comma before it: "Specifically, to ...", "In particular,
    to ..."), goes on with a second infinitive joined by "and" or "or" ("to prove ... and to
    apply ..."), and has no main clause: no finite verb anywhere (no "is", "was", "can", "said",
    no verb in the past or present tense, as the part-of-speech tagger reads it), no subject
    pronoun, and no comma that would hand over to a main clause or a command ("To reset it, hold
    the button."; commas inside an example list after a dash or "such as" do not count). The
    infinitives announce purposes or requirements, and the clause that would say whose never
    comes.

Why it matters
    Machine translation cuts long source sentences where the source had a colon or a list
    ("Specifically: to prove ..."), or keeps the purpose clause and loses the main clause that
    followed it. What remains reads as a list item pasted into prose; the reader cannot tell who
    must do what.

Example
    Specifically, to prove their income and to be able to apply for the grant this year.

Use instead
    Specifically, they must prove their income to be able to apply for the grant this year.
"""

from __future__ import annotations

from collections.abc import Iterator

from qualitycheck.document import Document
from qualitycheck.finding import Match
from qualitycheck.rule import Context, define
from qualitycheck.scan.programs import re_compile

_MIN_WORDS = 8
# "To prove", "In order to prove", "So as to prove", "Specifically, to prove", "Also, in order to".
_OPENING_RE = re_compile(
    r"(?:[A-Z][a-z]+(?:\s+[a-z]+)?,\s+)?(?:(?:[Ii]n\s+order|[Ss]o\s+as)\s+)?[Tt]o\s+[a-z]"
)
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_PROSE_KINDS = frozenset({"paragraph", "quote", "other"})


_SUBJECT_PRONOUNS = frozenset({"i", "you", "we", "they", "he", "she", "it", "one"})
# What opens an aside or an example list, after which commas separate list items, not clauses.
_ASIDE_RE = re_compile(r"\s[-–—]\s|[(\[]|\bsuch\s+as\b|\bincluding\b|\blike\b")
_SECOND_INFINITIVE_RE = re_compile(r"\b(?:and|or)\s+(?:then\s+|also\s+)?to\s+[a-z]")


def _has_main_clause(words: list[str], tags: list[str], head: str) -> bool:
    """True when something in the sentence can carry a main clause."""
    if any(tag in _FINITE for tag in tags):
        return True
    if any(w.lower() in _SUBJECT_PRONOUNS for w in words[1:]):
        return True  # "To install it you need ...": the tagger may miss the verb, not the subject
    # A comma, semicolon or colon before any aside hands over to a main clause or a command.
    return any(mark in head for mark in ",;:")


def check(doc: Document, ctx: Context) -> Iterator[Match]:
    text = doc.text
    counts = doc.sentence_word_offsets
    texts = doc.word_texts
    tagger = None
    for k, sent in enumerate(doc.sentences):
        opening = _OPENING_RE.match(text, sent.start, sent.end)
        if opening is None:
            continue  # most sentences
        a, b = counts[k], counts[k + 1]
        if b - a < _MIN_WORDS or doc.blocks[sent.block].kind not in _PROSE_KINDS:
            continue
        body = text[sent.start : sent.end].rstrip()
        if not body.endswith("."):
            continue  # a question, an exclamation or a cut-off line is another rule's business
        rest = text[opening.end() - 1 : sent.start + len(body)]  # after "Specifically, to "
        aside = _ASIDE_RE.search(rest)
        head = rest[: aside.start()] if aside else rest
        if not _SECOND_INFINITIVE_RE.search(head):
            continue  # one purpose clause: "To apply, fill in the form" is usual prose
        if tagger is None:
            from qualitycheck.resources import tagger as load_tagger

            tagger = load_tagger()
        words = texts[a:b]
        tags = tagger.tag(words)
        to = next((i for i, w in enumerate(words[:5]) if w.lower() == "to"), None)
        if to is None or to + 1 >= len(tags) or tags[to + 1] != "VB":
            continue  # "To the north, ..." or "To date ...": no infinitive
        if _has_main_clause(words, tags, head):
            continue
        yield Match(
            sent.start,
            sent.start + len(body),
            "This sentence is only a purpose clause: it opens with an infinitive and has no"
            " finite verb, so the clause saying who must do it never comes, a split typical of"
            ' machine translation. Add the subject and verb ("they must prove ...") or join it'
            " to the sentence before.",
            confidence=0.55,
        )


RULE = define("structure.infinitive-fragment", "warning", check, __doc__)
