"""S3 object store: every object written whole, tagged and encrypted in one request, EU only.

Endpoint, region and credentials come from the usual AWS sources (AWS_ENDPOINT_URL, AWS_REGION,
AWS_PROFILE, ~/.aws/config, instance roles), so the same code talks to AWS and to a local server.

Guarantees:
- The bucket's region is checked against the EU/EEA list before the first byte is written
  (`redactor.store.regions`); a server that reports no region is refused unless
  `[store] allow_unknown_region = true`.
- `put` is a single PutObject carrying `Tagging` and `ServerSideEncryption`: S3 makes an object
  visible only when the whole request has succeeded, so there is no moment at which an object
  exists untagged, unencrypted or half-written. (Writing through pyarrow's S3 filesystem would
  drop tags and SSE headers silently; that is why the lake writes to a buffer first.)
- Errors name the operation, the key and the endpoint, never object contents.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode, urlparse

import boto3
from botocore.config import Config as BotoConfig
from botocore.exceptions import BotoCoreError, ClientError

from redactor.store.backend import ObjectInfo, StoreError, _check_key
from redactor.store.regions import RegionError, location_to_region, require_eu_eea

SSE_MODES = ("AES256", "aws:kms")

# S3 object tags: at most 10, key <= 128 and value <= 256 characters from this alphabet.
_TAG_ALLOWED = set("+-=._:/@ ")
MAX_TAGS = 10


def make_client(region: str | None = None, session=None):
    """A boto3 S3 client from the standard AWS configuration chain.

    Bounded retries and timeouts: a scheduled job should fail with a clear error within seconds
    when the server is gone, not hang; re-running is safe because keys are deterministic.
    """
    if session is None:
        session = boto3.session.Session(region_name=region) if region else boto3.session.Session()
    return session.client(
        "s3",
        config=BotoConfig(
            retries={"max_attempts": 3, "mode": "standard"},
            connect_timeout=5,
            read_timeout=60,
        ),
    )


def endpoint_of(client) -> str:
    return client.meta.endpoint_url


def endpoint_is_aws(client) -> bool:
    host = (urlparse(endpoint_of(client)).hostname or "").lower()
    return host.endswith((".amazonaws.com", ".amazonaws.com.cn", ".amazonaws.eu"))


def parse_s3_uri(uri: str) -> tuple[str, str]:
    """`s3://bucket/prefix` -> (bucket, "prefix/") ; the prefix is "" or ends with "/"."""
    if not uri.startswith("s3://"):
        raise StoreError(f"not an s3:// URI: {uri}")
    rest = uri[len("s3://") :]
    bucket, _, prefix = rest.partition("/")
    if not bucket:
        raise StoreError(f"no bucket in store URI {uri!r} (expected s3://bucket/prefix)")
    prefix = prefix.strip("/")
    if prefix:
        _check_key(prefix)
        prefix += "/"
    return bucket, prefix


def describe_error(exc: BaseException) -> str:
    """A short, data-free description of a botocore failure (error code, never the body)."""
    if isinstance(exc, ClientError):
        err = exc.response.get("Error", {})
        status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        return f"{err.get('Code', 'error')} (HTTP {status})" if status else str(err.get("Code", "error"))
    return type(exc).__name__ + (": could not connect" if "Connect" in type(exc).__name__ else "")


def error_code(exc: BaseException) -> str:
    if isinstance(exc, ClientError):
        return str(exc.response.get("Error", {}).get("Code", ""))
    return ""


def validate_tags(tags: dict[str, str]) -> str:
    """Check tags against S3's rules before any request, and URL-encode them for PutObject."""
    if len(tags) > MAX_TAGS:
        raise StoreError(f"too many tags ({len(tags)} > {MAX_TAGS})")
    for k, v in tags.items():
        for what, text, limit in (("key", k, 128), ("value", v, 256)):
            if not isinstance(text, str) or len(text) > limit or (what == "key" and not text):
                raise StoreError(f"tag {k!r}: {what} is empty, not text or longer than {limit}")
            bad = {c for c in text if not (c.isalnum() or c in _TAG_ALLOWED)}
            if bad:
                raise StoreError(f"tag {k!r}: {what} has characters S3 does not allow in tags")
    return urlencode(tags)


