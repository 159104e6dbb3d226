"""The scheduled ingestion job: incremental, idempotent, crash-safe.

One run:
1. takes the lake lease (`redactor.store.lease`) or stops with status "locked";
2. loads the latest snapshot and the ledger (which exports are done, where every call lives);
3. lists every source; an export already done with the same fingerprint is skipped unread; a
   new or changed one is read, hashed (an export whose bytes were done before, under any name, is
   recorded as a duplicate and not processed again), split into records and sent through the
   pipeline;
4. commits every `commit_every_calls` calls / `commit_every_seconds` seconds: the redacted calls
   (replacing earlier versions of the same call ids, wherever they are) and the ledger rows of the
   exports whose every record is now stored or quarantined, in one snapshot commit
   (`redactor.store.txn`); quarantined records are written to `quarantine/` as they come and
   their export is recorded done-in-quarantine, so a poison export is never retried forever;
5. after each commit applies the landing policy to the exports it completed (delete / retag) and
   records that in the next commit; the Klang API watermark is committed last;
6. compacts the partitions it touched once they hold `compact_min_files` files, garbage-collects,
   releases the lease, and writes the JSON run report to `_runs/<date>/<run id>.json` (audit
   retention) and returns it (the CLI prints it).

Killed at any point, the next run finds: files without a snapshot (invisible, collected later),
exports not yet recorded (processed again; their calls replace themselves), exports recorded but
not cleaned up (cleaned up now), a lease of a dead process (taken over) or of a silent one (expired
after `lease_seconds`). Nothing is lost, nothing is stored twice.
"""

from __future__ import annotations

import hashlib
import platform
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from pyarrow import ArrowException

from redactor import __version__
from redactor.config import Config
from redactor.domain import Quarantined, RedactedCall
from redactor.errors import RedactorError
from redactor.failpoints import crashpoint
from redactor.ingest.klang_api import KlangApiError
from redactor.ingest.reader import Limits, RawRecord, SourceError, split_records, unread_export
from redactor.ingest.sources import (
    LANDING_MODES,
    Export,
    FetchError,
    KlangApi,
    LocalFiles,
    S3Landing,
    Source,
    klang_client_from_config,
)
from redactor.jobs.engines import Engine
from redactor.jobs.report import RUNS_PREFIX, RunReport
from redactor.logs import get_logger, safe_error, set_context
from redactor.pipeline import Pipeline, RunSummary
from redactor.rights.erase import erased
from redactor.rights.restrict import RestrictionIndex, restrict_new_calls
from redactor.store.backend import StoreError
from redactor.store.lake import Lake
from redactor.store.lease import Lease, LeaseError, LeaseHeld
from redactor.store.snapshot import CommitConflict
from redactor.store.tables import build_tables, call_date
from redactor.store.txn import LakeWriter

log = get_logger("redactor.job")


class Progress(Protocol):
    """Hears how many exports each source lists and when each is done (`redactor.progress.RunProgress`)."""

    def exports_listed(self, n: int | None) -> None: ...

    def export_done(self) -> None: ...


NO_KEY_WARNING = (
    "no pseudonymisation key configured: calls are stored without subject tokens, so "
    "`redactor subject` cannot find them and repeat_callers returns nothing (set REDACTOR_PSEUDONYM_KEY)"
)
# What a call's own values can make building its table rows raise (as opposed to the store failing).
_UNSTORABLE = (ArrowException, ValueError, TypeError, OverflowError, UnicodeError)


class JobUsageError(RedactorError, ValueError):
    """Bad sources or options: nothing was done (the CLI exits with ExitCode.USAGE)."""


def _versions(pipeline: Pipeline) -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {"redactor": __version__, "pipeline": pipeline.version, "python": platform.python_version()}
    for pkg in ("pyarrow", "presidio-analyzer", "spacy", "boto3"):
        try:
            out[pkg] = version(pkg)
        except PackageNotFoundError:
            pass
    return out


@dataclass
class _Pending:
    export: Export
    source: Source
    sha: str
    total: int
    seen: int = 0
    calls: int = 0
    quarantined: int = 0
    skipped: int = 0  # calls of erased people, not stored
    status: str = ""  # set for exports complete without records (duplicate / same content / empty)
    keep_landing: bool = False  # its input is not in quarantine: never deleted from the landing area
    outstanding: Counter[str] = field(default_factory=Counter)  # record sha256 -> results still to come


