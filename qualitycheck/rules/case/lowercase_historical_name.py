"""The name of a historical period or war written in lower case, as the source language has it.

What it does
    Flags the proper names of periods and wars that edited English always capitalises, when
    they are written in lower case: the Middle Ages (and the singular that translation from
    French, Spanish or Italian makes of it), the First and the Second World War, World War One
    and Two. Middle age as a time of life ("in middle age", "the middle age group") is left
    alone, and so are names that house styles keep in lower case ("the cold war", "the
    industrial revolution").

Why it matters
    Languages such as French, Spanish and Italian write these names in lower case ("le moyen
    âge", "la segunda guerra mundial"), and machine translation copies the case and often the
    number too. The result reads as an ordinary phrase, not as the name of a period.

Example
    The village walls were built to keep out the bandits of the middle age.

Use instead
    The village walls were built to keep out the bandits of the Middle Ages.
"""

from __future__ import annotations

from collections.abc import Iterator

from qualitycheck.document import Document
from qualitycheck.finding import Match
from qualitycheck.rule import Context, define
from qualitycheck.scan.programs import re_compile

# Names a house style never writes in lower case. Each pattern opens with a literal, which the
# regex engine finds fast; what comes before it is looked at only where it matched.
_MIDDLE_RE = re_compile(r"middle\s+ages?\b")
_WAR_RE = re_compile(r"world\s+war\b(?:\s+(one|two|i|ii|1|2)\b)?")
_THE_BEFORE_RE = re_compile(r"(?<![\w-])the\s+$")
_ORDINAL_BEFORE_RE = re_compile(r"(?<![\w-])the\s+(first|second)\s+$")
# After "middle age": a time of life, not the period.
_AGE_GROUP_RE = re_compile(
    r"\s(?:group|groups|bracket|brackets|range|band|bands|category|categories|cohort|segment"
    r"|spread|crisis|crises|adults?|men|women|people)\b"
)
_NUMBERS = {"one": "One", "two": "Two", "i": "I", "ii": "II", "1": "I", "2": "II"}


def check(doc: Document, ctx: Context) -> Iterator[Match]:
    text = doc.text
    if "middle" in text:
        for m in _MIDDLE_RE.finditer(text):
            if not _THE_BEFORE_RE.search(text, max(0, m.start() - 8), m.start()):
                continue  # "in middle age": a time of life
            if _AGE_GROUP_RE.match(text, m.end()) or text[m.end() : m.end() + 1] == "-":
                continue
            yield _match(text, m.start(), m.end(), "Middle Ages")
    if "world war" in text:
        for m in _WAR_RE.finditer(text):
            if text[m.end() : m.end() + 1] == "-" or text[m.start() - 1 : m.start()] == "-":
                continue  # "pre-world war two", "world war-era"
            before = _ORDINAL_BEFORE_RE.search(text, max(0, m.start() - 16), m.start())
            if before is not None:
                ordinal = before.group(1)
                yield _match(text, before.start(1), m.end(), f"{ordinal.title()} World War")
            elif m.group(1):
                yield _match(text, m.start(), m.end(), f"World War {_NUMBERS[m.group(1)]}")


def _match(text: str, start: int, end: int, proper: str) -> Match:
    return Match(
        start,
        end,
        f"'{text[start:end]}' is the name of a period or a war, which English capitalises"
        f" ('{proper}'); a lower-case name copied from the source language is typical of"
        " machine translation",
        suggestions=(proper,),
        confidence=0.7,
    )


RULE = define("case.lowercase-historical-name", "warning", check, __doc__)
