"""The detector: Presidio's AnalyzerEngine for Swedish, fully offline.

Offline means: the spaCy pipeline is loaded from a path in models/ (Presidio would otherwise
download en_core_web_lg), and no recognizer that calls tldextract is registered.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

import spacy
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry, RecognizerResult
from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine
from presidio_analyzer.predefined_recognizers import SpacyRecognizer

import recognizers
from redactor.detect import components  # noqa: F401  (registers "lower_lemmas")

LANGUAGE = "sv"
NER_ENTITIES = ["PERSON", "LOCATION"]
# webbnyheter/SUC labels -> Presidio's names; ORG and MISC are not personal data here.
LABEL_MAPPING = {"PER": "PERSON", "PRS": "PERSON", "PERSON": "PERSON", "LOC": "LOCATION", "LOCATION": "LOCATION"}

logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)


@dataclass(frozen=True)
class Detection:
    entity_type: str
    start: int
    end: int
    score: float
    recognizer: str


class LocalSpacyNlpEngine(SpacyNlpEngine):
    """Loads the pipeline from a folder and never downloads anything."""

    def __init__(self, model_path: Path):
        super().__init__(
            models=[{"lang_code": LANGUAGE, "model_name": str(model_path)}],
            ner_model_configuration=NerModelConfiguration(
                model_to_presidio_entity_mapping=LABEL_MAPPING,
                labels_to_ignore=["ORG", "MISC", "TME", "EVN", "WRK", "OBJ", "MSR"],
            ),
        )
        self.model_path = Path(model_path)

    def load(self) -> None:
        if not (self.model_path / "config.cfg").is_file():
            raise FileNotFoundError(f"spaCy pipeline not found at {self.model_path} (expected config.cfg there)")
        nlp = spacy.load(self.model_path)
        if "lower_lemmas" not in nlp.pipe_names:
            nlp.add_pipe("lower_lemmas", last=True)
        self.nlp = {LANGUAGE: nlp}


def _resolve_overlaps(results: list[RecognizerResult]) -> list[RecognizerResult]:
    """Drop a result lying inside another that scores at least as high; keep partial overlaps
    (the transform merges them), so no detected character is ever lost here."""
    ordered = sorted(results, key=lambda r: (-r.score, -(r.end - r.start), r.start))
    kept: list[RecognizerResult] = []
    for r in ordered:
        if any(k.start <= r.start and r.end <= k.end for k in kept):
            continue
        kept.append(r)
    return sorted(kept, key=lambda r: (r.start, r.end))


class Detector:
    def __init__(
        self,
        model_path: Path | str,
        score_threshold: float = 0.5,
        allowlist: Iterable[str] = (),
        entities: Sequence[str] | None = None,
    ):
        self.model_path = Path(model_path)
        self.score_threshold = score_threshold
        self.allowlist = recognizers.AllowlistFilter(list(allowlist))
        self.entities = list(entities) if entities else None
        self.nlp_engine = LocalSpacyNlpEngine(self.model_path)
        self.nlp_engine.load()
        registry = RecognizerRegistry(supported_languages=[LANGUAGE])
        for rec in recognizers.build_recognizers(LANGUAGE):
            registry.add_recognizer(rec)
        registry.add_recognizer(SpacyRecognizer(supported_language=LANGUAGE, supported_entities=NER_ENTITIES))
        self.analyzer = AnalyzerEngine(
            registry=registry,
            nlp_engine=self.nlp_engine,
            supported_languages=[LANGUAGE],
            default_score_threshold=score_threshold,
        )

    @property
    def model_name(self) -> str:
        meta = self.nlp_engine.nlp[LANGUAGE].meta
        return f"{meta.get('name', 'pipeline')}-{meta.get('version', '0')}"

    def detect(self, text: str) -> list[Detection]:
        return self.detect_many([text])[0]

    def detect_many(self, texts: Sequence[str], batch_size: int = 32) -> list[list[Detection]]:
        """Detections per text, offsets into the text as given (callers normalise first)."""
        out: list[list[Detection]] = [[] for _ in texts]
        todo = [i for i, t in enumerate(texts) if t and t.strip()]
        artifacts = self.nlp_engine.process_batch([texts[i] for i in todo], LANGUAGE, batch_size=batch_size)
        for i, (text, nlp_artifacts) in zip(todo, artifacts):
            results = self.analyzer.analyze(
                text=text, language=LANGUAGE, entities=self.entities, nlp_artifacts=nlp_artifacts
            )
            out[i] = [
                Detection(r.entity_type, r.start, r.end, round(float(r.score), 4),
                          (r.recognition_metadata or {}).get(RecognizerResult.RECOGNIZER_NAME_KEY, "unknown"))
                for r in _resolve_overlaps(results)
                if not self.allowlist.allows(r.entity_type, text[r.start:r.end])
            ]
        return out
