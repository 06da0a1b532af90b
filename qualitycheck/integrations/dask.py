"""Check a corpus with Dask, on a laptop or on a cluster: ``check_dataframe`` and ``check_bag``.

>>> import dask.dataframe as dd
>>> from qualitycheck.integrations.dask import check_dataframe
>>> df = dd.read_parquet("corpus/")                        # any Dask dataframe with a text column
>>> scored = check_dataframe(df, text_column="text")       # lazy: one task per partition
>>> scored.to_parquet("scored/")                           # or .compute(), .groupby(...), ...

Both functions work partition by partition (``map_partitions``). Each worker process builds one
``Checker`` the first time it checks something, and keeps it in a module-level cache keyed by the
settings, so rules, packs, the glossary and the shared data load once per worker process, not once
per partition or document. Nothing is imported from Dask or pandas until these functions run.

Columns added to a dataframe (``prefix`` is prepended to every name; a clash with an existing
column is an error):

- ``quality`` (float64): the quality score, 0..100 (NaN when the row could not be checked);
- ``words`` (int64); ``errors``, ``warnings``, ``infos`` (int64): findings by severity;
- ``findings_<category>`` (int64) for every rule category (``findings_case``, ``findings_junk``,
  ...): findings by category;
- ``findings`` (string): the findings as a JSON array of finding objects (docs/output-format.md),
  ``"[]"`` when there are none. A JSON string, not a list column: it stores in Parquet and CSV as
  is, and ``json.loads`` turns it back into the list;
- ``error`` (string): why the row was not checked (the text is null or not a string), else null;
- with ``readability=True``: the seven readability scores (float64) as columns named like the
  keys of the JSON output (``flesch_reading_ease``, ...). They are off by default because they
  cost about half as much again as the checks themselves.

A bag of strings becomes a bag of dicts with the same keys; a bag of dicts (records) keeps every
key of the record and gains these keys (``text_key``, default ``"text"``, names the text field). In a bag,
``findings`` is a list of finding dicts (plain Python objects; ``json.dumps`` them to write JSON).

Workers must have the same qualitycheck version (and the same rule plugins) installed as the
client; glossary and pack files given in the settings must exist at the same paths on the
workers. LanguageTool checks are not available here (each worker would need its own server).
"""

from __future__ import annotations

import json
import math
import pickle
import threading
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import dask.bag as db
    import dask.dataframe as dd
    import pandas as pd

    from qualitycheck.api import Checker, FileResult
    from qualitycheck.config import Settings

_LOCK = threading.Lock()
_CHECKERS: dict[bytes, Checker] = {}
_created = 0


def worker_checker(settings: Settings) -> Checker:
    """This process's ``Checker`` for ``settings``: built on first use, then reused."""
    global _created
    key = pickle.dumps(settings)
    checker = _CHECKERS.get(key)
    if checker is None:
        with _LOCK:
            checker = _CHECKERS.get(key)
            if checker is None:
                from qualitycheck.api import Checker

                checker = _CHECKERS[key] = Checker(settings)
                _created += 1
    return checker


def checkers_created() -> int:
    """How many ``Checker`` objects this process has built (tests run it on every worker)."""
    return _created


def _settings(config: Settings | Mapping[str, Any] | None) -> Settings:
    from qualitycheck.config import Settings, settings_from_mapping

    if config is None:
        settings = Settings()
    elif isinstance(config, Settings):
        settings = config
    else:
        settings = settings_from_mapping(config)
    if settings.languagetool != "off":
        raise ValueError("LanguageTool checks are not available through Dask (languagetool='off')")
    return settings


def _categories(settings: Settings) -> tuple[str, ...]:
    """Rule categories, from a Checker built here: a bad configuration fails now, on the client."""
    return tuple(sorted({r.category for r in worker_checker(settings).engine.rules.values()}))


def _readability_keys() -> tuple[str, ...]:
    import dataclasses

    from qualitycheck.scores.readability import Readability

    return tuple(f.name for f in dataclasses.fields(Readability))


def column_names(categories: Sequence[str], *, readability: bool = False) -> list[str]:
    """The keys each checked row gains, in order (without prefix)."""
    names = ["quality", "words", "errors", "warnings", "infos"]
    names += [f"findings_{c}" for c in categories]
    names += ["findings", "error"]
    if readability:
        names += list(_readability_keys())
    return names


