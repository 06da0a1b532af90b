"""`qualitycheck.integrations.dask` on a real dask.distributed LocalCluster (2 worker processes)."""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterator
from typing import Any

import pytest

pytest.importorskip("dask.distributed", reason="the Dask integration needs dask[distributed]")
pytest.importorskip("pandas", reason="dataframes need pandas (the dask extra)")

import dask.bag as db
import dask.dataframe as dd
import pandas as pd
from dask.distributed import Client, LocalCluster

from qualitycheck import check_text
from qualitycheck.integrations.dask import (
    check_bag,
    check_dataframe,
    check_partition,
    checkers_created,
    column_names,
)

GARBLED = "The the minister spoke in Lisbon on Tuesday. Prices rose ,. sharply after the vote."
CLEAN = "The minister spoke in Lisbon on Tuesday. Prices rose sharply after the vote."
TEXTS = [GARBLED, CLEAN, "Heavy rain Closed the road In the north on Monday.", CLEAN] * 3


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,  # fmt: skip
        Client(cluster) as c,
    ):
        yield c


@pytest.fixture
def frame() -> pd.DataFrame:
    return pd.DataFrame({"id": range(len(TEXTS)), "text": TEXTS})


def test_dataframe_rows_match_check_text(client: Client, frame: pd.DataFrame) -> None:
    got = check_dataframe(dd.from_pandas(frame, npartitions=4)).compute()
    assert list(got["id"]) == list(frame["id"])
    for text, (_, row) in zip(TEXTS, got.iterrows(), strict=True):
        expected = check_text(text)
        counts = expected.counts()
        assert row["quality"] == expected.quality
        assert row["words"] == expected.stats["words"]
        assert (row["errors"], row["warnings"], row["infos"]) == (
            counts["error"], counts["warning"], counts["info"],
        )  # fmt: skip
        assert json.loads(row["findings"]) == [f.to_dict() for f in expected.findings]
        assert pd.isna(row["error"])
    first = got.iloc[0]
    assert first["findings_structure"] == 1 and first["findings_punctuation"] == 1
    assert first["findings_names"] == 0


def test_runs_in_worker_processes_with_one_checker_each(
    client: Client, frame: pd.DataFrame
) -> None:
    check_dataframe(dd.from_pandas(frame, npartitions=6)).compute()
    check_dataframe(dd.from_pandas(frame, npartitions=6)).compute()  # a second job reuses them
    pids = client.run(os.getpid)
    assert len(set(pids.values())) == 2 and os.getpid() not in pids.values()
    created = client.run(checkers_created)
    assert all(n <= 1 for n in created.values())
    assert sum(created.values()) >= 1


def test_column_types_are_declared_and_kept(client: Client, frame: pd.DataFrame) -> None:
    lazy = check_dataframe(dd.from_pandas(frame, npartitions=2))
    got = lazy.compute()
    assert dict(got.dtypes) == dict(lazy.dtypes)
    assert str(got["quality"].dtype) == "float64"
    assert str(got["errors"].dtype) == "int64"


def test_null_text_row_gets_an_error_not_a_score(client: Client) -> None:
    frame = pd.DataFrame({"text": [CLEAN, None]})
    got = check_dataframe(dd.from_pandas(frame, npartitions=1)).compute()
    assert got.iloc[0]["quality"] == 100.0
    assert math.isnan(got.iloc[1]["quality"])
    assert got.iloc[1]["error"] == "the text is null, not a string"
    assert got.iloc[1]["findings"] == "[]"


def test_readability_columns_on_request(client: Client, frame: pd.DataFrame) -> None:
    got = check_dataframe(dd.from_pandas(frame, npartitions=2), readability=True).compute()
    assert got.iloc[1]["flesch_reading_ease"] == check_text(CLEAN).readability.flesch_reading_ease  # type: ignore[union-attr]
    plain = check_dataframe(dd.from_pandas(frame, npartitions=2))
    assert "flesch_reading_ease" not in plain.columns


def test_column_clash_is_an_error_and_prefix_avoids_it() -> None:
    frame = dd.from_pandas(pd.DataFrame({"text": [CLEAN], "quality": [1.0]}), npartitions=1)
    with pytest.raises(ValueError, match="prefix"):
        check_dataframe(frame)
    scored = check_dataframe(frame, prefix="qc_")
    assert "qc_quality" in scored.columns and "quality" in scored.columns


def test_missing_text_column_and_languagetool_are_errors() -> None:
    frame = dd.from_pandas(pd.DataFrame({"body": [CLEAN]}), npartitions=1)
    with pytest.raises(KeyError, match="no column 'text'"):
        check_dataframe(frame)
    with pytest.raises(ValueError, match="LanguageTool"):
        check_dataframe(frame, "body", config={"languagetool": "auto"})


def test_config_mapping_applies(client: Client, frame: pd.DataFrame) -> None:
    got = check_dataframe(dd.from_pandas(frame, npartitions=2),
                          config={"ignore": ["structure"]}).compute()  # fmt: skip
    assert got["findings_structure"].sum() == 0
    assert got["findings_punctuation"].sum() > 0


def test_bag_of_strings_and_of_records(client: Client) -> None:
    strings = check_bag(db.from_sequence([GARBLED, CLEAN], npartitions=2)).compute()
    assert strings[0]["errors"] == 2 and strings[1]["errors"] == 0
    assert strings[0]["findings"][0]["rule"] == "structure.repeated-word"  # a list of dicts
    recs: list[dict[str, Any]] = [{"id": "a", "body": GARBLED}, {"id": "b", "title": "x"}]
    got = check_bag(db.from_sequence(recs, npartitions=1), text_key="body").compute()
    assert got[0]["id"] == "a" and got[0]["body"] == GARBLED and got[0]["quality"] < 100
    assert got[1]["error"] == "no field 'body'"


def test_check_partition_works_on_plain_pandas(frame: pd.DataFrame) -> None:
    from qualitycheck.config import Settings

    cats = ("case", "junk", "language", "names", "phrasing", "punctuation", "structure")
    got = check_partition(frame, "text", Settings(), cats)
    assert list(got.columns) == ["id", "text", *column_names(cats)]
    assert list(got.index) == list(frame.index)
