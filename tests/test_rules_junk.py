"""Scraping-junk rules and the boilerplate pack: positives and clean text side by side."""

from __future__ import annotations

from pathlib import Path

import pytest

from qualitycheck.document import Document, Extracted
from qualitycheck.finding import Severity
from qualitycheck.packs import builtin_pack_dir, load_pack
from qualitycheck.rules.junk.email_placeholder import RULE as EMAIL
from qualitycheck.rules.junk.hex_token import RULE as HEX
from qualitycheck.rules.junk.html_leftover import RULE as HTML
from qualitycheck.rules.junk.mojibake import RULE as MOJIBAKE
from qualitycheck.rules.junk.trailing_headlines import RULE as HEADLINES
from qualitycheck.testing import flagged, run_rule

BOILERPLATE = load_pack(builtin_pack_dir() / "junk" / "boilerplate.toml")
SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_7878a072beb5b911.txt"


# -- junk.email-placeholder -------------------------------------------------------------------
def test_flags_cloudflare_email_placeholders() -> None:
    text = "Write to Ann at [email protected] or to Bo at [email&#160;protected]."
    matches = run_rule(EMAIL, text)
    assert [text[m.start : m.end] for m in matches] == [
        "[email protected]",
        "[email&#160;protected]",
    ]
    assert all(m.suggestions == () for m in matches)
    assert "email address" in matches[0].message
    assert EMAIL.severity is Severity.ERROR


def test_flags_email_protection_link_target() -> None:
    assert flagged(EMAIL, "Contact: /cdn-cgi/l/email-protection#a1b2c3") == [
        "/cdn-cgi/l/email-protection#a1b2c3"
    ]


def test_quiet_on_real_addresses_and_prose_about_protection() -> None:
    text = "Write to ann@example.com. Keep your email protected with a strong password."
    assert flagged(EMAIL, text) == []


# -- junk.hex-token ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "token", "confidence"),
    [
        (
            "Example Media, Inc. 87990cbe856818d5eddac44c7b1cdeb8",
            "87990cbe856818d5eddac44c7b1cdeb8",
            0.9,
        ),
        (
            "The end. 2fd4e1c67a2d28fced849ee1bb76e7391b93eb12",
            "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12",
            0.9,
        ),
        (
            "Story ends (123e4567-e89b-12d3-a456-426614174000)",
            "123e4567-e89b-12d3-a456-426614174000",
            0.9,
        ),
        ("The plan a3f9c2e1b7d40586 was approved.", "a3f9c2e1b7d40586", 0.75),
        (
            "Read on. dGhpc0lzQVRyYWNraW5nVG9rZW4xMjM0NTY3",
            "dGhpc0lzQVRyYWNraW5nVG9rZW4xMjM0NTY3",
            0.6,
        ),
    ],
)
def test_flags_standalone_hashes_uuids_and_tokens(text: str, token: str, confidence: float) -> None:
    (m,) = run_rule(HEX, text)
    assert text[m.start : m.end] == token
    assert m.confidence == confidence


@pytest.mark.parametrize(
    "text",
    [
        "The logo uses #FF5733 and #C70039 on a white page.",
        "The population was 1234567890123456 by one estimate.",
        "Version 10.0.19041.1415 fixes the bug.",
        "See https://example.com/img/87990cbe856818d5eddac44c7b1cdeb8.jpg for the photo.",
        "Mail 87990cbe856818d5eddac44c7b1cdeb8@example.com for access.",
        "The wallet 0x742d35Cc6634C0532925a3b844Bc454e4438f44e received the funds.",
        "The commit hash is 2fd4e1c67a2d28fced849ee1bb76e7391b93eb12.",
        "Run `git checkout 2fd4e1c67a2d28fced849ee1bb76e7391b93eb12` first.",
        "A deadbeefcafebabe string has no digits.",
        "The InternationalBusinessMachines report came out.",
        "Internationalisation and responsibilities are long words.",
    ],
)
def test_quiet_on_colours_numbers_versions_urls_and_named_ids(text: str) -> None:
    assert flagged(HEX, text) == []


