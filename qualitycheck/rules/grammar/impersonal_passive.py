"""An impersonal "it" passive with the subject left after the verb: "it is expected hail".

What it does
    Flags "it is/was/will be ... expected (estimated, allowed, forbidden, registered ...)"
    followed directly by a noun phrase that ends the clause: "where it is expected hail", "it
    was registered an increase of 4%", "it is allowed one bag per passenger". The noun phrase is
    the real subject and English puts it first ("where hail is expected"). Left alone: an
    infinitive or a "that" clause after the verb ("it is expected to rain", "it is expected that
    ..."), a clause whose "that" was dropped, which has a verb of its own ("it is expected the
    minister will resign", "it is estimated 300 people attended"), and time words alone ("it was
    announced yesterday").

Why it matters
    Spanish, Italian and Portuguese say "se espera granizo", "si prevede pioggia": an
    impersonal reflexive with the subject after the verb. Machine translation renders it word
    by word as "it is expected hail", which no English writer produces; the sentence reads as
    translated at once.

Example
    Storms will reach the coast tonight, and in the mountains it is expected heavy snow.

Use instead
    Storms will reach the coast tonight, and heavy snow is expected in the mountains.
"""

from __future__ import annotations

from collections.abc import Iterator

from qualitycheck.document import Document
from qualitycheck.finding import Match
from qualitycheck.rule import Context, define
from qualitycheck.scan import finditer
from qualitycheck.scan.programs import re_compile

_VERBS = (
    "expected|estimated|planned|forecast|scheduled|foreseen|hoped|feared|prohibited|forbidden"
    "|allowed|permitted|required|needed|registered|recorded|observed|detected|awaited|predicted"
    "|anticipated|projected|calculated|proposed|offered|sold|approved|celebrated|organised"
    "|organized|announced|reported"
)
_PASSIVE_RE = re_compile(
    r"\b[Ii]t\s+(?P<be>is|was|will\s+be|would\s+be|has\s+been|had\s+been|is\s+being"
    r"|was\s+being)\s+(?:also\s+|now\s+|still\s+|again\s+)?(?P<verb>" + _VERBS + r")\s+"
)
# The rest of the clause: up to a comma, semicolon, colon, full stop, bracket or line end.
_CLAUSE_RE = re_compile(r"[^,;:.!?()\[\]\n\"“”]*")
_MAX_WORDS = 12  # a longer clause after the verb may be a dropped "that" with a verb in it
_NOT_A_SUBJECT = frozenset(
    """to that by in on at for from with as and or but if when where while because since until
    after before during within without than so then soon later now today tonight tomorrow
    yesterday already again also still only just very more less here there this last next
    not never ever over under into onto upon about around across against between among through
    throughout despite live online together abroad overseas home alone first once twice""".split()
)
# A noun phrase starts here; a base verb ("hail", "rain" read as verbs) is no English either.
_NP_TAGS = frozenset({"DT", "CD", "JJ", "NN", "NNS", "PRP$", "VB"})
_NOUNISH = frozenset({"JJ", "NN", "NNS"})
_FINITE = frozenset({"VBD", "VBZ", "MD"})
_PLURAL = {
    "is": "are",
    "was": "were",
    "has been": "have been",
    "is being": "are being",
    "was being": "were being",
}
_TIME_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday week month year morning evening
    night weekend day days week weeks month months year years hour hours decade decades
    minute minutes century centuries""".split()
)


def check(doc: Document, ctx: Context) -> Iterator[Match]:
    text = doc.text
    tagger = None
    for m in finditer(doc, _PASSIVE_RE):
        clause = _CLAUSE_RE.match(text, m.end())
        rest = text[m.end() : clause.end() if clause else m.end()]
        words = rest.split()
        if not words or len(words) > _MAX_WORDS:
            continue  # nothing after the verb, or a long clause that may be a dropped "that"
        first = words[0].lower()
        if first in _NOT_A_SUBJECT or not first.isalnum():
            continue
        lowered = [w.lower() for w in words]
        if lowered[0] in _TIME_WORDS or "ago" in lowered or lowered[1:2] == ["times"]:
            continue  # "it was planned months ago", "it was reported two times": no subject
        if len(lowered) > 1 and lowered[0].isdigit() and lowered[1] in _TIME_WORDS:
            continue  # "it was built 20 years before"
        if tagger is None:
            from qualitycheck.resources import tagger as load_tagger

            tagger = load_tagger()
        before = text[max(0, m.start() - 60) : m.end()].split()[-6:]
        tags = tagger.tag([*before, *words])[len(before) :]
        if tags[0] not in _NP_TAGS or any(t in _FINITE for t in tags[1:]):
            continue  # not a noun phrase, or it has a verb: "it is expected the minister will"
        if tags[0] == "JJ" and (len(words) == 1 or tags[1] not in _NOUNISH):
            continue  # "it was offered free of charge", "it was feared dead": a complement
        end = m.end() + len(rest.rstrip())
        be = " ".join(m.group("be").split())
        if tags[-1] == "NNS":
            be = _PLURAL.get(be, be)
        english = f"{' '.join(words)} {be} {m.group('verb')}"
        yield Match(
            m.start(),
            end,
            f"'{text[m.start() : end]}' keeps the word order of a Spanish or Italian impersonal"
            f" ('se espera granizo', 'si prevede pioggia'): in English the subject comes first"
            f" ('{english}')",
            confidence=0.6,
        )


RULE = define("grammar.impersonal-passive", "warning", check, __doc__)
