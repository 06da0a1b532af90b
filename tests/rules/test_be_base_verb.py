from __future__ import annotations

import pytest

from qualitycheck.rules.grammar import be_base_verb
from qualitycheck.rules.grammar.be_base_verb import participle
from qualitycheck.testing import flagged, run_rule


@pytest.mark.parametrize(
    ("sentence", "span"),
    [
        ("The report is not finish yet, the ministry admitted on Tuesday.", "is not finish"),
        ("The forms are provide by the town hall at no cost.", "are provide"),
        ("The new bridge was build in only eight months by a local firm.", "was build"),
        ("It is recommend to book the tickets at least a week ahead.", "is recommend"),
        ("The results will be announce next week, the organisers said.", "be announce"),
        ("Several houses were destroy by the storm on the coast.", "were destroy"),
        ("The letters are send to every household in the region.", "are send"),
    ],
)
def test_flags_a_bare_verb_after_be(sentence: str, span: str) -> None:
    assert flagged(be_base_verb.RULE, sentence) == [span]


def test_suggests_the_participle_first_then_the_ing_form() -> None:
    (m,) = run_rule(be_base_verb.RULE, "The new bridge was build in eight months by a local firm.")
    assert m.suggestions == ("was built", "was building")


@pytest.mark.parametrize(
    "sentence",
    [
        "The results are due on Friday, the organisers said.",
        "The museum is open until six on weekdays and closed on Monday.",
        "The rules were set in 1998 and have not changed since.",
        "He was home when the storm hit the village.",
        "The new system is like a tree with many branches.",
        "The old mill is worth a visit if you are in the valley.",
        "What the villagers want is peace and a working water supply.",
        "The main problem was cost, not the lack of workers.",
        "The aim is to build four hundred homes by 2030.",
        "They are friends from school and still meet every summer.",
        "The question is whether the council can pay for it.",
        "The town was hit by floods in May and again in June.",
        "Her first job was cook in a small hotel near the station.",
        "The plan is simple: count the votes twice and publish both counts.",
        "The key is practice, the coach said after the match.",
        "The next step is review by an independent panel.",
        "The only exception is travel for medical reasons.",
        "It is fine to bring a dog on the ferry.",
        "The workers are back at the factory after the strike.",
        "All they ask is respect.",
        "The real test will be turnout in the rural areas.",
        "What matters most is trust between the two sides.",
        "All they did was complain about the weather.",
        "The first thing the new council will do is review the budget.",
        "Because the name is not quote-\ndelimited, it may not contain spaces.",
        "The votes are not, as the mayor hoped, counted by hand.",
        'Let the option be "include hidden files" when you need it.',
    ],
)
def test_leaves_english_alone(sentence: str) -> None:
    assert flagged(be_base_verb.RULE, sentence) == []


def test_leaves_clean_prose_alone(clean_texts: list[str]) -> None:
    for text in clean_texts:
        assert flagged(be_base_verb.RULE, text) == []


@pytest.mark.parametrize(
    ("verb", "forms"),
    [
        ("count", ["counted"]),
        ("provide", ["provided"]),
        ("apply", ["applied"]),
        ("stay", ["stayed"]),
        ("stop", ["stoped", "stopped"]),
    ],
)
def test_regular_participles(verb: str, forms: list[str]) -> None:
    assert participle(verb, {}) == forms


def test_irregular_participles_come_from_the_table() -> None:
    assert participle("send", {"send": "sent"}) == ["sent"]
