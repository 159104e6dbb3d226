"""deploy/ examples for the scheduled job stay working: their command lines parse with the real
CLI, the Kubernetes CronJob forbids overlap and takes its secrets from the environment, its
config loads, and the timer fires every 15 minutes."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess

import pytest
import yaml
from typer.main import get_command

from redactor.cli import app
from redactor.config import Config
from tests.conftest import ROOT

DEPLOY = ROOT / "deploy"


def parse_cli(args: list[str], tmp_path) -> dict:
    """Parse `redactor <args>` with the real command definitions; returns the parameters."""
    cfg = tmp_path / "config.toml"
    cfg.touch()
    args = [str(cfg) if a.startswith("/etc/klang-redactor/config.toml") else a for a in args]
    group = get_command(app)
    command = group.get_command(None, args[0])
    assert command is not None, args[0]
    return command.make_context(args[0], args[1:]).params


def test_systemd_service_and_timer(tmp_path):
    service = (DEPLOY / "systemd" / "redactor-ingest.service").read_text()
    exec_start = re.search(r"^ExecStart=(.*?)(?<!\\)$", service.replace("\\\n", " "), re.M).group(1)
    argv = shlex.split(exec_start)
    assert argv[0].endswith("/redactor")
    params = parse_cli(argv[1:], tmp_path)
    assert params["from_klang_api"] and list(params["sources"]) == ["s3://landing/klang/"] and not params["progress"]
    assert re.search(r"^SuccessExitStatus=4$", service, re.M) and "KillSignal=SIGTERM" in service
    assert "EnvironmentFile=/etc/klang-redactor/env" in service and "KLANG_API_KEY=" not in service
    timer = (DEPLOY / "systemd" / "redactor-ingest.timer").read_text()
    assert "OnCalendar=*:0/15" in timer and "Unit=redactor-ingest.service" in timer
    if shutil.which("systemd-analyze"):
        out = subprocess.run(
            ["systemd-analyze", "calendar", "--iterations=3", "*:0/15"], capture_output=True, text=True
        ).stdout
        minutes = [int(m) for m in re.findall(r"\d\d:(\d\d):00", out)][-3:]
        assert len(minutes) == 3 and all((b - a) % 60 == 15 for a, b in zip(minutes, minutes[1:]))


def test_crontab_lines(tmp_path):
    lines = [
        line
        for line in (DEPLOY / "cron" / "redactor-ingest.cron").read_text().splitlines()
        if line and not line.startswith("#") and "=" not in line.split()[0]
    ]
    ingest = next(line for line in lines if " ingest " in line)
    assert ingest.startswith("*/15 * * * * redactor ")
    command = ingest.split(".venv/bin/redactor ", 1)[1].split(">>", 1)[0]
    params = parse_cli(shlex.split(command), tmp_path)
    assert params["from_klang_api"] and params["store"] == "s3://klang-redacted-eu-north-1/lake"
    compact = next(line for line in lines if " compact " in line)
    parse_cli(shlex.split(compact.split(".venv/bin/redactor ", 1)[1].split(">>", 1)[0]), tmp_path)


def test_kubernetes_cronjob(tmp_path):
    docs = list(yaml.safe_load_all((DEPLOY / "kubernetes" / "redactor-ingest-cronjob.yaml").read_text()))
    config_map = next(d for d in docs if d["kind"] == "ConfigMap")
    cron = next(d for d in docs if d["kind"] == "CronJob")
    spec = cron["spec"]
    assert spec["schedule"] == "*/15 * * * *" and spec["concurrencyPolicy"] == "Forbid"
    pod = spec["jobTemplate"]["spec"]["template"]["spec"]
    assert pod["restartPolicy"] == "Never" and pod["terminationGracePeriodSeconds"] >= 60
    (container,) = pod["containers"]
    env = {e["name"]: e for e in container["env"]}
    for secret in ("KLANG_API_KEY", "REDACTOR_PSEUDONYM_KEY"):
        assert env[secret]["valueFrom"]["secretKeyRef"]["key"] == secret and "value" not in env[secret]
    params = parse_cli(container["args"], tmp_path)
    assert params["from_klang_api"] and list(params["sources"]) == ["s3://landing/klang/"]
    path = tmp_path / "cm.toml"
    path.write_text(config_map["data"]["config.toml"])
    cfg = Config.load(path)  # only known sections and keys
    assert cfg.section("store")["uri"].startswith("s3://") and cfg.section("landing")["after_ingest"] == "retag"
    mounted = {m["mountPath"] for m in container["volumeMounts"]}
    assert "/etc/klang-redactor" in mounted


@pytest.mark.parametrize("name", ["redactor-ingest.service", "redactor-ingest.timer"])
def test_systemd_units_verify(name):
    if not shutil.which("systemd-analyze"):
        pytest.skip("systemd-analyze not installed")
    done = subprocess.run(["systemd-analyze", "verify", str(DEPLOY / "systemd" / name)], capture_output=True, text=True)
    problems = [
        line
        for line in (done.stderr + done.stdout).splitlines()
        if line.strip() and "is not executable" not in line and "No such file" not in line
    ]
    assert problems == [], problems
