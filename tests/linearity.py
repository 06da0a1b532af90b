"""Counting work instead of timing it: the helpers behind the suite's linear-growth tests.

Wall-clock ratios fail on a busy machine and pass a quadratic bug on a fast one. These helpers
count work deterministically, so the same code gives the same count on any machine and under any
load (speed itself is measured by ``benchmarks/``, never by tests):

* ``StepMatcher`` runs a regular expression the way CPython's backtracking engine does (the same
  parse tree from ``re._parser``, alternatives, greedy and lazy repeats, look-arounds, anchors,
  flags) and counts one step per element tried, per character a repeat takes and per position it
  gives back. Its matches are checked against ``re`` on every input it measures, so it cannot
  drift from what the real engine does.
* ``finditer_growth`` compares the steps of the first attempts of a ``finditer`` on a text and on
  the same text four times as long. In a repeated unit the attempts are periodic: an attempt
  that does not run into the end of the text costs exactly the same on both, so a linear scan
  shows no extra steps beyond what the longer matches themselves consume, while an attempt whose
  cost grows with the text (the quadratic rescans of ``\\w+@`` over a long word, or worse) shows
  thousands, and is stopped by a step budget long before it could hang.
* ``count_operations`` counts the Python lines executed and the C functions called while a
  function runs (``sys.settrace`` and ``sys.setprofile``): an operation counter for rules,
  loaders and scores, compared on n and 4n.
"""

from __future__ import annotations

import re
import re._constants as sc
import re._parser as sp
import sys
import threading
from collections.abc import Callable, Iterator
from typing import Any

Span = tuple[int, int]


class StepBudgetExceeded(Exception):
    """The matcher did more steps than it was allowed: far beyond linear work."""


def _word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


_CATEGORIES: dict[Any, Callable[[str], bool]] = {
    sc.CATEGORY_DIGIT: str.isdecimal,
    sc.CATEGORY_NOT_DIGIT: lambda c: not c.isdecimal(),
    sc.CATEGORY_SPACE: str.isspace,
    sc.CATEGORY_NOT_SPACE: lambda c: not c.isspace(),
    sc.CATEGORY_WORD: _word,
    sc.CATEGORY_NOT_WORD: lambda c: not _word(c),
}

_SINGLE = (sc.LITERAL, sc.NOT_LITERAL, sc.ANY, sc.IN)


def _forms(ch: str, ignorecase: bool) -> set[str]:
    return {ch, ch.lower(), ch.upper()} if ignorecase else {ch}


def _in_class(items: Any, ch: str, ignorecase: bool) -> bool:
    negate, hit = False, False
    forms = _forms(ch, ignorecase)
    for op, av in items:
        if op is sc.NEGATE:
            negate = True
        elif op is sc.LITERAL:
            hit |= bool(_forms(chr(av), ignorecase) & forms)
        elif op is sc.RANGE:
            hit |= any(av[0] <= ord(c) <= av[1] for c in forms if len(c) == 1)
        elif op is sc.CATEGORY:
            hit |= _CATEGORIES[av](ch)
        else:  # pragma: no cover - a construct the patterns of this project do not use
            raise NotImplementedError(f"character class item {op}")
    return hit != negate


