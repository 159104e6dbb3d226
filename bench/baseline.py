"""The baseline: vanilla Presidio 2.2.366, as someone would set it up for Swedish text.

- NLP engine: Presidio's own `SpacyNlpEngine` given the same spaCy pipeline (models/sv_klang) by
  path, with its default NER configuration (no download: a path, not a model name).
- Recognizers: Presidio's predefined recognizers from its own `default_recognizers.yaml` — every
  locale-agnostic one (credit card, crypto, date, e-mail, IBAN, IP, MAC, phone, URL, UUID), made
  available for "sv", plus the two Swedish ones shipped disabled (`SePersonnummerRecognizer`,
  `SeOrganisationsnummerRecognizer`) switched on; the other countries' recognizers are left out.
  Presidio adds its `SpacyRecognizer` itself.
- `BatchAnalyzerEngine.analyze_iterator`, default score threshold (0).
- Offline: the e-mail recognizer calls `tldextract.extract`, which would fetch the public-suffix
  list; it is replaced by an extractor that uses the snapshot shipped with tldextract.
"""

from __future__ import annotations

import copy
from importlib import resources
from pathlib import Path

SWEDISH = ("SePersonnummerRecognizer", "SeOrganisationsnummerRecognizer")


def offline_tldextract() -> None:
    import tldextract

    tldextract.extract = tldextract.TLDExtract(suffix_list_urls=())


def registry_configuration() -> dict:
    import yaml

    conf = yaml.safe_load(resources.files("presidio_analyzer").joinpath("conf/default_recognizers.yaml").read_text("utf-8"))
    conf = copy.deepcopy(conf)
    conf["supported_languages"] = ["sv"]
    keep = []
    for rc in conf["recognizers"]:
        if rc["name"] in SWEDISH:
            rc["enabled"] = True
            keep.append(rc)
        elif "country_code" not in rc and rc.get("enabled", True):
            if "supported_languages" in rc:
                rc["supported_languages"] = ["sv"]
            keep.append(rc)
    conf["recognizers"] = keep
    return conf


def build_baseline(model_path: str | Path):
    """A `BatchAnalyzerEngine` over vanilla Presidio for Swedish; returns (batch_engine, analyzer)."""
    import warnings

    offline_tldextract()
    from presidio_analyzer import AnalyzerEngine, BatchAnalyzerEngine
    from presidio_analyzer.nlp_engine import SpacyNlpEngine
    from presidio_analyzer.recognizer_registry import RecognizerRegistryProvider

    engine = SpacyNlpEngine(models=[{"lang_code": "sv", "model_name": str(model_path)}])
    engine.load()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "adding the default NLP recognizer": that is what we want
        registry = RecognizerRegistryProvider(registry_configuration=registry_configuration(),
                                              nlp_engine=engine).create_recognizer_registry()
    analyzer = AnalyzerEngine(registry=registry, nlp_engine=engine, supported_languages=["sv"])
    return BatchAnalyzerEngine(analyzer), analyzer
