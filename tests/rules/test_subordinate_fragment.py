"""structure.subordinate-fragment: a sentence that is only a concessive clause. Texts written for
these tests."""

from __future__ import annotations

import pytest

from qualitycheck.rules.structure.subordinate_fragment import RULE
from qualitycheck.testing import flagged


@pytest.mark.parametrize(
    "sentence",
    [
        "And although the council debated the plan for more than three hours on Tuesday.",
        "Although the two clubs had talked about a merger for years without any agreement.",
        "But even though the minister promised new money for the hospitals of the region.",
        "Whereas the older stations still broadcast on medium wave in the mountain villages.",
    ],
)
def test_flags_a_sentence_that_is_only_a_concessive_clause(sentence: str) -> None:
    text = f"The plan was presented in March. {sentence} The vote is due in May."
    assert flagged(RULE, text) == [sentence]


@pytest.mark.parametrize(
    "text",
    [
        # the main clause follows a comma, a dash or a colon
        "Although the council debated the plan for hours, it took no decision.",
        "Although Ana Souza won the vote in Kraków – narrowly – she did not celebrate.",
        "Even though the night was cold: the crowd stayed until the end of the concert.",
        # a short deliberate fragment, a question, and a clause inside a sentence
        "The mayor promised to stay. Though not for long.",
        "Although the plan was ready in March, why did the council wait until May?",
        "The council approved the plan although two members voted against it on Tuesday.",
        # a headline in title case is no sentence of prose
        "Although Ratings Fell, the Show Goes On\nThe broadcaster kept its morning programme.",
    ],
)
def test_quiet_on_complete_sentences_and_short_fragments(text: str) -> None:
    assert flagged(RULE, text) == []
