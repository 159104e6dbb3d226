"""What the web app shows, as queries over the same locked-down engine `redactor query` uses.

The app holds one `QueryEngine(materialise=True)`: the committed, restriction-filtered rows copied
into in-memory DuckDB tables once, so every page is a query on memory, not on the bucket. Before
answering, the lake's snapshot version and the set of restricted calls are looked at again (at
most every `refresh_seconds`); if either changed, a new engine is built and swapped in and the
cached dashboard figures are dropped. A call is additionally checked against the restrictions of
that moment before it is shown.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from datetime import date
from typing import Any

from redactor.query.engine import QueryEngine, Result
from redactor.query.named import find_query
from redactor.store.lake import Lake

QUEUE = "coalesce(nullif(queue, ''), metadata['folder_id'], '(none)')"
LENGTH_BUCKETS = [
    (0, 1, "< 1 min"),
    (1, 3, "1–3 min"),
    (3, 5, "3–5 min"),
    (5, 10, "5–10 min"),
    (10, 20, "10–20 min"),
    (20, 1e9, "≥ 20 min"),
]
SEARCH_LIMIT = 100
DASHBOARD_CACHE = 32  # date ranges whose dashboard figures are kept (per lake version)


@dataclass
class Dashboard:
    weeks: list[str]
    calls_per_queue: dict[str, list[float]]
    length_labels: list[str]
    length_counts: list[float]
    topics: list[tuple[str, int]]
    finding_weeks: list[str]
    findings_per_type: dict[str, list[float]]
    repeat_callers: list[dict[str, Any]]
    totals: dict[str, Any]


def _pivot(rows: list[tuple], top: int = 8) -> tuple[list[str], dict[str, list[float]]]:
    """(x, series, value) rows -> sorted x labels and one list per series; small series as "other"."""
    xs = sorted({r[0] for r in rows})
    sums: dict[str, float] = {}
    for _, s, v in rows:
        sums[s] = sums.get(s, 0) + v
    keep = sorted(sums, key=lambda s: (-sums[s], s))[:top]
    names = keep + (["(other)"] if len(sums) > top else [])
    index = {x: i for i, x in enumerate(xs)}
    series = {name: [0.0] * len(xs) for name in names}
    for x, s, v in rows:
        series[s if s in keep else "(other)"][index[x]] += v
    return xs, series


class LakeView:
    """The app's read-only window on a lake; thread-safe (one DuckDB connection behind a lock)."""

    def __init__(self, lake: Lake, refresh_seconds: float = 10.0):
        self.lake = lake
        self.refresh_seconds = refresh_seconds
        self._lock = threading.RLock()
        self._checked = 0.0
        self._state = self._current_state()
        self.engine = QueryEngine(lake, materialise=True)
        self._dashboards: dict[tuple, Dashboard] = {}
        self.dashboard()  # the default page is ready before the first analyst asks

    def _current_state(self) -> tuple[int, frozenset[str]]:
        return self.lake.snapshot().version, frozenset(self.lake.restricted_call_ids())

    def refresh(self, force: bool = False) -> None:
        """Rebuild the engine if a commit or a restriction changed what analysts may see."""
        with self._lock:
            if not force and time.monotonic() - self._checked < self.refresh_seconds:
                return
            self._checked = time.monotonic()
            state = self._current_state()
            if state != self._state or force:
                fresh = QueryEngine(self.lake, materialise=True)
                old, self.engine, self._state = self.engine, fresh, state
                old.close()
                self._dashboards.clear()
                self.dashboard()

    @property
    def version(self) -> int:
        return self._state[0]

    def query(self, sql: str, params: dict[str, Any] | None = None) -> Result:
        with self._lock:
            return self.engine.query(sql, params)

    def rows(self, sql: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        result = self.query(sql, params)
        return [dict(zip(result.columns, row)) for row in result.rows()]

    def close(self) -> None:
        self.engine.close()

    # ---- pages -----------------------------------------------------------------------------

    def dashboard(self, since: date | None = None, until: date | None = None) -> Dashboard:
        """The dashboard's figures, kept per date range until the next commit or restriction."""
        with self._lock:
            key = (self.version, since, until)
            if key not in self._dashboards:
                if len(self._dashboards) >= DASHBOARD_CACHE:
                    self._dashboards.pop(next(iter(self._dashboards)))
                self._dashboards[key] = self.compute_dashboard(since, until)
            return self._dashboards[key]

    def compute_dashboard(self, since: date | None, until: date | None) -> Dashboard:
        where, params = _date_filter(since, until)
        weekly = self.query(
            f"SELECT strftime(call_date, '%G-W%V') AS week, {QUEUE} AS queue, count(*) AS n "
            f"FROM calls {where} GROUP BY ALL",
            params,
        ).rows()
        weeks, per_queue = _pivot(weekly)
        lengths = self.query(
            "SELECT "
            + ", ".join(
                f"count(*) FILTER (WHERE duration_seconds >= {lo * 60} AND duration_seconds < {hi * 60})"
                for lo, hi, _ in LENGTH_BUCKETS
            )
            + f" FROM calls {where}",
            params,
        ).rows()[0]
        topics_q = find_query("top_topics")
        topics = self.query(_bounded(topics_q.sql, where), {**topics_q.bind({"limit": "15"}), **params}).rows()
        finding_rows = self.query(
            f"SELECT strftime(call_date, '%G-W%V'), entity_type, count(*) FROM findings {where} GROUP BY ALL", params
        ).rows()
        finding_weeks, per_type = _pivot(finding_rows, top=10)
        repeat_q = find_query("repeat_callers")
        repeat = self.query(_bounded(repeat_q.sql, where) + " LIMIT 20", {**repeat_q.bind(), **params})
        totals = self.rows(
            f"SELECT count(*) AS calls, round(sum(duration_seconds) / 3600, 1) AS hours, "
            f"min(call_date) AS first_day, max(call_date) AS last_day FROM calls {where}",
            params,
        )[0]
        totals["segments"] = self.query(f"SELECT count(*) FROM segments {where}", params).scalar()
        totals["findings"] = sum(r[2] for r in finding_rows)
        return Dashboard(
            weeks,
            per_queue,
            [label for _, _, label in LENGTH_BUCKETS],
            [float(v) for v in lengths],
            [(w, n) for w, n in topics],
            finding_weeks,
            per_type,
            [dict(zip(repeat.columns, r)) for r in repeat.rows()],
            totals,
        )

    def search(self, term: str, limit: int = SEARCH_LIMIT) -> tuple[list[dict[str, Any]], int]:
        """Calls whose redacted segments contain `term` (case-insensitive), newest first; and how many."""
        rows = self.rows(
            "WITH hits AS (SELECT call_id, call_date, count(*) AS hits, arg_min(text, segment_index) AS snippet "
            "FROM segments WHERE contains(lower(text), lower($term)) GROUP BY ALL) "
            f"SELECT h.call_id, h.call_date, h.hits, h.snippet, c.created_at, {QUEUE} AS queue, c.title, "
            "c.duration_seconds, count(*) OVER () AS total FROM hits AS h "
            "JOIN calls AS c ON c.call_id = h.call_id AND c.call_date = h.call_date "
            f"ORDER BY c.created_at DESC, h.call_id LIMIT {int(limit)}",
            {"term": term},
        )
        return rows, (rows[0]["total"] if rows else 0)

    def call(self, call_id: str) -> tuple[dict[str, Any], list[dict[str, Any]]] | None:
        """The call and its turns in order, or None if unknown or restricted (now)."""
        if call_id in self.lake.restricted_call_ids():
            return None
        calls = self.rows(f"SELECT *, {QUEUE} AS queue_name FROM calls WHERE call_id = $id", {"id": call_id})
        if not calls:
            return None
        turns = self.rows(
            "SELECT segment_index, speaker, role, start_seconds, end_seconds, text FROM segments "
            "WHERE call_id = $id ORDER BY segment_index",
            {"id": call_id},
        )
        return calls[0], turns


def _date_filter(since: date | None, until: date | None) -> tuple[str, dict[str, Any]]:
    parts, params = [], {}
    if since:
        parts.append("call_date >= $since")
        params["since"] = since
    if until:
        parts.append("call_date <= $until")
        params["until"] = until
    return ("WHERE " + " AND ".join(parts)) if parts else "", params


def _bounded(sql: str, where: str) -> str:
    """A ready-made query over `calls` narrowed to the dashboard's dates (a CTE shadows the view)."""
    body = "\n".join(line for line in sql.splitlines() if not line.lstrip().startswith("--")).strip().rstrip(";")
    if not where:
        return body
    narrowed = f"calls AS (SELECT * FROM main.calls {where})"
    if body.upper().startswith("WITH "):
        return f"WITH {narrowed}, " + body[5:]
    return f"WITH {narrowed} {body}"
