"""S3Store against real servers on 127.0.0.1: SeaweedFS (tags, SSE, versioning, faults) and moto
(reported regions, SSE-KMS). Round trip: ingest into the bucket, read back with pyarrow and DuckDB."""

from __future__ import annotations

import io
import json

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from redactor.store import StoreError, open_store, open_store_from_config
from redactor.store.regions import (
    EU_EEA_REGIONS,
    RegionError,
    location_to_region,
    require_eu_eea,
)
from redactor.store.s3 import S3Store, parse_s3_uri
from tests.conftest import SAMPLES

TAGS = {
    "retention-class": "quarantine",
    "expires-on": "2030-01-01",
    "pipeline-version": "0.1.0+m+cfg.1",
    "dataset": "calls",
}


# ---- regions: no server needed ------------------------------------------------------------


def test_eu_eea_list_is_deliberate():
    assert {"eu-north-1", "eu-central-1", "eu-west-1", "eu-west-3", "eu-south-1", "eu-south-2"} <= set(EU_EEA_REGIONS)
    assert "eu-west-2" not in EU_EEA_REGIONS  # London: not EU/EEA since Brexit
    assert "eu-central-2" not in EU_EEA_REGIONS  # Zurich: Switzerland is not in the EU/EEA
    assert all(not r.startswith(("us-", "ap-", "me-", "il-", "ca-", "sa-", "af-")) for r in EU_EEA_REGIONS)


def test_location_semantics():
    assert location_to_region(None, endpoint_is_aws=True) == "us-east-1"  # AWS: null means us-east-1
    assert location_to_region("", endpoint_is_aws=True) == "us-east-1"
    assert location_to_region(None, endpoint_is_aws=False) is None  # other servers: unknown
    assert location_to_region("EU", endpoint_is_aws=True) == "eu-west-1"
    assert location_to_region("eu-north-1", endpoint_is_aws=False) == "eu-north-1"


def test_region_guard_messages():
    assert "Stockholm" in require_eu_eea("b", "eu-north-1")
    with pytest.raises(RegionError, match="Brexit"):
        require_eu_eea("b", "eu-west-2")
    with pytest.raises(RegionError, match="no region"):
        require_eu_eea("b", None)
    assert "unknown" in require_eu_eea("b", None, allow_unknown_region=True)
    with pytest.raises(RegionError):  # the escape hatch never admits a reported non-EU region
        require_eu_eea("b", "us-east-1", allow_unknown_region=True)


def test_uri_parsing():
    assert parse_s3_uri("s3://bucket") == ("bucket", "")
    assert parse_s3_uri("s3://bucket/a/b/") == ("bucket", "a/b/")
    with pytest.raises(StoreError):
        parse_s3_uri("s3:///prefix")
    with pytest.raises(StoreError, match="unknown"):
        S3Store.from_uri("s3://bucket", colour="blue")


# ---- SeaweedFS -----------------------------------------------------------------------------


def _store(server, bucket: str, prefix: str = "lake", **options) -> S3Store:
    options.setdefault("allow_unknown_region", True)
    return S3Store(bucket, prefix + "/" if prefix else "", client=server.client(), **options)


@pytest.mark.s3
def test_put_writes_tags_and_encryption_in_the_same_request(s3_server):
    bucket = s3_server.make_bucket()
    store = _store(s3_server, bucket)
    store.put("calls/call_date=2026-01-02/part-1.parquet", b"PAR1data", TAGS)

    c = s3_server.client()
    head = c.head_object(Bucket=bucket, Key="lake/calls/call_date=2026-01-02/part-1.parquet")
    assert head["ServerSideEncryption"] == "AES256"
    assert head["TagCount"] == 4
    assert store.tags("calls/call_date=2026-01-02/part-1.parquet") == TAGS
    assert store.get("calls/call_date=2026-01-02/part-1.parquet") == b"PAR1data"
    assert store.exists("calls/call_date=2026-01-02/part-1.parquet")
    assert not store.exists("calls/nope.parquet")
    assert [(o.key, o.size) for o in store.list("calls/")] == [("calls/call_date=2026-01-02/part-1.parquet", 8)]
    assert store.local_path("calls/x.parquet") == f"s3://{bucket}/lake/calls/x.parquet"
    store.delete("calls/call_date=2026-01-02/part-1.parquet")
    assert s3_server.all_keys(bucket) == []
    with pytest.raises(StoreError, match="no such object"):
        store.get("calls/call_date=2026-01-02/part-1.parquet")


