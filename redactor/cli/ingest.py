"""`redactor ingest`: the scheduled job (`redactor.jobs.ingest.run_job`) on the command line."""

from __future__ import annotations

import json
import sys
from contextlib import nullcontext
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, NoReturn

import typer

from redactor.cli._common import ConfigOption, ExitCode, StoreOption, app
from redactor.config import Config, ConfigError

if TYPE_CHECKING:
    from redactor.jobs.engines import Engine
    from redactor.jobs.report import RunReport


@app.command()
def ingest(
    sources: list[str] | None = typer.Argument(
        None,
        help="Export files, folders (searched recursively) or glob patterns; s3://bucket/prefix/ landing "
        "areas; klang:// for the Klang API (base URL: klang.base_url in the config, or $KLANG_API_URL). "
        "JSON, JSON Lines, page wrappers and .gz are accepted.",
    ),
    store: str | None = StoreOption,
    config: Path | None = ConfigOption,
    from_klang_api: bool = typer.Option(
        False,
        "--from-klang-api",
        help="Also pull new conversations from the Klang API (same as the source klang://); key from $KLANG_API_KEY.",
    ),
    since: str | None = typer.Option(
        None,
        "--since",
        help="Klang API: fetch conversations created after this "
        "date/time (ISO 8601, UTC) instead of after the stored watermark.",
    ),
    force: bool = typer.Option(
        False,
        "--force",
        help="Process exports again even if the ledger says they are "
        "done (calls are still stored once: replaced, not duplicated).",
    ),
    store_report: bool = typer.Option(
        True,
        "--store-report/--no-store-report",
        help="Also write the run report to _runs/date=YYYY-MM-DD/<run id>.json in the store (audit retention).",
    ),
    log_level: str | None = typer.Option(
        None,
        "--log-level",
        help="JSON log lines on stderr at this level "
        "(debug, info, warning, error; default $REDACTOR_LOG_LEVEL, else info, "
        "warning on a terminal).",
    ),
    progress: bool | None = typer.Option(
        None,
        "--progress/--no-progress",
        help="Live progress on stderr "
        "(calls, exports done of those listed, rate, ETA); default: on when "
        "stderr is a terminal, whatever stdout is.",
    ),
    metrics_file: Path | None = typer.Option(
        None,
        "--metrics-file",
        dir_okay=False,
        help="Write Prometheus "
        "metrics of this run to this node_exporter textfile (*.prom), "
        "replaced atomically (default [job] metrics_file).",
    ),
    workers: int = typer.Option(
        1,
        "--workers",
        "-w",
        min=0,
        help="Worker processes (0: one per core). Same output as 1; the driver alone writes.",
    ),
    engine: str = typer.Option(
        "local",
        "--engine",
        help="'local' (processes on this machine) or 'dask' (a Dask cluster, sharded by export file).",
    ),
    address: str | None = typer.Option(
        None,
        "--address",
        help="Dask scheduler address (tcp://host:8786); without it --engine dask starts a local cluster.",
    ),
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
    from redactor.jobs.ingest import JobUsageError, run_job
    from redactor.jobs.report import RunReport
    from redactor.logs import configure
    from redactor.pipeline import Pipeline
    from redactor.store import StoreError
    from redactor.transform import KeyError_, PolicyError

    show = sys.stderr.isatty() if progress is None else progress
    configure(log_level or os.environ.get("REDACTOR_LOG_LEVEL") or ("warning" if show else "info"))
    metrics_to = metrics_file  # the config may name it too, once it is loaded

    def stop_early(message: str, code: int) -> NoReturn:
        """The run could not start: still a JSON report on stdout (and metrics), then the error."""
        _ingest_done(
            RunReport(status="usage_error" if code == ExitCode.USAGE else "failed", errors=[message]),
            code,
            metrics_to,
            message,
        )

    if not sources and not from_klang_api:
        stop_early(
            "nothing to ingest: give SOURCE paths, s3:// landing prefixes, klang:// or --from-klang-api", ExitCode.USAGE
        )
    try:
        since_dt = parse_since(since) if since else None
    except ValueError as exc:
        stop_early(str(exc), ExitCode.USAGE)
    try:
        cfg = Config.load(config)
    except ConfigError as exc:
        stop_early(str(exc), ExitCode.USAGE)
    metrics_to = metrics_file or (cfg.section("job").get("metrics_file") or None)
    try:
        pipeline = Pipeline(cfg)
    except (PolicyError, KeyError_, FileNotFoundError) as exc:
        stop_early(str(exc), ExitCode.USAGE)
    from redactor.jobs.engines import EngineError, default_workers, make_engine

    if engine not in ("local", "dask"):
        stop_early("--engine must be 'local' or 'dask'", ExitCode.USAGE)
    n_workers = workers or default_workers()
    runner: Engine | None = None
    if engine == "dask" or n_workers > 1:
        runner = make_engine(engine, cfg, workers=n_workers, address=address)
        try:
            runner.start(pipeline.version)
        except EngineError as exc:
            runner.close()
            stop_early(str(exc), ExitCode.FAILURE)
    # SIGTERM (systemd stop, Kubernetes pod deletion): stop taking new exports, commit what is
    # done, release the lease, report. A second signal kills as usual.
    stop = threading.Event()

    def on_term(signum: int, frame: FrameType | None) -> None:
        stop.set()
        signal.signal(signal.SIGTERM, signal.SIG_DFL)

    previous = signal.signal(signal.SIGTERM, on_term) if threading.current_thread() is threading.main_thread() else None
    bar = None
    if show:
        from redactor.progress import RunProgress

        bar = RunProgress()
    try:
        with bar or nullcontext():
            report = run_job(
                sources or [],
                cfg,
                store,
                pipeline,
                from_klang=from_klang_api,
                since=since_dt,
                incremental=not force,
                report_to_store=store_report,
                engine=runner,
                stop=stop,
                on_result=bar.result if bar else None,
                progress=bar,
            )
    except JobUsageError as exc:
        stop_early(str(exc), ExitCode.USAGE)
    except (SourceError, StoreError, EngineError) as exc:
        stop_early(str(exc), ExitCode.FAILURE)
    finally:
        if runner is not None:
            runner.close()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    if report.status in ("failed", "stopped"):
        first = (
            str(report.exception)
            if isinstance(report.exception, (StoreError, SourceError))
            else (report.errors[0] if report.errors else report.status)
        )
        _ingest_done(report, ExitCode.FAILURE, metrics_to, first)
    if report.status == "locked":
        _ingest_done(
            report,
            ExitCode.LOCKED,
            metrics_to,
            report.errors[0] if report.errors else "the lake lease is held by another run",
        )
    _ingest_done(report, ExitCode.PARTIAL if report.quarantined else ExitCode.OK, metrics_to)


def _ingest_done(report: RunReport, code: int, metrics_file: Path | str | None, error: str | None = None) -> NoReturn:
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
