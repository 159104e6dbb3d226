"""Ingest: read export files of any supported shape and parse them into `Call`s."""

from redactor.ingest.parse import ParseError, parse_record
from redactor.ingest.reader import RawRecord, expand_sources, iter_records

__all__ = ["RawRecord", "iter_records", "expand_sources", "parse_record", "ParseError"]
