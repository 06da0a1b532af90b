"""Regular expressions in linear time, and a guard on the patterns of user rule packs.

Adversarial input is built from the patterns themselves: for every regex of the package and of
the built-in packs, a walk over its parsed form gives a string it (nearly) matches; each prefix
of that string, and each character the pattern can match, repeated to a long line, is the kind
of text on which a backtracking pattern goes quadratic or worse ("@@@@...", "„„„„...",
"Photo Photo Photo...").

* Every regex, used the way the code uses it (``finditer`` over the text, or ``match`` at one
  position), takes at most ~8 times longer on four times the input: linear, not quadratic.
* Every rule, on long adversarial lines (100,000 characters), stays within 20 times its time on
  normal prose of the same size, and within 8 times its time on a quarter of the text.
* User packs: a pattern that can backtrack catastrophically (``(a+)+$``, ``(a|aa)+$``) is
  refused at load time with a ``PackError`` naming the file, the rule and the entry.

Times are generous ratios with floors (a loaded 2-core CI machine); a quadratic regex on these
sizes costs seconds, far beyond them.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import re._constants as sc
import re._parser as sp
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest

import qualitycheck
from qualitycheck.document import Document
from qualitycheck.packs import PackError, PackRule, builtin_rules, load_pack, unsafe_pattern
from qualitycheck.registry import all_rules
from qualitycheck.rule import Context, Rule

ROOT = Path(__file__).resolve().parent.parent

# -- collecting the patterns ---------------------------------------------------------------------


def _patterns_in(value: Any) -> Iterator[tuple[str, re.Pattern[str]]]:
    if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
        yield "", value
    elif isinstance(value, tuple | list):
        for i, item in enumerate(value):
            if isinstance(item, re.Pattern) and isinstance(item.pattern, str):
                yield f"[{i}]", item


OPTIONAL_IMPORTS = ("pygls", "lsprotocol")  # qualitycheck.lsp.server: the lsp extra


@cache
def module_patterns() -> dict[str, re.Pattern[str]]:
    """Every compiled pattern held at module level in the package (alone or in a tuple/list)."""
    found: dict[str, re.Pattern[str]] = {}
    for info in pkgutil.walk_packages(qualitycheck.__path__, "qualitycheck."):
        if info.name.endswith("__main__"):
            continue
        try:
            module = importlib.import_module(info.name)
        except ImportError as exc:  # a module of an optional extra that is not installed
            if (exc.name or "").split(".")[0] in OPTIONAL_IMPORTS:
                continue
            raise
        for name, value in vars(module).items():
            for suffix, pattern in _patterns_in(value):
                if getattr(module, "__name__", "") == info.name:
                    found.setdefault(f"{info.name}.{name}{suffix}", pattern)
    return found


@cache
def pack_patterns() -> dict[str, tuple[str, re.Pattern[str]]]:
    """Every entry of the built-in packs: name -> (pack type, compiled pattern)."""
    found: dict[str, tuple[str, re.Pattern[str]]] = {}
    for rule in builtin_rules():
        assert isinstance(rule, PackRule)
        for part in rule.parts:
            for i, entry in enumerate(part.entries):
                regex = entry.regex  # compiled on first use
                found[f"{part.path.name}#{i}"] = (part.type, re.compile(regex.pattern, regex.flags))
    return found


# -- adversarial text from a pattern --------------------------------------------------------------
_POOL = "aAzX19 .,:;!?'\"-_()[]{}<>/\\@#&*+=%$€|~`^\n\t\u00a0éЖ中’”“„«»—–…"
_CATEGORIES: dict[Any, Callable[[str], bool]] = {
    sc.CATEGORY_DIGIT: str.isdigit,
    sc.CATEGORY_NOT_DIGIT: lambda c: not c.isdigit(),
    sc.CATEGORY_SPACE: str.isspace,
    sc.CATEGORY_NOT_SPACE: lambda c: not c.isspace(),
    sc.CATEGORY_WORD: lambda c: c.isalnum() or c == "_",
    sc.CATEGORY_NOT_WORD: lambda c: not (c.isalnum() or c == "_"),
}


def _in_class(items: Any, ch: str, ignorecase: bool) -> bool:
    negate, hit = False, False
    forms = {ch, ch.lower(), ch.upper()} if ignorecase else {ch}
    for op, av in items:
        if op is sc.NEGATE:
            negate = True
        elif op is sc.LITERAL:
            hit |= chr(av) in forms
        elif op is sc.RANGE:
            hit |= any(av[0] <= ord(c) <= av[1] for c in forms)
        elif op is sc.CATEGORY:
            hit |= _CATEGORIES.get(av, lambda c: False)(ch)
    return hit != negate


def pattern_samples(pattern: re.Pattern[str], branches: int = 8) -> tuple[list[str], set[str]]:
    """Strings that follow the pattern (one per choice of alternative) and the characters it
    can match."""
    tree = sp.parse(pattern.pattern, pattern.flags)
    ignorecase = bool(pattern.flags & re.IGNORECASE)
    chars: set[str] = set()

    def walk(items: Any, b: int) -> str:
        out: list[str] = []
        for op, av in items:
            if op is sc.LITERAL:
                out.append(chr(av))
                chars.add(chr(av))
            elif op is sc.NOT_LITERAL or op is sc.ANY:
                out.append("a" if op is sc.ANY or av != ord("a") else "b")
            elif op is sc.IN:
                members = [c for c in _POOL if _in_class(av, c, ignorecase)]
                if members:
                    out.append(members[b % len(members)])
                    chars.update(members[:6])
            elif op in (sc.MAX_REPEAT, sc.MIN_REPEAT):
                lo, hi, sub = av
                out.append(walk(sub, b) * (min(hi, max(lo, 1)) if hi else 0))
            elif op is sc.SUBPATTERN:
                out.append(walk(av[-1], b))
            elif op is sc.BRANCH:
                out.append(walk(av[1][min(b, len(av[1]) - 1)], b))
        return "".join(out)

    samples: list[str] = []
    for b in range(branches):
        s = walk(tree, b)
        if s and s not in samples:
            samples.append(s)
    return samples, chars


def adversarial_units(pattern: re.Pattern[str], limit: int = 40) -> list[str]:
    """What to repeat: prefixes of the pattern's samples, a sample and a space, its characters."""
    samples, chars = pattern_samples(pattern)
    units: list[str] = []
    for s in samples:
        units.extend(s[:k] for k in range(1, min(len(s), 10) + 1))
        units.append(s + " ")
    units.extend(sorted(chars))
    return list(dict.fromkeys(u for u in units if u))[:limit]


def repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def best_time(run: Callable[[], object], tries: int = 2) -> float:
    best = float("inf")
    for _ in range(tries):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


# -- regexes -------------------------------------------------------------------------------------
# Patterns the code only runs at one position (match/fullmatch) or in a short window (search in
# at most 25 characters): scanning a whole text with them is not what happens, so they are timed
# the way they are used.
AT_ONE_POSITION = {
    "qualitycheck.names._NAME_CONTEXT_RE": "match",  # names.py: .match(text, end)
    "qualitycheck.names._NEXT_WORD_RE": "match",
    "qualitycheck.names._PARTICLE_PREFIX_RE": "match",
    "qualitycheck.rules.junk.trailing_headlines._COPYRIGHT_RE": "match",  # on one line
    "qualitycheck.loaders.directives._PREFIX_RE": "fullmatch",  # a comment's body
    "qualitycheck.loaders.markdown._COMMENT_BODY_RE": "fullmatch",
    "qualitycheck.loaders.html._TAG_RE": "match",  # html.py: .match(source, at)
    "qualitycheck.packs._GROUP_PREFIX_RE": "match",  # pack patterns, not text
    # .match at the start of a paragraph's first 80 characters
    "qualitycheck.rules.case.lowercase_sentence_start._DOTTED_DATELINE_RE": "match",
    # .match right after a word
    "qualitycheck.rules.names.translated_name._SPEECH_RE": "match",
    "qualitycheck.rules.case.capital_mid_sentence._NUMBER_AFTER_RE": "match",
    "qualitycheck.rules.case.capital_mid_sentence._YEAR_AFTER_RE": "match",
    "qualitycheck.rules.case.lowercase_historical_name._AGE_GROUP_RE": "match",
    # .match at the start of a sentence or a line
    "qualitycheck.rules.structure.subordinate_fragment._OPENING_RE": "match",
    "qualitycheck.rules.structure.truncated_sentence._FIRST_TOKEN_RE": "match",
}
IN_A_WINDOW = {  # .search(text, dot - 24, dot + 1)
    "qualitycheck.rules.punctuation.stray_mark._WORD_BEFORE_DOT_RE",
    "qualitycheck.segment._WORD_BEFORE_RE",
    # .search in the 8 or 16 characters before "middle ages" / "world war"
    "qualitycheck.rules.case.lowercase_historical_name._THE_BEFORE_RE",
    "qualitycheck.rules.case.lowercase_historical_name._ORDINAL_BEFORE_RE",
}
SMALL, LARGE = 5_000, 20_000
FLOOR = 0.004  # seconds: below this on the large input, nothing to measure


