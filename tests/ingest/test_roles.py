"""Issue 17: Klang API calls get a role per speaker where the export allows it, and a queue from
the configuration when the export has none."""

from __future__ import annotations

import json

from redactor.config import Config
from redactor.ingest import RawRecord, parse_record
from redactor.ingest.parse import parse_transcript_content
from redactor.ingest.roles import assign_roles, default_queue
from redactor.pipeline import Pipeline


def _roles(content: str, participant_roles: dict[str, str] | None = None) -> list[str | None]:
    segments = parse_transcript_content(content)
    assign_roles(segments, participant_roles or {})
    return [s.role for s in segments]


def test_role_words_in_labels():
    assert _roles("[00:00:01] Agent Jonas: Hej\n[00:00:04] Kund: Hej\n[00:00:07] Agent Jonas: Ja") == [
        "agent",
        "customer",
        "agent",
    ]
    assert _roles("Handläggare 1: Hej\nKund 2: Hej") == ["agent", "customer"]


def test_the_other_party_of_a_two_party_call():
    assert _roles("[00:00:01] Agent Jonas: Hej\n[00:00:05] Vera Provsson: Hej\n[00:00:09] Agent Jonas: ok") == [
        "agent",
        "customer",
        "agent",
    ]
    assert _roles("[00:00:01] Kalle: Hej\n[00:00:05] Kund: Hej") == ["agent", "customer"]


def test_unknown_stays_unknown():
    assert _roles("Talare 1: Hej\nTalare 2: Hej") == [None, None]
    # Three speakers, one known: the others are not guessed.
    assert _roles("Agent Jonas: Hej\nVera: Hej\nOlle: Hej") == ["agent", None, None]


def test_participant_roles_from_the_export():
    record = {
        "id": "conv-roles-1",
        "created_at": "2026-11-24T08:00:00Z",
        "status": "ready",
        "folder_id": "f1",
        "sources": [
            {
                "type": "transcript",
                "content": "[00:00:01] Talare 1: Hej\n[00:00:04] Talare 2: Hej\n[00:00:08] Talare 3: Hallå",
                "participants": [
                    {"name": "Talare 1", "role": "handläggare"},
                    {"name": "Talare 2", "type": "customer"},
                    {"name": "Talare 3", "role": 7},
                ],
            }
        ],
    }
    call = parse_record(record, json.dumps(record).encode(), "x.json")
    assert [s.role for s in call.segments] == ["agent", "customer", None]


def test_queue_from_configuration(tmp_path, detector):
    meta = {"folder_id": "f-flytt"}
    klang = {"queue": "Kundservice", "folder_queues": {"f-flytt": "Flytt"}}
    default_queue(meta, klang)
    assert meta["queue"] == "Flytt"
    meta = {"folder_id": "other"}
    default_queue(meta, klang)
    assert meta["queue"] == "Kundservice"
    meta = {"queue": "Företag"}
    default_queue(meta, klang)
    assert meta["queue"] == "Företag"
    meta = {}
    default_queue(meta, {"queue": ""})
    assert "queue" not in meta

    cfg_path = tmp_path / "c.toml"
    cfg_path.write_text('[klang]\nqueue = "Kundservice privat"\n')
    record = {
        "id": "conv-q-1",
        "created_at": "2026-11-24T08:00:00Z",
        "status": "ready",
        "sources": [{"type": "transcript", "content": "[00:00:01] Agent: Hej"}],
    }
    raw = RawRecord("x.json", None, json.dumps(record).encode(), record)
    assert Pipeline(Config.load(cfg_path), detector=detector).parse(raw).metadata["queue"] == "Kundservice privat"
    assert "queue" not in Pipeline(Config.load(), detector=detector).parse(raw).metadata
