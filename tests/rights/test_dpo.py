"""The data-protection officer's side of the rights commands (issue 19): the readable access report
and file modes, case references and operators in receipts, erase --dry-run and the --max-calls
guard. The world of tests/test_rights.py: made-up people, Skatteverket test numbers."""

from __future__ import annotations

import getpass
import hashlib
import json
import re
import stat

from typer.testing import CliRunner

from redactor.cli import ExitCode, app
from tests.rights.test_rights import A_IDS, OTHER_IDS, A, build_world, keyed  # noqa: F401 - keyed is a fixture

runner = CliRunner()
A_ARGS = ["--personnummer", A["personnummer"][0], "--phone", A["phone"][0], "--email", A["email"][0]]


def _files(root) -> dict[str, str]:
    """Every file under a folder (tag sidecars included) -> hash of its bytes."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _receipts(lake, action: str) -> list[dict]:
    return [json.loads(lake.store.get(o.key)) for o in lake.store.list(f"audit/{action}/")]


def test_export_writes_a_readable_report_beside_the_json_both_0600(tmp_path, config, keyed):
    store = str(tmp_path / "lake")
    lake = build_world(tmp_path, config, store, keyed(config))
    out = tmp_path / "dsar" / "export.json"
    out.parent.mkdir()
    out.write_text("old")
    out.chmod(0o644)  # an earlier file with a wide mode is narrowed, not kept
    done = runner.invoke(
        app,
        [
            "subject",
            "export",
            *A_ARGS,
            "-o",
            str(out),
            "--no-detector",
            "--store",
            store,
            "--raw",
            str(tmp_path / "exports"),
            "--case-ref",
            "DSAR-2026-017",
            "--operator",
            "dpo.karin",
        ],
    )
    assert done.exit_code == 0, done.output
    summary = json.loads(done.stdout)
    report = tmp_path / "dsar" / "export.md"
    assert summary["report"] == str(report) and summary["warnings"] == []
    for path in (out, report):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    md = report.read_text()
    assert md.startswith("# Access report") and "case DSAR-2026-017" in md and "Prepared by: dpo.karin" in md
    assert md.count("### Call ") == 3 and all(f"`{cid}`" in md for cid in A_IDS)
    assert not any(cid in md for cid in OTHER_IDS)  # only their calls
    assert "| redacted transcripts (below) | 730 days |" in md and "Raw exports (as received" in md
    assert re.search(r"\\?<SE\\?_PERSONNUMMER\\?_1\\?>", md)  # the stored, redacted text
    assert "Olle Provsson" not in md and "800426-2385" not in md  # nobody else's raw data
    doc = json.loads(out.read_text())
    assert {c["call_id"] for c in doc["calls"]} == A_IDS and doc["warnings"] == []
    (audit,) = _receipts(lake, "export")
    assert audit["case_ref"] == "DSAR-2026-017" and audit["operator"] == "dpo.karin"

    # Without a raw area: a warning on stderr, in the JSON and in the report itself.
    bare = tmp_path / "bare.json"
    done = runner.invoke(app, ["subject", "export", *A_ARGS, "-o", str(bare), "--no-detector", "--store", store])
    assert done.exit_code == 0 and "warning: no raw area configured" in done.stderr
    assert json.loads(done.stdout)["raw_records"] == 0 and json.loads(done.stdout)["warnings"]
    assert "## Limits of this report" in bare.with_suffix(".md").read_text()
    assert stat.S_IMODE(bare.stat().st_mode) == 0o600


def test_erase_dry_run_changes_nothing_and_the_guard_needs_an_explicit_max(tmp_path, config, keyed):
    root = tmp_path / "lake"
    lake = build_world(tmp_path, config, str(root), keyed(config))
    raw = ["--raw", str(tmp_path / "exports")]
    before, raw_before = _files(root), _files(tmp_path / "exports")
    dry = runner.invoke(
        app, ["subject", "erase", *A_ARGS, "--dry-run", "--json", "--no-detector", *raw, "--store", str(root)]
    )
    assert dry.exit_code == 0, dry.output
    plan = json.loads(dry.stdout)
    assert plan["dry_run"] and plan["calls"] == 3 and {c["call_id"] for c in plan["call_list"]} == A_IDS
    assert plan["rows"]["calls"] == 3 and plan["rows"]["segments"] > 3 and plan["rows"]["findings"] > 3
    # Their three records plus the broken export naming them; the shared file is rewritten.
    assert plan["raw_records"] == 4 and {r["action"] for r in plan["raw_exports"]} == {"delete", "rewrite"}
    assert len(plan["quarantine_items"]) == 1  # the broken export with A's number in it
    text = runner.invoke(app, ["subject", "erase", *A_ARGS, "--dry-run", "--no-detector", *raw, "--store", str(root)])
    assert text.exit_code == 0 and "dry run: nothing changed. Would erase 3 call(s)" in text.stdout
    assert _files(root) == before and _files(tmp_path / "exports") == raw_before  # not a byte changed

    guarded = runner.invoke(
        app, ["subject", "erase", *A_ARGS, "--yes", "--max-calls", "2", "--no-detector", *raw, "--store", str(root)]
    )
    assert guarded.exit_code == ExitCode.USAGE and "match 3 calls, more than --max-calls 2" in guarded.stderr
    assert _files(root) == before
    done = runner.invoke(
        app,
        [
            "subject",
            "erase",
            *A_ARGS,
            "--yes",
            "--max-calls",
            "3",
            "--no-detector",
            *raw,
            "--store",
            str(root),
            "--case-ref",
            "ERASE-9",
        ],
    )
    assert done.exit_code == 0, done.output
    (receipt,) = _receipts(lake, "erasures")
    assert receipt["case_ref"] == "ERASE-9" and receipt["operator"] == getpass.getuser()
    assert set(receipt["call_ids"]) == A_IDS and receipt["rows_removed"] == plan["rows"]  # the plan was right
    assert receipt["raw_records_removed"] == plan["raw_records"]
    assert receipt["quarantine_items_deleted"] == len(plan["quarantine_items"])


def test_every_rights_command_records_case_ref_and_operator(tmp_path, config, keyed):
    store = str(tmp_path / "lake")
    lake = build_world(tmp_path, config, store, keyed(config))
    who = ["--case-ref", "CASE-1", "--operator", "dpo.karin"]
    for command in (["find", "--json"], ["restrict"], ["unrestrict"]):
        done = runner.invoke(app, ["subject", *command, *A_ARGS, *who, "--store", store])
        assert done.exit_code == 0, done.output
    for action in ("find", "restrict", "unrestrict"):
        (record,) = _receipts(lake, action)
        assert record["case_ref"] == "CASE-1" and record["operator"] == "dpo.karin", action
    runner.invoke(app, ["subject", "find", *A_ARGS, "--store", store])
    later = sorted(_receipts(lake, "find"), key=lambda r: r["at"])[-1]
    assert later["case_ref"] is None and later["operator"] == getpass.getuser()  # the OS user by default
