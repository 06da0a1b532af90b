from __future__ import annotations

import pytest

from qualitycheck.rules.structure import infinitive_fragment
from qualitycheck.testing import flagged

LEAD = "The council met on Monday evening.\n\n"


@pytest.mark.parametrize(
    "sentence",
    [
        "Specifically, to prove their low income and to be able to apply for any of these grants"
        " before the end of the year.",
        "In order to reduce costs and to improve the service for older passengers on the night"
        " routes.",
        "To register the boat and to renew the licence – such as a fishing permit, a mooring or a"
        " berth in the harbour.",
        "In particular, to train the new nurses or to hire more of them in the rural clinics.",
    ],
)
def test_flags_a_sentence_of_purpose_clauses_without_a_main_clause(sentence: str) -> None:
    assert flagged(infinitive_fragment.RULE, LEAD + sentence + "\n") == [sentence]


@pytest.mark.parametrize(
    "sentence",
    [
        "To make matters worse, the bridge was closed for the whole weekend.",
        "To reset the router, hold the button on the back for ten seconds.",
        "To protect the coast and to keep the port open, the city built a long sea wall.",
        "To buy bread and to pay the rent were the only goals he had that winter.",
        "To err is human and to forgive is divine, the old teacher liked to say.",
        "To install it and to run the tests you need a recent compiler and a fast disk.",
        "To the north of the city lies a wide plain crossed by three rivers and a canal.",
        "To apply, fill in the form on the council website and send it before Friday.",
        "To be continued and to be read.",  # too short to judge
        "To prove their income and to apply for the grant before the end of the year?",
    ],
)
def test_leaves_purpose_clauses_with_a_main_clause_alone(sentence: str) -> None:
    assert flagged(infinitive_fragment.RULE, LEAD + sentence + "\n") == []


def test_list_items_are_not_prose() -> None:
    text = (
        LEAD + "The plan has two aims:\n\n"
        "- To reduce costs and to improve the service for older passengers on the night routes.\n"
        "- To open two new lines and to close the old depot before the end of next year.\n"
    )
    assert flagged(infinitive_fragment.RULE, text) == []


def test_quiet_on_clean_prose(clean_texts: list[str]) -> None:
    for text in clean_texts:
        assert flagged(infinitive_fragment.RULE, text) == []