class _Timer:
    def __init__(self, report: RunReport, name: str):
        self.report, self.name = report, name

    def __enter__(self) -> None:
        self.t = time.monotonic()

    def __exit__(self, *exc: object) -> None:
        self.report.durations[self.name] += time.monotonic() - self.t


def build_sources(
    specs: list[str],
    config: Config,
    *,
    from_klang: bool = False,
    since: datetime | None = None,
    cursor_lookup: Callable[[str], str | None] | None = None,
    klang_sleep: Callable[[float], None] | None = None,
) -> list[Source]:
    """SOURCE arguments -> source objects. Local paths/globs (one source for all of them),
    `s3://bucket/prefix/` landing areas, `klang://` (the configured API), `klang+https://host`."""
    local: list[str] = []
    sources: list[Source] = []
    cap = Limits.from_config(config.section("ingest")).max_export_bytes
    klang_bases: list[str | None] = [None] if from_klang else []
    for spec in specs:
        if spec.startswith("s3://"):
            sources.append(S3Landing(spec, config.section("store"), cap))
        elif spec == "klang://" or spec == "klang:":
            klang_bases.append(None)
        elif spec.startswith(("klang+https://", "klang+http://")):
            klang_bases.append(spec[len("klang+") :])
        elif spec.startswith("klang://"):
            klang_bases.append("https://" + spec[len("klang://") :])
        elif "://" in spec:
            raise JobUsageError(
                f"unsupported source scheme {spec.split('://')[0]}:// "
                "(use a path, s3://bucket/prefix/, klang:// or --from-klang-api)"
            )
        else:
            local.append(spec)
    if local:
        sources.insert(0, LocalFiles(local, cap))
    section = config.section("klang")
    for base in dict.fromkeys(klang_bases):
        try:
            client = klang_client_from_config(section, base, sleep=klang_sleep)
        except KlangApiError as exc:
            raise JobUsageError(str(exc)) from None
        probe = KlangApi(client, None)
        cursor = cursor_lookup(probe.cursor_name) if cursor_lookup else None
        sources.append(
            KlangApi(
                client,
                cursor,
                since=since,
                lookback_hours=float(section.get("lookback_hours", 6)),
                ready_statuses=tuple(section.get("ready_statuses", ["ready", "completed"])),
                pending_give_up_hours=float(section.get("pending_give_up_hours", 72)),
            )
        )
    if not sources:
        raise JobUsageError(
            "nothing to ingest: give SOURCE paths, s3:// landing prefixes, klang:// or --from-klang-api"
        )
    return sources


