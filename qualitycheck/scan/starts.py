"""``finditer(doc, pattern)``: what ``pattern.finditer(doc.text)`` yields, with the pattern tried
only where a match can start.

``re`` tries a pattern at every position of the text, unless the pattern opens with a literal or a
class (then it skips to one in C). A pattern that opens with a look-behind, an optional part or a
common letter ("(?<=\\S)[ ]*[.,]", "(?:https?://\\S+)?/cdn-cgi/...", "[A-Za-z0-9]{16,}") is tried
at every character, which makes a rule that scans a large text slow. The *plan* of a pattern,
read once from its parsed form, says where its matches can start:

- a **route** per alternative: the first element of the alternative that matches only
  characters rare in prose (a mark, "=", "[", "/", a digit) is its *anchor*. One regular
  expression finds, in C, every position where the anchor matches and the rest of the
  alternative can follow (``anchor(?=rest)``, consuming one character, so no position is
  skipped); a match starts at most as far before the anchor as the part before it can reach,
  over characters that part can match (found by walking back, never twice over one character);
- a **run** for an alternative that opens with a long repetition of one ASCII class ("[A-Za-z0-9+/_-]{16,}"):
  a match starts inside a run of that many characters of the class, found by a byte search.

The pattern is then matched at those positions only, in order, skipping those inside the last
match (``matches_from``): the same matches as ``finditer``, the same order, as long as the pattern
cannot match the empty string. A pattern the plan cannot read (back-references, conditionals, an
alternative without a rare anchor or run, an empty match) is scanned by ``finditer`` itself.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from qualitycheck.scan.frequency import share
from qualitycheck.scan.lowered import FOLDS_TO_ASCII
from qualitycheck.scan.programs import re_compile

if TYPE_CHECKING:
    from qualitycheck.document import Document

# An anchor matches characters that make up at most this share of prose (".,;:!?" do: ~3.5%).
_RARE = 0.05
# A run strategy needs a repetition at least this long (shorter runs are everywhere in words).
_MIN_RUN = 8
_INFINITE = 1 << 62
# Elements after the anchor that its finder checks.
_REST_ITEMS = 6


def finditer(doc: Document | str, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for the document's text (or a string), trying the pattern only
    where a match can start (see the module's documentation); the same matches, in order."""
    text = doc if isinstance(doc, str) else doc.text
    plan = plan_of(pattern)
    if plan is None or (plan.folds and any(c in text for c in FOLDS_TO_ASCII)):
        return pattern.finditer(text)
    return _planned(pattern, text, plan.starts(text))


# Where starts come this densely (one every few characters: "< < < <..."), trying the pattern at
# each from Python costs more than letting ``re`` scan: the rest of the text goes to finditer.
_DENSE_AFTER = 512  # starts tried before the density is judged
_DENSE_GAP = 16  # characters per start, on average, below which the starts are dense


def _planned(pattern: re.Pattern[str], text: str, starts: Iterable[int]) -> Iterator[re.Match[str]]:
    """``matches_from(pattern, text, starts)``, handing over to ``pattern.finditer`` where the
    starts turn out dense (the same matches: finditer from ``pos`` scans as the plain scan does
    after a match that ends there)."""
    pos = 0
    tried = -1
    count = 0
    first = -1
    for start in starts:
        if start < pos or start == tried:
            continue
        tried = start
        count += 1
        if first < 0:
            first = start
        elif count > _DENSE_AFTER and (start - first) < _DENSE_GAP * count:
            yield from pattern.finditer(text, pos)
            return
        m = pattern.match(text, start)
        if m:
            yield m
            pos = m.end()


