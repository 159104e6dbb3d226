"""What operators see and run (issue 19): the ingest report on every exit, progress on a terminal,
metrics and alert rules, `redactor status`, `redactor quarantine`, retention from the call date,
the purge calendar, and the deployment files (Dockerfile, Kubernetes, cron). On a folder and on
a real S3 server. Made-up people and Skatteverket test numbers only."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import shlex
import subprocess
import sys
from datetime import date, timedelta

import pytest
import yaml
from typer.testing import CliRunner

from redactor.cli import ExitCode, app
from redactor.config import Config
from redactor.metrics import metrics_text
from redactor.store.lake import Lake
from redactor.store.lease import Lease
from tests.conftest import ROOT, SAMPLES
from tests.job_support import NAMES, PNRS, POISON, call_id_of, call_record, dumps
from tests.jobs.test_job_deploy import parse_cli

runner = CliRunner()
SECRETS = [*NAMES, *PNRS, "8804132382", "Testsson", "poison-truncated"]


def _landing(tmp_path, n: int = 3, poison: bool = True):
    landing = tmp_path / "landing"
    landing.mkdir(exist_ok=True)
    for i in range(n):
        (landing / f"call-{i}.json").write_text(dumps(call_record(i)))
    if poison:
        (landing / "poison-truncated.json").write_bytes(POISON["poison-truncated.json"])
    return landing


def _ingest(*args):
    return runner.invoke(app, ["ingest", *map(str, args), "--no-progress"])


def _no_secrets(text: str) -> None:
    for secret in SECRETS:
        assert secret not in text, secret


# ---- ingest: report on every exit, summary, metrics ------------------------------------------


def test_ingest_reports_json_on_usage_errors_and_writes_metrics(tmp_path):
    prom = tmp_path / "textfile" / "redactor_ingest.prom"
    missing = _ingest(tmp_path / "nosuch", "--store", tmp_path / "lake", "--metrics-file", prom)
    assert missing.exit_code == ExitCode.FAILURE
    report = json.loads(missing.stdout)
    assert report["status"] == "failed" and "source not found" in report["errors"][0]
    assert missing.stderr.strip().splitlines()[-1].startswith("error: source not found")
    assert 'redactor_ingest_last_run_exit_code{command="ingest"} 1' in prom.read_text()

    nothing = _ingest("--store", tmp_path / "lake", "--metrics-file", prom)
    assert nothing.exit_code == ExitCode.USAGE
    assert json.loads(nothing.stdout)["status"] == "usage_error"
    assert 'redactor_ingest_last_run_exit_code{command="ingest"} 2' in prom.read_text()
    bad_cfg = tmp_path / "bad.toml"
    bad_cfg.write_text('[retention]\nfrom = "yesterday"\n')
    refused = _ingest(_landing(tmp_path), "--store", tmp_path / "lake", "--config", bad_cfg)
    assert refused.exit_code == ExitCode.USAGE and "[retention] from" in json.loads(refused.stdout)["errors"][0]


def test_ingest_summary_warning_and_metrics_per_run(tmp_path, monkeypatch):
    monkeypatch.delenv("REDACTOR_PSEUDONYM_KEY", raising=False)
    monkeypatch.delenv("REDACTOR_PSEUDONYM_KEY_FILE", raising=False)
    prom = tmp_path / "redactor_ingest.prom"
    done = _ingest(_landing(tmp_path), "--store", tmp_path / "lake", "--metrics-file", prom)
    assert done.exit_code == ExitCode.PARTIAL, done.output
    report = json.loads(done.stdout)
    assert any("no pseudonymisation key" in w for w in report["warnings"])
    lines = [json.loads(line) for line in done.stderr.splitlines()]
    (summary,) = [line for line in lines if line["event"] == "run summary"]
    assert summary["run_id"] == report["run_id"] and summary["exit_code"] == ExitCode.PARTIAL
    assert summary["text"].startswith("ingest partial (exit 3); 4 calls read, 3 stored; 1 quarantined (read 1)")
    text = prom.read_text()
    assert oct(prom.stat().st_mode & 0o777) == "0o644" and not list(tmp_path.glob(".redactor_ingest.prom.*"))
    samples = [line for line in text.splitlines() if not line.startswith("#")]
    assert all(re.fullmatch(r'redactor_ingest_last_run_\w+\{(\w+="[^"]*",?)+\} -?[0-9.e+]+', s) for s in samples), text
    assert 'redactor_ingest_last_run_calls{command="ingest",outcome="quarantined"} 1' in samples
    assert 'redactor_ingest_last_run_quarantined_by_stage{command="ingest",stage="read"} 1' in samples
    assert (
        f'redactor_ingest_last_run_findings{{command="ingest",entity_type="SE_PERSONNUMMER"}} '
        f"{report['findings']['SE_PERSONNUMMER']}" in samples
    )
    assert 'redactor_ingest_last_run_warnings{command="ingest"} 1' in samples
    _no_secrets(done.stdout + done.stderr + text)


def test_alert_rules_use_the_metrics_the_job_writes():
    rules = yaml.safe_load((ROOT / "deploy" / "prometheus" / "redactor-alerts.yml").read_text())
    exprs = [r["expr"] for g in rules["groups"] for r in g["rules"]]
    written = set(re.findall(r"^(redactor_\w+)\{", metrics_text({"findings": {"PERSON": 1}}, 0), re.M))
    used = {m for e in exprs for m in re.findall(r"\b(redactor_\w+)", e)}
    assert used and used <= written, used - written
    assert all('command="ingest"' in e for e in exprs if "redactor_" in e)  # never job=: Prometheus owns it
    assert {r["alert"] for g in rules["groups"] for r in g["rules"]} >= {
        "RedactorIngestFailed",
        "RedactorIngestQuarantined",
        "RedactorIngestStale",
    }


def test_progress_on_a_terminal_while_stdout_is_redirected(tmp_path):
    """stderr is a pseudo-terminal, stdout a pipe (`> report.json`): the progress display shows."""
    master, slave = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "120", "TERM": "xterm"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from redactor.cli import app; app()",
            "ingest",
            str(SAMPLES),
            "--store",
            str(tmp_path / "lake"),
        ],
        stdout=subprocess.PIPE,
        stderr=slave,
        env=env,
        cwd=ROOT,
    )
    os.close(slave)
    seen = b""
    while True:
        ready, _, _ = select.select([master], [], [], 120)
        if not ready:
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    out, _ = proc.communicate(timeout=120)
    os.close(master)
    assert proc.returncode == ExitCode.OK
    assert json.loads(out)["calls_written"] == 8
    screen = re.sub(rb"\x1b\[[0-9;?]*[A-Za-z]", b"", seen).decode("utf-8", "replace")
    assert "calls" in screen and "exports" in screen and "5/5" in screen, screen[-2000:]
    assert "ingest ok (exit 0); 8 calls read, 8 stored" in screen  # the plain summary line
    _no_secrets(screen)


# ---- status ----------------------------------------------------------------------------------


def test_status_on_a_lake_with_quarantined_items(tmp_path, config, pipeline):
    landing = _landing(tmp_path)
    store = tmp_path / "lake"
    assert _ingest(landing, "--store", store).exit_code == ExitCode.PARTIAL
    (landing / "later.json").write_text(dumps(call_record(5)))  # landed, not yet ingested
    done = runner.invoke(app, ["status", str(landing), "--store", str(store), "--json"])
    assert done.exit_code == 0, done.output
    doc = json.loads(done.stdout)
    (run,) = doc["runs"]
    assert run["status"] == "partial" and run["calls_written"] == 3 and run["quarantined"] == 1 and run["warnings"]
    assert doc["lake"]["version"] >= 1 and doc["lake"]["tables"]["calls"]["rows"] == 3
    assert doc["lease"] is None
    assert doc["quarantine"]["count"] == 1 and doc["quarantine"]["by_stage"] == {"read": 1}
    assert doc["landing"]["waiting"] == 1 and doc["landing"]["oldest_age_hours"] is not None
    assert doc["expiring"]["quarantine_items"] == 1 and doc["expiring"]["files"] == 0  # 30 days vs 730
    assert doc["configuration"]["pseudonym_key"] == "missing"
    # The shipped company profile (docs/usefulness.md) feeds the allowlist.
    assert doc["configuration"]["company_profile"] is True and doc["configuration"]["allowlist_values"] >= 4
    assert any("quarantine" in a for a in doc["attention"])
    _no_secrets(done.stdout)

    lake = Lake.from_config(config, str(store), pipeline.version)
    held = Lease(lake.store, lake.retention, ttl_seconds=60, operation="ingest", run_id="run-on-another-host").acquire()
    try:
        text = runner.invoke(app, ["status", "--store", str(store), "--days", "40"])
        assert text.exit_code == 0 and "lease    ingest run run-on-another-host" in text.stdout
        assert "quarantine 1 item(s) (read 1;" in text.stdout and "attention:" in text.stdout
    finally:
        held.release()
    cfg = tmp_path / "company.toml"
    cfg.write_text('[company]\nprofile = ""\n[allowlist]\nvalues = ["0321-688900"]\n')
    doc = json.loads(runner.invoke(app, ["status", "--store", str(store), "--config", str(cfg), "--json"]).stdout)
    assert doc["configuration"]["allowlist_values"] == 1 and doc["configuration"]["company_profile"] is False


def test_last_runs_newest_first_from_recent_days_or_all(tmp_path, config):
    from redactor.jobs.status import last_runs

    lake = Lake.from_config(config, str(tmp_path / "lake"), "t")
    tags = lake.retention.tags("audit", "runs")
    for day, run in (
        ("2026-01-05", "20260105T000000Z-a"),
        ("2026-01-05", "20260105T120000Z-b"),
        ("2026-02-01", "20260201T000000Z-c"),
        ("2026-02-03", "20260203T000000Z-d"),
    ):
        lake.store.put(f"_runs/date={day}/{run}.json", json.dumps({"run_id": run, "status": "ok"}).encode(), tags)
    recent = [r["run_id"] for r in last_runs(lake, 2, today=date(2026, 2, 4))]
    assert recent == ["20260203T000000Z-d", "20260201T000000Z-c"]  # found in the last week
    everything = [r["run_id"] for r in last_runs(lake, 3, today=date(2026, 2, 4))]
    assert everything == ["20260203T000000Z-d", "20260201T000000Z-c", "20260105T120000Z-b"]  # listed all


# ---- quarantine ------------------------------------------------------------------------------


def test_quarantine_list_show_retry_drop(tmp_path, monkeypatch):
    store = tmp_path / "lake"
    tight = tmp_path / "tight.toml"
    tight.write_text("[ingest]\nmax_record_bytes = 300\n")  # every call too large: all quarantined
    landing = _landing(tmp_path, n=2)
    assert _ingest(landing, "--store", store, "--config", tight).exit_code == ExitCode.PARTIAL
    listed = runner.invoke(app, ["quarantine", "list", "--store", str(store), "--json"])
    assert listed.exit_code == 0, listed.output
    doc = json.loads(listed.stdout)
    assert doc["count"] == 3 and doc["by_stage"] == {"read": 3}
    assert sorted(i["reason"].split(":")[0].split(" (")[0] for i in doc["items"]) == [
        "invalid JSON",
        "record larger than 300 bytes",
        "record larger than 300 bytes",
    ]
    assert all(set(i) >= {"id", "stage", "reason", "quarantined_at", "expires_on", "source_ref"} for i in doc["items"])
    _no_secrets(listed.stdout)  # neither payload values nor file names
    poison = next(i for i in doc["items"] if i["reason"].startswith("invalid JSON"))
    shown = runner.invoke(app, ["quarantine", "show", poison["id"][:8], "--store", str(store)])
    assert shown.exit_code == 0 and poison["id"] in shown.stdout and "invalid JSON" in shown.stdout
    _no_secrets(shown.stdout)
    assert runner.invoke(app, ["quarantine", "show", "nosuchitem", "--store", str(store)]).exit_code == ExitCode.USAGE
    assert runner.invoke(app, ["quarantine", "retry", "--store", str(store)]).exit_code == ExitCode.USAGE  # no ids

    # The fix (the default record limit), then retry: the two calls are stored, the poison stays.
    dry = runner.invoke(app, ["quarantine", "retry", "--all", "--dry-run", "--store", str(store), "--json"])
    assert dry.exit_code == ExitCode.PARTIAL and json.loads(dry.stdout)["stored"] == 2
    assert json.loads(runner.invoke(app, ["quarantine", "list", "--store", str(store), "--json"]).stdout)["count"] == 3
    lake = Lake.from_config(Config.load(), str(store), "t")
    held = Lease(lake.store, lake.retention, ttl_seconds=60, run_id="someone-else").acquire()
    try:
        assert runner.invoke(app, ["quarantine", "retry", "--all", "--store", str(store)]).exit_code == ExitCode.LOCKED
    finally:
        held.release()
    retried = runner.invoke(
        app, ["quarantine", "retry", "--all", "--store", str(store), "--json", "--operator", "ops.anna"]
    )
    assert retried.exit_code == ExitCode.PARTIAL, retried.output
    out = json.loads(retried.stdout)
    assert out["stored"] == 2 and out["still_quarantined"] == 1 and out["calls_written"] == 2
    from tests.job_support import read_live

    assert set(read_live(lake, "calls", ["call_id"]).column("call_id").to_pylist()) == {call_id_of(0), call_id_of(1)}
    receipt = json.loads(lake.store.get(out["receipt_key"]))
    assert receipt["operator"] == "ops.anna" and len(receipt["items"]) == 3
    left = json.loads(runner.invoke(app, ["quarantine", "list", "--store", str(store), "--json"]).stdout)
    assert [i["id"] for i in left["items"]] == [poison["id"]]

    dropped = runner.invoke(
        app, ["quarantine", "drop", poison["id"], "--store", str(store), "--yes", "--case-ref", "OPS-42", "--json"]
    )
    assert dropped.exit_code == 0, dropped.output
    receipt = json.loads(lake.store.get(json.loads(dropped.stdout)["receipt_key"]))
    assert receipt["case_ref"] == "OPS-42" and receipt["operator"] and receipt["items"][0]["id"] == poison["id"]
    assert receipt["items"][0]["payload_sha256"] and "payload" not in receipt["items"][0]
    assert not list(lake.store.list("quarantine/"))
    _no_secrets(json.dumps(receipt))


# ---- retention from the call date, purge calendar --------------------------------------------


def test_retention_from_call_date_and_the_purge_calendar(tmp_path, config):
    cfg = tmp_path / "calldate.toml"
    cfg.write_text('[retention]\nfrom = "call_date"\ntranscript-redacted = 730\n')
    store = tmp_path / "lake"
    landing = _landing(tmp_path, n=2, poison=False)  # calls on 2026-11-01 and 2026-11-02
    assert _ingest(landing, "--store", store, "--config", cfg).exit_code == ExitCode.OK
    lake = Lake.from_config(Config.load(cfg), str(store), "t")
    snap = lake.snapshot()
    for table, days in snap.files.items():
        for day, entries in days.items():
            expected = (date.fromisoformat(day) + timedelta(days=730)).isoformat()
            assert {e.expires_on for e in entries} == {expected}, table
            assert {lake.store.tags(e.key)["expires-on"] for e in entries} == {expected}
    written = tmp_path / "lake-written"
    assert _ingest(landing, "--store", written).exit_code == ExitCode.OK  # default: the write date counts
    today = date.today()
    entries = [
        e
        for days in Lake.from_config(config, str(written), "t").snapshot().files.values()
        for es in days.values()
        for e in es
    ]
    assert {e.expires_on for e in entries} <= {(today + timedelta(days=d)).isoformat() for d in (730, 731)}

    cal = runner.invoke(app, ["purge", "--store", str(store), "--dry-run", "--as-of", "2028-11-02"])
    assert cal.exit_code == 0, cal.output
    assert re.search(r"^2028-10\s+\d+\s+[\d.]+\s+transcript-redacted \d+\s+<- overdue$", cal.stdout, re.M), cal.stdout
    # 2026-11-01 + 730 days is 2028-10-31 (overdue on the --as-of day); 2026-11-02's is 2028-11-01.
    assert re.search(r"^2028-11\s+3\s+[\d.]+\s+transcript-redacted 3\s+<- this month$", cal.stdout, re.M)
    doc = json.loads(runner.invoke(app, ["purge", "--store", str(store), "--dry-run", "--json"]).stdout)
    assert sum(m["objects"] for m in doc["calendar"].values()) == doc["kept"] + doc["deleted_count"]
    assert all(m["bytes"] > 0 for m in doc["calendar"].values())


# ---- deployment files ------------------------------------------------------------------------


def _dockerfile() -> list[tuple[str, str]]:
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            out.append((word.upper(), rest.strip()))
    return out


def test_dockerfile_multi_stage_non_root_model_inside_healthcheck(tmp_path):
    steps = _dockerfile()
    stages = [i for i, (op, _) in enumerate(steps) if op == "FROM"]
    assert len(stages) >= 2 and all(" AS " in steps[i][1].upper() for i in stages)
    final = steps[stages[-1] :]
    copies = [rest for op, rest in steps if op == "COPY"]
    # The model is in the image as package data of the copied package: nothing downloaded.
    assert any(c.split()[0] == "redactor" for c in copies) and (ROOT / "redactor/data/sv_klang/config.cfg").is_file()
    for c in copies:
        if not c.startswith("--from"):
            for src in c.split()[:-1]:
                assert (ROOT / src.rstrip("/")).exists() or src.startswith("--"), src
    assert any(op == "COPY" and rest.startswith("--from=build") for op, rest in final)
    users = [rest for op, rest in final if op == "USER"]
    assert users and users[-1].split(":")[0] not in ("root", "0")
    user_at = max(i for i, (op, _) in enumerate(final) if op == "USER")
    assert not any(op == "RUN" for op, _ in final[user_at:])  # nothing runs as root after USER
    (health,) = [rest for op, rest in final if op == "HEALTHCHECK"]
    assert "--interval=" in health and " CMD " in f" {health} "
    probe = health.split("CMD", 1)[1]
    scan_args = shlex.split(probe.split("|")[1])
    assert scan_args[0] == "redactor" and parse_cli(scan_args[1:], tmp_path)["file"] == "-"
    (entry,) = [rest for op, rest in final if op == "ENTRYPOINT"]
    assert json.loads(entry) == ["redactor"]
    # The health probe itself works: the detector finds the test personnummer it feeds.
    done = runner.invoke(app, ["scan", "-"], input=probe.split("echo", 1)[1].split("|")[0].strip().strip('"'))
    assert "SE_PERSONNUMMER" in done.stdout
    ignored = (ROOT / ".dockerignore").read_text().splitlines()
    assert ignored[1] == "*" and "!redactor/" in ignored and "!tests/" not in ignored


def test_kubernetes_service_account_and_image():
    docs = list(yaml.safe_load_all((ROOT / "deploy" / "kubernetes" / "redactor-ingest-cronjob.yaml").read_text()))
    kinds = {d["kind"]: d for d in docs}
    cron = kinds["CronJob"]
    pod = cron["spec"]["jobTemplate"]["spec"]["template"]["spec"]
    sa = kinds["ServiceAccount"]
    assert sa["metadata"]["name"] == pod["serviceAccountName"]
    assert sa["metadata"]["namespace"] == cron["metadata"]["namespace"] == kinds["Namespace"]["metadata"]["name"]
    assert sa["automountServiceAccountToken"] is False and "eks.amazonaws.com/role-arn" in sa["metadata"]["annotations"]
    assert pod["securityContext"]["runAsUser"] == 10001 and "USER 10001:10001" in (ROOT / "Dockerfile").read_text()


def test_cron_wrapper_alerts_only_on_failure(tmp_path):
    wrapper = ROOT / "deploy" / "cron" / "alert-on-failure"
    assert os.access(wrapper, os.X_OK)
    base = tmp_path / "ingest"
    fake = tmp_path / "fake-redactor"
    fake.write_text(
        '#!/bin/sh\necho \'{"status": "x"}\'\necho \'{"event": "run summary", "run_id": "r1", '
        '"text": "ingest partial (exit 3); 2 calls read", "exit_code": 3}\' >&2\n'
        'test "$2" = fail && echo "error: boom" >&2\nexit $1\n'
    )
    fake.chmod(0o755)
    for code, alert in ((0, False), (4, False), (3, True), (1, True)):
        done = subprocess.run(
            [str(wrapper), str(base), str(fake), str(code), "fail" if code == 1 else "ok"],
            capture_output=True,
            text=True,
        )
        assert done.returncode == code
        assert bool(done.stdout.strip()) == alert, (code, done.stdout)
        if alert:
            assert f"exited {code}" in done.stdout and "ingest partial (exit 3); 2 calls read" in done.stdout
    assert "error: boom" in done.stdout
    assert len((tmp_path / "ingest.jsonl").read_text().splitlines()) == 4
    assert (tmp_path / "ingest.log").read_text().count("run summary") == 4
    line = next(
        ln
        for ln in (ROOT / "deploy" / "cron" / "redactor-ingest.cron").read_text().splitlines()
        if " ingest " in ln and not ln.startswith("#")
    )
    assert "deploy/cron/alert-on-failure /var/log/klang-redactor/ingest .venv/bin/redactor ingest" in line
    assert "--metrics-file" in line and re.search(
        r"^MAILTO=", (ROOT / "deploy" / "cron" / "redactor-ingest.cron").read_text(), re.M
    )


# ---- on S3 -----------------------------------------------------------------------------------


@pytest.mark.s3
def test_status_and_quarantine_on_s3(tmp_path, s3_env):
    bucket = s3_env.make_bucket("ops")
    c = s3_env.client()
    for i in range(2):
        c.put_object(Bucket=bucket, Key=f"landing/call-{i}.json", Body=dumps(call_record(i)).encode())
    c.put_object(Bucket=bucket, Key="landing/poison.json", Body=POISON["poison-truncated.json"])
    cfg = tmp_path / "s3.toml"
    cfg.write_text('[store]\nallow_unknown_region = true\n[landing]\nafter_ingest = "keep"\n')
    lake_uri, landing = f"s3://{bucket}/lake", f"s3://{bucket}/landing/"
    assert _ingest(landing, "--store", lake_uri, "--config", cfg).exit_code == ExitCode.PARTIAL
    c.put_object(Bucket=bucket, Key="landing/call-9.json", Body=dumps(call_record(9)).encode())
    doc = json.loads(
        runner.invoke(app, ["status", landing, "--store", lake_uri, "--config", str(cfg), "--json"]).stdout
    )
    assert doc["runs"][0]["status"] == "partial" and doc["quarantine"]["by_stage"] == {"read": 1}
    assert doc["landing"]["waiting"] == 1 and doc["landing"]["oldest_landed_at"]  # S3 LastModified
    assert doc["expiring"]["quarantine_items"] == 1
    listed = json.loads(
        runner.invoke(app, ["quarantine", "list", "--store", lake_uri, "--config", str(cfg), "--json"]).stdout
    )
    assert listed["count"] == 1 and listed["items"][0]["expires_on"]  # from the object's tags
    _no_secrets(json.dumps(listed) + json.dumps(doc))
    dropped = runner.invoke(app, ["quarantine", "drop", "--all", "--yes", "--store", lake_uri, "--config", str(cfg)])
    assert dropped.exit_code == 0 and "dropped 1 item(s)" in dropped.stdout
    assert s3_env.all_keys(bucket, "lake/quarantine/") == []
