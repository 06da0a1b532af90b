"""The Document's word index: built in C from sentence splits, so it is checked here against the
plain definition (every WORD_RE match of every sentence)."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from qualitycheck.document import Document, Word
from qualitycheck.segment import WORD_RE

TEXT = st.text(alphabet="Ab c’'-.!?\n1é Ж", max_size=80)


def plain_words(doc: Document) -> list[Word]:
    return [
        Word(m.start(), m.end(), m.group(), si, k)
        for si, sent in enumerate(doc.sentences)
        for k, m in enumerate(WORD_RE.finditer(doc.text, sent.start, sent.end))
    ]


@settings(max_examples=500, deadline=None)
@given(TEXT)
def test_words_are_the_word_pattern_matches_of_each_sentence(text: str) -> None:
    doc = Document.from_text(text)
    expected = plain_words(doc)
    assert list(doc.words) == expected
    assert doc._word_starts == [w.start for w in expected]
    assert doc.word_texts == [w.text for w in expected]
    offsets = doc.sentence_word_offsets
    assert len(offsets) == len(doc.sentences) + 1 and offsets[-1] == len(expected)
    for si, sent in enumerate(doc.sentences):
        assert list(doc.sentence_words(si)) == [w for w in expected if w.sentence == si]
        assert doc.count_words(sent.start, sent.end) == offsets[si + 1] - offsets[si]
        assert doc.word_range(sent.start, sent.end) == (offsets[si], offsets[si + 1])
    assert doc.block_word_counts == [doc.count_words(b.start, b.end) for b in doc.blocks]
    assert doc.token_counts == Counter(w.text for w in expected)
    assert list(doc.capital_flags) == [int(w.text[0].isupper()) for w in expected]


def test_words_of_a_news_paragraph() -> None:
    doc = Document.from_text("KYIV — Officials said. The U.S. envoy’s plan wasn't new.")
    assert [w.text for w in doc.words] == [
        "KYIV", "Officials", "said", "The", "U", "S", "envoy’s", "plan", "wasn't", "new",
    ]  # fmt: skip
    assert [w.position for w in doc.sentence_words(1)] == list(range(7))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab \n\r", max_size=30), st.data())
def test_line_col_span_is_line_col_of_both_ends(text: str, data: st.DataObject) -> None:
    doc = Document.from_text(text)
    start = data.draw(st.integers(0, len(doc.source)))
    end = data.draw(st.integers(start, len(doc.source)))
    assert doc.line_col_span(start, end) == doc.line_col(start) + doc.line_col(end)


def test_words_per_block_counts_the_words_of_each_block_with_or_without_the_index() -> None:
    from conftest import SAMPLES

    from qualitycheck.loaders import load_text

    for path in sorted(SAMPLES.rglob("*.txt"))[:8]:
        text = path.read_text(encoding="utf-8")
        for fmt in ("text", "markdown"):
            doc = load_text(text, fmt)
            expected = [doc.count_words(b.start, b.end) for b in doc.blocks]
            assert doc.words_per_block() == expected == list(doc.block_word_counts)
            doc.release_analyses()  # without the word index: counted from the sentences
            assert doc.words_per_block() == expected
            assert "_words_by_sentence" not in doc.__dict__


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=" \t\u00a0\u2003ab.\n", max_size=80))
def test_blocks_from_lines_are_the_stripped_lines(text: str) -> None:
    """The blocks of plain text (not hard-wrapped): each non-blank line without its spaces,
    built by the fast constructor as ``Block`` objects like any other."""
    from qualitycheck.document import Block, _blocks_from_lines, _looks_hard_wrapped, _NewBlock

    assert _NewBlock.__slots__ == Block.__slots__
    lines = text.split("\n")
    if _looks_hard_wrapped(lines):
        return
    expected, pos = [], 0
    for line in lines:
        if line.strip():
            s = pos + len(line) - len(line.lstrip())
            expected.append(Block(s, pos + len(line.rstrip())))
        pos += len(line) + 1
    got = list(_blocks_from_lines(text))
    assert got == expected and all(type(b) is Block for b in got)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=" ab.?!…”\n", max_size=80))
def test_sentences_are_split_sentences_of_each_block(text: str) -> None:
    from qualitycheck.segment import split_sentences

    doc = Document.from_text(text)
    expected = [(s, e, i) for i, b in enumerate(doc.blocks)
                for s, e in split_sentences(doc.text, b.start, b.end)]  # fmt: skip
    assert list(doc.sentences) == expected


@settings(max_examples=400, deadline=None)
@given(st.lists(st.text(alphabet=" aB.é\t", max_size=30), min_size=0, max_size=12))
def test_hard_wrapped_text_is_told_as_before(lines: list[str]) -> None:
    """``_looks_hard_wrapped`` counts in C what this counts line by line."""
    import itertools

    from qualitycheck.document import _looks_hard_wrapped

    lengths = [len(line) for line in lines if line.strip()]
    expected = False
    if len(lengths) >= 4 and max(lengths) <= 100:
        longest = max(lengths)
        near_width = sum(1 for n in lengths if n >= longest - 25)
        continued = sum(
            1
            for a, b in itertools.pairwise(lines)
            if a.strip() and b.strip() and a.rstrip()[-1:].isalpha() and b.lstrip()[:1].islower()
        )
        expected = near_width >= 0.5 * len(lengths) and continued >= 0.2 * len(lengths)
    assert _looks_hard_wrapped(lines) is expected
