"""Property-based tests: the engine and every rule survive arbitrary text, in every input format.

For any input the checker must not raise (and no rule may fail inside the engine), and every
finding must point into the source as written: valid 1-based line and column, the end after the
start, ``text`` equal to the source slice, and a confidence between 0 and 1.

The strategies mix arbitrary Unicode (control characters, combining marks, bidi marks, emoji,
lines of thousands of characters, only punctuation, only line breaks, mixed "\\r\\n" and "\\n")
with fragments biased toward what the rules look for: capitalised words, quotes, brackets, ". ,",
"[email protected]", hex runs, HTML entities, Cyrillic sentences, Markdown and HTML markup.
Lone surrogates are left out: they cannot occur in a UTF-8 file.

A longer campaign with the same strategies lives in ``benchmarks/fuzz_campaign.py``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qualitycheck.api import Checker, FileResult
from qualitycheck.config import Settings
from qualitycheck.document import Document
from qualitycheck.glossary import Glossary
from qualitycheck.registry import all_rules
from qualitycheck.rule import Context, Rule

FORMATS = ("text", "markdown", "html")
EXAMPLES = 200

# -- strategies --------------------------------------------------------------------------------
# Any character a UTF-8 file can hold: no lone surrogates.
ANY_CHAR = st.characters(exclude_categories=["Cs"])
ODD_CHARS = st.sampled_from(
    [
        "\x00", "\x01", "\x07", "\x0b", "\x0c", "\x1b", "\x1c", "\x7f", "\x85", "\x9f",
        "\u00a0", "\u00ad", "\u0301", "\u0308", "\u0336", "\u034f", "\u200b", "\u200c",
        "\u200d", "\u200e", "\u200f", "\u202a", "\u202e", "\u2028", "\u2029", "\u2066",
        "\ufeff", "\ufffd", "\uffff", "İ", "ß", "ﬁ", "ǅ", "ΐ", "\U0001f44d\U0001f3fd",
        "\U0001f1fa\U0001f1e6", "\U0001f468\u200d\U0001f469\u200d\U0001f467", "\U00010348",
        "\U000e0041", "\t", "\r", "\n", "\r\n", "\n\n", " ", "  ",
    ]
)  # fmt: skip
TRIGGERS = st.sampled_from(
    [
        "The", "the", "the the", "In", "Minister", "Foreign Minister", "Prime Minister",
        "President", "Kyiv", "Kiev", "Kyyiv", "Odesa", "Odessa", "Brovary", "Brovery", "London",
        "Zaporozhye", "Ana Souza", "Souza", "Sousa", "Shelling", "said", "wrote in", "After",
        "More Stories", "Related Articles", "Read more", "Share this article", "All rights are save",
        "all rights reserved", "©", "Advertisement", "Photo:", "Getty Images", "\"", "“", "”", "‘",
        "’", "'", "«", "»", "„", "(", ")", "[", "]", "{", "}", "( )", ". ,", ",,", ",.", ";;", "!.",
        " ,", " .", "...", "…", "—", "–", "-", "?!", ":", ";", "[email protected]",
        "[email\u00a0protected]", "a@b.c", "3f2a9c0b7e1d4a5f6b8c9d0e1f2a3b4c",
        "550e8400-e29b-41d4-a716-446655440000", "0x1F", "deadbeef", "&amp;", "&nbsp;",
        "&#8217;", "&#x201C;", "&quot", "&lt;b&gt;", "<br>", "</p>", "Ã©", "â€™", "Ð¿Ñ€Ð¸",
        "Это предложение написано по-русски.", "Мы не знаем.", "Das ist ein deutscher Satz.",
        "Ceci est une phrase française.", "中文句子。", "مرحبا بالعالم", "שלום", "a", "I", "A.",
        "U.S.", "Dr.", "No. 5", "1,200", "3.5", "12:30", "2024", "per cent", "in order to",
        "on the other hand", "in the framework of", "at the moment",
    ]
)  # fmt: skip
MARKUP = st.sampled_from(
    [
        "# ", "## ", "\n# Heading\n", "```\n", "```python\n", "~~~\n", "    code\n", "`x`", "`",
        "* ", "- ", "1. ", "> ", "[link](http://example.com)", "![img](a.png)", "<http://x.y>",
        "https://example.com/path?a=1", "---\n", "---\ntitle: x\n---\n", "|a|b|\n|-|-|\n|c|d|\n",
        "<!-- qualitycheck: disable -->", "<!-- qualitycheck: enable -->",
        "<!-- qualitycheck: disable-next-line case -->", "<!-- qualitycheck: bogus -->", "<!--",
        "-->", "<p>", "</p>", "<div>", "</div>", "<h1>", "</h1>", "<script>x=1<2</script>",
        "<style>p{}</style>", "<nav>Home</nav>", "<figcaption>", "<td>", "<tr>", "<table>",
        "<li>", "<b", "<a href='x'>", "</a>", "<![CDATA[", "]]>", "<!DOCTYPE html>", "<html>",
        "<body>", "<br/>", "<pre>", "</pre>", "<code>", "</code>", "<", ">", "&", "*", "_", "\\",
        "<p>Unclosed", "</b></i></u>", "<p a=\"", "<img src=x onerror=y>", "<?xml ?>",
    ]
)  # fmt: skip

WORDISH = st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGH .,'"), max_size=12)


def _pieces(*parts: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.lists(st.one_of(*parts), max_size=60).map("".join)


SPACER = st.sampled_from([" ", " ", " ", "\n", "\n\n", "\r\n", ". ", ", "])
BIASED = _pieces(TRIGGERS, SPACER, WORDISH, ODD_CHARS)
MARKED = _pieces(TRIGGERS, SPACER, MARKUP, WORDISH, ODD_CHARS)
ARBITRARY = st.text(ANY_CHAR, max_size=300)
SHAPES = st.one_of(
    st.just(""),
    st.text(st.sampled_from("\n\r"), max_size=40),
    st.text(st.sampled_from(".,;:!?\"'()[]{}-–—…«»“”"), max_size=80),
    st.text(st.sampled_from(" \t\u00a0\u2028\u2029\x0c\x0b"), max_size=40),
    st.builds(lambda c, n: c * n, TRIGGERS, st.integers(1, 400)),
    st.builds(lambda c, n: c * n, ANY_CHAR, st.integers(1, 5000)),  # a very long line
)
TEXTS = st.one_of(BIASED, MARKED, ARBITRARY, SHAPES, _pieces(ANY_CHAR, TRIGGERS, MARKUP, SPACER))


# -- checks ------------------------------------------------------------------------------------
@cache
def checker() -> Checker:
    return Checker(Settings())


@cache
def rules() -> tuple[Rule, ...]:
    return tuple(all_rules().values())


GLOSSARY = Glossary.of([("Kyiv", ["Kiev"]), ("Zaporizhzhia", ["Zaporozhye"]), ("Ana Souza", [])])
_LINE_BREAK_RE = re.compile(r"\r\n|\r|\n")


def _line_starts(source: str) -> list[int]:
    return [0, *(m.end() for m in _LINE_BREAK_RE.finditer(source))]


def _line_col(starts: Sequence[int], index: int) -> tuple[int, int]:
    line = bisect.bisect_right(starts, index) - 1
    return line + 1, index - starts[line] + 1


def assert_sound(result: FileResult, source: str) -> None:
    """The result of checking ``source``: no failure, every finding located in the source."""
    assert result.error is None, result.error
    assert result.failures == [], result.failures
    starts = _line_starts(source)
    for f in result.findings:
        where = f"{f.rule} {f.line}:{f.column}-{f.end_line}:{f.end_column} {f.text!r}"
        assert 0 <= f.start < f.end <= len(source), where
        assert f.text == source[f.start : f.end], where
        assert (f.line, f.column) == _line_col(starts, f.start), where
        assert (f.end_line, f.end_column) == _line_col(starts, f.end), where
        assert (f.end_line, f.end_column) > (f.line, f.column), where
        assert 1 <= f.line <= f.end_line <= len(starts), where
        assert 0.0 <= f.confidence <= 1.0, where
        assert f.message.strip(), where
    assert result.quality is not None and 0.0 <= result.quality <= 100.0


def check_every_rule(doc: Document) -> None:
    """Run each rule directly: it must not raise, and its spans must lie in ``doc.text``."""
    for rule in rules():
        ctx = Context(glossary=GLOSSARY if rule.id == "names.glossary" else None)
        for m in rule.check(doc, ctx):
            assert 0 <= m.start < m.end <= len(doc.text), (rule.id, m)
            assert 0.0 <= m.confidence <= 1.0, (rule.id, m)
            assert all(isinstance(s, str) for s in m.suggestions), (rule.id, m)


def check_source(source: str, fmt: str) -> None:
    result = checker().check_text(source, fmt=fmt)
    assert_sound(result, source)
    assert result.document is not None
    check_every_rule(result.document)


FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


# -- tests ---------------------------------------------------------------------------------------
@FUZZ
@given(TEXTS)
def test_plain_text_never_breaks_the_checker(source: str) -> None:
    check_source(source, "text")


@FUZZ
@given(st.one_of(MARKED, TEXTS))
def test_markdown_never_breaks_the_checker(source: str) -> None:
    check_source(source, "markdown")


@FUZZ
@given(st.one_of(MARKED, TEXTS))
def test_html_never_breaks_the_checker(source: str) -> None:
    check_source(source, "html")


@settings(max_examples=60, deadline=None)
@given(BIASED, st.sampled_from(FORMATS))
def test_crlf_and_lf_give_the_same_findings(source: str, fmt: str) -> None:
    """Windows line breaks change no finding, only where its end sits in the source."""
    unix = source.replace("\r\n", "\n").replace("\r", "\n")
    windows = unix.replace("\n", "\r\n")
    a = checker().check_text(unix, fmt=fmt)
    b = checker().check_text(windows, fmt=fmt)
    assert_sound(a, unix)
    assert_sound(b, windows)
    assert [(f.rule, f.line, f.column, f.text.replace("\r", "")) for f in a.findings] == [
        (f.rule, f.line, f.column, f.text.replace("\r", "")) for f in b.findings
    ]


def test_every_rule_is_fuzzed() -> None:
    """The fuzz tests reach every registered rule, Python modules and packs alike."""
    ids = {r.id for r in rules()}
    assert len(ids) >= 20
    assert {"junk.boilerplate", "phrasing.garbled-stock-phrase", "names.glossary"} <= ids


EDGE_CASES = [
    "",
    "\n",
    "\r\n\r\n\n\r",
    ". , ; : ! ?",
    "\u200f\u202e\u0301",
    "İ" * 50 + " Kyiv Kiev",
    "x" * 20_000,
    "The\u2028Minister\u2029said.\x85Next",
    "Ã©" * 100,
    "[email protected]\r\n3f2a9c0b7e1d4a5f6b8c9d0e1f2a3b4c\r\n",
]


def test_edge_cases_in_every_format() -> None:
    for fmt in FORMATS:
        for source in EDGE_CASES:
            check_source(source, fmt)
