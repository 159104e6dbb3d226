"""Read-only SQL over the redacted lake for support analysts (issue 7).

`redactor.query.engine.QueryEngine` opens an in-memory DuckDB, defines the views `calls`,
`segments` and `findings` over exactly the Parquet files `Lake.live_files` says are committed,
then switches off every file access except those files and locks the configuration. Analysts'
statements are checked against an allow-list (SELECT, and EXPLAIN of a SELECT) before they run.
Modules import DuckDB lazily so `redactor ingest` does not pay for it.
"""