def _scan(pattern: re.Pattern[str], how: str) -> Callable[[str], object]:
    if how == "match":
        return pattern.match
    if how == "fullmatch":
        return pattern.fullmatch

    def scan_all(text: str) -> int:
        count = 0
        for _ in pattern.finditer(text):  # not kept: a list of matches would time the allocator
            count += 1
        return count

    return scan_all


def _superlinear(pattern: re.Pattern[str], how: str) -> list[str]:
    scan = _scan(pattern, how)
    slow = []
    for unit in adversarial_units(pattern):
        large = repeat(unit, LARGE)
        t_large = best_time(lambda: scan(large), tries=1)  # noqa: B023 - called at once
        if t_large < FLOOR:
            continue
        small = repeat(unit, SMALL)
        t_large = best_time(lambda: scan(large))  # noqa: B023
        t_small = max(best_time(lambda: scan(small)), FLOOR / 8)  # noqa: B023
        if t_large > 8 * t_small:
            slow.append(f"{unit!r}: {t_small * 1000:.1f} ms -> {t_large * 1000:.1f} ms")
    return slow


def test_the_collection_finds_the_patterns() -> None:
    names = module_patterns()
    assert len(names) > 60
    assert "qualitycheck.segment._END_RE" in names
    assert "qualitycheck.rules.punctuation.stray_mark._SKIP_RE" in names
    assert set(AT_ONE_POSITION) | IN_A_WINDOW <= set(names)
    assert len(pack_patterns()) > 100


def test_every_module_regex_scales_linearly() -> None:
    problems = {}
    for name, pattern in module_patterns().items():
        if name in IN_A_WINDOW:
            continue
        slow = _superlinear(pattern, AT_ONE_POSITION.get(name, "finditer"))
        if slow:
            problems[name] = slow
    assert problems == {}


def test_window_searches_stay_in_their_window() -> None:
    text = repeat("Ж", 200_000) + "."
    for name in IN_A_WINDOW:
        pattern = module_patterns()[name]
        t = best_time(lambda: pattern.search(text, len(text) - 25, len(text)))  # noqa: B023
        assert t < 0.01, name


