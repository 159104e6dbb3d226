"""The `redactor` command line: one verb per command, JSON on request, no personal data in output.

`_common` holds the app, the exit codes and the shared options; each module registers one group
of commands on import: ingest, scan, eval, query (query, report, export, serve), lake (compact,
purge, status, quarantine), bucket, subject, reprocess and model.
"""

from redactor.cli import bucket, eval, ingest, lake, model, query, reprocess, scan, subject  # noqa: F401 - registers
from redactor.cli._common import ExitCode, app

__all__ = ["ExitCode", "app"]
