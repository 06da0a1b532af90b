"""Specifications of the structure rules: truncated sentences, orphan fragments, repeated words,
duplicate paragraphs."""

from __future__ import annotations

import pytest

from qualitycheck.document import Block, Document, Extracted
from qualitycheck.finding import Severity
from qualitycheck.rules.structure import (
    duplicate_paragraph,
    orphan_fragment,
    repeated_word,
    truncated_sentence,
)
from qualitycheck.testing import flagged, run_rule

TRUNCATED = truncated_sentence.RULE
ORPHAN = orphan_fragment.RULE
REPEATED = repeated_word.RULE
DUPLICATE = duplicate_paragraph.RULE

# Clean, professionally edited news prose written for these tests, one paragraph per line as
# scraped text comes: headline, standfirst, byline, dateline, subheadings, a caption with its
# credit, a list introduced by a colon, a multi-paragraph quotation, legitimate doubled words and
# names with repeated parts. No structure rule may fire on it.
CLEAN_NEWS = """\
Power Returns to Kharkiv After a Week of Blackouts
Engineers worked around the clock to restore the grid
By Tomasz Nowak and Ana Souza
KHARKIV, Ukraine (AP) — Electricity returned to most of the city on Sunday, a week after \
strikes on two substations left 1.2 million people in the dark.
“We had had no light for seven days,” said Olena Kravets, 67, a retired teacher. “That that \
could happen twice in one winter is hard to believe.”
Regional Governor Oleh Syniehubov said crews had repaired 3.5% of the damaged lines by Friday \
and the rest over the weekend, with help from the U.S. and Japan.
A technician checks a transformer in the Saltivka district. (Photo: Reuters)
Economic fallout
Small businesses lost the most. A bakery owner, Serhiy Bondar, said he had thrown away 1,597 \
loaves.
The city council listed three priorities:
- Backup generators for hospitals
- Heating points in every district
- Compensation for shops
The mayor, Ihor Terekhov, described the repairs in a long statement.
“The first substation took four days. Our crews worked in the snow, often under air-raid \
alerts.
“The second one was worse. We had to bring parts from Lviv and Dnipro,” he said.
Residents of Walla Walla, a sister city in Washington State, sent generators, and a choir from \
Baden-Baden gave a benefit concert. “Bye bye, darkness,” one banner read.
Some residents were sceptical. Others, like Ms. Kravets, were simply relieved.
Tomasz Nowak reported from Kharkiv; Ana Souza contributed reporting from Kyiv.
— Reuters
"""


def test_clean_news_passage_is_clean_for_every_structure_rule() -> None:
    for rule in (TRUNCATED, ORPHAN, REPEATED, DUPLICATE):
        assert flagged(rule, CLEAN_NEWS) == [], rule.id


# -- structure.truncated-sentence ------------------------------------------------------------


def test_flags_line_that_stops_on_a_preposition() -> None:
    text = "The mayor wrote in\nAfter the visitors entered the hall, he left."
    [m] = run_rule(TRUNCATED, text)
    assert text[m.start : m.end] == "in"
    assert m.confidence >= 0.85 and m.severity is Severity.ERROR
    assert "line break" in m.message and "source" in m.message


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Officials said the\nbridge was closed.", "the"),
        ("The minister said that\nThe talks would resume.", "that"),
        ("The plan, officials said,\nWould be ready by June.", ","),
        ("The army said it would\nwithdraw before the winter.", "would"),
        (
            "Engineers agreed to send data every month, the minister told\nReporters on Tuesday.",
            "told",
        ),
    ],
)
def test_flags_lines_cut_mid_sentence(text: str, word: str) -> None:
    assert flagged(TRUNCATED, text) == [word]


def test_long_paragraph_without_an_end_is_a_low_confidence_warning() -> None:
    text = (
        "Media groups said they would challenge the law in court if it was adopted, and asked "
        "international partners and foreign embassies in the capital to closely monitor\n"
        "The situation of journalists in the regions is difficult."
    )
    [m] = run_rule(TRUNCATED, text)
    assert text[m.start : m.end] == "monitor"
    assert m.confidence <= 0.5 and m.severity is None  # the rule's default: warning
    assert TRUNCATED.severity is Severity.WARNING


