"""names.inconsistent-spelling: one name spelled two ways, and the many similar names it must leave
alone. All example text is written for these tests."""

from __future__ import annotations

import pytest

from qualitycheck.finding import Severity
from qualitycheck.glossary import Glossary
from qualitycheck.rules.names.inconsistent_spelling import RULE
from qualitycheck.testing import flagged, run_rule

# A clean, professionally edited article crowded with similar but different names: relatives,
# gendered surnames, Korean names, Spanish double surnames, Arabic and Dutch particles, names that
# share a surname, two similar countries. Nothing here may be flagged.
CLEAN_ARTICLE = """\
SEOUL – North Korean leader Kim Jong Un appeared at a military parade on Saturday alongside his
sister Kim Yo Jong, state media reported. Mr. Kim did not speak, and Ms. Kim read a statement.

In Bogotá, admirers of Gabriel García Márquez gathered with his son Rodrigo García Barcha. García
Márquez, who died in 2014, is buried in Cartagena, and Mr. García Barcha said his father would have
laughed at the speeches.

Foreign Minister Sergei Lavrov met the journalist Maria Lavrova, who is not related to him. Ms.
Lavrova said the meeting was brief. Sergey Brin, the Google co-founder, was not there.

Jordanian officials said Prince Ali bin Hussein and Rania al-Husseini, an economist, would attend
the talks in Amman. Ms. Husseini said she expected a long night.

Dutch striker Virgil van der Berg scored twice, and his brother Daan van der Berg added a third.
Coach Ronald de Jong praised both players. Frank de Jonge, a commentator, was less impressed.

The coach, John Smith, told reporters that Jon Stewart, a comedian, and Adam Smyth, a novelist,
had visited the team. Mr. Smith said the visit was a success.

Petro Poroshenko met Pedro Sánchez in Madrid. Mr. Poroshenko said the talks were useful.

Marta Kowalska and her husband Piotr Kowalski run a bakery in Kraków. Mrs. Kowalska said the
business had survived two floods. Marta Nowak and her twin sister Maria Nowak work there too.

Ann Lee and her cousin Ian Lee opened a clinic. Dr. Lee said demand was high.

Mr. Novak, the mayor, and Ms. Nowak, his deputy, disagreed about the budget.

Austria and Australia signed a trade agreement, and Slovenia and Slovakia said they would join.
Officials from Iran and Iraq were also present.

The Obamas visited Chicago. Barack Obama spoke first.
"""


def test_flags_the_rarer_spelling_with_the_introduced_one_as_suggestion() -> None:
    text = (
        "Finance Minister Ngozi Okonjo said the budget would be published on Monday.\n"
        "In a later interview, Ms. Okonja said the deficit would narrow."
    )
    matches = run_rule(RULE, text)
    assert [text[m.start : m.end] for m in matches] == ["Okonja"]
    assert matches[0].suggestions == ("Okonjo",)
    assert matches[0].severity is None  # the rule's warning
    assert matches[0].confidence >= 0.8


def test_quiet_when_the_name_is_spelled_one_way() -> None:
    text = (
        "Finance Minister Ngozi Okonjo said the budget would be published on Monday.\n"
        "In a later interview, Ms. Okonjo said the deficit would narrow."
    )
    assert flagged(RULE, text) == []


def test_flags_the_example_article_mallets_and_nothing_else(seed_text: str) -> None:
    text = seed_text
    matches = run_rule(RULE, text)
    assert [text[m.start : m.end] for m in matches] == ["Mallets"]
    assert matches[0].suggestions == ("Malets",)


def test_quiet_on_clean_article_with_many_similar_names() -> None:
    assert flagged(RULE, CLEAN_ARTICLE) == []


def test_more_frequent_spelling_wins_even_when_the_rare_one_comes_first() -> None:
    text = (
        "Mr. Hadad arrived late. The minister, Omar Haddad, said the talks had stalled.\n"
        "Mr. Haddad added that a new round was planned. Aides to Mr. Haddad confirmed it."
    )
    matches = run_rule(RULE, text)
    assert [text[m.start : m.end] for m in matches] == ["Hadad"]
    assert matches[0].suggestions == ("Haddad",)


def test_tie_goes_to_the_first_mention() -> None:
    text = (
        "Mr. Brandvold, the harbour master, said the ferry was late.\n"
        "Mr. Brandvoll said it would sail again on Friday."
    )
    matches = run_rule(RULE, text)
    assert [text[m.start : m.end] for m in matches] == ["Brandvoll"]
    assert matches[0].suggestions == ("Brandvold",)