def matches_from(
    pattern: re.Pattern[str], text: str, starts: Iterable[int]
) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(text)`` yields, when every match begins at one of ``starts`` (in
    ascending order; repeats and a superset are fine): the pattern is tried at those positions
    only, skipping the ones inside the last match. For patterns that never match empty text."""
    pos = 0
    tried = -1
    for start in starts:
        if start < pos or start == tried:
            continue
        tried = start
        m = pattern.match(text, start)
        if m:
            yield m
            pos = m.end()


# -- the plan ---------------------------------------------------------------------------------------
class _Route:
    """One alternative's way to its starts (plain classes here: a dataclass costs start-up time)."""

    __slots__ = ("anchor", "back", "condition", "finder", "max_back", "min_back", "spec")

    def __init__(
        self,
        anchor: str,  # the anchor (one character), as a regular expression
        condition: str,  # zero width: what must hold around the anchor (look-behind, look-ahead)
        back: tuple[str, int] | None,  # one character of the part before the anchor (None:
        # empty), as (pattern, flags)
        min_back: int,
        max_back: int,
        flags: int,
    ) -> None:
        back = None if back is None else (back[0], int(back[1]))
        self.spec = (anchor, condition, back, min_back, max_back, int(flags))  # what is stored
        self.anchor, self.condition = anchor, condition
        self.finder = re_compile(anchor + condition, flags)
        self.back = None if back is None else re_compile(*back)
        self.min_back, self.max_back = min_back, max_back

    def extend(self, text: str, p: int, covered: int, out: list[int]) -> int:
        """Add the starts the anchor at ``p`` allows after ``covered``; the new ``covered``."""
        back = self.back
        if back is None:
            if p > covered:
                out.append(p)
                return p
            return covered
        high = self.max_back
        limit = max(covered + 1, p - high if high < _INFINITE else 0, 0)
        i = p
        fullmatch = back.fullmatch
        while i > limit and fullmatch(text, i - 1, i):
            i -= 1
        last = p - self.min_back
        if last >= i:
            out.extend(range(i, last + 1))
            return last
        return covered


def _route_starts(routes: tuple[_Route, ...], shared: re.Pattern[str], text: str) -> list[int]:
    """The starts of routes that share an anchor, from one pass over the text, ascending."""
    out: list[int] = []
    if len(routes) == 1:
        route = routes[0]
        covered = -1
        for m in shared.finditer(text):
            covered = route.extend(text, m.start(), covered, out)
        return out
    covers = [-1] * len(routes)
    for m in shared.finditer(text):  # a hit of one route's condition at least
        p = m.start()
        for k, route in enumerate(routes):
            if route.finder.match(text, p):
                covers[k] = route.extend(text, p, covers[k], out)
    out.sort()
    return out


class _Run:
    """Starts inside runs of ``length`` characters of one class."""

    __slots__ = ("length", "table")

    def __init__(self, table: bytes, length: int) -> None:
        self.table = table  # byte translation: characters of the class -> "a", others -> " "
        self.length = length

    def starts(self, text: str) -> Iterator[int]:
        flags = text.encode("latin-1", "replace").translate(self.table)  # one byte a character
        run = b"a" * self.length
        pos = flags.find(run)
        while pos >= 0:
            end = flags.find(b" ", pos)
            if end < 0:
                end = len(flags)
            yield from range(pos, end - self.length + 1)
            pos = flags.find(run, end)


class Plan:
    """Where the matches of a pattern can start: the union of its routes' and runs' positions.
    Routes with the same anchor share one pass over the text."""

    __slots__ = ("flags", "folds", "routes", "runs")

    def __init__(
        self,
        routes: tuple[tuple[tuple[_Route, ...], re.Pattern[str]], ...],  # routes, shared pass
        runs: tuple[_Run, ...],
        folds: bool,  # a run ignores case: texts with FOLDS_TO_ASCII letters are scanned plainly
        flags: int = 0,  # the flags its patterns are compiled with
    ) -> None:
        self.routes, self.runs, self.folds, self.flags = routes, runs, folds, flags

    def starts(self, text: str) -> Iterator[int]:
        streams: list[Iterable[int]] = [_route_starts(r, shared, text) for r, shared in self.routes]
        streams.extend(run.starts(text) for run in self.runs)
        return iter(streams[0]) if len(streams) == 1 else heapq.merge(*streams)

    @classmethod
    def of(cls, ways: list[_Route | _Run], flags: int) -> Plan:
        groups: dict[str, list[_Route]] = {}
        for way in ways:
            if isinstance(way, _Route):
                groups.setdefault(way.anchor, []).append(way)
        routes = tuple(
            (
                tuple(group),
                group[0].finder
                if len(group) == 1
                else re_compile(anchor + "(?:" + "|".join(r.condition for r in group) + ")", flags),
            )
            for anchor, group in groups.items()
        )
        runs = tuple(way for way in ways if isinstance(way, _Run))
        return cls(routes, runs, folds=bool(flags & re.IGNORECASE) and bool(runs), flags=flags)


class _Unsupported(Exception):
    """A part of a pattern the plan cannot read."""


