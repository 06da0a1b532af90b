"""A word translated by its everyday meaning where the text's field means something else.

What it does
    Flags a word that machine translation renders by its common English sense where the source
    language uses it as a term of one field, but only in a document about that field: "the
    technician" in a football report (Spanish and Portuguese "técnico", the coach), "the
    platoon" in a cycling report ("pelotón", the peloton), "the main grid" in a tennis report
    (Russian "основная сетка", the main draw), "the driver" of a television programme
    ("conductora", the host). The terms, their fields and the words that show a document's field
    are in ``rules/phrasing/false-friends.toml``: a term is reported when the document has at
    least two distinct words of its field (and, for the television sense of "driver", no word
    of traffic or racing). A modifier that makes the everyday sense right is left alone ("the lab
    technician", "a bus driver"), as is a word that a following word makes English ("no history
    of violence", "affiliated with a union"), and a capitalised word (a name: "Archer scored
    twice"). Fields so far: football, cycling, tennis, motorsport, television, technology
    (Russian tech slang: "the stuffing", "iron" for hardware, "flagman"), police ("no history"
    for no criminal record, "a denunciation", "research sources" for the investigation),
    energy ("the social bonus", "the price of light")
    and employment ("40,000 affiliated"). Some terms are an adjective left without its noun,
    reported only before punctuation: "played on the central." in a tennis report (Spanish "la
    central", Russian "центральный корт": Centre Court).

Why it matters
    The reader of a football report who meets "the technician said the team lacked effort" has
    to guess that the coach is meant; a translator would never write it. These words are right
    in other texts, which is why no dictionary-based checker flags them.

Example
    The club lost the derby 2-0 and the fans booed the players. After the match the technician said the squad had lacked effort.

Use instead
    The club lost the derby 2-0 and the fans booed the players. After the match the coach said the squad had lacked effort.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any, NamedTuple

from qualitycheck.document import Document
from qualitycheck.finding import Match
from qualitycheck.rule import Context, define
from qualitycheck.scan import finditer
from qualitycheck.scan.programs import re_compile


class _Term(NamedTuple):
    pattern: re.Pattern[str]
    needs: tuple[frozenset[str], ...]  # the words of each spelling: scan only where all occur
    field: str
    means: str
    source: str
    not_after: frozenset[str]
    not_before: frozenset[str]
    at_end: bool  # reported only before punctuation: an adjective left without its noun


class _Table(NamedTuple):
    terms: tuple[_Term, ...]
    fields: dict[str, frozenset[str]]
    unless: dict[str, frozenset[str]]
    min_context: int


@cache
def _table() -> _Table:
    from qualitycheck.resources import pack_table

    data: dict[str, Any] = pack_table("phrasing/false-friends.toml")
    fields = {name: frozenset(f["words"]) for name, f in data["fields"].items()}
    unless = {name: frozenset(f.get("unless", ())) for name, f in data["fields"].items()}
    terms = tuple(
        _Term(
            # Lower case only: a capitalised occurrence is a name or a heading, never reported.
            re_compile(r"\b(?:" + "|".join(re.escape(w) for w in t["words"]) + r")\b"),
            tuple(frozenset(w.split()) for w in t["words"]),
            t["field"],
            t["means"],
            t["source"],
            frozenset(t.get("not-after", ())),
            frozenset(t.get("not-before", ())),
            bool(t.get("at-end", False)),
        )
        for t in data["term"]
    )
    return _Table(terms, fields, unless, int(data["min-context"]))


_WORD_BEFORE_RE = re_compile(r"([\w-]+)[ \t]*$")
_WORD_AFTER_RE = re_compile(r"[ \t]{0,8}([\w-]+)")  # bounded: a run of spaces stays linear
_AT_END_RE = re_compile(r"[ \t]{0,8}(?:[.,;:!?)\n]|$)")


def check(doc: Document, ctx: Context) -> Iterator[Match]:
    table = _table()
    counts = doc.token_counts
    present: dict[str, bool] = {}
    text = doc.text
    lowered = {w.lower() for w in counts}
    for term in table.terms:
        field = term.field
        if field not in present:
            context = table.fields[field] & lowered
            present[field] = len(context) >= table.min_context and not (
                table.unless[field] & lowered
            )
        if not present[field] or not any(words <= counts.keys() for words in term.needs):
            continue
        for m in finditer(doc, term.pattern):
            before = _WORD_BEFORE_RE.search(text, max(0, m.start() - 40), m.start())
            if before and before.group(1).lower() in term.not_after:
                continue
            if term.at_end and not _AT_END_RE.match(text, m.end()):
                continue
            if term.not_before:
                after = _WORD_AFTER_RE.match(text, m.end(), m.end() + 40)
                if after and after.group(1).lower() in term.not_before:
                    continue
            context_words = sorted(table.fields[field] & lowered)[:3]
            yield Match(
                m.start(),
                m.end(),
                f"In a text about {field} ({', '.join(context_words)} ...), '{m.group()}' reads"
                f" like a translation of {term.source}, which there means '{term.means}'",
                suggestions=(term.means,),
                confidence=0.6,
            )


RULE = define("phrasing.false-friend", "warning", check, __doc__)
