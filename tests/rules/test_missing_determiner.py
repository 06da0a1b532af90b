"""grammar.missing-determiner: a bare singular count noun where English needs an article."""

from __future__ import annotations

from qualitycheck.finding import Severity
from qualitycheck.rules.grammar import missing_determiner
from qualitycheck.testing import flagged, run_rule

RULE = missing_determiner.RULE


def test_catches_a_dropped_article_after_a_verb_or_preposition() -> None:
    assert flagged(RULE, "The inspectors received letter from the embassy on Tuesday.") == [
        "letter"
    ]
    assert flagged(RULE, "Rebels launched attack against the garrison before dawn.") == ["attack"]
    assert flagged(RULE, "The firm opened factory in the south of the region.") == ["factory"]


def test_reports_at_info_level_with_the_article_as_suggestion() -> None:
    (match,) = run_rule(RULE, "The inspectors received letter from the embassy on Tuesday.")
    assert match.severity == Severity.INFO
    assert match.suggestions == ("a letter",)
    assert "3-gram" in match.message


def test_leaves_articles_that_are_there_alone() -> None:
    text = (
        "The inspectors received a letter from the embassy on Tuesday. Rebels launched an "
        "attack against the garrison before dawn. The firm opened a factory in the south."
    )
    assert flagged(RULE, text) == []


def test_leaves_set_phrases_mass_nouns_and_plurals_alone() -> None:
    text = (
        "She travelled to the border by car and stayed at home for a week. The deal was signed "
        "in principle after talks with management over pay. Officials met with representatives "
        "from several ministries. The plan failed for lack of money. He was treated with "
        "respect and released without charge. Prices rose during winter and fell after harvest."
    )
    assert flagged(RULE, text) == []


def test_leaves_headlines_names_and_lists_alone() -> None:
    text = (
        "Rebels Launched Attack Against Garrison\n"
        "President Maria Santos arrived with Chancellor Weber on Monday.\n"
        "- opened factory in the south\n"
    )
    assert flagged(RULE, text) == []
