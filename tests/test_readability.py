"""Readability scores: textstat's definitions, computed offline without importing textstat."""

from __future__ import annotations

import json
import math
import socket
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from linearity import growth

from qualitycheck.document import Document
from qualitycheck.scores import readability as readability_module
from qualitycheck.scores.readability import (
    MIN_PARAGRAPH_WORDS,
    Readability,
    ReadabilityDataError,
    count_sentences,
    count_text,
    easy_words_path,
    paragraph_readability,
    readability,
    split_words,
)

METRICS = (
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "gunning_fog",
    "smog_index",
    "coleman_liau_index",
    "automated_readability_index",
    "dale_chall_readability_score",
)

# Our own sample paragraphs, chosen to exercise every counting corner: typographic and ASCII
# apostrophes, contractions, hyphens, abbreviations, numbers, all-caps, e-mail and web addresses,
# accented letters, very short and very long sentences, and several lines.
PARAGRAPHS = {
    "news": (
        "Lisbon – Portugal’s parliament approved a two-year budget on Tuesday after a week-long "
        "debate, the finance ministry said. “We have done what was promised,” Finance Minister "
        "Teresa Alcântara told reporters, adding that 1,250 new teachers would be hired by 2026."
    ),
    "contractions": (
        "They don't know, and we can't say; it's Maria's car. The 'quoted' words aren't hers. "
        "I'd've gone if you'd asked, but WHAT'S done is done, isn't it?"
    ),
    "abbreviations": (
        "The U.S. and the E.U. signed a 12-point plan on Jan. 5 in Washington, D.C. NATO's "
        'secretary-general, Mr. Olsen, said the deal was "a good start"... Was it? Nobody knew!'
    ),
    "academic": (
        "Notwithstanding considerable methodological heterogeneity, the investigators "
        "systematically characterized intergenerational socioeconomic mobility, demonstrating "
        "statistically significant associations between educational attainment, occupational "
        "classification and longitudinal household consumption."
    ),
    "short_sentences": "Stop. Go now. Wait here! Who is there? It is me. The dog ran off.",
    "junk": (
        "Contact press@example.org or visit https://example.com/a_b?x=1 for details. "
        "Ref 4f9c2a7be11d0c33 | Page 2 of 7 >> Next story: Floods hit the north [video]"
    ),
    "accents": (
        "Über the café in São Paulo, the naïve coöperative met at the Straße office. "
        "Señora Núñez and Jürgen Großmann signed the fiancé’s résumé."
    ),
    "lines": (
        "Weather Today\nSunny spells in the morning, turning cloudy later with a chance of rain.\n"
        "Winds light and variable. Highs of 21C, lows of 12C.\nMore forecasts"
    ),
}


