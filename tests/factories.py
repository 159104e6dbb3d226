"""Builders for export records in both shapes, with made-up people."""

from __future__ import annotations

import json


def klang_record(cid: str = "conv_test_1", content: str | None = None, **over) -> dict:
    rec = {
        "id": cid,
        "title": "Fakturafråga",
        "created_at": "2026-11-20T10:00:00Z",
        "updated_at": "2026-11-20T10:05:00Z",
        "status": "ready",
        "digest": "Kunden undrar över fakturan.",
        "summary": "Kunden Vera Testsson ringde om fakturan.",
        "sources": [
            {
                "type": "transcript",
                "duration_seconds": 120,
                "language": "swe",
                "participants": [{"name": "Vera Testsson"}],
                "content": content
                if content is not None
                else (
                    "[00:00:01] Agent: Norrsken Energi, hur kan jag hjälpa dig?\n"
                    "[00:00:05] Vera Testsson: Hej, mitt personnummer är 880413-2382.\n"
                    "och mitt nummer är 070-123 45 67\n"
                    "[00:00:12] Agent: Tack, fakturan är på 1 250 kronor."
                ),
            }
        ],
    }
    rec.update(over)
    return rec


def segmented_record(cid: str = "seg_test_1", **over) -> dict:
    text = "Mitt nummer är 070 123 45 67 tack"
    words, t = [], 1.0
    for w in text.split():
        words.append({"word": w, "start": t, "end": t + 0.3, "confidence": 0.9})
        t += 0.4
    rec = {
        "call_id": cid,
        "created_at": "2026-11-21T09:00:00Z",
        "duration": 30.5,
        "queue": "Privat",
        "direction": "inbound",
        "caller_number": "+46 70 123 45 67",
        "segments": [
            {"speaker": "spk_0", "role": "AGENT", "start": 0.0, "end": 0.9, "text": "Norrsken Energi."},
            {"speaker": "spk_1", "role": "CUSTOMER", "start": 1.0, "end": t, "text": text, "words": words},
        ],
    }
    rec.update(over)
    return rec


def dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False)


def redacted_calls(pipeline, *records: dict) -> list:
    """Each record through the pipeline's parse, detect and transform, as ingest runs them: the
    RedactedCalls store, rights and reprocess tests write. With the `rules_pipeline` fixture no
    name model is loaded (names come only from the call's structure)."""
    from redactor.domain import RedactedCall
    from redactor.ingest.reader import split_records

    out = []
    for n, rec in enumerate(records):
        for res in pipeline.process(split_records(f"in-{n}.json", dumps(rec).encode(), 1 << 24)):
            assert isinstance(res, RedactedCall), res
            out.append(res)
    return out
