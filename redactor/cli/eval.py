"""`redactor eval`: precision, recall and F2 on a labelled corpus (`redactor.evaluation`)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from redactor.cli._common import ExitCode, app, fail, load_config

if TYPE_CHECKING:  # rich is imported only when a table is printed
    from rich.console import Console

    from redactor.evaluation import Document


def _console() -> Console:
    from rich.console import Console

    console = Console()
    return console if console.is_terminal else Console(width=160)  # piped: do not wrap at 80 columns


def _summary(result: dict[str, object]) -> dict[str, object]:
    """One file's line of a pipeline eval over several files."""
    keys = ("documents", "quarantined", "values", "readable", "readable_rate", "words_kept", "ordinary_kept_rate")
    return {key: result[key] for key in keys}


def _names(datasets: list[Path]) -> str | list[str]:
    return str(datasets[0]) if len(datasets) == 1 else [str(p) for p in datasets]


@app.command("eval")
def eval_command(
    datasets: list[Path] = typer.Argument(
        ...,
        help='JSON Lines of {"id", "text", "entities": [{"type", "start", "end"}]}; several files are measured '
        "together, and with --pipeline each one also on its own.",
        exists=True,
        dir_okay=False,
        metavar="DATASET...",
    ),
    config: Path | None = typer.Option(
        None,
        "--config",
        "-c",
        help="TOML config layered over the defaults (model, score threshold, allowlist).",
        exists=True,
        dir_okay=False,
    ),
    baseline: str | None = typer.Option(None, "--baseline", help="Also run a baseline: 'presidio'."),
    types: str | None = typer.Option(None, "--types", help="Comma-separated entity types to count (default all)."),
    as_json: bool = typer.Option(False, "--json", help="Print the metrics as JSON instead of a table."),
    pipeline: bool = typer.Option(
        False,
        "--pipeline",
        help="Judge what is stored: ingest the documents (whole "
        "calls, one 'Speaker: text' line per turn) as Klang conversations into a "
        "temporary store and count the annotated values still readable there, and the "
        "share of other words kept and of the values labelled ordinary (negatives) kept.",
    ),
) -> None:
    """Precision, recall and F2 per entity type, and redaction recall, on a labelled corpus; with
    --pipeline, the values a reader can still see in the stored calls."""
    from redactor.evaluation import (
        DatasetError,
        dataset_table,
        evaluate_corpus,
        load_dataset,
        render_table,
        stored_table,
    )

    if baseline not in (None, "presidio"):
        fail("--baseline must be 'presidio'", ExitCode.USAGE)
    cfg = load_config(config)
    files: dict[Path, list[Document]] = {}
    try:
        for path in datasets:
            files[path] = load_dataset(path)
    except DatasetError as exc:
        fail(f"{path}: {exc}", ExitCode.USAGE)
    docs = [doc for file_docs in files.values() for doc in file_docs]
    ids = Counter(str(doc.id) for doc in docs)
    if twice := sorted(i for i, n in ids.items() if n > 1):
        # one id is one call in the store: a second would overwrite the first
        fail(f"{len(twice)} document id(s) appear more than once across the files, first: {twice[0]}", ExitCode.USAGE)
    name = datasets[0].name if len(datasets) == 1 else f"{len(datasets)} files"
    if pipeline:
        from redactor.evaluation_pipeline import ingest_documents, measure_stored

        stored_calls = ingest_documents(cfg, docs)
        stored = measure_stored(docs, stored_calls)
        # each file on its own, when there are several (one file is the total)
        per_file = (
            {str(path): measure_stored(file_docs, stored_calls) for path, file_docs in files.items()}
            if len(datasets) > 1
            else {}
        )
        if as_json:
            head: dict[str, object] = {"dataset": _names(datasets)}
            if per_file:
                head["by_dataset"] = {path: _summary(r) for path, r in per_file.items()}
            typer.echo(json.dumps({**head, "mode": "pipeline", **stored}, ensure_ascii=False, indent=2))
            return
        console = _console()
        console.print(
            stored_table(
                stored,
                f"{name}: {stored['documents']} calls ingested "
                f"({stored['quarantined']} quarantined), values readable in the stored calls",
            )
        )
        if per_file:
            console.print(dataset_table({Path(p).name: _summary(r) for p, r in per_file.items()}))
        for leak in stored["readable_values"]:
            console.print(f"readable: document {leak['id']} {leak['type']}")
        return
    wanted = [t.strip() for t in types.split(",") if t.strip()] if types else None
    out = evaluate_corpus(cfg, docs, wanted, baseline)
    entities = sum(len(d.entities) for d in docs)
    if as_json:
        typer.echo(
            json.dumps(
                {
                    "dataset": _names(datasets),
                    "documents": len(docs),
                    "entities": entities,
                    "model": out["model"],
                    "seconds": out["seconds"],
                    "results": out["results"],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    title = f"{name}: {len(docs)} documents, {entities} entities, model {out['model']}"
    _console().print(render_table(out["results"], title))
