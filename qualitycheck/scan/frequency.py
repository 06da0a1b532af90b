"""How often characters occur in English prose: what the scanning layer's cost estimates use."""

from __future__ import annotations

# Rough share of each character in English text, per cent; other characters are rarer.
CHAR_SHARE = {
    " ": 17.0, "e": 9.8, "t": 7.0, "a": 6.4, "o": 6.0, "i": 5.6, "n": 5.5, "s": 5.2, "r": 4.9,
    "h": 4.2, "d": 3.3, "l": 3.2, ".": 1.0, ",": 1.0, "c": 2.3, "u": 2.2, "m": 2.0, "f": 1.8,
    "w": 1.7, "g": 1.6, "y": 1.5, "p": 1.5, "b": 1.2, "v": 0.8, "k": 0.6,
}  # fmt: skip
RARE_SHARE = 0.3


def share(c: str) -> float:
    """Rough frequency of ``c`` in lower-cased prose (a fraction)."""
    if c.isdigit():
        return 0.001
    return CHAR_SHARE.get(c, RARE_SHARE) / 100
