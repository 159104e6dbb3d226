"""The CLI contract, and the guarantee that nothing reaches the network at run time."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from redactor.cli import ExitCode, app
from tests.conftest import PNR_DASH, ROOT, SAMPLES

runner = CliRunner()

# Runs the CLI with every outbound connection and DNS lookup raising, as on an air-gapped host.
_NO_NETWORK = """
import socket, sys
def refuse(*a, **k):
    raise OSError("network access attempted during an offline run")
socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
from redactor.cli import app
sys.argv = ["redactor"] + sys.argv[1:]
app()
"""


def _offline(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", _NO_NETWORK, *args], input=stdin, capture_output=True, text=True, cwd=ROOT, timeout=300
    )


@pytest.mark.slow
def test_ingest_and_scan_run_with_the_network_blocked(tmp_path):
    done = _offline("ingest", str(SAMPLES), "--store", str(tmp_path / "lake"))
    assert done.returncode == 0, done.stderr[-2000:]
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    assert summary["calls_written"] >= 6 and summary["quarantined"] == 0
    done = _offline("scan", "-", stdin="mejla vera.testsson@exempel.se")
    assert done.returncode == 0, done.stderr[-2000:]
    found = {(e["type"], e["start"], e["end"]) for e in json.loads(done.stdout)["entities"]}
    assert ("EMAIL_ADDRESS", 6, 30) in found


def test_scan_offsets_are_into_the_text_as_given():
    text = "Personnummer\u00a0" + PNR_DASH + ", ring 070\u00a0123\u202f45\u200967."
    result = runner.invoke(app, ["scan", "-"], input=text)
    assert result.exit_code == 0, result.output
    row = json.loads(result.stdout)
    spans = {e["type"]: text[e["start"] : e["end"]] for e in row["entities"]}
    assert spans == {"SE_PERSONNUMMER": PNR_DASH, "PHONE_NUMBER": "070\u00a0123\u202f45\u200967"}


def test_scan_jsonl(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": 1, "text": "inget här"}\n{"id": "b", "text": "' + PNR_DASH + '"}\n')
    result = runner.invoke(app, ["scan", str(path), "--format", "jsonl"])
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows == [
        {"id": 1, "entities": []},
        {"id": "b", "entities": [{"type": "SE_PERSONNUMMER", "start": 0, "end": 11, "score": 1.0}]},
    ]


def test_scan_rejects_bad_jsonl(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": 1}\n')
    result = runner.invoke(app, ["scan", str(path), "--format", "jsonl"])
    assert result.exit_code == 2 and 'expected an object with a string "text"' in result.output


def test_ingest_exit_code_and_summary_without_values(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "bad.json").write_text('{"id": "x", "sources": [')
    (src / "good.json").write_text((SAMPLES / "klang_conversation_flytt.json").read_text())
    result = runner.invoke(app, ["ingest", str(src), "--store", str(tmp_path / "lake")])
    assert result.exit_code == ExitCode.PARTIAL
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["calls_written"] == 1 and summary["quarantined"] == 1
    assert "880413" not in result.output and "Ekström" not in result.output


def test_ingest_missing_source_is_a_clear_error(tmp_path):
    result = runner.invoke(app, ["ingest", str(tmp_path / "nope"), "--store", str(tmp_path / "lake")])
    assert result.exit_code == 1 and "source not found" in result.output


def test_pseudonymise_without_key_refuses_to_start(tmp_path, monkeypatch):
    monkeypatch.delenv("REDACTOR_PSEUDONYM_KEY", raising=False)
    cfg = tmp_path / "c.toml"
    cfg.write_text('[policy]\ndefault = "pseudonymise"\n')
    result = runner.invoke(app, ["ingest", str(SAMPLES), "--config", str(cfg), "--store", str(tmp_path / "lake")])
    assert result.exit_code == 2 and "needs a key" in result.output
    assert not (tmp_path / "lake").exists()


def test_help_reads_well():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("ingest", "scan"):
        assert command in result.output
        sub = runner.invoke(app, [command, "--help"])
        assert sub.exit_code == 0 and "Usage" in sub.output


def test_help_shows_config_sections_in_brackets():
    # Plain help (no Rich markup): "[store]" and "[retention]" name config sections and must show.
    bucket = runner.invoke(app, ["bucket", "init", "--help"])
    assert bucket.exit_code == 0 and "[retention]" in bucket.output and "[store]" in bucket.output
    serve = runner.invoke(app, ["serve", "--help"])
    assert serve.exit_code == 0 and "[store]" in serve.output
