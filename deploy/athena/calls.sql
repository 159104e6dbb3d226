-- Amazon Athena external table `redacted.calls`: one row per redacted call.
-- Same files the pipeline writes (and `redactor query` reads): s3://klang-redacted-eu-north-1/lake/calls/call_date=YYYY-MM-DD/part-*.parquet
-- (zstd Parquet, columns exactly as in redactor/store/tables.py; tests/query/test_query.py checks this file).
-- Partition projection on call_date: Athena computes the day prefixes from the WHERE clause
-- instead of asking Glue for partitions, so no MSCK REPAIR / ADD PARTITION after ingestion, and
-- `WHERE call_date BETWEEN '2026-11-01' AND '2026-11-30'` lists only those days. call_date is a
-- string here (ISO dates compare correctly as strings); in DuckDB it is a DATE.
-- Replace klang-redacted-eu-north-1/lake with your bucket and prefix ([store] uri), in both places,
-- and set the projection range start to the first day of data. Query with a workgroup whose
-- result location is in the same EU region, as the analyst role (deploy/iam/analyst-read-only.json).
CREATE EXTERNAL TABLE IF NOT EXISTS redacted.calls (
  `call_id` string,
  `source_id` string,
  `shape` string,
  `created_at` timestamp,
  `updated_at` timestamp,
  `duration_seconds` double,
  `language` string,
  `status` string,
  `queue` string,
  `direction` string,
  `title` string,
  `digest` string,
  `summary` string,
  `full_text` string,
  `participants` array<string>,
  `metadata` map<string,string>,
  `segment_count` int,
  `finding_count` int,
  `entity_counts` map<string,int>,
  `subject_tokens` array<string>,
  `source_file` string,
  `content_hash` string,
  `pipeline_version` string
)
PARTITIONED BY (`call_date` string)
STORED AS PARQUET
LOCATION 's3://klang-redacted-eu-north-1/lake/calls/'
TBLPROPERTIES (
  'parquet.compression' = 'ZSTD',
  'projection.enabled' = 'true',
  'projection.call_date.type' = 'date',
  'projection.call_date.format' = 'yyyy-MM-dd',
  'projection.call_date.range' = '2024-01-01,NOW',
  'projection.call_date.interval' = '1',
  'projection.call_date.interval.unit' = 'DAYS',
  'storage.location.template' = 's3://klang-redacted-eu-north-1/lake/calls/call_date=${call_date}/'
);
