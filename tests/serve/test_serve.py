"""Issue 17: `redactor serve`, the analysts' read-only web app, over the samples lake.

Plain HTTP through Starlette's TestClient, plus a real headless Chromium (Debian's `chromium`)
loading the dashboard and a call from a real uvicorn server on 127.0.0.1.
"""

from __future__ import annotations

import base64
import csv
import io
import re
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from typer.testing import CliRunner

from redactor.cli import app as cli_app
from redactor.serve.access import Access, AccessError, check_bind
from redactor.serve.app import create_app, highlight, mmss
from redactor.serve.data import LakeView
from redactor.store.lake import Lake
from tests.query.test_query import lake_dir  # noqa: F401  - the samples, ingested once for this module

TOKEN = "test-token-not-a-secret-000"


@pytest.fixture(scope="module")
def view(lake_dir, config):
    v = LakeView(Lake.from_config(config, str(lake_dir), "t"), refresh_seconds=0)
    yield v
    v.close()


@pytest.fixture(scope="module")
def client(view):
    return TestClient(create_app(view))


def _call_ids(html: str) -> list[str]:
    return re.findall(r'<a href="/calls/([^"?]+)\?', html)


def test_healthz(client):
    r = client.get("/healthz")
    assert r.status_code == 200 and r.json()["status"] == "ok" and r.json()["lake_version"] >= 1


def test_dashboard_has_the_charts_and_totals(client, view):
    r = client.get("/")
    assert r.status_code == 200
    html = r.text
    for section in ("chart-calls", "chart-findings", "chart-length", "chart-topics", "repeat-callers"):
        assert f'id="{section}"' in html
    assert html.count("<svg") == 4
    assert re.search(r'id="kpi-calls"><b>8</b>', html)
    # Repeat callers by pseudonym: the samples have some (ingested with a key).
    assert view.dashboard().repeat_callers and "SE_PERSONNUMMER" in html
    # No script, no external asset: everything is in the page.
    assert "<script" not in html and not re.search(r'(src|href)="https?://', html)
    assert "script-src" not in r.headers["content-security-policy"]  # default-src 'none' covers it
    assert r.headers["content-security-policy"].startswith("default-src 'none'")
    narrowed = client.get("/?since=2026-11-26&until=2026-11-26").text
    assert re.search(r'id="kpi-calls"><b>2</b>', narrowed)


def test_search_lists_matching_calls(client, view):
    r = client.get("/calls", params={"q": "faktura"})
    assert r.status_code == 200
    ids = _call_ids(r.text)
    expected = {
        row[0]
        for row in view.query("select distinct call_id from segments where contains(lower(text), 'faktura')").rows()
    }
    assert ids and set(ids) == expected
    assert client.get("/calls", params={"q": "ordsomintefinns"}).text.count("/calls/") == 0


def test_search_term_is_escaped(client):
    html = client.get("/calls", params={"q": "<script>alert(1)</script>"}).text
    assert "<script>alert" not in html and "&lt;script&gt;" in html


def test_call_reader_shows_turns_in_order(client, view):
    call_id, n = view.query(
        "select call_id, count(*) from segments where start_seconds is not null group by 1 order by 2 desc, 1 limit 1"
    ).rows()[0]
    r = client.get(f"/calls/{call_id}")
    assert r.status_code == 200
    turns = re.findall(r'<div class="turn" data-index="(\d+)">\s*<span class="time">([0-9:]*)</span>', r.text)
    assert len(turns) == n
    assert [int(i) for i, _ in turns] == sorted(int(i) for i, _ in turns)
    assert all(re.fullmatch(r"\d\d:\d\d", t) for _, t in turns)
    assert '<mark class="ph">&lt;' in r.text  # placeholders highlighted (and escaped)
    assert "Handläggare" in r.text and "Kund" in r.text


def test_unknown_and_restricted_calls_are_404(lake_dir, config, tmp_path):
    copy = tmp_path / "lake"
    shutil.copytree(lake_dir, copy)
    view = LakeView(Lake.from_config(config, str(copy), "t"), refresh_seconds=0)
    try:
        client = TestClient(create_app(view))
        call_id = view.query("select call_id from calls order by call_id limit 1").scalar()
        assert client.get(f"/calls/{call_id}").status_code == 200
        assert client.get("/calls/no-such-call").status_code == 404
        view.lake.store.put(f"restrictions/{call_id}/req-1.json", b"{}", {})
        assert client.get(f"/calls/{call_id}").status_code == 404
        assert call_id not in client.get("/calls", params={"q": "e"}).text
        assert re.search(r'id="kpi-calls"><b>7</b>', client.get("/").text)
    finally:
        view.close()


