"""The Klang API source against a local HTTP server (127.0.0.1, in a thread) serving recorded
conversations in the documented shape: cursor paging, a rate limit with Retry-After, failing
requests, a page that keeps failing, not-yet-ready conversations, the watermark."""

from __future__ import annotations

import copy
import json
import threading
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import duckdb
import pytest
from typer.testing import CliRunner

from redactor.cli import ExitCode, app
from redactor.ingest.klang_api import KlangApiError, KlangClient, _retry_after, check_base_url
from redactor.ingest.parse import make_call_id
from redactor.jobs.ingest import run_job
from redactor.pipeline import Pipeline
from redactor.store.lake import Lake
from tests.conftest import ROOT
from tests.job_support import NAMES, PNRS, job_config, reader_invariants

RECORDED = json.loads((ROOT / "tests" / "fixtures" / "klang_api" / "conversations.json").read_text())
KEY = "test-api-key-not-a-secret"
PAGE = 3


class FakeKlang:
    """The list and detail endpoints over a set of conversations, with scripted faults."""

    def __init__(self, conversations: list[dict]):
        self.conversations = {c["id"]: copy.deepcopy(c) for c in conversations}
        self.requests: list[dict] = []
        self.faults: dict[tuple, list[tuple[int, dict]]] = {}  # (kind, n) -> responses to give first
        self.always_fail: set[tuple] = set()
        self.delay: dict[tuple, float] = {}
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def do_GET(self):
                server.handle(self)

        class Server(ThreadingHTTPServer):
            def handle_error(self, request, client_address):  # a client that timed out and left
                pass

        self.httpd = Server(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()

    def _send(self, h, status: int, body: dict | None = None, headers: dict | None = None):
        data = json.dumps(body if body is not None else {"error": "x"}, ensure_ascii=False).encode()
        h.send_response(status)
        h.send_header("Content-Type", "application/json")
        h.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            h.send_header(k, v)
        h.end_headers()
        h.wfile.write(data)

    def handle(self, h):
        url = urlparse(h.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        self.requests.append(
            {"path": url.path, "query": query, "auth": h.headers.get("Authorization"), "t": time.monotonic()}
        )
        if h.headers.get("Authorization") != f"Bearer {KEY}":
            return self._send(h, 401, {"error": "unauthorized"})
        if url.path == "/api/v1/conversations":
            page_no = int(query.get("cursor", "0")) // PAGE + 1
            where = ("list", page_no)
        elif url.path.startswith("/api/v1/conversations/"):
            where = ("detail", url.path.rsplit("/", 1)[1])
        else:
            return self._send(h, 404)
        if where in self.delay:
            time.sleep(self.delay.pop(where))
        if where in self.always_fail:
            return self._send(h, 500)
        scripted = self.faults.get(where)
        if scripted:
            status, headers = scripted.pop(0)
            return self._send(h, status, headers=headers)
        if where[0] == "detail":
            conv = self.conversations.get(where[1])
            return self._send(h, 200, conv) if conv else self._send(h, 404)
        after = query.get("created_after")
        items = sorted(self.conversations.values(), key=lambda c: c["created_at"])
        if after:
            items = [c for c in items if c["created_at"] > after]
        start = int(query.get("cursor", "0"))
        page = items[start : start + PAGE]
        more = start + PAGE < len(items)
        summaries = [{k: c[k] for k in ("id", "title", "created_at", "updated_at", "status")} for c in page]
        self._send(h, 200, {"data": summaries, "next_cursor": str(start + PAGE) if more else None, "has_more": more})

    def details(self) -> list[str]:
        return [r["path"].rsplit("/", 1)[1] for r in self.requests if r["path"].count("/") == 4]


@pytest.fixture
def server():
    s = FakeKlang(RECORDED["conversations"])
    yield s
    s.close()


@pytest.fixture
def api(tmp_path, server, monkeypatch, detector):
    monkeypatch.setenv("KLANG_API_KEY", KEY)
    path, cfg = job_config(
        tmp_path,
        f'[klang]\nbase_url = "{server.url}"\nbackoff_seconds = 0.01\n'
        "max_attempts = 4\ntimeout_seconds = 2\npending_give_up_hours = 1000000\n[job]\ncommit_every_calls = 2\n",
    )
    return path, cfg, Pipeline(cfg, detector=detector)


def call_ids(lake) -> list[str]:
    files = [lake.store.local_path(k) for k in lake.live_files("calls")]
    return [r[0] for r in duckdb.sql(f"select call_id from read_parquet({files!r})").fetchall()] if files else []


def cid(n: int) -> str:
    return make_call_id("klang", f"conv_api_{n:02d}")


def test_pages_rate_limit_retries_pending_and_the_watermark(tmp_path, server, api):
    path, cfg, pipe = api
    store = tmp_path / "lake"
    server.faults[("list", 2)] = [(429, {"Retry-After": "1"})]
    server.faults[("detail", "conv_api_03")] = [(503, {}), (502, {})]
    result = CliRunner().invoke(
        app, ["ingest", "klang://", "--store", str(store), "--config", str(path), "--no-progress"]
    )
    assert result.exit_code == ExitCode.OK, result.output
    report = json.loads(result.stdout)
    lake = Lake.from_config(cfg, str(store), pipe.version)
    ready = [0, 1, 2, 3, 4, 6]
    assert sorted(call_ids(lake)) == sorted(cid(n) for n in ready)
    (src,) = report["sources"]
    assert src["kind"] == "klang" and src["listed"] == 7 and src["pending_not_ready"] == 1 and src["complete"]
    assert all(r["auth"] == f"Bearer {KEY}" for r in server.requests)
    page2 = [r["t"] for r in server.requests if r["query"].get("cursor") == str(PAGE)]
    assert len(page2) == 2 and page2[1] - page2[0] >= 0.9  # Retry-After honoured
    assert server.details().count("conv_api_03") == 3  # two 5xx, then served
    assert "conv_api_05" not in server.details()  # still transcribing: not fetched
    # The watermark stops just before the conversation that was not ready.
    assert src["cursor_after"] == "2026-11-21T14:14:59Z"
    for secret in [*NAMES, *PNRS]:
        assert secret not in result.stdout + result.stderr

    # Next run: the pending one is ready, one is new, one was edited; nothing else is fetched again.
    server.conversations["conv_api_05"]["status"] = "ready"
    new = copy.deepcopy(server.conversations["conv_api_06"])
    new.update(id="conv_api_07", created_at="2026-11-23T08:00:00Z", updated_at="2026-11-23T08:10:00Z")
    server.conversations["conv_api_07"] = new
    edited = server.conversations["conv_api_04"]
    edited["updated_at"] = "2026-11-24T09:00:00Z"
    edited["sources"][0]["content"] += "\n[00:00:12] Agent: Tillägg efter redigering."
    server.requests.clear()
    again = run_job(["klang://"], cfg, str(store), pipe)
    assert again.status == "ok", again.errors
    listed_after = {r["query"].get("created_after") for r in server.requests if r["path"] == "/api/v1/conversations"}
    assert listed_after == {"2026-11-21T08:14:59Z"}  # watermark minus the 6 h look-back
    assert sorted(server.details()) == ["conv_api_04", "conv_api_05", "conv_api_07"]
    assert again.calls == {"added": 2, "replaced": 1}
    ids = call_ids(lake)
    assert len(ids) == len(set(ids)) == 8
    reader_invariants(lake)
    segs = [lake.store.local_path(k) for k in lake.live_files("segments")]
    assert (
        duckdb.sql(
            f"select count(*) from read_parquet({segs!r}) where call_id = '{cid(4)}' and text like '%redigering%'"
        ).fetchone()[0]
        == 1
    )


def test_a_page_that_keeps_failing_fails_the_run_and_the_next_run_catches_up(tmp_path, server, api):
    path, cfg, pipe = api
    store = tmp_path / "lake"
    server.always_fail.add(("list", 2))
    args = ["ingest", "--from-klang-api", "--store", str(store), "--config", str(path), "--no-progress"]
    failed = CliRunner().invoke(app, args)
    assert failed.exit_code == ExitCode.FAILURE, failed.output
    report = json.loads(failed.stdout)
    assert report["status"] == "failed" and "after 4 attempts (last: HTTP 500)" in " ".join(report["errors"])
    assert failed.stderr.strip().splitlines()[-1].startswith("error: klang source: KlangApiError")
    lake = Lake.from_config(cfg, str(store), pipe.version)
    assert sorted(call_ids(lake)) == sorted(cid(n) for n in (0, 1, 2))  # page 1 is stored
    from redactor.store.txn import LakeWriter

    assert LakeWriter(lake).ledger.cursors == {}  # the watermark did not move

    server.always_fail.clear()
    server.requests.clear()
    fixed = CliRunner().invoke(app, args)
    assert fixed.exit_code == ExitCode.OK, fixed.output
    assert sorted(server.details()) == ["conv_api_03", "conv_api_04", "conv_api_06"]
    assert sorted(call_ids(lake)) == sorted(cid(n) for n in (0, 1, 2, 3, 4, 6))


def test_a_conversation_that_cannot_be_fetched_is_retried_next_run(tmp_path, server, api):
    path, cfg, pipe = api
    store = tmp_path / "lake"
    server.always_fail.add(("detail", "conv_api_01"))
    first = run_job(["klang://"], cfg, str(store), pipe)
    assert first.status == "failed" and first.exports["fetch_failed"] == 1
    assert first.sources[0]["cursor_after"] < "2026-11-20T10:15:00Z"  # held before the failed one
    server.always_fail.clear()
    server.requests.clear()
    second = run_job(["klang://"], cfg, str(store), pipe)
    assert second.status == "ok" and server.details() == ["conv_api_01"]
    assert len(call_ids(Lake.from_config(cfg, str(store), pipe.version))) == 6


def test_since_overrides_the_watermark(tmp_path, server, api):
    path, cfg, pipe = api
    report = run_job(
        [], cfg, str(tmp_path / "lake"), pipe, from_klang=True, since=datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
    )
    assert {r["query"].get("created_after") for r in server.requests if r["path"] == "/api/v1/conversations"} == {
        "2026-11-21T12:00:00Z"
    }
    assert report.calls_written == 3  # conv_api_03, _04 and _06 (05 is not ready)


# ---- the client alone ------------------------------------------------------------------------


def test_client_does_not_retry_a_refused_key_and_never_shows_it(server):
    client = KlangClient(server.url, "wrong-key-xyz", backoff=0.01)
    with pytest.raises(KlangApiError) as exc:
        list(client.list_conversations())
    assert exc.value.status == 401 and len(server.requests) == 1 and "wrong-key-xyz" not in str(exc.value)


def test_client_times_out_and_retries(server):
    server.delay[("detail", "conv_api_00")] = 1.5
    client = KlangClient(server.url, KEY, timeout=0.3, backoff=0.01)
    started = time.monotonic()
    body = json.loads(client.get_conversation("conv_api_00"))
    assert body["id"] == "conv_api_00" and client.stats["retries"] == 1
    assert time.monotonic() - started < 1.5


def test_retry_after_forms_and_caps():
    assert _retry_after("7") == 7.0
    when = datetime(2026, 11, 28, 12, 0, 30, tzinfo=UTC)
    assert _retry_after(format_datetime(when, usegmt=True), now=(when - timedelta(seconds=30)).timestamp()) == 30.0
    assert _retry_after("soon") is None and _retry_after(None) is None
    waits = []
    client = KlangClient("http://127.0.0.1:9", KEY, max_retry_after=2, sleep=waits.append)
    assert client.max_retry_after == 2 and waits == []


def test_client_refuses_redirects_and_clear_http(server):
    with pytest.raises(KlangApiError, match="plain http"):
        check_base_url("http://api.example.invalid")
    assert check_base_url("https://api.example.invalid/") == "https://api.example.invalid"
    server.faults[("detail", "conv_api_00")] = [(302, {"Location": "http://127.0.0.1:9/steal"})]
    with pytest.raises(KlangApiError, match="HTTP 302"):
        KlangClient(server.url, KEY, backoff=0.01).get_conversation("conv_api_00")