def run_job(
    sources: list[str],
    config: Config,
    store_uri: str | None = None,
    pipeline: Pipeline | None = None,
    *,
    from_klang: bool = False,
    since: datetime | None = None,
    incremental: bool = True,
    report_to_store: bool = True,
    on_result: Callable[[RedactedCall | Quarantined], None] | None = None,
    engine: Engine | None = None,
    stop: threading.Event | None = None,
    klang_sleep: Callable[[float], None] | None = None,
    progress: Progress | None = None,
) -> RunReport:
    """Run the ingestion job once. Never raises for data problems; raises JobUsageError for bad
    arguments and SourceError for a local path that does not exist (before anything is done).
    `progress` (`redactor.progress.RunProgress`) hears how many exports each source listed and
    when each export is done; `on_result` hears each call."""
    started = time.monotonic()
    run_id = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ") + "-" + uuid.uuid4().hex[:8]
    set_context(run_id=run_id)
    pipeline = pipeline or Pipeline(config)
    report = RunReport(
        run_id=run_id,
        pipeline_version=pipeline.version,
        incremental=incremental,
        started_at=datetime.now(UTC).isoformat(),
        versions=_versions(pipeline),
    )
    if pipeline.pseudonymiser is None:
        report.warnings.append(NO_KEY_WARNING)
        log.warning("no pseudonymisation key: the subject index stays empty")
    if config.company_warning:
        report.warnings.append(config.company_warning)
        log.warning("no company profile", detail=config.company_warning)
    job = config.section("job")
    landing_mode = str(config.section("landing").get("after_ingest", "retag"))
    if landing_mode not in LANDING_MODES:
        raise JobUsageError(f"[landing] after_ingest must be one of {', '.join(LANDING_MODES)}, not {landing_mode!r}")
    lake = Lake.from_config(config, store_uri, pipeline.version)
    writer_box: dict[str, LakeWriter] = {}

    def cursor_lookup(name: str) -> str | None:
        return writer_box["writer"].ledger.cursors.get(name) if "writer" in writer_box else None

    # Sources are built before the lease (usage errors cost nothing) but the API source needs the
    # ledger's cursor, which is only read under the lease: it is rebuilt below.
    srcs = build_sources(sources, config, from_klang=from_klang, since=since, klang_sleep=klang_sleep)
    lease = Lease(
        lake.store, lake.retention, ttl_seconds=float(job.get("lease_seconds", 300)), operation="ingest", run_id=run_id
    )
    try:
        with _Timer(report, "lease"):
            lease.acquire()
    except LeaseHeld as exc:
        report.status = "locked"
        report.exception = exc
        report.lease = {k: exc.holder.get(k) for k in ("run_id", "operation", "host", "pid", "expires_at")}
        report.errors.append(str(exc))
        log.warning("lease held by another run", holder_run_id=exc.holder.get("run_id"))
        return _finish(report, lake, started, report_to_store)
    except (LeaseError, StoreError, OSError) as exc:  # OSError: a full disk, say
        report.status = "failed"
        report.exception = exc
        report.errors.append(safe_error(exc))
        log.error("cannot take the lease", error=safe_error(exc))
        return _finish(report, lake, started, report_to_store)
    report.lease = {
        "owner": lease.owner,
        "ttl_seconds": lease.ttl,
        "took_over": lease.took_over,
        "conditional_writes": lease.cond.mode,
    }
    lease.start_heartbeat()
    log.info("run started", sources=[s.kind for s in srcs], incremental=incremental, landing=landing_mode)
    try:
        with _Timer(report, "load_state"):
            writer = LakeWriter(lake, run_id=run_id, lease=lease)
            writer_box["writer"] = writer
            writer.ledger  # noqa: B018 - load it now, under the lease
        report.lake["version_before"] = writer.snapshot.version
        if any(s.cursor_name for s in srcs):
            srcs = build_sources(
                sources,
                config,
                from_klang=from_klang,
                since=since,
                cursor_lookup=cursor_lookup,
                klang_sleep=klang_sleep,
            )
        _Run(
            report, config, lake, writer, pipeline, srcs, landing_mode, incremental, on_result, engine, stop, progress
        ).run()
    except Exception as exc:  # noqa: BLE001 - the report must be written whatever happened
        report.status = "failed"
        report.exception = exc
        report.errors.append(safe_error(exc))
        log.error("run failed", error=safe_error(exc))
    finally:
        try:
            lease.release()
        except Exception as exc:  # noqa: BLE001 - it will expire
            log.warning("lease release failed", error=safe_error(exc))
    return _finish(report, lake, started, report_to_store)


def run_ingest(
    sources: list[str],
    config: Config,
    store_uri: str | None = None,
    pipeline: Pipeline | None = None,
    on_result: Callable[[RedactedCall | Quarantined], None] | None = None,
    engine: Engine | None = None,
    *,
    incremental: bool = False,
    report_to_store: bool = False,
    **job_options: Any,
) -> RunSummary:
    """Run the ingestion job (`run_job`) on these sources and return its report.

    As a library call it processes every given export (`incremental=False`: the scheduled
    `redactor ingest` skips exports already done) and raises the run's first error instead of
    returning a failed report. Calls are stored exactly once either way: a call already in the
    lake is replaced, not appended. `engine` (redactor.jobs.engines) computes results in worker
    processes; this process alone writes them. Returns the run's `RunSummary` (counts only; the
    full run report is `run_job`'s return value).
    """
    report = run_job(
        sources,
        config,
        store_uri,
        pipeline,
        on_result=on_result,
        engine=engine,
        incremental=incremental,
        report_to_store=report_to_store,
        **job_options,
    )
    if report.status in ("failed", "locked") and report.exception is not None:
        raise report.exception
    return report.summary()


