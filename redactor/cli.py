"""The `redactor` command line: one verb per command, JSON on request, no personal data in output."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer

from redactor import __version__
from redactor.config import Config, ConfigError

app = typer.Typer(
    name="redactor",
    help=(
        "Find and redact Swedish personal data (personnummer, names, addresses, phone numbers, e-mail, "
        "payment and customer identifiers) in Klang.ai call transcripts, and store the result as "
        "Parquet in a local folder or an EU S3 bucket."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,  # locals may hold transcript text
)

# Exit codes a scheduler can act on.
EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_PARTIAL = 3  # run completed, some calls quarantined
EXIT_LOCKED = 4  # another run holds the lease

ConfigOption = typer.Option(None, "--config", "-c", help="TOML config file layered over the defaults.",
                            exists=True, dir_okay=False)
StoreOption = typer.Option(None, "--store", "-s",
                           help="Where to write: a folder (default ./lake) or s3://bucket/prefix.")


def _config(path: Optional[Path]) -> Config:
    try:
        return Config.load(path)
    except ConfigError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(EXIT_USAGE)


def _fail(message: str, code: int = EXIT_FAILURE) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


@app.callback(invoke_without_command=True)
def main(version: bool = typer.Option(False, "--version", help="Print the version and exit.")) -> None:
    if version:
        typer.echo(__version__)
        raise typer.Exit()


@app.command()
def ingest(
    sources: Optional[List[str]] = typer.Argument(
        None, help="Export files, folders (searched recursively) or glob patterns; s3://bucket/prefix/ landing "
                   "areas; klang:// for the Klang API (base URL: klang.base_url in the config, or $KLANG_API_URL). "
                   "JSON, JSON Lines, page wrappers and .gz are accepted."),
    store: Optional[str] = StoreOption,
    config: Optional[Path] = ConfigOption,
    from_klang_api: bool = typer.Option(False, "--from-klang-api", help="Also pull new conversations from the Klang "
                                        "API (same as the source klang://); key from $KLANG_API_KEY."),
    since: Optional[str] = typer.Option(None, "--since", help="Klang API: fetch conversations created after this "
                                        "date/time (ISO 8601, UTC) instead of after the stored watermark."),
    force: bool = typer.Option(False, "--force", help="Process exports again even if the ledger says they are "
                               "done (calls are still stored once: replaced, not duplicated)."),
    store_report: bool = typer.Option(True, "--store-report/--no-store-report", help="Also write the run report "
                                      "to _runs/date=YYYY-MM-DD/<run id>.json in the store (audit retention)."),
    log_level: Optional[str] = typer.Option(None, "--log-level", help="JSON log lines on stderr at this level "
                                            "(debug, info, warning, error; default $REDACTOR_LOG_LEVEL, else info, "
                                            "warning on a terminal)."),
    progress: Optional[bool] = typer.Option(None, "--progress/--no-progress", help="Live progress on stderr "
                                            "(calls, exports done of those listed, rate, ETA); default: on when "
                                            "stderr is a terminal, whatever stdout is."),
    metrics_file: Optional[Path] = typer.Option(None, "--metrics-file", dir_okay=False, help="Write Prometheus "
                                                "metrics of this run to this node_exporter textfile (*.prom), "
                                                "replaced atomically (default [job] metrics_file)."),
    workers: int = typer.Option(1, "--workers", "-w", min=0,
                                help="Worker processes (0: one per core). Same output as 1; the driver alone writes."),
    engine: str = typer.Option("local", "--engine", help="'local' (processes on this machine) or 'dask' (a Dask "
                                                          "cluster, sharded by export file)."),
    address: Optional[str] = typer.Option(None, "--address", help="Dask scheduler address (tcp://host:8786); "
                                                                  "without it --engine dask starts a local cluster."),
) -> None:
    """Redact new exports and store calls, segments and findings as Parquet: the scheduled job.

    Incremental (exports already done are skipped), idempotent (a call is stored once, replaced if
    delivered again), crash-safe (a killed run leaves nothing visible half-done; the next run
    continues), one run at a time (a lease in the store). Bad input goes to the quarantine with a
    reason and the run goes on. Prints the JSON run report on stdout (also when the run could not
    start), JSON log lines on stderr and, at the end, a one-line summary (plain text on a terminal).

    Exit codes: 0 all stored; 3 stored, some quarantined; 4 another run holds the lease (nothing
    done); 1 failure (a source, the store or the API failed; what was stored stays stored and the
    next run continues); 2 bad usage.
    """
    import os
    import signal
    import threading

    from redactor.ingest.reader import SourceError
    from redactor.ingest.sources import parse_since
    from redactor.jobs.ingest import JobUsageError, RunReport, run_job
    from redactor.logs import configure
    from redactor.pipeline import Pipeline
    from redactor.store import StoreError
    from redactor.transform import KeyError_, PolicyError

    show = sys.stderr.isatty() if progress is None else progress
    configure(log_level or os.environ.get("REDACTOR_LOG_LEVEL") or ("warning" if show else "info"))
    metrics_to = metrics_file  # the config may name it too, once it is loaded

    def stop_early(message: str, code: int) -> None:
        """The run could not start: still a JSON report on stdout (and metrics), then the error."""
        _ingest_done(RunReport(status="usage_error" if code == EXIT_USAGE else "failed", errors=[message]),
                     code, metrics_to, message)

    if not sources and not from_klang_api:
        stop_early("nothing to ingest: give SOURCE paths, s3:// landing prefixes, klang:// or --from-klang-api",
                   EXIT_USAGE)
    try:
        since_dt = parse_since(since) if since else None
    except ValueError as exc:
        stop_early(str(exc), EXIT_USAGE)
    try:
        cfg = Config.load(config)
    except ConfigError as exc:
        stop_early(str(exc), EXIT_USAGE)
    metrics_to = metrics_file or (cfg.section("job").get("metrics_file") or None)
    try:
        pipeline = Pipeline(cfg)
    except (PolicyError, KeyError_, FileNotFoundError) as exc:
        stop_early(str(exc), EXIT_USAGE)
    from redactor.jobs.engines import EngineError, default_workers, make_engine

    if engine not in ("local", "dask"):
        stop_early("--engine must be 'local' or 'dask'", EXIT_USAGE)
    n_workers = workers or default_workers()
    runner = None
    if engine == "dask" or n_workers > 1:
        runner = make_engine(engine, cfg, workers=n_workers, address=address)
        try:
            runner.start(pipeline.version)
        except EngineError as exc:
            runner.close()
            stop_early(str(exc), EXIT_FAILURE)
    # SIGTERM (systemd stop, Kubernetes pod deletion): stop taking new exports, commit what is
    # done, release the lease, report. A second signal kills as usual.
    stop = threading.Event()

    def on_term(signum, frame):  # noqa: ARG001
        stop.set()
        signal.signal(signal.SIGTERM, signal.SIG_DFL)

    previous = signal.signal(signal.SIGTERM, on_term) if threading.current_thread() is threading.main_thread() else None
    options = dict(from_klang=from_klang_api, since=since_dt, incremental=not force, report_to_store=store_report,
                   engine=runner, stop=stop)
    try:
        if show:
            from redactor.progress import RunProgress

            with RunProgress() as bar:
                report = run_job(sources or [], cfg, store, pipeline, on_result=bar.result, progress=bar, **options)
        else:
            report = run_job(sources or [], cfg, store, pipeline, **options)
    except JobUsageError as exc:
        stop_early(str(exc), EXIT_USAGE)
    except (SourceError, StoreError, EngineError) as exc:
        stop_early(str(exc), EXIT_FAILURE)
    finally:
        if runner is not None:
            runner.close()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    if report.status in ("failed", "stopped"):
        first = str(report.exception) if isinstance(report.exception, (StoreError, SourceError)) else (
            report.errors[0] if report.errors else report.status)
        _ingest_done(report, EXIT_FAILURE, metrics_to, first)
    if report.status == "locked":
        _ingest_done(report, EXIT_LOCKED, metrics_to,
                     report.errors[0] if report.errors else "the lake lease is held by another run")
    _ingest_done(report, EXIT_PARTIAL if report.quarantined else EXIT_OK, metrics_to)


def _ingest_done(report, code: int, metrics_file, error: Optional[str] = None) -> None:
    """End of `redactor ingest`: the JSON report on stdout, the summary and any error on stderr,
    the metrics textfile; then exit with `code`."""
    from redactor.logs import get_logger, set_context
    from redactor.progress import summary_line

    doc = report.as_dict()
    set_context(run_id=doc.get("run_id") or None)  # a run that never started has no id
    typer.echo(json.dumps(doc, ensure_ascii=False))
    line = summary_line(doc, code)
    if sys.stderr.isatty():
        typer.echo(line, err=True)
    else:  # stderr is a JSON log stream there: the summary is one more line of it
        get_logger("redactor.job").info("run summary", text=line, exit_code=code)
    if metrics_file:
        from redactor.metrics import metrics_text, write_textfile

        try:
            write_textfile(metrics_file, metrics_text(doc, code))
        except OSError as exc:
            typer.echo(f"warning: metrics not written to {metrics_file} (errno {exc.errno})", err=True)
    set_context(run_id=None)
    if error is not None:
        typer.echo(f"error: {error}", err=True)
    raise typer.Exit(code)


@app.command()
def scan(
    file: str = typer.Argument("-", help="A text file, a JSON Lines file, or - for standard input."),
    format: str = typer.Option("text", "--format", "-f", help="Input format: 'text' (one document) or 'jsonl' "
                                                               '(lines of {"id": ..., "text": ...}).'),
    config: Optional[Path] = ConfigOption,
) -> None:
    """Detect personal data in text and print JSON Lines of entities with character offsets.

    Output lines are {"id": ..., "entities": [{"type", "start", "end", "score"}]}, offsets into
    the input text exactly as given. Nothing is redacted or stored.
    """

    from redactor.detect import Detector
    from redactor.scan import ScanInputError, read_jsonl, scan_documents

    if format not in ("text", "jsonl"):
        _fail("--format must be 'text' or 'jsonl'", EXIT_USAGE)
    cfg = _config(config)
    try:
        raw = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
        text = raw.decode("utf-8")
    except FileNotFoundError:
        _fail(f"file not found: {file}", EXIT_USAGE)
    except UnicodeDecodeError as exc:
        _fail(f"input is not valid UTF-8 (byte offset {exc.start})", EXIT_USAGE)
    try:
        docs = list(read_jsonl(text.split("\n"))) if format == "jsonl" else [(None if file == "-" else file, text)]
    except ScanInputError as exc:
        _fail(str(exc), EXIT_USAGE)
    detector = Detector.from_config(cfg)
    for row in scan_documents(detector, docs):
        sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")


# The EU bucket (issue 5): `redactor bucket init|check` and `redactor purge`.
from redactor.store.bucket import bucket_app, purge_command  # noqa: E402

app.add_typer(bucket_app, name="bucket")
app.command("purge")(purge_command)


# Data-subject rights and reprocessing (issue 8): `redactor subject ...` and `redactor reprocess`.
from redactor.rights.cli import reprocess_command, subject_app  # noqa: E402

app.add_typer(subject_app, name="subject")
app.command("reprocess")(reprocess_command)


# Analysts' read-only SQL (issue 7): `redactor query` and `redactor report`.
from redactor.query.command import query as query_command, report as report_command  # noqa: E402

app.command("query")(query_command)
app.command("report")(report_command)

# Analysts' exports and web app (issue 17): `redactor export`, `redactor serve`.
from redactor.query.command import export_command  # noqa: E402
from redactor.serve.command import serve_command  # noqa: E402

app.command("export")(export_command)
app.command("serve")(serve_command)


# The scheduled job's maintenance (issue 6): `redactor compact`.
from redactor.lake_cli import compact_command  # noqa: E402

app.command("compact")(compact_command)


# Evaluation on a labelled corpus (issue 3): `redactor eval DATASET.jsonl [--baseline presidio]`.
from redactor.evaluation import eval_command  # noqa: E402

app.command("eval")(eval_command)


# The Swedish name/place model (issue 4): `redactor model train|eval`.
from redactor.training.cli import model_app  # noqa: E402

app.add_typer(model_app, name="model")


# Operators (issue 19): `redactor status` and `redactor quarantine list|show|retry|drop`.
from redactor.jobs.status import status_command  # noqa: E402
from redactor.quarantine_cli import quarantine_app  # noqa: E402

app.command("status")(status_command)
app.add_typer(quarantine_app, name="quarantine")


if __name__ == "__main__":
    app()
