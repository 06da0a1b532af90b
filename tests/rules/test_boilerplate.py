"""junk.boilerplate (the pack rules/junk/boilerplate.toml): widget lines of a scraped page, and
prose that merely shares their words."""

from __future__ import annotations

import pytest

from qualitycheck.packs import builtin_pack_dir, load_pack
from qualitycheck.testing import flagged

BOILERPLATE = load_pack(builtin_pack_dir() / "junk" / "boilerplate.toml")


@pytest.mark.parametrize(
    "line",
    [
        "More Stories",
        "Source link",
        "Read more",
        "Read more »",
        "Related Articles",
        "Related",
        "Recommended",
        "Share this article",
        "Share on Facebook",
        "Share on WhatsApp",
        "Facebook Twitter WhatsApp Email",
        "Sign up for our newsletter",
        "Subscribe to our daily newsletter to get the news first.",
        "We use cookies to give you the best experience on our website.",
        "Accept all cookies",
        "Advertisement",
        "Click here to subscribe.",
        "Follow us on Twitter and Instagram",
        "Continue reading",
        "Also read: Ten things to know about the budget",
        "Most Popular",
        "Trending",
        "Leave a comment",
        "Comments",
        "Print this page",
        "Skip to content",
        "5 min read",
    ],
)
def test_boilerplate_pack_flags_widget_lines(line: str) -> None:
    text = f"The agreement takes effect in January.\n{line}\nOfficials said more talks are due."
    assert flagged(BOILERPLATE, text) == [line.strip(" »")]


@pytest.mark.parametrize(
    "text",
    [
        "You can read more about it in the annual report.",
        "Thread more beads on the string, she said.",
        "The company said it would share more details next week.",
        "Related parties must disclose their stakes.",
        "Comments from the minister were not available.",
        "Advertisement revenue fell by 12% last year.",
        "We use cookies as an example of tracking in this study of privacy law.",
        "Copyright © 2022 Example Media. All rights reserved.",
        "Follow the money, investigators say.",
    ],
)
def test_boilerplate_pack_quiet_on_prose(text: str) -> None:
    assert flagged(BOILERPLATE, text) == []


def test_cookie_banner_is_reported_without_a_token_pasted_after_it() -> None:
    text = "Body.\nWe use cookies to improve your experience on our website. 5d41402abc4b2a76b971\n"
    assert flagged(BOILERPLATE, text) == [
        "We use cookies to improve your experience on our website."
    ]
