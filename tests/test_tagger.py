"""The shipped part-of-speech tagger (``qualitycheck/data/tagger.qpt``)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from qualitycheck.resources import DATA_DIR, tagger
from qualitycheck.tagger import END, START, Tagger, load, normalise, shape


def test_tags_a_plain_sentence() -> None:
    tags = tagger().tag("The minister signed the agreement on Friday".split())
    assert tags == ["DT", "NN", "VBD", "DT", "NN", "IN", "NR"]


def test_tells_singular_from_plural_nouns_and_verbs_from_nouns() -> None:
    tags = tagger().tag("The farmers plant wheat and the plant grows".split())
    assert tags[1] == "NNS"
    assert tags[2] == "VB"
    assert tags[6] == "NN"
    assert tags[7] == "VBZ"


def test_unknown_words_get_tags_from_their_endings() -> None:
    tags = tagger().tag("The zorbification of the flurbs was blorked".split())
    assert tags[1] == "NN"
    assert tags[4] == "NNS"
    assert tags[6] in {"VBN", "VBD"}


def test_empty_and_one_word_sentences() -> None:
    assert tagger().tag([]) == []
    assert len(tagger().tag(["Hello"])) == 1


def test_a_file_that_is_not_a_tagger_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "x.qpt"
    bad.write_bytes(b"something else")
    with pytest.raises(ValueError, match="not a qualitycheck tagger file"):
        load(bad)


def _plain_tag(t: Tagger, words: list[str]) -> list[str]:
    """The tagger's decision computed the plain way: the int16 rows as lists, added tag by tag,
    first best tag. The packed-integer sums of ``Tagger.tag`` must give exactly this."""
    n = len(t.tags)
    names = t._names

    def row(section: str, name: str) -> list[int]:
        i = names[section].get(name)
        return [0] * n if i is None else list(t._rows[i * n : (i + 1) * n])

    def word_rows(w: str) -> list[list[int]]:
        i = names["word"].get(w)
        if i is not None:
            return [list(t._rows[(3 * i + k) * n : (3 * i + k + 1) * n]) for k in range(3)]
        self_row = [a + b for a, b in zip(row("s3", w[-3:]), row("s2", w[-2:]), strict=True)]
        return [self_row, row("sl", w[-3:]), row("sr", w[-3:])]

    norm = [*START, *map(normalise, words), *END]
    prev, prev2 = START
    out = []
    for i in range(len(words)):
        tag = t._dict.get(norm[i + 2])
        if tag is None:
            parts = [
                word_rows(norm[i + 2])[0],
                word_rows(norm[i + 1])[1],
                word_rows(norm[i + 3])[2],
                row("t", prev),
                row("tt", f"{prev2} {prev}"),
                row("h", shape(words[i], i == 0)),
            ]
            scores = [sum(column) for column in zip(*parts, strict=True)]
            tag = scores.index(max(scores))
        prev2, prev = prev, t.tags[tag]
        out.append(prev)
    return out


def test_packed_scores_give_exactly_the_plain_sums() -> None:
    t = load(DATA_DIR / "tagger.qpt")
    rng = random.Random(13)
    vocabulary = [
        *"the a of to in and minister said that agreement signed government talks will".split(),
        *"Kyiv Odesa ran running walked quickly 1999 42 U.S. blorked zorbs Europe's".split(),
    ]
    for _ in range(300):
        words = [rng.choice(vocabulary) for _ in range(rng.randint(1, 12))]
        assert t.tag(words) == _plain_tag(t, words)
