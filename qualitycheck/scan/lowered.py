"""Text lower-cased character for character, and the letters where that differs from what a
case-insensitive pattern sees."""

from __future__ import annotations

import string
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from qualitycheck.document import Document

# Letters that a case-insensitive pattern matches to an ASCII letter although they do not
# lower-case to it: "İ" and "ı" (i), "ſ" (s), the Kelvin sign (k). Where the text has none, a
# word a case-insensitive pattern matches shows in the lower-cased text as the word itself.
FOLDS_TO_ASCII = "\u0130\u0131\u017f\u212a"

_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def lower_same_length(text: str) -> str:
    """``text`` lower-cased character for character: same length, same offsets (the few
    characters that grow when lower-cased, such as "İ", are left alone)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return text.translate(_ASCII_LOWER)


def lowered_text(doc: Document) -> str:
    """``lower_same_length(doc.text)``, computed once per document for every rule that asks."""
    return doc.memo("lowered_text", _lowered_text)


def _lowered_text(doc: Document) -> str:
    return lower_same_length(doc.text)