@pytest.mark.parametrize(
    "text",
    [
        "What Comes Next for the\nUkrainian Army Is Unclear",  # title case
        "The demands were:\n- a ceasefire",  # colon before a list
        "The demands include\n- a ceasefire",  # a list follows
        "By Ana Souza and\nLee Min-jun",  # a byline
        "LAGOS, Nigeria —\nFuel prices rose again.",  # a dateline on its own line
        "Prices went up\nThe central bank said so.",  # a phrasal verb, no full stop
        "Economic fallout in the region\nThe war hit trade.",  # a sentence-case subheading
        "Putin warns US against deploying missiles in Germany\nTwo killed in flood in Spain",
        "I like that\nThe army left.",  # "that" may end a sentence
        "What to watch for\nThe vote is on Sunday.",  # wh-headings strand prepositions
        "Where the money comes from\nThe fund was set up in 2019.",
        "Things to look forward to\nThe festival opens in May.",
        "Two children killed, 11 injured in attack at dance party in UK, teen arrested\nMore",
        "The last line of the document stops with the",  # nothing follows it
        "Copyright © 2024 Example Media Ltd. all rights reserved 5f3a\nMore Stories",
    ],
)
def test_quiet_on_headlines_lists_bylines_and_complete_lines(text: str) -> None:
    assert flagged(TRUNCATED, text) == []


def test_quiet_on_a_two_sentence_headline_without_a_full_stop() -> None:
    # A headline may hold two short sentences and end without a full stop; the same lines
    # further down, inside the body, are a paragraph that simply stops.
    text = (
        "Floods close the ring road again. Drivers are told to stay at home\n"
        "Heavy rain fell over the capital for a third night, and the river rose by a metre.\n"
    )
    assert flagged(TRUNCATED, text) == []
    body = "Heavy rain fell over the capital for a third night.\n" + text
    assert flagged(TRUNCATED, body) == ["home"]


def test_quiet_before_a_line_that_starts_with_a_word_lower_cased_on_purpose() -> None:
    # A list of article titles and journals: "fMRI" and "iPhone" are written so on purpose and
    # carry no sentence on from the line before.
    text = (
        "Sea ice retreats faster than models predicted – Polar Research\n"
        "fMRI maps how bats track sound – Brain Reports\n"
        "iPhone sensors used to count traffic – Urban Data\n"
        "Soil microbes and drought – Ecology Letters\n"
    )
    assert flagged(TRUNCATED, text) == []
    # a line that really carries on in lower case is still one
    assert flagged(TRUNCATED, "The delegates said they would meet again\nnext week in Vienna.") == [
        "again"
    ]


def test_flags_sentence_split_across_a_column_of_one_name_lines() -> None:
    # Names that were links, each left on a line of its own, with the commas between them.
    text = (
        "Snow and ice are expected overnight in the north of the country.\n"
        "The warning covers\n"
        "Tromsø\n"
        ",\n"
        "Bodø\n"
        "and the coast between them.\n"
    )
    [m] = run_rule(TRUNCATED, text)
    assert text[m.start : m.end] == "covers"
    assert m.severity is None and m.confidence == 0.6
    assert "one-name lines" in m.message
    # a subheading followed by a paragraph is no column of names
    quiet = "Snow in the north\nTromsø\nThe warning covers the coast.\n"
    assert flagged(TRUNCATED, quiet) == []


def test_quiet_on_headings_from_markup() -> None:
    text = "Reasons to stay in\nThe city has changed."
    blocks = (Block(0, 18, "heading"), Block(19, len(text), "paragraph"))
    doc = Document.from_extracted(text, Extracted(text, blocks=blocks), fmt="markdown")
    assert flagged(TRUNCATED, doc) == []


# -- structure.orphan-fragment ---------------------------------------------------------------

_BODY_BEFORE = (
    "Crowds gathered outside the parliament on Sunday, and the police kept their distance.\n"
)


def test_flags_fragment_that_repeats_the_start_of_the_next_line() -> None:
    text = (
        _BODY_BEFORE
        + "Prime Minister\nPrime Minister Ana Souza\nShe promised early elections in spring."
    )
    matches = run_rule(ORPHAN, text)
    assert [text[m.start : m.end] for m in matches] == [
        "Prime Minister",
        "Prime Minister Ana Souza",
    ]
    assert matches[0].severity is Severity.WARNING and matches[0].confidence >= 0.8
    assert matches[1].severity is Severity.INFO  # a title and a name: a caption, less sure


def test_flags_near_copy_of_the_next_line() -> None:
    text = _BODY_BEFORE + "Minister of Finanse\nMinister of Finance Ana Souza said on Monday."
    assert flagged(ORPHAN, text) == ["Minister of Finanse"]


