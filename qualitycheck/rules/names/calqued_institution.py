"""An institution's name left in the source language's word order: "Agency State Meteorology".

What it does
    Flags a capitalised name that opens with the head noun of an institution ("Agency",
    "Ministry", "Institute", "Office", "Council", "Commission", "Bureau"...) directly followed by
    an institutional adjective ("State", "National", "Federal", "Regional", "General"...) and at
    least one more capitalised word, all of them English words: the order of a Spanish, Italian,
    French or Portuguese name ("Agencia Estatal de Meteorología", "Istituto Nazionale di
    Statistica") carried word for word into English. The suggestion puts the head noun last.

    The name must follow a lower-case word ("at the Agency State Meteorology"), on its line or
    at the end of the line before when a scraper broke the sentence there, so title-case
    headlines and longer English names ("Health Ministry General Secretary") are left alone, and
    so are names kept in their own language (they carry "de", "di", "des" or accented words:
    "Office National des Forêts").

Why it matters
    English puts the head of a name last ("State Meteorological Agency", "National Statistics
    Institute"); machine translation from Romance languages keeps the head first and drops the
    "of", which leaves a name no English reader would search for and that no English source uses.

Example
    Forecasters at the Agency State Meteorology warned of storms on Sunday.

Use instead
    Forecasters at the State Meteorological Agency warned of storms on Sunday.
"""

from __future__ import annotations

from collections.abc import Iterator

from qualitycheck.document import Document
from qualitycheck.finding import Match
from qualitycheck.rule import Context, define
from qualitycheck.scan import finditer
from qualitycheck.scan.programs import re_compile

_HEADS = (
    "Agency|Ministry|Institute|Office|Council|Commission|Committee|Department|Authority|Bureau"
    "|Directorate|Secretariat|Federation|Association|Confederation|Observatory|Inspectorate"
    "|Service|Fund|Centre|Center|Board|Chamber|Academy|Court|Tribunal|Prosecutor|Registry"
)
_ADJECTIVES = (
    "State|National|Federal|Regional|Municipal|Provincial|Central|General|Supreme|Superior"
    "|Public|Metropolitan|Autonomous|Territorial|Interministerial|Intermunicipal"
)
# Head, adjective, then one to three more capitalised English-looking words (no accents).
_NAME_RE = re_compile(
    rf"\b(?P<head>{_HEADS})\s(?P<adj>{_ADJECTIVES})(?P<rest>(?:\s[A-Z][a-z]{{2,}}){{1,3}})\b"
)
# The word before must be lower case ("at the Agency ...", "by Ministry ..."): after a capitalised
# word the run is part of a longer English name or a title-case headline ("Health Ministry General
# Secretary Resigns").
_TAILS = frozenset({"Agency", "Office", "Service", "Institute", "Council", "Committee", "Fund"})


def check(doc: Document, ctx: Context) -> Iterator[Match]:
    text = doc.text
    for m in finditer(doc, _NAME_RE):
        rest = m.group("rest").split()
        if rest[-1] in _TAILS:
            continue  # "Office National Health Service": a head noun again at the end
        before = text[max(0, m.start() - 40) : m.start()]
        words_before = before.split()
        # A name opening a line counts only where the line before breaks off after a lower-case
        # word ("... the prediction of the" / "Agency State Meteorology"): a scraped link.
        split_line = before.endswith("\n") and before[-2:-1].isalpha()
        if not (before.endswith(" ") or split_line) or not words_before:
            continue  # opens a line or follows a mark: a headline, a list item, a path
        if not words_before[-1].isalpha():
            continue
        if not words_before[-1].islower():
            continue  # follows a capital: a title-case headline or a longer English name
        head, adj = m.group("head"), m.group("adj")
        suggestion = " ".join([adj, *rest, head])
        yield Match(
            m.start(),
            m.end(),
            f"'{m.group()}' keeps the word order of a Romance-language name (head noun "
            f"'{head}' first, no 'of'); English puts the head last, e.g. '{suggestion}'. Use the "
            "institution's official English name.",
            (suggestion,),
            confidence=0.7,
        )


RULE = define("names.calqued-institution", "warning", check, __doc__)
