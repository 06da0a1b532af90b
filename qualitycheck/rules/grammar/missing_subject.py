"""A clause with no subject, as pro-drop languages write it: "Still has not reached an agreement."

What it does
    Flags three shapes of a finite clause whose subject was left out:

    - a sentence that opens with "has", "have", "had", "is", "was", "were" or "are" (after an
      optional "Still", "Also", "Now", "Then", "Later", "Already", "Moreover", "Meanwhile")
      followed, past "not" or an adverb, by a participle or -ing form, and that ends with a full
      stop, not a question mark: "Has been increasing his share since 2019.", "Still has not
      reached an agreement.";
    - a sentence that opens with a reporting verb and "that": "Added that the talks would
      resume.", "Explained that the bridge was safe.";
    - "that" after a reporting verb, followed at once by a verb only a person can be the subject
      of: "adding that wants to stay", "she said that hopes to return", "explained that decided
      to leave" ("she said that helps", where "that" can be the subject, is left alone); and
      "is/was that" followed by a past-tense verb with its object: "what he confirmed was that
      ended their engagement" ("the result was that increased costs ...", where the word is an
      adjective, is left alone).

    Questions ("Has the minister resigned?"), inversions with a subject ("Had he known ..."),
    modal openers of documentation ("Can be used to ...", "May be given twice."), headings,
    list items and captions are left alone.

Why it matters
    Spanish, Italian, Portuguese, Polish, Russian and Ukrainian drop subject pronouns ("Todavía
    no ha llegado a un acuerdo"); the verb's ending says who. Machine translation often renders
    the verb and forgets the pronoun English needs, and the reader must work out who did what,
    sometimes wrongly.

Example
    The mayor met the union on Monday. Still has not reached an agreement on the new contract.

Use instead
    The mayor met the union on Monday. He still has not reached an agreement on the new contract.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from qualitycheck.document import Document
from qualitycheck.finding import Match
from qualitycheck.rule import Context, define

_MIN_WORDS = 5
_AUX = frozenset("has have had is was were are".split())
_OPENERS = frozenset(
    "still also now then later already moreover meanwhile furthermore besides additionally".split()
)
_BETWEEN = frozenset(
    "not also already never just still yet been long recently finally always".split()
)
_PARTICIPLE_TAGS = frozenset({"VBN", "VBG"})
_REPORTING = frozenset(
    """said says added adds adding explained explains explaining stressed stresses stressing
    noted notes noting stated states assured assures indicated indicates insisted insists
    insisting warned warns warning argued argues claimed claims recalled recalls recalling
    admitted admits admitting revealed reveals declared declares acknowledged acknowledges
    emphasised emphasized emphasises emphasizes commented comments announced announces confirmed
    confirms affirmed affirms assuring saying""".split()
)
# Verbs whose subject must be a person: right after "said that" they show the person is missing.
_PERSON_VERBS = frozenset(
    """wants wanted hopes hoped intends intended plans decided decides believes believed thinks
    knows knew regrets regretted promised promises prefers preferred tries tried refuses refused
    wishes wished feels dreams dreamed dreamt""".split()
)
_PROSE_KINDS = frozenset({"paragraph", "quote", "other"})
# Words that open an object: after "was that <verb>ed" they show the verb is finite.
_OBJECT_STARTS = frozenset("the a an their his her its our my your this these those".split())
_CLOSERS = "\"”’' )"


def _opening(words: Sequence[str], tags: Sequence[str]) -> int | None:
    """How many words of the subjectless opening ("Still has not reached"), or None."""
    i = 1 if words[0].lower() in _OPENERS else 0
    if i >= len(words) or words[i].lower() not in _AUX:
        return None
    if i == 1 and not words[1].islower():
        return None
    j = i + 1
    while j < len(words) - 1 and words[j] in _BETWEEN:
        j += 1
    if words[j].islower() and tags[j] in _PARTICIPLE_TAGS:
        return j + 1
    return None


def check(doc: Document, ctx: Context) -> Iterator[Match]:
    counts = doc.token_counts
    text = doc.text
    texts = doc.word_texts
    offsets = doc.sentence_word_offsets
    has_that = "that" in counts
    tagger = None
    for k, sent in enumerate(doc.sentences):
        a, b = offsets[k], offsets[k + 1]
        if b - a < _MIN_WORDS or doc.blocks[sent.block].kind not in _PROSE_KINDS:
            continue
        first = texts[a]
        opener = first.lower()
        aux_opening = opener in _AUX or (opener in _OPENERS and texts[a + 1].lower() in _AUX)
        reported = opener in _REPORTING and texts[a + 1] == "that"
        inner = [
            (i, verb)
            for i in (range(a + 1, b - 1) if has_that else ())
            if texts[i] == "that" and (verb := _verb_without_subject(texts, i, b))
        ]
        if not (aux_opening or reported or inner) or not first[:1].isupper():
            continue
        body = text[sent.start : sent.end].rstrip().rstrip(_CLOSERS)
        if not body.endswith("."):
            continue  # a question, or a cut-off line: another rule's business
        sentence = texts[a:b]
        if aux_opening:
            if tagger is None:
                from qualitycheck.resources import tagger as load_tagger

                tagger = load_tagger()
            n = _opening(sentence, tagger.tag(sentence))
            if n is not None:
                yield _match(doc, a, a + n - 1, "opens with a verb and no subject")
                continue
        if reported:
            yield _match(doc, a, a + 1, "opens with a reporting verb and no subject")
            continue
        for i, verb in inner:
            yield _match(doc, i, i + 1, f"has no subject for '{verb}'")


def _verb_without_subject(texts: Sequence[str], i: int, end: int) -> str | None:
    """The verb right after "that" (``texts[i]``) when the clause it opens has no subject:
    "said that hopes to", "the reason was that ended their ...". ``end``: the sentence's end."""
    before, verb = texts[i - 1].lower(), texts[i + 1]
    after = texts[i + 2] if i + 2 < end else ""
    if before in _REPORTING and verb in _PERSON_VERBS:
        if verb.endswith("ed") and after not in ("to", "that"):
            return None  # "added that wanted posters went up": a participle used as adjective
        return verb
    finite = before in ("is", "was") and verb.endswith("ed") and verb.islower()
    if finite and after.lower() in _OBJECT_STARTS:
        return verb  # "was that ended their courtship"; "was that increased costs" is English
    return None


def _match(doc: Document, first: int, last: int, what: str) -> Match:
    words = doc.words
    start, end = words[first].start, words[last].end
    return Match(
        start,
        end,
        f"This clause {what}: '{doc.text[start:end]}'. Languages that drop subject pronouns"
        " (Spanish, Italian, Polish, Russian) leave them out, and machine translation often"
        " forgets the 'he', 'she', 'it' or 'they' English needs. Add the subject.",
        confidence=0.55,
    )


RULE = define("grammar.missing-subject", "warning", check, __doc__)
