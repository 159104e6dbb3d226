"""The EU bucket's policy, behind `redactor bucket init|check` (`redactor.cli.bucket`).

What a compliant bucket has (README "The EU bucket" explains each choice):
- a region in the EU/EEA (`redactor.store.regions`);
- default encryption (SSE-S3, or SSE-KMS with the configured key) on top of per-object SSE;
- public access blocked, where the server implements the API;
- no object lock (a lock would make erasure impossible) and versioning off; if someone turned
  versioning on, noncurrent versions and stale delete markers must expire, or a delete only
  hides data;
- one lifecycle rule per retention class, filtered on the tag `retention-class=<class>`,
  expiring objects the class's number of days after they were written (which is what the
  object's `expires-on` tag says), plus a hygiene rule (noncurrent versions, delete markers,
  abandoned multipart uploads).

Why one rule per class with Expiration Days, not a rule on `expires-on`: lifecycle tag filters
are equality matches, so a filter `expires-on=2027-01-31` could only expire objects carrying
that exact date, needing one rule per calendar day (and S3 allows 1,000 rules). The class tag
is stable, so four rules cover everything; `expires-on` stays the per-object statement that
`redactor purge` acts on where lifecycle does not run, or runs late.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from redactor.config import Config
from redactor.errors import RedactorError
from redactor.store.regions import EU_EEA_REGIONS, RegionError, is_eu_eea, location_to_region, require_eu_eea
from redactor.store.retention import RETENTION_CLASSES

RULE_PREFIX = "redactor-"
HYGIENE_RULE = "redactor-hygiene"
# Days after which a noncurrent version (left by an overwrite or delete on a versioned bucket)
# and an abandoned multipart upload are removed: erasure must not leave copies behind.
NONCURRENT_DAYS = 1
ABORT_MULTIPART_DAYS = 1

# Status of one policy item.
OK, CHANGED, CREATED, MISSING, WRONG, UNSUPPORTED, ERROR = (
    "ok",
    "changed",
    "created",
    "missing",
    "wrong",
    "unsupported",
    "error",
)
FAILING = {MISSING, WRONG, ERROR}


class BucketError(RedactorError):
    """The bucket cannot be made or shown compliant; the message names the bucket, never data."""


@dataclass
class Item:
    name: str
    status: str
    detail: str

    @property
    def failing(self) -> bool:
        return self.status in FAILING


@dataclass
class BucketReport:
    bucket: str
    endpoint: str
    items: list[Item]
    notes: list[str]

    @property
    def compliant(self) -> bool:
        return not any(i.failing for i in self.items)

    @property
    def changed(self) -> bool:
        return any(i.status in (CHANGED, CREATED) for i in self.items)

    def as_dict(self) -> dict:
        return {
            "bucket": self.bucket,
            "endpoint": self.endpoint,
            "compliant": self.compliant,
            "changed": self.changed,
            "items": [asdict(i) for i in self.items],
            "notes": self.notes,
        }

    def text(self, verb: str) -> str:
        lines = [f"bucket {self.bucket} at {self.endpoint}"]
        lines += [f"  {i.status:<11} {i.name}: {i.detail}" for i in self.items]
        lines += [f"  note: {n}" for n in self.notes]
        if verb == "init":
            lines.append(
                "nothing to change: the bucket already meets the policy"
                if not self.changed and self.compliant
                else (
                    "done: the bucket meets the policy"
                    if self.compliant
                    else "the bucket does NOT meet the policy (see above)"
                )
            )
        else:
            lines.append(
                "the bucket meets the policy" if self.compliant else "the bucket does NOT meet the policy (see above)"
            )
        return "\n".join(lines)


# ---- the policy as data --------------------------------------------------------------------


@dataclass
class BucketPolicy:
    retention_days: dict[str, int]
    sse: str = "AES256"
    kms_key_id: str = ""
    allow_unknown_region: bool = False

    @classmethod
    def from_config(cls, config: Config) -> BucketPolicy:
        store = config.section("store")
        days = {}
        for cls_name, value in config.section("retention").items():
            if cls_name == "from":  # what retention counts from, not a class
                continue
            try:
                days[cls_name] = int(value)
            except (TypeError, ValueError):
                raise BucketError(f"[retention] {cls_name} must be a whole number of days") from None
            if days[cls_name] < 1:
                raise BucketError(f"[retention] {cls_name} must be at least 1 day (S3 lifecycle counts whole days)")
        missing = [c for c in RETENTION_CLASSES if c not in days]
        if missing:
            raise BucketError(f"[retention] has no period for: {', '.join(missing)}")
        sse = store.get("sse", "AES256")
        if sse not in ("AES256", "aws:kms"):
            raise BucketError(f"[store] sse must be 'AES256' or 'aws:kms', not {sse!r}")
        if sse == "aws:kms" and not store.get("kms_key_id"):
            raise BucketError("[store] sse = 'aws:kms' needs [store] kms_key_id")
        return cls(days, sse, store.get("kms_key_id", ""), bool(store.get("allow_unknown_region", False)))

    def lifecycle_rules(self) -> list[dict]:
        rules = [
            {
                "ID": f"{RULE_PREFIX}expire-{name}",
                "Status": "Enabled",
                "Filter": {"Tag": {"Key": "retention-class", "Value": name}},
                "Expiration": {"Days": days},
            }
            for name, days in sorted(self.retention_days.items())
        ]
        rules.append(
            {
                "ID": HYGIENE_RULE,
                "Status": "Enabled",
                "Filter": {"Prefix": ""},
                "Expiration": {"ExpiredObjectDeleteMarker": True},
                "NoncurrentVersionExpiration": {"NoncurrentDays": NONCURRENT_DAYS},
                "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": ABORT_MULTIPART_DAYS},
            }
        )
        return rules

    def encryption_rule(self) -> dict:
        default: dict[str, Any] = {"SSEAlgorithm": self.sse}
        if self.sse == "aws:kms":
            default["KMSMasterKeyID"] = self.kms_key_id
        return {"ApplyServerSideEncryptionByDefault": default, "BucketKeyEnabled": self.sse == "aws:kms"}


def _norm_rule(rule: dict) -> tuple:
    """The parts of a lifecycle rule the policy cares about, in a comparable form."""
    flt = rule.get("Filter", {"Prefix": rule.get("Prefix", "")}) or {"Prefix": ""}
    tag = flt.get("Tag")
    exp = rule.get("Expiration", {}) or {}
    when = exp.get("Date")
    if isinstance(when, datetime):
        when = when.date().isoformat()
    return (
        rule.get("Status"),
        (tag.get("Key"), tag.get("Value")) if tag else None,
        flt.get("Prefix", "") if not tag and "And" not in flt else None,
        json.dumps(flt.get("And"), sort_keys=True, default=str) if "And" in flt else None,
        exp.get("Days"),
        when,
        bool(exp.get("ExpiredObjectDeleteMarker", False)),
        (rule.get("NoncurrentVersionExpiration") or {}).get("NoncurrentDays"),
        (rule.get("AbortIncompleteMultipartUpload") or {}).get("DaysAfterInitiation"),
    )


def describe_rule(rule: dict) -> str:
    flt = rule.get("Filter") or {}
    exp = rule.get("Expiration") or {}
    if "Tag" in flt:
        what = f"tag {flt['Tag']['Key']}={flt['Tag']['Value']}"
    else:
        what = f"prefix {flt.get('Prefix', '')!r}"
    parts = []
    if "Days" in exp:
        parts.append(f"expire {exp['Days']} days after writing")
    if "Date" in exp:
        parts.append(f"expire on {exp['Date']}")
    if exp.get("ExpiredObjectDeleteMarker"):
        parts.append("remove lone delete markers")
    if rule.get("NoncurrentVersionExpiration"):
        parts.append(f"noncurrent versions after {rule['NoncurrentVersionExpiration'].get('NoncurrentDays')} day(s)")
    if rule.get("AbortIncompleteMultipartUpload"):
        parts.append(
            f"abort multipart uploads after {rule['AbortIncompleteMultipartUpload'].get('DaysAfterInitiation')} day(s)"
        )
    return f"{what}: {', '.join(parts) or 'no action'}" + ("" if rule.get("Status") == "Enabled" else " (DISABLED)")


# ---- inspecting and applying ---------------------------------------------------------------


def _code(exc: Exception) -> str:
    if isinstance(exc, ClientError):
        return str(exc.response.get("Error", {}).get("Code", ""))
    return ""


_NOT_IMPLEMENTED = {"NotImplemented", "NotImplementedError", "501"}


class BucketManager:
    """Reads and (for init) changes one bucket's configuration to match a BucketPolicy."""

    def __init__(self, bucket: str, policy: BucketPolicy, client=None):
        from redactor.store.s3 import endpoint_of, make_client

        self.bucket = bucket
        self.policy = policy
        self.client = client or make_client()
        self.endpoint = endpoint_of(self.client)
        self.notes: list[str] = []

    def _call(self, op: str, **kwargs):
        # ClientErrors are classified by each check; transport failures end the run (see inspect).
        return getattr(self.client, op)(Bucket=self.bucket, **kwargs)

    # -- region / existence --

    def _region_item(self, create: bool) -> tuple[Item, bool]:
        """(item, exists). Creates the bucket (in the client's region, which must be EU) if asked."""
        from redactor.store.s3 import describe_error, endpoint_is_aws

        created = False
        try:
            self._call("head_bucket")
        except ClientError as exc:
            code = _code(exc)
            if code in ("404", "NoSuchBucket", "NotFound"):
                if not create:
                    return Item("bucket", MISSING, "does not exist (run `redactor bucket init`)"), False
                region = self.client.meta.region_name
                if not is_eu_eea(region):
                    raise BucketError(
                        f"will not create bucket {self.bucket!r} in region {region or '(none)'}: set AWS_REGION "
                        f"to an EU/EEA region ({', '.join(EU_EEA_REGIONS)})"
                    ) from None
                try:
                    self._call("create_bucket", CreateBucketConfiguration={"LocationConstraint": region})
                except ClientError as cexc:
                    if _code(cexc) not in ("BucketAlreadyOwnedByYou",):
                        raise BucketError(
                            f"could not create bucket {self.bucket!r} at {self.endpoint}: {describe_error(cexc)}"
                        ) from None
                created = True
            elif code in ("403", "AccessDenied"):
                raise BucketError(
                    f"bucket {self.bucket!r} at {self.endpoint}: access denied (it may belong to "
                    "another account, or these credentials lack s3:ListBucket)"
                ) from None
            else:
                raise BucketError(f"bucket {self.bucket!r} at {self.endpoint}: {describe_error(exc)}") from None
        try:
            location = self._call("get_bucket_location").get("LocationConstraint")
        except ClientError as exc:
            return Item("region", ERROR, f"GetBucketLocation failed: {describe_error(exc)}"), True
        region = location_to_region(location, endpoint_is_aws(self.client))
        try:
            where = require_eu_eea(self.bucket, region, self.policy.allow_unknown_region)
        except RegionError as exc:
            return Item("region", ERROR, str(exc)), True
        return Item("region", CREATED if created else OK, where + (" (bucket created)" if created else "")), True

    # -- object lock: incompatible with erasure --

    def _object_lock_item(self) -> Item:
        try:
            conf = self._call("get_object_lock_configuration").get("ObjectLockConfiguration", {})
        except ClientError as exc:
            code = _code(exc)
            if code == "ObjectLockConfigurationNotFoundError":
                return Item("object-lock", OK, "off (objects can be erased)")
            if code in _NOT_IMPLEMENTED:
                return Item("object-lock", UNSUPPORTED, "the server has no object lock API (nothing can be locked)")
            return Item("object-lock", ERROR, f"could not read: {_code(exc) or type(exc).__name__}")
        if conf.get("ObjectLockEnabled") == "Enabled":
            return Item(
                "object-lock",
                WRONG,
                "enabled: locked objects cannot be erased on request or at expiry; use a bucket without object lock",
            )
        return Item("object-lock", OK, "off (objects can be erased)")

    # -- default encryption --

    def _encryption_item(self, apply: bool) -> Item:
        want = self.policy.encryption_rule()["ApplyServerSideEncryptionByDefault"]
        current = None
        try:
            rules = self._call("get_bucket_encryption")["ServerSideEncryptionConfiguration"]["Rules"]
            current = rules[0].get("ApplyServerSideEncryptionByDefault") if rules else None
        except ClientError as exc:
            code = _code(exc)
            if code in _NOT_IMPLEMENTED:
                return Item(
                    "default-encryption",
                    UNSUPPORTED,
                    "the server has no bucket encryption API; every object is still written with SSE in its request",
                )
            if code != "ServerSideEncryptionConfigurationNotFoundError":
                return Item("default-encryption", ERROR, f"could not read: {code or type(exc).__name__}")
        matches = (
            bool(current)
            and current.get("SSEAlgorithm") == want["SSEAlgorithm"]
            and (want["SSEAlgorithm"] != "aws:kms" or current.get("KMSMasterKeyID") == want.get("KMSMasterKeyID"))
        )
        desc = want["SSEAlgorithm"] + (f" with key {want['KMSMasterKeyID']}" if "KMSMasterKeyID" in want else "")
        if matches:
            return Item("default-encryption", OK, desc)
        if not apply:
            return Item(
                "default-encryption",
                MISSING if not current else WRONG,
                f"want {desc}, have {current.get('SSEAlgorithm') if current else 'none'}",
            )
        try:
            self._call(
                "put_bucket_encryption", ServerSideEncryptionConfiguration={"Rules": [self.policy.encryption_rule()]}
            )
        except ClientError as exc:
            return Item("default-encryption", ERROR, f"could not set {desc}: {_code(exc) or type(exc).__name__}")
        return Item("default-encryption", CHANGED, f"set to {desc}")

    # -- public access block --

    def _public_access_item(self, apply: bool) -> Item:
        flags = ("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets")
        try:
            conf = self._call("get_public_access_block")["PublicAccessBlockConfiguration"]
        except ClientError as exc:
            code = _code(exc)
            if code in _NOT_IMPLEMENTED:
                self.notes.append(
                    "the server does not implement the public access block API; make sure it "
                    "serves no anonymous access (SeaweedFS: only identities in -s3.config)"
                )
                return Item("public-access-block", UNSUPPORTED, "not implemented by the server")
            if code != "NoSuchPublicAccessBlockConfiguration":
                return Item("public-access-block", ERROR, f"could not read: {code or type(exc).__name__}")
            conf = {}
        off = [f for f in flags if not conf.get(f)]
        if not off:
            return Item("public-access-block", OK, "all four settings on")
        if not apply:
            return Item("public-access-block", MISSING if len(off) == 4 else WRONG, f"off: {', '.join(off)}")
        try:
            self._call("put_public_access_block", PublicAccessBlockConfiguration={f: True for f in flags})
        except ClientError as exc:
            if _code(exc) in _NOT_IMPLEMENTED:
                return Item("public-access-block", UNSUPPORTED, "not implemented by the server")
            return Item("public-access-block", ERROR, f"could not set: {_code(exc) or type(exc).__name__}")
        return Item("public-access-block", CHANGED, "all four settings turned on")

    # -- versioning --

    def _versioning_item(self, rules_ok: bool) -> Item:
        try:
            status = self._call("get_bucket_versioning").get("Status")
        except ClientError as exc:
            if _code(exc) in _NOT_IMPLEMENTED:
                return Item("versioning", UNSUPPORTED, "no versioning API: deletes are final")
            return Item("versioning", ERROR, f"could not read: {_code(exc) or type(exc).__name__}")
        if not status:
            return Item("versioning", OK, "never enabled (by design): a delete erases the data")
        if rules_ok:
            return Item(
                "versioning",
                OK,
                f"{status}: not our choice, but noncurrent versions expire after "
                f"{NONCURRENT_DAYS} day(s) and purge deletes every version",
            )
        return Item(
            "versioning",
            WRONG,
            f"{status} without the {HYGIENE_RULE} lifecycle rule: deleted or "
            "overwritten data would survive as noncurrent versions",
        )

    # -- lifecycle --

    def _lifecycle_items(self, apply: bool) -> list[Item]:
        try:
            current = self._call("get_bucket_lifecycle_configuration").get("Rules", [])
        except ClientError as exc:
            code = _code(exc)
            if code in _NOT_IMPLEMENTED:
                return [Item("lifecycle", UNSUPPORTED, "no lifecycle API: run `redactor purge` on a schedule")]
            if code != "NoSuchLifecycleConfiguration":
                return [Item("lifecycle", ERROR, f"could not read: {code or type(exc).__name__}")]
            current = []
        by_id = {r.get("ID"): r for r in current}
        desired = self.policy.lifecycle_rules()
        items: list[Item] = []
        for rule in desired:
            have = by_id.get(rule["ID"])
            if have is not None and _norm_rule(have) == _norm_rule(rule):
                items.append(Item(f"lifecycle {rule['ID']}", OK, describe_rule(rule)))
            elif have is None:
                items.append(Item(f"lifecycle {rule['ID']}", CHANGED if apply else MISSING, describe_rule(rule)))
            else:
                items.append(
                    Item(
                        f"lifecycle {rule['ID']}",
                        CHANGED if apply else WRONG,
                        f"want {describe_rule(rule)}; have {describe_rule(have)}",
                    )
                )
        desired_ids = {r["ID"] for r in desired}
        stale = [r for r in current if str(r.get("ID", "")).startswith(RULE_PREFIX) and r.get("ID") not in desired_ids]
        for r in stale:
            items.append(
                Item(
                    f"lifecycle {r['ID']}",
                    CHANGED if apply else WRONG,
                    "ours but no longer in the policy" + (": removed" if apply else ""),
                )
            )
        for r in current:
            if not str(r.get("ID", "")).startswith(RULE_PREFIX):
                self.notes.append(
                    f"lifecycle rule {r.get('ID')!r} is not managed by redactor and is kept as is: {describe_rule(r)}"
                )
        if apply and any(i.status == CHANGED for i in items):
            foreign = [r for r in current if not str(r.get("ID", "")).startswith(RULE_PREFIX)]
            try:
                # The API replaces the whole configuration: keep rules we do not manage.
                self._call("put_bucket_lifecycle_configuration", LifecycleConfiguration={"Rules": foreign + desired})
            except ClientError as exc:
                return [Item("lifecycle", ERROR, f"could not set rules: {_code(exc) or type(exc).__name__}")]
        return items

    # -- the two entry points --

    def inspect(self, apply: bool) -> BucketReport:
        from redactor.store.s3 import describe_error

        try:
            return self._inspect(apply)
        except BotoCoreError as exc:
            raise BucketError(f"bucket {self.bucket!r} at {self.endpoint}: {describe_error(exc)}") from None

    def _inspect(self, apply: bool) -> BucketReport:
        self.notes = []
        region_item, exists = self._region_item(create=apply)
        items = [region_item]
        if not exists:
            return BucketReport(self.bucket, self.endpoint, items, self.notes)
        if region_item.failing:
            # Nothing more is configured on a bucket that may not be used at all.
            return BucketReport(self.bucket, self.endpoint, items, self.notes)
        items.append(self._object_lock_item())
        items.append(self._encryption_item(apply))
        items.append(self._public_access_item(apply))
        lifecycle = self._lifecycle_items(apply)
        hygiene_ok = any(i.name == f"lifecycle {HYGIENE_RULE}" and i.status in (OK, CHANGED) for i in lifecycle)
        items.append(self._versioning_item(hygiene_ok))
        items += lifecycle
        if any(i.name == "lifecycle" and i.status == UNSUPPORTED for i in lifecycle):
            self.notes.append("without lifecycle rules nothing expires by itself: schedule `redactor purge`")
        return BucketReport(self.bucket, self.endpoint, items, self.notes)


def init_bucket(bucket: str, config: Config, client=None) -> BucketReport:
    return BucketManager(bucket, BucketPolicy.from_config(config), client).inspect(apply=True)


def check_bucket(bucket: str, config: Config, client=None) -> BucketReport:
    return BucketManager(bucket, BucketPolicy.from_config(config), client).inspect(apply=False)
