"""The baseline: vanilla Presidio 2.2.366, as someone would set it up for Swedish text.

- NLP engine: Presidio's own `SpacyNlpEngine` given the same spaCy pipeline (redactor/data/sv_klang) by
  path, with its default NER configuration (no download: a path, not a model name).
- Recognizers: Presidio's predefined recognizers from its own `default_recognizers.yaml` — every
  locale-agnostic one (credit card, crypto, date, e-mail, IBAN, IP, MAC, phone, URL, UUID), made
  available for "sv", plus the two Swedish ones shipped disabled (`SePersonnummerRecognizer`,
  `SeOrganisationsnummerRecognizer`) switched on; the other countries' recognizers are left out.
  Presidio adds its `SpacyRecognizer` itself.
- `BatchAnalyzerEngine.analyze_iterator`, default score threshold (0), default regex flags.
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

    conf = yaml.safe_load(
        resources.files("presidio_analyzer").joinpath("conf/default_recognizers.yaml").read_text("utf-8")
    )
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
    """A `BatchAnalyzerEngine` over vanilla Presidio for Swedish; returns (batch_engine, analyzer).

    The recognizers are instantiated from `presidio_analyzer.predefined_recognizers` by class,
    not through Presidio's name lookup, which scans every subclass of EntityRecognizer by class
    name (ours are prefixed "Klang" so they never share a name with Presidio's, but the lookup
    would still see every recognizer imported in the process)."""
    offline_tldextract()
    from presidio_analyzer import AnalyzerEngine, BatchAnalyzerEngine, RecognizerRegistry
    from presidio_analyzer import predefined_recognizers as predefined
    from presidio_analyzer.nlp_engine import SpacyNlpEngine

    engine = SpacyNlpEngine(models=[{"lang_code": "sv", "model_name": str(model_path)}])
    engine.load()
    registry = RecognizerRegistry(supported_languages=["sv"])
    for rc in registry_configuration()["recognizers"]:
        if rc["name"] == "SpacyRecognizer":
            continue
        registry.add_recognizer(getattr(predefined, rc["name"])(supported_language="sv"))
    # What Presidio's provider adds for a spaCy NLP engine.
    registry.add_recognizer(predefined.SpacyRecognizer(supported_language="sv"))
    analyzer = AnalyzerEngine(registry=registry, nlp_engine=engine, supported_languages=["sv"])
    return BatchAnalyzerEngine(analyzer), analyzer
