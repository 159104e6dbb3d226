"""A data subject's identifiers: validated, canonicalised, turned into subject-index tokens.

The identifiers a data-protection officer types in live only in memory for the duration of one
command. What leaves this module is the keyed tokens (`SE_PERSONNUMMER:<32 hex>`), the same ones
the transform writes into `calls.subject_tokens`, so a person is found without storing who they are.
Error messages name the kind of identifier that failed, never its value.

`SubjectMatcher` looks for the identifiers in their written surface forms (spaced, dashed, with
or without century or country code, e-mail spelt out as "punkt" / "snabel-a") inside bytes that
carry no tokens: quarantined payloads and raw exports. It works on the bytes as stored, on their
gunzipped form, on every string value of any JSON in them (so `\\u00a0` escapes and
non-breaking spaces cannot hide a number), and on the folded view of each (`recognizers.fold`:
digits of other scripts, invisible characters, dash variants, "＠" and look-alike letters).
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field

from recognizers import canonical_value, personnummer, phone
from recognizers import email as email_rec
from recognizers.entities import SUBJECT_KINDS
from recognizers.fold import ascii_digits, fold_text
from redactor.errors import RedactorError
from redactor.ingest.reader import Limits, gunzip
from redactor.transform.pseudonym import Pseudonymiser

# Identifier kind -> entity type of the subject index (recognizers/entities.py).
KINDS = SUBJECT_KINDS
_CUSTOMER_NUMBER = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9 -]{1,38}[A-Za-z0-9])?$")
# Characters allowed between the digits of a number as written or transcribed.
_SEP = r"[\s\u00a0\u202f\u2009\-+./_()]{0,3}"


class IdentifierError(RedactorError, ValueError):
    """An identifier failed validation; the message names its kind, never its value."""


class KeyMissingError(RedactorError, RuntimeError):
    """No pseudonymisation key: the subject index cannot be used."""


KEY_MISSING = (
    "the subject index needs the pseudonymisation key: set REDACTOR_PSEUDONYM_KEY (or a key file via "
    "REDACTOR_PSEUDONYM_KEY_FILE / [pseudonymise] key_file), the same key the calls were ingested with"
)


@dataclass(frozen=True)
class Identifier:
    kind: str  # personnummer / phone / email / customer_number / facility_id
    entity: str  # the entity type of the subject index
    canonical: str = field(repr=False)

    def __repr__(self) -> str:  # keeps the value out of tracebacks and logs
        return f"Identifier({self.kind})"


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2009", " ").split())


def validate(kind: str, value: str) -> Identifier:
    if kind not in KINDS:
        raise IdentifierError(f"unknown identifier kind {kind!r}")
    text = _norm(fold_text(value or ""))
    if not text:
        raise IdentifierError(f"{kind}: empty value")
    entity = KINDS[kind]
    if kind == "personnummer":
        if not personnummer.is_valid(text) or not re.fullmatch(r"[\d\s+-]+", text):
            raise IdentifierError(
                "personnummer is not valid: expected YYMMDD-NNNC or YYYYMMDD-NNNC with a real date "
                "(day + 60 for samordningsnummer) and a correct check digit"
            )
        return Identifier(kind, entity, personnummer.canonical(text))
    if kind == "phone":
        if not re.fullmatch(r"[\d\s()+-]+", text) or not phone.is_valid(text):
            raise IdentifierError(
                "phone is not a valid Swedish number: expected e.g. 070-123 45 67 or +46 70 123 45 67"
            )
        return Identifier(kind, entity, phone.canonical(text))
    if kind == "email":
        if not email_rec.is_written_address(text):
            raise IdentifierError("email is not a valid e-mail address: expected name@domain.tld")
        return Identifier(kind, entity, email_rec.canonical(text))
    if kind == "facility_id":
        digits = ascii_digits(text)
        if len(digits) != 18 or not digits.startswith("735999") or not re.fullmatch(r"[\d\s-]+", text):
            raise IdentifierError("facility_id is not valid: expected 18 digits starting 735999")
        return Identifier(kind, entity, canonical_value(entity, digits))
    # customer number: the index keeps the same canonical form the transform computes.
    if not _CUSTOMER_NUMBER.match(text):
        raise IdentifierError("customer_number is not valid: expected 2-40 letters, digits, spaces or hyphens")
    return Identifier(kind, entity, canonical_value(entity, text))


@dataclass
class SubjectRequest:
    """One person as the officer identified them: identifiers in memory, tokens for everything else."""

    identifiers: list[Identifier]
    tokens: list[str]

    @property
    def request_id(self) -> str:
        """Stable per set of identifiers (and key): a re-run of the same request finds its own records."""
        return hashlib.sha256("\n".join(sorted(self.tokens)).encode()).hexdigest()[:24]

    def matcher(self) -> SubjectMatcher:
        return SubjectMatcher(self.identifiers)


def build_request(pseudonymiser: Pseudonymiser | None, **values: Iterable[str] | None) -> SubjectRequest:
    """Validate every identifier given (kind -> values) and compute its subject-index token."""
    if pseudonymiser is None:
        raise KeyMissingError(KEY_MISSING)
    idents: list[Identifier] = []
    for kind, vals in values.items():
        for v in vals or ():
            idents.append(validate(kind, v))
    if not idents:
        raise IdentifierError(
            "give at least one identifier: --personnummer, --phone, --email, --customer-number or --facility-id"
        )
    tokens = sorted({pseudonymiser.index_token(i.entity, i.canonical) for i in idents})
    return SubjectRequest(idents, tokens)


# ---- finding identifiers in untokenised bytes -------------------------------------------------


def _digits_pattern(digits: str) -> str:
    return _SEP.join(re.escape(d) for d in digits)


def _patterns(ident: Identifier) -> list[re.Pattern[str]]:
    c = ident.canonical
    if ident.kind == "personnummer":
        ten = c[2:]
        # The 10-digit body with any separators; the century digits may stand before it or not.
        return [re.compile(rf"(?<!\d){_digits_pattern(ten)}(?!\d)"), re.compile(rf"(?<!\d){_digits_pattern(c)}(?!\d)")]
    if ident.kind == "phone":
        national = c[3:]
        body = _digits_pattern(national)
        return [
            re.compile(rf"(?<!\d)(?:\+{_SEP}46|0{_SEP}0{_SEP}4{_SEP}6|4{_SEP}6|0)?{_SEP}(?:\(0\))?{_SEP}{body}(?!\d)")
        ]
    if ident.kind == "email":
        local, _, domain = c.partition("@")
        # spoken ("punkt", "snabel-a") or bracketed ("[dot]", "(at)")
        dot = r"\s*(?:\.|punkt|[\[(]\s*(?:dot|punkt)\s*[\])])\s*"
        at = r"\s*(?:@|snabel[\s-]?a|[\[(]\s*(?:at|snabel[\s-]?a)\s*[\])])\s*"
        spoken = lambda s: dot.join(re.escape(p) for p in s.split("."))  # noqa: E731
        return [
            re.compile(re.escape(c), re.IGNORECASE),
            re.compile(rf"{spoken(local)}{at}{spoken(domain)}", re.IGNORECASE),
        ]
    if ident.kind == "facility_id":
        return [re.compile(rf"(?<!\d){_digits_pattern(c)}(?!\d)")]
    chars = [ch for ch in c if not ch.isspace()]
    return [re.compile(r"[\s-]?".join(re.escape(ch) for ch in chars), re.IGNORECASE)]


def _json_strings(doc) -> Iterable[str]:
    """Every key and scalar, depth first; iterative, so a deeply nested payload cannot overflow."""
    stack = [doc]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for k, v in reversed(node.items()):
                stack.append(v)
                stack.append(str(k))
        elif isinstance(node, list):
            stack.extend(reversed(node))
        elif node is not None:
            yield str(node)


_JSON_ESCAPE = re.compile(r'\\(?:u([0-9a-fA-F]{4})|([nrtbf"/\\]))')
_ESCAPED = {"n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f", '"': '"', "/": "/", "\\": "\\"}


def _unescape_json(text: str) -> str:
    """JSON string escapes ("\\t", "\\u200d", surrogate pairs) as the characters they stand for."""
    out = _JSON_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)) if m.group(1) else _ESCAPED[m.group(2)], text)
    return out.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def _json(text: str):
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


def texts_of(data: bytes, limit: int = Limits.max_export_bytes) -> list[str]:
    """Every readable rendering of a stored object's bytes, for scanning in memory. A gzip stream
    is decompressed as a stream up to `limit` bytes (the ingest cap): past it, only that much of it
    is read, so a gzip bomb in quarantine costs `limit` bytes, not its decompressed size."""
    if data[:2] == b"\x1f\x8b":
        try:
            data = gunzip(data, limit, truncate=True) or b""
        except (OSError, EOFError, zlib.error):
            pass
    text = data[:limit].decode("utf-8", errors="replace")
    norm = _norm(text)
    out = [text] if norm == text else [text, norm]  # a rendering scanned twice only costs time
    docs = []
    whole = _json(text)
    if whole is not None:
        docs.append(whole)
    else:
        docs = [d for d in map(_json, text.splitlines()) if d is not None]
    if docs:
        out.append(_norm(" \n ".join(s for d in docs for s in _json_strings(d))))
    elif "\\" in text:
        out.append(_unescape_json(text))  # JSON that does not parse still has its escapes read
    # As the detector reads them: digits of every script, no invisible characters, one dash.
    return out + [f for f in map(fold_text, out) if f not in out]


class SubjectMatcher:
    """Does a piece of text or a stored object mention this person's identifiers?"""

    def __init__(self, identifiers: Iterable[Identifier]):
        self.patterns = [p for i in identifiers for p in _patterns(i)]

    def __repr__(self) -> str:
        return f"SubjectMatcher({len(self.patterns)} patterns)"

    def in_text(self, text: str) -> bool:
        return any(p.search(text) for p in self.patterns)

    def in_bytes(self, data: bytes) -> bool:
        return any(self.in_text(t) for t in texts_of(data))
