"""The name of a historical period or war written in lower case: "castles of the middle ages".

What it does
    Flags the proper names of periods and wars that edited English always capitalises when
    they are written in lower case: "the middle ages" (and the singular "the middle age" that
    translation from French, Spanish or Italian makes of it), "the first world war", "the second
    world war", "world war two". "Middle age" for a time of life ("in middle age", "the middle
    age group") is left alone, and so are names that house styles keep in lower case ("the cold
    war", "the industrial revolution").

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

import re
from collections.abc import Iterator

from qualitycheck.document import Document
from qualitycheck.finding import Match
from qualitycheck.rule import Context, define

# Names a house style never writes in lower case, with their capitalised form.
_NAMES_RE = re.compile(
    r"\b(?:the\s+(?P<middle>middle\s+ages?)"
    r"|the\s+(?P<ordinal>first|second)\s+world\s+war"
    r"|(?<![\w-])world\s+war\s+(?P<number>one|two|i|ii|1|2)\b)"
    r"(?!\s+(?:group|groups|bracket|brackets|range|band|bands|category|categories|cohort"
    r"|segment|spread|crisis|crises|adults?|men|women|people)\b)"
    r"(?![\w-])"
)
_NUMBERS = {"one": "One", "two": "Two", "i": "I", "ii": "II", "1": "I", "2": "II"}


def check(doc: Document, ctx: Context) -> Iterator[Match]:
    text = doc.text
    if "middle age" not in text and "world war" not in text:
        return  # most documents: nothing to look at
    for m in _NAMES_RE.finditer(text):
        if m.group("middle"):
            start, end = m.span("middle")
            proper = "Middle Ages"
        elif m.group("ordinal"):
            start, end = m.start("ordinal"), m.end()
            proper = f"{m.group('ordinal').title()} World War"
        else:
            start, end = m.span()
            proper = f"World War {_NUMBERS[m.group('number')]}"
        yield Match(
            start,
            end,
            f"'{text[start:end]}' is the name of a period or a war, which English capitalises"
            f" ('{proper}'); a lower-case name copied from the source language is typical of"
            " machine translation",
            suggestions=(proper,),
            confidence=0.7,
        )


RULE = define("case.lowercase-historical-name", "warning", check, __doc__)
