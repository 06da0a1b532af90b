"""case.capital-mid-sentence: what it flags and, next to it, the clean prose it must leave
alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLES, expected_rows, load_sample, warned

from qualitycheck.document import Block, Document, Extracted
from qualitycheck.finding import Severity
from qualitycheck.rules.case.capital_mid_sentence import RULE as CAPITAL
from qualitycheck.testing import flagged, run_rule

# -- case.capital-mid-sentence: flags --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # function words: near-certain
        ("The army continued its attack In the eastern region on Friday.", ["In"]),
        ("The minister said The talks would resume next week.", ["The"]),
        ("The convoy was stopped At the border for hours.", ["At"]),
        ("Prices rose sharply And the shops closed early.", ["And"]),
        ("Many people left the city Because of the fighting.", ["Because"]),
        ("The mayor said he Would not leave the city.", ["Would"]),
        # a function word closing a place name, or opening one
        ("Fighting broke out in Kharkiv In the early hours.", ["In"]),
        ("Forces attacked In Kherson overnight.", ["In"]),
        # a weekday does not start a name with a common noun followed by "of"
        ("Troops continued Monday Shelling of the suburbs.", ["Shelling"]),
        # a verb after a pronoun or modal
        ("The government decided to it Change the rules before the vote.", ["Change"]),
        # adjective, adverb and verb forms between lower-case words
        ("Officials feared Indiscriminate attacks on the city.", ["Indiscriminate"]),
        ("Soldiers were Quickly deployed to the area.", ["Quickly"]),
        ("The government Announced new sanctions on Tuesday.", ["Announced"]),
        # a plural common noun after a possessive; a participle after "has"/"have"
        ("The river and its Tributaries rose overnight.", ["Tributaries"]),
        ("Many families have Lost their homes in the floods.", ["Lost"]),
    ],
)
def test_flags_common_word_capitalised_mid_sentence(text: str, expected: list[str]) -> None:
    assert warned(CAPITAL, text) == expected


def test_flags_with_lower_case_suggestion_and_confidence_by_word_class() -> None:
    doc = Document.from_text("Russia deepened its attack In the south and Switch to it Bombing.")
    matches = {doc.text[m.start : m.end]: m for m in run_rule(CAPITAL, doc)}
    assert matches["In"].suggestions == ("in",)
    assert matches["In"].confidence >= 0.85
    assert "function word" in matches["In"].message


def test_content_word_confidence_is_lower_than_function_word() -> None:
    doc = Document.from_text("Officials feared Indiscriminate attacks In the city.")
    conf = {doc.text[m.start : m.end]: m.confidence for m in run_rule(CAPITAL, doc)}
    assert conf["Indiscriminate"] < conf["In"]


def test_flags_the_example_article(seed_text: str) -> None:
    assert warned(CAPITAL, seed_text) == ["In", "Bombing", "Switch", "Indiscriminate"]
    # and nothing at info level either
    assert flagged(CAPITAL, seed_text) == ["In", "Bombing", "Switch", "Indiscriminate"]


# -- case.capital-mid-sentence: quiet --------------------------------------------------------------

CLEAN_ARTICLE = """\
Brussels Confronts a Winter of Hard Choices
By Marta Oyelaran and Tomasz Wierzbicki
BRUSSELS — European leaders met on Thursday to discuss energy prices, as the Kremlin warned that \
gas deliveries through the Baltic could be cut again before Christmas.
The meeting, chaired by European Council President Charles Michel, came a day after the Fed \
raised interest rates and the Bank of England signalled that it would follow. German Chancellor \
Olaf Scholz told the Bundestag that the country faced a "Zeitenwende" and would not return to the \
old model of cheap Russian energy.
In London, the Prime Minister faced a rowdy session of Prime Minister's Questions, where the \
Leader of the Opposition accused the Government of ignoring the cost of Brexit. The Supreme Court \
is expected to rule next month on whether the bill needs an Act of Parliament.
"We are not going to be blackmailed," said Ursula Kowalczyk, a senior official at the European \
Commission. "Every option is on the table."
Officials at the Pentagon said the Ukrainian army had used Himars launchers and Bayraktar drones \
to strike depots near Melitopol. A spokesman for the Russian Defense Ministry denied the claim, \
and Foreign Minister Sergei Lavrov accused the West of prolonging the war.
Markets were calm. The Dow Jones Industrial Average rose 0.4 percent, while shares in Apple and \
Amazon fell after the Wall Street Journal reported a slowdown in holiday orders.
The Cold War ended more than three decades ago, but veterans of the Warsaw Pact still meet every \
May Day in the old parade square. "Nothing has changed," said one of them.
Fans who had gathered for the World Cup draw sang "Sweet Caroline" and "You'll Never Walk Alone" \
in the pub, and a local band played a cover of "Shake It Off" by Taylor Swift.
The front page of the tabloid read "Minister Quits In Expenses Row", and the Guardian called the \
resignation "long overdue".
Dr. Amara Chukwu, who teaches at the University of Lagos, said the Nigerian government had asked \
the World Bank and the International Monetary Fund for help. She noted that the naira had lost a \
third of its value since January.
The museum, officially the Museum of Modern Art, reopened on Monday with a show of works lent by \
the Tate and the Rijksmuseum.
Mayor Anne Hidalgo said the Paris Olympics would be the greenest Games ever held.
The report was written for the United Nations High Commissioner for Refugees and was published in \
English, French and Arabic.
Among the guests were:
- the Archbishop of Canterbury;
- the Secretary-General of Nato;
- representatives of Amnesty International and Human Rights Watch.
Read more: Why the Euro Is Falling Against the Dollar
Photo: Getty Images
Scholz, who has led a three-party coalition since 2021, said Germany would keep supporting Kyiv \
"for as long as it takes".
The decision was welcomed by President Volodymyr Zelensky, who thanked the German people in a \
video address on Telegram.
Church leaders called for calm, and the Pope urged both sides to return to talks during his \
Sunday blessing in St. Peter's Square.
Reporting by Marta Oyelaran; Editing by Chidi Obi
"""


def test_quiet_on_clean_news_article() -> None:
    assert flagged(CAPITAL, CLEAN_ARTICLE) == []


@pytest.mark.parametrize(
    "text",
    [
        "Trump said on Monday that he would not attend the debate.",
        "The figures were first reported by Reuters, which cited two people familiar with it.",
        "A Labour MP said the Conservatives had lost touch with voters in the North.",
        "Children with Down syndrome were given priority places at the school.",
        "She bought an iPhone and sold her old laptop on eBay.",
        "The Times reported that the Treasury had drawn up plans for a windfall tax.",
        "Families gathered on Boxing Day to watch the match.",
        "The pro-Kremlin channel showed footage from the Russian-speaking east.",
        "He was named Man of the Match after scoring twice.",
        "The case went to the Court of Appeal, which overturned the verdict.",
        "They moved to Reading in 2019 and later to Nice.",
        "She has written for The Economist and The New Yorker.",
        "He grew up in The Hague and studied in Leiden.",
        "The novel To Kill a Mockingbird is taught in most schools.",
        "He plays for the Giants and has won two Super Bowls.",
        "The ban applies to Christian, Muslim and Jewish schools alike.",
        "Voters in the Midwest swung towards the Republicans.",
        "The plan, dubbed Operation Sea Lion, was never carried out.",
        "Mr. Brown said the talks had been constructive.",
        "The Senate voted 52 to 48 to confirm her.",
        "The President will travel to Asia next week.",
        "They watched Succession and The Crown on Netflix.",
        "The rebels, known as the Houthis, control most of northern Yemen.",
        "He tweeted that Brexit had been a mistake.",
        "The sign read Keep Out in red letters.",
        "More than six million Syrians live as refugees abroad.",
        "Inflation in Britain has fallen faster than expected.",
        "Russian troops were moving towards the city, she wrote: The army is exhausted.",
        "Two priorities: Water and power must be restored first.",
        'He called it "A Matter Of Honour" and left the room.',
        "1. Apples are cheaper this year.",
        "The sale (Approved by the board in May) went ahead.",
        "KYIV, Ukraine — The capital was quiet on Thursday.",
    ],
)
def test_quiet_on_legitimate_capitals(text: str) -> None:
    assert warned(CAPITAL, text) == []


@pytest.mark.parametrize(
    "line",
    [
        "Russia Steps Up Attacks on the Southern Coast",  # a headline in title case
        "Putin Warns Europe Over Missiles In Germany",
        "RUSSIA SAYS TALKS WILL RESUME",
    ],
)
def test_quiet_on_headlines(line: str) -> None:
    assert flagged(CAPITAL, f"{line}\nThe talks ended on Monday.\n") == []


def test_quiet_on_markdown_heading_block() -> None:
    text = "Why The Fed Will Not Cut\nThe bank held rates."
    doc = Document.from_extracted(
        text,
        Extracted(text, blocks=(Block(0, 24, "heading"), Block(25, len(text)))),
        fmt="markdown",
    )
    assert flagged(CAPITAL, doc) == []


def test_brand_after_possessive_is_info_only() -> None:
    doc = Document.from_text("He sold his Ferrari last year.")
    assert [m.severity for m in run_rule(CAPITAL, doc)] in ([], [Severity.INFO])
    assert warned(CAPITAL, "She has had Parkinson's disease for years.") == []


def test_quiet_on_word_the_document_uses_as_a_name() -> None:
    text = (
        "The Bayraktar drones arrived in May. Officials said Bayraktar deliveries would continue."
    )
    assert flagged(CAPITAL, text) == []


def test_user_words_option_keeps_a_capital() -> None:
    text = "The app Signal was used by the whole team."
    assert flagged(CAPITAL, "Staff said they Prefer the new system.") == ["Prefer"]
    assert (
        flagged(CAPITAL, "Staff said they Prefer the new system.", options={"words": ["Prefer"]})
        == []
    )
    assert flagged(CAPITAL, text) == []


# -- case.capital-mid-sentence: where a capital is licensed ----------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a closing bracket or quotation mark licenses no capital; an opening one does
        ("The agency (ANSA) Reported that the roads were closed.", ["Reported"]),
        ("She called the plan “fair” And signed it the same day.", ["And"]),
        # a pronoun and its verb open a clause after a capitalised common word
        (
            "Open the menu and look for Storage. In section Storage You can clear the cache.",
            ["You"],
        ),
        ("The files are kept in the Archive They are never deleted.", ["They"]),
        # an article or preposition before a nationality word that a lower-case word follows
        ("Shelling hit several villages In Ukrainian territory overnight.", ["In"]),
        ("The minister visited The Portuguese capital on Monday.", ["The"]),
        # the head of a name capitalised while the name goes on in lower case
        ("Shops stayed shut under the decree of the State of emergency.", ["State"]),
        ("The plan goes to the Council of ministers on Tuesday.", ["Council"]),
        # a frequent word capitalised once, used as no name anywhere in the document
        (
            "Tomás Herrera will not leave the channel or the hosting of Tonight and he said so.",
            ["Tonight"],
        ),
        ("Earlier reports named Changes that protect the heart.", ["Changes"]),
        # a word listed only as part of longer names, alone
        ("The minister met Social workers from the northern districts.", ["Social"]),
    ],
)
def test_flags_capitals_no_mark_or_name_licenses(text: str, expected: list[str]) -> None:
    assert warned(CAPITAL, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # "No." and labels before a number
        "Wu Sz-huai (吳斯懷), who is No. 4 on the party list, declined to comment.",
        "The court cited Article 16 of the treaty and Annex 2 of the protocol.",
        "She finished No.1 in the rankings for the third year running.",
        # a title of a work with its year, a journal, a name after a naming verb
        "Tykwer made Heaven (2002), Three (2010) and A Hologram for the King (2016).",
        "The results were published in the journal Nature last week.",
        "Their first horse, a mare named Lucky, won at Ascot.",
        # listed with capitalised items
        "The library reads a CSV file, a DataFrame or Bag partition by partition.",
        "Each entry has the sections Summary, Details and Example.",
        # a pronoun ending a title that takes it as an object
        "The band played Thank You and the crowd sang along.",
        # a nationality in a title of a work
        "They watched The Italian Job on Sunday.",
        # the head of a name whose argument goes with the verb, or a full name
        "Critics accused the Government of incompetence during the floods.",
        "The case went to the Court of Appeal in London.",
        "The Ministry of Health said the State of Emergency would end in May.",
        # words listed only as part of longer names, inside them
        "Ministers from Central Asia met the Vice President and the Grand Mufti on Yom Kippur.",
        # a preposition before a person whose first name is also a place
        "Headline and standfirst run together By Ana Souza and Tomás Herrero in this copy.",
        # a closing quotation mark before a name or at a sentence end
        "“We will win,” Herrera said. “Then we rest.” Ana Souza agreed.",
    ],
)
def test_quiet_where_a_capital_is_licensed(text: str) -> None:
    assert warned(CAPITAL, text) == []


def test_frequent_word_is_only_info_when_the_document_capitalises_it_elsewhere() -> None:
    text = (
        "Viewers of Tonight rang the station. Ratings for Tonight rose after the hosting of "
        "Tonight changed hands."
    )
    assert warned(CAPITAL, text) == []


# -- the project's samples -------------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted((SAMPLES / "clean").glob("*.*")), ids=lambda p: p.name)
def test_quiet_on_clean_samples(path: Path) -> None:
    assert flagged(CAPITAL, load_sample(path)) == []


# Known misses: a capitalised common word after "the" or between a plural noun and a particle
# has no signal that separates it from names like "the Kremlin" or "says Reuters".
KNOWN_MISSES = {("munich-chip-startup.txt", "Consume"), ("taiwan-tainan-by-election.md", "Turnout")}


@pytest.mark.parametrize(
    ("path", "line", "text"),
    [
        pytest.param(
            path,
            line,
            text,
            marks=pytest.mark.xfail(reason="known miss, see KNOWN_MISSES", strict=False)
            if (path.name, text) in KNOWN_MISSES
            else (),
            id=f"{path.name}:{line}:{text}",
        )
        for path, _, line, text in expected_rows(CAPITAL.id)
    ],
)
def test_finds_expected_findings_in_garbled_samples(path: Path, line: int, text: str) -> None:
    doc = load_sample(path)
    found = [
        (doc.line_col(doc.source_span(m.start, m.end)[0])[0], doc.text[m.start : m.end])
        for m in run_rule(CAPITAL, doc)
    ]
    assert (line, text) in found


def test_quiet_on_a_name_the_document_mostly_capitalises() -> None:
    text = (
        "The team rewrote the service in Python last year. Engineers say Python made hiring easier.\n"
        "To start it, type python and the name of the script. Most of the tools are written in Python.\n"
        "The new version drops support for Python releases older than three years.\n"
    )
    assert flagged(CAPITAL, text) == []


def test_lower_case_use_elsewhere_alone_is_only_worth_a_look() -> None:
    """It also fits title-cased labels and class names in technical prose ("the Console
    object"), so on its own it gives an info finding, not a warning."""
    text = "The flooding closed roads. Officials said the Flooding would get worse."
    assert warned(CAPITAL, text) == []
    (match,) = run_rule(CAPITAL, text)
    assert text[match.start : match.end] == "Flooding"
    assert match.severity == Severity.INFO
