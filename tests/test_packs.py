"""The pack loader: format, validation (PackError), merging, matching semantics, speed."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from linearity import growth

from qualitycheck.document import Document
from qualitycheck.packs import (
    CompiledPack,
    PackError,
    PackRule,
    builtin_pack_dir,
    builtin_rules,
    footer_line_matcher,
    load_pack,
    load_packs,
)
from qualitycheck.rule import Rule
from qualitycheck.testing import flagged, run_rule

EXISTENCE = """
id = "style.filler"
type = "existence"
severity = "info"
message = "'{match}' adds nothing"
explanation = "What it does\\n    Flags filler.\\n"
tokens = ["read more", "at the end of the day", 'very (?:unique|final)']
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# -- loading and matching ---------------------------------------------------------------------
def test_existence_pack_flags_tokens_and_regexes(tmp_path: Path) -> None:
    rule = load_pack(write(tmp_path, "filler.toml", EXISTENCE))
    assert isinstance(rule, Rule) and rule.id == "style.filler" and rule.severity.label == "info"
    text = "At the end of the day it was very unique. Read more, she said."
    assert flagged(rule, text) == ["At the end of the day", "very unique", "Read more"]


def test_existence_pack_does_not_fire_inside_words(tmp_path: Path) -> None:
    rule = load_pack(write(tmp_path, "filler.toml", EXISTENCE))
    assert (
        flagged(rule, "Thread more beads. Spread mores. Unread more-or-less. The very uniqueness.")
        == []
    )


def test_raw_tokens_match_inside_words(tmp_path: Path) -> None:
    text = EXISTENCE.replace("tokens = [", "raw = true\ntokens = [")
    rule = load_pack(write(tmp_path, "filler.toml", text))
    assert flagged(rule, "Thread more beads.") == ["read more"]


def test_ignorecase_false_is_case_sensitive(tmp_path: Path) -> None:
    text = EXISTENCE.replace('severity = "info"', 'severity = "info"\nignorecase = false')
    rule = load_pack(write(tmp_path, "filler.toml", text))
    assert flagged(rule, "Read more. read more.") == ["read more"]


def test_phrase_does_not_match_across_blocks(tmp_path: Path) -> None:
    rule = load_pack(write(tmp_path, "filler.toml", EXISTENCE))
    assert flagged(rule, "You should read\nmore books.") == []


def test_substitution_table_and_case_of_suggestion(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "swap.toml",
        """
id = "phrasing.local"
type = "substitution"
severity = "warning"
message = "write '{suggestion}' instead of '{match}'"
confidence = 0.6
swap = { "in base to" = "based on", 'utili[sz]e' = "use" }
""",
    )
    rule = load_pack(path)
    (m1, m2) = run_rule(rule, "In base to the data, we utilize tools.")
    assert m1.suggestions == ("Based on",) and m2.suggestions == ("use",)
    assert m1.message == "write 'Based on' instead of 'In base to'"
    assert m1.confidence == 0.6


def test_substitution_array_with_groups_notes_and_confidence(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "swap.toml",
        """
id = "phrasing.local"
type = "substitution"
severity = "warning"
message = "{match} -> {suggestion} ({note})"
[[swap]]
wrong = 'the past (Monday|Friday)'
right = 'last \\1'
note = "calque"
confidence = 0.3
""",
    )
    (m,) = run_rule(load_pack(path), "It ended the past Friday.")
    assert m.suggestions == ("last Friday",)
    assert m.message == "the past Friday -> last Friday (calque)"
    assert m.confidence == 0.3


def test_yaml_pack(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "swap.yaml",
        """
id: phrasing.yaml-test
type: substitution
severity: warning
message: "'{match}': use '{suggestion}'"
swap:
  - wrong: with destiny to
    right: bound for
""",
    )
    assert flagged(load_pack(path), "A ship with destiny to Lisbon.") == ["with destiny to"]


def test_boilerplate_matches_whole_lines_only(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "bp.toml",
        """
id = "junk.local-widgets"
type = "boilerplate"
severity = "warning"
message = "'{match}' is a widget"
lines = ['read more', { pattern = 'more stories', footer = true }]
""",
    )
    rule = load_pack(path)
    text = "Body text.\n• Read more »\nYou should read more about it.\nMore Stories\n"
    assert flagged(rule, text) == ["Read more", "More Stories"]
    assert footer_line_matcher([rule])("More Stories")
    assert not footer_line_matcher([rule])("Read more")


def test_explain_shows_the_explanation(tmp_path: Path) -> None:
    rule = load_pack(write(tmp_path, "filler.toml", EXISTENCE))
    assert rule.explain().startswith("What it does")
    assert "filler.toml" in rule.explain()