class S3Store:
    """`s3://bucket/prefix` as an ObjectStore."""

    def __init__(
        self,
        bucket: str,
        prefix: str = "",
        *,
        client: Any = None,
        allow_unknown_region: bool = False,
        sse: str = "AES256",
        kms_key_id: str = "",
    ):
        if sse not in SSE_MODES:
            raise StoreError(f"[store] sse must be one of {', '.join(SSE_MODES)}, not {sse!r}")
        if sse == "aws:kms" and not kms_key_id:
            # A customer-managed key is the point of SSE-KMS here: disabling it makes every
            # object unreadable at once (crypto-shredding), which the AWS-managed key cannot do.
            raise StoreError("[store] sse = 'aws:kms' needs [store] kms_key_id (the KMS key id or ARN)")
        self.bucket = bucket
        self.prefix = prefix
        self.uri = f"s3://{bucket}/{prefix}"
        self.client = client or make_client()
        self.endpoint = endpoint_of(self.client)
        self.allow_unknown_region = bool(allow_unknown_region)
        self.sse = sse
        self.kms_key_id = kms_key_id
        self.region_description: str | None = None
        self._versioned: bool | None = None
        self._lock = threading.Lock()

    @classmethod
    def from_uri(cls, uri: str, **options: Any) -> S3Store:
        """Build from a URI and the `[store]` config section (its `uri` key is ignored)."""
        bucket, prefix = parse_s3_uri(uri)
        known = {"allow_unknown_region", "sse", "kms_key_id", "client"}
        unknown = set(options) - known - {"uri"}
        if unknown:
            raise StoreError(f"unknown [store] option(s): {', '.join(sorted(unknown))}")
        return cls(bucket, prefix, **{k: v for k, v in options.items() if k in known})

    # ---- helpers -------------------------------------------------------------------------

    def _key(self, key: str) -> str:
        return self.prefix + _check_key(key)

    def _where(self, key: str | None = None) -> str:
        target = f"s3://{self.bucket}/{self.prefix}{key or ''}"
        return f"{target} at {self.endpoint}"

    def _fail(self, op: str, key: str | None, exc: BaseException) -> StoreError:
        return StoreError(f"S3 {op} failed for {self._where(key)}: {describe_error(exc)}")

    def sse_args(self) -> dict[str, str]:
        args = {"ServerSideEncryption": self.sse}
        if self.sse == "aws:kms":
            args["SSEKMSKeyId"] = self.kms_key_id
        return args

    def check_region(self) -> str:
        """Raise StoreError unless the bucket is in the EU/EEA (cached after the first success)."""
        with self._lock:
            if self.region_description is not None:
                return self.region_description
            try:
                location = self.client.get_bucket_location(Bucket=self.bucket).get("LocationConstraint")
            except (ClientError, BotoCoreError) as exc:
                raise self._fail("GetBucketLocation", None, exc) from None
            region = location_to_region(location, endpoint_is_aws(self.client))
            try:
                self.region_description = require_eu_eea(self.bucket, region, self.allow_unknown_region)
            except RegionError as exc:
                raise StoreError(f"refusing to write: {exc}") from None
            return self.region_description

    def versioned(self) -> bool:
        """Whether the bucket keeps old versions (then a delete must remove every version)."""
        if self._versioned is None:
            try:
                status = self.client.get_bucket_versioning(Bucket=self.bucket).get("Status")
            except (ClientError, BotoCoreError) as exc:
                raise self._fail("GetBucketVersioning", None, exc) from None
            self._versioned = status in ("Enabled", "Suspended")
        return self._versioned

    # ---- ObjectStore ---------------------------------------------------------------------

    def put(self, key: str, data: bytes, tags: dict[str, str]) -> None:
        full = self._key(key)
        tagging = validate_tags(tags)
        self.check_region()
        try:
            resp = self.client.put_object(Bucket=self.bucket, Key=full, Body=data, Tagging=tagging, **self.sse_args())
        except (ClientError, BotoCoreError) as exc:
            raise self._fail("PutObject", key, exc) from None
        if resp.get("ServerSideEncryption") != self.sse:
            # A server that ignores the SSE header must not keep a plaintext copy.
            self._delete_quietly(full)
            raise StoreError(
                f"S3 PutObject for {self._where(key)}: the server did not confirm {self.sse} encryption; object removed"
            )

    def _delete_quietly(self, full_key: str) -> None:
        try:
            self.client.delete_object(Bucket=self.bucket, Key=full_key)
        except (ClientError, BotoCoreError):
            pass

    def get(self, key: str) -> bytes:
        try:
            return self.client.get_object(Bucket=self.bucket, Key=self._key(key))["Body"].read()
        except (ClientError, BotoCoreError) as exc:
            if error_code(exc) in ("NoSuchKey", "404"):
                raise StoreError(f"no such object: {key}") from None
            raise self._fail("GetObject", key, exc) from None

    def head(self, key: str) -> dict[str, Any]:
        """The object's metadata (size, SSE, tag count): for checks, never contents."""
        try:
            return self.client.head_object(Bucket=self.bucket, Key=self._key(key))
        except (ClientError, BotoCoreError) as exc:
            if error_code(exc) in ("NoSuchKey", "404", "NotFound"):
                raise StoreError(f"no such object: {key}") from None
            raise self._fail("HeadObject", key, exc) from None

    def exists(self, key: str) -> bool:
        try:
            self.head(key)
            return True
        except StoreError as exc:
            if str(exc).startswith("no such object"):
                return False
            raise

    def list(self, prefix: str = "") -> Iterator[ObjectInfo]:
        paginator = self.client.get_paginator("list_objects_v2")
        try:
            for page in paginator.paginate(Bucket=self.bucket, Prefix=self.prefix + prefix):
                for obj in page.get("Contents", []):
                    key = obj["Key"][len(self.prefix) :]
                    # Skip "folder" markers and hidden names, as LocalStore does.
                    if key and not key.endswith("/") and not key.rsplit("/", 1)[-1].startswith("."):
                        when = obj.get("LastModified")
                        yield ObjectInfo(key, int(obj.get("Size", 0)), when.timestamp() if when else None)
        except (ClientError, BotoCoreError) as exc:
            raise self._fail("ListObjectsV2", prefix or None, exc) from None

    def tags(self, key: str) -> dict[str, str]:
        try:
            resp = self.client.get_object_tagging(Bucket=self.bucket, Key=self._key(key))
        except (ClientError, BotoCoreError) as exc:
            if error_code(exc) in ("NoSuchKey", "404"):
                raise StoreError(f"no such object: {key}") from None
            raise self._fail("GetObjectTagging", key, exc) from None
        return {t["Key"]: t["Value"] for t in resp.get("TagSet", [])}

    def delete(self, key: str) -> None:
        """Delete the object for real: on a versioned bucket every version and delete marker too,
        or erasure would only hide the data."""
        full = self._key(key)
        try:
            if not self.versioned():
                self.client.delete_object(Bucket=self.bucket, Key=full)
                return
            paginator = self.client.get_paginator("list_object_versions")
            for page in paginator.paginate(Bucket=self.bucket, Prefix=full):
                for item in page.get("Versions", []) + page.get("DeleteMarkers", []):
                    if item["Key"] == full:
                        self.client.delete_object(Bucket=self.bucket, Key=full, VersionId=item["VersionId"])
        except (ClientError, BotoCoreError) as exc:
            raise self._fail("DeleteObject", key, exc) from None

    def local_path(self, key: str) -> str:
        """Where a reader finds the object: for S3 the s3:// URL (DuckDB and pyarrow read it)."""
        return f"s3://{self.bucket}/{self._key(key)}"
