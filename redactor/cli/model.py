"""`redactor model train|eval`: the Swedish NER model (`redactor.training`)."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from redactor.cli._common import app, sub_app
from redactor.config import shipped_data

model_app = sub_app("Train and evaluate the Swedish NER model (redactor/data/sv_klang).")
app.add_typer(model_app, name="model")

# Training inputs and scratch space live in a source checkout (models/), not in the package.
ROOT = Path(__file__).resolve().parents[2]
SHIPPED_MODEL = shipped_data("sv_klang")


@model_app.command("train")
def train_cmd(
    seed: int = typer.Option(42, help="Seed for data generation, shuffling and initialisation."),
    output: Path = typer.Option(SHIPPED_MODEL, help="Where the trained pipeline goes."),
    max_minutes: float = typer.Option(40.0, help="Wall-clock limit; the best checkpoint so far ships."),
    max_steps: int | None = typer.Option(None, help="Override training.max_steps from models/sv_klang.cfg."),
    build: Path = typer.Option(ROOT / "models" / "build", help="Scratch dir for DocBins and checkpoints."),
    rebuild_lexicon: bool = typer.Option(False, help="Regenerate recognizers/data/lexicon.tsv from Faker."),
) -> None:
    """Rebuild the model from models/data and a seed."""
    from redactor.training.train import train

    train(
        seed=seed,
        output=output,
        max_minutes=max_minutes,
        max_steps=max_steps,
        build=build,
        rebuild_lexicon=rebuild_lexicon,
        log=typer.echo,
    )


@model_app.command("eval")
def eval_cmd(
    model: Path = typer.Option(SHIPPED_MODEL, help="Pipeline directory."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
    benchmark: bool = typer.Option(True, help="Also measure words/s of the bare model."),
    dev_corpus: Path = typer.Option(
        ROOT / "bench" / "data" / "dev_corpus.jsonl",
        help="Transcript corpus with char-offset entities (skipped if absent).",
    ),
) -> None:
    """PERSON/LOCATION P/R/F1 on Webbnyheter test, SUC 3.0 dev (+ lowercased) and the dev corpus."""
    from redactor.training.evaluate import evaluate, format_table

    result = evaluate(model, dev_corpus=dev_corpus, benchmark=benchmark)
    typer.echo(json.dumps(result, indent=2, ensure_ascii=False) if as_json else format_table(result))