# -- directories and merging ------------------------------------------------------------------
def test_load_packs_reads_directories_recursively_and_skips_data_files(tmp_path: Path) -> None:
    write(tmp_path, "b/filler.toml", EXISTENCE)
    write(
        tmp_path,
        "a/other.yml",
        EXISTENCE.replace("style.filler", "style.other")
        .replace(" = ", ": ")
        .replace('explanation: "What it does\\n    Flags filler.\\n"\n', ""),
    )
    write(tmp_path, "names/words.toml", 'titles = ["President", "Minister"]\n')
    rules = load_packs([tmp_path])
    assert [r.id for r in rules] == ["style.other", "style.filler"]


def test_packs_sharing_an_id_and_type_are_merged(tmp_path: Path) -> None:
    write(tmp_path, "one.toml", EXISTENCE)
    write(tmp_path, "two.toml", EXISTENCE.replace("tokens = [", 'tokens = ["all in all", '))
    (rule,) = load_packs([tmp_path])
    assert isinstance(rule, PackRule) and len(rule.parts) == 2
    assert flagged(rule, "All in all, read more.") == ["All in all", "read more"]


def test_packs_sharing_an_id_with_different_types_fail(tmp_path: Path) -> None:
    write(tmp_path, "one.toml", EXISTENCE)
    write(
        tmp_path,
        "two.toml",
        'id = "style.filler"\ntype = "boilerplate"\nseverity = "info"\nmessage = "x"\nlines = ["x"]\n',
    )
    with pytest.raises(PackError, match=r"two\.toml.*'style\.filler'.*type 'boilerplate' differs"):
        load_packs([tmp_path])


def test_packs_sharing_an_id_with_different_severities_fail(tmp_path: Path) -> None:
    write(tmp_path, "one.toml", EXISTENCE)
    write(tmp_path, "two.toml", EXISTENCE.replace('"info"', '"error"'))
    with pytest.raises(PackError, match=r"two\.toml.*severity 'error' differs"):
        load_packs([tmp_path])


# -- PackError: file, rule, reason ------------------------------------------------------------
BAD_PACKS = [
    ("bad TOML", "bad.toml", 'id = "style.x"\ntype = [', r"bad\.toml: rule 'bad': bad TOML"),
    ("bad YAML", "bad.yaml", "id: style.x\ntype: [existence\n", r"bad\.yaml: rule 'bad': bad YAML"),
    (
        "missing id",
        "noid.toml",
        'type = "existence"\nseverity = "info"\nmessage = "m"\ntokens = ["x"]\n',
        r"noid\.toml: rule 'noid': missing key 'id'",
    ),
    (
        "missing message",
        "p.toml",
        'id = "style.x"\ntype = "existence"\nseverity = "info"\ntokens = ["x"]\n',
        r"p\.toml: rule 'style\.x': missing key 'message'",
    ),
    (
        "missing tokens",
        "p.toml",
        'id = "style.x"\ntype = "existence"\nseverity = "info"\nmessage = "m"\n',
        r"p\.toml: rule 'style\.x': missing key 'tokens'",
    ),
    (
        "unknown key",
        "p.toml",
        'id = "style.x"\ntype = "existence"\nseverity = "info"\nmessage = "m"\ntokens = ["x"]\nlevel = "error"\n',
        r"p\.toml: rule 'style\.x': unknown key 'level'",
    ),
    (
        "key of another type",
        "p.toml",
        'id = "style.x"\ntype = "existence"\nseverity = "info"\nmessage = "m"\ntokens = ["x"]\nswap = {a = "b"}\n',
        r"p\.toml: rule 'style\.x': unknown key 'swap' for type 'existence'",
    ),
    (
        "unknown type",
        "p.toml",
        'id = "style.x"\ntype = "capitalization"\nseverity = "info"\nmessage = "m"\n',
        r"p\.toml: rule 'style\.x': unknown type 'capitalization'",
    ),
    (
        "bad regex",
        "p.toml",
        'id = "style.x"\ntype = "existence"\nseverity = "info"\nmessage = "m"\ntokens = ["fine", "bro(ken"]\n',
        r"p\.toml: rule 'style\.x', entry 'bro\(ken': bad regex: missing \), unterminated subpattern",
    ),
    (
        "bad severity",
        "p.toml",
        'id = "style.x"\ntype = "existence"\nseverity = "fatal"\nmessage = "m"\ntokens = ["x"]\n',
        r"p\.toml: rule 'style\.x': bad severity: unknown severity 'fatal'",
    ),
    (
        "bad id",
        "p.toml",
        'id = "NoCategory"\ntype = "existence"\nseverity = "info"\nmessage = "m"\ntokens = ["x"]\n',
        r"p\.toml: rule 'NoCategory': bad id",
    ),
    (
        "bad confidence",
        "p.toml",
        'id = "style.x"\ntype = "existence"\nseverity = "info"\nmessage = "m"\nconfidence = 2\ntokens = ["x"]\n',
        r"p\.toml: rule 'style\.x': bad confidence 2",
    ),
    (
        "bad message field",
        "p.toml",
        'id = "style.x"\ntype = "existence"\nseverity = "info"\nmessage = "{word}"\ntokens = ["x"]\n',
        r"p\.toml: rule 'style\.x': bad message template: unknown field\(s\) word",
    ),
    (
        "swap without right",
        "p.toml",
        'id = "style.x"\ntype = "substitution"\nseverity = "info"\nmessage = "m"\n[[swap]]\nwrong = "abc"\n',
        r"p\.toml: rule 'style\.x', entry 'abc': missing key 'right'",
    ),
    (
        "replacement with a missing group",
        "p.toml",
        'id = "style.x"\ntype = "substitution"\nseverity = "info"\nmessage = "m"\nswap = { "a(b)c" = \'\\2\' }\n',
        r"p\.toml: rule 'style\.x', entry 'a\(b\)c': bad replacement",
    ),
    (
        "back-reference",
        "p.toml",
        'id = "style.x"\ntype = "existence"\nseverity = "info"\nmessage = "m"\ntokens = [\'(\\w+) \\1\']\n',
        r"entry .*: bad regex: back-references are not supported",
    ),
]