def _row(
    result: FileResult | None,
    categories: Sequence[str],
    *,
    readability: bool,
    error: str | None = None,
) -> dict[str, Any]:
    """One row's values; ``findings`` as a list of dicts (the dataframe encodes it as JSON)."""
    row: dict[str, Any] = dict.fromkeys(column_names(categories, readability=readability))
    if result is None or result.error is not None:
        row.update(quality=math.nan, words=0, errors=0, warnings=0, infos=0, findings=[],
                   error=error or (result.error if result else "not checked"))  # fmt: skip
        row.update({f"findings_{c}": 0 for c in categories})
        if readability:
            row.update(dict.fromkeys(_readability_keys(), math.nan))
        return row
    counts = result.counts()
    row.update(
        quality=result.quality,
        words=result.stats["words"] if result.stats else 0,
        errors=counts["error"],
        warnings=counts["warning"],
        infos=counts["info"],
        findings=[f.to_dict() for f in result.findings],
        error=None,
    )
    for c in categories:
        row[f"findings_{c}"] = 0
    for f in result.findings:
        key = f"findings_{f.category}"
        if key in row:  # a category only a worker knows (a plugin missing on the client)
            row[key] += 1
    if readability:
        scores = result.readability
        values = scores.to_dict() if scores is not None else {}
        row.update({k: values.get(k, math.nan) for k in _readability_keys()})
    return row


def _check_value(
    checker: Checker | None, value: object, fmt: str, categories: Sequence[str], readability: bool
) -> dict[str, Any]:
    if not isinstance(value, str) or checker is None:
        what = "null" if _is_null(value) else f"a {type(value).__name__}"
        return _row(None, categories, readability=readability,
                    error=f"the text is {what}, not a string")  # fmt: skip
    return _row(checker.check_text(value, fmt=fmt), categories, readability=readability)


def _is_null(value: object) -> bool:
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN, pandas.NA
    except TypeError:  # pandas.NA refuses bool()
        return True


# -- dataframes -----------------------------------------------------------------------------------
def check_partition(
    frame: pd.DataFrame,
    text_column: str,
    settings: Settings,
    categories: Sequence[str],
    fmt: str = "text",
    readability: bool = False,
    prefix: str = "",
) -> pd.DataFrame:
    """Check one pandas partition: ``frame`` with the result columns added (index kept).

    What ``check_dataframe`` maps over the partitions; usable on a plain pandas dataframe too."""
    import pandas as pd

    names = column_names(categories, readability=readability)
    columns: dict[str, list[Any]] = {name: [] for name in names}
    checker = worker_checker(settings) if len(frame) else None
    for value in frame[text_column]:
        row = _check_value(checker, value, fmt, categories, readability)
        row["findings"] = json.dumps(row["findings"], ensure_ascii=False)
        for name in names:
            columns[name].append(row[name])
    added = {}
    for name in names:
        if name in ("findings", "error"):
            dtype = "string"
        elif name == "quality" or (readability and name in _readability_keys()):
            dtype = "float64"
        else:
            dtype = "int64"
        added[prefix + name] = pd.Series(columns[name], index=frame.index, dtype=dtype)
    return frame.assign(**added)


def check_dataframe(
    df: dd.DataFrame,
    text_column: str = "text",
    *,
    config: Settings | Mapping[str, Any] | None = None,
    fmt: str = "text",
    readability: bool = False,
    prefix: str = "",
) -> dd.DataFrame:
    """``df`` with quality, count and findings columns added (lazy; see the module docstring).

    ``config`` is a ``Settings`` or a mapping with the keys of ``[tool.qualitycheck]``; ``fmt``
    is how to read the texts (``text``, ``markdown`` or ``html``)."""
    if text_column not in df.columns:
        raise KeyError(f"no column '{text_column}' (columns: {', '.join(map(str, df.columns))})")
    settings = _settings(config)
    categories = _categories(settings)
    clashes = [prefix + n for n in column_names(categories, readability=readability)
               if prefix + n in df.columns]  # fmt: skip
    if clashes:
        raise ValueError(f"columns {clashes} exist already; pass prefix='qc_' (or another)")
    args = (text_column, settings, categories, fmt, readability, prefix)
    meta = check_partition(df._meta, *args)  # empty: builds the output schema, checks nothing
    return df.map_partitions(check_partition, *args, meta=meta)


# -- bags -----------------------------------------------------------------------------------------
def _check_bag_partition(
    items: Iterable[Any],
    text_key: str,
    settings: Settings,
    categories: Sequence[str],
    fmt: str,
    readability: bool,
) -> list[dict[str, Any]]:
    checker: Checker | None = None
    out: list[dict[str, Any]] = []
    for item in items:
        checker = checker or worker_checker(settings)
        if isinstance(item, Mapping):
            value = item.get(text_key)
            row = _check_value(checker, value, fmt, categories, readability)
            if text_key not in item:
                row["error"] = f"no field '{text_key}'"
            out.append({**item, **row})
        else:
            out.append(_check_value(checker, item, fmt, categories, readability))
    return out


def check_bag(
    bag: db.Bag,
    *,
    text_key: str = "text",
    config: Settings | Mapping[str, Any] | None = None,
    fmt: str = "text",
    readability: bool = False,
) -> db.Bag:
    """A bag of result dicts: for a bag of strings, one dict per string; for a bag of records
    (dicts), each record with the result keys added (``text_key`` names the text field; a record
    without it gets an ``error``)."""
    settings = _settings(config)
    categories = _categories(settings)
    return bag.map_partitions(
        _check_bag_partition, text_key, settings, categories, fmt, readability
    )
