"""`redactor scan`: the detector as a filter, for evaluation harnesses and ad-hoc checks.

Input is plain text (one document) or JSON Lines of {"id": ..., "text": ...}; output is JSON Lines
{"id": ..., "entities": [{"type", "start", "end", "score"}]} with offsets into the text as given,
before Unicode normalisation.
"""

from __future__ import annotations

import json
from typing import Iterable, Iterator

from redactor.detect import Detector
from redactor.errors import RedactorError
from redactor.ingest.normalize import normalize


class ScanInputError(RedactorError, ValueError):
    pass


def read_jsonl(lines: Iterable[str]) -> Iterator[tuple[object, str]]:
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            doc = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ScanInputError(f"line {lineno}: invalid JSON ({exc.msg})") from None
        if not isinstance(doc, dict) or not isinstance(doc.get("text"), str):
            raise ScanInputError(f'line {lineno}: expected an object with a string "text"')
        yield doc.get("id"), doc["text"]


def scan_documents(detector: Detector, docs: list[tuple[object, str]]) -> Iterator[dict]:
    normalised = [normalize(text) for _, text in docs]
    results = detector.detect_many([n.text for n in normalised])
    for (doc_id, _), norm, dets in zip(docs, normalised, results):
        entities = []
        for d in dets:
            start, end = norm.to_original(d.start, d.end)
            entities.append({"type": d.entity_type, "start": start, "end": end, "score": d.score})
        yield {"id": doc_id, "entities": entities}