# -- plans stored at build time ---------------------------------------------------------------
# Reading a plan off a pattern's parsed form costs ~1 ms a pattern (its parse, a few patterns
# compiled on the way), ~10 ms on a first check. ``scripts/build_data.py regex`` stores the plans
# of the patterns planned on the samples with the programs of ``data/regex.qrx`` (made by this
# interpreter: the parsed form is ``re``'s), each as the arguments it is built from; they are
# used while the modules that read the plans (``_PLAN_SOURCES``) are those they were made by.
_PLAN_SOURCES = ("starts.py", "skeleton.py", "frequency.py")
_planned_keys: set[tuple[str, int]] = set()  # the patterns planned in this process (not stored)
_use_stored = True  # False: every plan is read afresh (the build records what that asks for)


def plans_key() -> int:
    """CRC-32 of the modules that read plans: the key under which stored plans are valid."""
    import zlib
    from pathlib import Path

    crc = 0
    for name in _PLAN_SOURCES:
        crc = zlib.crc32((Path(__file__).parent / name).read_bytes().replace(b"\r\n", b"\n"), crc)
    return crc


_stored_plans_cache: list[dict[tuple[str, int], Any]] = []


def _stored_plans() -> dict[tuple[str, int], Any]:
    """``(pattern, flags)`` -> the stored description of its plan (``describe``); empty when
    there are none for this interpreter and these modules."""
    if not _stored_plans_cache:
        from qualitycheck.scan.programs import stored_section

        stored = stored_section("plans")
        plans: dict[tuple[str, int], Any] = {}
        if isinstance(stored, dict) and stored.get("key") == plans_key():
            plans = {(p, f): desc for p, f, desc in stored["plans"]}
        _stored_plans_cache.append(plans)
    return _stored_plans_cache[0]


def use_stored_plans(use: bool) -> None:
    """Whether ``plan_of`` takes stored plans (the build turns them off, so that what a run asks
    ``re_compile`` for does not depend on them)."""
    global _use_stored
    _use_stored = use
    plan_of.cache_clear()


def describe(plan: Plan | None) -> Any:
    """A plan as plain data (for ``marshal``): ``(flags, ways)``, a way being ``_Route``'s
    arguments or a run's ``(table, length)``; None for no plan."""
    if plan is None:
        return None
    ways: list[Any] = [("route", route.spec) for routes, _ in plan.routes for route in routes]
    ways.extend(("run", (run.table, run.length)) for run in plan.runs)
    return (int(plan.flags), tuple(ways))


def _plan_from(desc: Any) -> Plan | None:
    if desc is None:
        return None
    flags, ways = desc
    return Plan.of(
        [_Route(*args) if kind == "route" else _Run(*args) for kind, args in ways], flags
    )


def planned() -> set[tuple[str, int]]:
    """Every ``(pattern, flags)`` whose plan this process read afresh."""
    return set(_planned_keys)


@lru_cache(maxsize=256)
def plan_of(pattern: re.Pattern[str]) -> Plan | None:
    """The plan of ``pattern`` (None: scan it with ``finditer``): stored, or read afresh."""
    key = (pattern.pattern, pattern.flags)
    if _use_stored:
        stored = _stored_plans()
        if key in stored:
            return _plan_from(stored[key])
    _planned_keys.add(key)
    return fresh_plan(pattern)


def fresh_plan(pattern: re.Pattern[str]) -> Plan | None:
    """The plan of ``pattern``, read off its parsed form."""
    import re._parser as sp

    flags = pattern.flags & ~re.VERBOSE
    try:
        tree = list(sp.parse(pattern.pattern, pattern.flags))
        if _width(tree)[0] == 0:
            return None  # an empty match: finditer's own rules apply
        if _skipped_to_by_re(tree, flags):
            return None  # re finds its first character in C already
        ways = _ways(tree, flags)
    except (_Unsupported, re.error, RecursionError):
        return None
    if ways is None:
        return None
    return Plan.of(ways, flags)


def _skipped_to_by_re(tree: list[Any], flags: int) -> bool:
    """Whether ``re`` skips to the first character of a match by itself, in C: the pattern opens
    with a literal or a class and ignores no case (measured: with IGNORECASE, or opening with a
    choice, it tries every position)."""
    import re._constants as sc

    return not flags & re.IGNORECASE and tree[0][0] in (sc.LITERAL, sc.IN)


