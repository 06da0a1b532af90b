from __future__ import annotations

import pytest

from qualitycheck.rules.grammar import missing_subject
from qualitycheck.testing import flagged

LEAD = "The mayor met the union leaders on Monday evening. "


@pytest.mark.parametrize(
    ("sentence", "span"),
    [
        ("Still has not reached an agreement on the new contract.", "Still has not reached"),
        ("Has been increasing his share of the market since 2019.", "Has been increasing"),
        ("Was elected to the council for the first time in 2011.", "Was elected"),
        ("Also has promised a new bus line for the northern district.", "Also has promised"),
        ("Added that the talks would resume after the holidays.", "Added that"),
        ("Explained that the old bridge was still safe for cars.", "Explained that"),
        ("He thanked the fans, adding that wants to stay at the club.", "that wants"),
        ("The coach said that hopes to return to the bench in May.", "that hopes"),
        ("She recalled that decided to leave the party in 2015.", "that decided"),
        ("What he confirmed was that ended their engagement in May.", "that ended"),
    ],
)
def test_flags_a_clause_without_subject(sentence: str, span: str) -> None:
    assert flagged(missing_subject.RULE, LEAD + sentence) == [span]


@pytest.mark.parametrize(
    "sentence",
    [
        "Has the minister resigned after the vote on the budget?",
        "Had he known about the storm, he would have stayed at home.",
        "Were it not for the rain, the harvest would have been early.",
        "Is this the end of the coalition, the papers asked on Friday.",
        "Still, the council has not reached an agreement with the union.",
        "Now is the time to invest in the northern railway line.",
        "Also affected were the villages along the river and the port.",
        "Can be used to override the defaults for a single file.",
        "May be given more than once on the same command line.",
        "She said that helps explain the fall in the number of visitors.",
        "He added that wanted posters had gone up across the city.",
        "Added to the list this year were two bridges and a mill.",
        "The union said that the mayor wants to sign before May.",
        "Was it worth the money, the minister asked the reporters.",
        "The result was that increased costs were passed on to tenants.",
        "The problem was that affected families had no papers.",
    ],
)
def test_leaves_english_alone(sentence: str) -> None:
    assert flagged(missing_subject.RULE, LEAD + sentence) == []


def test_headings_and_list_items_are_not_prose() -> None:
    assert flagged(missing_subject.RULE, "Has been increasing since 2019\n") == []


def test_leaves_clean_prose_alone(clean_texts: list[str]) -> None:
    for text in clean_texts:
        assert flagged(missing_subject.RULE, text) == []
