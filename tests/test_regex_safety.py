"""Regular expressions in linear time, and a guard on the patterns of user rule packs.

Adversarial input is built from the patterns themselves: for every regex of the package and of
the built-in packs, a walk over its parsed form gives a string it (nearly) matches; each prefix
of that string, and each character the pattern can match, repeated to a long line, is the kind
of text on which a backtracking pattern goes quadratic or worse ("@@@@...", "„„„„...",
"Photo Photo Photo...").

Work is counted, never timed (``tests/linearity.py``), so a busy machine cannot fail these tests
and a fast one cannot pass a quadratic bug:

* Every regex, used the way the code uses it (``finditer`` over the text, or ``match`` at one
  position), runs in a step-counting copy of the backtracking engine whose matches are checked
  against ``re``: no attempt past the first period of the input may cost more steps on twice the
  text, and one ``match`` may cost at most about twice the steps.
* Every rule, on long adversarial lines, executes at most 1.5 times the operations (Python lines
  and C calls) per character on four times the text; so does segmentation.
* User packs: a pattern that can backtrack catastrophically (``(a+)+$``, ``(a|aa)+$``) is
  refused at load time with a ``PackError`` naming the file, the rule and the entry.

The timings themselves are measured by ``benchmarks/bench_linear.py``.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import re._constants as sc
import re._parser as sp
import subprocess
import sys
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT
from linearity import StepMatcher, finditer_growth, growth, repeat

import qualitycheck
from qualitycheck.document import Document
from qualitycheck.packs import PackError, PackRule, builtin_rules, load_pack, unsafe_pattern
from qualitycheck.registry import all_rules
from qualitycheck.rule import Context, Rule

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
    "qualitycheck.scan.anchors._GROUP_PREFIX_RE": "match",  # pack patterns, not text
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
    "qualitycheck.rules.junk.slug_line._SLUG_RE": "match",  # on one line
    "qualitycheck.rules.punctuation.foreign_quotes._REPLY_RE": "match",  # at a block's start
    "qualitycheck.rules.punctuation.missing_quote_opener._FIRST_WORDS_RE": "match",
}
IN_A_WINDOW = {  # .search(text, dot - 24, dot + 1)
    "qualitycheck.rules.punctuation.stray_mark._WORD_BEFORE_DOT_RE",
    "qualitycheck.segment._WORD_BEFORE_RE",
    # .search in the 8 or 16 characters before "middle ages" / "world war"
    "qualitycheck.rules.case.lowercase_historical_name._THE_BEFORE_RE",
    "qualitycheck.rules.case.lowercase_historical_name._ORDINAL_BEFORE_RE",
    # .search in the 12 or 24 characters before a comma or a gap, or 24 before a mark
    "qualitycheck.rules.punctuation.locale_number._NUMBER_BEFORE_RE",
    "qualitycheck.rules.punctuation.locale_number._THOUSANDS_BEFORE_RE",
    "qualitycheck.rules.punctuation.quote_spacing._WORD_BEFORE_RE",
}


def _superlinear(pattern: re.Pattern[str], how: str) -> list[str]:
    return [
        problem
        for unit in adversarial_units(pattern)
        if (problem := finditer_growth(pattern, unit, how)) is not None
    ]


@pytest.mark.parametrize(
    ("pattern", "unit", "how"),
    [
        (r"\w+@", "a", "finditer"),  # every attempt scans the rest of the word: quadratic
        (r"\s*x", " ", "finditer"),
        (r"(?m)^\s*x", "\n", "finditer"),
        (r"a.*?b", "a", "finditer"),
        (r"(a|aa)+b", "a", "finditer"),  # exponential: stopped by the step budget
        (r"(?:\w+\s?)+ said", "Aa ", "finditer"),
        (r"(?:a|a)*b", "a", "match"),  # exponential in one match
    ],
)
def test_the_step_counter_catches_superlinear_patterns(pattern: str, unit: str, how: str) -> None:
    assert finditer_growth(re.compile(pattern), unit, how) is not None


@pytest.mark.parametrize(
    ("pattern", "unit", "how"),
    [
        (r"\w+", "a", "finditer"),  # one attempt takes the whole word
        (r"\b\w+@", "a", "finditer"),  # one long attempt, then \b fails at once
        (r"^\s*x", " ", "finditer"),  # anchored: only the first attempt scans
        (r"\w{1,300}@", "a", "finditer"),  # a bounded window: linear
        (r"<!--(.*?)(?:-->|\Z)", "<!--a-->", "finditer"),
        (r"\s*", " ", "match"),
    ],
)
def test_the_step_counter_passes_linear_patterns(pattern: str, unit: str, how: str) -> None:
    assert finditer_growth(re.compile(pattern), unit, how) is None


@pytest.mark.slow
def test_the_step_matcher_agrees_with_re_on_every_pattern_and_clean_prose() -> None:
    """The matcher finds what the engine finds (also checked on every input it measures)."""
    text = normal_text(3_000)
    for name, pattern in {
        **module_patterns(),
        **{k: v[1] for k, v in pack_patterns().items()},
    }.items():
        spans = StepMatcher(pattern).run(text)
        assert spans == [m.span() for m in pattern.finditer(text)], name


def test_the_collection_finds_the_patterns() -> None:
    names = module_patterns()
    assert len(names) > 60
    assert "qualitycheck.segment._END_RE" in names
    assert "qualitycheck.rules.punctuation.stray_mark._SKIP_RE" in names
    assert set(AT_ONE_POSITION) | IN_A_WINDOW <= set(names)
    assert len(pack_patterns()) > 100


@pytest.mark.slow
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
    """The steps of a search in the last 25 characters do not depend on the text before them."""
    for name in IN_A_WINDOW:
        pattern = module_patterns()[name]
        steps = []
        for size in (1_000, 100_000):
            text = repeat("Ж", size) + "."
            matcher = StepMatcher(pattern)
            spans = matcher.run(text, "search", pos=len(text) - 25, endpos=len(text))
            assert spans == [
                m.span() for m in [pattern.search(text, len(text) - 25, len(text))] if m
            ], name
            steps.append(matcher.steps)
        assert steps[0] == steps[1], name


@pytest.mark.slow
def test_every_pack_pattern_scales_linearly() -> None:
    """Phrase entries scan the whole text (as unanchored entries run); boilerplate entries only
    ever see one line of at most 320 characters, in full: one ``fullmatch`` must be linear."""
    problems: dict[str, list[str]] = {}
    for name, (kind, pattern) in pack_patterns().items():
        slow = _superlinear(pattern, "fullmatch" if kind == "boilerplate" else "finditer")
        if slow:
            problems[name] = slow
    assert problems == {}


# -- rules ---------------------------------------------------------------------------------------
SIZE = 2_000
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
# Four times the text may cost at most 1.5 times the operations per character (a quadratic rule
# costs four times as many); a small constant covers what does not depend on the size at all.
GROWTH, CONSTANT = 1.5, 500


def linear_enough(ops_small: int, ops_large: int, factor: int = 4) -> bool:
    return ops_large <= GROWTH * factor * ops_small + CONSTANT


@cache
def normal_text(size: int) -> str:
    """Clean prose from the bundled samples, repeated to ``size`` characters."""
    prose = "\n\n".join(
        p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples" / "clean").glob("*.txt"))
    )
    return repeat(prose, size)


def _document(text: str) -> Document:
    doc = Document.from_text(text)
    doc.words  # noqa: B018 - segmentation is shared by all rules; counted separately
    return doc


@cache
def rules() -> tuple[Rule, ...]:
    return tuple(all_rules().values())


def _rule_growth(rule: Rule, small: str, large: str) -> tuple[int, int]:
    ctx = Context()
    warm = normal_text(SIZE) + "\n\nThe the minister spoke. It rained in Kyiv and Brovary."
    return growth(lambda doc: list(rule.check(doc, ctx)), small, large, _document, warm)


def test_segmentation_is_linear_on_adversarial_text() -> None:
    slow = {}
    for unit in SHAPES:
        small, large = growth(
            _document, repeat(unit, SIZE), repeat(unit, 4 * SIZE), warm_up=normal_text(SIZE)
        )
        if not linear_enough(small, large):
            slow[unit] = f"{small} operations on {SIZE} characters, {large} on {4 * SIZE}"
    assert slow == {}


@pytest.mark.parametrize("rule_id", sorted(all_rules()))
def test_rule_is_linear_on_adversarial_text(rule_id: str) -> None:
    rule = all_rules()[rule_id]
    slow = {}
    for unit in SHAPES:
        small, large = _rule_growth(rule, repeat(unit, SIZE), repeat(unit, 4 * SIZE))
        if not linear_enough(small, large):
            slow[unit] = f"{small} operations on {SIZE} characters, {large} on {4 * SIZE}"
    assert slow == {}


def test_the_operation_counter_catches_a_quadratic_rule() -> None:
    """The way duplicate-paragraph once compared every pair of paragraphs."""

    def pairwise(doc: Document, ctx: Context) -> Iterator[object]:
        blocks = [doc.text[b.start : b.end] for b in doc.blocks]
        for i, a in enumerate(blocks):
            for b in blocks[:i]:
                if a == b:
                    yield i

    quadratic = Rule("test.pairwise", rules()[0].severity, pairwise)
    small, large = _rule_growth(
        quadratic, _distinct_paragraphs(10_000), _distinct_paragraphs(40_000)
    )
    assert not linear_enough(small, large)
    linear = Rule("test.single", rules()[0].severity, lambda doc, ctx: iter(doc.blocks))
    small, large = _rule_growth(linear, _distinct_paragraphs(10_000), _distinct_paragraphs(40_000))
    assert linear_enough(small, large)


def _distinct_paragraphs(size: int, per_paragraph: tuple[int, int] = (2, 5)) -> str:
    """Pseudo-prose of distinct paragraphs (no duplicates to report), ``size`` characters."""
    import random

    words = sorted(set(re.findall(r"\b[a-z]{3,10}\b", normal_text(200_000))))
    rng = random.Random(1)
    out: list[str] = []
    total = 0
    while total < size:
        sentences = []
        for _ in range(rng.randint(*per_paragraph)):
            ws = [rng.choice(words) for _ in range(rng.randint(8, 20))]
            sentences.append(" ".join(ws).capitalize() + ".")
        out.append(" ".join(sentences))
        total += len(out[-1]) + 2
    return "\n\n".join(out)


def test_every_rule_scales_linearly_with_the_number_of_paragraphs() -> None:
    """Regression: duplicate-paragraph compared every pair of paragraphs (hours on 50 MB). Short
    paragraphs, so that both texts have many more than the 200 it compares each one with."""
    small_text = _distinct_paragraphs(40_000, per_paragraph=(1, 1))
    large_text = _distinct_paragraphs(160_000, per_paragraph=(1, 1))
    slow = {}
    for rule in rules():
        small, large = _rule_growth(rule, small_text, large_text)
        if not linear_enough(small, large):
            slow[rule.id] = f"{small} operations -> {large}"
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
    with pytest.raises(PackError) as info:  # refused by looking at the pattern, never by running it
        load_pack(path)
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