@pytest.mark.parametrize(
    ("name", "text", "expected"), [c[1:] for c in BAD_PACKS], ids=[c[0] for c in BAD_PACKS]
)
def test_pack_error_names_file_rule_and_reason(
    tmp_path: Path, name: str, text: str, expected: str
) -> None:
    path = write(tmp_path, name, text)
    with pytest.raises(PackError, match=expected) as info:
        load_pack(path)
    assert str(path) in str(info.value)


def test_bad_pack_in_a_directory_is_an_error(tmp_path: Path) -> None:
    write(
        tmp_path, "p.toml", 'id = "style.x"\ntype = "existence"\nseverity = "info"\nmessage = "m"\n'
    )
    with pytest.raises(PackError, match="missing key 'tokens'"):
        load_packs([tmp_path])


# -- built-in packs ---------------------------------------------------------------------------
def test_builtin_rules_are_the_packs_in_the_builtin_directory() -> None:
    ids = {r.id for r in builtin_rules()}
    assert {"junk.boilerplate", "phrasing.garbled-stock-phrase", "phrasing.calque"} <= ids
    assert (builtin_pack_dir() / "junk" / "boilerplate.toml").is_file()


def test_builtin_rules_load_once_per_process() -> None:
    first = builtin_rules()
    second = builtin_rules()
    assert [id(r) for r in first] == [id(r) for r in second]


def test_a_fifty_entry_pack_grows_linearly_with_the_text(tmp_path: Path) -> None:
    # A guard against per-entry rescans and quadratic windows (speed itself is measured by
    # benchmarks/bench_speed.py): eight times the text may not take much more than eight times
    # as long; the bar is loose so that a busy machine cannot fail it.
    lines = [
        'id = "phrasing.bench"', 'type = "substitution"', 'severity = "warning"',
        'message = "{match}"', "[swap]",
    ]  # fmt: skip
    for i in range(50):
        lines.append(f'"garbled phrase number{i} (?:here|there)" = "fixed {i}"')
    rule = load_pack(write(tmp_path, "bench.toml", "\n".join(lines) + "\n"))
    paragraph = (
        "The minister said on Thursday that the talks, which resumed after a week of fighting, "
        "would continue in the capital; there was no sign of a garbled phrase number7 here.\n"
    )
    assert len(run_rule(rule, Document.from_text(paragraph * 800))) == 800
    ops_small, ops_large = growth(
        lambda doc: run_rule(rule, doc), paragraph * 100, paragraph * 800, Document.from_text,
        paragraph,
    )  # fmt: skip
    assert ops_large <= 1.5 * 8 * ops_small, (ops_small, ops_large)  # counted, not timed


def test_boilerplate_named_span_group_limits_the_report(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "bp.toml",
        """
id = "junk.local-widgets"
type = "boilerplate"
severity = "warning"
message = "'{match}' is a widget"
lines = ['(?P<span>subscribe now)(?: \\d+)?', '(?P<span>log in) please']
""",
    )
    assert flagged(load_pack(path), "Subscribe now 42\nLog in please\n") == [
        "Subscribe now",
        "Log in",
    ]


