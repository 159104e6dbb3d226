"""`redactor scan`: the detector as a filter, for evaluation harnesses and ad-hoc checks.

Input is plain text (one document) or JSON Lines of {"id": ..., "text": ...}; output is JSON Lines
{"id": ..., "entities": [{"type", "start", "end", "score"}]} with offsets into the text as given,
before Unicode normalisation.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from redactor.errors import RedactorError
from redactor.ingest.normalize import normalize

if TYPE_CHECKING:  # the detector is passed in: importing this module loads no model
    from redactor.detect import Detector


class ScanInputError(RedactorError, ValueError):
    """A JSON Lines input (documents to scan, a labelled dataset) is malformed; the message names the line."""


def text_objects(lines: Iterable[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) for each non-blank line: a JSON object with a string "text"."""
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            doc = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ScanInputError(f"line {lineno}: invalid JSON ({exc.msg})") from None
        if not isinstance(doc, dict) or not isinstance(doc.get("text"), str):
            raise ScanInputError(f'line {lineno}: expected an object with a string "text"')
        yield lineno, doc


def read_jsonl(lines: Iterable[str]) -> Iterator[tuple[object, str]]:
    for _, doc in text_objects(lines):
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
