"""names.misspelled-place: misspelled place names next to the correct prose they must leave alone."""

from __future__ import annotations

import pytest

from qualitycheck.document import Document
from qualitycheck.rules.names.misspelled_place import RULE
from qualitycheck.testing import flagged, run_rule

# (damaged sentence, the flagged name, the suggestion) next to the same sentence spelled right.
PAIRS = [
    (
        "On Wednesday the troops reached the town of Innerhodar, home to a nuclear plant in Ukraine.",
        "Innerhodar",
        "Enerhodar",
        "On Wednesday the troops reached the town of Enerhodar, home to a nuclear plant in Ukraine.",
    ),
    (
        "Ukrainian farmers in the nearby village of Chornobayvka lost their harvest.",
        "Chornobayvka",
        "Chornobaivka",
        "Ukrainian farmers in the nearby village of Chornobaivka lost their harvest.",
    ),
    (
        "Traders travelled to the city of Ibadam, in southwestern Nigeria, on Monday.",
        "Ibadam",
        "Ibadan",
        "Traders travelled to the city of Ibadan, in southwestern Nigeria, on Monday.",
    ),
    (
        "The train from Valladollid to Zaragoza was late again, Spanish rail officials said.",
        "Valladollid",
        "Valladolid",
        "The train from Valladolid to Zaragoza was late again, Spanish rail officials said.",
    ),
    (
        "Container traffic through Haiphon rose sharply, Vietnamese port officials said.",
        "Haiphon",
        "Haiphong",
        "Container traffic through Haiphong rose sharply, Vietnamese port officials said.",
    ),
    (
        "Cocoa growers in Dalao, in western Côte d'Ivoire, have not been paid.",
        "Dalao",
        "Daloa",
        "Cocoa growers in Daloa, in western Côte d'Ivoire, have not been paid.",
    ),
    (
        "She grew up in Avellanada, an industrial city just south of Buenos Aires.",
        "Avellanada",
        "Avellaneda",
        "She grew up in Avellaneda, an industrial city just south of Buenos Aires.",
    ),
]


@pytest.mark.parametrize(("damaged", "name", "place", "clean"), PAIRS)
def test_flags_misspelled_place_and_quiet_on_correct_spelling(
    damaged: str, name: str, place: str, clean: str
) -> None:
    matches = run_rule(RULE, damaged)
    assert [damaged[m.start : m.end] for m in matches] == [name]
    assert matches[0].suggestions[0] == place
    assert f"'{place}'" in matches[0].message
    assert flagged(RULE, clean) == []


def test_flags_large_city_without_country_mention_only_in_strong_context() -> None:
    assert flagged(RULE, "He moved to the city of Valladollid last year.") == ["Valladollid"]
    # A medium context ("to X", "in X") and no country in the text: not enough.
    assert flagged(RULE, "He moved to Valladollid last year.") == []
    assert flagged(RULE, "Cocoa growers in Dalao have not been paid.") == []


def test_confidence_is_higher_when_the_document_names_the_country() -> None:
    with_country = run_rule(RULE, "They drove to the city of Valladollid in northern Spain.")
    without = run_rule(RULE, "They drove to the city of Valladollid for the weekend.")
    assert with_country[0].confidence > without[0].confidence


def test_quiet_on_accepted_variants_and_exonyms() -> None:
    text = (
        "Warships appeared near Odessa, and officials in Zaporizhia, Kiev and Chernihiv said the "
        "road to Kryvyi Rih was open. Flights from Bombay to Calcutta resumed. The ferry left "
        "Saigon for the port of Haiphong."
    )
    assert flagged(RULE, text) == []


def test_quiet_on_people_in_place_contexts() -> None:
    text = (
        "Write to Yaroslav Trofimov in Kyiv. A letter from Mr. Innerhodar reached Ukraine. "
        "The medal went to Governor Chornobayvka, and Ukrainian media credited Olena Haiphon. "
        "Mr. Ibadam lives in Nigeria; the award went to Ibadam."
    )
    assert flagged(RULE, text) == []


