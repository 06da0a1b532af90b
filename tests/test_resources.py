"""The shared language data: lexicon, given names, gazetteer."""

from __future__ import annotations

import time

from qualitycheck import resources
from qualitycheck.resources import fold, given_names, lexicon


def test_fold_strips_case_diacritics_and_punctuation() -> None:
    assert fold("Łódź") == "lodz"
    assert fold("Ivano-Frankivs'k") == "ivano frankivsk"
    assert fold("  St.  Petersburg ") == "st petersburg"
    assert fold("Kryvyi Rih") == "kryvyi rih"


def test_lexicon_knows_common_words_case_insensitively() -> None:
    lex = lexicon()
    assert lex.zipf("the") > 7
    assert lex.zipf("The") == lex.zipf("the")
    assert 3 < lex.zipf("village") < 6
    assert "village" in lex
    assert lex.zipf("don’t") == lex.zipf("don't") > 5


def test_lexicon_returns_zero_for_unknown_words() -> None:
    lex = lexicon()
    assert lex.zipf("qzxvbnwk") == 0.0
    assert "qzxvbnwk" not in lex
    assert lex.zipf("") == 0.0
    assert lex.zipf("123") == 0.0


def test_lexicon_holds_proper_nouns_lower_cased_with_small_values() -> None:
    lex = lexicon()
    assert 0 < lex.zipf("Kharkiv") < lex.zipf("city")


def test_lexicon_covers_every_first_letter_run() -> None:
    lex = lexicon()
    assert lex.zipf("aardvark") > 0
    assert lex.zipf("zulu") > 0
    assert lex.zipf("élan") > 0
    assert len(lex) > 200_000


def test_given_names_span_many_cultures() -> None:
    names = given_names()
    for name in (
        "Andrei", "Andriy", "Oleksandr", "Volodymyr", "Sergei", "Mohammed", "Fatima",
        "Chukwuemeka", "Oluwaseun", "Aliyu", "Mehmet", "Reza", "Xiaoming", "Ji-hoon", "Hiroshi",
        "Nguyet", "Priya", "Jean-Yves", "Giuseppe", "Siobhan", "María", "João",
    ):  # fmt: skip
        assert name in names, name


def test_given_names_leave_out_surnames_and_common_words() -> None:
    names = given_names()
    for word in ("Mallets", "Smith", "The", "An", "Hong", "Washington", "an", "the"):
        assert word not in names, word


def test_each_accessor_loads_once() -> None:
    assert lexicon() is lexicon()
    assert given_names() is given_names()


def test_lexicon_loads_fast() -> None:
    resources.lexicon.cache_clear()
    start = time.perf_counter()
    resources.lexicon().zipf("village")
    elapsed = time.perf_counter() - start
    assert elapsed < 0.25  # ~15 ms on a developer machine; generous for loaded CI machines