@pytest.mark.s3
def test_unknown_region_is_refused_unless_allowed_and_nothing_is_written(s3_server):
    bucket = s3_server.make_bucket()
    store = _store(s3_server, bucket, allow_unknown_region=False)
    with pytest.raises(StoreError, match="no region") as info:
        store.put("calls/a.parquet", b"x", TAGS)
    assert bucket in str(info.value)
    assert s3_server.all_keys(bucket) == []


@pytest.mark.s3
def test_bad_tags_and_keys_are_refused_before_any_request(s3_server):
    bucket = s3_server.make_bucket()
    store = _store(s3_server, bucket)
    with pytest.raises(StoreError, match="characters"):
        store.put("a.json", b"x", {"dataset": "calls;drop"})
    with pytest.raises(StoreError, match="too many"):
        store.put("a.json", b"x", {f"k{i}": "v" for i in range(11)})
    with pytest.raises(StoreError, match="invalid object key"):
        store.put("../a.json", b"x", TAGS)
    assert s3_server.all_keys(bucket) == []


@pytest.mark.s3
def test_wrong_credentials_fail_with_a_clear_message(s3_server):
    import boto3

    bucket = s3_server.make_bucket()
    bad = boto3.client(
        "s3",
        endpoint_url=s3_server.endpoint_url,
        region_name="eu-north-1",
        aws_access_key_id="nobody",
        aws_secret_access_key="wrong",
    )
    store = S3Store(bucket, "", client=bad, allow_unknown_region=True)
    with pytest.raises(StoreError) as info:
        store.put("a.json", b"x", TAGS)
    msg = str(info.value)
    assert s3_server.endpoint_url in msg and bucket in msg
    assert s3_server.all_keys(bucket) == []


@pytest.mark.s3
def test_delete_on_a_versioned_bucket_erases_every_version(s3_server):
    bucket = s3_server.make_bucket()
    c = s3_server.client()
    c.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    store = _store(s3_server, bucket, prefix="")
    store.put("calls/a.parquet", b"one", TAGS)
    store.put("calls/a.parquet", b"two", TAGS)  # overwrite leaves a noncurrent version
    store.delete("calls/a.parquet")
    versions = c.list_object_versions(Bucket=bucket)
    assert not versions.get("Versions") and not versions.get("DeleteMarkers")


@pytest.mark.s3
def test_open_store_from_config_passes_store_options(s3_env, s3_config):
    bucket = s3_env.make_bucket()
    store = open_store_from_config(s3_config.section("store"), f"s3://{bucket}/lake")
    assert isinstance(store, S3Store) and store.allow_unknown_region and store.sse == "AES256"
    store.put("x.json", b"{}", TAGS)
    assert s3_env.all_keys(bucket) == ["lake/x.json"]
    # A plain open_store with no options keeps the safe default: unknown region refused.
    with pytest.raises(StoreError, match="no region"):
        open_store(f"s3://{bucket}/lake").put("y.json", b"{}", TAGS)


# ---- moto: reported regions and SSE-KMS --------------------------------------------------------


@pytest.mark.s3
@pytest.mark.parametrize("region", ["us-west-2", "eu-west-2", "eu-central-2", "ap-northeast-1"])
def test_bucket_outside_the_eu_is_refused_with_nothing_written(moto_s3, region):
    bucket = moto_s3.make_bucket("outside", region=region)
    for allow in (False, True):  # allow_unknown_region never admits a reported region
        store = S3Store(bucket, "lake/", client=moto_s3.client(), allow_unknown_region=allow)
        with pytest.raises(StoreError, match="refusing to write") as info:
            store.put("calls/a.parquet", b"x", TAGS)
        assert bucket in str(info.value) and region in str(info.value)
    assert moto_s3.all_keys(bucket) == []


@pytest.mark.s3
def test_bucket_with_a_null_location_is_refused(moto_s3):
    # moto, like AWS, answers null for us-east-1. Off AWS a null location is "unknown" and refused
    # by default; on an AWS endpoint it is us-east-1 and refused whatever the config says.
    bucket = moto_s3.make_bucket("nullloc", region="us-east-1")
    store = S3Store(bucket, "", client=moto_s3.client())
    with pytest.raises(StoreError, match="no region"):
        store.put("calls/a.parquet", b"x", TAGS)
    assert moto_s3.all_keys(bucket) == []


def test_null_location_on_an_aws_endpoint_is_us_east_1(monkeypatch):
    import os

    import boto3

    from redactor.store.s3 import endpoint_is_aws

    for name in ("AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3", "AWS_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", os.devnull)

    aws = boto3.client("s3", region_name="eu-north-1", aws_access_key_id="x", aws_secret_access_key="y")
    assert endpoint_is_aws(aws)
    local = boto3.client(
        "s3",
        region_name="eu-north-1",
        endpoint_url="http://127.0.0.1:1",
        aws_access_key_id="x",
        aws_secret_access_key="y",
    )
    assert not endpoint_is_aws(local)