def test_every_pack_pattern_scales_linearly() -> None:
    """Phrase entries are timed over the whole text (as unanchored entries run); boilerplate
    entries only ever see one line of at most 320 characters, in full."""
    problems: dict[str, str | list[str]] = {}
    for name, (kind, pattern) in pack_patterns().items():
        if kind == "boilerplate":
            for unit in adversarial_units(pattern):
                line = repeat(unit, 320)
                t = best_time(lambda: pattern.fullmatch(line))  # noqa: B023
                if t > 0.02:
                    problems[name] = f"{unit!r}: {t * 1000:.0f} ms on one line"
            continue
        slow = _superlinear(pattern, "finditer")
        if slow:
            problems[name] = slow
    assert problems == {}


# -- rules ---------------------------------------------------------------------------------------
SIZE = 100_000
# Long lines of what regexes and rules look for, including every shape that once made a rule
# quadratic: one endless word, runs of one mark, capitalised runs, "@@@@", "„„„„", credits.
SHAPES = [
    "x", "QUJD", "Aa ", "B Aa Aa ", "B\u00a0Xé\u00a0", "Xé\u00a0", "Getty Images ", "via\u00a0Getty ",
    "picture", "(photo", "Photo: ", "the M", "the also ", "a\n0,0\nper", "X.\nX.,", "A. ",
    "U.S. ", "Dr. ", ".", "!", "?", "…", ". ,", ",", ";", "-", "—", "'", "\"", "“", "”", "„",
    "‘", "’", "«", "»", "(", ")", "[", "]", "((a) ", "@", "a@", "x@y ", "[email protected] ",
    "&", "&amp;", "&#", "<", "< ", "<p>", "<!--", "`", "*", "#", "|", "/", "\\", "\t", " ",
    "\u00a0", "\n", "\n\n", "\r\n", "1", "1,", "1.1 ", "0x", "3f2a9c0b", "deadbeef ", "Ã©",
    "â€™", "Это ", "中", "http://", "www.", "© ", "(c) ", "More Stories ", "Read more ",
    "the the ", "In In ", "Minister ", "\u200f", "\u0301", "İ",
]  # fmt: skip


@cache
def normal_text(size: int) -> str:
    """Clean prose from the bundled samples, repeated to ``size`` characters."""
    prose = "\n\n".join(
        p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples" / "clean").glob("*.txt"))
    )
    return repeat(prose, size)


def _rule_time(rule: Rule, doc: Document) -> float:
    ctx = Context()
    return best_time(lambda: list(rule.check(doc, ctx)), tries=1)


def _document(text: str) -> Document:
    doc = Document.from_text(text)
    doc.words  # noqa: B018 - segmentation is shared by all rules; timed separately
    return doc


@cache
def shape_document(unit: str) -> Document:
    return _document(repeat(unit, SIZE))


@cache
def rules() -> tuple[Rule, ...]:
    return tuple(all_rules().values())


def test_segmentation_is_linear_on_adversarial_text() -> None:
    base = max(best_time(lambda: _document(normal_text(SIZE))), 0.05)
    slow = {}
    for unit in SHAPES:
        text = repeat(unit, SIZE)
        t = best_time(lambda: _document(text), tries=1)  # noqa: B023
        if t > 20 * base:
            slow[unit] = f"{t:.2f} s (normal text {base:.3f} s)"
    assert slow == {}


@pytest.mark.parametrize("rule_id", sorted(all_rules()))
def test_rule_is_linear_on_adversarial_text(rule_id: str) -> None:
    rule = all_rules()[rule_id]
    normal = _document(normal_text(SIZE))
    base = max(min(_rule_time(rule, normal) for _ in range(2)), 0.02)
    slow = {}
    for unit in SHAPES:
        doc = shape_document(unit)
        t = _rule_time(rule, doc)
        if t > 20 * base:
            t = min(t, _rule_time(rule, doc))  # not a hiccup of a busy machine
        if t > 20 * base:
            slow[unit] = f"{t:.2f} s (normal text {base:.3f} s)"
    assert slow == {}


