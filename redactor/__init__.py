"""Swedish PII redaction for Klang.ai call transcripts: ingest -> detect -> transform -> store."""

__version__ = "0.1.0"
