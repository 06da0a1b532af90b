"""Hash values, UUIDs and tracking tokens left in the text.

What it does
    Flags standalone strings of 16 or more hexadecimal digits that mix digits and letters
    (MD5 hashes have 32, SHA-1 40, SHA-256 64), UUIDs ("123e4567-e89b-12d3-a456-426614174000") and
    long base64-like tokens that mix upper case, lower case and digits. A token inside a web
    address, an email address, a file name or code, a hexadecimal number written with "0x", and
    one introduced as a hash, ID, key, address or checksum is left alone.

Why it matters
    Content management systems and trackers put such identifiers next to the article text (cache
    keys, tracking pixels, image ids); scrapers copy them as if they were words. In a sentence
    they are noise no reader can use.

Example
    Copyright 2022 Example Media. 87990cbe856818d5eddac44c7b1cdeb8

Use instead
    Delete the token. If it is a real identifier the reader needs, introduce it ("commit hash
    ...") or put it in code formatting.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from qualitycheck.document import Document
from qualitycheck.finding import Match
from qualitycheck.rule import Context, define
from qualitycheck.scan import finditer
from qualitycheck.scan.programs import re_compile

_CANDIDATE_RE = re_compile(
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
    r"|[A-Za-z0-9+/_\-]{16,}={0,2}"
)
_HEX_RE = re_compile(r"[0-9a-fA-F]+")
_UUID_RE = re_compile(r"[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}")
_HASH_NAMES = {32: "an MD5 hash", 40: "a SHA-1 hash", 64: "a SHA-256 hash"}
# Punctuation that may surround a standalone token in prose.
_EDGE = "\"'“”‘’«»()[]{}<>.,;:!?…"
# Words that introduce an identifier on purpose.
_INTRODUCED_RE = re_compile(
    r"\b(?:hash|sha-?\d*|md5|checksum|digest|commit|id|identifier|uuid|guid|key|token|address|"
    r"wallet|transaction|tx|txid|fingerprint|serial|code|ref|reference)\W{0,3}(?:is|was|:|=|of)?"
    r"\W{0,3}$",
    re.IGNORECASE,
)
_CODE_CHARS = frozenset("`=;{}$\\")


def _chunk(text: str, start: int, end: int) -> tuple[int, int]:
    """The white-space-delimited chunk around ``text[start:end]``."""
    s = start
    while s > 0 and not text[s - 1].isspace():
        s -= 1
    e = end
    while e < len(text) and not text[e].isspace():
        e += 1
    return s, e


def _standalone(text: str, start: int, end: int) -> bool:
    """The token is a whole word of its own: nothing but punctuation around it (so not part of a
    URL, an email address, a file name or a version string)."""
    s, e = _chunk(text, start, end)
    chunk = text[s:e]
    if any(c in _CODE_CHARS for c in chunk):
        return False
    return text[s:start].strip(_EDGE) == "" and text[end:e].strip(_EDGE) == ""


def _classify(token: str) -> tuple[str, float] | None:
    """What the token looks like and how sure we are, or None for something else."""
    if _UUID_RE.fullmatch(token):
        return "a UUID", 0.9
    if _HEX_RE.fullmatch(token):
        has_digit = any(c.isdigit() for c in token)
        has_letter = any(c.isalpha() for c in token)
        if not (has_digit and has_letter):
            return None
        letters = [c for c in token if c.isalpha()]
        one_case = all(c.islower() for c in letters) or all(c.isupper() for c in letters)
        if len(token) in _HASH_NAMES and one_case:
            return _HASH_NAMES[len(token)], 0.9
        return f"a {len(token)}-digit hexadecimal string", 0.75 if one_case else 0.55
    body = token.rstrip("=")
    if len(body) < 20:
        return None
    digits = sum(c.isdigit() for c in body)
    upper = sum(c.isupper() for c in body)
    lower = sum(c.islower() for c in body)
    if digits >= 3 and upper >= 3 and lower >= 3 and _looks_random(body):
        return "a base64-like tracking token", 0.6
    return None


def _looks_random(token: str) -> bool:
    """Case and character class change often, unlike CamelCase words or product codes."""
    changes = 0
    for a, b in pairwise(token):
        if a.isdigit() != b.isdigit() or (
            a.isalpha() and b.isalpha() and a.isupper() != b.isupper()
        ):
            changes += 1
    return changes >= len(token) / 3


def check(doc: Document, ctx: Context) -> Iterator[Match]:
    text = doc.text
    for m in finditer(doc, _CANDIDATE_RE):
        start, end = m.span()
        token = m.group().strip("-_")
        start += m.group().index(token) if token else 0
        end = start + len(token)
        if not token or not _standalone(text, start, end):
            continue
        if token[:2].lower() == "0x" or text[max(0, start - 2) : start].lower() == "0x":
            continue  # a number written in hexadecimal on purpose
        if _INTRODUCED_RE.search(text[max(0, start - 40) : start]):
            continue
        kind = _classify(token)
        if kind is None:
            continue
        what, confidence = kind
        yield Match(
            start,
            end,
            f"'{token}' looks like {what}: an identifier from the web page (a cache key, tracking "
            "or image id) that the scraper copied into the text",
            confidence=confidence,
        )


RULE = define("junk.hex-token", "warning", check, __doc__)
