"""`redactor bucket init|check` and `redactor purge` against real servers on 127.0.0.1, and lifecycle
rules that SeaweedFS really executes: only the objects of the expired retention class disappear."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from botocore.exceptions import ClientError
from typer.testing import CliRunner

from redactor.cli import app
from redactor.config import Config
from redactor.store.backend import LocalStore
from redactor.store.bucket import HYGIENE_RULE, BucketError, BucketPolicy, check_bucket, init_bucket
from redactor.store.purge import purge
from redactor.store.retention import RETENTION_CLASSES, Retention
from redactor.store.s3 import S3Store

runner = CliRunner()


def _cli(*args: str):
    return runner.invoke(app, list(args))


def _status(report) -> dict[str, str]:
    return {i.name: i.status for i in report.items}


# ---- the policy as data ------------------------------------------------------------------------


def test_one_lifecycle_rule_per_retention_class_filtered_on_the_class_tag(config):
    policy = BucketPolicy.from_config(config)
    rules = {r["ID"]: r for r in policy.lifecycle_rules()}
    for name in RETENTION_CLASSES:
        rule = rules[f"redactor-expire-{name}"]
        assert rule["Filter"] == {"Tag": {"Key": "retention-class", "Value": name}}
        assert rule["Expiration"] == {"Days": config.section("retention")[name]}
    hygiene = rules[HYGIENE_RULE]
    assert hygiene["NoncurrentVersionExpiration"]["NoncurrentDays"] == 1
    assert hygiene["Expiration"] == {"ExpiredObjectDeleteMarker": True}


def test_policy_rejects_unusable_retention(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text("[retention]\nquarantine = 0\n")
    with pytest.raises(BucketError, match="at least 1 day"):
        BucketPolicy.from_config(Config.load(path))


# ---- SeaweedFS ---------------------------------------------------------------------------------


@pytest.mark.s3
def test_init_configures_the_bucket_and_is_idempotent(s3_env, s3_config):
    bucket = f"init-{datetime.now().strftime('%H%M%S%f')}"
    first = init_bucket(bucket, s3_config)
    status = _status(first)
    assert first.compliant and first.changed
    assert status["region"] == "created"
    assert status["default-encryption"] == "changed"
    assert status["public-access-block"] == "unsupported"  # SeaweedFS: NotImplemented, reported
    assert status["object-lock"] == "ok" and status["versioning"] == "ok"
    assert all(status[f"lifecycle redactor-expire-{c}"] == "changed" for c in RETENTION_CLASSES)

    second = init_bucket(bucket, s3_config)
    assert second.compliant and not second.changed
    assert "nothing to change" in second.text("init")

    c = s3_env.client()
    assert (
        c.get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"]["Rules"][0][
            "ApplyServerSideEncryptionByDefault"
        ]["SSEAlgorithm"]
        == "AES256"
    )
    assert len(c.get_bucket_lifecycle_configuration(Bucket=bucket)["Rules"]) == len(RETENTION_CLASSES) + 1


@pytest.mark.s3
def test_cli_init_then_check(s3_env, s3_config):
    bucket = s3_env.make_bucket("cli")
    before = _cli("bucket", "check", f"s3://{bucket}", "--config", s3_config.source, "--json")
    assert before.exit_code == 1
    report = json.loads(before.stdout)
    assert not report["compliant"]
    assert {i["name"]: i["status"] for i in report["items"]}["lifecycle redactor-expire-quarantine"] == "missing"

    done = _cli("bucket", "init", f"s3://{bucket}", "--config", s3_config.source)
    assert done.exit_code == 0, done.output
    assert "unsupported" in done.stdout and "public-access-block" in done.stdout
    again = _cli("bucket", "init", f"s3://{bucket}", "--config", s3_config.source)
    assert again.exit_code == 0 and "nothing to change" in again.stdout

    after = _cli("bucket", "check", f"s3://{bucket}/lake", "--config", s3_config.source)
    assert after.exit_code == 0, after.output
    assert "meets the policy" in after.stdout


@pytest.mark.s3
def test_check_a_missing_bucket_and_an_unknown_region(s3_env, s3_config):
    missing = _cli("bucket", "check", "s3://no-such-bucket-here", "--config", s3_config.source)
    assert missing.exit_code == 1 and "does not exist" in missing.stdout
    bucket = s3_env.make_bucket()
    refused = _cli("bucket", "init", f"s3://{bucket}")  # defaults: an unreported region is not enough
    assert refused.exit_code == 1 and "no region" in refused.stdout
    with pytest.raises(ClientError):
        s3_env.client().get_bucket_lifecycle_configuration(Bucket=bucket)  # nothing was configured


@pytest.mark.s3
def test_init_keeps_foreign_rules_and_follows_retention_changes(s3_env, s3_config, tmp_path):
    bucket = s3_env.make_bucket()
    c = s3_env.client()
    foreign = {"ID": "ops-tmp-cleanup", "Status": "Enabled", "Filter": {"Prefix": "tmp/"}, "Expiration": {"Days": 3}}
    c.put_bucket_lifecycle_configuration(Bucket=bucket, LifecycleConfiguration={"Rules": [foreign]})
    assert init_bucket(bucket, s3_config).compliant

    path = tmp_path / "shorter.toml"
    path.write_text("[store]\nallow_unknown_region = true\n[retention]\nquarantine = 7\n")
    shorter = Config.load(path)
    check = check_bucket(bucket, shorter)
    assert not check.compliant
    assert _status(check)["lifecycle redactor-expire-quarantine"] == "wrong"
    report = init_bucket(bucket, shorter)
    assert report.compliant and _status(report)["lifecycle redactor-expire-quarantine"] == "changed"
    assert any("ops-tmp-cleanup" in n for n in report.notes)
    rules = {r["ID"]: r for r in c.get_bucket_lifecycle_configuration(Bucket=bucket)["Rules"]}
    assert rules["redactor-expire-quarantine"]["Expiration"]["Days"] == 7
    assert rules["ops-tmp-cleanup"]["Filter"] == {"Prefix": "tmp/"}


@pytest.mark.s3
def test_versioned_bucket_needs_noncurrent_expiry(s3_env, s3_config):
    bucket = s3_env.make_bucket()
    c = s3_env.client()
    c.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    assert init_bucket(bucket, s3_config).compliant
    rules = [r for r in c.get_bucket_lifecycle_configuration(Bucket=bucket)["Rules"] if r["ID"] != HYGIENE_RULE]
    c.put_bucket_lifecycle_configuration(Bucket=bucket, LifecycleConfiguration={"Rules": rules})
    status = _status(check_bucket(bucket, s3_config))
    assert status["versioning"] == "wrong" and status[f"lifecycle {HYGIENE_RULE}"] == "missing"


@pytest.mark.s3
def test_object_lock_is_reported_as_incompatible_with_erasure(s3_env, s3_config):
    bucket = f"locked-{datetime.now().strftime('%H%M%S%f')}"
    s3_env.client().create_bucket(Bucket=bucket, ObjectLockEnabledForBucket=True)
    status = _status(check_bucket(bucket, s3_config))
    assert status["object-lock"] in ("wrong", "unsupported")
    if status["object-lock"] == "wrong":
        assert not check_bucket(bucket, s3_config).compliant


@pytest.mark.s3
@pytest.mark.slow
def test_lifecycle_really_expires_by_class_tag(s3_env, s3_config):
    """Write objects of every class, let SeaweedFS run the rules `bucket init` made (nothing is due),
    then make one class's rule due and run again: exactly that class's objects disappear."""
    bucket = s3_env.make_bucket("lifecycle")
    assert init_bucket(bucket, s3_config).compliant
    store = S3Store(bucket, "lake/", client=s3_env.client(), allow_unknown_region=True)
    retention = Retention(dict(s3_config.section("retention")), "test")
    for cls in RETENTION_CLASSES:
        for i in range(3):
            store.put(f"{cls}/obj-{i}.json", b"{}", retention.tags(cls, "test"))
    everything = s3_env.all_keys(bucket)
    assert len(everything) == 3 * len(RETENTION_CLASSES)

    s3_env.run_lifecycle()
    assert s3_env.all_keys(bucket) == everything  # fresh objects: no rule is due yet

    c = s3_env.client()
    rules = c.get_bucket_lifecycle_configuration(Bucket=bucket)["Rules"]
    for rule in rules:
        if rule["ID"] == "redactor-expire-quarantine":
            # Stand-in for "30 days have passed": S3 has no 0-day rule and we cannot age objects,
            # so the same tag filter gets an expiration date in the past.
            rule["Expiration"] = {"Date": datetime(2020, 1, 1, tzinfo=UTC)}
    c.put_bucket_lifecycle_configuration(Bucket=bucket, LifecycleConfiguration={"Rules": rules})
    assert _status(check_bucket(bucket, s3_config))["lifecycle redactor-expire-quarantine"] == "wrong"

    s3_env.run_lifecycle()
    left = s3_env.all_keys(bucket)
    assert left == [k for k in everything if not k.startswith("lake/quarantine/")]
    assert len(left) == 3 * (len(RETENTION_CLASSES) - 1)

    report = init_bucket(bucket, s3_config)  # and init puts the real rule back
    assert report.compliant and _status(report)["lifecycle redactor-expire-quarantine"] == "changed"


# ---- moto: public access block and SSE-KMS where the server has them, reported regions -------------


@pytest.mark.s3
def test_init_on_a_server_with_public_access_block_and_kms(moto_s3, tmp_path, monkeypatch):
    moto_s3.setenv(monkeypatch)
    bucket = moto_s3.make_bucket("kms", region="eu-central-1")
    key_id = moto_s3.client("kms").create_key()["KeyMetadata"]["KeyId"]
    path = tmp_path / "kms.toml"
    path.write_text(f'[store]\nsse = "aws:kms"\nkms_key_id = "{key_id}"\n')
    cfg = Config.load(path)
    report = init_bucket(bucket, cfg)
    status = _status(report)
    assert report.compliant, report.text("init")
    assert status["region"] == "ok" and "Frankfurt" in next(i.detail for i in report.items if i.name == "region")
    assert status["public-access-block"] == "changed"
    assert status["default-encryption"] == "changed"
    assert not init_bucket(bucket, cfg).changed
    pab = moto_s3.client().get_public_access_block(Bucket=bucket)["PublicAccessBlockConfiguration"]
    assert all(pab.values())

    store = S3Store(bucket, "", client=moto_s3.client(), sse="aws:kms", kms_key_id=key_id)
    store.put("a.json", b"{}", {"retention-class": "audit"})
    assert moto_s3.client().head_object(Bucket=bucket, Key="a.json")["ServerSideEncryption"] == "aws:kms"


@pytest.mark.s3
def test_init_refuses_a_bucket_outside_the_eu_and_configures_nothing(moto_s3, monkeypatch):
    moto_s3.setenv(monkeypatch)
    bucket = moto_s3.make_bucket("london", region="eu-west-2")
    done = _cli("bucket", "init", f"s3://{bucket}", "--json")
    assert done.exit_code == 1
    report = json.loads(done.stdout)
    assert report["items"][0]["status"] == "error" and "Brexit" in report["items"][0]["detail"]
    assert len(report["items"]) == 1
    with pytest.raises(ClientError):
        moto_s3.client().get_bucket_lifecycle_configuration(Bucket=bucket)


@pytest.mark.s3
def test_init_will_not_create_a_bucket_outside_the_eu(moto_s3, monkeypatch):
    moto_s3.setenv(monkeypatch)
    monkeypatch.setenv("AWS_REGION", "us-east-2")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-2")
    done = _cli("bucket", "init", "s3://would-be-in-ohio")
    assert done.exit_code == 1 and "will not create" in done.stderr
    assert "would-be-in-ohio" not in [b["Name"] for b in moto_s3.client().list_buckets()["Buckets"]]


# ---- purge ---------------------------------------------------------------------------------------


def _write_classes(store, retention: Retention, written_on: date) -> None:
    for cls in RETENTION_CLASSES:
        store.put(f"{cls}/a.json", b"{}", retention.tags(cls, "test", today=written_on))


def test_purge_local_store_deletes_only_expired_objects(tmp_path, config):
    store = LocalStore(tmp_path / "lake")
    retention = Retention(dict(config.section("retention")), "test")
    today = date.today()
    # Written 31 days ago: raw-landing and quarantine (30 days) have passed, the others have not.
    _write_classes(store, retention, today - timedelta(days=31))
    (tmp_path / "lake" / "stray.txt").write_text("no tags")  # a file nobody tagged is never deleted blindly

    dry = _cli("purge", "--store", str(tmp_path / "lake"), "--dry-run", "--json")
    assert dry.exit_code == 0, dry.output
    planned = json.loads(dry.stdout)
    assert sorted(d["key"] for d in planned["deleted"]) == ["quarantine/a.json", "raw-landing/a.json"]
    assert planned["untagged"] == ["stray.txt"] and planned["dry_run"]
    assert store.exists("quarantine/a.json")

    done = _cli("purge", "--store", str(tmp_path / "lake"))
    assert done.exit_code == 0, done.output
    assert "deleted quarantine/a.json (quarantine, expired" in done.stdout
    assert sorted(o.key for o in store.list()) == ["audit/a.json", "stray.txt", "transcript-redacted/a.json"]
    assert not (tmp_path / "lake" / "quarantine" / ".a.json.tags.json").exists()  # sidecar gone too

    # Kept through the expires-on day, deleted the day after.
    on_the_day = purge(store, as_of=today - timedelta(days=31) + timedelta(days=730))
    assert on_the_day.deleted == []
    after = purge(store, as_of=today - timedelta(days=31) + timedelta(days=731))
    assert [d["key"] for d in after.deleted] == ["transcript-redacted/a.json"]


@pytest.mark.s3
def test_purge_s3_store(s3_env, s3_config):
    bucket = s3_env.make_bucket("purge")
    store = S3Store(bucket, "lake/", client=s3_env.client(), allow_unknown_region=True)
    retention = Retention(dict(s3_config.section("retention")), "test")
    _write_classes(store, retention, date.today() - timedelta(days=31))
    s3_env.client().put_object(Bucket=bucket, Key="lake/untagged.json", Body=b"{}")

    done = _cli("purge", "--store", f"s3://{bucket}/lake", "--config", s3_config.source, "--json")
    assert done.exit_code == 0, done.output
    report = json.loads(done.stdout)
    assert sorted(d["key"] for d in report["deleted"]) == ["quarantine/a.json", "raw-landing/a.json"]
    assert report["untagged"] == ["untagged.json"] and report["kept"] == 2
    assert s3_env.all_keys(bucket) == ["lake/audit/a.json", "lake/transcript-redacted/a.json", "lake/untagged.json"]