def test_flags_a_short_caption_taken_twice_even_near_the_headline() -> None:
    text = (
        "How to clear the cache on your phone\n"
        "Open the storage settings. (Screenshot)\n"
        "Open the storage settings.  (Screenshot)\n"
        "The menu lists every app with the space it uses, and each one can be cleared alone.\n"
        "A full cache slows the phone down.\n"
        "Tap ‘Clear cache’ to finish\n"
        "Tap 'clear cache' to finish\n"
        "The app restarts with an empty cache and signs you in again.\n"
    )
    found = run_rule(ORPHAN, text)
    assert [text[m.start : m.end] for m in found] == [
        "Open the storage settings. (Screenshot)",
        "Tap ‘Clear cache’ to finish",
    ]
    assert all(m.severity is Severity.WARNING and "twice" in m.message for m in found)


@pytest.mark.parametrize(
    "text",
    [
        # a chorus or a repeated slogan is no debris; nor two different short lines
        "The crowd chanted for an hour.\nNo more war\nNo more war!\nThen it went home.\n",
        "Results\nPoland 2 Spain 1\nPoland 2 Spain 2\nThe second leg is in May.\n",
        "- Bring water\n- Bring water\nThe list was handed out twice by mistake.\n",
    ],
)
def test_quiet_on_lines_that_only_look_alike(text: str) -> None:
    assert flagged(ORPHAN, text) == []


def test_flags_job_title_alone_between_paragraphs() -> None:
    text = _BODY_BEFORE + "Foreign Minister\nThe talks will resume on Thursday in Geneva."
    [m] = run_rule(ORPHAN, text)
    assert doc_text(text, m) == "Foreign Minister" and m.severity is Severity.WARNING


def test_flags_fragment_that_interrupts_a_sentence() -> None:
    text = _BODY_BEFORE + "The army said it would\nRelated coverage\nwithdraw before the winter."
    assert flagged(ORPHAN, text) == ["Related coverage"]


@pytest.mark.parametrize(
    "text",
    [
        _BODY_BEFORE + "Economic fallout\nSmall businesses lost the most, the chamber said.",
        _BODY_BEFORE + "What comes next\nThe vote is due in June.",
        "Floods Hit the North\n" + _BODY_BEFORE,  # the headline at the top
        _BODY_BEFORE + "By Ana Souza\nThe talks will resume on Thursday.",
        _BODY_BEFORE + "(Photo: Reuters)\nThe talks will resume on Thursday.",
        _BODY_BEFORE + "— Reuters\nMore from the region follows below.",
        _BODY_BEFORE + "- Generators\n- Heating points\nThe council will vote.",
        _BODY_BEFORE + "Troops withdrawn\nThe talks will resume on Thursday.",  # has a verb
        _BODY_BEFORE + "The talks resume\nThe talks resume on Thursday in Geneva.",
        _BODY_BEFORE + "Foreign Minister",  # the last line: not between paragraphs
    ],
)
def test_quiet_on_subheadings_bylines_credits_and_lists(text: str) -> None:
    assert flagged(ORPHAN, text) == []


def test_quiet_on_captions_marked_up_as_such() -> None:
    text = _BODY_BEFORE + "Foreign Minister\nThe talks will resume on Thursday."
    first_end = len(_BODY_BEFORE) - 1
    caption_end = first_end + 1 + len("Foreign Minister")
    blocks = (
        Block(0, first_end),
        Block(first_end + 1, caption_end, "caption"),
        Block(caption_end + 1, len(text)),
    )
    doc = Document.from_extracted(text, Extracted(text, blocks=blocks), fmt="html")
    assert flagged(ORPHAN, doc) == []


def doc_text(text: str, m: object) -> str:
    start, end = m.start, m.end  # type: ignore[attr-defined]
    return text[start:end]


# -- structure.repeated-word -----------------------------------------------------------------


def test_flags_repeated_function_word_as_error_and_suggests_one() -> None:
    text = "Russian forces shelled the the city for a third night."
    [m] = run_rule(REPEATED, text)
    assert text[m.start : m.end] == "the the"
    assert m.suggestions == ("the",) and m.severity is None
    assert REPEATED.severity is Severity.ERROR


def test_flags_repeated_word_case_insensitively_keeping_the_first_case() -> None:
    text = "The the army left at dawn."
    [m] = run_rule(REPEATED, text)
    assert text[m.start : m.end] == "The the" and m.suggestions == ("The",)


def test_flags_a_run_of_repeats_once() -> None:
    text = "They wanted exposure without the risks of of of a restructuring."
    [m] = run_rule(REPEATED, text)
    assert text[m.start : m.end] == "of of of" and m.suggestions == ("of",)


def test_flags_repeated_content_word_as_warning() -> None:
    [m] = run_rule(REPEATED, "The army army withdrew.")
    assert m.severity is Severity.WARNING