def test_every_builtin_pattern_compiles_and_every_template_is_valid() -> None:
    """Built-in packs compile lazily at run time, so this test is what validates them."""
    from qualitycheck.packs import builtin_rules, compile_all_patterns

    rules = builtin_rules()
    assert rules
    for rule in rules:
        for part in rule.parts:  # type: ignore[attr-defined]
            compile_all_patterns(part)


def test_user_packs_are_compiled_at_load(tmp_path: Path) -> None:
    from qualitycheck.packs import PackError, load_pack

    bad = tmp_path / "bad.toml"
    bad.write_text(
        'id = "house.bad"\ntype = "substitution"\nseverity = "info"\nmessage = "x"\n'
        '[[swap]]\nwrong = "a (b) c"\nright = "\\\\2"\n'
    )
    with pytest.raises(PackError, match="bad replacement"):
        load_pack(bad)


# -- the fast paths agree with the plain ones ----------------------------------------------------
# Phrase packs skip work in two places; neither may change what is found. The anchor scanner must
# return exactly what repeated ``str.find`` calls return, and an entry's skeleton (searched in the
# lower-cased text before the entry runs on a window) must occur inside every match of the entry.
def _phrase_parts() -> list[CompiledPack]:
    return [p for r in builtin_rules() if isinstance(r, PackRule) for p in r.parts if p.anchors]


@cache
def _pack_sentences() -> list[str]:
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "pack_cases", Path(__file__).parent / "test_pack_garbled_phrases.py"
    )
    assert spec is not None and spec.loader is not None
    cases = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(cases)
    return [c[0] for c in cases.GARBLED_CASES + cases.CALQUE_CASES] + list(cases.CLEAN)


_SPACES = [" ", "  ", "\n", " \n ", "\u00a0", "\t", "\u2009"]
_SWAPS = {"1": "١", "2": "２", "'": "’", "i": "İ", "s": "ſ", "k": "\u212a"}


@st.composite
def _pack_texts(draw: st.DrawFn) -> str:
    """Sentences that use the packs' phrases, glued and damaged: white space of every kind
    between words, letters in any case, digits and letters that only match case-insensitively or
    as Unicode digits."""
    sentences = draw(st.lists(st.sampled_from(_pack_sentences()), min_size=1, max_size=4))
    out: list[str] = []
    for sentence in sentences:
        words = sentence.split(" ")
        for word in words:
            mode = draw(st.integers(0, 9))
            if mode == 0:
                word = word.upper()
            elif mode == 1:
                word = word.swapcase()
            elif mode == 2:
                word = "".join(_SWAPS.get(c, c) for c in word)
            elif mode == 3 and len(word) > 2:
                word = word[:-1]
            out.append(word)
            out.append(draw(st.sampled_from(_SPACES)) if draw(st.booleans()) else " ")
    return "".join(out)


@settings(max_examples=300, deadline=None)
@given(_pack_texts())
def test_skeleton_occurs_inside_every_match_of_its_entry(text: str) -> None:
    from qualitycheck.packs import _resolved
    from qualitycheck.scan.lowered import FOLDS_TO_ASCII, lower_same_length

    if any(c in text for c in FOLDS_TO_ASCII):
        text = "".join(c for c in text if c not in FOLDS_TO_ASCII)  # the filter is off then
    lowered = lower_same_length(text)
    for part in _phrase_parts():
        for index, entry in enumerate(part.entries):
            gate = part._plan.gate(index)
            if gate is None:
                continue
            for m in _resolved(entry.regex).finditer(text):
                if m.end() > m.start():
                    assert gate(lowered, m.start(), m.end()), (entry.source, m.group())


@settings(max_examples=150, deadline=None)
@given(_pack_texts())
def test_phrase_packs_find_the_same_with_and_without_skeletons(text: str) -> None:
    from qualitycheck.packs import _PhrasePlan

    doc = Document.from_text(text)
    fast = {p.id: list(p.matches(doc)) for p in _phrase_parts()}
    original = _PhrasePlan.gate
    try:
        _PhrasePlan.gate = lambda self, index: None  # type: ignore[method-assign]
        plain = {p.id: list(p.matches(Document.from_text(text))) for p in _phrase_parts()}
    finally:
        _PhrasePlan.gate = original  # type: ignore[method-assign]
    assert fast == plain


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["ab", "aba", "bab", "b", "abab", "ca", "cab", " ", "x"]), max_size=40
    ),
    st.sampled_from([("aba", "bab", "ab"), ("ab", "abab", "cab"), ("b", "ca", "aba", "bab")]),
)
def test_anchor_scanner_finds_what_str_find_finds(
    parts: list[str], anchors: tuple[str, ...]
) -> None:
    from qualitycheck.scan import AnchorScanner

    text = "".join(parts)
    found = AnchorScanner(anchors).find_all(text)
    for anchor in anchors:
        expected, pos = [], text.find(anchor)
        while pos >= 0:
            expected.append(pos)
            pos = text.find(anchor, pos + 1)
        assert found.get(anchor, []) == expected, anchor


