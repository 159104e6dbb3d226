"""`redactor scan`: the detector as a filter over text or JSON Lines."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from redactor.cli._common import ConfigOption, ExitCode, app, fail, load_config


@app.command()
def scan(
    file: str = typer.Argument("-", help="A text file, a JSON Lines file, or - for standard input."),
    format: str = typer.Option(
        "text",
        "--format",
        "-f",
        help="Input format: 'text' (one document) or 'jsonl' (lines of {\"id\": ..., \"text\": ...}).",
    ),
    config: Path | None = ConfigOption,
) -> None:
    """Detect personal data in text and print JSON Lines of entities with character offsets.

    Output lines are {"id": ..., "entities": [{"type", "start", "end", "score"}]}, offsets into
    the input text exactly as given. Nothing is redacted or stored.
    """
    from redactor.detect import Detector
    from redactor.scan import ScanInputError, read_jsonl, scan_documents

    if format not in ("text", "jsonl"):
        fail("--format must be 'text' or 'jsonl'", ExitCode.USAGE)
    cfg = load_config(config)
    try:
        raw = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
        text = raw.decode("utf-8")
    except FileNotFoundError:
        fail(f"file not found: {file}", ExitCode.USAGE)
    except UnicodeDecodeError as exc:
        fail(f"input is not valid UTF-8 (byte offset {exc.start})", ExitCode.USAGE)
    try:
        docs: list[tuple[object, str]] = (
            list(read_jsonl(text.split("\n"))) if format == "jsonl" else [(None if file == "-" else file, text)]
        )
    except ScanInputError as exc:
        fail(str(exc), ExitCode.USAGE)
    detector = Detector.from_config(cfg)
    for row in scan_documents(detector, docs):
        sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
