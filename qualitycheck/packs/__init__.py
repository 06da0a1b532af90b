"""Declarative rule packs: rules written as data (TOML or YAML), not Python.

A pack file defines exactly one rule (as in Vale). Built-in packs live in the repository's top-level
``rules/`` directory, shipped in the wheel as ``qualitycheck/data/packs/``; users add their own with the
same format. See ``docs/packs.md`` for the format; in short::

    id = "phrasing.garbled-stock-phrase"   # category.name
    type = "substitution"                  # existence | substitution | boilerplate
    severity = "warning"                   # error | warning | info
    message = "'{match}' is a garbled stock phrase; write '{suggestion}'"
    explanation = '''What it does ... Why it matters ... Example ... Use instead ...'''
    ignorecase = true
    confidence = 0.8
    swap = { "all rights are save" = "All rights reserved" }

Patterns are Python regular expressions. They are compiled once per process (a module-level cache
keyed by file, modification time and size) and matched in two stages so that a large pack stays
fast on a large text: every entry has an *anchor*, the longest literal word it cannot match
without; a plain substring search finds the anchors' occurrences in the lower-cased text, and only
the text around them is handed to the entry's regular expression.
"""

from qualitycheck.packs.lines import boilerplate_line_matcher, footer_line_matcher
from qualitycheck.packs.load import (
    PackRule,
    builtin_pack_dir,
    builtin_rules,
    compile_all_patterns,
    compile_pack,
    load_pack,
    load_packs,
)
from qualitycheck.packs.model import (
    PACK_SUFFIXES,
    PACK_TYPES,
    CompiledPack,
    PackEntry,
    PackError,
    _PhrasePlan,
    _resolved,
    _shared_scanner,
)


def __getattr__(name: str) -> object:
    if name == "unsafe_pattern":  # the guard on user patterns, loaded when first asked for
        from qualitycheck.scan.guard import unsafe_pattern

        return unsafe_pattern
    raise AttributeError(f"module 'qualitycheck.packs' has no attribute {name!r}")


__all__ = [
    "PACK_SUFFIXES",
    "PACK_TYPES",
    "CompiledPack",
    "PackEntry",
    "PackError",
    "PackRule",
    "_PhrasePlan",
    "_resolved",
    "_shared_scanner",
    "boilerplate_line_matcher",
    "builtin_pack_dir",
    "builtin_rules",
    "compile_all_patterns",
    "compile_pack",
    "footer_line_matcher",
    "load_pack",
    "load_packs",
    "unsafe_pattern",
]
