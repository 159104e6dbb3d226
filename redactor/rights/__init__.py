"""Data-subject rights: find, export, erase and restrict one person's calls via the subject index.

The subject index is `calls.subject_tokens`: keyed HMAC tokens of the identifiers found in each call
(personnummer, phone, e-mail, customer number, facility id). Every command here turns the officer's
identifiers into the same tokens in memory and works from those; identifiers are never printed,
logged or stored.
"""

from redactor.rights.identifiers import (
    IdentifierError,
    KeyMissingError,
    SubjectRequest,
    build_request,
    validate,
)

__all__ = ["IdentifierError", "KeyMissingError", "SubjectRequest", "build_request", "validate"]
