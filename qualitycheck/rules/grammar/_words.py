"""The word lists of the closed-class grammar rules: ``rules/grammar/closed-class.toml``, read
through ``qualitycheck.resources`` once per process."""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def closed_class_words() -> dict[str, Any]:
    """One table per rule (``indefinite-article``, ``be-base-verb``, ``who-for-thing`` ...)."""
    from qualitycheck.resources import pack_table

    return pack_table("grammar/closed-class.toml")


@cache
def irregular_participles() -> dict[str, str]:
    """Base form -> past participle for the verbs that do not add -ed ("send" -> "sent")."""
    return dict(
        pair.split() for pair in closed_class_words()["be-base-verb"]["irregular-participles"]
    )


_VOWELS = frozenset("aeiou")


def participle(verb: str, irregular: dict[str, str]) -> list[str]:
    """Candidate past participles of ``verb``: the irregular one, else the regular spellings
    ("count" -> "counted", "provide" -> "provided", "apply" -> "applied", "stop" -> "stopped")."""
    if verb in irregular:
        return [irregular[verb]]
    if verb.endswith("e"):
        return [verb + "d"]
    if verb.endswith("y") and verb[-2:-1] not in _VOWELS:
        return [verb[:-1] + "ied"]
    forms = [verb + "ed"]
    if len(verb) >= 3 and verb[-1] not in _VOWELS | {"w", "x", "y"} and verb[-2] in _VOWELS:
        forms.append(verb + verb[-1] + "ed")  # "stop" -> "stopped", "plan" -> "planned"
    return forms
