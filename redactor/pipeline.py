"""The pipeline: records -> calls -> detections -> redacted calls | quarantine, in bounded batches.

Fail closed: anything that goes wrong with one call sends that call to quarantine with a reason
built from our own words and the exception's type, never its message (which may quote data).
"""

from __future__ import annotations

import gc
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from redactor import __version__
from redactor.config import Config
from redactor.detect import Detection, Detector
from redactor.detect.analyzer import pets_of, without_pets
from redactor.detect.structure import structural_detections
from redactor.domain import Call, Quarantined, RedactedCall
from redactor.errors import RedactorError
from redactor.ingest import RawRecord, parse_record
from redactor.ingest.reader import Limits
from redactor.ingest.roles import default_queue
from redactor.transform import Policy, Pseudonymiser, load_key
from redactor.transform.call import DIALOGUE, ID_FIELDS, LeakError, ScanUnits, id_detections, scan_units, transform_call


@dataclass
class RunSummary:
    files: int = 0
    calls_read: int = 0
    calls_written: int = 0
    quarantined: int = 0
    findings: Counter = field(default_factory=Counter)
    quarantine_reasons: Counter = field(default_factory=Counter)
    pipeline_version: str = ""
    seconds: float = 0.0

    def as_dict(self) -> dict:
        return {
            "files": self.files,
            "calls_read": self.calls_read,
            "calls_written": self.calls_written,
            "quarantined": self.quarantined,
            "findings": dict(sorted(self.findings.items())),
            "quarantine_stages": dict(sorted(self.quarantine_reasons.items())),
            "pipeline_version": self.pipeline_version,
            "seconds": round(self.seconds, 3),
        }

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), ensure_ascii=False)


# A metadata key in lower-case field-name form ("caller_number", "sources[0].type"): the name
# model guesses at such words without context, so only the pattern recognizers scan it.
_PLAIN_KEY = re.compile(r"[a-z0-9_.\[\]-]+")


def _safe_reason(stage: str, exc: BaseException) -> str:
    if isinstance(exc, RedactorError):
        return str(exc)  # our messages name fields, never values
    return f"{stage} failed ({type(exc).__name__})"


