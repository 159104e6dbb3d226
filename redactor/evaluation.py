"""`redactor eval DATASET.jsonl`: how well the detector finds what a labelled corpus marks.

Dataset: JSON Lines, one document a line: {"id", "text", "entities": [{"type", "start", "end"}]},
offsets into `text` as given (character offsets, end exclusive). Optional "negatives" (same
shape): hard negatives that must not be redacted (amounts, prices, meter readings, dates, the
company's own numbers, ...); the report counts how many of them any prediction overlaps.

Metrics, per entity type (span overlap, as presidio-research counts it):
- recall: share of annotated spans of the type overlapped by at least one predicted span of the
  same type;
- precision: share of predicted spans of the type that overlap at least one annotated span of
  the same type;
- F2 = 5PR / (4P + R): recall weighs more than precision, as for redaction it should.

Redaction recall: share of annotated characters covered by any predicted span, whatever its type
(what a reader of the redacted text actually sees); and the same for the non-name types only
(every type except PERSON and LOCATION, the NER model's types), so the pattern recognizers can be
judged while the name model is still training.

`--baseline presidio` runs Presidio 2.2.366's own recognizers on the same corpus, on the same
spaCy pipeline (redactor/data/sv_klang, same lemma component, same NER label mapping):
SePersonnummerRecognizer, SeOrganisationsnummerRecognizer, PhoneRecognizer(supported_regions=["SE"]),
EmailRecognizer (tldextract made offline), IbanRecognizer, CreditCardRecognizer and its
SpacyRecognizer; Presidio's default score threshold; the config's allowlist as Presidio's own
`allow_list`.

Nothing from the documents is printed: only ids, counts and rates.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from recognizers.entities import MODEL_ENTITIES
from redactor.scan import ScanInputError, text_objects

NAME_TYPES = frozenset(MODEL_ENTITIES)  # the NER model's types

Span = tuple[str, int, int]  # (type, start, end)


# A labelled dataset is JSON Lines like `redactor scan --format jsonl` reads, with spans added.
DatasetError = ScanInputError


@dataclass
class Document:
    id: object
    text: str
    entities: list[Span] = field(default_factory=list)
    negatives: list[Span] = field(default_factory=list)


def load_dataset(path: str | Path) -> list[Document]:
    docs: list[Document] = []
    for lineno, raw in text_objects(Path(path).read_text("utf-8").split("\n")):
        text = raw["text"]
        lists: dict[str, list[Span]] = {"entities": [], "negatives": []}
        for key, spans in lists.items():
            for k, ent in enumerate(raw.get(key) or []):
                what = "entity" if key == "entities" else "negative"
                try:
                    etype, start, end = str(ent["type"]), int(ent["start"]), int(ent["end"])
                except (KeyError, TypeError, ValueError):
                    raise DatasetError(f"line {lineno}: {what} {k} needs type, start and end") from None
                if not 0 <= start < end <= len(text):
                    raise DatasetError(f"line {lineno}: {what} {k} has offsets outside the text")
                spans.append((etype, start, end))
        docs.append(Document(raw.get("id", lineno), text, lists["entities"], lists["negatives"]))
    return docs


def negatives_touched(neg_docs: Sequence[Sequence[Span]], pred_docs: Sequence[Sequence[Span]]) -> dict:
    """Per kind of hard negative: how many there are and how many any prediction overlaps."""
    out: dict[str, dict[str, int]] = {}
    for negs, pred in zip(neg_docs, pred_docs):
        for kind, start, end in negs:
            k = out.setdefault(kind, {"count": 0, "redacted": 0})
            k["count"] += 1
            if any(_overlaps(start, end, ps, pe) for _, ps, pe in pred):
                k["redacted"] += 1
    return {kind: out[kind] for kind in sorted(out)}


# ---- metrics ---------------------------------------------------------------------------------


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def f_beta(precision: float | None, recall: float | None, beta: float = 2.0) -> float | None:
    if recall == 0:
        return 0.0  # nothing found: F2 is 0 whatever the precision (even with no prediction)
    if precision is None or recall is None:
        return None
    if precision == 0 and recall == 0:
        return 0.0
    b2 = beta * beta
    return (1 + b2) * precision * recall / (b2 * precision + recall)


def _rate(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def _covered_chars(gold: Sequence[Span], pred: Sequence[Span], keep) -> tuple[int, int]:
    """(annotated characters of the kept types, those covered by any prediction)."""
    total = covered = 0
    for etype, start, end in gold:
        if not keep(etype):
            continue
        chars = set(range(start, end))
        total += len(chars)
        for _, ps, pe in pred:
            if _overlaps(start, end, ps, pe):
                chars -= set(range(max(start, ps), min(end, pe)))
        covered += (end - start) - len(chars)
    return total, covered


def evaluate(
    gold_docs: Sequence[Sequence[Span]], pred_docs: Sequence[Sequence[Span]], types: Iterable[str] | None = None
) -> dict:
    """Per-type precision/recall/F2 by span overlap, and character-level redaction recall.

    `gold_docs[i]` and `pred_docs[i]` are the spans of document i. With `types`, only those types
    are counted (gold and predicted alike)."""
    if len(gold_docs) != len(pred_docs):
        raise ValueError("gold and predictions must cover the same documents")
    wanted = set(types) if types else None

    def keep(t: str) -> bool:
        return wanted is None or t in wanted

    counts: dict[str, dict[str, int]] = {}

    def c(t: str) -> dict[str, int]:
        return counts.setdefault(t, {"gold": 0, "found": 0, "predicted": 0, "correct": 0})

    chars_all = [0, 0]
    chars_non_name = [0, 0]
    for gold, pred in zip(gold_docs, pred_docs):
        gold = [s for s in gold if keep(s[0])]
        pred = list(pred)
        for etype, start, end in gold:
            c(etype)["gold"] += 1
            if any(pt == etype and _overlaps(start, end, ps, pe) for pt, ps, pe in pred):
                c(etype)["found"] += 1
        for ptype, ps, pe in pred:
            if not keep(ptype):
                continue
            c(ptype)["predicted"] += 1
            if any(gt == ptype and _overlaps(gs, ge, ps, pe) for gt, gs, ge in gold):
                c(ptype)["correct"] += 1
        t, cov = _covered_chars(gold, pred, lambda _t: True)
        chars_all[0] += t
        chars_all[1] += cov
        t, cov = _covered_chars(gold, pred, lambda t_: t_ not in NAME_TYPES)
        chars_non_name[0] += t
        chars_non_name[1] += cov

    per_type = {}
    for etype in sorted(counts):
        k = counts[etype]
        p = _rate(k["correct"], k["predicted"])
        r = _rate(k["found"], k["gold"])
        f2 = f_beta(p, r)
        per_type[etype] = {**k, "precision": p, "recall": r, "f2": round(f2, 4) if f2 is not None else None}
    tot = {key: sum(k[key] for k in counts.values()) for key in ("gold", "found", "predicted", "correct")}
    p, r = _rate(tot["correct"], tot["predicted"]), _rate(tot["found"], tot["gold"])
    f2 = f_beta(p, r)
    return {
        "documents": len(gold_docs),
        "per_type": per_type,
        "overall": {**tot, "precision": p, "recall": r, "f2": round(f2, 4) if f2 is not None else None},
        "redaction_recall": {
            "all": _rate(chars_all[1], chars_all[0]),
            "chars": chars_all[0],
            "non_name": _rate(chars_non_name[1], chars_non_name[0]),
            "non_name_chars": chars_non_name[0],
        },
    }


# ---- systems under test ----------------------------------------------------------------------


def predict_detector(detector, docs: Sequence[Document]) -> list[list[Span]]:
    """Our detector through `scan_documents` (NFC normalisation, offsets back to the input)."""
    from redactor.scan import scan_documents

    rows = scan_documents(detector, [(d.id, d.text) for d in docs])
    return [[(e["type"], e["start"], e["end"]) for e in row["entities"]] for row in rows]


def evaluate_detector(detector, path: str | Path, types: Iterable[str] | None = None) -> dict:
    docs = load_dataset(path)
    pred = predict_detector(detector, docs)
    out = evaluate([d.entities for d in docs], pred, types)
    out["hard_negatives"] = negatives_touched([d.negatives for d in docs], pred)
    return out


def offline_tldextract() -> None:
    """Presidio's EmailRecognizer calls `tldextract.extract`, whose default extractor fetches the
    public-suffix list over the network: use the snapshot shipped with tldextract instead."""
    import tldextract

    tldextract.extract = tldextract.TLDExtract(suffix_list_urls=())


def build_presidio_baseline(model_path: str | Path, language: str = "sv"):
    """Presidio 2.2.366's own recognizers for Swedish on our spaCy pipeline (see module doc)."""
    offline_tldextract()
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.predefined_recognizers import (
        CreditCardRecognizer,
        EmailRecognizer,
        IbanRecognizer,
        PhoneRecognizer,
        SeOrganisationsnummerRecognizer,
        SePersonnummerRecognizer,
        SpacyRecognizer,
    )

    from redactor.detect.analyzer import NER_ENTITIES, LocalSpacyNlpEngine

    engine = LocalSpacyNlpEngine(Path(model_path))
    engine.load()
    registry = RecognizerRegistry(supported_languages=[language])
    for rec in (
        SePersonnummerRecognizer(supported_language=language),
        SeOrganisationsnummerRecognizer(supported_language=language),
        PhoneRecognizer(supported_regions=["SE"], supported_language=language),
        EmailRecognizer(supported_language=language),
        IbanRecognizer(supported_language=language),
        CreditCardRecognizer(supported_language=language),
        SpacyRecognizer(supported_language=language, supported_entities=NER_ENTITIES),
    ):
        registry.add_recognizer(rec)
    return AnalyzerEngine(registry=registry, nlp_engine=engine, supported_languages=[language])