def test_saved_queries_run_with_parameters_and_download_csv(client, lake_dir):
    listing = client.get("/queries").text
    assert 'href="/queries/segment_search"' in listing and 'href="/queries/weekly_calls_per_queue"' in listing
    page = client.get("/queries/segment_search", params={"term": "faktura"})
    assert page.status_code == 200 and 'value="faktura"' in page.text
    download = client.get("/queries/segment_search.csv", params={"term": "faktura"})
    assert download.status_code == 200 and download.headers["content-type"].startswith("text/csv")
    assert "attachment" in download.headers["content-disposition"]
    cli = CliRunner().invoke(
        cli_app, ["report", "segment_search", "--param", "term=faktura", "--store", str(lake_dir), "--format", "csv"]
    )
    assert cli.exit_code == 0 and download.text == cli.stdout
    rows = list(csv.DictReader(io.StringIO(download.text)))
    assert rows and all("faktura" in r["text"].lower() for r in rows)
    assert client.get("/queries/no_such_query").status_code == 404
    assert client.get("/queries/segment_search", params={"term": "x"}).status_code == 200
    bad = client.get("/queries/repeat_callers", params={"min_calls": "many"})
    assert bad.status_code == 400 and 'class="error"' in bad.text


def test_nothing_can_be_changed(client):
    for method in ("post", "put", "delete", "patch"):
        assert getattr(client, method)("/calls").status_code == 405


def test_access_token_basic_and_trusted_header(view):
    access = Access(
        token=TOKEN,
        basic={"analyst": "pw-not-a-secret"},
        trusted_header="X-Forwarded-User",
        trusted_proxies=frozenset({"testclient"}),
    )
    c = TestClient(create_app(view, access), follow_redirects=False)
    assert c.get("/healthz").status_code == 200
    refused = c.get("/")
    assert refused.status_code == 401 and "Basic" in refused.headers["www-authenticate"]
    assert c.get("/", headers={"Authorization": "Bearer wrong-token-0000000"}).status_code == 401
    assert c.get("/", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
    basic = base64.b64encode(b"analyst:pw-not-a-secret").decode()
    assert c.get("/", headers={"Authorization": f"Basic {basic}"}).status_code == 200
    assert c.get("/", headers={"Authorization": "Basic " + base64.b64encode(b"analyst:x").decode()}).status_code == 401
    assert c.get("/", headers={"X-Forwarded-User": "anna"}).status_code == 200
    # A browser: ?token= once sets a cookie and the URL loses the token.
    login = c.get("/calls", params={"q": "faktura", "token": TOKEN})
    assert login.status_code == 303 and login.headers["location"] == "/calls?q=faktura"
    assert c.get("/calls", params={"q": "faktura"}).status_code == 200  # cookie kept by the client
    # The header counts only from a trusted proxy.
    other = TestClient(create_app(view, Access(trusted_header="X-Forwarded-User")))
    assert other.get("/", headers={"X-Forwarded-User": "anna"}).status_code == 401


def test_binding_beyond_loopback_needs_authentication(lake_dir):
    check_bind("127.0.0.1", Access())
    check_bind("::1", Access())
    for host in ("0.0.0.0", "192.0.2.10", "::"):
        with pytest.raises(AccessError, match="without authentication"):
            check_bind(host, Access())
    check_bind("0.0.0.0", Access(trusted_header="X-Forwarded-User"))
    r = CliRunner().invoke(cli_app, ["serve", "--store", str(lake_dir), "--host", "0.0.0.0", "--port", "1"])
    assert r.exit_code == 2 and "without authentication" in r.output


def test_helpers():
    assert mmss(0) == "00:00" and mmss(62.7) == "01:02" and mmss(3600) == "60:00"
    assert str(highlight("Hej <PERSON>, nr <SE_PERSONNUMMER:3f9a1c2b7d> & <b>")) == (
        'Hej <mark class="ph">&lt;PERSON&gt;</mark>, nr <mark class="ph">&lt;SE_PERSONNUMMER:3f9a1c2b7d&gt;'
        "</mark> &amp; &lt;b&gt;"
    )
    assert str(highlight("Hej <PERSON_2>.")) == 'Hej <mark class="ph">&lt;PERSON_2&gt;</mark>.'


# ---- a real browser ------------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture
def live_server(view):
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(view), host="127.0.0.1", port=port, log_level="warning", access_log=False)
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--window-size=1280,1400",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)")
def test_chromium_renders_dashboard_and_call(live_server, view, tmp_path):
    dom = _chromium(tmp_path, "--dump-dom", f"{live_server}/")
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert dom.stdout.count("<svg") == 4 and 'id="chart-calls"' in dom.stdout and "<rect" in dom.stdout
    call_id = view.query("select call_id from segments group by 1 order by count(*) desc, 1 limit 1").scalar()
    dom = _chromium(tmp_path, "--dump-dom", f"{live_server}/calls/{call_id}")
    assert dom.returncode == 0 and f'id="call-id">{call_id}<' in dom.stdout
    assert dom.stdout.count('class="turn"') >= 3 and '<mark class="ph">' in dom.stdout
    for name, path in (("dashboard", "/"), ("call", f"/calls/{call_id}")):
        shot = tmp_path / f"{name}.png"
        done = _chromium(tmp_path, f"--screenshot={shot}", f"{live_server}{path}")
        assert done.returncode == 0 and shot.is_file(), done.stderr[-2000:]
        png = shot.read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20_000  # a blank page compresses to ~5 kB
        keep = Path("/tmp") / f"redactor-serve-{name}.png"  # for a human to look at after a run
        keep.write_bytes(png)
