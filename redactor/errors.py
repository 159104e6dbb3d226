"""The project's one exception base: a `RedactorError`'s message is safe to log.

Every error type of the project derives from `RedactorError`, and its message is built from our
own words: field names, keys of our lake, counts, versions and what the operator gave on the
command line or in the config (paths, URIs, option values). Never transcript text, a detected
value, an export's id or file name from a landing area, or a library's message that may quote
input. `redactor.logs.safe_error` and the pipeline's quarantine reasons rely on this: for a
`RedactorError` they keep the message, for anything else only the type.
"""

from __future__ import annotations


class RedactorError(Exception):
    """Base of every error this project raises on purpose; the message is safe to log."""
