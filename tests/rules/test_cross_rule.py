"""Tests of several rules at once: clean prose that none of a family of rules may report anything
on, and the garbled samples checked against every expected finding of the case rules. A test of
one rule belongs in that rule's file, ``tests/rules/test_<rule module>.py``."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLES, expected_rows, load_sample

from qualitycheck.finding import Severity
from qualitycheck.rules.case.capital_mid_sentence import RULE as CAPITAL
from qualitycheck.rules.case.lowercase_sentence_start import RULE as LOWERCASE
from qualitycheck.rules.punctuation.stray_mark import RULE as STRAY
from qualitycheck.rules.punctuation.unbalanced_brackets import RULE as BRACKETS
from qualitycheck.rules.punctuation.unbalanced_quotes import RULE as QUOTES
from qualitycheck.rules.structure.duplicate_paragraph import RULE as DUPLICATE
from qualitycheck.rules.structure.orphan_fragment import RULE as ORPHAN
from qualitycheck.rules.structure.repeated_word import RULE as REPEATED
from qualitycheck.rules.structure.truncated_sentence import RULE as TRUNCATED
from qualitycheck.testing import flagged, run_rule

# -- punctuation rules: clean prose ----------------------------------------------------------------

# Clean, professionally edited news prose written for these tests: quotations across sentences,
# a quotation over several paragraphs, a byline, a dateline, photo captions with credits, a list,
# numbers, abbreviations, parentheses, headings. No punctuation rule may fire on it.
CLEAN_FLOOD_REPORT = """\
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
        assert flagged(rule, CLEAN_FLOOD_REPORT) == [], rule.id


# -- structure rules: clean prose ------------------------------------------------------------------

# Clean, professionally edited news prose written for these tests, one paragraph per line as
# scraped text comes: headline, standfirst, byline, dateline, subheadings, a caption with its
# credit, a list introduced by a colon, a multi-paragraph quotation, legitimate doubled words and
# names with repeated parts. No structure rule may fire on it.
CLEAN_BLACKOUT_REPORT = """\
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
        assert flagged(rule, CLEAN_BLACKOUT_REPORT) == [], rule.id


# -- case rules: the project's garbled samples -----------------------------------------------------

CASE_RULES = (CAPITAL, LOWERCASE)


@pytest.mark.parametrize(
    "path",
    sorted(p for p in (SAMPLES / "garbled").glob("*.*") if not p.name.endswith(".tsv")),
    ids=lambda p: p.name,
)
def test_no_unexpected_warnings_in_garbled_samples(path: Path) -> None:
    rows = expected_rows(*(rule.id for rule in CASE_RULES))
    expected = {(r[1], r[2], r[3]) for r in rows if r[0] == path}
    doc = load_sample(path)
    for rule in CASE_RULES:
        for m in run_rule(rule, doc):
            if (m.severity or rule.severity) < Severity.WARNING:
                continue
            line = doc.line_col(doc.source_span(m.start, m.end)[0])[0]
            assert (rule.id, line, doc.text[m.start : m.end]) in expected
