"""The shared language data: lexicon, given names, gazetteer."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest
from conftest import ROOT

from qualitycheck import resources
from qualitycheck.resources import fold, gazetteer, given_names, lexicon, load_gazetteer


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


def _inflated(container: object) -> set[str]:
    """The members of a data file decompressed so far."""
    return set(container._texts) | set(container._lines)  # type: ignore[attr-defined]


def test_lexicon_inflates_only_what_a_lookup_needs() -> None:
    # start-up cost stays flat: one look-up decompresses the one small chunk that holds the word
    # (how fast that is, is for benchmarks/bench_speed.py)
    resources.lexicon.cache_clear()
    lex = resources.lexicon()
    assert lex.zipf("village") > 3
    container = lex._data
    assert len(_inflated(container)) == 1
    assert len(container._header) > 1000  # ... of a file cut into many


# -- gazetteer -------------------------------------------------------------------------------------


def test_gazetteer_finds_places_by_name_and_alternate_name() -> None:
    gaz = gazetteer()
    assert gaz.lookup("Kharkiv")[0].country == "UA"
    assert gaz.lookup("Ibadan")[0].country == "NG"
    assert gaz.lookup("Valladolid")[0].country == "ES"
    assert gaz.lookup("Aleppo")[0].kind == "city"
    assert gaz.lookup("Belarus")[0].kind == "country"
    assert "Kraków" in gaz and "krakow" in gaz and "KRAKOW" in gaz


def test_gazetteer_knows_accepted_variants_from_the_names_pack() -> None:
    gaz = gazetteer()
    for variant, usual in [
        ("Odessa", "Odesa"),
        ("Kiev", "Kyiv"),
        ("Zaporizhia", "Zaporizhzhia"),
        ("Kryvyi Rih", "Kryvyi Rih"),
        ("Chernobyl", "Chornobyl"),
        ("Bombay", "Mumbai"),
    ]:
        assert gaz.lookup(variant)[0].name == usual, variant


def test_gazetteer_does_not_know_misspellings_or_words() -> None:
    gaz = gazetteer()
    for token in ("Innerhodar", "Chornobayvka", "Ibadam", "Valladollid", "Haiphon", "Thursday"):
        assert token not in gaz, token
    assert gaz.lookup("") == ()


def test_gazetteer_candidates_find_the_place_a_misspelling_damaged() -> None:
    gaz = gazetteer()
    for token, place, country in [
        ("Innerhodar", "Enerhodar", "UA"),
        ("Chornobayvka", "Chornobaivka", "UA"),
        ("Ibadam", "Ibadan", "NG"),
        ("Valladollid", "Valladolid", "ES"),
        ("Haiphon", "Haiphong", "VN"),
    ]:
        best = gaz.candidates(token)[0]
        assert (best.place.name, best.place.country) == (place, country), token
        assert 1 <= best.distance <= 2
        assert 0.75 <= best.similarity < 1


def test_gazetteer_candidates_respect_the_distance_limit() -> None:
    gaz = gazetteer()
    assert all(c.distance <= 1 for c in gaz.candidates("Haiphon", max_distance=1))
    assert gaz.candidates("Xq") == []


def test_gazetteer_maps_country_names_and_demonyms_to_codes() -> None:
    gaz = gazetteer()
    assert gaz.country_of("Ukraine") == "UA"
    assert gaz.country_of("Ukrainian") == "UA"
    assert gaz.country_of("Nigerians") == "NG"
    assert gaz.country_of("Turkey") == "TR"
    assert gaz.country_of("Côte d'Ivoire") == "CI"
    assert gaz.country_of("Kharkiv") is None
    assert gaz.country_of("table") is None
    assert gaz.country_name("UA") == "Ukraine"
    assert gaz.country_name("ZZ") == "ZZ"


def test_gazetteer_knows_smaller_places_separately() -> None:
    gaz = gazetteer()
    assert not gaz.is_minor_place("Kharkiv")  # in the main index
    assert not gaz.is_minor_place("Qzxvbn")
    assert gaz.is_minor_place("Chablis")
    assert "Chablis" not in gaz


def test_names_pack_adds_places_and_variants(tmp_path: Path) -> None:
    pack = tmp_path / "extra.toml"
    pack.write_text(
        '[[place]]\nname = "Nowhereville"\ncountry = "GB"\npopulation = 1200\n'
        'variants = ["Nowhere-ville"]\n\n'
        '[[place]]\nname = "Ibadan"\ncountry = "NG"\nvariants = ["Ibadan City"]\n\n'
        '[[country]]\ncode = "NG"\ndemonyms = ["Naija"]\n',
        encoding="utf-8",
    )
    gaz = load_gazetteer(resources.DATA_DIR / "gazetteer.qcd", [pack])
    assert gaz.lookup("Nowhere-ville")[0].name == "Nowhereville"
    assert gaz.lookup("Ibadan City")[0].population > 1_000_000
    assert gaz.candidates("Nowherevile")[0].place.name == "Nowhereville"
    assert gaz.country_of("Naija") == "NG"


def test_gazetteer_inflates_only_what_a_lookup_needs() -> None:
    resources.gazetteer.cache_clear()
    gaz = resources.gazetteer()
    assert gaz.lookup("Kharkiv")
    container = gaz._data
    assert len(_inflated(container)) <= 3  # the key chunk and the place records it points to
    assert len(container._header) > 1000


def _build_script() -> ModuleType:
    path = ROOT / "scripts" / "build_data.py"
    spec = importlib.util.spec_from_file_location("build_data", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_shipped_gazetteer_holds_the_current_name_packs() -> None:
    # The gazetteer stores the name packs merged at build time, used only while the packs and
    # resources.py match it. After an edit to either this fails until the merge is stored again:
    #     python scripts/build_data.py packs
    shipped = resources.DATA_DIR / "gazetteer.qcd"
    assert _build_script().merged_packs_container(shipped) == shipped.read_bytes()


def test_the_stored_pack_merge_is_the_merge_of_the_packs(monkeypatch: pytest.MonkeyPatch) -> None:
    index = resources.DATA_DIR / "gazetteer.qcd"
    packs = sorted((resources.rules_dir() / "names").glob("*.toml"))
    stored = resources.load_gazetteer(index, packs)
    monkeypatch.setattr(resources, "_restore_merged_packs", lambda gaz, packs: False)
    merged = resources.load_gazetteer(index, packs)
    for attribute in ("_extra", "_display", "_demonyms"):
        assert getattr(stored, attribute) == getattr(merged, attribute), attribute
    assert stored._extra_places == merged._extra_places
    assert {n: list(map(tuple, v)) for n, v in stored._fuzzy_extra.items()} == {
        n: list(map(tuple, v)) for n, v in merged._fuzzy_extra.items()
    }
    for name in ("Kiev", "Odessa", "Zaporizhia", "Enerhodar", "Ukrainian", "Burma"):
        assert stored.lookup(name) == merged.lookup(name), name
        assert stored.country_of(name) == merged.country_of(name), name


def test_look_ups_of_missing_key_groups_leave_nothing_behind() -> None:
    # a long corpus run asks about endless unknown words: only groups that exist are remembered
    lex = resources.lexicon()
    container = lex._data
    before = len(container._chunks), len(container._scans), len(container._texts)
    for i in range(2000):
        assert lex.zipf(chr(0x4E00 + i) + "字") == 0.0  # CJK: no such groups in the lexicon
    assert (len(container._chunks), len(container._scans), len(container._texts)) == before


def test_the_shipped_tables_are_the_current_toml_files() -> None:
    # data/tables.json holds every rules/**/*.toml file parsed at build time, used only while the
    # file has the stored CRC. After an edit this fails until the tables are built again:
    #     python scripts/build_data.py tables
    assert resources.TABLES_FILE.read_text(encoding="utf-8") == resources.build_tables()


def test_a_stored_table_is_the_parse_of_its_file() -> None:
    import tomllib

    paths = sorted(resources.packs_dir().rglob("*.toml"))
    assert len(paths) > 5
    for path in paths:
        raw = path.read_bytes()
        stored = resources.prebuilt_table(path, raw)
        assert stored == tomllib.loads(raw.decode("utf-8")), path
        assert stored is not resources.prebuilt_table(path, raw)  # a fresh object every time


def test_an_edited_or_outside_file_is_not_taken_from_the_tables(tmp_path: Path) -> None:
    path = resources.packs_dir() / "case" / "capitalised-words.toml"
    raw = path.read_bytes()
    assert resources.prebuilt_table(path, raw) is not None
    assert resources.prebuilt_table(path, raw + b"\n# edited\n") is None
    copy = tmp_path / "capitalised-words.toml"
    copy.write_bytes(raw)
    assert resources.prebuilt_table(copy, raw) is None


def test_the_shipped_known_names_index_is_current_and_equals_a_fresh_build() -> None:
    # data/known-names.pickle holds the known-names index built at build time, keyed by the
    # lists and resources.py; after editing either run: python scripts/build_data.py known-names
    import pickle

    paths, crc = resources._known_names_sources()
    stored_crc, stored = pickle.loads(resources.KNOWN_NAMES_FILE.read_bytes())
    assert stored_crc == crc, "run: python scripts/build_data.py known-names"
    assert stored == resources.build_known_names(paths)


def test_a_stale_known_names_index_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pickle

    stale = tmp_path / "known-names.pickle"
    fake = resources.KnownNames({}, {}, {}, {}, frozenset(), {})
    stale.write_bytes(pickle.dumps((0, fake)))
    monkeypatch.setattr(resources, "KNOWN_NAMES_FILE", stale)
    resources.known_names.cache_clear()
    try:
        assert resources.known_names() == resources.build_known_names()
        assert resources.known_names() != fake
    finally:
        resources.known_names.cache_clear()
