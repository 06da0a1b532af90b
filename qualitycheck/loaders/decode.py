"""Bytes to text: BOMs, UTF-8, a guarded fallback to charset detection, and refusing binary data.

Order of decisions:

1. ``encoding`` given (``--encoding``): decode strictly with it; an unknown name or undecodable bytes
   is an error with the reason.
2. A byte-order mark: UTF-32 (LE/BE), UTF-8, UTF-16 (LE/BE). The BOM is not part of the text.
3. NUL bytes in the first 8 KB: UTF-16 without a BOM when the NULs sit on every other byte and the
   data decodes, otherwise binary data.
4. Valid UTF-8.
5. Otherwise charset-normalizer (imported lazily); only a confident guess is accepted.

Decoded text with a high share of control characters is refused as binary too.
"""

from __future__ import annotations

import codecs
import functools
from typing import Any

SAMPLE_SIZE = 8192
# Share of control characters (other than tab, line breaks and form feed) above which decoded
# text is taken for binary data.
MAX_CONTROL_SHARE = 0.05
# The largest "chaos" (mess ratio) of a charset-normalizer guess that we accept.
MAX_DETECTION_CHAOS = 0.2
MIN_DETECTION_COHERENCE = 0.2
MIN_ASCII_SHARE = 0.8

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v\x1b")


class LoadError(Exception):
    """The input cannot be checked; ``str(error)`` is a one-line reason for the user."""


def decode(data: bytes, encoding: str | None = None) -> str:
    """Decode ``data`` to text (see the module docstring), or raise :class:`LoadError`."""
    text = _decode_declared(data, encoding) if encoding else _decode_detected(data)
    if text.startswith("\ufeff"):
        text = text[1:]
    if _looks_binary_text(text):
        raise LoadError("not a text file (binary data)")
    return text


def _decode_declared(data: bytes, encoding: str) -> str:
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise LoadError(f"unknown encoding {encoding!r}") from None
    if name == "utf-8" and data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode(name)
    except UnicodeDecodeError as exc:
        raise LoadError(
            f"cannot decode as {encoding}: byte 0x{data[exc.start]:02x} at offset {exc.start} "
            f"({exc.reason})"
        ) from None
    except (UnicodeError, LookupError) as exc:  # codecs that are not text encodings
        raise LoadError(f"cannot decode as {encoding}: {exc}") from None


def _decode_detected(data: bytes) -> str:
    if not data:
        return ""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(name)
            except UnicodeDecodeError:
                raise LoadError(
                    f"cannot decode as {name.upper()} although the file starts with its "
                    "byte-order mark"
                ) from None
    sample = data[:SAMPLE_SIZE]
    if b"\x00" in sample:
        utf16 = _bomless_utf16(sample)
        if utf16 is not None:
            try:
                return data.decode(utf16)
            except UnicodeDecodeError:
                pass
        raise LoadError("not a text file (binary data)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    guess = _detect(data)
    if guess is None:
        raise LoadError("cannot decode as UTF-8 and no encoding detected")
    return guess


def _bomless_utf16(sample: bytes) -> str | None:
    """UTF-16 without a BOM, as Windows tools write it: mostly ASCII text, so one byte of every
    pair is NUL and the other almost never is."""
    even, odd = sample[0::2], sample[1::2]
    if len(odd) < 2:
        return None
    even_nuls, odd_nuls = even.count(0), odd.count(0)
    if odd_nuls >= 0.6 * len(odd) and even_nuls <= 0.05 * len(even):
        return "utf-16-le"
    if even_nuls >= 0.6 * len(even) and odd_nuls <= 0.05 * len(odd):
        return "utf-16-be"
    return None


@functools.cache
def _charset_normalizer() -> Any:
    import charset_normalizer

    return charset_normalizer


def _detect(data: bytes) -> str | None:
    """A confident guess at a legacy encoding, or None.

    Mostly-ASCII text whose other bytes read as Latin letters and typographic marks in Windows-1252
    is taken as Windows-1252 (the usual legacy encoding of English text; charset-normalizer's
    guesses are unreliable on such files, picking e.g. cp852). Otherwise charset-normalizer's
    best guess is accepted only with little mess and a language that fits (coherence); short
    gibberish decodes "cleanly" in many code pages and is refused."""
    western = _as_western(data)
    if western is not None:
        return western
    best = _charset_normalizer().from_bytes(data).best()
    if best is None or best.chaos > MAX_DETECTION_CHAOS:
        return None
    if best.coherence < MIN_DETECTION_COHERENCE:
        return None
    return str(best)


_WESTERN_MARKS = frozenset("€‚„…†‡ˆ‰‹‘’“”•–—˜™›¡¢£¥§©«®°±²³´µ¶·¹º»¼½¾¿×÷\xa0")


def _as_western(data: bytes) -> str | None:
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    others = [ch for ch in text if ch >= "\x80"]
    if len(others) > (1 - MIN_ASCII_SHARE) * len(text):
        return None
    plausible = sum(1 for ch in others if ch.isalpha() or ch in _WESTERN_MARKS)
    return text if plausible >= 0.95 * len(others) else None


def _looks_binary_text(text: str) -> bool:
    sample = text[:SAMPLE_SIZE]
    if not sample:
        return False
    if "\x00" in sample:
        return True
    controls = sum(1 for ch in sample if ch < " " and ch not in _ALLOWED_CONTROLS)
    controls += sum(1 for ch in sample if "\x7f" <= ch <= "\x9f")
    return controls > MAX_CONTROL_SHARE * len(sample)
