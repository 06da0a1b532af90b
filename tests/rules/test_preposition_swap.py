"""grammar.preposition-swap: a verb or adjective followed by the wrong preposition."""

from __future__ import annotations

from qualitycheck.finding import Severity
from qualitycheck.rules.grammar import preposition_swap
from qualitycheck.testing import flagged, run_rule

RULE = preposition_swap.RULE


def test_catches_swapped_prepositions() -> None:
    assert flagged(RULE, "The panel consists from seven judges.") == ["from"]
    assert flagged(RULE, "The ministry relies of foreign loans to pay salaries.") == ["of"]
    assert flagged(RULE, "Local farmers are afraid from another drought.") == ["from"]
    assert flagged(RULE, "The mayor was accused for bribery last spring.") == ["for"]
    assert flagged(RULE, "According with the census, the town has shrunk.") == ["with"]
    assert flagged(RULE, "The two clerks were charged of fraud last year.") == ["of"]


def test_suggests_the_right_preposition_at_warning_level() -> None:
    (match,) = run_rule(RULE, "The panel consists from seven judges.")
    assert match.suggestions == ("of",)
    assert match.severity is None  # the rule's default: warning
    assert RULE.severity == Severity.WARNING


def test_entered_in_force_is_only_info() -> None:
    """Also good English ("the troops entered in force"): reported, but as a hint."""
    (match,) = run_rule(RULE, "The new customs code entered in force on 1 July.")
    assert match.suggestions == ("into",)
    assert match.severity == Severity.INFO


def test_leaves_right_prepositions_and_other_readings_alone() -> None:
    text = (
        "The panel consists of seven judges. The ministry relies on foreign loans. She is "
        "married with two children. They arrived to find the gates locked. The result is "
        "different of course. He was accused for the first time in 2019. The delegation "
        "arrived to a warm welcome. We will focus in particular on the north."
    )
    assert flagged(RULE, text) == []


def test_a_preposition_in_the_next_sentence_is_not_read_with_the_verb() -> None:
    assert flagged(RULE, "Everything will depend. Of the two options, neither is cheap.") == []