def _distinct_paragraphs(size: int) -> str:
    """Pseudo-prose of distinct paragraphs (no duplicates to report), ``size`` characters."""
    import random

    words = sorted(set(re.findall(r"\b[a-z]{3,10}\b", normal_text(200_000))))
    rng = random.Random(1)
    out: list[str] = []
    total = 0
    while total < size:
        sentences = []
        for _ in range(rng.randint(2, 5)):
            ws = [rng.choice(words) for _ in range(rng.randint(8, 20))]
            sentences.append(" ".join(ws).capitalize() + ".")
        out.append(" ".join(sentences))
        total += len(out[-1]) + 2
    return "\n\n".join(out)


def test_every_rule_scales_linearly_with_the_number_of_paragraphs() -> None:
    """Regression: duplicate-paragraph compared every pair of paragraphs (hours on 50 MB)."""
    small, large = (
        _document(_distinct_paragraphs(100_000)),
        _document(_distinct_paragraphs(400_000)),
    )
    slow = {}
    for rule in rules():
        t_small = max(min(_rule_time(rule, small) for _ in range(2)), 0.01)
        t_large = min(_rule_time(rule, large) for _ in range(2))
        if t_large > 8 * t_small:
            slow[rule.id] = f"{t_small:.3f} s -> {t_large:.3f} s"
    assert slow == {}


# -- the guard on user packs -------------------------------------------------------------------
def write_pack(directory: Path, pattern: str, name: str = "house.toml") -> Path:
    path = directory / name
    path.write_text(
        'id = "house.words"\ntype = "existence"\nseverity = "warning"\n'
        "message = \"'{match}' is not house style\"\n"
        f"tokens = ['{pattern}']\n",  # a TOML literal string: backslashes as written
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        ("(a+)+$", "nested quantifiers"),
        ("(\\w+\\s?)+ said", "nested quantifiers"),
        ("^(\\w+\\s*)*$", "nested quantifiers"),
        ("(.*a){12}", "nested quantifiers"),
        ("(a|aa)+$", "backtracks catastrophically"),
        ("(a|a)*b", "backtracks catastrophically"),
    ],
)
def test_refuses_a_user_pattern_that_can_hang(tmp_path: Path, pattern: str, reason: str) -> None:
    path = write_pack(tmp_path, pattern)
    start = time.perf_counter()
    with pytest.raises(PackError) as info:
        load_pack(path)
    assert time.perf_counter() - start < 5
    message = str(info.value)
    assert str(path) in message and "house.words" in message and repr(pattern) in message
    assert "unsafe regex" in message and reason in message


@pytest.mark.parametrize(
    "pattern",
    [
        "all rights are save",
        "(?:[a-z]+-)*[a-z]+ly",  # repetitions separated by a required hyphen
        "(?:\\w+\\s+){2,}said",  # word, then space: unambiguous
        "((?:the|a) \\w+)+ (?:is|was)",
        "(?:\\d{1,3},)+\\d{3} people",
        "\\b(?:[A-Z]\\.)+[A-Z]?",
        "(?:(?:facebook|copy link|e-?mail)[\\s,|/]*){2,}",
    ],
)
def test_accepts_safe_user_patterns(tmp_path: Path, pattern: str) -> None:
    assert unsafe_pattern(pattern) is None
    rule = load_pack(write_pack(tmp_path, pattern))
    assert rule.id == "house.words"


def test_every_built_in_pack_pattern_passes_the_user_guard() -> None:
    assert {
        name: problem
        for name, (_, pattern) in pack_patterns().items()
        if (problem := unsafe_pattern(pattern.pattern, pattern.flags)) is not None
    } == {}


def test_cli_reports_an_unsafe_pack_in_one_line(tmp_path: Path) -> None:
    path = write_pack(tmp_path, "(a+)+$")
    (tmp_path / "a.txt").write_text("Fine text.\n")
    proc = subprocess.run(
        [sys.executable, "-m", "qualitycheck", "lint", "--isolated", "--pack", str(path), "a.txt"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "unsafe regex" in lines[0] and "(a+)+$" in lines[0], proc.stderr