def _ways(items: list[Any], flags: int) -> list[_Route | _Run] | None:
    """The routes (or runs) of the sequence ``items``; None where an alternative has neither."""
    import re._constants as sc

    branch_at = None
    for k, (op, av) in enumerate(items):
        if op is sc.SUBPATTERN and not av[1] and not av[2]:
            return _ways(items[:k] + list(av[-1]) + items[k + 1 :], flags)  # a plain group
        if op in (sc.AT, sc.ASSERT, sc.ASSERT_NOT):
            continue  # zero width: it only keeps out starts
        anchor = _anchor(op, av)
        if anchor is not None:
            before = [
                item for item in items[:k] if item[0] not in (sc.AT, sc.ASSERT, sc.ASSERT_NOT)
            ]
            return [_route(before, anchor, items[k + 1 :], flags)]
        if op is sc.BRANCH and branch_at is None:
            branch_at = k
    if branch_at is not None:  # no anchor after the choice: one way per alternative
        found: list[_Route | _Run] = []
        for alternative in items[branch_at][1][1]:
            ways = _ways(items[:branch_at] + list(alternative) + items[branch_at + 1 :], flags)
            if ways is None:
                return None
            found.extend(ways)
        return found
    run = _run(items, flags)
    return None if run is None else [run]


def _anchor(op: Any, av: Any) -> tuple[Any, list[Any]] | None:
    """``(anchor element, what follows it inside this element)`` when the element is, or
    starts with, one character of a rare kind."""
    import re._constants as sc

    if op in (sc.LITERAL, sc.IN) and _is_rare(op, av):
        return (op, av), []
    if op in (sc.MAX_REPEAT, sc.MIN_REPEAT, sc.POSSESSIVE_REPEAT) and av[0] >= 1:
        body = list(av[2])
        if len(body) == 1 and body[0][0] in (sc.LITERAL, sc.IN) and _is_rare(*body[0]):
            high = av[1] if av[1] is sc.MAXREPEAT else av[1] - 1
            rest = [(op, (av[0] - 1, high, av[2]))] if high is sc.MAXREPEAT or high > 0 else []
            return body[0], rest
    return None


def _is_rare(op: Any, av: Any) -> bool:
    import re._constants as sc

    from qualitycheck.scan.skeleton import class_chars

    if op is sc.LITERAL:
        return share(chr(av).lower()) <= _RARE
    chars = class_chars(av)
    return chars is not None and sum(map(share, chars)) <= _RARE


def _route(
    before: list[Any], anchor: tuple[Any, list[Any]], after: list[Any], flags: int
) -> _Route:
    import re._constants as sc

    element, inside = anchor
    rest = _source(_bounded_prefix([*inside, *after], element, flags))
    anchor_source = _source([element])
    condition = ""
    if before and before[-1][0] in (sc.LITERAL, sc.IN):
        # The character right before the anchor is known: a look-behind after the anchor keeps
        # ``re``'s fast skip to the anchor and leaves out most of its occurrences.
        condition += f"(?<={_source([before[-1]])}[\\s\\S])"
    elif before and before[-1][0] in (sc.MAX_REPEAT, sc.MIN_REPEAT) and before[-1][1][0] >= 1:
        body = list(before[-1][1][2])
        if len(body) == 1 and body[0][0] in (sc.LITERAL, sc.IN):
            condition += f"(?<={_source(body)}[\\s\\S])"
    if rest:
        condition += f"(?={rest})"
    low, high = _width(before)
    chars = _chars(before)
    back = None
    if None in chars:
        if high >= _INFINITE:
            raise _Unsupported("an unbounded part before the anchor that takes any character")
        back = ("[\\s\\S]", 0)
    elif chars:
        back = ("|".join(c for c in chars if c is not None), flags)
    return _Route(anchor_source, condition, back, low, high, flags)


