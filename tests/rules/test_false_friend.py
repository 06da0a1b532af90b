from __future__ import annotations

import pytest

from qualitycheck.rules.phrasing import false_friend
from qualitycheck.testing import flagged, run_rule

FOOTBALL = "The club lost the derby and the goalkeeper was sent off in the first half. "
CYCLING = "The riders faced a hard stage in the mountains, and the breakaway held on. "
TENNIS = "She won the tiebreak and took the last two sets in the Wimbledon heat. "
TV = "The morning programme lost viewers this season, and the broadcaster is worried. "
PHONE = "The new handset has a faster processor, a bigger screen and updated firmware. "
POLICE = "Police arrested the suspect on Friday after a robbery at a petrol station. "
ENERGY = "Electricity tariffs rose again, and vulnerable households struggle to pay their bills. "
JOBS = "Unemployment fell in May, and the number of self-employed workers grew. "


@pytest.mark.parametrize(
    ("text", "span"),
    [
        (FOOTBALL + "After the match the technician said the team lacked effort.", "technician"),
        (FOOTBALL + "The archer saved two shots in the second half.", "archer"),
        (FOOTBALL + "The whole template trained on Sunday morning.", "template"),
        (CYCLING + "The platoon caught them two kilometres from the line.", "platoon"),
        (TENNIS + "Last year she lost in qualifying and never reached the main grid.", "main grid"),
        (TV + "Its driver, Ana Ruiz, announced she would leave in June.", "driver"),
        (PHONE + "Under the hood, the stuffing is the same as last year's.", "stuffing"),
        (PHONE + "Thirdly, iron: the chip is among the fastest on the market.", "iron"),
        (PHONE + "It costs half as much as the flagman of the brand.", "flagman"),
        (PHONE + "The operative memory was doubled to 12 gigabytes.", "operative memory"),
        (PHONE + "The accumulator lasts a day and a half.", "accumulator"),
        (PHONE + "Its sensor screen responds quickly even with gloves.", "sensor screen"),
        (POLICE + "The man, 34, has no history.", "no history"),
        (POLICE + "The victim filed a denunciation at the station.", "denunciation"),
        (POLICE + "According to research sources, he acted alone.", "research"),
        (POLICE + "Officers identified the presumed author of the theft.", "presumed author"),
        (ENERGY + "About a million families receive the social bonus.", "social bonus"),
        (ENERGY + "The price of light hit a new record on Tuesday.", "price of light"),
        (JOBS + "The system gained 40,000 affiliated in a month.", "affiliated"),
        (TENNIS + "Tomorrow she plays on the central, at noon.", "the central"),
        (
            "The Ferrari driver was fastest in the last laps and took pole in the qualification.",
            "qualification",
        ),
        (JOBS + "The self-employed can apply for these aids until June.", "aids"),
        (FOOTBALL + "The coach moved him to the central.", "the central"),
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
        PHONE + "The case is made of aluminium, not cast iron.",
        PHONE + "A soldering iron is all you need to replace the port.",
        PHONE + "It uses a lithium iron phosphate battery.",
        "The stuffing for the turkey needs sage, onion and bread.",
        "The stuffing of the smartphone market with cheap models worries the regulator.",
        POLICE + "He had no history of violence, his lawyer said.",
        POLICE + "The two families have no history together.",
        POLICE + "Her public denunciation of corruption made her enemies.",
        POLICE + "New research on knife crime was published in May.",
        POLICE + "DNA research helped to identify him.",
        POLICE + "The research shows that burglaries fell.",
        "Steel mills need iron ore and coal; the price of iron rose. The smartphone and laptop"
        " makers buy the processor chips elsewhere.",
        "Painters in the north pay the price of light in winter: short days and grey skies.",
        JOBS + "Workers affiliated with the union voted to strike.",
        JOBS + "Unions affiliated to the federation backed the deal.",
        JOBS + "Its affiliated companies employ 3,000 workers.",
        TENNIS + "Tomorrow she plays on the central court at noon.",
        FOOTBALL + "He was moved to the central defence in the second half.",
        "The train stopped at the central. Passengers got off.",
        "The Ferrari driver needs a podium in the last laps for qualification for the final.",
        JOBS + "Older workers were given hearing aids and walking aids.",
    ],
)
def test_leaves_the_everyday_sense_alone(text: str) -> None:
    assert flagged(false_friend.RULE, text) == []


def test_leaves_clean_prose_alone(clean_texts: list[str]) -> None:
    for text in clean_texts:
        assert flagged(false_friend.RULE, text) == []
