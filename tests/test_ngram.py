"""The shipped 3-gram table (``qualitycheck/data/ngrams.qng``) and, where pocketsphinx is
installed, its agreement with pocketsphinx's own scores."""

from __future__ import annotations

import importlib.util
import sys
import zlib
from pathlib import Path

import pytest
from conftest import ROOT

from qualitycheck.ngram import UNKNOWN, NgramModel, key
from qualitycheck.resources import DATA_DIR, ngrams


def test_the_table_knows_common_words_and_not_garbage() -> None:
    lm = ngrams()
    assert lm.words > 70_000
    for word in ("the", "agreement", "government", "minister", "into"):
        assert lm.known(word)
    for word in ("qzxv", "agreementt", "The"):  # the model is lower-case
        assert not lm.known(word)


def test_scores_are_log10_probabilities_ordered_as_english_is() -> None:
    lm = ngrams()
    assert -2.0 < lm.logprob("the") < -1.0  # "the" is about one word in twenty
    assert lm.logprob("of", "the") > lm.logprob("of", "of")
    assert lm.logprob("entered", "into", "force") > lm.logprob("entered", "in", "force")
    assert lm.logprob("depend", "on") > lm.logprob("depend", "of")
    assert lm.logprob("signed", "an", "agreement") > lm.logprob("signed", "a", "agreement")
    for gram in (("the",), ("of", "the"), ("the", "united", "states")):
        assert lm.logprob(*gram) <= 0.0


def test_unknown_words_score_below_any_known_one() -> None:
    lm = ngrams()
    assert lm.logprob("qzxv") == UNKNOWN
    assert lm.logprob("the", "qzxv") == UNKNOWN
    assert lm.logprob("qzxv", "the") > UNKNOWN  # a known word after an unknown one


def test_back_off_adds_the_context_weight_to_the_shorter_score() -> None:
    """A trigram the table lacks scores as back-off(w1 w2) + P(w3 | w2), as Katz back-off says."""
    lm = ngrams()
    w1, w2, w3 = "zebra", "signed", "the"
    assert lm._t3.find(key((w1, w2, w3))) < 0
    j = lm._tbo.find(key((w1, w2)))
    bo = lm._tbo.codebooks[0][lm._tbo.values[j]] if j >= 0 else 0.0
    assert lm.logprob(w1, w2, w3) == pytest.approx(bo + lm.logprob(w2, w3))


def test_score_sums_each_word_given_the_two_before_it() -> None:
    lm = ngrams()
    words = ["the", "treaty", "entered", "into", "force"]
    expected = sum(lm.logprob(*words[max(0, i - 2) : i + 1]) for i in range(len(words)))
    assert lm.score(words) == pytest.approx(expected)


def test_key_is_the_crc_of_the_words_joined_by_spaces() -> None:
    assert key(("of", "the")) == zlib.crc32(b"of the")
    assert key(("of", "the")) != key(("the", "of"))


def test_a_file_that_is_not_an_ngram_table_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "x.qng"
    bad.write_bytes(b"qualitycheck-data 2\n\n")
    with pytest.raises(ValueError, match="not a qualitycheck n-gram file"):
        NgramModel(bad)


def test_the_table_is_within_its_size_budget() -> None:
    assert (DATA_DIR / "ngrams.qng").stat().st_size <= 15_000_000


def _build_tools_missing() -> str | None:
    for module in ("pocketsphinx", "numpy"):
        if importlib.util.find_spec(module) is None:
            return f"{module} is not installed (build-time tool: pip install pocketsphinx numpy)"
    return None


@pytest.mark.skipif(_build_tools_missing() is not None, reason=str(_build_tools_missing()))
def test_reader_and_table_agree_with_pocketsphinx() -> None:
    """Our reading of en-us.lm.bin gives pocketsphinx's scores to within its integer rounding;
    the shipped table (one-byte codes) to within a few hundredths on listed n-grams."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from check_sphinx_reader import compare

    found = compare(n=400, seed=1)
    assert found["ngrams"] == 2000
    assert found["reader_max_abs_diff"] < 1e-4  # one logmath unit is 4.3e-5
    assert found["table_max_abs_diff_listed"] < 0.05
    assert found["table_max_abs_diff"] < 0.25
