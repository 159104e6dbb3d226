"""The detector: Presidio's AnalyzerEngine for Swedish, fully offline, with a fast path.

Offline means: the spaCy pipeline is loaded from a path in models/ (Presidio would otherwise
download en_core_web_lg), and no recognizer that calls tldextract is registered.

Fast path (issue 9; results identical to plain `AnalyzerEngine.analyze` on every text, which
`detect_many_reference` keeps and tests/test_bench.py checks). A call is ~200 small fields and most
of them hold nothing: Presidio still builds NlpArtifacts (a Python loop over every token, lemmas,
stop words), looks up recognizers, runs every recognizer, the context enhancer, the threshold and
duplicate filters, and deep-copies the results, field by field. Here a field goes through
`AnalyzerEngine.analyze` only if something could be found in it:

- a pattern recognizer's regex (compiled exactly as Presidio compiles it, same flags, same timeout)
  matches somewhere in the field, or
- the spaCy pipeline put an entity on it whose label Presidio does not ignore, or
- a recognizer of another kind is registered that offers no cheap test (`may_match(text)`), in
  which case every field is analysed (correct, just slower).

Otherwise Presidio would return nothing for the field, because every result starts as a regex match
or an NER entity (context only raises or lowers scores of existing results). Two more savings
keep the output identical: the `lower_lemmas` component runs only on the documents that get
analysed (it is the last component, nothing reads lemmas before Presidio), and a pipeline without
components (no NER: the tokenizer alone) is run only on the fields that get analysed. Results of
short texts (speaker labels, "Mm.", "Ja precis.") are cached per detector.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence

import regex
import spacy
from presidio_analyzer import AnalyzerEngine, EntityRecognizer, PatternRecognizer, RecognizerRegistry, RecognizerResult
from presidio_analyzer import pattern_recognizer as _presidio_pattern_recognizer
from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine
from presidio_analyzer.predefined_recognizers import SpacyRecognizer

import recognizers
from redactor.detect import components  # noqa: F401  (registers "lower_lemmas")
from redactor.detect.components import lower_lemmas

LANGUAGE = "sv"
NER_ENTITIES = ["PERSON", "LOCATION"]
# webbnyheter/SUC labels -> Presidio's names; ORG and MISC are not personal data here.
LABEL_MAPPING = {"PER": "PERSON", "PRS": "PERSON", "PERSON": "PERSON", "LOC": "LOCATION", "LOCATION": "LOCATION"}
LEMMA_COMPONENT = "lower_lemmas"
# Texts up to this length have their results cached (speaker labels, back-channel turns).
CACHE_MAX_CHARS = 64
CACHE_ENTRIES = 20_000

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
        if LEMMA_COMPONENT not in nlp.pipe_names:
            nlp.add_pipe(LEMMA_COMPONENT, last=True)
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


def _pattern_prefilter(rec: PatternRecognizer) -> Callable[[str], bool]:
    """True when one of the recognizer's patterns has a non-empty match in the text, compiled and
    run exactly as `PatternRecognizer.analyze` runs them inside `AnalyzerEngine.analyze` (the
    recognizer's global flags, Presidio's regex timeout). A timeout counts as a match: Presidio
    then decides for itself."""
    compiled = [regex.compile(p.regex, flags=rec.global_regex_flags) for p in rec.patterns]
    timeout = _presidio_pattern_recognizer.REGEX_TIMEOUT_SECONDS

    def may_match(text: str) -> bool:
        for rx in compiled:
            try:
                m = rx.search(text, timeout=timeout)
                if m is None:
                    continue
                if m.end() > m.start():
                    return True
                if any(x.end() > x.start() for x in rx.finditer(text, timeout=timeout)):
                    return True
            except TimeoutError:
                return True
        return False

    return may_match


def _overrides(rec: EntityRecognizer, base: type, *names: str) -> bool:
    return any(getattr(type(rec), n) is not getattr(base, n) for n in names)


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
        self._build_fast_path()

    # ---- fast path set-up ------------------------------------------------------------------

    def _build_fast_path(self) -> None:
        nlp = self.nlp_engine.nlp[LANGUAGE]
        # A pipeline with no component of its own (the tokenizer alone) never sets entities.
        self._nlp_sets_entities = any(name != LEMMA_COMPONENT for name in nlp.pipe_names)
        self._uses_ner = False
        self._prefilters: list[Callable[[str], bool]] = []
        self._analyse_all = False  # a recognizer we cannot pre-test: analyse every field
        for rec in self.analyzer.get_recognizers(LANGUAGE):
            may_match = getattr(rec, "may_match", None)
            if callable(may_match):  # a recognizer's own cheap superset test
                self._prefilters.append(may_match)
            elif isinstance(rec, SpacyRecognizer) and not _overrides(rec, SpacyRecognizer, "analyze", "enhance_using_context"):
                self._uses_ner = True
            elif isinstance(rec, PatternRecognizer) and not _overrides(rec, PatternRecognizer, "analyze", "enhance_using_context"):
                self._prefilters.append(_pattern_prefilter(rec))
            else:
                self._analyse_all = True
        self._ignored_labels = set(self.nlp_engine.ner_model_configuration.labels_to_ignore)
        self._cache: OrderedDict[str, list[Detection]] = OrderedDict()

    @property
    def model_name(self) -> str:
        meta = self.nlp_engine.nlp[LANGUAGE].meta
        return f"{meta.get('name', 'pipeline')}-{meta.get('version', '0')}"

    def detect(self, text: str) -> list[Detection]:
        return self.detect_many([text])[0]

    # ---- detection ---------------------------------------------------------------------------

    def _may_match(self, text: str) -> bool:
        return self._analyse_all or any(f(text) for f in self._prefilters)

    def _has_entities(self, doc) -> bool:
        return self._uses_ner and any(ent.label_ not in self._ignored_labels for ent in doc.ents)

    def _analyse(self, text: str, doc) -> list[Detection]:
        """Plain Presidio on one field, from its spaCy doc (with lemmas)."""
        nlp_artifacts = self.nlp_engine._doc_to_nlp_artifact(doc, LANGUAGE)
        results = self.analyzer.analyze(text=text, language=LANGUAGE, entities=self.entities, nlp_artifacts=nlp_artifacts)
        return self._to_detections(text, results)

    def _to_detections(self, text: str, results: list[RecognizerResult]) -> list[Detection]:
        return [
            Detection(r.entity_type, r.start, r.end, round(float(r.score), 4),
                      (r.recognition_metadata or {}).get(RecognizerResult.RECOGNIZER_NAME_KEY, "unknown"))
            for r in _resolve_overlaps(results)
            if not self.allowlist.allows(r.entity_type, text[r.start:r.end])
        ]

    def detect_many(self, texts: Sequence[str], batch_size: int = 32) -> list[list[Detection]]:
        """Detections per text, offsets into the text as given (callers normalise first).

        Same results as `detect_many_reference` (plain Presidio on every text), faster: see the
        module docstring.
        """
        out: list[list[Detection]] = [[] for _ in texts]
        todo: list[int] = []
        first_of: dict[str, int] = {}  # a text repeated within the batch is analysed once
        repeats: list[tuple[int, int]] = []
        for i, t in enumerate(texts):
            if not t or not t.strip():
                continue
            if len(t) <= CACHE_MAX_CHARS:
                cached = self._cache.get(t)
                if cached is not None:
                    self._cache.move_to_end(t)
                    out[i] = list(cached)
                    continue
                if t in first_of:
                    repeats.append((i, first_of[t]))
                    continue
                first_of[t] = i
            todo.append(i)
        nlp = self.nlp_engine.nlp[LANGUAGE]
        if not self._nlp_sets_entities:
            # Tokens only: Presidio needs them only where a recognizer matched.
            flagged = [i for i in todo if self._may_match(texts[i])]
            for i, doc in zip(flagged, nlp.pipe([texts[i] for i in flagged], batch_size=batch_size)):
                out[i] = self._analyse(texts[i], doc)
        else:
            # Same texts, same order, same batches as the reference path: the model sees what it
            # would have seen; lemmas are filled only where Presidio will read them.
            with nlp.select_pipes(disable=[LEMMA_COMPONENT]):
                for i, doc in zip(todo, nlp.pipe([texts[i] for i in todo], batch_size=batch_size)):
                    if self._has_entities(doc) or self._may_match(texts[i]):
                        out[i] = self._analyse(texts[i], lower_lemmas(doc))
        for i in todo:
            t = texts[i]
            if len(t) <= CACHE_MAX_CHARS:
                self._cache[t] = list(out[i])
                if len(self._cache) > CACHE_ENTRIES:
                    self._cache.popitem(last=False)
        for i, j in repeats:
            out[i] = list(out[j])
        return out

    def detect_many_reference(self, texts: Sequence[str], batch_size: int = 32) -> list[list[Detection]]:
        """Plain Presidio: `process_batch` then `AnalyzerEngine.analyze` on every non-blank text.
        What the fast path must equal; used by the tests and the benchmark."""
        out: list[list[Detection]] = [[] for _ in texts]
        todo = [i for i, t in enumerate(texts) if t and t.strip()]
        artifacts = self.nlp_engine.process_batch([texts[i] for i in todo], LANGUAGE, batch_size=batch_size)
        for i, (text, nlp_artifacts) in zip(todo, artifacts):
            results = self.analyzer.analyze(
                text=text, language=LANGUAGE, entities=self.entities, nlp_artifacts=nlp_artifacts
            )
            out[i] = self._to_detections(text, results)
        return out
