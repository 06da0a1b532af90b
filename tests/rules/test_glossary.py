"""names.glossary: listed variants and near misses of the user's preferred spellings."""

from __future__ import annotations

from conftest import TEST_DATA

from qualitycheck.finding import Severity
from qualitycheck.glossary import Glossary, load_glossary
from qualitycheck.rules.names.glossary import RULE
from qualitycheck.testing import flagged, run_rule

DATA = TEST_DATA / "glossary"
NAMES = Glossary.of(
    [
        ("Zaporizhzhia", ["Zaporozhye", "Zaporozhe"]),
        ("Mykhailo Podolyak", ["Mikhailo Podolyak"]),
        ("Kyiv", ["Kiev"]),
        ("email", ["e-mail"]),
    ]
)


def test_quiet_without_a_glossary() -> None:
    assert flagged(RULE, "Russian troops approached Zaporozhye and Kiev.") == []


def test_flags_listed_variants_with_the_preferred_form() -> None:
    text = "Russian troops approached Zaporozhye. Mikhailo Podolyak said Kiev would not yield."
    matches = run_rule(RULE, text, glossary=NAMES)
    assert [text[m.start : m.end] for m in matches] == ["Zaporozhye", "Mikhailo Podolyak", "Kiev"]
    assert [m.suggestions for m in matches] == [
        ("Zaporizhzhia",),
        ("Mykhailo Podolyak",),
        ("Kyiv",),
    ]
    assert all(m.confidence == 0.95 and m.severity is None for m in matches)


def test_quiet_on_preferred_forms_and_words_that_merely_contain_a_variant() -> None:
    text = (
        "Zaporizhzhia and Kyiv were calm. Mykhailo Podolyak said so. "
        "Historians of Kievan Rus met in Kiev-Pechersk; kiev in lower case is not the name."
    )
    assert flagged(RULE, text, glossary=NAMES) == []


def test_terms_without_capitals_match_any_case_and_keep_a_leading_capital() -> None:
    text = "E-mail the office, or send an e-mail to the desk; email is fine."
    matches = run_rule(RULE, text, glossary=NAMES)
    assert [text[m.start : m.end] for m in matches] == ["E-mail", "e-mail"]
    assert [m.suggestions for m in matches] == [("Email",), ("email",)]


def test_flags_near_misses_of_preferred_names_with_lower_confidence() -> None:
    text = "Mykhailo Podoljak, an adviser, said talks would resume in Zaporizzhia."
    matches = run_rule(RULE, text, glossary=NAMES)
    assert [text[m.start : m.end] for m in matches] == ["Podoljak", "Zaporizzhia"]
    assert [m.suggestions for m in matches] == [("Podolyak",), ("Zaporizhzhia",)]
    assert all(0.5 <= m.confidence < 0.95 for m in matches)


def test_quiet_on_near_misses_that_are_english_words_or_related_names() -> None:
    glossary = Glossary.of([("Ivan Lavrov", []), ("Marta Holm", []), ("Ronald Kane", [])])
    text = (
        "Ms. Lavrova, his daughter, spoke. Home owners protested; Holms Street was closed. "
        "Cane growers met Ronald Kane. Lane closures followed."
    )
    assert flagged(RULE, text, glossary=glossary) == []


def test_near_miss_that_is_a_known_string_is_only_info() -> None:
    glossary = Glossary.of([("Lucia Ferreyra", [])])
    text = "Governor Ferreira opened the bridge."  # "Ferreira" is a common surname elsewhere
    matches = run_rule(RULE, text, glossary=glossary)
    assert [text[m.start : m.end] for m in matches] == ["Ferreira"]
    assert matches[0].severity is Severity.INFO


def test_possessive_variant_flags_the_name_only() -> None:
    text = "Zaporozhye’s plant was shelled."
    matches = run_rule(RULE, text, glossary=NAMES)
    assert [text[m.start : m.end] for m in matches] == ["Zaporozhye"]


def test_works_with_a_loaded_tbx_termbase() -> None:
    glossary = load_glossary(DATA / "names-v3.tbx")
    text = "Ngozi Okonja-Iweala visited Mariupil. Mariupol was quiet."
    assert flagged(RULE, text, glossary=glossary) == ["Ngozi Okonja-Iweala", "Mariupil"]


def test_empty_glossary_reports_nothing() -> None:
    assert flagged(RULE, "Kiev and Zaporozhye.", glossary=Glossary()) == []
