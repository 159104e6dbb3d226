"""Store: objects (local folder or S3) with retention tags, and the Parquet tables on top."""

from redactor.store.backend import ObjectInfo, ObjectStore, StoreError, open_store
from redactor.store.retention import Retention

__all__ = ["ObjectInfo", "ObjectStore", "StoreError", "open_store", "Retention"]
