"""The case rules skip the dateline patterns where no dash is: every dateline ends with one."""

from __future__ import annotations

from qualitycheck import heuristics
from qualitycheck.rules.case import lowercase_sentence_start


def test_every_dateline_pattern_needs_a_dash() -> None:
    for pattern in heuristics._DATELINE_RES:
        assert heuristics._DASH in pattern.pattern
    assert "[-–—]" in lowercase_sentence_start._DOTTED_DATELINE_RE.pattern
    # the dash alternatives are the three characters the rules look for
    assert set(heuristics._DASH) - set("(?:|)") == {"—", "–", "-"}
