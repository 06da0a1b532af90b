"""junk.email-placeholder: scraped e-mail placeholders, and real addresses left alone."""

from __future__ import annotations

from qualitycheck.finding import Severity
from qualitycheck.rules.junk.email_placeholder import RULE as EMAIL
from qualitycheck.testing import flagged, run_rule


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
