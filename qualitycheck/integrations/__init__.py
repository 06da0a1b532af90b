"""Integrations with other tools (each imports its tool lazily: importing qualitycheck never
imports them).

- ``qualitycheck.integrations.dask``: check a Dask bag or dataframe partition by partition, on
  a laptop or a cluster (needs ``dask[dataframe,distributed]``; see docs/corpus.md).
"""