def test_quiet_on_bare_surnames_next_to_a_place_of_the_same_country() -> None:
    text = (
        "Ukraine's parliament voted. A letter from Shmyhal reached Kyiv; according to Budanov, "
        "the attack came from Melitopol. The medal went to Syrskyi and to Naiev."
    )
    assert flagged(RULE, text) == []


def test_quiet_without_place_context() -> None:
    assert flagged(RULE, "Innerhodar is a word we made up, and Ukraine is a country.") == []


def test_quiet_on_real_small_places_and_common_name_patterns() -> None:
    text = (
        "The festival moved from Glastonbury to Pilton for a year, British organisers said. "
        "Troops advanced on Kidal from Gao and Tessalit, Malian officials said. "
        "The striker joined from Boavista after growing up in Guimarães, near Vitória."
    )
    assert flagged(RULE, text) == []


CLEAN_WORLD_PROSE = """\
Kyiv, Ukraine – Russian forces shelled Kharkiv and Chernihiv on Thursday, and warships appeared \
near Odessa. Mariupol, on the Sea of Azov, remained encircled, and fighting went on near the \
Dnipro River.
Ukrainian troops pushed toward Robotyne and Staromaiorske, villages south of Orikhiv, and held \
positions near Vuhledar and Avdiivka. Residents fled Bucha, Irpin and Hostomel for Kyiv.
In Ibadan, the capital of Oyo State, Governor Seyi Makinde opened a market for traders from \
Ogbomoso and Iseyin.
Flights from Bengaluru to Kochi and Thiruvananthapuram were cancelled as rains flooded roads near \
Alappuzha.
The delegation travelled from Wrocław to Görlitz and on to Dresden before returning to Warsaw.
Aid convoys reached Rafah and Khan Younis; in Aleppo and Idlib, rescue teams searched the rubble.
Rescuers in Antakya and Kahramanmaraş, in southern Turkey, worked through the night.
In Kisumu, Eldoret and Nakuru, farmers protested; Kenyan police fired tear gas in Nairobi.
The ferry from Zamboanga reached Jolo after a six-hour crossing, Philippine officials said.
Rebels withdrew from Goma toward Rutshuru and Kiwanja, Congolese officials said.
Residents of Shusha and Khankendi were evacuated to Goris, Armenian officials said.
Pilgrims walked from Sarria to Santiago de Compostela through Portomarín and Melide in Spain.
The village of Oberammergau, near Garmisch-Partenkirchen in Bavaria, stages a play every decade.
Herders moved their cattle from Tillabéri toward Ayorou, near the border with Mali.
Volunteers from Przemyśl and Medyka, in Poland, helped refugees crossing from Ukraine.
Runners set off from Hopkinton for the Boston Marathon, and Foreign Minister Sergei Lavrov flew \
to Ankara.
"""


def test_quiet_on_clean_prose_full_of_places_and_people() -> None:
    assert flagged(RULE, CLEAN_WORLD_PROSE) == []


def test_quiet_on_broken_encoding_left_to_the_mojibake_rule() -> None:
    assert flagged(RULE, "The ambassador in Tbilisiâ€™s old town met Georgian officials.") == []


class _Glossary:
    def __init__(self, accepted: set[str]) -> None:
        self._accepted = accepted

    def accepts(self, name: str) -> bool:
        return name in self._accepted


def test_glossary_overrides_the_gazetteer() -> None:
    text = "Traders travelled to the city of Ibadam, in southwestern Nigeria."
    assert flagged(RULE, text) == ["Ibadam"]
    assert flagged(RULE, text, glossary=_Glossary({"Ibadam"})) == []  # type: ignore[arg-type]


def test_seed_article_flags_only_the_two_damaged_places(seed_text: str) -> None:
    doc = Document.from_text(seed_text)
    matches = run_rule(RULE, doc)
    found = {doc.text[m.start : m.end]: m.suggestions[0] for m in matches}
    assert found == {"Innerhodar": "Enerhodar", "Chornobayvka": "Chornobaivka"}
