"""The detector: Presidio's AnalyzerEngine for Swedish, fully offline, with a fast path.

Offline means: the spaCy pipeline is loaded from a folder (the shipped redactor/data/sv_klang; Presidio
would otherwise download en_core_web_lg), and no recognizer that calls tldextract is registered.

Fast path (issue 9; results identical to plain `AnalyzerEngine.analyze` on every text, which
`detect_many_reference` keeps and tests/bench/test_bench.py checks). A call is ~200 small fields and most
of them hold nothing: Presidio still builds NlpArtifacts (a Python loop over every token, lemmas,
stop words), looks up recognizers, runs every recognizer, the context enhancer, the threshold and
duplicate filters, and deep-copies the results, field by field. Here a field goes through
`AnalyzerEngine.analyze` only if something could be found in it:

- a pattern recognizer returns a result for the field (a quick regex search first, compiled as
  Presidio compiles it; where it matches, the recognizer's own `analyze`: validation included), or
- the spaCy pipeline put an entity on it whose label Presidio does not ignore, or
- a recognizer of another kind is registered that offers no cheap test (`may_match(text)`), in
  which case every field is analysed (correct, just slower).

A recognizer may define `may_match(text) -> bool`, a cheap test that is False only where it can
find nothing (e.g. "no street suffix in the text"); a pattern recognizer's regexes then run only
where it says True. The recognizer owns that promise; tests/bench/test_bench.py checks the outcome.

Otherwise Presidio would return nothing for the field, because every result starts as a pattern
recognizer's result or an NER entity (context only raises or lowers scores of existing results). Two more savings
keep the output identical: the `lower_lemmas` component runs only on the documents that get
analysed (it is the last component, nothing reads lemmas before Presidio), and a pipeline without
components (no NER: the tokenizer alone) is run only on the fields that get analysed. Results of
short texts (speaker labels, "Mm.", "Ja precis.") are cached per detector.

A dialogue (several lines, the first a labelled turn) is read twice, by `_by_lines`: the recognizers read
it whole, with the tokenizer alone; the name model reads each turn's label and text on its own
(cached when short). The reference path composes plain Presidio the same way.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal, TypeVar

import regex
import spacy
from presidio_analyzer import AnalyzerEngine, EntityRecognizer, PatternRecognizer, RecognizerRegistry, RecognizerResult
from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer
from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine
from presidio_analyzer.predefined_recognizers import SpacyRecognizer

import recognizers
from recognizers.company_own import CompanyOwn
from recognizers.dialogue_slots import TURN_LINE
from recognizers.echoes import (
    ECHO_RECOGNIZER,
    ECHO_SCORE,
    compacted,
    echoes,
    months_beside,
    pieces_read_back,
    set_against,
)
from recognizers.fold import fold
from recognizers.introduction import KlangSelfIntroductionRecognizer, lexicon
from recognizers.lexicon import shipped_lexicon
from recognizers.pets import is_pet, pet_names
from recognizers.tail import TAIL_ENTITY, TAIL_RECOGNIZER, TAIL_THRESHOLD, shipped_model
from redactor.detect import (
    components,  # noqa: F401  (registers "lower_lemmas", "name_shape", "name_particles", "not_names")
    presidio_compat,
)
from redactor.detect.components import lower_lemmas
from redactor.detect.not_names import is_not_name

LANGUAGE = "sv"
NER_ENTITIES = ["PERSON", "LOCATION"]
# webbnyheter/SUC labels -> Presidio's names; ORG and MISC are not personal data here.
LABEL_MAPPING = {"PER": "PERSON", "PRS": "PERSON", "PERSON": "PERSON", "LOC": "LOCATION", "LOCATION": "LOCATION"}
LEMMA_COMPONENT = "lower_lemmas"
SHAPE_COMPONENT = "name_shape"
PARTICLES_COMPONENT = "name_particles"
NOT_NAMES_COMPONENT = "not_names"
# The recognizer name Presidio gives the NER model's results.
NER_RECOGNIZER = SpacyRecognizer.__name__
# Texts up to this length have their results cached (speaker labels, back-channel turns).
CACHE_MAX_CHARS = 64
CACHE_ENTRIES = 20_000
# Longer texts are detected in overlapping windows, so the cost stays linear in the text's length
# (spaCy and the context enhancer grow faster than that on one huge document) and memory bounded.
# A detection belongs to the window whose middle part it starts in; the overlap is far longer
# than any value plus the turns of context around it, so a value on a border is seen whole.
WINDOW_CHARS = 8_000
# At most about this many characters in one spaCy batch (peak memory, not speed, depends on it).
BATCH_CHARS = 40_000
WINDOW_OVERLAP = 1_200

logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)

# What of the detector reads a text: all of it, the recognizers alone, the name model alone.
Reads = Literal["all", "rules", "model"]


@dataclass(frozen=True)
class Detection:
    entity_type: str
    start: int
    end: int
    score: float
    recognizer: str

    @property
    def from_model(self) -> bool:
        return self.recognizer == NER_RECOGNIZER


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
        if nlp.has_pipe("ner") and SHAPE_COMPONENT not in nlp.pipe_names:
            nlp.add_pipe(SHAPE_COMPONENT, after="ner")
            nlp.add_pipe(PARTICLES_COMPONENT, after=SHAPE_COMPONENT)
            nlp.add_pipe(NOT_NAMES_COMPONENT, after=PARTICLES_COMPONENT)
        if LEMMA_COMPONENT not in nlp.pipe_names:
            nlp.add_pipe(LEMMA_COMPONENT, last=True)
        self.nlp = {LANGUAGE: nlp}


_Span = TypeVar("_Span", RecognizerResult, Detection)


def _company_not_person(span: str) -> bool:
    """A company, service or place a recognizer took for a person; not when it opens with a first
    name ("Karin Holm Västkustens Elhandel", a name and a company run together)."""
    words = span.split()
    if not words or not is_not_name(span):
        return False
    return not {"first", "foreign_first"} & shipped_lexicon().get(words[0].lower(), set())


def _named_by_rule(r: RecognizerResult) -> bool:
    """A person a recognizer found, or the place one said with their name (introduction.py)."""
    by = (r.recognition_metadata or {}).get(RecognizerResult.RECOGNIZER_NAME_KEY)
    return r.entity_type == "PERSON" or (r.entity_type == "LOCATION" and by == KlangSelfIntroductionRecognizer.__name__)


def _resolve_overlaps(results: list[_Span]) -> list[_Span]:
    """Drop a result lying inside another that scores at least as high; keep partial overlaps
    (the transform merges them), so no detected character is ever lost here."""
    ordered = sorted(results, key=lambda r: (-r.score, -(r.end - r.start), r.start))
    kept: list[_Span] = []
    for r in ordered:
        if any(k.start <= r.start and r.end <= k.end for k in kept):
            continue
        kept.append(r)
    return sorted(kept, key=lambda r: (r.start, r.end))


def _cut(text: str, pos: int) -> int:
    """A window border at or before `pos`: after a line break, else after a space, near it."""
    if pos >= len(text):
        return len(text)
    floor = max(0, pos - WINDOW_OVERLAP // 4)
    for sep in ("\n", " "):
        at = text.rfind(sep, floor, pos)
        if at >= 0:
            return at + 1
    return pos


def text_windows(text: str) -> list[tuple[int, int, int, int]]:
    """(start, end, own_from, own_to) of the windows a long text is detected in. Windows overlap
    by about WINDOW_OVERLAP; each owns the positions from the middle of the overlap before it to
    the middle of the one after."""
    if len(text) <= WINDOW_CHARS:
        return [(0, len(text), 0, len(text))]
    bounds: list[tuple[int, int]] = []
    start = 0
    while True:
        end = _cut(text, start + WINDOW_CHARS)
        if end <= start + WINDOW_OVERLAP:  # no break near the border: cut hard
            end = min(len(text), start + WINDOW_CHARS)
        bounds.append((start, end))
        if end >= len(text):
            break
        nxt = _cut(text, end - WINDOW_OVERLAP)
        start = nxt if nxt > start else end - WINDOW_OVERLAP
    out = []
    for k, (start, end) in enumerate(bounds):
        own_from = 0 if k == 0 else (start + bounds[k - 1][1]) // 2
        own_to = len(text) if k == len(bounds) - 1 else (bounds[k + 1][0] + end) // 2
        out.append((start, end, own_from, own_to))
    return out


class _PatternCheck:
    """A pattern recognizer's raw results for a text, exactly as `AnalyzerEngine.analyze` gets
    them (`rec.analyze`: Presidio's code, regex timeout, validation, invalidation, minimum score),
    but only called where one of its patterns matches: a quick search with the patterns compiled
    as Presidio compiles them (the recognizer's global flags). No match means no result."""

    def __init__(self, rec: PatternRecognizer, gate: Callable[[str], bool] | None = None):
        self.rec = rec
        self.gate = gate  # the recognizer's own `may_match`: False promises no result
        self.compiled = [regex.compile(p.regex, flags=rec.global_regex_flags) for p in rec.patterns]
        self.timeout = presidio_compat.REGEX_TIMEOUT_SECONDS

    def results(self, text: str, entities: list[str]) -> list[RecognizerResult]:
        if self.gate is not None and not self.gate(text):
            return []
        for rx in self.compiled:
            try:
                hit = rx.search(text, timeout=self.timeout) is not None
            except TimeoutError:
                hit = True  # let Presidio's own code decide (and log) as it would
            if hit:
                return self.rec.analyze(text=text, entities=entities, nlp_artifacts=None)
        return []


def _overrides(rec: EntityRecognizer, base: type, *names: str) -> bool:
    return any(getattr(type(rec), n) is not getattr(base, n) for n in names)


def _warm_tokenizer(nlp: spacy.Language) -> None:
    """Fill the tokenizer's cache with the lexicon's everyday words and names, outside any memory
    zone: inside one spaCy caches nothing, so what is cached now is what detection reuses."""
    common, names = lexicon()[0], lexicon()[1]
    nlp.tokenizer(" ".join(sorted(common | names)))


class Detector:
    def __init__(
        self,
        model_path: Path | str,
        score_threshold: float = 0.5,
        allowlist: Iterable[str] = (),
        entities: Sequence[str] | None = None,
        phrases: Iterable[str] = (),
        tail_threshold: float | None = TAIL_THRESHOLD,
    ):
        self.model_path = Path(model_path)
        # The learned tail (recognizers.tail) on dialogues; None: off.
        self.tail = (
            None
            if tail_threshold is None or (entities and TAIL_ENTITY not in entities)
            else (shipped_model(), tail_threshold)
        )
        self.score_threshold = score_threshold
        self.allowlist = recognizers.AllowlistFilter(list(allowlist), list(phrases))
        self.entities = list(entities) if entities else None
        self.nlp_engine = LocalSpacyNlpEngine(self.model_path)
        self.nlp_engine.load()
        _warm_tokenizer(self.nlp_engine.nlp[LANGUAGE])
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

    @classmethod
    def from_config(cls, config) -> Detector:
        """The detector a `redactor.config.Config` describes: model, threshold, the company's own
        values and phrases (profile + [allowlist])."""
        detect, allow = config.section("detect"), config.section("allowlist")
        return cls(
            config.model_path,
            float(detect.get("score_threshold", 0.5)),
            allow.get("values", []),
            phrases=allow.get("phrases", []),
            tail_threshold=float(detect.get("tail_threshold", TAIL_THRESHOLD)) or None,  # 0: off
        )

    # ---- fast path set-up ------------------------------------------------------------------

    def _build_fast_path(self) -> None:
        nlp = self.nlp_engine.nlp[LANGUAGE]
        # A pipeline with no component of its own (the tokenizer alone) never sets entities.
        self._nlp_sets_entities = any(name != LEMMA_COMPONENT for name in nlp.pipe_names)
        # What AnalyzerEngine.analyze computes on every call, computed once (the registry is fixed).
        all_fields = not self.entities
        self._recognizers = self.analyzer.registry.get_recognizers(
            language=LANGUAGE, entities=self.entities, all_fields=all_fields
        )
        self._entities = self.analyzer.get_supported_entities(language=LANGUAGE) if all_fields else self.entities
        self._uses_ner = False
        self._spacy_idx: set[int] = set()
        self._pattern_checks: list[tuple[int, _PatternCheck]] = []
        self._may_match_fns: list[Callable[[str], bool]] = []
        self._analyse_all = False  # a recognizer we cannot pre-test: analyse every field
        for idx, rec in enumerate(self._recognizers):
            may_match = getattr(rec, "may_match", None)  # a recognizer's own cheap superset test
            may_match = may_match if callable(may_match) else None
            if isinstance(rec, PatternRecognizer) and not _overrides(
                rec, PatternRecognizer, "analyze", "enhance_using_context"
            ):
                self._pattern_checks.append((idx, _PatternCheck(rec, may_match)))
            elif may_match is not None:
                self._may_match_fns.append(may_match)
            elif isinstance(rec, SpacyRecognizer) and not _overrides(
                rec, SpacyRecognizer, "analyze", "enhance_using_context"
            ):
                self._uses_ner = True
                self._spacy_idx.add(idx)
            else:
                self._analyse_all = True
        # Recognizers other than the name model (whose results "model" reading knows to be none).
        self._not_model_idx = tuple(idx for idx in range(len(self._recognizers)) if idx not in self._spacy_idx)
        self._ignored_labels = set(self.nlp_engine.ner_model_configuration.labels_to_ignore)
        # Context can only change a result's score when its recognizer has context words, it was
        # not boosted already, and it is below the maximum (the enhancer adds a non-negative
        # factor and caps at the maximum); recognizer-level enhancement must be the base no-op.
        enhancer = self.analyzer.context_aware_enhancer
        self._context_may_matter_always = (
            type(enhancer) is not LemmaContextAwareEnhancer
            or enhancer.context_similarity_factor < 0
            or any(_overrides(r, EntityRecognizer, "enhance_using_context") for r in self._recognizers)
        )
        self._has_context = {rec.id: bool(rec.context) for rec in self._recognizers}
        self._cache: OrderedDict[tuple[str, str], list[Detection]] = OrderedDict()

    @property
    def model_name(self) -> str:
        meta = self.nlp_engine.nlp[LANGUAGE].meta
        return f"{meta.get('name', 'pipeline')}-{meta.get('version', '0')}"

    @property
    def tail_name(self) -> str:
        """The learned tail's weights by digest ("tail.3f2a9c01"), or "tail.off": part of the
        pipeline version, so `redactor reprocess` sees a retrained tail as new code."""
        return f"tail.{self.tail[0].digest}" if self.tail is not None else "tail.off"

    def detect(self, text: str) -> list[Detection]:
        return self.detect_many([text])[0]

    # ---- detection ---------------------------------------------------------------------------

    def _scan(self, text: str) -> tuple[bool, dict[int, list[RecognizerResult]]]:
        """Whether Presidio could find anything in the text, and the pattern recognizers' raw
        results (by recognizer index), which `_analyse` reuses instead of running them again."""
        known: dict[int, list[RecognizerResult]] = {}
        flagged = self._analyse_all
        for idx, check in self._pattern_checks:
            res = known[idx] = check.results(text, self._entities)
            if res:
                flagged = True
        if not flagged:
            for may_match in self._may_match_fns:
                if may_match(text):
                    return True, known
        return flagged, known

    def _has_entities(self, doc) -> bool:
        return self._uses_ner and any(ent.label_ not in self._ignored_labels for ent in doc.ents)

    def _needs_context(self, results: list[RecognizerResult]) -> bool:
        if self._context_may_matter_always:
            return True
        for r in results:
            meta = r.recognition_metadata or {}
            if (
                self._has_context.get(meta.get(RecognizerResult.RECOGNIZER_IDENTIFIER_KEY), True)
                and not meta.get(RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY)
                and r.score < EntityRecognizer.MAX_SCORE
            ):
                return True
        return False

    def _analyse(
        self, text: str, known: dict[int, list[RecognizerResult]], doc=None, has_entities: bool = False
    ) -> list[Detection] | None:
        """`AnalyzerEngine.analyze` on one field, step by step with Presidio's own helpers, minus
        the work whose result is already known: the recognizer list (fixed), the pattern
        recognizers' raw results (from `_scan`), the NER recognizer's when the doc has no entity
        it would report, the context enhancement when it cannot change any score (and with it the
        NlpArtifacts), and the decision-process clean-up (a Detection carries no explanation).

        `doc` is the field's spaCy doc (lemmas are filled here when needed); without one, returns
        None if the analysis needs tokens."""
        results: list[RecognizerResult] = []
        need_artifacts = False
        for idx, rec in enumerate(self._recognizers):
            if idx in known:
                current = known[idx]
            elif idx in self._spacy_idx and not has_entities:
                current = []  # SpacyRecognizer only reports the doc's (non-ignored) entities
            else:
                need_artifacts = True
                break
            if current:
                presidio_compat.add_recognizer_id(current, rec)
                results.extend(current)
        if not need_artifacts and not self._needs_context(results):
            results = presidio_compat.remove_low_scores(self.analyzer, results, self._recognizers)
            return self._to_detections(text, EntityRecognizer.remove_duplicates(results))
        if doc is None:
            return None
        analyzer = self.analyzer
        nlp_artifacts = presidio_compat.doc_to_nlp_artifacts(self.nlp_engine, lower_lemmas(doc), LANGUAGE)
        results = []
        for idx, rec in enumerate(self._recognizers):
            if not rec.is_loaded:
                rec.load()
                rec.is_loaded = True
            current = (
                known[idx]
                if idx in known
                else rec.analyze(text=text, entities=self._entities, nlp_artifacts=nlp_artifacts)
            )
            if current:
                presidio_compat.add_recognizer_id(current, rec)
                results.extend(current)
        results = presidio_compat.enhance_using_context(analyzer, text, results, nlp_artifacts, self._recognizers)
        results = presidio_compat.remove_low_scores(analyzer, results, self._recognizers)
        results = EntityRecognizer.remove_duplicates(results)
        return self._to_detections(text, results)

    def _to_detections(self, text: str, results: list[RecognizerResult]) -> list[Detection]:
        phrase_spans = self.allowlist.phrase_spans(text) if results else []
        return [
            Detection(
                r.entity_type,
                r.start,
                r.end,
                round(float(r.score), 4),
                (r.recognition_metadata or {}).get(RecognizerResult.RECOGNIZER_NAME_KEY, "unknown"),
            )
            for r in _resolve_overlaps(results)
            if not self.allowlist.allows_at(r.entity_type, text, r.start, r.end, phrase_spans)
            # the model's names are checked in the pipeline (not_names); these are a recognizer's:
            # "Det är Swedbank.", "Hej, Kvitter Mobil, David här.", "det är Sara på Telia"
            and not (_named_by_rule(r) and _company_not_person(text[r.start : r.end]))
        ]

    def detect_many(self, texts: Sequence[str], batch_size: int = 32) -> list[list[Detection]]:
        """Detections per text, offsets into the text as given (callers normalise first); texts
        longer than WINDOW_CHARS are detected window by window."""
        if all(len(t) <= WINDOW_CHARS for t in texts):
            return self._detect_texts(texts, batch_size)
        parts: list[tuple[int, int, int, int]] = []  # (text index, window start, own from, own to)
        chunks: list[str] = []
        for i, t in enumerate(texts):
            for start, end, own_from, own_to in text_windows(t):
                parts.append((i, start, own_from, own_to))
                chunks.append(t[start:end])
        out: list[list[Detection]] = [[] for _ in texts]
        for (i, start, own_from, own_to), dets in zip(parts, self._detect_texts(chunks, batch_size)):
            out[i].extend(
                Detection(d.entity_type, d.start + start, d.end + start, d.score, d.recognizer)
                for d in dets
                if own_from <= d.start + start < own_to
            )
        return out

    def _detect_texts(self, texts: Sequence[str], batch_size: int) -> list[list[Detection]]:
        """Detection runs on each text's folded view (`recognizers.fold`: digits of every script as
        ASCII, invisible characters dropped, dashes as "-", look-alike letters as Latin ones); a
        detection's span is mapped back to the original characters it covers, invisible ones inside
        the value included. Texts of several lines are read by turns (`_by_lines`). Same results
        as `detect_many_reference` (plain Presidio on every folded text, by the same turns),
        faster: see the module docstring.
        """
        return _on_views(
            texts,
            lambda views: self._echoed(
                views, _by_lines(views, lambda part, reads: self._detect_folded(part, batch_size, reads))
            ),
        )

    def _detect_folded(self, texts: Sequence[str], batch_size: int, reads: Reads = "all") -> list[list[Detection]]:
        # spaCy holds a whole batch in memory: whole dialogues go through in smaller batches.
        # The docs live in a memory zone: the strings and lexemes of a call's numbers and names are
        # freed after it, so a worker's vocabulary does not grow with every call it reads (only
        # Detections, plain strings and offsets, leave the zone).
        longest = max((len(t) for t in texts), default=0)
        batch_size = max(1, min(batch_size, BATCH_CHARS // max(1, longest)))
        out: list[list[Detection]] = [[] for _ in texts]
        todo: list[int] = []
        first_of: dict[str, int] = {}  # a text repeated within the batch is analysed once
        repeats: list[tuple[int, int]] = []
        for i, t in enumerate(texts):
            if not t or not t.strip():
                continue
            if len(t) <= CACHE_MAX_CHARS:
                cached = self._cache.get((reads, t))
                if cached is not None:
                    self._cache.move_to_end((reads, t))
                    out[i] = list(cached)
                    continue
                if t in first_of:
                    repeats.append((i, first_of[t]))
                    continue
                first_of[t] = i
            todo.append(i)
        nlp = self.nlp_engine.nlp[LANGUAGE]
        if reads == "model" and not self._nlp_sets_entities:
            todo = []  # no model: nothing to read
        if reads == "rules" or not self._nlp_sets_entities:
            # Tokens only: Presidio needs them only where a recognizer found something whose
            # score context could still change.
            need_tokens = []
            for i in todo:
                hit, known = self._scan(texts[i])
                if hit:
                    found = self._analyse(texts[i], known)
                    if found is None:
                        need_tokens.append((i, known))
                    else:
                        out[i] = found
            with nlp.select_pipes(disable=nlp.pipe_names), nlp.memory_zone():
                docs = nlp.pipe([texts[i] for i, _ in need_tokens], batch_size=batch_size)
                for (i, known), doc in zip(need_tokens, docs):
                    out[i] = self._analyse(texts[i], known, doc)
        else:
            # Same texts, same order, same batches as the reference path: the model sees what it
            # would have seen; lemmas are filled only where Presidio will read them.
            with nlp.select_pipes(disable=[LEMMA_COMPONENT]), nlp.memory_zone():
                for i, doc in zip(todo, nlp.pipe([texts[i] for i in todo], batch_size=batch_size)):
                    # The model alone: every other recognizer's results are known to be none.
                    hit, known = (
                        self._scan(texts[i]) if reads == "all" else (False, {idx: [] for idx in self._not_model_idx})
                    )
                    has_entities = self._has_entities(doc)
                    if hit or has_entities:
                        out[i] = self._analyse(texts[i], known, doc, has_entities)
        for i in todo:
            t = texts[i]
            if len(t) <= CACHE_MAX_CHARS:
                self._cache[(reads, t)] = list(out[i])
                if len(self._cache) > CACHE_ENTRIES:
                    self._cache.popitem(last=False)
        for i, j in repeats:
            out[i] = list(out[j])
        return out

    def _echoed(self, texts: Sequence[str], found: list[list[Detection]]) -> list[list[Detection]]:
        """Each text's detections and what echoes them (`recognizers.echoes`: a value corrected or
        read back in part), then in a dialogue what the learned tail reads as personal data among
        the words left (`recognizers.tail`), but for the company's own values and phrases (the
        allowlist) and, in a dialogue, what the call itself says is the company's own
        (`recognizers.company_own`: its references, the contact the agent gives as "ours") and the
        names it gives its animals (`recognizers.pets`)."""
        out = []
        for text, dets in zip(texts, found):
            spans = [(d.entity_type, d.start, d.end) for d in dets]
            # a name echoed beside one found is no service, country or region ("Anna och Telia.")
            said_again = [
                x for x in echoes(text, spans) if x[0] != "PERSON" or not _company_not_person(text[x[1] : x[2]])
            ]
            more = [Detection(e, s, t, ECHO_SCORE, ECHO_RECOGNIZER) for e, s, t in said_again]
            dialogue = _is_dialogue(text)
            if self.tail is not None and dialogue:
                model, threshold = self.tail
                more += [
                    Detection(e, s, t, score, TAIL_RECOGNIZER)
                    for e, s, t, score in model.find(
                        text, spans + [(d.entity_type, d.start, d.end) for d in more], threshold
                    )
                ]
            if dialogue:
                pieces = spans + [(d.entity_type, d.start, d.end) for d in more]
                more += [
                    Detection(e, s, t, ECHO_SCORE, ECHO_RECOGNIZER)
                    for e, s, t in compacted(text, pieces)
                    + pieces_read_back(text, pieces)
                    + set_against(text, pieces)
                    + months_beside(text, pieces)
                ]
            phrase_spans = self.allowlist.phrase_spans(text) if more else []
            more = [d for d in more if not self.allowlist.allows_at(d.entity_type, text, d.start, d.end, phrase_spans)]
            if (dets or more) and dialogue:
                own = CompanyOwn(text)
                kept = set(own.without_own(dets + more))
                dets, more = [d for d in dets if d in kept], [d for d in more if d in kept]
                # ... and its animals' names ("hunden Sixten"), where no rule that reads people found them
                pets = pets_of(text, dets + more)
                dets, more = without_pets(text, dets, pets), without_pets(text, more, pets)
            out.append(_resolve_overlaps(dets + more) if more else dets)
        return out

    def detect_many_reference(self, texts: Sequence[str], batch_size: int = 32) -> list[list[Detection]]:
        """Plain Presidio: `process_batch` then `AnalyzerEngine.analyze` on every non-blank text.
        What the fast path must equal; used by the tests and the benchmark."""
        return _on_views(
            texts,
            lambda views: self._echoed(
                views, _by_lines(views, lambda part, reads: self._reference_folded(part, batch_size, reads))
            ),
        )

    def _reference_folded(self, texts: Sequence[str], batch_size: int, reads: Reads = "all") -> list[list[Detection]]:
        """Presidio on the texts; "rules": with the tokenizer alone (no entities), "model": all
        of it (`_by_lines` keeps the model's results)."""
        out: list[list[Detection]] = [[] for _ in texts]
        todo = [i for i, t in enumerate(texts) if t and t.strip()]
        nlp = self.nlp_engine.nlp[LANGUAGE]
        without = [p for p in nlp.pipe_names if p != LEMMA_COMPONENT] if reads == "rules" else []
        with nlp.select_pipes(disable=without):
            artifacts = list(self.nlp_engine.process_batch([texts[i] for i in todo], LANGUAGE, batch_size=batch_size))
        for i, (text, nlp_artifacts) in zip(todo, artifacts):
            results = self.analyzer.analyze(
                text=text, language=LANGUAGE, entities=self.entities, nlp_artifacts=nlp_artifacts
            )
            out[i] = self._to_detections(text, results)
        return out


# The recognizers that guess names from the words alone; the others read people from what is said
# (a self-introduction, a question for a name, a title).
_GUESSED = frozenset({NER_RECOGNIZER, TAIL_RECOGNIZER, ECHO_RECOGNIZER})


def pets_of(text: str, found: Sequence[Detection]) -> frozenset[str]:
    """The names a call's dialogue gives its animals (`recognizers.pets`) that no rule reading people
    found as someone's ("Tack Eva" after "min hund, Eva heter jag" is a person)."""
    pets = pet_names(text)
    people = {
        text[d.start : d.end].casefold() for d in found if d.entity_type == "PERSON" and d.recognizer not in _GUESSED
    }
    return pets - {w for p in people for w in p.split()} if pets else pets


def without_pets(text: str, found: Sequence[Detection], pets: frozenset[str]) -> list[Detection]:
    """The detections of `text` without the call's pets' names (in any field of the call: "Sixten"
    in its summary too): a guessed PERSON that is one is dropped, one that opens with one loses it
    ("Sixten opererades", the model's span in a summary, keeps "opererades")."""
    if not pets:
        return list(found)
    out = []
    for d in found:
        said = text[d.start : d.end]
        first = (said.split() or [""])[0]
        if d.entity_type == "PERSON" and d.recognizer in _GUESSED and is_pet(first, pets):
            rest = said[len(first) :]
            if not rest.strip():
                continue
            d = replace(d, start=d.start + len(first) + len(rest) - len(rest.lstrip()))
        out.append(d)
    return out


def _is_dialogue(text: str) -> bool:
    """Several lines, the first a turn `Label: text`."""
    return "\n" in text.strip() and TURN_LINE.match(text.lstrip()) is not None


def _by_lines(
    texts: Sequence[str], detect: Callable[[list[str], Reads], list[list[Detection]]]
) -> list[list[Detection]]:
    """Detections on dialogues (several lines, the first a turn `Label: text`): the
    recognizers read the whole text, so a question and its answer in the next turns meet; the name
    model reads each turn's label and text on their own. Its context is a few tokens either side
    (the tok2vec window): a neighbouring turn or a label adds cost rather than knowledge, and a
    short turn ("Mm.", "Ja precis.") recurs across calls, so its result comes from the cache.
    Other texts go through once, whole (an id field's readings, one a line, are no dialogue).
    `detect(texts, reads)` detects on plain texts with all of the detector, the recognizers
    alone ("rules") or the name model alone ("model")."""
    multi = [i for i, t in enumerate(texts) if _is_dialogue(t)]
    if not multi:
        return detect(list(texts), "all")
    out: list[list[Detection]] = [[] for _ in texts]
    dialogues = set(multi)
    single = [i for i in range(len(texts)) if i not in dialogues]
    for i, dets in zip(single, detect([texts[i] for i in single], "all")):
        out[i] = dets
    lines: list[str] = []
    owners: list[tuple[int, int]] = []  # (text index, line start)
    for i in multi:
        pos = 0
        for line in texts[i].split("\n"):
            turn = TURN_LINE.match(line)
            parts = (
                [(0, line)]
                if not turn
                else [(turn.start("label"), turn.group("label")), (turn.start("body"), turn.group("body"))]
            )
            for at, part in parts:
                if part.strip():
                    lines.append(part)
                    owners.append((i, pos + at))
            pos += len(line) + 1
    for i, dets in zip(multi, detect([texts[i] for i in multi], "rules")):
        out[i] = dets
    for (i, pos), dets in zip(owners, detect(lines, "model")):
        out[i].extend(replace(d, start=d.start + pos, end=d.end + pos) for d in dets if d.from_model)
    for i in multi:
        out[i] = _resolve_overlaps(out[i])
    return out


def _on_views(texts: Sequence[str], detect: Callable[[list[str]], list[list[Detection]]]) -> list[list[Detection]]:
    """Run `detect` on the folded views of the texts; spans back in original offsets."""
    views = [fold(t) for t in texts]
    found = detect([v.text for v in views])
    return [
        dets
        if not v.changed
        else [replace(d, start=s, end=e) for d in dets for s, e in (v.to_original(d.start, d.end),)]
        for v, dets in zip(views, found)
    ]