def _bounded_prefix(items: list[Any], anchor: tuple[Any, Any], flags: int) -> list[Any]:
    """What must follow the anchor, as its finder checks it: the elements up to the first whose
    width varies (a repetition cut to its least count), at most ``_REST_ITEMS`` of them, and
    one repetition of a single character the anchor cannot be ("[ ]*" after "[.,]"). Wherever
    the whole follows the anchor, this does. And the check takes linear time over the text: an
    unbounded repetition that can take the anchor's own characters would run to the end of a
    long run of them from each of its characters (quadratic), and one that cannot is read from
    one anchor only, the one right before it."""
    import re._constants as sc

    anchor_chars = _explicit_chars(*anchor, flags)
    out: list[Any] = []
    run_used = False
    queue = list(items)
    while queue and len(out) < _REST_ITEMS:
        op, av = queue.pop(0)
        if op is sc.SUBPATTERN and not av[1] and not av[2]:
            queue[:0] = list(av[-1])  # a plain group: its elements in place
            continue
        if op in (sc.MAX_REPEAT, sc.MIN_REPEAT, sc.POSSESSIVE_REPEAT):
            body = list(av[2])
            single = len(body) == 1 and body[0][0] in (sc.LITERAL, sc.IN, sc.NOT_LITERAL)
            if single and not run_used and anchor_chars:
                one = re_compile(_source(body), flags)
                if not any(one.fullmatch(c) for c in anchor_chars):
                    out.append((op, av))
                    run_used = True
                    continue
            low, high = _width(body)
            if av[0] >= 1 and low == high:
                out.append((sc.MAX_REPEAT, (av[0], av[0], av[2])))
            elif av[0] >= 1:
                queue = body  # its first repetition follows; what comes after it may not
                continue
            break
        low, high = _width([(op, av)])
        if low != high or op in (sc.ASSERT, sc.ASSERT_NOT):  # look-arounds may reach far
            break
        out.append((op, av))
    return out


def _explicit_chars(op: Any, av: Any, flags: int) -> set[str] | None:
    """The characters a literal or a class of literals and ranges matches (None otherwise)."""
    import re._constants as sc

    chars = {chr(av)} if op is sc.LITERAL else _exact_class_chars(av) if op is sc.IN else None
    if chars is not None and flags & re.IGNORECASE:
        chars |= {c.swapcase() for c in chars}
    return chars


def _run(items: list[Any], flags: int) -> _Run | None:
    """A run for a sequence that opens (after zero-width parts) with a long repetition of one
    class of ASCII characters."""
    import re._constants as sc

    for op, av in items:
        if op in (sc.AT, sc.ASSERT, sc.ASSERT_NOT):
            continue
        if op not in (sc.MAX_REPEAT, sc.MIN_REPEAT, sc.POSSESSIVE_REPEAT) or av[0] < _MIN_RUN:
            return None
        body = list(av[2])
        if len(body) != 1 or body[0][0] is not sc.IN:
            return None
        chars = _exact_class_chars(body[0][1])
        if chars is None or "?" in chars or not all(c.isascii() for c in chars):
            return None
        if flags & re.IGNORECASE:
            chars |= {c.swapcase() for c in chars}
        table = bytearray(b" " * 256)
        for c in chars:
            table[ord(c)] = ord("a")
        return _Run(bytes(table), av[0])
    return None


def _exact_class_chars(items: Any) -> set[str] | None:
    """The characters of a class of literals and ASCII ranges, exactly (None otherwise)."""
    import re._constants as sc

    out: set[str] = set()
    for op, av in items:
        if op is sc.LITERAL:
            out.add(chr(av))
        elif op is sc.RANGE and av[1] < 128:
            out.update(map(chr, range(av[0], av[1] + 1)))
        else:
            return None
    return out


# -- reading the parsed form ------------------------------------------------------------------------
def _width(items: Iterable[Any]) -> tuple[int, int]:
    """The least and most characters a match of ``items`` takes (``_INFINITE``: no bound)."""
    import re._constants as sc

    low = high = 0
    for op, av in items:
        if op in (sc.LITERAL, sc.NOT_LITERAL, sc.ANY, sc.IN):
            a = b = 1
        elif op in (sc.AT, sc.ASSERT, sc.ASSERT_NOT):
            a = b = 0
        elif op in (sc.MAX_REPEAT, sc.MIN_REPEAT, sc.POSSESSIVE_REPEAT):
            x, y = _width(av[2])
            a = av[0] * x
            b = _INFINITE if av[1] is sc.MAXREPEAT or y >= _INFINITE else min(_INFINITE, av[1] * y)
        elif op is sc.SUBPATTERN:
            a, b = _width(av[-1])
        elif op is sc.ATOMIC_GROUP:
            a, b = _width(av)
        elif op is sc.BRANCH:
            widths = [_width(alt) for alt in av[1]]
            a, b = min(w[0] for w in widths), max(w[1] for w in widths)
        else:
            raise _Unsupported(op)  # back-references, conditionals
        low, high = low + a, min(_INFINITE, high + b)
    return low, high


