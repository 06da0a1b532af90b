"""Specifications of the punctuation rules: stray marks, unbalanced quotes, unbalanced brackets."""

from __future__ import annotations

import pytest

from qualitycheck.document import Document
from qualitycheck.finding import Severity
from qualitycheck.rules.punctuation import stray_mark, unbalanced_brackets, unbalanced_quotes
from qualitycheck.testing import flagged, run_rule

STRAY = stray_mark.RULE
QUOTES = unbalanced_quotes.RULE
BRACKETS = unbalanced_brackets.RULE

# Clean, professionally edited news prose written for these tests: quotations across sentences,
# a quotation over several paragraphs, a byline, a dateline, photo captions with credits, a list,
# numbers, abbreviations, parentheses, headings. No punctuation rule may fire on it.
CLEAN_NEWS = """\
Floodwaters Recede in Porto Alegre, but the Cleanup Has Only Begun
By Ana Souza and Lee Min-jun
PORTO ALEGRE, Brazil (AP) — The water has gone down in most of the city's neighbourhoods, and \
residents are returning to homes that stood submerged for almost three weeks.
“We lost everything on the ground floor,” said Marta Oliveira, 54, a seamstress. “The sewing \
machines, the fabric, the orders for June. But the house is standing, and so are we.”
Officials said 1,597 buildings had been inspected by Tuesday at 9 a.m., when the second phase of \
the survey began. About 3.5% of them must be torn down, according to the state's civil defence \
agency (Defesa Civil).
The governor, Eduardo Leite, told reporters that the U.S., Japan and the European Union had \
offered help. “We will rebuild,” he said. “It will take years, not months.”
Residents wade through a flooded street in the Sarandi district. (Photo: Reuters)
A volunteer carries a dog to a rescue boat. Lee Min-jun/AFP via Getty Images
What the city needs now
The relief agencies list three priorities:
1. Clean water for the 400,000 people still without it.
2. Shelter for families whose homes were condemned (about 12,000 people).
3. Credit for small businesses, such as Ms. Oliveira's workshop.
Paulo Mendes, who runs a hardware store near the port, described the first morning back.
“The smell was the worst part. Mud everywhere, up to the windows, and a 12" pipe had burst \
under the counter.
“We spent four days shovelling. Then the insurers came, looked around and left… We are still \
waiting,” he said.
Acme Inc., a logistics firm, said shipments to Rio Grande do Sul [the state] would resume on \
Monday; apples, rice, etc., will arrive first. Was the response fast enough? Critics say no!
The state's debt (R$ 98.1 billion, or about $19 billion) was renegotiated in 2023. . . . \
Officials called the terms "fair" and the timing "urgent."
Reporting by Ana Souza; Editing by Lee Min-jun
"""


def test_clean_news_passage_is_clean_for_every_punctuation_rule() -> None:
    for rule in (STRAY, QUOTES, BRACKETS):
        assert flagged(rule, CLEAN_NEWS) == [], rule.id


# -- punctuation.stray-mark -------------------------------------------------------------------


def test_flags_full_stop_then_comma_and_suggests_comma_when_sentence_goes_on() -> None:
    text = "It could contaminate the water supply. , causing an environmental disaster."
    [m] = run_rule(STRAY, text)
    assert text[m.start : m.end] == ". ,"
    assert m.suggestions == (",",)
    assert m.severity is None  # the rule's default: error
    assert STRAY.severity is Severity.ERROR


def test_suggests_full_stop_when_a_new_sentence_starts() -> None:
    [m] = run_rule(STRAY, "The talks ended ,. Both sides left.")
    assert m.suggestions == (".",)


@pytest.mark.parametrize(
    ("text", "span", "fix"),
    [
        ("Officials met in Kano,, the ministry said.", ",,", ","),
        ("They left ;; nobody stayed.", " ;;", ";"),
        ("He said, . Then he left.", ", .", "."),
        ("The plan was ready., the officials said.", ".,", ","),
        ("The plant opened in 2022., the company said.", ".,", ","),
        ("Why?, asked the mayor.", "?,", "?"),
        ("It was over!. Then the rain came.", "!.", "!"),
        ("The bridge closed.. Traffic stopped.", "..", "."),
    ],
)
def test_flags_doubled_and_mixed_marks(text: str, span: str, fix: str) -> None:
    [m] = run_rule(STRAY, text)
    assert text[m.start : m.end] == span
    assert m.suggestions == (fix,)