@pytest.fixture
def pyphen_textstat(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """textstat with its CMU-dictionary lookup disabled, so every word's syllables come from
    pyphen, as ours do; textstat's caches are cleared before and after so that no value computed
    with a different syllable source leaks in or out."""
    textstat = pytest.importorskip("textstat", reason="textstat is the reference implementation")
    from textstat.backend.counts import _count_syllables
    from textstat.backend.utils import _get_cmudict

    def no_cmudict(lang: str) -> None:
        return None

    monkeypatch.setattr(_get_cmudict, "get_cmudict", no_cmudict)
    monkeypatch.setattr(_count_syllables, "get_cmudict", no_cmudict)
    _clear_textstat_caches()
    textstat.set_lang("en_US")
    yield textstat
    _clear_textstat_caches()


def _clear_textstat_caches() -> None:
    for name, module in list(sys.modules.items()):
        if name.startswith("textstat.backend"):
            for value in list(vars(module).values()):
                clear = getattr(value, "cache_clear", None)
                if callable(clear):
                    clear()


def _block_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any attempt to open a socket fail loudly. (Import what needs ``ssl`` first: its
    classes subclass ``socket.socket``.)"""

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("network access attempted during a readability computation")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


# Tolerance: our unrounded scores must equal textstat's to 1e-9 (we count the same things and apply
# the same formulas; the measured difference is floating-point noise, at most ~3e-14); the public,
# rounded scores must lie within half a rounding step (0.05) of textstat's unrounded ones.
RAW_TOLERANCE = 1e-9
ROUNDED_TOLERANCE = 0.05 + 1e-9


@pytest.mark.parametrize("name", sorted(PARAGRAPHS))
def test_agrees_with_textstat_on_pyphen_syllables(
    name: str, pyphen_textstat: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    textstat = pyphen_textstat
    _block_network(monkeypatch)  # had the patch missed, textstat would try to download cmudict
    text = PARAGRAPHS[name]
    counts = count_text(text)
    assert counts is not None
    raw = Readability.from_counts(counts, ndigits=None).to_dict()
    rounded = readability(text)
    assert rounded is not None
    for metric in METRICS:
        expected = getattr(textstat, metric)(text)
        assert math.isclose(raw[metric], expected, rel_tol=0, abs_tol=RAW_TOLERANCE), metric
        assert abs(rounded.to_dict()[metric] - expected) <= ROUNDED_TOLERANCE, metric
    assert counts.words == textstat.lexicon_count(text)
    assert counts.sentences == textstat.sentence_count(text)
    assert counts.syllables == textstat.syllable_count(text)
    assert counts.polysyllables == textstat.polysyllabcount(text)


def test_agrees_with_textstat_on_a_whole_multi_paragraph_document(
    pyphen_textstat: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    textstat = pyphen_textstat
    _block_network(monkeypatch)
    text = "\n".join(PARAGRAPHS.values())
    ours = readability(text)
    assert ours is not None
    for metric, value in ours.to_dict().items():
        assert abs(value - getattr(textstat, metric)(text)) <= ROUNDED_TOLERANCE, metric


def test_computes_cold_with_sockets_blocked(monkeypatch: pytest.MonkeyPatch) -> None:
    _block_network(monkeypatch)
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", 9))
    # Drop the loaded resources so that pyphen's patterns and the word list load under the block.
    readability_module._syllable_counter.cache_clear()
    readability_module._easy_words.cache_clear()
    scores = readability(PARAGRAPHS["news"])
    assert scores is not None
    assert all(math.isfinite(v) for v in scores.to_dict().values())
    assert 0 < scores.flesch_kincaid_grade < 25


def test_does_not_import_textstat_or_nltk() -> None:
    program = """
import json, sys
from qualitycheck.document import Document
from qualitycheck.scores.readability import paragraph_readability, readability
text = "The council met on Monday. It approved the plan after a long debate.\\nShort line"
scores = readability(text)
per_block = paragraph_readability(Document.from_text(text))
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("textstat", "nltk"))
print(json.dumps({"loaded": loaded, "scored": scores is not None, "blocks": len(per_block)}))
"""
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True, timeout=60
    )
    result = json.loads(done.stdout)
    assert result == {"loaded": [], "scored": True, "blocks": 2}


def test_to_dict_has_exactly_the_documented_keys() -> None:
    scores = readability(PARAGRAPHS["news"])
    assert scores is not None
    assert tuple(scores.to_dict()) == METRICS


def test_scores_are_rounded_to_one_decimal() -> None:
    scores = readability(PARAGRAPHS["academic"])
    assert scores is not None
    for value in scores.to_dict().values():
        assert round(value, 1) == value


def test_hand_computed_scores_of_a_simple_text() -> None:
    # 9 words, 2 sentences, 10 syllables ("hap-py" has two), every word on the Dale-Chall list.
    text = "The cat sat on the mat. It was happy."
    counts = count_text(text)
    assert counts is not None
    assert (counts.words, counts.sentences, counts.syllables) == (9, 2, 10)
    assert counts.unfamiliar_words == 0
    scores = readability(text)
    assert scores is not None
    # 206.835 - 1.015 * 9/2 - 84.6 * 10/9 = 108.2675
    assert scores.flesch_reading_ease == 108.3
    # 0.39 * 4.5 + 11.8 * 10/9 - 15.59 = -0.7239
    assert scores.flesch_kincaid_grade == -0.7
    # 0.0496 * 4.5, no unfamiliar word and so no 3.6365 adjustment
    assert scores.dale_chall_readability_score == 0.2


def test_counts_words_the_way_textstat_does() -> None:
    words = split_words("Moscow’s week-long talks: don't say 'maybe' — WHAT'S up, 3.5%?")
    assert words == ["Moscows", "weeklong", "talks", "don't", "say", "maybe", "WHATS", "up", "35"]


def test_ignores_runs_of_two_words_or_fewer_when_counting_sentences() -> None:
    # "Mr." and "It rained." are too short to count; the other two runs are sentences.
    assert count_sentences("Mr. Smith went home. It rained. Then the sky cleared up again!") == 2
    assert count_sentences("Hi.") == 1
    assert count_sentences("") == 0


def test_harder_text_scores_harder() -> None:
    easy = readability(PARAGRAPHS["short_sentences"])
    hard = readability(PARAGRAPHS["academic"])
    assert easy is not None and hard is not None
    assert easy.flesch_reading_ease > hard.flesch_reading_ease
    for metric in METRICS[1:]:
        assert getattr(easy, metric) < getattr(hard, metric), metric


@pytest.mark.parametrize("text", ["", "   \n ", "... -- !!! ?", "— • —"])
def test_returns_none_for_text_without_words(text: str) -> None:
    assert readability(text) is None
    assert count_text(text) is None


def test_scores_each_block_and_skips_short_ones() -> None:
    text = (
        "Markets Today\n"
        "Shares rose sharply on Friday as investors welcomed the central bank's decision.\n"
        "Oil\n"
        "Crude prices fell for a third day, extending losses that began last week."
    )
    doc = Document.from_text(text)
    result = paragraph_readability(doc)
    assert [index for index, _ in result] == list(range(len(doc.blocks)))
    assert len(result) == 4
    assert result[0][1] is None  # two words: a heading
    assert result[2][1] is None
    first, second = result[1][1], result[3][1]
    assert first == readability(doc.block_text(doc.blocks[1]))
    assert second == readability(doc.block_text(doc.blocks[3]))
    assert MIN_PARAGRAPH_WORDS == 3
    three_words = paragraph_readability(Document.from_text("Prices fell sharply."))
    assert three_words[0][1] is not None


def test_reports_a_clear_error_when_the_word_list_is_missing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(readability_module.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(ReadabilityDataError, match=r"easy_words\.txt.*pip install textstat"):
        easy_words_path()


def test_finds_textstats_word_list_without_importing_textstat() -> None:
    program = (
        "import sys\n"
        "from qualitycheck.scores.readability import easy_words_path\n"
        "path = easy_words_path()\n"
        "assert path.endswith('easy_words.txt'), path\n"
        "assert 'textstat' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", program], check=True, timeout=60)


def test_grows_linearly_with_the_text() -> None:
    # A guard against accidental quadratic behaviour (speed itself is measured by
    # benchmarks/bench_speed.py): eight times the text may cost at most 1.5 times the operations
    # per character (counted, never timed, so a busy machine cannot fail it).
    text = "\n".join(PARAGRAPHS.values())
    small = "\n".join([text] * 5)
    large = "\n".join([text] * 40)
    assert readability(large) is not None
    ops_small, ops_large = growth(readability, small, large, None, text)
    assert ops_large <= 1.5 * 8 * ops_small, (ops_small, ops_large)


def test_from_counts_gives_the_scores_in_the_order_of_the_fields() -> None:
    """``Readability.from_counts`` builds its object from the formulas' values in field order."""
    from qualitycheck.scores import readability as r

    assert r._SCORE_NAMES == (
        "flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog", "smog_index",
        "coleman_liau_index", "automated_readability_index", "dale_chall_readability_score",
    )  # fmt: skip
    counts = r.count_text("The committee approved the extraordinary proposal. It was late.")
    assert counts is not None
    exact = r.Readability.from_counts(counts, ndigits=None)
    rounded = r.Readability.from_counts(counts)
    assert rounded.to_dict() == {k: round(v, 1) for k, v in exact.to_dict().items()}
    assert 0 < exact.flesch_reading_ease < 100 and exact.smog_index > 3


def test_count_sentences_of_one_run_is_one() -> None:
    from qualitycheck.scores import readability as r

    for text in ("a", "One two three.", "Hi.", "  ok  ", "No. 4", "Yes. No. Maybe so, then."):
        runs = r._SENTENCE_RE.findall(text)
        short = sum(1 for run in runs if len(r.split_words(run)) <= 2)
        assert r.count_sentences(text) == max(1, len(runs) - short)
