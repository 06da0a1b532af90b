"""junk.trailing-headlines: headlines of other articles after a page's footer."""

from __future__ import annotations

from qualitycheck.finding import Severity
from qualitycheck.rules.junk.trailing_headlines import RULE as HEADLINES
from qualitycheck.testing import flagged, run_rule

ARTICLE_END = (
    "The port reopened on Friday after a week of repairs, officials said.\n"
    "Copyright © 2024 Example Media.\n"
    "More Stories\n"
    "Storm leaves thousands without power in coastal towns\n"
    "Central bank holds rates steady – Example Wire – 07/29/2024\n"
    "Minister visits flood zone | Example News\n"
)


def test_flags_headlines_after_a_footer_line() -> None:
    assert flagged(HEADLINES, ARTICLE_END) == [
        "Storm leaves thousands without power in coastal towns",
        "Central bank holds rates steady – Example Wire – 07/29/2024",
        "Minister visits flood zone | Example News",
    ]


def test_headline_with_site_name_is_more_certain() -> None:
    confidences = [m.confidence for m in run_rule(HEADLINES, ARTICLE_END)]
    assert confidences[0] < confidences[1] == confidences[2]


def test_skips_widget_lines_between_headlines() -> None:
    text = "Body text ends here.\nMost Popular\nStorm hits coast\nAdvertisement\nBank holds rates\n"
    assert flagged(HEADLINES, text) == ["Storm hits coast", "Bank holds rates"]


def test_quiet_when_footer_like_line_is_followed_by_paragraphs() -> None:
    text = (
        "The council met on Monday.\n"
        "Related\n"
        "The mayor said the budget would be cut by a tenth, and the opposition objected.\n"
        "Voting is expected next week.\n"
    )
    assert flagged(HEADLINES, text) == []


def test_only_a_hint_when_headlines_are_followed_by_prose() -> None:
    text = (
        "The council met on Monday.\n"
        "Related\n"
        "Budget cuts spark protest\n"
        "The mayor said the budget would be cut by a tenth, and the opposition objected.\n"
    )
    (m,) = run_rule(HEADLINES, text)
    assert m.severity is Severity.INFO and m.confidence < 0.5


def test_quiet_without_a_footer_line() -> None:
    text = "Storm leaves thousands without power\nThe storm hit the coast on Monday night.\n"
    assert flagged(HEADLINES, text) == []