class Pipeline:
    def __init__(self, config: Config, detector: Detector | None = None):
        self.config = config
        key = load_key(config.section("pseudonymise").get("key_file") or None)
        self.pseudonymiser = Pseudonymiser(key) if key else None
        policy = config.section("policy")
        self.policy = Policy(policy.get("default"), dict(policy.get("entities", {})), self.pseudonymiser)
        detect = config.section("detect")
        self.detector = detector or Detector.from_config(config)
        self.label_fields = {f"metadata.{key}" for key in detect.get("label_fields", [])}
        self.version = f"{__version__}+{self.detector.model_name}+{self.detector.tail_name}+cfg.{config.digest}"
        self.batch_size = int(config.section("ingest").get("batch_size", 64))
        self.limits = Limits.from_config(config.section("ingest"))
        self.max_record_bytes = self.limits.max_record_bytes
        # A batch also ends at this many input bytes: 64 records near max_record_bytes would
        # otherwise all be held (parsed, detected, redacted) at once.
        self.batch_bytes = int(config.section("ingest").get("batch_bytes", 4 * 1024 * 1024))
        # A detector given by the caller is theirs to keep; one built here is renewed (`_renew`).
        self.renew_every = int(config.section("ingest").get("renew_model_every_calls", 5000)) if detector is None else 0
        self._calls_since_renew = 0

    # ---- per call --------------------------------------------------------------------------

    def parse(self, record: RawRecord) -> Call | Quarantined:
        if record.error:
            return Quarantined(record.source_file, record.index, record.error, "read", record.raw)
        try:
            call = parse_record(record.data, record.raw, record.source_file, self.limits.max_segments)
            if call.shape == "klang":
                default_queue(call.metadata, self.config.section("klang"))
            return call
        except Exception as exc:  # noqa: BLE001 - fail closed on anything
            return Quarantined(record.source_file, record.index, _safe_reason("parse", exc), "parse", record.raw)

    def redact_batch(self, calls: list[tuple[Call, RawRecord]]) -> list[RedactedCall | Quarantined]:
        """Detect over the whole batch at once (spaCy batches well), then transform call by call.

        If detection fails for the batch, each call is retried alone, so one poison call is
        quarantined and the others go through: every input comes out as exactly one result.
        """
        units = [scan_units(call) for call, _ in calls]
        try:
            per_call = self.detect_units(units)
        except Exception as exc:  # noqa: BLE001 - isolate the failing call
            if len(calls) == 1:
                call, record = calls[0]
                return [
                    Quarantined(
                        record.source_file,
                        record.index,
                        _safe_reason("detect", exc),
                        "detect",
                        record.raw,
                        call_id=call.call_id,
                    )
                ]
            return [r for pair in calls for r in self.redact_batch([pair])]
        return [self._transform(call, record, unit, dets) for (call, record), unit, dets in zip(calls, units, per_call)]

    def detect_units(self, units: list[ScanUnits]) -> list[dict[str, list[Detection]]]:
        """Detections per call and field. A call's segments are detected together, as its
        dialogue (`redactor.detect.dialogue`), so a question and its answer, or a number split
        over turns, meet; every other field is detected on its own."""
        texts: list[str] = []
        owners: list[tuple[int, str]] = []
        for i, unit in enumerate(units):
            for name, text in unit.detection_texts().items():
                texts.append(text)
                owners.append((i, name))
        found = self.detector.detect_many(texts)
        per_call = [structural_detections(u.texts) for u in units]
        # the names the dialogue gives its animals are no one's in the call's other fields either
        pets = {i: pets_of(text, dets) for (i, name), text, dets in zip(owners, texts, found) if name == DIALOGUE}
        for (i, name), text, dets in zip(owners, texts, found):
            if name != DIALOGUE and pets.get(i):
                dets = without_pets(text, dets, pets[i])
            if name == DIALOGUE:
                for field_name, seg_dets in units[i].dialogue.split(dets).items():
                    per_call[i].setdefault(field_name, []).extend(seg_dets)
                continue
            if name in ID_FIELDS:
                # the model's places in a file name or an export id are the export's own words
                # ("klang_page_2026-11-24.json"), no place where anyone lives
                dets = [
                    d
                    for d in id_detections(units[i].texts[name], dets)
                    if not (d.from_model and d.entity_type == "LOCATION")
                ]
            if name in self.label_fields or (name.startswith("metadata_keys[") and _PLAIN_KEY.fullmatch(text)):
                dets = [d for d in dets if not d.from_model]
            per_call[i].setdefault(name, []).extend(dets)
        return per_call

    def _transform(
        self, call: Call, record: RawRecord, unit: ScanUnits, dets: dict[str, list[Detection]]
    ) -> RedactedCall | Quarantined:
        try:
            return transform_call(call, unit, dets, self.policy, self.pseudonymiser, self.version)
        except Exception as exc:  # noqa: BLE001
            stage = "verify" if isinstance(exc, LeakError) else "transform"
            return Quarantined(
                record.source_file, record.index, _safe_reason(stage, exc), stage, record.raw, call_id=call.call_id
            )

    # ---- streams ---------------------------------------------------------------------------

    def process(self, records: Iterable[RawRecord]) -> Iterator[RedactedCall | Quarantined]:
        """Stream results in bounded batches; memory does not grow with the input."""
        pending: list[tuple[Call, RawRecord]] = []
        size = 0
        for record in records:
            parsed = self.parse(record)
            if isinstance(parsed, Quarantined):
                yield parsed
                continue
            pending.append((parsed, record))
            size += len(record.raw)
            if len(pending) >= self.batch_size or size >= self.batch_bytes:
                yield from self.redact_batch(pending)
                self._renew(len(pending))
                pending, size = [], 0
        if pending:
            yield from self.redact_batch(pending)
            self._renew(len(pending))

    def _renew(self, calls: int) -> None:
        """Load the model afresh every `renew_every` calls. spaCy adds every word it has not seen
        to the model's vocabulary and never lets one go: ~13 words, ~5 kB a generated call, so a
        long run grew each worker by hundreds of MB. The same model files give the same results."""
        if self.renew_every <= 0:
            return
        self._calls_since_renew += calls
        if self._calls_since_renew < self.renew_every:
            return
        self._calls_since_renew = 0
        del self.detector  # the old vocabulary goes before the new model loads: no two at once
        gc.collect()  # spaCy's objects refer to each other
        self.detector = Detector.from_config(self.config)
