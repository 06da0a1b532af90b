"""junk.mojibake: words broken by a wrong text encoding, and correct non-ASCII text left alone."""

from __future__ import annotations

import pytest

from qualitycheck.finding import Severity
from qualitycheck.rules.junk.mojibake import RULE as MOJIBAKE
from qualitycheck.testing import flagged, run_rule


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
