"""names.misspelled-known-name: famous names garbled by translation, next to the correct prose
(real people with similar names, accepted transliterations, diacritics) it must leave alone."""

from __future__ import annotations

import pytest

from qualitycheck.finding import Severity
from qualitycheck.glossary import Glossary
from qualitycheck.resources import known_names
from qualitycheck.rules.names.misspelled_known_name import RULE
from qualitycheck.testing import flagged, run_rule

# (damaged sentence, the flagged name, the suggestion, the same sentence spelled right)
PAIRS = [
    (
        "Novak Djokovich won his first match at the Australian Open, beating a qualifier.",
        "Novak Djokovich",
        "Novak Djokovic",
        "Novak Djokovic won his first match at the Australian Open, beating a qualifier.",
    ),
    (
        "Raphael Nadal won the French Open for the 14th time, beating Casper Ruud in the final.",
        "Raphael Nadal",
        "Rafael Nadal",
        "Rafael Nadal won the French Open for the 14th time, beating Casper Ruud in the final.",
    ),
    (
        "The clay season ends at Rolan Harros, where Carlos Alcaraz defends his title.",
        "Rolan Harros",
        "Roland Garros",
        "The clay season ends at Roland Garros, where Carlos Alcaraz defends his title.",
    ),
    (
        "Chancellor Angela Merkle told the Bundestag that the coalition would hold.",
        "Angela Merkle",
        "Angela Merkel",
        "Chancellor Angela Merkel told the Bundestag that the coalition would hold.",
    ),
    (
        "The French president, Emanuel Macron, told parliament that the government would stay.",
        "Emanuel Macron",
        "Emmanuel Macron",
        "The French president, Emmanuel Macron, told parliament that the government would stay.",
    ),
    (
        "Cristiano Ronaldu scored twice for Al Nassr, and the club now leads the league by a goal.",
        "Cristiano Ronaldu",
        "Cristiano Ronaldo",
        "Cristiano Ronaldo scored twice for Al Nassr, and the club now leads the league by a goal.",
    ),
    (
        "President Volodimir Zelenski asked parliament for more air defence as the war went on.",
        "Volodimir Zelenski",
        "Volodymyr Zelensky",
        "President Volodymyr Zelensky asked parliament for more air defence as the war went on.",
    ),
    (
        "In the second round of the tennis tournament Richard Gaske lost to a qualifier after a tiebreak.",
        "Richard Gaske",
        "Richard Gasquet",
        "In the second round of the tennis tournament Richard Gasquet lost to a qualifier after a tiebreak.",
    ),
    (
        "Nikola Yokich scored 30 points as the Denver Nuggets won the basketball playoff game.",
        "Nikola Yokich",
        "Nikola Jokic",
        "Nikola Jokic scored 30 points as the Denver Nuggets won the basketball playoff game.",
    ),
    (
        "Foreign Minister Sergei Lavrow said the Kremlin would answer the new sanctions.",
        "Sergei Lavrow",
        "Sergei Lavrov",
        "Foreign Minister Sergei Lavrov said the Kremlin would answer the new sanctions.",
    ),
    (
        "The peloton reached Paris after three weeks of the Tour de France, led by Tadej Pogacher.",
        "Tadej Pogacher",
        "Tadej Pogacar",
        "The peloton reached Paris after three weeks of the Tour de France, led by Tadej Pogacar.",
    ),
]


@pytest.mark.parametrize(("damaged", "name", "suggestion", "clean"), PAIRS)
def test_flags_garbled_famous_name_and_leaves_the_right_spelling(
    damaged: str, name: str, suggestion: str, clean: str
) -> None:
    matches = run_rule(RULE, damaged)
    assert [damaged[m.start : m.end] for m in matches] == [name]
    assert matches[0].suggestions[0] == suggestion
    assert f"'{suggestion}'" in matches[0].message
    assert flagged(RULE, clean) == []


def test_hyphenated_name_keeps_its_hyphen_in_the_suggestion() -> None:
    text = "The tennis magazine Roland-Marros Magazine covered the Grand Slam from Paris."
    matches = run_rule(RULE, text)
    assert [text[m.start : m.end] for m in matches] == ["Roland-Marros"]
    assert matches[0].suggestions[0] == "Roland-Garros"


def test_spelling_right_elsewhere_raises_confidence_to_a_warning() -> None:
    alone = run_rule(RULE, "Angela Merkle spoke to the coalition about the election and the vote.")
    both = run_rule(
        RULE, "Chancellor Angela Merkel arrived late. Angela Merkle spoke to the coalition."
    )
    assert alone and both
    assert both[0].confidence > alone[0].confidence
    assert both[0].severity is None  # the rule's own severity: warning
    assert alone[0].severity is Severity.INFO
    assert "also spells it 'Angela Merkel'" in both[0].message


