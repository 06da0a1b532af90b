"""The scanning layer: ``scan.finditer`` finds exactly what ``re.finditer`` finds.

One property test for every pattern the rules scan with, and for patterns written to exercise
each way the layer chooses (an anchor after a bounded or unbounded part, a look-behind before the
anchor, a run of one class, alternatives of both kinds, case-insensitive matching, patterns it
must leave to ``re``)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qualitycheck.rules.junk import email_placeholder, hex_token, html_leftover
from qualitycheck.rules.punctuation import stray_mark
from qualitycheck.scan import finditer, matches_from, plan_of

RULE_PATTERNS = [
    email_placeholder._PLACEHOLDER_RE,
    hex_token._CANDIDATE_RE,
    html_leftover._ATTRIBUTES_RE,
    html_leftover._TAG_RE,
    html_leftover._ENTITY_RE,
    stray_mark._LONG_RUN_RE,
]
OWN_PATTERNS = [
    re.compile(r"(?<=\S)[ \t]*[.,;](?:[ \t]*[.,;])*"),
    re.compile(r"[a-z]{2,5}\s*=\s*'[^']*'"),
    re.compile(r"(?:https?://\S+)?/x/y(?:#\d+)?", re.IGNORECASE),
    re.compile(r"[A-Za-z0-9]{8,}|[0-9a-f]{2}-[0-9a-f]{2}", re.IGNORECASE),
    re.compile(r"[A-Za-z0-9+/]{8,}={0,2}"),
    re.compile(r"\bab+c\b|@[a-z]+"),
    re.compile(r"(?i:mail)\s*\[(?P<x>at)\]"),
    re.compile(r"(?<![\w-])(?:id|class)=\d+$", re.MULTILINE),
    re.compile(r"(a)\1"),  # a back-reference: left to re
    re.compile(r"x*"),  # empty matches: left to re
    re.compile(r"(?s).{2}%"),
]
PATTERNS = RULE_PATTERNS + OWN_PATTERNS

_PIECES = [*"aEm il[]/-_=\"'<>.:;,!?…@0f9cxyzK\t\n ", "\u00a0", "\u0130", "\u212a", "\u017f", "é"]
_PIECES += ["email", "[email", "[ EMAIL", "protected]", "&#160;", "/cdn-cgi/l/", "email-protection"]
_PIECES += ["https://", "http://a.b", "class=", "id=", "data-x=", "style = ", '"lead"', "'x'"]
_PIECES += ["<br>", "< p >", "</div>", "&lt;b&gt;", "&amp;", "&amp;nbsp;", "&#8217;", "&quot;"]
_PIECES += ["deadbeef12345678", "123e4567-e89b-12d3-a456-426614174000", "AbC9xYz0QwE4rTy8Ui"]
_PIECES += [". ,", ",,", " .", "! .", "...", ". . .", "/x/y", "#12", "mail [at]", "abbc", "aa%"]
TEXTS = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


@settings(max_examples=1500, deadline=None)
@given(st.sampled_from(PATTERNS), TEXTS)
def test_the_layer_finds_what_re_finditer_finds(pattern: re.Pattern[str], text: str) -> None:
    expected = [(m.span(), m.group()) for m in pattern.finditer(text)]
    assert [(m.span(), m.group()) for m in finditer(text, pattern)] == expected


def test_the_layer_takes_a_fast_path_for_the_rule_patterns_re_would_try_everywhere() -> None:
    """Not a speed test: the layer must have read these patterns, or the rules scan every
    position of the text as before the layer existed. A pattern that opens with a literal and
    ignores no case is left to re, which skips to that character in C by itself."""
    planned = [
        email_placeholder._PLACEHOLDER_RE,
        hex_token._CANDIDATE_RE,
        html_leftover._ATTRIBUTES_RE,
        html_leftover._TAG_RE,  # "<" or "&lt;", ignoring case: re tries every position
        stray_mark._LONG_RUN_RE,
    ]
    assert [p.pattern for p in planned if plan_of(p) is None] == []
    assert plan_of(html_leftover._ENTITY_RE) is None  # opens with "&": re skips to it


def test_patterns_the_layer_cannot_read_are_left_to_re() -> None:
    assert plan_of(re.compile(r"(a)\1")) is None
    assert plan_of(re.compile(r"x*")) is None
    assert plan_of(re.compile(r"\w+")) is None  # no rare anchor, no long run


def test_matches_from_tries_only_the_given_starts() -> None:
    pattern = re.compile(r"ab")
    assert [m.start() for m in matches_from(pattern, "ab ab ab", [0, 0, 3])] == [0, 3]


@pytest.mark.parametrize("unit", ["< ", "<br>", ". ", "=", "a-", ", .", "/", "class='x' "])
@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda p: p.pattern[:20])
def test_the_layer_hands_dense_starts_to_re_without_changing_the_matches(
    pattern: re.Pattern[str], unit: str
) -> None:
    """Where possible starts come every few characters, the rest of the text is scanned by
    re.finditer from the end of the last match: still the same matches."""
    text = "Done. " + unit * 1500 + " <br> class='x' [email protected] .., AbC9xYz0QwE4rTy8Ui"
    expected = [m.span() for m in pattern.finditer(text)]
    assert [m.span() for m in finditer(text, pattern)] == expected
