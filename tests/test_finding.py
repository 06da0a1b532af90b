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