def test_flags_space_before_comma_and_full_stop_as_warnings() -> None:
    text = "Officials met in Lagos ,Abuja and Kano , and then left ."
    matches = run_rule(STRAY, text)
    assert [text[m.start : m.end] for m in matches] == [" ,", " ,", " ."]
    assert [m.suggestions for m in matches] == [(", ",), (",",), (".",)]
    assert all(m.severity is Severity.WARNING for m in matches)


def test_space_before_comma_after_an_abbreviation_keeps_the_abbreviation() -> None:
    text = "Trade with the U.S. , Canada and Mexico grew."
    [m] = run_rule(STRAY, text)
    assert text[m.start : m.end] == " ,"


def test_french_spacing_is_only_info() -> None:
    [m] = run_rule(STRAY, "He asked : why now ?")[:1]
    assert m.severity is Severity.INFO


def test_repeated_exclamation_is_only_info() -> None:
    [m] = run_rule(STRAY, "It was unbelievable!! Nobody expected it.")
    assert m.severity is Severity.INFO


@pytest.mark.parametrize(
    "text",
    [
        "Trade with the U.S., Canada and Mexico grew.",
        "The meeting started at 9 a.m., when the doors opened.",
        "Acme Inc., a logistics firm, agreed.",
        "They sold apples, pears, etc., at the market.",
        "Ann M., the author, agreed.",
        "SAN JOSE, Calif., March 3 — A fire broke out; Salem, Ore., was spared.",
        "He paused . . . then went on.",
        "He paused... then went on.",
        "He paused…, then went on.",
        "Wait, what?! Really?",
        "A .45 caliber pistol was found; 1,597 rounds and 3.5% of the stock.",
        "See https://example.org/a,,b. or write to desk@example.org.",
        "Type `,,` to repeat the delimiter.",
        "Nice :) and fine ;) and sad :(",
        "1. First item\n2. Second item",
        "The key labelled “.,” is broken.",
    ],
)
def test_quiet_on_correct_punctuation(text: str) -> None:
    assert flagged(STRAY, text) == []


# -- punctuation.unbalanced-quotes -----------------------------------------------------------


def test_flags_closing_quote_without_opening_quote() -> None:
    text = "The army will not be provoked. Stop at the first order.”"
    [m] = run_rule(QUOTES, text)
    assert (m.start, m.end) == (len(text) - 1, len(text))
    assert m.severity is None and QUOTES.severity is Severity.ERROR


def test_flags_extra_closing_quote_after_a_closed_quotation() -> None:
    text = "“We will stay,” he said. Nobody will leave this city.”"
    [m] = run_rule(QUOTES, text)
    assert m.start == len(text) - 1


def test_quiet_on_speech_across_sentences_of_a_paragraph() -> None:
    text = "“We will stay,” he said. “Nobody will leave. We are ready.”"
    assert flagged(QUOTES, text) == []


def test_quiet_on_multi_paragraph_quotation() -> None:
    text = "“The first paragraph of a long quotation.\n“The second one ends it.”"
    assert flagged(QUOTES, text) == []


def test_flags_opening_quote_left_open_before_narration_as_warning() -> None:
    text = "“An opener that is never closed.\nThe next paragraph is narration."
    [m] = run_rule(QUOTES, text)
    assert m.start == 0
    assert m.severity is Severity.WARNING and m.confidence < 0.7


def test_flags_opening_quote_left_open_at_end_of_document() -> None:
    text = "The mayor spoke.\nHe said: “We will not leave."
    assert flagged(QUOTES, text) == ["“"]


def test_closer_after_an_unconventional_continuation_is_a_warning() -> None:
    text = "“The first paragraph of a long quotation.\nThe second one ends it.”"
    matches = run_rule(QUOTES, text)
    assert [text[m.start] for m in matches] == ["”"]
    assert matches[0].severity is Severity.WARNING


def test_flags_odd_straight_quotes_with_low_confidence() -> None:
    text = 'She said "no" and left. He said "yes and walked out.'
    [m] = run_rule(QUOTES, text)
    assert m.start == text.rindex('"')
    assert m.severity is Severity.WARNING and m.confidence <= 0.5


@pytest.mark.parametrize(
    "text",
    [
        "Kyiv’s mayor said the ’90s were the age of rock ’n’ roll.",
        "He called it a ‘special operation’ and left.",
        'He is 5\'11" tall and bought a 12" pipe.',
        "They printed “2022” on a 12” banner.",
        "«Guillemets» are fine.\n»Danish style« too.",
        "”Swedish style” pairs the same mark.",
        'He said "now". "I will fight," he added.',
        'Use `"` to quote a string.',
    ],
)
def test_quiet_on_apostrophes_inch_marks_and_paired_quotes(text: str) -> None:
    assert flagged(QUOTES, text) == []