def test_possessives_count_as_the_same_name_and_the_span_excludes_them() -> None:
    text = (
        "Pavel Dmitrenko, a farmer, said the harvest was lost. Dmitrenko’s barn burned.\n"
        "Mr. Dmitrienko’s neighbours helped him."
    )
    matches = run_rule(RULE, text)
    assert [text[m.start : m.end] for m in matches] == ["Dmitrienko"]
    assert matches[0].suggestions == ("Dmitrenko",)


def test_flags_every_mention_of_the_odd_spelling() -> None:
    text = (
        "Governor Lucia Ferreyra said the dam was safe. Ferreyra visited the site.\n"
        "Ferreyra’s office later said Ms. Ferreira would speak again. Ms. Ferreira did not."
    )
    assert flagged(RULE, text) == ["Ferreira", "Ferreira"]


def test_flags_a_misspelled_first_name_of_the_same_person() -> None:
    text = (
        "Volodymyr Hrytsenko, a teacher, said the school was closed.\n"
        "Volodimir Hrytsenko said classes would resume online."
    )
    matches = run_rule(RULE, text)
    assert [text[m.start : m.end] for m in matches] == ["Volodimir"]
    assert matches[0].suggestions == ("Volodymyr",)


def test_transliterated_first_names_of_one_person_are_only_info() -> None:
    text = (
        "Sergei Petrenko, a miner, said the shaft was flooded.\n"
        "Sergey Petrenko said the rescue took six hours."
    )
    matches = run_rule(RULE, text)
    assert [text[m.start : m.end] for m in matches] == ["Sergey"]
    assert matches[0].severity is Severity.INFO
    assert matches[0].confidence <= 0.6


def test_quiet_on_transliterated_first_names_of_different_people() -> None:
    text = "Sergei Petrenko met Sergey Brin. Petro Bondar met Pedro Alvarez."
    assert flagged(RULE, text) == []


@pytest.mark.parametrize(
    "text",
    [
        # different first names: different people
        "John Smith spoke first. Adam Smyth, a novelist, spoke next. Mr. Smyth was brief.",
        # gendered and derived surname forms
        "Sergei Lavrov met Maria Lavrova. Mr. Lavrov and Ms. Lavrova spoke.",
        "Mr. Kowalski and Mrs. Kowalska own the shop.",
        "Ali bin Hussein met Rania al-Husseini. Ms. Husseini spoke.",
        # relatives with distinct first names
        "Marta Nowak and her twin sister Maria Nowak run the clinic.",
        "Ann Lee and Ian Lee opened a shop.",
        # titles of different genders
        "Mr. Novak, the mayor, and Ms. Nowak, his deputy, disagreed.",
        # two known places
        "Austria and Australia signed the deal. Slovenia and Slovakia joined.",
        # a country and a river named differently
        "Floods hit Bosnia. The Bosna River burst its banks, and Bosnia declared an emergency.",
        # plurals of a family name
        "The Obamas visited Chicago. Barack Obama spoke first.",
        # bare first names of two people after titles
        "Mohammed bin Salman met Mohamed bin Zayed. Prince Mohammed and Sheikh Mohamed spoke.",
        # a plural of a country and a demonym
        "Talks between the two Koreas stalled. South Korean officials blamed the North.",
        # a first name that is also a place
        "Volodymyr Hrytsenko met Florence Adeyemi. Mr. Hrytsenko and Ms. Adeyemi spoke in Florence.",
        # an Arabic name with a particle, and a different person with a similar name
        "Bashar al-Assad met Rifaat Asad's envoy. President Assad said little.",
        # case only (diacritics dropped in running text are an inconsistency: see below)
        "Gabriel García Márquez wrote it. GARCÍA MÁRQUEZ later said so.",
    ],
)
def test_quiet_on_similar_but_different_names(text: str) -> None:
    assert flagged(RULE, text) == []


def test_flags_a_misspelled_place_when_both_spellings_appear() -> None:
    text = (
        "Shelling continued in Mariupil on Monday.\n"
        "Residents of Mariupol said water supplies had run out."
    )
    matches = run_rule(RULE, text)
    assert [text[m.start : m.end] for m in matches] == ["Mariupil"]
    assert matches[0].suggestions == ("Mariupol",)


def test_quiet_on_common_capitalised_words_without_name_evidence() -> None:
    text = "Later, officials met.\nLatter proposals were rejected. Monday and Sunday were quiet."
    assert flagged(RULE, text) == []


