"""Run the per-call pipeline on several cores, or on a Dask cluster, with the same results.

Both engines only compute: they turn export files into `RedactedCall | Quarantined` results, in
input order, one result per record, exactly what `Pipeline.process(iter_records(paths))` yields
in one process. The driver (`redactor.jobs.ingest.run_ingest`) alone writes them to the store through the
same Lake path, so the job's guarantees (what is committed, what is quarantined) do not change.

- `LocalEngine` (`redactor ingest --workers N`): a pool of N processes, each building its own
  `Pipeline` once in an initializer. The driver reads records and sends chunks of them; at most
  `max_in_flight` chunks are out at once, so memory stays flat however large the input. If a
  worker fails on a chunk or dies, that chunk is processed in the driver (same code, same result):
  every record still comes out exactly once.
- `DaskEngine` (`redactor ingest --engine dask [--address tcp://host:8786]`): the same per-file
  function on an existing Dask cluster, sharded by export file: a task reads one file and returns
  its results; the driver consumes files in order, a bounded number in flight. Without an address
  it starts a local multi-process cluster on 127.0.0.1. Workers need the project installed, the
  same model and config, and the export files at the same paths (a shared filesystem or volume);
  each worker builds its pipeline once and the driver refuses workers whose pipeline version or
  code/model fingerprint (`fingerprint`) differs from its own.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing as mp
import os
import pickle
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from redactor.config import Config
from redactor.domain import Quarantined, RedactedCall
from redactor.errors import RedactorError
from redactor.ingest import RawRecord, iter_records

if TYPE_CHECKING:  # workers import the pipeline (and the model) only when they build one
    from redactor.pipeline import Pipeline

log = logging.getLogger("redactor.parallel")

Result = RedactedCall | Quarantined


class EngineError(RedactorError, RuntimeError):
    """The engine cannot run (workers disagree with the driver, no cluster at the address...)."""


class Engine(Protocol):
    """Computes results for the driver, which alone writes them (`LocalEngine`, `DaskEngine`)."""

    def start(self, expected_version: str | None = None) -> None: ...

    def process(self, paths: list[Path], pipeline: Pipeline) -> Iterator[Result]: ...

    def map_records(self, records: Iterable[RawRecord], pipeline: Pipeline) -> Iterator[Result]: ...

    def close(self) -> None: ...


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


# ---- in the worker processes ---------------------------------------------------------------------

_PIPELINES: dict[str, Pipeline] = {}  # config digest -> Pipeline, one per worker process


def _worker_pipeline(config: Config) -> Pipeline:
    pipeline = _PIPELINES.get(config.digest)
    if pipeline is None:
        from redactor.pipeline import Pipeline

        # One process per core: spaCy/numpy must not start threads of their own.
        os.environ.setdefault("OMP_NUM_THREADS", "1")
        pipeline = _PIPELINES[config.digest] = Pipeline(config)
    return pipeline


_FINGERPRINT: dict[str, str] = {}


def fingerprint(config: Config) -> str:
    """What must be the same on the driver and every worker for their results to be the driver's:
    the code (every source and data file of the `redactor` and `recognizers` packages), the
    model folder (meta.json, config.cfg, and every file's name and size) and the configuration.
    The pipeline version alone (release + model name/version + config) would not notice a worker
    running other code or a retrained model that kept its version number."""
    import hashlib

    import recognizers
    import redactor

    key = config.digest
    if key not in _FINGERPRINT:
        h = hashlib.sha256(config.digest.encode())
        for pkg in (redactor, recognizers):
            root = Path(str(pkg.__file__)).parent
            for f in sorted(root.rglob("*")):
                if (
                    f.is_file()
                    and f.suffix in (".py", ".toml", ".txt", ".json", ".csv")
                    and "__pycache__" not in f.parts
                ):
                    h.update(f"{pkg.__name__}/{f.relative_to(root).as_posix()}\0".encode())
                    h.update(f.read_bytes())
        model = config.model_path
        for name in ("meta.json", "config.cfg"):
            if (model / name).is_file():
                h.update((model / name).read_bytes())
        if model.is_dir():
            for f in sorted(model.rglob("*")):
                if f.is_file():
                    h.update(f"{f.relative_to(model).as_posix()}:{f.stat().st_size}\0".encode())
        _FINGERPRINT[key] = h.hexdigest()[:16]
    return _FINGERPRINT[key]


def _init_worker(config: Config) -> None:
    _worker_pipeline(config)


def _worker_version(config: Config) -> tuple[str, str]:
    return _worker_pipeline(config).version, fingerprint(config)


def _check_versions(found: set[tuple[str, str]], config: Config, expected_version: str | None, where: str) -> None:
    if expected_version is None:
        return
    if {v for v, _ in found} != {expected_version}:
        raise EngineError(f"{where} pipeline version differs from the driver's (different release, model or config)")
    if {f for _, f in found} != {fingerprint(config)}:
        raise EngineError(f"{where} code or model files differ from the driver's: deploy the same build everywhere")


def _dumps(obj: object) -> bytes:
    return pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)


def _loads(data: bytes) -> Any:
    """Unpickle with the cyclic GC paused: a chunk of results is thousands of small objects
    (segments, words, findings) and would otherwise trigger one collection per 700 of them,
    each scanning the whole heap; that made unpickling 3x slower than the pickle itself."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.loads(data)
    finally:
        if enabled:
            gc.enable()


def _process_chunk(config: Config, records: list[RawRecord]) -> list[Result]:
    return list(_worker_pipeline(config).process(records))


def _process_packed(config: Config, payload: bytes) -> bytes:
    """A chunk in and its results out as pickled bytes, so both ends unpickle with `_loads`
    (the executor's or Dask's own unpickling of objects would run with the GC on)."""
    return _dumps(_process_chunk(config, _loads(payload)))


def process_file(config: Config, path: str, max_record_bytes: int) -> list[Result]:
    """The per-file task of the Dask engine: read one export file and process its records."""
    return list(_worker_pipeline(config).process(iter_records([Path(path)], max_record_bytes)))


def _by_export(records: Iterable[RawRecord], max_records: int) -> Iterator[list[RawRecord]]:
    """Consecutive records of one export file, at most `max_records` together (a very large
    export is split in order, never mixed with another)."""
    shard: list[RawRecord] = []
    for rec in records:
        if shard and (rec.source_file != shard[-1].source_file or len(shard) >= max_records):
            yield shard
            shard = []
        shard.append(rec)
    if shard:
        yield shard


def chunk_records(config: Config) -> int:
    """Records sent to a worker at once. Chunks smaller than the pipeline's batch keep every
    worker busy on small inputs (one task per 500-call export left one of two Dask workers idle:
    0.96x one worker); a chunk of 16 calls is still ~100 dialogues for spaCy to batch."""
    return max(8, int(config.section("ingest").get("batch_size", 64)) // 4)


# ---- local processes -------------------------------------------------------------------------------


def _chunks(records: Iterable[RawRecord], size: int) -> Iterator[list[RawRecord]]:
    chunk: list[RawRecord] = []
    for rec in records:
        chunk.append(rec)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class LocalEngine:
    """N worker processes on this machine; results in input order, bounded in flight."""

    def __init__(
        self,
        config: Config,
        workers: int | None = None,
        chunk_size: int | None = None,
        max_in_flight: int | None = None,
        start_method: str | None = None,
    ):
        self.config = config
        self.workers = workers or default_workers()
        self.chunk_size = chunk_size or chunk_records(config)
        self.max_in_flight = max_in_flight or 2 * self.workers
        # forkserver: workers fork from a clean server process, never from a driver that may be
        # running threads (progress bar, Arrow); spawn where there is no forkserver.
        methods = mp.get_all_start_methods()
        self.start_method = start_method or ("forkserver" if "forkserver" in methods else "spawn")
        self._pool: ProcessPoolExecutor | None = None
        self.restarts = 0
        self.chunks_done = 0  # by the workers (not the driver's fallback)

    def _new_pool(self) -> ProcessPoolExecutor:
        ctx = mp.get_context(self.start_method)
        if self.start_method == "forkserver":
            ctx.set_forkserver_preload(["redactor.pipeline"])
        return ProcessPoolExecutor(
            max_workers=self.workers, mp_context=ctx, initializer=_init_worker, initargs=(self.config,)
        )

    def start(self, expected_version: str | None = None) -> None:
        """Start the workers and wait until each has built its pipeline."""
        if self._pool is None:
            self._pool = self._new_pool()
        versions = set(self._pool.map(_worker_version, [self.config] * self.workers))
        _check_versions(versions, self.config, expected_version, "a worker's")

    def process(self, paths: list[Path], pipeline: Pipeline) -> Iterator[Result]:
        yield from self.map_records(iter_records(paths, pipeline.limits), pipeline)

    def map_records(self, records: Iterable[RawRecord], pipeline: Pipeline) -> Iterator[Result]:
        """Results for records, in input order; `pipeline` (the driver's) is the fallback."""
        if self._pool is None:
            self.start(pipeline.version)
        pending: deque[tuple[list[RawRecord], Future[bytes]]] = deque()
        for chunk in _chunks(records, self.chunk_size):
            while len(pending) >= self.max_in_flight:
                yield from self._collect(*pending.popleft(), pipeline)
            pending.append((chunk, self._submit(chunk)))
        while pending:
            yield from self._collect(*pending.popleft(), pipeline)

    def _submit(self, chunk: list[RawRecord]) -> Future[bytes]:
        assert self._pool is not None
        payload = _dumps(chunk)
        try:
            return self._pool.submit(_process_packed, self.config, payload)
        except BrokenProcessPool:  # a worker died since the last submit: start a fresh pool
            self._restart()
            return self._pool.submit(_process_packed, self.config, payload)

    def _restart(self) -> None:
        self.restarts += 1
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=False)
        self._pool = self._new_pool()

    def _collect(self, chunk: list[RawRecord], future: Future[bytes], pipeline: Pipeline) -> list[Result]:
        try:
            results: list[Result] = _loads(future.result())
        except BrokenProcessPool:
            log.warning("a worker process died; its chunk of %d records is processed in the driver", len(chunk))
            self._restart()
            return list(pipeline.process(chunk))
        except Exception as exc:  # noqa: BLE001 - fail over, never drop records
            log.warning("a worker failed on a chunk (%s); processing it in the driver", type(exc).__name__)
            return list(pipeline.process(chunk))
        if len(results) != len(chunk):  # Pipeline.process yields one result per record
            raise EngineError("a worker returned a different number of results than records")
        self.chunks_done += 1
        return results

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> LocalEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# ---- Dask --------------------------------------------------------------------------------------------


# Dask's defaults for the local cluster `DaskEngine` starts cost its workers ~30% more CPU per call
# than `--workers` processes (docs/performance.md): the nannies start workers with
# MALLOC_TRIM_THRESHOLD_=64 KiB, so glibc hands memory back to the OS after every large free and
# asks for it again (spaCy allocates and frees arrays per batch), and every process wakes many
# times a second for housekeeping that takes the GIL from the spaCy thread: the event-loop tick
# (20 ms), the stack-sampling profiler (10 ms), the memory (100 ms) and system (500 ms) monitors.
# The scheduler and nannies run inside the driver. A coarser memory monitor still enforces the
# workers' memory limit, a second later.
LOCAL_CLUSTER_CONFIG: dict[str, object] = {
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,  # None: not set
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.worker.profile.enabled": False,
}


class DaskEngine:
    """The per-file function on a Dask cluster (an existing one at `address`, or a local one)."""

    def __init__(
        self,
        config: Config,
        address: str | None = None,
        workers: int | None = None,
        max_in_flight: int | None = None,
        max_records_per_task: int | None = None,
    ):
        self.config = config
        self.address = address
        self.workers = workers or default_workers()
        self._max_in_flight = max_in_flight
        self.max_records_per_task = max_records_per_task or chunk_records(config)
        self.client: Any = None  # distributed.Client
        self._cluster: Any = None
        self.tasks_done = 0  # by Dask workers (not the driver's fallback)

    def start(self, expected_version: str | None = None) -> None:
        if self.client is not None:
            return
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:  # pragma: no cover - dask is a dev/extra dependency
            raise EngineError("the dask engine needs 'dask[distributed]' installed") from exc
        if self.address:
            try:
                self.client = Client(self.address, timeout=30)
            except (OSError, TimeoutError) as exc:
                raise EngineError(f"no Dask scheduler reachable at {self.address}") from exc
        else:
            import dask

            # The nannies read their workers' settings when created; the scheduler and client keep
            # theirs from start-up.
            with dask.config.set(LOCAL_CLUSTER_CONFIG):
                self._cluster = LocalCluster(
                    n_workers=self.workers,
                    threads_per_worker=1,
                    processes=True,
                    host="127.0.0.1",
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
                self.client = Client(self._cluster)
        # Build every worker's pipeline now, and check it is the driver's pipeline.
        versions = {tuple(v) for v in self.client.run(_worker_version, self.config).values()}
        _check_versions(versions, self.config, expected_version, "a Dask worker's")

    @property
    def max_in_flight(self) -> int:
        if self._max_in_flight:
            return self._max_in_flight
        n = len(self.client.scheduler_info().get("workers", {})) if self.client else self.workers
        return 2 * max(1, n)

    def map_records(self, records: Iterable[RawRecord], pipeline: Pipeline) -> Iterator[Result]:
        """Results for records the driver read (any source: folders, s3://, the Klang API), one
        task per chunk of one export file's records (`max_records_per_task`), in input order."""
        if self.client is None:
            self.start(pipeline.version)
        pending: deque[tuple[list[RawRecord] | Path, Any]] = deque()
        for shard in _by_export(records, self.max_records_per_task):
            while len(pending) >= self.max_in_flight:
                yield from self._collect(*pending.popleft(), pipeline)
            [data] = self.client.scatter([_dumps(shard)], hash=False)
            fut = self.client.submit(_process_packed, self.config, data, pure=False, retries=1)
            pending.append((shard, fut))
        while pending:
            yield from self._collect(*pending.popleft(), pipeline)

    def process(self, paths: list[Path], pipeline: Pipeline) -> Iterator[Result]:
        """Workers read the export files themselves (they must see the same paths)."""
        if self.client is None:
            self.start(pipeline.version)
        pending: deque[tuple[list[RawRecord] | Path, Any]] = deque()
        for path in paths:
            while len(pending) >= self.max_in_flight:
                yield from self._collect(*pending.popleft(), pipeline)
            fut = self.client.submit(
                process_file, self.config, os.fspath(path), pipeline.max_record_bytes, pure=False, retries=1
            )
            pending.append((Path(path), fut))
        while pending:
            yield from self._collect(*pending.popleft(), pipeline)

    def _collect(self, work: list[RawRecord] | Path, future: Any, pipeline: Pipeline) -> list[Result]:
        """`work` is a shard of records or an export path; the driver redoes it if the task failed."""
        try:
            done = future.result()
            results: list[Result] = _loads(done) if isinstance(done, bytes) else done
            self.tasks_done += 1
            return results
        except Exception as exc:  # noqa: BLE001 - a lost worker or task: the driver does the export
            log.warning("a Dask task failed on an export (%s); processing it in the driver", type(exc).__name__)
            records = work if isinstance(work, list) else iter_records([work], pipeline.limits)
            return list(pipeline.process(records))
        finally:
            future.release()

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
            self.client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    def __enter__(self) -> DaskEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def make_engine(
    kind: str, config: Config, workers: int | None = None, address: str | None = None
) -> LocalEngine | DaskEngine:
    """`local` (processes on this machine) or `dask` (a cluster at `address`, or a local one)."""
    if kind == "local":
        return LocalEngine(config, workers=workers)
    if kind == "dask":
        return DaskEngine(config, address=address, workers=workers)
    raise EngineError(f"unknown engine {kind!r} (use 'local' or 'dask')")
