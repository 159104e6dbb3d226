"""Closed lists for the fields stored as labels rather than scanned as text.

Role, language and status are short codes an exporter sets. They are stored only when they are
one of the known labels below; anything else (a name typed into the role column, a number in the
status) is stored as "other" / "und", so a field the detector does not scan never carries data.
"""

from __future__ import annotations

ROLE_ALIASES = {
    "agent": "agent",
    "handläggare": "agent",
    "operator": "agent",
    "operatör": "agent",
    "rep": "agent",
    "representative": "agent",
    "employee": "agent",
    "staff": "agent",
    "support": "agent",
    "kundtjänst": "agent",
    "customer": "customer",
    "kund": "customer",
    "caller": "customer",
    "client": "customer",
    "user": "customer",
    "uppringare": "customer",
    "supervisor": "supervisor",
    "handledare": "supervisor",
    "system": "system",
    "bot": "system",
    "ivr": "system",
    "assistant": "system",
    "virtual_agent": "system",
    "unknown": "unknown",
    "okänd": "unknown",
}
OTHER_ROLE = "other"

# ISO 639-1 and 639-3 (639-2/B where it differs) codes of languages heard in Swedish call centres.
LANGUAGES = {
    "sv",
    "swe",
    "en",
    "eng",
    "fi",
    "fin",
    "no",
    "nor",
    "nb",
    "nob",
    "nn",
    "nno",
    "da",
    "dan",
    "de",
    "deu",
    "ger",
    "fr",
    "fra",
    "fre",
    "es",
    "spa",
    "it",
    "ita",
    "pt",
    "por",
    "nl",
    "nld",
    "dut",
    "pl",
    "pol",
    "ru",
    "rus",
    "uk",
    "ukr",
    "et",
    "est",
    "lv",
    "lav",
    "lt",
    "lit",
    "ar",
    "ara",
    "fa",
    "fas",
    "per",
    "so",
    "som",
    "ti",
    "tir",
    "tr",
    "tur",
    "ku",
    "kur",
    "bs",
    "bos",
    "hr",
    "hrv",
    "sr",
    "srp",
    "sq",
    "sqi",
    "alb",
    "el",
    "ell",
    "gre",
    "zh",
    "zho",
    "chi",
    "th",
    "tha",
    "vi",
    "vie",
    "hi",
    "hin",
    "ur",
    "urd",
    "se",
    "sme",
    "smj",
    "sma",
    "fit",
    "rom",
    "yi",
    "yid",
    "und",
    "mul",
    "zxx",
    "auto",
}
UNKNOWN_LANGUAGE = "und"

# Conversation states of the Klang API and of contact-centre exports.
STATUSES = {
    "ready",
    "completed",
    "complete",
    "done",
    "finished",
    "processed",
    "processing",
    "pending",
    "queued",
    "transcribing",
    "in_progress",
    "failed",
    "error",
    "cancelled",
    "canceled",
    "archived",
    "deleted",
    "draft",
    "new",
    "open",
    "closed",
    "active",
    "uploaded",
}
OTHER_STATUS = "other"


def role_label(raw: str) -> str | None:
    key = raw.strip().lower()
    return ROLE_ALIASES.get(key, OTHER_ROLE) if key else None


def language_label(raw: str) -> str | None:
    """ "sv", "swe", "sv-SE", "en_US" as given (lowercased language, region as written); else "und"."""
    code = raw.strip()
    if not code:
        return None
    lang, _, region = code.replace("_", "-").partition("-")
    if lang.lower() not in LANGUAGES:
        return UNKNOWN_LANGUAGE
    if region and not (len(region) == 2 and region.isascii() and region.isalpha()):
        return lang.lower()
    return f"{lang.lower()}-{region.upper()}" if region else lang.lower()


def status_label(raw: str) -> str | None:
    key = raw.strip().lower()
    return (key if key in STATUSES else OTHER_STATUS) if key else None
