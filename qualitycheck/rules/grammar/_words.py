"""The word lists of the closed-class grammar rules: ``rules/grammar/closed-class.toml``, found
through ``qualitycheck.resources.rules_dir`` and loaded once per process. (A loader here rather
than in ``resources.py``: an edit there invalidates the name packs merged into the shipped
gazetteer.)"""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def closed_class_words() -> dict[str, Any]:
    """One table per rule: ``indefinite-article``, ``country-article``, ``foreign-conjunction``."""
    import tomllib

    from qualitycheck.resources import rules_dir

    with (rules_dir() / "grammar" / "closed-class.toml").open("rb") as f:
        return tomllib.load(f)
