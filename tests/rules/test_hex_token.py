"""junk.hex-token: stray hashes, UUIDs and tokens, and the colours, numbers and ids left alone."""

from __future__ import annotations

import pytest

from qualitycheck.rules.junk.hex_token import RULE as HEX
from qualitycheck.testing import flagged, run_rule


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
