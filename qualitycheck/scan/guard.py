"""The guard on user patterns: refuse a regular expression that can take exponential time.

A user pattern such as "(a+)+$" backtracks exponentially on text that almost matches ("aaaa…!")
and would hang every run. ``unsafe_pattern(pattern, flags)`` says why a pattern may, or None.
"""

from __future__ import annotations

import re
from typing import Any

# A user pattern such as "(a+)+$" backtracks exponentially on text that almost matches ("aaaa…!")
# and would hang every run. Two checks at load time. Statically: a repeated group holding an
# unbounded repeat is refused unless the group also needs a character that repeat cannot take
# ("(?:[a-z]+-)*" is fine, "(\w+\s?)+" is not). Dynamically: the pattern runs (with ``re``, the
# engine that will run it) on probes built from itself, its own prefix and the characters it
# matches, repeated, of growing length; a probe that takes too long stops the probing at once,
# long before an exponential pattern gets slow.
_PROBE_LENGTHS = range(2, 41, 2)
_PROBE_LIMIT = 0.02  # seconds for one probe of at most 40 characters; linear patterns need µs
_CHAR_POOL = "aAzZ019 .,:;!?'\"-_()[]{}<>@#&*+=/\\|%$€\n\t\u00a0éЖ中’”“«»—–…\x00"


def unsafe_pattern(pattern: str, flags: int = 0) -> str | None:
    """Why ``pattern`` may take exponential time, or None when it looks safe (see above)."""
    import re._parser as sp

    try:
        tree = sp.parse(pattern, flags)
    except re.error:
        return None  # reported by the compiler
    if _ambiguous_repeat(tree, flags):
        return (
            "nested quantifiers (a repeated group around an unbounded repeat, as in '(a+)+' or "
            "'(\\w+\\s?)*'): matching can take exponential time on text that almost matches; "
            "quantify the inner part only, or separate the repetitions by a required character"
        )
    if not _repeats_a_choice_or_repeat(tree):
        return None  # only a repeated alternation or repeat can backtrack exponentially
    return _probe(re.compile(pattern, flags), _probe_sample(tree, flags))


def _repeats_a_choice_or_repeat(items: Any, inside: bool = False) -> bool:
    import re._constants as sc

    for op, av in items:
        if op in (sc.MAX_REPEAT, sc.MIN_REPEAT):
            if inside or _repeats_a_choice_or_repeat(av[2], inside or av[1] > 1):
                return True
        elif op is sc.BRANCH:
            if inside or any(_repeats_a_choice_or_repeat(a, inside) for a in av[1]):
                return True
        elif op is sc.SUBPATTERN and _repeats_a_choice_or_repeat(av[-1], inside):
            return True
    return False


def _chars(items: Any, flags: int) -> frozenset[str]:
    """The characters of ``_CHAR_POOL`` that some element of ``items`` may match."""
    import re._constants as sc

    out: set[str] = set()
    for op, av in items:
        if op is sc.LITERAL:
            out.add(chr(av))
        elif op in (sc.ANY, sc.NOT_LITERAL):
            out.update(_CHAR_POOL)
        elif op is sc.IN:
            cls = re.compile(f"[{_class_source(av)}]", flags & re.IGNORECASE)
            out.update(c for c in _CHAR_POOL if cls.match(c))
        elif op in (sc.MAX_REPEAT, sc.MIN_REPEAT):
            out |= _chars(av[2], flags)
        elif op is sc.SUBPATTERN:
            out |= _chars(av[-1], flags)
        elif op is sc.BRANCH:
            for alternative in av[1]:
                out |= _chars(alternative, flags)
    if flags & re.IGNORECASE:
        out |= {c.swapcase() for c in out}
    return frozenset(out)


def _ambiguous_repeat(items: Any, flags: int, outer: Any = None) -> bool:
    """An unbounded repeat inside a repeated group, with nothing required in that group that the
    inner repeat could not match too."""
    import re._constants as sc

    for op, av in items:
        if op in (sc.MAX_REPEAT, sc.MIN_REPEAT):
            body = av[2]
            if outer is not None and av[1] == sc.MAXREPEAT:
                inner = _chars(body, flags)
                if not _has_separator(outer, inner, av, flags):
                    return True
            if _ambiguous_repeat(body, flags, body if av[1] > 1 else outer):
                return True
        elif op is sc.SUBPATTERN:
            if _ambiguous_repeat(av[-1], flags, outer):
                return True
        elif op is sc.BRANCH and any(_ambiguous_repeat(a, flags, outer) for a in av[1]):
            return True
    return False


