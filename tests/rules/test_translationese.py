"""phrasing.translationese: many connective openers of translated news copy in one document."""

from __future__ import annotations

from qualitycheck.api import check_text
from qualitycheck.rules.phrasing.translationese import RULE
from qualitycheck.testing import flagged

TRANSLATED = (
    "The council met on Monday to discuss the budget. For his part, the mayor said the plan was "
    "fair. Likewise, the unions asked for more time. Previously, the council had rejected a "
    "similar plan. The vote is expected next week."
)
EDITED = (
    "The council met on Monday to discuss the budget. However, the mayor said the plan was fair. "
    "In addition, the unions asked for more time. Meanwhile, the council had rejected a similar "
    "plan. The vote is expected next week."
)


def test_flags_each_opener_when_the_document_has_several() -> None:
    assert flagged(RULE, TRANSLATED) == ["For his part", "Likewise", "Previously"]
    assert RULE.severity.label == "info"


def test_quiet_on_the_openers_edited_english_uses() -> None:
    assert flagged(RULE, EDITED) == []


def test_one_opener_or_the_same_one_repeated_is_not_enough() -> None:
    assert flagged(RULE, "Likewise, the unions objected. The mayor agreed.") == []
    assert flagged(RULE, "Also, it rained. Also, it snowed. Also, it hailed.") == []


def test_a_few_openers_in_a_long_text_are_not_enough() -> None:
    filler = " ".join(f"The council met again on day {i}." for i in range(40))
    assert flagged(RULE, f"For his part, the mayor agreed. Likewise, the unions. {filler}") == []


def test_opener_after_a_quotation_mark_or_dash() -> None:
    text = "“Previously, we won,” he said. – Likewise, they lost. The end came."
    assert flagged(RULE, text) == ["Previously", "Likewise"]


def test_the_hints_lower_the_quality_score() -> None:
    only = {"select": ["phrasing.translationese"]}
    assert check_text(TRANSLATED, config=only).quality < check_text(EDITED, config=only).quality