def test_glossary_spelling_is_trusted_and_wins() -> None:
    text = (
        "Finance Minister Ngozi Okonjo said the budget would be published.\n"
        "Ms. Okonja said the deficit would narrow."
    )
    glossary = Glossary.of([("Okonja", [])])
    matches = run_rule(RULE, text, glossary=glossary)
    assert [text[m.start : m.end] for m in matches] == ["Okonjo"]
    assert matches[0].suggestions == ("Okonja",)


def test_leaves_glossary_variants_to_the_glossary_rule() -> None:
    text = "Finance Minister Ngozi Okonjo said so.\nMs. Okonja agreed."
    glossary = Glossary.of([("Okonjo", ["Okonja"])])
    assert flagged(RULE, text, glossary=glossary) == []


# -- one name with and without its diacritics -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "José Ortega, a former coach of Málaga, said the Malaga board had not called him. "
            "Ortega left Málaga in May.",
            ["Malaga"],
        ),
        # the name in the headline lost its accent
        (
            "Jose breaks his silence\nJosé Ortega said he was proud of the work done. "
            "José Ortega will coach in Mexico next year.",
            ["Jose"],
        ),
        # a first name in one role, the same name alone in another
        ("Raúl Ibarra hosts the morning show. Fans say Raul is the funniest host.", ["Raul"]),
        ("Mr. Müller opened the bakery. Muller said the rent had doubled.", ["Muller"]),
        ("Gabriel García Márquez wrote it. Garcia Marquez later said so.", ["Garcia", "Marquez"]),
    ],
)
def test_flags_a_name_with_and_without_its_diacritics(text: str, expected: list[str]) -> None:
    found = run_rule(RULE, text)
    assert [text[m.start : m.end] for m in found] == expected
    assert all("diacritics" in m.message for m in found)


@pytest.mark.parametrize(
    "text",
    [
        # consistent either way: a style choice
        "Jose Ortega coached Malaga for two years. Ortega left Malaga in May.",
        "José Ortega coached Málaga for two years. Ortega left Málaga in May.",
        # a spelling talked about in quotes, and an all-caps headline
        'The list keeps each name as written and without diacritics ("Jose" for "José").',
        "JOSE ORTEGA SIGNS FOR MALAGA\nJosé Ortega signed for Málaga on Monday.",
    ],
)
def test_quiet_on_consistent_or_quoted_diacritics(text: str) -> None:
    assert flagged(RULE, text) == []


# -- accepted variants of one place, and quoted foreign phrases with their gloss ----------------


def test_flags_two_accepted_spellings_of_one_place_mixed() -> None:
    text = "Officials in Kyiv said the strike hit Kiev's suburbs. Kyiv residents were told to stay."
    [m] = run_rule(RULE, text)
    assert text[m.start : m.end] == "Kiev" and m.suggestions == ("Kyiv",)


@pytest.mark.parametrize(
    "text",
    [
        # one spelling throughout, or the other inside a longer name
        "Officials in Kiev said the strike hit the suburbs. Kiev residents were told to stay.",
        "Dynamo Kiev won in Kyiv on Sunday, and shares on the Bombay Stock Exchange rose in Mumbai.",
        # both named on purpose, side by side
        "Kyiv (formerly Kiev) is the capital. Kiev was the usual spelling in English until 2019.",
        "The guide lists accepted spellings: Kyiv/Kiev, Odesa/Odessa and Mumbai/Bombay.",
        # the other spelling named as such, not used
        "In Odesa, the port long known abroad as Odessa, the council met. Odesa voted no.",
        "In Kyiv, which older residents still call Kiev, shelters opened. Kyiv stayed calm.",
        "Zaporizhzhia was shelled again. (Russian sources spell it Zaporozhye.)",
        # a quoted foreign phrase and its gloss are not two spellings of a name
        "Protesters chanted '¡Viva México!' (long live Mexico) outside the embassy in Madrid.",
        "The crowd shouted “Slava Ukraini” (glory to Ukraine) as the convoy left Kyiv.",
        # Arabic article forms before one surname
        "Bashar al-Assad spoke on Monday. Critics of Al-Assad said the speech was empty.",
        "Abdel Fattah el-Sisi met the press. Mr. al-Sisi said the talks were useful.",
    ],
)
def test_quiet_on_one_place_spelling_glossed_phrases_and_article_forms(text: str) -> None:
    assert flagged(RULE, text) == []
