"""The fast constructor of findings builds the same objects as the dataclass."""

from __future__ import annotations

import dataclasses
import pickle

from qualitycheck.finding import Finding, Severity, _NewFinding, new_finding


def test_new_finding_is_a_finding_like_any_other() -> None:
    fields = ("a.b", "a", Severity.ERROR, "m", 1, 2, 3, 4, "t", ("s",), 0.5, 7, 9, "fp")
    fast, slow = new_finding(*fields), Finding(*fields)
    assert type(fast) is Finding
    assert fast == slow and hash(fast) == hash(slow) and repr(fast) == repr(slow)
    assert dataclasses.astuple(fast) == dataclasses.astuple(slow)
    assert pickle.loads(pickle.dumps(fast)) == slow
    try:
        fast.rule = "other"  # type: ignore[misc]
    except dataclasses.FrozenInstanceError:
        pass
    else:
        raise AssertionError("a finding is frozen")


def test_the_builder_has_the_fields_of_a_finding_in_order() -> None:
    names = tuple(f.name for f in dataclasses.fields(Finding))
    assert _NewFinding.__slots__ == names == Finding.__slots__
    assert list(_NewFinding.__init__.__code__.co_varnames[1 : len(names) + 1]) == list(names)


def test_match_is_built_as_the_dataclass_would_build_it() -> None:
    import copy

    from qualitycheck.finding import Match, _NewMatch

    assert _NewMatch.__slots__ == Match.__slots__ == tuple(f.name for f in dataclasses.fields(Match))  # type: ignore[attr-defined]
    m = Match(1, 2, "m", ("x",), 0.5, Severity.INFO)
    assert type(m) is Match and (m.start, m.end, m.message) == (1, 2, "m")
    assert m == Match(start=1, end=2, message="m", suggestions=("x",), confidence=0.5,
                      severity=Severity.INFO)  # fmt: skip
    assert Match(3, 4, "n") == Match(3, 4, "n", (), 1.0, None)
    assert pickle.loads(pickle.dumps(m)) == m == copy.copy(m) == copy.deepcopy(m)
    assert dataclasses.replace(m, start=0).start == 0 and hash(m) == hash(copy.copy(m))
    try:
        m.start = 5  # type: ignore[misc]
    except dataclasses.FrozenInstanceError:
        pass
    else:
        raise AssertionError("a match is frozen")
    try:
        Match(1, 2)  # type: ignore[call-arg]
    except TypeError:
        pass
    else:
        raise AssertionError("a match needs its message")