# -- junk.html-leftover -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "found", "suggestion"),
    [
        ("Rock &amp; Roll is here.", "&amp;", "&"),
        ("The minister&#8217;s office said so.", "&#8217;", "’"),
        ("He said &quot;no&quot; twice.", "&quot;", '"'),
        ("It&#39;s over.", "&#39;", "'"),
        ("Ten&nbsp;km away.", "&nbsp;", " "),
        ("Ten&amp;nbsp;km away.", "&amp;nbsp;", " "),
        ("The Sea&#x2019;s edge.", "&#x2019;", "’"),
    ],
)
def test_flags_undecoded_entities_with_the_character(
    text: str, found: str, suggestion: str
) -> None:
    m = run_rule(HTML, text)[0]
    assert text[m.start : m.end] == found
    assert m.suggestions == (suggestion,)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The talks ended.<br> Both sides left.", ["<br>"]),
        ("The talks ended.< br / > Both sides left.", ["< br / >"]),
        ("Both sides left.</p>", ["</p>"]),
        ('Photo <img src="a.jpg" alt="x"> shows the port.', ['<img src="a.jpg" alt="x">']),
        (
            'The port class="caption" style="color:red"> was shelled.',
            ['class="caption" style="color:red">'],
        ),
        ("Escaped &lt;br&gt; markup.", ["&lt;br&gt;"]),
    ],
)
def test_flags_leftover_tags_and_attributes(text: str, found: list[str]) -> None:
    assert flagged(HTML, text) == found


@pytest.mark.parametrize(
    "text",
    [
        "AT&T and R&D spending rose; the Q&A came later.",
        "If x < 3 and y > 2, the test fails; 3 <4 is a typo.",
        "Johnson & Johnson; Smith &Co; Marks & Spencer.",
        "Use `&amp;` to write an ampersand in HTML.",
        "The ratio is 5 < 10 > 2 in this case.",
    ],
)
def test_quiet_on_ampersands_and_angle_brackets_in_prose(text: str) -> None:
    assert flagged(HTML, text) == []


def test_quiet_on_entity_the_author_wrote_in_markdown() -> None:
    source = "Fish&nbsp;and chips."
    doc = Document.from_extracted(source, Extracted(source), fmt="markdown")
    assert flagged(HTML, doc) == []


# -- junk.mojibake ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "found", "repaired"),
    [
        ("President Zelenskyâ€™s office said so.", "Zelenskyâ€™s", "Zelensky’s"),
        ("The cafÃ© closed.", "cafÃ©", "café"),
        ("Flights to SÃ£o Paulo resumed.", "SÃ£o", "São"),
        ("Research in MÃ¼nchen, Germany.", "MÃ¼nchen", "München"),
        ("Tickets cost â‚¬5 each.", "â‚¬5", "€5"),
        ("A summer (Ã©tÃ©) in Nice.", "Ã©tÃ©", "été"),
    ],
)
def test_flags_mojibake_words_with_repair(text: str, found: str, repaired: str) -> None:
    (m,) = run_rule(MOJIBAKE, text)
    assert text[m.start : m.end] == found
    assert m.suggestions == (repaired,)
    assert MOJIBAKE.severity is Severity.ERROR


@pytest.mark.parametrize(
    "text",
    [
        "The café in São Paulo served crème brûlée to the naïve critic.",
        "“We will win,” she said — and he didn’t argue… ‘Fine.’",
        "Москва и Київ; 東京と北京; 서울; emoji 😀🎉.",
        "Zürich, Ærøskøbing, Łódź, İstanbul, façade, señor, Æsir, Øresund.",
        "The price rose from £5 to €7, roughly ¥900.",
    ],
)
def test_quiet_on_correct_non_ascii_text(text: str) -> None:
    assert flagged(MOJIBAKE, text) == []


# -- junk.boilerplate (pack) ------------------------------------------------------------------
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


# -- junk.trailing-headlines ------------------------------------------------------------------
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


# -- the example article ----------------------------------------------------------------------
def test_seed_article_junk() -> None:
    if not SEED.exists():
        absent = f"the example article is not available at {SEED} (it lives outside the repository)"
        pytest.skip(reason=absent)
    text = SEED.read_text(encoding="utf-8")
    assert flagged(EMAIL, text) == ["[email protected]", "[email protected]"]
    assert flagged(HEX, text) == ["87990cbe856818d5eddac44c7b1cdeb8"]
    assert flagged(BOILERPLATE, text) == ["More Stories"]
    headlines = flagged(HEADLINES, text)
    assert len(headlines) == 3
    assert headlines[1].endswith("– DW – 07/29/2024") and headlines[2].endswith("| NATO")
    assert flagged(HTML, text) == [] and flagged(MOJIBAKE, text) == []


def test_cookie_banner_is_reported_without_a_token_pasted_after_it() -> None:
    text = "Body.\nWe use cookies to improve your experience on our website. 5d41402abc4b2a76b971\n"
    assert flagged(BOILERPLATE, text) == [
        "We use cookies to improve your experience on our website."
    ]
