"""Ingest: read export files of any supported shape and parse them into `Call`s."""

from redactor.ingest.reader import RawRecord, iter_records, expand_sources
from redactor.ingest.parse import parse_record, ParseError

__all__ = ["RawRecord", "iter_records", "expand_sources", "parse_record", "ParseError"]
