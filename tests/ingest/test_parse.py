"""Every export shape and container parses into the same call model."""

from __future__ import annotations

import gzip
import random

import pytest

from redactor.ingest import iter_records, parse_record
from redactor.ingest.normalize import normalize, normalize_by_cluster
from redactor.ingest.parse import ParseError, parse_transcript_content
from tests.factories import dumps, klang_record, segmented_record


def _records(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return list(iter_records([path]))


def _calls(records):
    return [parse_record(r.data, r.raw, r.source_file) for r in records]


def test_klang_single_file(tmp_path):
    recs = _records(tmp_path, "one.json", dumps(klang_record()).encode())
    (call,) = _calls(recs)
    assert call.shape == "klang"
    assert call.participants == ["Vera Testsson"]
    assert [s.speaker for s in call.segments] == ["Agent", "Vera Testsson", "Agent"]
    # The continuation line belongs to the turn before it.
    assert call.segments[1].text.endswith("mitt nummer är 070-123 45 67")
    assert call.segments[1].start == 5.0 and call.segments[1].end == 12.0
    assert call.duration_seconds == 120 and call.language == "swe"


def test_untimed_speaker_lines_and_colons_inside_turns():
    segs = parse_transcript_content("Talare 1: Hej.\nTalare 2: Summan är 300 kr: det stämmer inte.\nsista raden")
    assert [s.speaker for s in segs] == ["Talare 1", "Talare 2"]
    assert segs[1].text == "Summan är 300 kr: det stämmer inte. sista raden"


def test_segmented_with_words(tmp_path):
    (call,) = _calls(_records(tmp_path, "seg.json", dumps(segmented_record()).encode()))
    assert call.shape == "segmented"
    assert call.segments[1].role == "customer"
    assert len(call.segments[1].words) == 8
    assert call.metadata["caller_number"] == "+46 70 123 45 67"
    assert call.metadata["queue"] == "Privat"


@pytest.mark.parametrize("container", ["array", "jsonl", "page", "gzip-array", "gzip-jsonl"])
def test_containers(tmp_path, container):
    recs = [klang_record("a"), segmented_record("b"), klang_record("c")]
    if container.endswith("array"):
        data = dumps(recs).encode()
    elif container.endswith("jsonl"):
        data = "\n".join(dumps(r) for r in recs).encode()
    else:
        data = dumps({"data": recs, "next_cursor": None, "has_more": False}).encode()
    if container.startswith("gzip"):
        data = gzip.compress(data)
    calls = _calls(_records(tmp_path, f"export.{container}.json", data))
    assert [c.source_id for c in calls] == ["a", "b", "c"]


def test_call_ids_are_deterministic_and_not_the_export_id(tmp_path):
    a = _calls(_records(tmp_path, "a.json", dumps(klang_record("0701234567")).encode()))[0]
    b = _calls(_records(tmp_path, "b.json", dumps(klang_record("0701234567")).encode()))[0]
    assert a.call_id == b.call_id
    assert "0701234567" not in a.call_id


def test_nonbreaking_spaces_are_normalised_in_parsed_text(tmp_path):
    rec = segmented_record()
    rec["segments"][0]["text"] = "Ring 070\u00a0123\u202f45\u200967"
    (call,) = _calls(_records(tmp_path, "nbsp.json", dumps(rec).encode()))
    assert call.segments[0].text == "Ring 070 123 45 67"


def test_normalize_maps_back_to_original_offsets():
    original = "Nr: 070\u00a0123 e\u0301n 45"  # NBSP and a decomposed é
    norm = normalize(original)
    assert norm.text == "Nr: 070 123 \u00e9n 45"
    start = norm.text.index("070")
    assert norm.to_original(start, start + 7) == (4, 11)
    e = norm.text.index("\u00e9n")
    assert original[slice(*norm.to_original(e, e + 2))] == "e\u0301n"
    assert norm.to_original(len(norm.text) - 2, len(norm.text)) == (len(original) - 2, len(original))


def test_normalize_shortcut_equals_the_definition():
    """Text that needs no change skips the per-character loop; the result must be the same."""
    pieces = list("abcåäöÅÄÖé 0123,.") + [
        "\u0301",
        "\u0308",
        "\u030a",
        "\u0327",  # combining accents
        "\u1100",
        "\u1161",
        "\u11a8",
        "\uac00",  # Hangul jamo and a syllable (compose across starters)
        "\u0b47",
        "\u0b3e",
        "\u212b",
        "\u0344",
        "\u1e9b",
        "\u00a0",
        "\u202f",
        "\u200b",
        "\u00ad",
    ]
    rng = random.Random(7)
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 9)))
        assert normalize(text) == normalize_by_cluster(text), ascii(text)


@pytest.mark.parametrize(
    "mutate, reason",
    [
        (lambda r: r.update(sources="not a list"), "field 'sources' must be a list"),
        (
            lambda r: r.update(created_at=12.5j if False else ["2026"]),
            "field 'created_at' must be an ISO 8601 timestamp",
        ),
        (lambda r: r.update(created_at="yesterday"), "field 'created_at' is not an ISO 8601 timestamp"),
        (lambda r: r.pop("created_at"), "missing or unreadable timestamp"),
        (lambda r: r.pop("id"), "missing call id"),
        (lambda r: r["sources"][0].update(content=""), "empty call"),
        (lambda r: r["sources"][0].update(content={"x": 1}), "field 'content' must be a string"),
    ],
)
def test_bad_klang_records_raise_clear_errors(mutate, reason):
    rec = klang_record()
    mutate(rec)
    with pytest.raises(ParseError, match=reason):
        parse_record(rec, b"{}", "f.json")


def test_bad_segment_types():
    rec = segmented_record()
    rec["segments"][1]["words"][0]["start"] = "soon"
    with pytest.raises(ParseError, match=r"field 'start' must be a number"):
        parse_record(rec, b"{}", "f.json")
    rec = segmented_record()
    rec["segments"][0]["end"] = -1
    with pytest.raises(ParseError, match="non-negative"):
        parse_record(rec, b"{}", "f.json")


def test_parse_errors_never_quote_values():
    rec = klang_record(created_at="880413-2382")
    with pytest.raises(ParseError) as err:
        parse_record(rec, b"{}", "f.json")
    assert "880413" not in str(err.value)


def test_unknown_fields_are_kept_as_metadata_to_be_scanned(tmp_path):
    rec = segmented_record(customer={"email": "vera.testsson@exempel.se", "tags": ["vip", 3]})
    (call,) = _calls(_records(tmp_path, "x.json", dumps(rec).encode()))
    assert call.metadata["customer.email"] == "vera.testsson@exempel.se"
    assert call.metadata["customer.tags[1]"] == "3"