def _finish(report: RunReport, lake: Lake, started: float, report_to_store: bool) -> RunReport:
    report.seconds = time.monotonic() - started
    report.durations["total"] = report.seconds
    report.finished_at = datetime.now(UTC).isoformat()
    if report.status == "running":
        report.status = "partial" if report.quarantined else "ok"
    if report_to_store:
        day = report.finished_at[:10]
        key = f"{RUNS_PREFIX}date={day}/{report.run_id}.json"
        report.report_key = key
        try:
            import json

            lake.store.put(
                key,
                json.dumps(report.as_dict(), ensure_ascii=False, sort_keys=True).encode(),
                lake.retention.tags("audit", "runs"),
            )
        except Exception as exc:  # noqa: BLE001 - stdout still has it
            report.report_key = ""
            report.errors.append(f"run report not stored: {safe_error(exc)}")
    log.info(
        "run finished",
        status=report.status,
        calls_read=report.calls_read,
        calls_written=report.calls_written,
        quarantined=report.quarantined,
        seconds=round(report.seconds, 3),
    )
    set_context(run_id=None)
    return report


class _Run:
    def __init__(
        self,
        report: RunReport,
        config: Config,
        lake: Lake,
        writer: LakeWriter,
        pipeline: Pipeline,
        srcs: list[Source],
        landing_mode: str,
        incremental: bool,
        on_result: Callable[[RedactedCall | Quarantined], None] | None,
        engine: Engine | None,
        stop: threading.Event | None,
        progress: Progress | None = None,
    ):
        self.report, self.config, self.lake, self.w = report, config, lake, writer
        self.pipeline, self.srcs, self.landing_mode, self.incremental = pipeline, srcs, landing_mode, incremental
        self.on_result, self.engine, self.stop = on_result, engine, stop
        self.progress = progress
        job = config.section("job")
        self.commit_calls = max(1, int(job.get("commit_every_calls", 256)))
        self.commit_seconds = float(job.get("commit_every_seconds", 60))
        self.compact_min_files = int(job.get("compact_min_files", 8))
        self.gc_grace = float(job.get("gc_grace_seconds", 3600))
        self.pending: dict[str, _Pending] = {}  # export name -> progress
        # Results find their export by the hash of the record's bytes (a RedactedCall carries it as
        # content_hash, a Quarantined as its payload): every other field of a redacted call,
        # its source file name included, may have been rewritten by the redaction.
        self.by_record: dict[str, list[_Pending]] = {}
        self.complete: list[_Pending] = []  # all results in, not yet committed
        self.buffer: list[RedactedCall] = []
        self.to_clean: list[tuple[Source, Export, dict[str, Any]]] = []  # committed, landing cleanup due
        self.cleaned_rows: list[dict[str, Any]] = []  # cleanup done, not yet committed
        self.seen_sha: set[str] = set()
        self.owner_of: dict[str, _Pending] = {}  # record hash of a buffered call -> its export
        self.touched_days: set[str] = set()
        self.last_commit = time.monotonic()
        self.source_failed = False
        # A person erased on request stays erased when their export is delivered again (the API
        # re-sends an edited conversation, an export is re-run with --force): their calls are
        # neither stored nor quarantined.
        self.erased = erased(lake)
        self.restrictions = RestrictionIndex(lake)

    # ---- reading exports -----------------------------------------------------------------

    def _export_row(self, p: _Pending, status: str) -> dict[str, Any]:
        e = p.export
        # An export too large to read is never deleted (it is its own only copy); retagging is fine.
        cleaned = p.source.cleanup_is_noop(self.landing_mode) or (p.keep_landing and self.landing_mode == "delete")
        return {
            "kind": "export",
            "key": e.ref,
            "fp": e.fingerprint,
            "sha": p.sha,
            "status": status,
            "value": e.kind,
            "n_calls": p.calls,
            "n_quarantined": p.quarantined,
            "cleaned": cleaned,
        }

    def records(self) -> Iterator[RawRecord]:
        ledger = self.w.ledger
        limits = self.pipeline.limits
        for src in self.srcs:
            info: dict[str, Any] = {
                "kind": src.kind,
                "exports": 0,
                "processed": 0,
                "skipped": 0,
                "failed": 0,
                "complete": False,
            }
            self.report.sources.append(info)
            if self.progress is not None:
                self.progress.exports_listed(src.expected_exports())
            try:
                for exp in src.exports():
                    if self.stop is not None and self.stop.is_set():
                        break
                    info["exports"] += 1
                    self.report.exports["seen"] += 1
                    self.report.files += 1
                    prev = ledger.exports.get(exp.ref)
                    if self.incremental and prev is not None and exp.fingerprint and prev.fp == exp.fingerprint:
                        info["skipped"] += 1
                        self.report.exports["skipped_done"] += 1
                        if not prev.cleaned:
                            row = {
                                "kind": "export",
                                "key": exp.ref,
                                "fp": prev.fp,
                                "sha": prev.sha,
                                "status": prev.status,
                                "value": prev.kind,
                                "n_calls": prev.n_calls,
                                "n_quarantined": prev.n_quarantined,
                                "cleaned": True,
                            }
                            self.to_clean.append((src, exp, row))
                        self._export_done()
                        continue
                    try:
                        raw = exp.fetch()
                    except FetchError as exc:
                        info["failed"] += 1
                        self.report.exports["fetch_failed"] += 1
                        self.report.errors.append(f"{src.kind} export {exp.ref[:12]}: {exc}")
                        log.warning("export fetch failed", kind=src.kind, ref=exp.ref[:12], error=str(exc))
                        src.failed(exp)
                        self._export_done()
                        continue
                    crashpoint("after-fetch")
                    too_large = raw is None
                    raw = raw or b""
                    sha = hashlib.sha256(raw if not too_large else f"too-large:{exp.fingerprint}".encode()).hexdigest()
                    if self.incremental and (
                        (prev is not None and prev.sha == sha) or ledger.export_by_sha(sha) or sha in self.seen_sha
                    ):
                        # Same bytes as an export already done (renamed, touched, delivered twice).
                        status = prev.status if prev is not None and prev.sha == sha else "duplicate"
                        p = _Pending(exp, src, sha, 0, status=status)
                        self.report.exports["duplicate" if status == "duplicate" else "unchanged"] += 1
                        info["skipped"] += 1
                        self.complete.append(p)
                        self._export_done()
                        continue
                    self.seen_sha.add(sha)
                    recs = self._split(exp, raw, limits, too_large)
                    del raw
                    if exp.name in self.pending:  # the same name twice in one run: finish the first
                        self.report.errors.append(f"{src.kind} export {exp.ref[:12]} listed twice; second skipped")
                        self._export_done()
                        continue
                    p = _Pending(exp, src, sha, len(recs), keep_landing=too_large)
                    if not recs:  # `[]`, an empty page: done, with nothing to store
                        p.status = "empty"
                        self.report.exports["empty"] += 1
                        info["processed"] += 1
                        self.complete.append(p)
                        self._export_done()
                        continue
                    for rec in recs:
                        h = hashlib.sha256(rec.raw).hexdigest()
                        if not p.outstanding[h]:
                            self.by_record.setdefault(h, []).append(p)
                        p.outstanding[h] += 1
                    self.pending[exp.name] = p
                    info["processed"] += 1
                    self.report.exports["processed"] += 1
                    yield from recs
                info["complete"] = src.complete
                if src.skipped:
                    info["not_read"] = dict(sorted(src.skipped.items()))
                    self.report.exports.update({f"not_read_{k}": v for k, v in src.skipped.items()})
            except (KlangApiError, SourceError, StoreError) as exc:
                self.source_failed = True
                self.report.exception = self.report.exception or exc
                self.report.errors.append(f"{src.kind} source: {safe_error(exc)}")
                log.error("source failed", kind=src.kind, error=safe_error(exc))
            info.update(src.report_info())

    def _export_done(self) -> None:
        if self.progress is not None:
            self.progress.export_done()

    @staticmethod
    def _split(exp: Export, raw: bytes, limits: Limits, too_large: bool) -> list[RawRecord]:
        """The export's records; whatever goes wrong here is this export's problem alone."""
        if too_large:
            return [unread_export(exp.name, limits)]
        try:
            return list(split_records(exp.name, raw, limits))
        except Exception as exc:  # noqa: BLE001 - never expected; the export is quarantined, the run goes on
            return [RawRecord(exp.name, None, raw, error=f"export could not be read ({type(exc).__name__})")]

    # ---- results -------------------------------------------------------------------------

    def _result(self, result: RedactedCall | Quarantined) -> None:
        r = self.report
        r.calls_read += 1
        # The record's hash (to find its export) and the call id, whichever kind of result.
        if isinstance(result, Quarantined):
            call_id, h = result.call_id, hashlib.sha256(result.payload).hexdigest()
        else:
            call_id, h = result.call.call_id, result.call.content_hash
        if self.erased.covers(call_id, h):
            r.calls["skipped_erased"] += 1
            log.info("call skipped: erased on a data-subject request", call_id=call_id)
            field_ = "skipped"
        elif isinstance(result, Quarantined):
            self.lake.quarantine(result)
            r.quarantined += 1
            r.quarantine_reasons[result.stage] += 1
            field_ = "quarantined"
        else:
            self.buffer.append(result)
            r.findings.update(f.entity_type for f in result.findings)
            field_ = "calls"
        owners = self.by_record.get(h, [])
        p = next((o for o in owners if o.outstanding[h] > 0), None)
        if p is not None and field_ == "calls":
            self.owner_of[h] = p
        if p is None:
            r.exports["unmatched_results"] += 1  # never expected; its export stays not done
            log.warning("result without a pending export", record=h[:12])
        else:
            p.outstanding[h] -= 1
            if not p.outstanding[h]:
                owners.remove(p)
                if not owners:
                    del self.by_record[h]
            p.seen += 1
            setattr(p, field_, getattr(p, field_) + 1)
            if p.seen >= p.total:
                self.pending.pop(p.export.name, None)
                self.complete.append(p)
                self._export_done()
        if self.on_result:
            self.on_result(result)
        due = time.monotonic() - self.last_commit >= self.commit_seconds and (self.buffer or self.complete)
        if len(self.buffer) >= self.commit_calls or due:
            self.commit()

    def _rows(self, extra_rows: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
        """Ledger rows of this commit: the completed exports first (in order), then the rest."""
        rows = []
        for p in self.complete:
            status = p.status or (
                "quarantined" if p.calls == 0 and p.quarantined else "partial" if p.quarantined else "written"
            )
            rows.append(self._export_row(p, status))
        return rows + self.cleaned_rows + (extra_rows or [])

    def commit(self, extra_rows: list[dict[str, Any]] | None = None) -> None:
        rows = self._rows(extra_rows)
        if not self.buffer and not rows:
            return
        r = self.report
        t = time.monotonic()
        restricted = restrict_new_calls(self.lake, self.buffer, self.restrictions.in_force()) if self.buffer else 0
        if restricted:
            r.calls["restricted_on_ingest"] += restricted
        for attempt in range(3):
            txn = self.w.transaction("ingest")
            try:
                outcome = txn.replace_calls(self.buffer)
            except _UNSTORABLE:
                if not self._quarantine_unstorable():
                    raise
                rows = self._rows(extra_rows)  # their exports' counts changed
                txn = self.w.transaction("ingest")
                outcome = txn.replace_calls(self.buffer)
            for row in rows:
                txn.record(row)
            crashpoint("before-commit")
            try:
                snap = txn.commit()
                break
            except CommitConflict:
                # Another writer committed (a lease failure, or an erasure that does not take the
                # lease): start again from its snapshot; our files are content-named, so mostly the
                # same objects are written again.
                if attempt == 2:
                    raise
                r.lake["conflicts_retried"] = r.lake.get("conflicts_retried", 0) + 1
                self.w.refresh()
                self._drop_erased()
        crashpoint("after-commit")
        r.durations["commit"] += time.monotonic() - t
        r.calls_written += outcome.get("added", 0) + outcome.get("replaced", 0)
        r.calls.update(outcome)
        r.lake["commits"] = r.lake.get("commits", 0) + 1
        r.lake["files_written"] = r.lake.get("files_written", 0) + len(txn.written)
        r.lake["version_after"] = snap.version
        self.touched_days |= txn.touched_days
        log.info(
            "commit", version=snap.version, calls=len(self.buffer), exports=len(self.complete), files=len(txn.written)
        )
        self.buffer = []
        self.owner_of = {}
        for p, row in zip(self.complete, rows):
            r.exports["done"] += 1
            if not row["cleaned"]:
                self.to_clean.append((p.source, p.export, dict(row, cleaned=True)))
        self.complete = []
        self.cleaned_rows = []
        self.last_commit = time.monotonic()
        self.clean_landing()

    def _quarantine_unstorable(self) -> bool:
        """A call the tables cannot hold (a value no Parquet column takes) is quarantined instead of
        failing the commit for every call. Its redacted form is not the input, so the payload
        stays empty and its export is left in the landing area. Returns whether any was found."""
        kept = []
        for rc in self.buffer:
            try:
                call_date(rc)
                build_tables([rc])
            except _UNSTORABLE as exc:
                item = Quarantined(
                    rc.call.source_file,
                    None,
                    f"store failed ({type(exc).__name__}); the export is left in the landing area",
                    "store",
                    b"",
                    call_id=rc.call.call_id,
                )
                self.lake.quarantine(item)
                self.report.quarantined += 1
                self.report.quarantine_reasons["store"] += 1
                p = self.owner_of.get(rc.call.content_hash)
                if p is not None:
                    p.keep_landing = True
                    p.calls -= 1
                    p.quarantined += 1
                continue
            kept.append(rc)
        found = len(kept) < len(self.buffer)
        self.buffer = kept
        return found

    def _drop_erased(self) -> None:
        """An erasure committed while this run held calls in memory: leave its calls out."""
        self.erased = erased(self.lake)
        kept = [c for c in self.buffer if not self.erased.covers(c.call.call_id, c.call.content_hash)]
        if len(kept) < len(self.buffer):
            self.report.calls["skipped_erased"] += len(self.buffer) - len(kept)
        self.buffer = kept

    def clean_landing(self) -> None:
        with _Timer(self.report, "landing"):
            for src, exp, row in self.to_clean:
                try:
                    outcome = src.cleanup(exp, self.landing_mode, self.lake.retention)
                except FetchError as exc:
                    self.report.landing["failed"] += 1
                    self.report.errors.append(f"{src.kind} export {exp.ref[:12]}: {exc}")
                    log.warning("landing cleanup failed", kind=src.kind, ref=exp.ref[:12], error=str(exc))
                    continue
                crashpoint("after-landing-cleanup")
                self.report.landing[outcome] += 1
                self.cleaned_rows.append(row)
            self.to_clean = []

    # ---- the run -------------------------------------------------------------------------

    def run(self) -> None:
        r = self.report
        with _Timer(r, "process"):
            records = self.records()
            if self.engine is not None:
                results = self.engine.map_records(records, self.pipeline)
            else:
                results = self.pipeline.process(records)
            for result in results:
                self._result(result)
            self.clean_landing()  # exports skipped as done but not yet cleaned up
            extra = []
            for src, info in zip(self.srcs, r.sources):  # records() added one entry per source, in order
                if src.cursor_name is None:
                    continue
                cursor = src.new_cursor()
                info["cursor_after"] = cursor or src.cursor_before or None
                if cursor and cursor != src.cursor_before:
                    extra.append({"kind": "cursor", "key": src.cursor_name, "value": cursor})
            self.commit(extra)
            if self.cleaned_rows:  # cleanup of the last commit's exports, recorded
                self.commit()
        if self.stop is not None and self.stop.is_set():
            r.status = "stopped"
            r.errors.append("stopped by a signal; the next run continues where this one stopped")
        elif self.source_failed or r.exports.get("fetch_failed"):
            r.status = "failed"
        with _Timer(r, "compact"):
            if self.compact_min_files > 0 and self.touched_days:
                from redactor.store.maintenance import compact

                stats = compact(self.w, min_files=self.compact_min_files, days=self.touched_days)
                if stats:
                    r.lake["compaction"] = stats
        with _Timer(r, "gc"):
            from redactor.store.maintenance import gc

            stats = gc(self.w, self.gc_grace)
            if stats:
                r.lake["gc"] = stats
        r.lake["version_after"] = self.w.snapshot.version