class StepMatcher:
    """A step-counting backtracking matcher for the subset of ``re`` syntax without group
    references (what this project's patterns use; anything else raises NotImplementedError)."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.tree = sp.parse(pattern.pattern, pattern.flags)
        self.flags = pattern.flags
        self.steps = 0
        self.budget: int | None = None
        self.text = ""
        self.end = 0

    # -- the engine ----------------------------------------------------------------------------
    def _step(self, n: int = 1) -> None:
        self.steps += n
        if self.budget is not None and self.steps > self.budget:
            raise StepBudgetExceeded

    def _single(self, op: Any, av: Any, pos: int, fl: int) -> bool:
        if pos >= self.end:
            return False
        ch = self.text[pos]
        ic = bool(fl & re.IGNORECASE)
        if op is sc.LITERAL:
            return bool(_forms(ch, ic) & _forms(chr(av), ic))
        if op is sc.NOT_LITERAL:
            return not (_forms(ch, ic) & _forms(chr(av), ic))
        if op is sc.ANY:
            return bool(fl & re.DOTALL) or ch != "\n"
        return _in_class(av, ch, ic)

    def _at(self, code: Any, pos: int, fl: int) -> bool:
        text, end = self.text, self.end
        ml = bool(fl & re.MULTILINE)
        if code is sc.AT_BEGINNING:
            return pos == 0 or (ml and text[pos - 1] == "\n")
        if code is sc.AT_BEGINNING_STRING:
            return pos == 0
        if code is sc.AT_END:
            if pos == end or (pos == end - 1 and text[pos] == "\n"):
                return True
            return ml and pos < end and text[pos] == "\n"
        if code is sc.AT_END_STRING:
            return pos == end
        if code in (sc.AT_BOUNDARY, sc.AT_NON_BOUNDARY):
            if end == 0:
                return False
            before = pos > 0 and _word(text[pos - 1])
            after = pos < end and _word(text[pos])
            return (before != after) == (code is sc.AT_BOUNDARY)
        raise NotImplementedError(f"anchor {code}")  # pragma: no cover

    def _seq(self, items: Any, i: int, pos: int, fl: int) -> Iterator[int]:
        """Every end position of ``items[i:]`` matched at ``pos``, in the engine's order."""
        if i == len(items):
            yield pos
            return
        self._step()
        op, av = items[i]
        if op in _SINGLE:
            if self._single(op, av, pos, fl):
                yield from self._seq(items, i + 1, pos + 1, fl)
        elif op is sc.AT:
            if self._at(av, pos, fl):
                yield from self._seq(items, i + 1, pos, fl)
        elif op is sc.SUBPATTERN:
            _, add, remove, sub = av
            for p in self._seq(sub, 0, pos, (fl | add) & ~remove):
                yield from self._seq(items, i + 1, p, fl)
        elif op is sc.BRANCH:
            for branch in av[1]:
                for p in self._seq(branch, 0, pos, fl):
                    yield from self._seq(items, i + 1, p, fl)
        elif op in (sc.MAX_REPEAT, sc.MIN_REPEAT):
            lo, hi, sub = av
            greedy = op is sc.MAX_REPEAT
            if len(sub) == 1 and sub[0][0] in _SINGLE:  # one character at a time, like REPEAT_ONE
                sop, sav = sub[0]
                limit = hi if hi is not sc.MAXREPEAT else self.end
                n = 0
                while n < (limit if greedy else lo) and self._single(sop, sav, pos + n, fl):
                    n += 1
                    self._step()
                if n < lo:
                    return
                if greedy:  # take all, then give back one at a time
                    for k in range(n, lo - 1, -1):
                        self._step()
                        yield from self._seq(items, i + 1, pos + k, fl)
                    return
                while True:  # lazy: try the rest first, then take one more
                    self._step()
                    yield from self._seq(items, i + 1, pos + n, fl)
                    if n >= limit or not self._single(sop, sav, pos + n, fl):
                        return
                    n += 1
            else:
                for p in self._repeat(sub, lo, hi, greedy, pos, fl, 0):
                    yield from self._seq(items, i + 1, p, fl)
        elif op in (sc.ASSERT, sc.ASSERT_NOT):
            direction, sub = av
            start = pos
            if direction < 0:
                lo, hi = sub.getwidth()
                start = pos - lo
            found = False
            if start >= 0:
                for p in self._seq(sub, 0, start, fl):
                    if direction > 0 or p == pos:
                        found = True
                        break
            if found == (op is sc.ASSERT):
                yield from self._seq(items, i + 1, pos, fl)
        else:
            raise NotImplementedError(f"regex construct {op}")

    def _repeat(
        self, sub: Any, lo: int, hi: Any, greedy: bool, pos: int, fl: int, count: int
    ) -> Iterator[int]:
        more = hi is sc.MAXREPEAT or count < hi
        if not greedy and count >= lo:
            yield pos
        if more:
            for p in self._seq(sub, 0, pos, fl):
                if p == pos and count >= lo:
                    continue  # an empty iteration ends the repeat, as in the engine
                yield from self._repeat(sub, lo, hi, greedy, p, fl, count + 1)
        if greedy and count >= lo:
            yield pos

    # -- what the code calls -------------------------------------------------------------------
    def _first(self, pos: int, *, full: bool, must_advance: bool) -> int | None:
        for p in self._seq(self.tree, 0, pos, self.flags):
            if full and p != self.end:
                continue
            if must_advance and p == pos:
                continue
            return p
        return None

    def run(
        self,
        text: str,
        how: str = "finditer",
        *,
        pos: int = 0,
        endpos: int | None = None,
        attempts: int | None = None,
        budget: int | None = None,
    ) -> list[Span]:
        """The spans ``how`` (finditer, search, match or fullmatch) finds. ``self.steps`` counts
        the steps, ``self.attempts`` lists (start, steps, span or None) for each start position
        tried; ``attempts`` stops a finditer or search after that many."""
        self.text, self.end = text, len(text) if endpos is None else endpos
        self.steps, self.budget = 0, budget
        self.attempts: list[tuple[int, int, Span | None]] = []
        spans: list[Span] = []
        p, must_advance = pos, False
        while p <= self.end and (attempts is None or len(self.attempts) < attempts):
            before = self.steps
            e = self._first(p, full=how == "fullmatch", must_advance=must_advance)
            self.attempts.append((p, self.steps - before, None if e is None else (p, e)))
            if how in ("match", "fullmatch"):
                return [] if e is None else [(p, e)]
            if e is None:
                p, must_advance = p + 1, False
                continue
            spans.append((p, e))
            if how == "search":
                break
            must_advance, p = e == p, e
        return spans


def reference_spans(
    pattern: re.Pattern[str], text: str, how: str, pos: int = 0, endpos: int | None = None
) -> list[Span]:
    end = len(text) if endpos is None else endpos
    if how == "finditer":
        return [m.span() for m in pattern.finditer(text, pos, end)]
    m = getattr(pattern, how)(text, pos, end)
    return [] if m is None else [m.span()]