@pytest.mark.s3
def test_bucket_in_the_eu_is_accepted_and_sse_kms_uses_the_configured_key(moto_s3):
    bucket = moto_s3.make_bucket("inside", region="eu-north-1")
    key_id = moto_s3.client("kms").create_key(Description="redactor test key")["KeyMetadata"]["KeyId"]
    store = S3Store(bucket, "", client=moto_s3.client(), sse="aws:kms", kms_key_id=key_id)
    store.put("calls/a.parquet", b"x", TAGS)
    assert "eu-north-1" in store.region_description
    head = moto_s3.client().head_object(Bucket=bucket, Key="calls/a.parquet")
    assert head["ServerSideEncryption"] == "aws:kms"
    assert key_id in head["SSEKMSKeyId"]
    assert store.tags("calls/a.parquet") == TAGS


def test_sse_kms_without_a_key_is_a_config_error():
    with pytest.raises(StoreError, match="kms_key_id"):
        S3Store("bucket", "", sse="aws:kms")
    with pytest.raises(StoreError, match="sse must be"):
        S3Store("bucket", "", sse="none")


# ---- round trip: ingest into the bucket, read back from the bucket ----------------------------


@pytest.mark.s3
@pytest.mark.slow
def test_ingest_round_trip_into_the_bucket(s3_env, s3_config, pipeline, tmp_path):
    import pyarrow.fs as pafs

    from redactor.jobs.ingest import run_ingest
    from redactor.store.bucket import init_bucket
    from redactor.store.duckdb_s3 import connect_s3

    bucket = s3_env.make_bucket("lake")
    report = init_bucket(bucket, s3_config)
    assert report.compliant, report.text("init")

    summary = run_ingest([str(SAMPLES)], s3_config, f"s3://{bucket}/lake", pipeline)
    assert summary.calls_written >= 6 and summary.quarantined == 0

    c = s3_env.client()
    keys = s3_env.all_keys(bucket)
    assert keys and all(k.startswith("lake/") for k in keys)
    for key in keys:  # every object: tags and SSE
        head = c.head_object(Bucket=bucket, Key=key)
        assert head["ServerSideEncryption"] == "AES256", key
        tags = {t["Key"]: t["Value"] for t in c.get_object_tagging(Bucket=bucket, Key=key)["TagSet"]}
        assert set(tags) == {"retention-class", "expires-on", "pipeline-version", "dataset"}, key
        assert tags["retention-class"] == "transcript-redacted" and tags["pipeline-version"] == pipeline.version

    # pyarrow, straight from the bucket.
    fs = pafs.S3FileSystem(
        access_key=s3_env.access_key,
        secret_key=s3_env.secret_key,
        region=s3_env.region,
        endpoint_override=s3_env.endpoint_url.split("://")[1],
        scheme="http",
    )
    calls = pq.read_table(f"{bucket}/lake/calls", filesystem=fs)
    assert calls.num_rows == summary.calls_written
    one = pq.read_table(
        io.BytesIO(c.get_object(Bucket=bucket, Key=next(k for k in keys if "/calls/" in k))["Body"].read())
    )
    assert one.schema.metadata[b"redactor.retention-class"] == b"transcript-redacted"

    # DuckDB with httpfs from the wheel, autoinstall/autoload off, credentials from the environment.
    con = connect_s3(bucket)
    assert con.execute("select current_setting('autoinstall_known_extensions')").fetchone()[0] is False
    n_calls, n_days = con.execute(
        f"select count(*), count(distinct call_date) from read_parquet('s3://{bucket}/lake/calls/**/*.parquet', "
        "hive_partitioning=true)"
    ).fetchone()
    assert n_calls == summary.calls_written and n_days >= 1
    n_segments = con.execute(
        f"select count(*) from read_parquet('s3://{bucket}/lake/segments/**/*.parquet')"
    ).fetchone()[0]
    assert n_segments > n_calls

    # The bucket still has its lifecycle rules, one per retention class.
    rules = {r["ID"]: r for r in c.get_bucket_lifecycle_configuration(Bucket=bucket)["Rules"]}
    for name, days in s3_config.section("retention").items():
        rule = rules[f"redactor-expire-{name}"]
        assert rule["Filter"] == {"Tag": {"Key": "retention-class", "Value": name}}
        assert rule["Expiration"]["Days"] == days


@pytest.mark.s3
@pytest.mark.slow
def test_cli_ingest_into_s3(s3_env, s3_config, tmp_path):
    from redactor.cli import app

    bucket = s3_env.make_bucket("cli")
    done = CliRunner().invoke(
        app,
        [
            "ingest",
            str(SAMPLES / "segmented_calls.jsonl"),
            "--store",
            f"s3://{bucket}/lake",
            "--config",
            s3_config.source,
            "--no-progress",
        ],
    )
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout.strip().splitlines()[-1])["calls_written"] >= 1
    assert any(k.startswith("lake/calls/") for k in s3_env.all_keys(bucket))


