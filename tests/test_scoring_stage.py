"""Scoring is a stage after the engine, and a check leaves the host process as it found it."""

from __future__ import annotations

import dataclasses
import functools
import gc
from collections.abc import Iterator

import pytest

from qualitycheck.api import Checker, check_text
from qualitycheck.config import Settings
from qualitycheck.document import Document
from qualitycheck.engine import Engine
from qualitycheck.finding import Match
from qualitycheck.result import FileResult
from qualitycheck.rule import Context, define
from qualitycheck.scoring import Needs, score
from qualitycheck.tasks import collector_paused

TEXT = "Prices rose by by four per cent. The minister said the talks would go on.\n"


def test_a_result_holds_its_scores_as_plain_fields() -> None:
    names = {f.name for f in dataclasses.fields(FileResult)}
    assert {"stats", "quality", "readability", "paragraph_readability"} <= names
    assert not any(
        isinstance(getattr(FileResult, n, None), property | functools.cached_property)
        for n in ("stats", "quality", "readability", "paragraph_readability")
    )


def test_the_checker_scores_what_it_is_asked_for() -> None:
    quality_only = Checker(needs=Needs()).check_text(TEXT)
    assert quality_only.quality is not None and quality_only.readability is None
    assert quality_only.paragraph_readability == []
    full = Checker(needs=Needs(readability=True, paragraphs=True)).check_text(TEXT)
    assert full.quality == quality_only.quality
    assert full.readability is not None and len(full.paragraph_readability) == 1


def test_the_api_scores_the_document_by_default_and_the_stage_adds_the_rest() -> None:
    result = check_text(TEXT)
    assert result.quality is not None and result.readability is not None
    assert result.paragraph_readability == []
    assert score(result, Needs(paragraphs=True)) is result
    assert [block for block, _ in result.paragraph_readability] == [0]


def test_stats_are_counted_by_the_checker() -> None:
    assert Checker(needs=Needs()).check_text(TEXT).stats == {
        "words": 15,
        "sentences": 2,
        "paragraphs": 1,
    }


def _gc_probe(seen: list[bool]) -> Engine:
    def check(doc: Document, ctx: Context) -> Iterator[Match]:
        seen.append(gc.isenabled())
        return iter(())

    return Engine(Settings(), {"demo.probe": define("demo.probe", "info", check, "Probe.")})


@pytest.mark.parametrize("enabled", [True, False])
def test_a_check_leaves_the_garbage_collector_as_it_found_it(enabled: bool) -> None:
    seen: list[bool] = []
    engine = _gc_probe(seen)
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        engine.check(Document.from_text(TEXT))
        check_text(TEXT)
        assert seen == [enabled] and gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


def test_the_cli_pauses_the_collector_for_a_check_and_restores_it() -> None:
    was = gc.isenabled()
    try:
        gc.enable()
        with collector_paused():
            assert not gc.isenabled()
        assert gc.isenabled()
        gc.disable()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable() if was else gc.disable()