# -- punctuation.unbalanced-brackets ---------------------------------------------------------


def test_flags_lone_closing_bracket() -> None:
    text = "The ministry said 40 people were hurt) in the blast."
    [m] = run_rule(BRACKETS, text)
    assert text[m.start : m.end] == ")" and m.severity is None


def test_flags_unclosed_opening_bracket_as_warning() -> None:
    text = "The plant (Europe's largest supplies a fifth of the power."
    [m] = run_rule(BRACKETS, text)
    assert m.start == text.index("(") and m.severity is Severity.WARNING


def test_flags_mismatched_brackets() -> None:
    text = "He said (quietly] that it was over."
    assert sorted(flagged(BRACKETS, text)) == ["(", "]"]


def test_unclosed_bracket_is_judged_per_paragraph() -> None:
    text = "The plant (Europe's largest\nsupplies a fifth of the power)."
    assert flagged(BRACKETS, text) == ["(", ")"]


def test_a_pair_split_over_a_column_of_short_lines_is_one_finding() -> None:
    # A scraped aside whose words were a link: "(" and ")" each on a line of their own.
    text = "Forecasts come from the national weather office\n(\nSMHI\n).\nRain is due.\n"
    [m] = run_rule(BRACKETS, text)
    assert m.start == text.index("(") and m.severity is Severity.WARNING
    assert "split" in m.message
    # too far apart, or with a paragraph between them, they are two faults again
    far = "Forecasts come from the office\n(\nSMHI\nand\nothers\n).\n"
    assert flagged(BRACKETS, far) == ["(", ")"]
    prose = "The office (\nsaid in a statement that it expected rain all week\n)."
    assert flagged(BRACKETS, prose) == ["(", ")"]


@pytest.mark.parametrize(
    "text",
    [
        "Choose a) tea or b) coffee.",
        "a) first\n1) second\niv) third",
        "(a) one and (b) two",
        "Great :) and ;-) and sad :(",
        "The interval [0, 1) is half-open.",
        "(See https://en.wikipedia.org/wiki/Mercury_(planet) for details.)",
        "The party (which won (narrowly) in 2019) said [sic] no.",
        "The bill (HB 12) passed; call {name} in the template.",
    ],
)
def test_quiet_on_labels_emoticons_and_balanced_brackets(text: str) -> None:
    assert flagged(BRACKETS, text) == []


# -- the real machine-translated example ------------------------------------------------------


def test_seed_article_punctuation_findings(seed_text: str) -> None:
    doc = Document.from_text(seed_text)
    assert flagged(STRAY, doc) == [". ,"]
    quotes = run_rule(QUOTES, doc)
    lines = [doc.text[: m.start].count("\n") for m in quotes]
    line_texts = [seed_text.split("\n")[i] for i in lines]
    assert [doc.text[m.start] for m in quotes] == ["”", "”"]
    assert line_texts[0].endswith("won’t have one quiet minute.”")
    assert line_texts[1] == "The army will not be provoked. Stop at the first order.”"
    assert flagged(BRACKETS, doc) == []


def test_quiet_on_a_closing_bracket_before_a_colon() -> None:
    from qualitycheck.rules.punctuation.unbalanced_brackets import RULE as BRACKETS

    assert flagged(BRACKETS, "Install it and check a sample (Python 3.11+):") == []
    assert flagged(BRACKETS, "Two cases (a and b): both fail.") == []


@pytest.mark.parametrize(
    "text",
    [
        "... and then he left.",
        "He stopped.\n... and then he left.",
        "He stopped.\n. . . and then he left.",
        "The list went on\n…and on.",
    ],
)
def test_an_ellipsis_that_opens_a_line_is_not_a_stray_mark(text: str) -> None:
    assert flagged(STRAY, text) == []


def test_full_stops_that_open_a_line_and_are_no_ellipsis_are_still_judged() -> None:
    assert flagged(STRAY, "He stopped.\n.., and then he left.") == [".,"]
    assert flagged(STRAY, "The talks ended... . Both sides left.") == []  # an ellipsis, spaced


def test_flags_an_opening_mark_inside_an_open_quotation() -> None:
    text = "“The legs are fine and the team is strong. “If we can win, we will try,” he said."
    matches = run_rule(QUOTES, text)
    assert [m.start for m in matches] == [text.index("“If")]
    assert matches[0].severity is Severity.WARNING


def test_quiet_on_single_marks_inside_a_quotation() -> None:
    text = "“She told me ‘wait here’, so I waited,” he said. “Then I left.”"
    assert flagged(QUOTES, text) == []