# ---- faults: the server goes away in the middle of an ingest -----------------------------------


@pytest.mark.s3
@pytest.mark.slow
def test_server_crash_mid_ingest_loses_nothing_and_a_rerun_completes(tmp_path, monkeypatch, detector):
    """Own server (the session one must stay up): SIGKILL it between two PutObjects of one batch,
    after the batch's `calls` file and before its `segments` file. The run fails with one clear
    line; after a restart every object present is whole, tagged and encrypted, and a re-run
    leaves every call in the lake exactly once."""
    from redactor.cli import app
    from redactor.config import Config
    from redactor.pipeline import Pipeline
    from redactor.store.duckdb_s3 import connect_s3
    from redactor.store.lake import Lake
    from redactor.store.retention import Retention
    from tests.s3support import start_seaweedfs

    server = start_seaweedfs(tmp_path / "seaweedfs")
    try:
        server.setenv(monkeypatch)
        bucket = server.make_bucket("fault")
        cfg_path = tmp_path / "fault.toml"
        # One call per batch: many small writes, so the crash lands mid-run.
        cfg_path.write_text("[store]\nallow_unknown_region = true\n[ingest]\nbatch_size = 1\n")
        cfg = Config.load(cfg_path)
        pipeline = Pipeline(cfg, detector=detector)
        monkeypatch.setattr("redactor.pipeline.Pipeline", lambda config: pipeline)  # reuse the loaded model

        segment_puts = {"n": 0}
        real_put = S3Store.put

        def crashing_put(self, key, data, tags):
            if key.startswith("segments/"):
                segment_puts["n"] += 1
                if segment_puts["n"] == 2:  # the 2nd batch: its calls file is written, this one is not
                    server.stop(kill=True)
            return real_put(self, key, data, tags)

        monkeypatch.setattr(S3Store, "put", crashing_put)
        uri = f"s3://{bucket}/lake"
        args = ["ingest", str(SAMPLES), "--store", uri, "--config", str(cfg_path), "--no-progress"]
        failed = CliRunner().invoke(app, args)
        assert failed.exit_code != 0, failed.output
        # stderr: JSON log lines (issue 6), then one plain line with the error; stdout: the run report.
        *log_lines, message = failed.stderr.strip().splitlines()
        assert all(json.loads(line)["level"] for line in log_lines)
        assert message.startswith("error: "), message
        assert f"s3://{bucket}/lake/segments/" in message and server.endpoint_url in message, message
        assert "could not connect" in message
        assert "Traceback" not in failed.output and json.loads(failed.stdout)["status"] == "failed"

        server.start()
        c = server.client()
        partial = server.all_keys(bucket)
        assert any(k.startswith("lake/calls/") for k in partial)
        for key in partial:  # nothing half-written, untagged or unencrypted
            assert c.head_object(Bucket=bucket, Key=key)["ServerSideEncryption"] == "AES256", key
            tags = {t["Key"]: t["Value"] for t in c.get_object_tagging(Bucket=bucket, Key=key)["TagSet"]}
            assert {"retention-class", "expires-on"} <= set(tags), key
            if key.endswith(".parquet"):
                pq.read_table(io.BytesIO(c.get_object(Bucket=bucket, Key=key)["Body"].read()))

        monkeypatch.setattr(S3Store, "put", real_put)
        rerun = CliRunner().invoke(app, args)
        assert rerun.exit_code == 0, rerun.output
        summary = json.loads(rerun.stdout.strip().splitlines()[-1])
        assert summary["calls_written"] == summary["calls_read"] >= 6

        # Readers learn the committed files from the lake (a crashed run may leave orphans).
        store = S3Store(bucket, "lake/", client=c, allow_unknown_region=True)
        lake = Lake(store, Retention(dict(cfg.section("retention")), pipeline.version))
        files = {t: [store.local_path(k) for k in lake.live_files(t)] for t in ("calls", "segments")}
        con = connect_s3(bucket)
        rows, distinct = con.execute(
            "select count(*), count(distinct call_id) from read_parquet($1)", [files["calls"]]
        ).fetchone()
        assert rows == distinct == summary["calls_written"]  # every call, once
        seg_calls = con.execute("select count(distinct call_id) from read_parquet($1)", [files["segments"]]).fetchone()[
            0
        ]
        assert seg_calls == summary["calls_written"]  # the call whose segments were lost has them now
    finally:
        server.stop()
