"""The sample corpus in samples/ is consistent with its expected-findings files.

These tests read only files: they check that every planted artifact listed in a
``*.expected.tsv`` file really sits on the line it names, that the corpus covers every rule
several times, and that simple, mechanically detectable damage appears only where it was
planted (in garbled articles) and nowhere in the clean ones.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import NamedTuple

import pytest
from conftest import SAMPLES

GARBLED = SAMPLES / "garbled"
CLEAN = SAMPLES / "clean"
ARTICLE_SUFFIXES = {".txt", ".md", ".html"}

RULES = {
    "names.inconsistent-spelling",
    "names.misspelled-place",
    "names.misspelled-known-name",
    "names.glossary",
    "names.translated-name",
    "names.lowercase-name",
    "grammar.indefinite-article",
    "grammar.country-article",
    "grammar.foreign-conjunction",
    "case.capital-mid-sentence",
    "case.lowercase-sentence-start",
    "case.lowercase-historical-name",
    "punctuation.stray-mark",
    "punctuation.unbalanced-quotes",
    "punctuation.unbalanced-brackets",
    "structure.truncated-sentence",
    "structure.orphan-fragment",
    "structure.subordinate-fragment",
    "names.calqued-institution",
    "structure.infinitive-fragment",
    "grammar.be-base-verb",
    "grammar.impersonal-passive",
    "grammar.who-for-thing",
    "grammar.missing-inversion",
    "grammar.gender-shift",
    "grammar.its-for-person",
    "grammar.uncountable-plural",
    "grammar.double-negative",
    "grammar.verb-not-order",
    "structure.mixed-spelling",
    "grammar.missing-subject",
    "punctuation.split-compound",
    "phrasing.false-friend",
    "grammar.uncountable-article",
    "grammar.ing-for-passive",
    "structure.repeated-word",
    "structure.duplicate-paragraph",
    "junk.email-placeholder",
    "junk.hex-token",
    "junk.html-leftover",
    "junk.mojibake",
    "junk.boilerplate",
    "junk.trailing-headlines",
    "language.untranslated",
    "phrasing.garbled-stock-phrase",
    "punctuation.glued-words",
    "punctuation.quote-spacing",
    "punctuation.bracket-spacing",
    "punctuation.missing-quote-opener",
    "punctuation.foreign-quotes",
    "punctuation.locale-number",
    "junk.broken-entity",
    "junk.headline-credit",
    "junk.slug-line",
    "structure.doubled-phrase",
}


class Row(NamedTuple):
    rule: str
    line: int
    text: str


def articles(folder: Path) -> list[Path]:
    return sorted(
        p
        for p in folder.iterdir()
        if p.suffix in ARTICLE_SUFFIXES and not p.name.endswith((".expected.tsv", ".glossary.tsv"))
    )


def expected_path(article: Path) -> Path:
    return article.with_name(article.stem + ".expected.tsv")


def glossary_path(article: Path) -> Path:
    return article.with_name(article.stem + ".glossary.tsv")


def read_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


def read_expected(article: Path) -> list[Row]:
    raw = expected_path(article).read_text(encoding="utf-8").split("\n")
    assert raw[0] == "rule\tline\ttext", f"{expected_path(article).name}: bad header {raw[0]!r}"
    rows = []
    for number, record in enumerate(raw[1:], 2):
        if not record:
            continue
        fields = record.split("\t")
        assert len(fields) == 3, f"{expected_path(article).name}:{number}: need 3 fields"
        rows.append(Row(fields[0], int(fields[1]), fields[2]))
    return rows


def read_glossary_variants(path: Path) -> set[str]:
    variants: set[str] = set()
    for record in path.read_text(encoding="utf-8").splitlines():
        if not record.strip() or record.startswith("#"):
            continue
        _preferred, *wrong = record.split("\t")
        variants.update(w for w in wrong if w)
    return variants


def strip_tags(line: str) -> str:
    return re.sub(r"<[^>]*>", "", line).strip()


GARBLED_ARTICLES = articles(GARBLED)
CLEAN_ARTICLES = articles(CLEAN)
ALL_ROWS = {a.name: read_expected(a) for a in GARBLED_ARTICLES if expected_path(a).exists()}


# --- shape of the corpus -------------------------------------------------------------------


def test_corpus_has_enough_articles_in_every_format() -> None:
    for folder, found in (("garbled", GARBLED_ARTICLES), ("clean", CLEAN_ARTICLES)):
        assert len(found) >= 7, f"{folder}: only {len(found)} articles"
        suffixes = {p.suffix for p in found}
        assert {".txt", ".md", ".html"} <= suffixes, f"{folder}: formats {suffixes}"


@pytest.mark.parametrize("article", GARBLED_ARTICLES + CLEAN_ARTICLES, ids=lambda p: p.name)
def test_articles_are_news_length(article: Path) -> None:
    text = article.read_text(encoding="utf-8")
    if article.suffix == ".html":
        text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S)
        text = strip_tags(text)
    words = len(re.findall(r"\w+", text))
    assert 450 <= words <= 1200, f"{article.name}: {words} words"


def test_every_garbled_article_has_an_expected_file() -> None:
    missing = [a.name for a in GARBLED_ARTICLES if not expected_path(a).exists()]
    assert not missing


def test_clean_articles_have_no_expected_findings() -> None:
    assert not list(CLEAN.glob("*.expected.tsv"))


# --- every row points at real text -----------------------------------------------------------


@pytest.mark.parametrize("article", GARBLED_ARTICLES, ids=lambda p: p.name)
def test_expected_rows_point_at_text_on_that_line(article: Path) -> None:
    lines = read_lines(article)
    for row in ALL_ROWS[article.name]:
        assert row.rule in RULES, f"{article.name}: unknown rule {row.rule}"
        assert 1 <= row.line <= len(lines), f"{article.name}: line {row.line} out of range"
        assert row.text, f"{article.name}:{row.line}: empty text"
        assert row.text in lines[row.line - 1], (
            f"{article.name}:{row.line}: {row.text!r} not on line {lines[row.line - 1]!r}"
        )


def test_every_rule_is_planted_three_times_in_two_articles() -> None:
    counts: Counter[str] = Counter()
    where: defaultdict[str, set[str]] = defaultdict(set)
    for name, rows in ALL_ROWS.items():
        for row in rows:
            counts[row.rule] += 1
            where[row.rule].add(name)
    for rule in sorted(RULES):
        assert counts[rule] >= 3, f"{rule}: planted {counts[rule]} times"
        assert len(where[rule]) >= 2, f"{rule}: only in {where[rule]}"


@pytest.mark.parametrize("article", GARBLED_ARTICLES, ids=lambda p: p.name)
def test_glossary_findings_name_a_listed_variant(article: Path) -> None:
    rows = [r for r in ALL_ROWS[article.name] if r.rule == "names.glossary"]
    if not rows:
        return
    assert glossary_path(article).exists(), f"{article.name}: glossary rows but no glossary file"
    variants = read_glossary_variants(glossary_path(article))
    for row in rows:
        assert row.text in variants, f"{article.name}:{row.line}: {row.text!r} not in glossary"


@pytest.mark.parametrize("article", GARBLED_ARTICLES, ids=lambda p: p.name)
def test_structural_rows_have_the_planted_shape(article: Path) -> None:
    lines = read_lines(article)
    rows = ALL_ROWS[article.name]
    footer_lines = [r.line for r in rows if r.rule == "junk.boilerplate"]
    for row in rows:
        line = strip_tags(lines[row.line - 1])
        if row.rule == "structure.truncated-sentence":
            assert line.endswith(row.text), f"{article.name}:{row.line}: not the last word"
            following = next(strip_tags(x) for x in lines[row.line :] if strip_tags(x))
            assert following[0].isupper(), f"{article.name}:{row.line}: next line not capitalised"
        elif row.rule == "structure.duplicate-paragraph":
            assert line.startswith(row.text), f"{article.name}:{row.line}: not the paragraph start"
            earlier = [strip_tags(x) for x in lines[: row.line - 1]]
            assert line in earlier, f"{article.name}:{row.line}: no earlier copy"
        elif row.rule == "junk.trailing-headlines":
            assert any(f < row.line for f in footer_lines), f"{article.name}:{row.line}: no footer"
        elif row.rule == "structure.repeated-word":
            first, second = row.text.split(" ")
            assert first.lower() == second.lower()


def test_glossary_files_belong_to_an_article() -> None:
    for glossary in GARBLED.glob("*.glossary.tsv"):
        stem = glossary.name.removesuffix(".glossary.tsv")
        assert any(a.stem == stem for a in GARBLED_ARTICLES), glossary.name


# --- no unplanned damage ----------------------------------------------------------------------

# Mechanical detectors for damage that is easy to spot with a regular expression. In a garbled
# article every hit must be covered by an expected row of the same rule on the same line; in a
# clean article there must be none at all. Accidental damage in a sample is a bug in the sample.
SIMPLE_DETECTORS: dict[str, re.Pattern[str]] = {
    "structure.repeated-word": re.compile(r"\b(\w+) \1\b", re.IGNORECASE),
    "junk.email-placeholder": re.compile(r"\[email[\s\xa0]protected\]"),
    "junk.mojibake": re.compile(r"[ÃÂÄÅØÙ][\x80-\xbf\u0152-\u2122]|â€"),
    "junk.hex-token": re.compile(r"\b[0-9a-fA-F]{32,}\b"),
    "punctuation.stray-mark": re.compile(r",,|;,|\s+,|[.!?] [.,]|!\.|(?<!\.)\.\.(?!\.)"),
}
# Legitimate doubled words in edited prose.
ALLOWED_REPEATS = {"had had", "that that"}


def detector_hits(path: Path) -> list[tuple[str, int, str]]:
    hits = []
    in_code = False
    for number, line in enumerate(read_lines(path), 1):
        if line.startswith("```"):
            in_code = not in_code
            continue
        if in_code:
            continue
        for rule, pattern in SIMPLE_DETECTORS.items():
            for m in pattern.finditer(line):
                if rule == "structure.repeated-word" and m.group(0).lower() in ALLOWED_REPEATS:
                    continue
                hits.append((rule, number, m.group(0)))
    return hits


@pytest.mark.parametrize("article", GARBLED_ARTICLES, ids=lambda p: p.name)
def test_garbled_article_has_no_unplanned_mechanical_damage(article: Path) -> None:
    rows = ALL_ROWS[article.name]
    for rule, number, text in detector_hits(article):
        covered = any(
            r.rule == rule and r.line == number and (text.strip() in r.text or r.text in text)
            for r in rows
        )
        assert covered, f"{article.name}:{number}: unplanned {rule} {text!r}"


@pytest.mark.parametrize("article", CLEAN_ARTICLES, ids=lambda p: p.name)
def test_clean_article_has_no_mechanical_damage(article: Path) -> None:
    assert detector_hits(article) == []


@pytest.mark.parametrize("article", GARBLED_ARTICLES + CLEAN_ARTICLES, ids=lambda p: p.name)
def test_no_unplanned_duplicate_paragraphs(article: Path) -> None:
    planted = {
        r.line for r in ALL_ROWS.get(article.name, []) if r.rule == "structure.duplicate-paragraph"
    }
    seen: dict[str, int] = {}
    for number, line in enumerate(read_lines(article), 1):
        body = strip_tags(line)
        if len(body) < 60:
            continue
        if body in seen:
            assert number in planted, f"{article.name}:{number}: repeats line {seen[body]}"
        else:
            seen[body] = number


def test_detectors_catch_what_they_are_meant_to() -> None:
    # Guard against a detector that silently matches nothing.
    samples = {
        "structure.repeated-word": "at the the weekend",
        "junk.email-placeholder": "write to [email protected]",
        "junk.mojibake": "Zelenskyâ€™s café in SÃ£o Paulo",
        "junk.hex-token": "token 87990cbe856818d5eddac44c7b1cdeb8 here",
        "punctuation.stray-mark": "the supply. , causing",
    }
    for rule, text in samples.items():
        assert SIMPLE_DETECTORS[rule].search(text), rule
    assert not SIMPLE_DETECTORS["punctuation.stray-mark"].search("in the U.S., officials said")
    assert not SIMPLE_DETECTORS["junk.mojibake"].search("São Paulo, Zürich, Côte d’Ivoire")
