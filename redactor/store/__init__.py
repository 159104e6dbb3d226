"""Store: objects (local folder or S3) with retention tags, and the Parquet tables on top.

The store factory lives here: `open_store` picks the backend by URI (boto3 is imported only
where S3 is used), so the backends never import each other.
"""

from __future__ import annotations

from typing import Any

from redactor.store.backend import LocalStore, ObjectInfo, ObjectStore, StoreError
from redactor.store.retention import Retention

__all__ = ["ObjectInfo", "ObjectStore", "Retention", "StoreError", "open_store", "open_store_from_config"]


def open_store(uri: str, **options: Any) -> ObjectStore:
    """`./lake`, `/abs/path`, `file:///abs/path` or `s3://bucket/prefix`."""
    if uri.startswith("s3://"):
        from redactor.store.s3 import S3Store  # boto3 only where S3 is used

        return S3Store.from_uri(uri, **options)
    uri = uri.removeprefix("file://")
    if "://" in uri:
        raise StoreError(f"unsupported store URI scheme: {uri.split('://')[0]}:// (use a folder or s3://)")
    return LocalStore(uri)


def open_store_from_config(store_section: dict[str, Any], uri: str | None = None) -> ObjectStore:
    """The store named by `uri` (else `[store] uri`) with the other `[store]` options applied
    (for S3: allow_unknown_region, sse, kms_key_id; a folder needs none)."""
    options = {k: v for k, v in store_section.items() if k != "uri"}
    return open_store(uri or store_section["uri"], **options)