@settings(max_examples=100, deadline=None)
@given(_pack_texts())
def test_shared_anchor_scan_finds_what_str_find_finds(text: str) -> None:
    from qualitycheck.packs import _shared_scanner
    from qualitycheck.scan.lowered import lower_same_length

    lowered = lower_same_length(text * 3)
    scanner = _shared_scanner()
    found = scanner.find_all(lowered)
    for anchor in scanner.anchors:
        expected, pos = [], lowered.find(anchor)
        while pos >= 0:
            expected.append(pos)
            pos = lowered.find(anchor, pos + 1)
        assert found.get(anchor, []) == expected, anchor


# Anchors of every kind: inside longer words, with an apostrophe, a hyphen, a digit, a space or a
# sign, one letter; and pieces of text to glue into words and sentences around them.
_WORD_SCAN_ANCHORS = ("day", "today", "ay", "aya", "o'c", "e-m", "4th", "of the", "%", "k", "i")
_WORD_SCAN_PIECES = [
    "day", "Today", "DAY", "aYa", "ay", "o'clock", "O’C", "e-mail", "E-M", "4th", "4TH", "of the",
    "Of  The", "%", "k", "K", "\u212a", "i", "I", "\u0130", "\u0131", "\u017f", "é", "_", "-", "'",
    "’", "2", "x", ". ", "? ", "! ", " ", "\n", "\n\n", "  ", "\u00a0", "*", "`", "#", "[a](day)",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(_WORD_SCAN_PIECES), max_size=40),
    st.sampled_from(["text", "markdown", "html"]),
)
def test_anchor_scan_of_the_words_finds_what_the_text_scan_finds(
    pieces: list[str], fmt: str
) -> None:
    """The word index stands in for the scan of the text (or declines): same anchors, same
    positions, for anchors of any kind and texts in any format."""
    from qualitycheck.loaders import load_text
    from qualitycheck.packs import _shared_scanner
    from qualitycheck.scan import AnchorScanner
    from qualitycheck.scan.lowered import FOLDS_TO_ASCII, lowered_text

    text = "".join(pieces)
    doc = load_text(text, fmt)
    lowered = lowered_text(doc)
    for scanner in (AnchorScanner(_WORD_SCAN_ANCHORS), _shared_scanner()):
        found = scanner.find_in_words(doc)
        if fmt == "text" and not any(c in text for c in FOLDS_TO_ASCII):
            assert found is not None
        assert found is None or found == scanner.find_all(lowered)
        # Whichever way it goes, the packs' occurrences are those of the text scan.
        if scanner is _shared_scanner():
            plan = next(iter(_phrase_parts()))._plan
            assert plan.occurrences(doc, lowered) == scanner.find_all(lowered)


def test_anchor_scan_of_the_words_declines_where_letters_lie_outside_the_words() -> None:
    from qualitycheck.document import Block
    from qualitycheck.scan import AnchorScanner

    scanner = AnchorScanner(("today", "day"))
    text = "to day today"
    touching = Document(text, text, given_blocks=(Block(0, 4), Block(4, 12)))  # "to d|ay today"
    outside = Document(text, text, given_blocks=(Block(6, 12),))  # "to day" in no block
    apart = Document(text, text, given_blocks=(Block(0, 2), Block(3, 12)))
    assert scanner.find_in_words(touching) is None
    assert scanner.find_in_words(outside) is None
    assert scanner.find_in_words(apart) == {"day": [3, 9], "today": [7]}


def test_only_the_folds_to_ascii_letters_lower_case_to_ascii_letters() -> None:
    """What the word index relies on: outside ``FOLDS_TO_ASCII``, a character that is not an
    ASCII letter does not lower-case to one (nor to more than one character)."""
    import sys

    from qualitycheck.scan.lowered import FOLDS_TO_ASCII

    for code in range(128, sys.maxunicode + 1):
        c = chr(code)
        if c in FOLDS_TO_ASCII:
            continue
        low = c.lower()
        assert len(low) == 1 and not (low.isascii() and low.isalpha()), hex(code)