def predict_presidio(
    analyzer, docs: Sequence[Document], allow_list: Sequence[str] = (), language: str = "sv", batch_size: int = 32
) -> list[list[Span]]:
    from redactor.ingest.normalize import normalize

    out: list[list[Span]] = [[] for _ in docs]
    todo = [i for i, d in enumerate(docs) if d.text.strip()]
    norms = {i: normalize(docs[i].text) for i in todo}
    artifacts = analyzer.nlp_engine.process_batch([norms[i].text for i in todo], language, batch_size=batch_size)
    for i, (text, nlp_artifacts) in zip(todo, artifacts):
        results = analyzer.analyze(
            text=text, language=language, nlp_artifacts=nlp_artifacts, allow_list=list(allow_list) or None
        )
        out[i] = [(r.entity_type, *norms[i].to_original(r.start, r.end)) for r in results]
    return out


# ---- output ----------------------------------------------------------------------------------


def _fmt(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


def render_table(results: dict[str, dict], title: str):
    """One Rich table, systems side by side (results: system name -> `evaluate` output)."""
    from rich.table import Table

    systems = list(results)
    table = Table(title=title)
    table.add_column("entity type", no_wrap=True)
    table.add_column("gold", justify="right")
    for name in systems:
        for metric in ("P", "R", "F2"):
            table.add_column(f"{name} {metric}", justify="right")
    types = sorted({t for r in results.values() for t in r["per_type"]})
    for etype in types:
        first = next(r["per_type"][etype] for r in results.values() if etype in r["per_type"])
        row = [etype, str(first["gold"])]
        for name in systems:
            m = results[name]["per_type"].get(etype)
            row += [_fmt(m["precision"]), _fmt(m["recall"]), _fmt(m["f2"])] if m else ["-", "-", "-"]
        table.add_row(*row)
    table.add_section()
    first = next(iter(results.values()))
    row = ["all types", str(first["overall"]["gold"])]
    for name in systems:
        o = results[name]["overall"]
        row += [_fmt(o["precision"]), _fmt(o["recall"]), _fmt(o["f2"])]
    table.add_row(*row)
    row = ["redaction recall (chars)", str(first["redaction_recall"]["chars"])]
    for name in systems:
        row += ["", _fmt(results[name]["redaction_recall"]["all"]), ""]
    table.add_row(*row)
    row = ["  non-name types only", str(first["redaction_recall"]["non_name_chars"])]
    for name in systems:
        row += ["", _fmt(results[name]["redaction_recall"]["non_name"]), ""]
    table.add_row(*row)
    kinds = sorted({k for r in results.values() for k in r.get("hard_negatives", {})})
    if kinds:
        table.add_section()
        for kind in kinds:
            counts = first.get("hard_negatives", {}).get(kind, {"count": 0})
            row = [f"hard negative {kind} redacted", str(counts["count"])]
            for name in systems:
                n = results[name].get("hard_negatives", {}).get(kind, {}).get("redacted", 0)
                row += ["", str(n), ""]
            table.add_row(*row)
    return table


def evaluate_corpus(
    config, docs: Sequence[Document], types: Iterable[str] | None = None, baseline: str | None = None
) -> dict:
    """`redactor eval`: our detector (and the Presidio baseline, if asked) on labelled documents.

    Returns {"model", "seconds": {name: s}, "results": {name: metrics with hard_negatives}}.
    """
    import time

    from redactor.detect import Detector

    wanted = list(types) if types is not None else None
    gold = [d.entities for d in docs]
    negs = [d.negatives for d in docs]
    t0 = time.perf_counter()
    detector = Detector.from_config(config)
    pred = predict_detector(detector, docs)
    results = {"ours": evaluate(gold, pred, wanted)}
    results["ours"]["hard_negatives"] = negatives_touched(negs, pred)
    timings = {"ours": round(time.perf_counter() - t0, 2)}
    if baseline == "presidio":
        t0 = time.perf_counter()
        analyzer = build_presidio_baseline(config.model_path)
        pred = predict_presidio(analyzer, docs, list(config.section("allowlist").get("values", [])))
        results["presidio"] = evaluate(gold, pred, wanted)
        results["presidio"]["hard_negatives"] = negatives_touched(negs, pred)
        timings["presidio"] = round(time.perf_counter() - t0, 2)
    return {"model": detector.model_name, "seconds": timings, "results": results}


def dataset_table(summaries: dict[str, dict]):
    """`redactor eval --pipeline` over several files: each file's calls, values readable and words kept."""
    from rich.table import Table

    table = Table(title="per file")
    cols = ("file", "calls", "quarantined", "values", "readable", "rate", "words kept", "ordinary kept")
    for col in cols:
        table.add_column(col, justify="left" if col == "file" else "right")
    for name, s in summaries.items():
        table.add_row(
            name,
            str(s["documents"]),
            str(s["quarantined"]),
            str(s["values"]),
            str(s["readable"]),
            _fmt(s["readable_rate"]),
            _fmt(s["words_kept"]),
            _fmt(s["ordinary_kept_rate"]),
        )
    return table


def stored_table(result: dict, title: str):
    """`redactor eval --pipeline`: the values readable in the stored calls, per type (a Rich table)."""
    from rich.table import Table

    table = Table(title=title)
    for col in ("type", "values", "readable", "rate"):
        table.add_column(col, justify="left" if col == "type" else "right")
    for etype, c in result["by_type"].items():
        table.add_row(etype, str(c["values"]), str(c["readable"]), _fmt(c["readable_rate"]))
    table.add_section()
    table.add_row("all", str(result["values"]), str(result["readable"]), _fmt(result["readable_rate"]))
    table.add_row("non-PII words kept", "", "", _fmt(result["words_kept"]))
    if result["ordinary_values"]:
        table.add_row(
            "ordinary values kept",
            str(result["ordinary_values"]),
            str(result["ordinary_kept"]),
            _fmt(result["ordinary_kept_rate"]),
        )
    return table