def _has_separator(items: Any, inner: frozenset[str], skip: Any, flags: int) -> bool:
    """Whether every match of ``items`` needs a character outside ``inner`` (the characters of
    the repeat ``skip``, which is left out): then two passes cannot share their text."""
    import re._constants as sc

    for op, av in items:
        if av is skip:
            continue
        if op in (sc.LITERAL, sc.IN):
            chars = _chars([(op, av)], flags)
            if chars and not chars & inner:
                return True
        elif op in (sc.MAX_REPEAT, sc.MIN_REPEAT):
            if av[0] >= 1 and _has_separator(av[2], inner, skip, flags):
                return True
        elif op is sc.SUBPATTERN:
            if _has_separator(av[-1], inner, skip, flags):
                return True
        elif op is sc.BRANCH and all(_has_separator(a, inner, skip, flags) for a in av[1]):
            return True
    return False


def _probe_sample(tree: Any, flags: int) -> str:
    """A string that follows the pattern as far as a simple walk can: one character per element,
    one repetition per quantifier, the first alternative of each choice."""
    import re._constants as sc

    out: list[str] = []
    for op, av in tree:
        if op in (sc.LITERAL, sc.NOT_LITERAL, sc.ANY, sc.IN):
            found = sorted(_chars([(op, av)], flags) - {"\x00"}) if op is not sc.LITERAL else []
            out.append(chr(av) if op is sc.LITERAL else found[0] if found else "")
        elif op in (sc.MAX_REPEAT, sc.MIN_REPEAT):
            out.append(_probe_sample(av[2], flags) * (1 if av[1] else 0))
        elif op is sc.SUBPATTERN:
            out.append(_probe_sample(av[-1], flags))
        elif op is sc.BRANCH:
            out.append(_probe_sample(av[1][0], flags))
    return "".join(out)


def _class_source(items: Any) -> str:
    import re._constants as sc

    codes = {
        sc.CATEGORY_DIGIT: r"\d", sc.CATEGORY_NOT_DIGIT: r"\D", sc.CATEGORY_SPACE: r"\s",
        sc.CATEGORY_NOT_SPACE: r"\S", sc.CATEGORY_WORD: r"\w", sc.CATEGORY_NOT_WORD: r"\W",
    }  # fmt: skip
    parts: list[str] = []
    for op, av in items:
        if op is sc.NEGATE:
            parts.insert(0, "^")
        elif op is sc.LITERAL:
            parts.append(re.escape(chr(av)))
        elif op is sc.RANGE:
            parts.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is sc.CATEGORY:
            parts.append(codes.get(av, ""))
    return "".join(parts) or "^\\s\\S"


def _time_finditer(compiled: re.Pattern[str], text: str) -> float:
    import time

    start = time.perf_counter()
    for _ in compiled.finditer(text):
        pass
    return time.perf_counter() - start


def _probe(compiled: re.Pattern[str], sample: str) -> str | None:
    """Run ``compiled`` on growing repetitions of the sample's prefixes and of its characters;
    the first probe over the limit (the fastest of three runs, so that a busy machine does not
    count) stops everything: at 40 characters even an exponential pattern is still fast enough
    to stop in time."""
    units = [sample[:k] for k in range(1, min(len(sample), 8) + 1)]
    units += sorted(set(sample) | {"a", " "})
    for unit in dict.fromkeys(units):
        for length in _PROBE_LENGTHS:
            probe = (unit * (length // len(unit) + 1))[:length] + "\x00"
            if min(_time_finditer(compiled, probe) for _ in range(3)) > _PROBE_LIMIT:
                shown = (unit * 4)[:12]
                return (
                    f"matching {length} characters of {shown!r}… took over {_PROBE_LIMIT:g} s, "
                    "and the time grows exponentially with the length: the pattern backtracks "
                    "catastrophically; make the repeated parts unambiguous"
                )
    return None