def test_flags_repeat_across_a_line_break_inside_a_paragraph() -> None:
    text = "Russian forces shelled the\nthe city for a third night."
    doc = Document.from_extracted(text, Extracted(text, blocks=(Block(0, len(text)),)), fmt="text")
    assert flagged(REPEATED, doc) == ["the\nthe"]


def test_quiet_on_repeat_across_paragraphs() -> None:
    assert flagged(REPEATED, "They looked at the\nthe next paragraph starts here.") == []


@pytest.mark.parametrize(
    "text",
    [
        "What he had had was gone.",
        "He said that that was over.",
        "Walla Walla and Bora Bora; Sirhan Sirhan was tried; Baden-Baden is a spa.",
        "The score was 10 10 at the break.",
        "“Bye bye,” she said. It was very very cold.",
        "He is. Is it over?",
        "They came in. In the morning they left.",
    ],
)
def test_quiet_on_legitimate_doubles_names_and_numbers(text: str) -> None:
    assert flagged(REPEATED, text) == []


@pytest.mark.parametrize(
    "text", ["What it is is a question of money.", "The clerk gave her her passport back."]
)
def test_rare_grammatical_double_is_only_info(text: str) -> None:
    [m] = run_rule(REPEATED, text)
    assert m.severity is Severity.INFO


# -- structure.duplicate-paragraph -----------------------------------------------------------

_PARA = "Officials said the bridge over the river would reopen on Monday after repairs."


def test_flags_exact_duplicate_paragraph_on_the_second_copy() -> None:
    text = f"{_PARA}\nCrews worked through the night to finish.\n{_PARA}"
    [m] = run_rule(DUPLICATE, text)
    assert m.start == text.rindex(_PARA) and m.end == len(text)
    assert "line 1" in m.message and m.confidence >= 0.9


def test_flags_near_duplicate_ignoring_case_space_and_quote_style() -> None:
    copy = "officials said the bridge over the  river would re-open on Monday after repairs!"
    text = f"{_PARA}\nCrews worked through the night.\n{copy}"
    [m] = run_rule(DUPLICATE, text)
    assert text[m.start : m.end] == copy and m.confidence < 0.9


@pytest.mark.parametrize(
    "text",
    [
        f"{_PARA}\nOfficials said the tunnel under the river would reopen on Friday after repairs.",
        "Read more\nRead more\nRead more",  # short lines: another rule's business
        f"{_PARA}\n{_PARA.replace('Monday', 'Tuesday').replace('bridge', 'ferry')}",
    ],
)
def test_quiet_on_similar_but_different_or_short_paragraphs(text: str) -> None:
    assert flagged(DUPLICATE, text) == []


def test_quiet_on_repeated_table_cells() -> None:
    text = f"{_PARA}\n{_PARA}"
    half = len(_PARA)
    blocks = (Block(0, half, "table_cell"), Block(half + 1, len(text), "table_cell"))
    doc = Document.from_extracted(text, Extracted(text, blocks=blocks), fmt="html")
    assert flagged(DUPLICATE, doc) == []


# -- the real machine-translated example ------------------------------------------------------


def test_seed_article_structure_findings(seed_text: str) -> None:
    doc = Document.from_text(seed_text)
    [cut] = run_rule(TRUNCATED, doc)
    line = seed_text[: cut.start].count("\n")
    assert doc.text[cut.start : cut.end] == "in"
    assert seed_text.split("\n")[line].endswith(" wrote in")
    orphans = run_rule(ORPHAN, doc)
    assert [doc.text[m.start : m.end] for m in orphans] == [
        "Russian President",
        "Russian President Vladimir Putin",
    ]
    assert orphans[0].severity is Severity.WARNING
    assert orphans[1].severity is Severity.INFO
    assert flagged(REPEATED, doc) == []
    assert flagged(DUPLICATE, doc) == []


def test_duplicate_paragraph_quiet_on_near_copies_with_different_numbers() -> None:
    from qualitycheck.rules.structure.duplicate_paragraph import RULE as DUPLICATE

    text = (
        "Optional compilation of the parser was upgraded to version 1.5 of the toolchain.\n"
        "Optional compilation of the parser was upgraded to version 1.6 of the toolchain.\n"
    )
    assert flagged(DUPLICATE, text) == []
    same = text.splitlines()[0] + "\n" + text.splitlines()[0] + "\n"
    assert len(flagged(DUPLICATE, same)) == 1


def test_is_is_outside_a_cleft_is_a_warning() -> None:
    [m] = run_rule(REPEATED, "The new timetable is is ready for the spring.")
    assert m.severity is Severity.WARNING
