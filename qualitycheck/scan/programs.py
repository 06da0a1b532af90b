"""``re_compile(pattern, flags)``: ``re.compile``, without parsing the patterns qualitycheck ships.

``re`` parses and compiles a pattern in Python (``re._parser``, ``re._compiler``) into a program
of integers that its C engine runs; for the few hundred patterns of the rules and packs that is
~30 ms at every start, always with the same result. ``scripts/build_data.py regex`` stores the
programs of those patterns in ``data/regex.qrx``; ``re_compile`` hands a stored program to the C
engine (``_sre.compile``, what ``re.compile`` itself ends with) and compiles any other pattern
with ``re.compile``. The result is the same pattern object: ``re`` compares patterns by flags,
pattern and program, and a test checks every stored one against ``re.compile``.

A program is valid only for the interpreter that made it: the file records the exact Python
version, ``_sre.MAGIC``, the code size and the Unicode version (case-insensitive matching reads
the Unicode tables), and is used only on an interpreter with the same ones; anywhere else every
pattern is compiled by ``re`` (same results, slower start). Nothing is written at run time.
"""

from __future__ import annotations

import re
import sys
from functools import cache
from typing import Any

from qualitycheck.resources import DATA_DIR

PROGRAMS_FILE = DATA_DIR / "regex.qrx"
_FORMAT = "qualitycheck-regex 1"

_made: dict[tuple[str, int], re.Pattern[str]] = {}  # every pattern asked for in this process


def re_compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)`` for a string pattern (from the stored program when there
    is one), kept for the process."""
    key = (pattern, int(flags))
    found = _made.get(key)
    if found is None:
        program = _programs().get(key)
        found = _from_program(pattern, program) if program is not None else None
        if found is None:
            found = re.compile(pattern, flags)
        _made[key] = found
    return found


def interpreter_key() -> list[Any]:
    """What a stored program depends on besides its pattern and flags."""
    import _sre
    import unicodedata

    return [sys.version, _sre.MAGIC, _sre.CODESIZE, unicodedata.unidata_version]


_sections: dict[str, Any] = {}  # the other sections of the file read by _programs


@cache
def _programs() -> dict[tuple[str, int], tuple[Any, ...]]:
    import marshal

    _sections.clear()
    try:
        data = marshal.loads(PROGRAMS_FILE.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    if not isinstance(data, dict) or data.get("format") != _FORMAT:
        return {}
    if data.get("interpreter") != interpreter_key():
        return {}  # made by another interpreter: compile with re
    _sections.update(data)
    return {(pattern, flags): program for pattern, flags, *program in data["programs"]}


def stored_section(name: str) -> Any:
    """Another section of ``data/regex.qrx`` (the scanning plans of ``scan.starts``), stored
    with the programs; None when there is none or another interpreter made the file."""
    _programs()
    return _sections.get(name)


def _from_program(pattern: str, program: tuple[Any, ...]) -> re.Pattern[str] | None:
    import _sre
    import array

    flags, code, groups, groupindex, indexgroup = program
    try:
        return _sre.compile(
            pattern, flags, array.array(_code_type(), code).tolist(), groups, groupindex,
            indexgroup,
        )  # fmt: skip
    except (TypeError, ValueError, RuntimeError):
        return None  # not a program this engine takes: compiled by re


def _code_type() -> str:
    import _sre
    import array

    return next(t for t in "IL" if array.array(t).itemsize == _sre.CODESIZE)


def program_of(pattern: str, flags: int) -> tuple[Any, ...]:
    """What ``re.compile`` hands to the C engine for ``pattern``: final flags, the program (as
    bytes), the number of groups, the group names both ways."""
    import array
    import re._compiler as sc
    import re._parser as sp

    tree = sp.parse(pattern, flags)
    code = sc._code(tree, flags)
    groupindex = tree.state.groupdict
    indexgroup: list[str | None] = [None] * tree.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    program = array.array(_code_type(), code).tobytes()
    return (flags | tree.state.flags, program, tree.state.groups - 1, groupindex, tuple(indexgroup))


def build_programs(patterns: set[tuple[str, int]], **sections: Any) -> bytes:
    """The content of ``data/regex.qrx`` for ``patterns``, on this interpreter, with other
    sections (``stored_section``)."""
    import marshal

    programs = [(p, f, *program_of(p, f)) for p, f in sorted(patterns)]
    data = {"format": _FORMAT, "interpreter": interpreter_key(), "programs": programs}
    data.update(sections)
    return marshal.dumps(data)


def _shipped() -> dict[str, Any]:
    """The shipped file's content, whatever interpreter made it (empty when unreadable)."""
    import marshal

    try:
        data = marshal.loads(PROGRAMS_FILE.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    return data if isinstance(data, dict) else {}


def stored_patterns() -> list[tuple[str, int]]:
    """The patterns the shipped file holds (whatever interpreter made it)."""
    return [(p, f) for p, f, *_ in _shipped().get("programs", [])]


def shipped_section(name: str) -> Any:
    """A section of the shipped file whatever interpreter made it (the scanning plans do not
    depend on the interpreter; ``stored_section`` gives them only where they are used)."""
    return _shipped().get(name)


def asked_for() -> set[tuple[str, int]]:
    """Every ``(pattern, flags)`` this process has asked ``re_compile`` for."""
    return set(_made)
