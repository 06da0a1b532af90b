"""'Its' for a person: "councillor Ana Ruiz has increased its presence in the debates".

What it does
    Flags "its" when the subject of its clause is a person, named with a title or role here or
    elsewhere in the text ("the councillor Ana Ruiz", "Mr. Tomasz Nowak", "coach Luis Vidal"),
    and only a verb group stands between the name and "its" ("has been increasing its", "will
    present its own"). Left alone:
    a sentence, or the sentence before it, that speaks of an organisation or a thing "its" may
    refer to ("The club's coach Luis Vidal praised its young players" after "The club ..."),
    a name without a title (a company called after its founder: "Louis Vuitton raised its
    prices"), and a verb group with anything else in it.

Why it matters
    Spanish, Portuguese, Italian and French use one possessive for "his", "her" and "its"
    ("su", "seu", "suo", "son"); machine translation picks "its" and turns a person into a
    thing. Readers notice at once.

Example
    The councillor Ana Ruiz has been increasing its participation in the debates.

Use instead
    The councillor Ana Ruiz has been increasing her participation in the debates.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import compress

from qualitycheck.document import Document
from qualitycheck.finding import Match
from qualitycheck.names import find_name_mentions
from qualitycheck.rule import Context, define

_VERB_TAGS = frozenset({"MD", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "RB"})
_MAX_VERB_GROUP = 4
# Nouns of organisations and things "its" may refer to instead of the person.
_ORGANISATIONS = frozenset(
    """government company club team party council ministry city town village country nation
    firm group bank agency board committee union league federation association organisation
    organization army police state region province municipality administration authority
    commission institute university school hospital department office court parliament
    assembly senate congress cabinet coalition campaign programme program project plan
    business brand band orchestra choir network channel station newspaper magazine network
    museum festival church foundation society movement industry sector market economy
    side squad franchise city's club's team's company's government's""".split()
)
# Titles that are not people, or not always: "Crown Prosecution Service", "Speaker" of a device.
_NOT_PERSON_TITLES = frozenset({"crown", "chair", "speaker", "general", "private", "major"})


def check(doc: Document, ctx: Context) -> Iterator[Match]:
    if "its" not in doc.token_counts:
        return
    texts = doc.word_texts
    words = doc.words
    offsets = doc.sentence_word_offsets
    tagger = None
    mentions = [m for m in find_name_mentions(doc) if not m.feature]
    # People: names that carry a title somewhere in the text ("the candidate Lin Mei-hua").
    people = {
        tuple(t.text for t in m.tokens)
        for m in mentions
        if m.title and m.title not in _NOT_PERSON_TITLES
    }
    if not people:
        return
    # Only the sentences with an "its" in them (found in C) can hold a finding.
    with_its = {words[i].sentence for i in compress(range(len(texts)), map("its".__eq__, texts))}
    for m in mentions:
        if m.sentence not in with_its or tuple(t.text for t in m.tokens) not in people:
            continue
        first = doc.count_words(0, m.end)  # the word after the name
        sentence = words[first - 1].sentence
        end = min(offsets[sentence + 1], first + _MAX_VERB_GROUP + 1)
        try:
            k = texts.index("its", first, end)
        except ValueError:
            continue
        if k == first or k + 1 >= offsets[sentence + 1]:
            continue
        group = texts[first:k]
        if not all(w.islower() and w.isalpha() for w in group):
            continue
        # Every gap in the verb group is plain space: no comma, no quotation, no bracket.
        if any(doc.text[words[i].end : words[i + 1].start].strip() for i in range(first - 1, k)):
            continue
        before = range(offsets[max(0, sentence - 1)], k)
        if any(texts[i].lower() in _ORGANISATIONS for i in before):
            continue
        if tagger is None:
            from qualitycheck.resources import tagger as load_tagger

            tagger = load_tagger()
        tags = tagger.tag([*texts[first - 2 : first], *group, "its", texts[k + 1]])[2:]
        if not all(t in _VERB_TAGS for t in tags[: len(group)]):
            continue
        if not (tags[-1].startswith("NN") or texts[k + 1] == "own"):
            continue
        name = doc.text[m.tokens[0].start : m.tokens[-1].end]
        its = words[k]
        yield Match(
            its.start,
            its.end,
            f"'its' refers to a thing, but the subject here is {name}, a person:"
            " English uses 'his' or 'her'. One possessive for people and things (Spanish 'su',"
            " Italian 'suo', French 'son') is typical of machine translation",
            suggestions=("his", "her"),
            confidence=0.6,
        )


RULE = define("grammar.its-for-person", "warning", check, __doc__)
