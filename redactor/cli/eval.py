"""`redactor eval`: precision, recall and F2 on a labelled corpus (`redactor.evaluation`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from redactor.cli._common import ExitCode, app, fail, load_config

if TYPE_CHECKING:  # rich is imported only when a table is printed
    from rich.console import Console


def _console() -> Console:
    from rich.console import Console

    console = Console()
    return console if console.is_terminal else Console(width=160)  # piped: do not wrap at 80 columns


@app.command("eval")
def eval_command(
    dataset: Path = typer.Argument(
        ..., help='JSON Lines of {"id", "text", "entities": [{"type", "start", "end"}]}.', exists=True, dir_okay=False
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
    from redactor.evaluation import DatasetError, evaluate_corpus, load_dataset, render_table, stored_table

    if baseline not in (None, "presidio"):
        fail("--baseline must be 'presidio'", ExitCode.USAGE)
    cfg = load_config(config)
    try:
        docs = load_dataset(dataset)
    except DatasetError as exc:
        fail(str(exc), ExitCode.USAGE)
    if pipeline:
        from redactor.evaluation_pipeline import evaluate_stored

        stored = evaluate_stored(cfg, docs)
        if as_json:
            typer.echo(
                json.dumps({"dataset": str(dataset), "mode": "pipeline", **stored}, ensure_ascii=False, indent=2)
            )
            return
        console = _console()
        console.print(
            stored_table(
                stored,
                f"{dataset.name}: {stored['documents']} calls ingested "
                f"({stored['quarantined']} quarantined), values readable in the stored calls",
            )
        )
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
                    "dataset": str(dataset),
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
    title = f"{dataset.name}: {len(docs)} documents, {entities} entities, model {out['model']}"
    _console().print(render_table(out["results"], title))
