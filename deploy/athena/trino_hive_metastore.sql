-- Trino (Hive connector) over the same layout, for a Hive metastore without Athena's projection.
-- With AWS Glue as metastore, prefer the Athena DDL beside this file: Trino's Hive connector
-- reads Athena's partition-projection properties when the catalog sets
-- hive.partition-projection-enabled=true, and no partition needs registering.
-- Here instead, register new days after each ingestion run:
--   CALL hive.system.sync_partition_metadata('redacted', 'calls', 'ADD');   (likewise segments, findings)
-- Replace s3://klang-redacted-eu-north-1/lake with your bucket and prefix ([store] uri).
-- Read-only for analysts: grant SELECT only (see deploy/iam/ for the S3 side).

-- calls: one row per redacted call.
CREATE TABLE IF NOT EXISTS hive.redacted.calls (
  "call_id" varchar,
  "source_id" varchar,
  "shape" varchar,
  "created_at" timestamp(3),
  "updated_at" timestamp(3),
  "duration_seconds" double,
  "language" varchar,
  "status" varchar,
  "queue" varchar,
  "direction" varchar,
  "title" varchar,
  "digest" varchar,
  "summary" varchar,
  "full_text" varchar,
  "participants" array(varchar),
  "metadata" map(varchar, varchar),
  "segment_count" integer,
  "finding_count" integer,
  "entity_counts" map(varchar, integer),
  "subject_tokens" array(varchar),
  "source_file" varchar,
  "content_hash" varchar,
  "pipeline_version" varchar,
  "call_date" varchar
)
WITH (
  format = 'PARQUET',
  external_location = 's3://klang-redacted-eu-north-1/lake/calls/',
  partitioned_by = ARRAY['call_date']
);

-- segments: one row per transcript turn (redacted text and word timings).
CREATE TABLE IF NOT EXISTS hive.redacted.segments (
  "call_id" varchar,
  "segment_index" integer,
  "speaker" varchar,
  "role" varchar,
  "start_seconds" double,
  "end_seconds" double,
  "text" varchar,
  "words" array(row("text" varchar, "start" double, "end" double, "confidence" double)),
  "pipeline_version" varchar,
  "call_date" varchar
)
WITH (
  format = 'PARQUET',
  external_location = 's3://klang-redacted-eu-north-1/lake/segments/',
  partitioned_by = ARRAY['call_date']
);

-- findings: one row per detected entity: type, field, offsets into the redacted text, score (never the value).
CREATE TABLE IF NOT EXISTS hive.redacted.findings (
  "call_id" varchar,
  "field" varchar,
  "entity_type" varchar,
  "start" integer,
  "end" integer,
  "score" double,
  "recognizer" varchar,
  "audio_start" double,
  "audio_end" double,
  "pipeline_version" varchar,
  "call_date" varchar
)
WITH (
  format = 'PARQUET',
  external_location = 's3://klang-redacted-eu-north-1/lake/findings/',
  partitioned_by = ARRAY['call_date']
);