# Clean, professionally edited prose: real people whose names lie near famous ones, accepted
# transliterations, names without their diacritics, names quoted as spellings, bylines.
CLEAN = [
    # a different person, and nothing about tennis
    "Rafael Nadel, a dentist in Miami, said the clinic would reopen on Monday.",
    "Andy Murry, who runs a bakery in Leeds, said flour prices had doubled.",
    "Doris Johnson, the prime minister's aunt, joined the party in 1970.",
    "Mary Kelly won the election for the party in the borough.",
    "Ralph Merkle, a pioneer of public-key cryptography, spoke about hash trees.",
    # accepted variants of one name
    "President Volodymyr Zelenskyy met President Volodymyr Zelenskiy's advisers in Kyiv.",
    "Volodymyr Zelensky told parliament that the war would not end soon.",
    "Muammar Qaddafi ruled Libya until 2011; Moammar Gadhafi is the spelling of the AP.",
    "The orchestra played Pyotr Tchaikovsky and Pyotr Chaikovsky is how some programmes spell him.",
    "The Kremlin said Dmitri Peskov and Dmitry Peskov are the same man.",
    "Yulia Timoshenko and Yulia Tymoshenko are both printed for the opposition leader.",
    "Sergey Lavrov and Sergei Lavrov: the Kremlin's minister, and the government's sanctions.",
    # a famous name by its last words
    "Tayyip Erdogan told parliament that the government would call an early election.",
    "Martin del Potro won the tennis final at the US Open with his forehand and a tiebreak.",
    "Garcia Marquez wrote the novel; the author's books won the Nobel.",
    # diacritics: another rule's business
    "José Mourinho and Jose Mourinho both appear in the club's records of the football season.",
    "Novak Djoković won in Melbourne; Djokovic has now won 24 Grand Slam titles of tennis.",
    "Iga Świątek beat Aryna Sabalenka in the final of the tennis tournament in Madrid.",
    # family members and related forms
    "Marc Gasol and Pau Gasol played basketball for Spain in the playoffs.",
    "Venus Williams and Serena Williams won the doubles of the tennis tournament.",
    "Jamie Murray and Andy Murray played for Britain in the Davis Cup.",
    "Mick Schumacher, the son of Michael Schumacher, drove in Formula One.",
    # spellings named as spellings, bylines
    "The tennis player's name is sometimes spelled 'Djokovitch' in French newspapers.",
    "The tennis player's name is transliterated Novak Djokovich in some old reports.",
    "By Rafael Nadel\nThe tennis season starts in Australia, where the seeds play on hard courts.",
    "Fans held up a banner reading 'Novak Djokovich' [sic] at the Australian Open tennis final.",
    "The tennis fans' banner said “Novak Djokovich” in red letters at the Australian Open.",
    # the name in a headline, in the plain form
    "Nadal Beats Djokovic In Paris Tennis Final",
]


@pytest.mark.parametrize("text", CLEAN)
def test_leaves_correct_or_other_names_alone(text: str) -> None:
    assert flagged(RULE, text) == []


def test_a_near_name_needs_the_field_or_the_right_spelling_in_the_document() -> None:
    assert flagged(RULE, "Novak Djokovich said he would rest for a week.") == []
    assert flagged(RULE, "Novak Djokovich said he would rest after the tennis season.") == []
    assert flagged(
        RULE, "Novak Djokovich said he would rest, and skip the tennis season and Grand Slam."
    ) == ["Novak Djokovich"]


def test_glossary_accepts_a_spelling() -> None:
    text = "Rafael Nadel won the tennis match at the Australian Open with a new racket."
    assert flagged(RULE, text) == ["Rafael Nadel"]
    glossary = Glossary.of([("Rafael Nadel", ())])
    assert flagged(RULE, text, glossary=glossary) == []


def test_known_names_list_is_large_and_keeps_variants() -> None:
    known = known_names()
    assert len({e.name for entries in known.exact.values() for e in entries}) > 3000
    zelensky = known.exact["volodymyr zelensky"][0]
    assert {"volodymyr zelenskyy", "volodymyr zelenskiy"} <= set(zelensky.forms)
    assert known_names() is known_names()
    assert "tennis" in known.context["tennis"]


def test_quiet_on_clean_prose(clean_texts: list[str]) -> None:
    for text in clean_texts:
        assert flagged(RULE, text) == [], text


def test_a_termbase_row_is_not_prose() -> None:
    text = "preferred\tvariants\nVolodymyr Zelenskyy\tVladimir Zelensky\tVolodimir Zelenskiy\n"
    assert flagged(RULE, text) == []


def test_a_title_case_headline_is_read_word_by_word() -> None:
    text = "Novak Djokovich Wins Fifth Australian Open Title In Melbourne"
    assert flagged(RULE, text) == ["Novak Djokovich"]
    assert (
        flagged(RULE, "Nadal Beats Djokovic In Paris As Alcaraz Waits For The Tennis Final") == []
    )
