"""The word lists of the closed-class grammar rules: ``rules/grammar/closed-class.toml``, read
through ``qualitycheck.resources`` once per process."""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def closed_class_words() -> dict[str, Any]:
    """One table per rule: ``indefinite-article``, ``country-article``, ``foreign-conjunction``."""
    from qualitycheck.resources import pack_table

    return pack_table("grammar/closed-class.toml")
