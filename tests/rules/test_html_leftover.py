"""junk.html-leftover: undecoded entities and leftover tags, and prose ampersands and angle
brackets left alone."""

from __future__ import annotations

import pytest

from qualitycheck.document import Document, Extracted
from qualitycheck.rules.junk.html_leftover import RULE as HTML
from qualitycheck.testing import flagged, run_rule


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
