"""The parts of Presidio's private API the detector's fast path uses, in one place.

`Detector._analyse` (redactor/detect/analyzer.py) runs `AnalyzerEngine.analyze` step by
step with Presidio's own helpers, so that its results equal plain Presidio's. Some of
those helpers are private (name-mangled or `_`-prefixed) and may change in any release:
they are reached only through the small functions below. At import, this module checks
that the installed presidio-analyzer still has every one of them, so another version that
lacks one fails at start-up with a clear message, never with an AttributeError in the
middle of a run. The project pins presidio-analyzer==2.2.366 (pyproject.toml); a new
version is taken by moving the pin once tests/bench/test_bench.py (fast path equals plain
Presidio) passes with it.
"""

from __future__ import annotations

from importlib.metadata import version
from typing import Any, cast

from presidio_analyzer import (
    AnalyzerEngine,
    EntityRecognizer,
    RecognizerResult,
    pattern_recognizer,
)
from presidio_analyzer.nlp_engine import NlpArtifacts, SpacyNlpEngine
from spacy.tokens import Doc

from redactor.errors import RedactorError

PINNED_VERSION = "2.2.366"

_ADD_RECOGNIZER_ID = "_AnalyzerEngine__add_recognizer_id_if_not_exists"
_REMOVE_LOW_SCORES = "_AnalyzerEngine__remove_low_scores"
_ENHANCE_USING_CONTEXT = "_enhance_using_context"
_DOC_TO_NLP_ARTIFACT = "_doc_to_nlp_artifact"
_REGEX_TIMEOUT = "REGEX_TIMEOUT_SECONDS"

# (owner, attribute) of every part used here that Presidio does not promise to keep.
_REQUIRED: tuple[tuple[Any, str], ...] = (
    (AnalyzerEngine, _ADD_RECOGNIZER_ID),
    (AnalyzerEngine, _REMOVE_LOW_SCORES),
    (AnalyzerEngine, _ENHANCE_USING_CONTEXT),
    (SpacyNlpEngine, _DOC_TO_NLP_ARTIFACT),
    (pattern_recognizer, _REGEX_TIMEOUT),
)


class PresidioVersionError(RedactorError, ImportError):
    """The installed Presidio lacks a part the detector uses. The message names the
    version and the missing attributes, nothing else: safe to log."""


def missing_attributes() -> list[str]:
    """The private parts the installed Presidio lacks (empty: compatible)."""
    return [f"{owner.__name__}.{name}" for owner, name in _REQUIRED if not hasattr(owner, name)]


def check_version() -> None:
    """Raise PresidioVersionError unless the installed Presidio has every part used."""
    missing = missing_attributes()
    if missing:
        raise PresidioVersionError(
            f"presidio-analyzer {version('presidio-analyzer')} lacks "
            f"{', '.join(missing)}, which the detector uses; install the pinned "
            f"version: pip install presidio-analyzer=={PINNED_VERSION}"
        )


check_version()

# The timeout Presidio's PatternRecognizer gives each regex search; the fast path's
# pre-search uses the same.
REGEX_TIMEOUT_SECONDS = float(getattr(pattern_recognizer, _REGEX_TIMEOUT))


def add_recognizer_id(results: list[RecognizerResult], recognizer: EntityRecognizer) -> None:
    """Tag each result with its recognizer's id and name, as `analyze` does."""
    getattr(AnalyzerEngine, _ADD_RECOGNIZER_ID)(results, recognizer)


def remove_low_scores(
    analyzer: AnalyzerEngine,
    results: list[RecognizerResult],
    recognizers: list[EntityRecognizer],
) -> list[RecognizerResult]:
    """The results scoring at least the analyzer's threshold, as `analyze` keeps them."""
    fn = getattr(analyzer, _REMOVE_LOW_SCORES)
    return cast(list[RecognizerResult], fn(results, None, recognizers))


def enhance_using_context(
    analyzer: AnalyzerEngine,
    text: str,
    results: list[RecognizerResult],
    nlp_artifacts: NlpArtifacts,
    recognizers: list[EntityRecognizer],
) -> list[RecognizerResult]:
    """The results with scores raised by context words, as `analyze` raises them."""
    fn = getattr(analyzer, _ENHANCE_USING_CONTEXT)
    return cast(list[RecognizerResult], fn(text, results, nlp_artifacts, recognizers, None))


def doc_to_nlp_artifacts(nlp_engine: SpacyNlpEngine, doc: Doc, language: str) -> NlpArtifacts:
    """Presidio's NlpArtifacts (tokens, lemmas, entities) of a processed spaCy doc."""
    return cast(NlpArtifacts, getattr(nlp_engine, _DOC_TO_NLP_ARTIFACT)(doc, language))
