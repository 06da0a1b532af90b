from __future__ import annotations

import pytest

from qualitycheck.rules.phrasing import false_friend
from qualitycheck.testing import flagged, run_rule

FOOTBALL = "The club lost the derby and the goalkeeper was sent off in the first half. "
CYCLING = "The riders faced a hard stage in the mountains, and the breakaway held on. "
TENNIS = "She won the tiebreak and took the last two sets in the Wimbledon heat. "
TV = "The morning programme lost viewers this season, and the broadcaster is worried. "


@pytest.mark.parametrize(
    ("text", "span"),
    [
        (FOOTBALL + "After the match the technician said the team lacked effort.", "technician"),
        (FOOTBALL + "The archer saved two shots in the second half.", "archer"),
        (FOOTBALL + "The whole template trained on Sunday morning.", "template"),
        (CYCLING + "The platoon caught them two kilometres from the line.", "platoon"),
        (TENNIS + "Last year she lost in qualifying and never reached the main grid.", "main grid"),
        (TV + "Its driver, Ana Ruiz, announced she would leave in June.", "driver"),
    ],
)
def test_flags_a_false_friend_in_its_field(text: str, span: str) -> None:
    assert flagged(false_friend.RULE, text) == [span]


def test_names_the_term_and_suggests_it() -> None:
    (m,) = run_rule(false_friend.RULE, FOOTBALL + "The technician praised the young striker.")
    assert m.suggestions == ("coach",)
    assert "técnico" in m.message


@pytest.mark.parametrize(
    "text",
    [
        "The technician said the boiler had to be replaced before the winter.",
        FOOTBALL + "A lab technician at the club tested the samples.",
        FOOTBALL + "The kit technicians washed the shirts overnight.",
        "A platoon of soldiers crossed the river at dawn.",
        "The driver of the bus was taken to hospital after the crash.",
        TV + "The show's driver, a local taxi firm, took the guests to the studio by car.",
        TV + "A bus driver won the quiz on Saturday night.",
        FOOTBALL + "Archer scored twice, and the club moved up to third place.",
        "Fill in the template and send it to the council before Friday.",
    ],
)
def test_leaves_the_everyday_sense_alone(text: str) -> None:
    assert flagged(false_friend.RULE, text) == []


def test_leaves_clean_prose_alone(clean_texts: list[str]) -> None:
    for text in clean_texts:
        assert flagged(false_friend.RULE, text) == []
