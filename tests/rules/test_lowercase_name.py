"""names.lowercase-name: a person's name written in lower case. Texts written for these tests."""

from __future__ import annotations

import pytest

from qualitycheck.rules.names.lowercase_name import RULE
from qualitycheck.testing import flagged, run_rule


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the surname is written with a capital elsewhere in the document
        (
            "The mayor ana ruiz did not answer the questions. Later Ruiz said the budget was final.",
            ["ana ruiz"],
        ),
        (
            "Councillors met tomás herrera on Monday. They told Herrera that the plan was late.",
            ["tomás herrera"],
        ),
        # a role word and a surname from the lists, even without a capital elsewhere
        ("The coach joaquín ibarra left the club after two seasons.", ["joaquín ibarra"]),
        # a particle inside the name
        (
            "The actor juan de la torre spoke first. De la Torre thanked the crew.",
            ["juan de la torre"],
        ),
    ],
)
def test_flags_a_person_name_in_lower_case(text: str, expected: list[str]) -> None:
    assert flagged(RULE, text) == expected


def test_suggests_the_capitalised_name() -> None:
    text = "The mayor ana ruiz did not answer. Later Ruiz said the budget was final."
    [m] = run_rule(RULE, text)
    assert m.suggestions == ("Ana Ruiz",)


@pytest.mark.parametrize(
    "text",
    [
        # first names that are ordinary words first
        "She said the Rose Garden would reopen. Officials mark down prices, said Grace Ruiz.",
        "The report said the figures were final, and Said Benali agreed.",
        # addresses, handles and paths
        "Write to ana.ruiz@example.org or follow @ana_ruiz; Ana Ruiz answers every message.",
        "The file ana/ruiz.txt lists the members, and Ruiz keeps it up to date.",
        # a name written with capitals, and lower-case words the document never capitalises
        "The mayor Ana Ruiz did not answer. Ruiz said the budget was final.",
        "The mayor ana spoke to the press in maria street about the budget.",
    ],
)
def test_quiet_on_words_that_are_no_lower_case_name(text: str) -> None:
    assert flagged(RULE, text) == []