def _chars(items: Iterable[Any]) -> list[str | None]:
    """Sources of single characters, one of which every character a match of ``items`` takes
    matches (None: any character)."""
    import re._constants as sc

    out: list[str | None] = []
    for op, av in items:
        if op is sc.ANY:
            out.append(None)
        elif op in (sc.LITERAL, sc.NOT_LITERAL, sc.IN):
            out.append(_source([(op, av)]))
        elif op in (sc.MAX_REPEAT, sc.MIN_REPEAT, sc.POSSESSIVE_REPEAT):
            out.extend(_chars(av[2]))
        elif op is sc.SUBPATTERN:
            if av[1] or av[2]:
                out.append(None)  # its own flags: not worth reading
            else:
                out.extend(_chars(av[-1]))
        elif op is sc.ATOMIC_GROUP:
            out.extend(_chars(av))
        elif op is sc.BRANCH:
            for alternative in av[1]:
                out.extend(_chars(alternative))
        elif op not in (sc.AT, sc.ASSERT, sc.ASSERT_NOT):
            raise _Unsupported(op)
    return out


_FLAG_LETTERS = ((re.IGNORECASE, "i"), (re.MULTILINE, "m"), (re.DOTALL, "s"), (re.ASCII, "a"))


def _source(items: Iterable[Any]) -> str:
    """A regular expression equivalent to the parsed ``items`` (groups do not capture)."""
    import re._constants as sc

    at = {
        sc.AT_BEGINNING: "^", sc.AT_BEGINNING_STRING: "\\A", sc.AT_BOUNDARY: "\\b",
        sc.AT_NON_BOUNDARY: "\\B", sc.AT_END: "$", sc.AT_END_STRING: "\\Z",
    }  # fmt: skip
    out: list[str] = []
    for op, av in items:
        if op is sc.LITERAL:
            out.append(re.escape(chr(av)))
        elif op is sc.NOT_LITERAL:
            out.append(f"[^{re.escape(chr(av))}]")
        elif op is sc.ANY:
            out.append(".")
        elif op is sc.IN:
            out.append(_class_source(av))
        elif op in (sc.MAX_REPEAT, sc.MIN_REPEAT, sc.POSSESSIVE_REPEAT):
            high = "" if av[1] is sc.MAXREPEAT else str(av[1])
            lazy = "?" if op is sc.MIN_REPEAT else "+" if op is sc.POSSESSIVE_REPEAT else ""
            out.append(f"(?:{_source(av[2])}){{{av[0]},{high}}}{lazy}")
        elif op is sc.SUBPATTERN:
            _, add, remove, body = av
            on = "".join(c for f, c in _FLAG_LETTERS if add & f)
            off = "".join(c for f, c in _FLAG_LETTERS if remove & f)
            out.append(f"(?{on}{'-' + off if off else ''}:{_source(body)})")
        elif op is sc.ATOMIC_GROUP:
            out.append(f"(?>{_source(av)})")
        elif op is sc.BRANCH:
            out.append("(?:" + "|".join(_source(a) for a in av[1]) + ")")
        elif op in (sc.ASSERT, sc.ASSERT_NOT):
            direction, body = av
            kind = ("<" if direction < 0 else "") + ("=" if op is sc.ASSERT else "!")
            out.append(f"(?{kind}{_source(body)})")
        elif op is sc.AT and av in at:
            out.append(at[av])
        else:
            raise _Unsupported(op)
    return "".join(out)


def _class_source(items: Any) -> str:
    import re._constants as sc

    categories = {
        sc.CATEGORY_DIGIT: "\\d", sc.CATEGORY_NOT_DIGIT: "\\D", sc.CATEGORY_SPACE: "\\s",
        sc.CATEGORY_NOT_SPACE: "\\S", sc.CATEGORY_WORD: "\\w", sc.CATEGORY_NOT_WORD: "\\W",
    }  # fmt: skip
    parts: list[str] = []
    negate = ""
    for op, av in items:
        if op is sc.NEGATE:
            negate = "^"
        elif op is sc.LITERAL:
            parts.append(re.escape(chr(av)))
        elif op is sc.RANGE:
            parts.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is sc.CATEGORY and av in categories:
            parts.append(categories[av])
        else:
            raise _Unsupported(op)
    return f"[{negate}{''.join(parts)}]" if parts else ("[\\s\\S]" if negate else "[^\\s\\S]")