def _deep(fn: Callable[[], Any]) -> Any:
    """Run ``fn`` in a thread with a large stack: nested repeats recurse once per iteration."""
    result: list[Any] = []
    errors: list[BaseException] = []

    def target() -> None:
        try:
            result.append(fn())
        except BaseException as exc:
            errors.append(exc)

    old_limit = sys.getrecursionlimit()
    old_size = threading.stack_size(512 * 1024 * 1024)
    sys.setrecursionlimit(max(old_limit, 200_000))
    try:
        thread = threading.Thread(target=target)
        thread.start()
        thread.join()
    finally:
        threading.stack_size(old_size)
        sys.setrecursionlimit(old_limit)
    if errors:
        raise errors[0]
    return result[0]


def repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


SMALL, LARGE = 700, 1_400  # above every bounded repeat of the project's patterns ({,300})
SLACK_PER_CHAR = 40  # steps a linear match may spend on each character it consumes
SLACK = 200


def finditer_growth(pattern: re.Pattern[str], unit: str, how: str = "finditer") -> str | None:
    """None if ``how`` over ``unit`` repeated does linear work, else what grew.

    ``match`` and ``fullmatch`` run once: twice the text may cost at most about twice the steps.
    ``finditer`` runs attempt after attempt, so one attempt may cost steps in proportion to the
    text, but not many: in a repeated unit the attempts are periodic, and an attempt that does not
    run into the end of the text costs exactly the same on SMALL and on LARGE characters. The
    first attempts (four periods of the unit and then some) are compared; an attempt past the
    first period whose steps grow beyond what its longer match consumes means every later
    attempt grows too: quadratic work. The matcher's spans are checked against the engine's."""
    matcher = StepMatcher(pattern)
    limit = 4 * len(unit) + 16
    runs = []
    for size in (SMALL, LARGE):
        text = repeat(unit, size)
        budget = SLACK_PER_CHAR * size * (len(unit) + 8) + 10 * SLACK
        try:
            spans = _deep(lambda t=text, b=budget: matcher.run(t, how, attempts=limit, budget=b))
        except StepBudgetExceeded:
            return f"{unit!r}: more than {budget} steps on {size} characters"
        expected = reference_spans(pattern, text, how)[: len(spans) if how == "finditer" else None]
        if spans != expected:  # finditer: the engine's first spans, up to where counting stopped
            raise AssertionError(
                f"step matcher disagrees with re on {unit!r}: {spans[:3]} vs {expected[:3]}"
            )
        runs.append(
            (matcher.steps, {start: (steps, span) for start, steps, span in matcher.attempts})
        )
    (total_small, small), (total_large, large) = runs
    if how in ("match", "fullmatch"):
        if total_large > 2 * total_small + SLACK:
            return f"{unit!r}: {total_small} steps on {SMALL} characters, {total_large} on {LARGE}"
        return None

    def took(span: Span | None) -> int:
        return 0 if span is None else span[1] - span[0]

    for start, (steps, span) in large.items():
        if start < len(unit) + 8 or start not in small:
            continue
        steps_small, span_small = small[start]
        if steps - steps_small - SLACK_PER_CHAR * max(0, took(span) - took(span_small)) > SLACK:
            return (
                f"{unit!r}: the attempt at {start} takes {steps_small} steps on {SMALL} "
                f"characters, {steps} on {LARGE}"
            )
    return None


# -- an operation counter for Python code ---------------------------------------------------------
def count_operations(fn: Callable[[], Any]) -> tuple[int, Any]:
    """(Python lines executed + C functions called, fn's result) while ``fn()`` runs."""
    count = 0

    def local(frame: Any, event: str, arg: Any) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return local

    def tracer(frame: Any, event: str, arg: Any) -> Any:
        return local

    def profiler(frame: Any, event: str, arg: Any) -> None:
        nonlocal count
        if event == "c_call":
            count += 1

    old_trace, old_profile = sys.gettrace(), sys.getprofile()
    sys.settrace(tracer)
    sys.setprofile(profiler)
    try:
        result = fn()
    finally:
        sys.settrace(old_trace)
        sys.setprofile(old_profile)
    return count, result


def growth(
    run: Callable[[Any], Any],
    small: Any,
    large: Any,
    make: Callable[[Any], Any] | None = None,
    warm_up: Any = None,
) -> tuple[int, int]:
    """Operations of ``run(make(small))`` and ``run(make(large))``. ``make`` (not counted) builds
    a fresh input each time, so nothing memoised on it carries over; ``warm_up`` is run first
    (uncounted) to load lazy data: pass an input other than ``small``, or caches keyed on the
    text would make the small run look free."""
    prepare = make or (lambda value: value)
    if warm_up is not None:
        run(prepare(warm_up))
    counts = []
    for value in (small, large):
        prepared = prepare(value)
        counts.append(count_operations(lambda p=prepared: run(p))[0])
    return counts[0], counts[1]
