"""Data-subject rights: find, export, erase, restrict — on a folder and on a real S3 server.

Three made-up people with Skatteverket test personnummer. Person A is the one who asks; B and C
must come out of every operation untouched.
"""

from __future__ import annotations

import gzip
import io
import json
import re

import pyarrow as pa
import pyarrow.compute  # noqa: F401
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from redactor.cli import app
from redactor.config import Config
from redactor.ingest.parse import make_call_id
from redactor.jobs.ingest import run_ingest
from redactor.pipeline import Pipeline
from redactor.rights import IdentifierError, KeyMissingError, build_request
from redactor.rights.erase import PENDING_PREFIX, erase_subject
from redactor.rights.export import export_subject
from redactor.rights.find import find_calls, pseudonymiser_from, read_parquet
from redactor.rights.restrict import restrict, unrestrict
from redactor.store import open_store_from_config
from redactor.store.lake import Lake
from redactor.store.tables import TABLES
from tests.factories import dumps, klang_record, segmented_record

KEY = "test-key-not-a-secret-0123456789"

A = {"personnummer": ["880413-2382"], "phone": ["070-311 22 45"], "email": ["vera.testsson@exempel.se"]}
B = {"personnummer": ["800426-2385"]}
C = {"personnummer": ["930805-2381"]}

# Every form person A's identifiers take anywhere in the test data, and then some.
A_FORMS = [
    "880413-2382",
    "8804132382",
    "198804132382",
    "19880413-2382",
    "880413 2382",
    "88 04 13 23 82",
    "070-311 22 45",
    "0703112245",
    "+46703112245",
    "+46 70 311 22 45",
    "vera.testsson@exempel.se",
    "Testsson",
]
A_DIGITS = ["8804132382", "703112245"]


def _klang(cid, day, content, person, **over):
    return klang_record(
        cid,
        content=content,
        created_at=f"{day}T10:00:00Z",
        updated_at=f"{day}T10:05:00Z",
        summary=f"Samtal med {person}.",
        digest="Kunden ringde.",
        sources=[
            {
                "type": "transcript",
                "duration_seconds": 60,
                "language": "swe",
                "participants": [{"name": person}],
                "content": content,
            }
        ],
        **over,
    )


def _segmented(cid, day, text, caller):
    words, t = [], 1.0
    for w in text.split():
        words.append({"word": w, "start": t, "end": t + 0.3, "confidence": 0.9})
        t += 0.4
    return segmented_record(
        cid,
        created_at=f"{day}T09:00:00Z",
        caller_number=caller,
        segments=[
            {"speaker": "spk_0", "role": "AGENT", "start": 0.0, "end": 0.9, "text": "Norrsken Energi, välkommen."},
            {"speaker": "spk_1", "role": "CUSTOMER", "start": 1.0, "end": t, "text": text, "words": words},
        ],
    )


RECORDS = {
    "a1": _klang(
        "conv_a1",
        "2026-11-20",
        "[00:00:01] Agent: Hej!\n[00:00:04] Vera Testsson: Mitt personnummer "
        "är 880413-2382 och numret 070-311 22 45.\n[00:00:09] Agent: Tack Vera.",
        "Vera Testsson",
    ),
    "a2": _segmented("seg_a2", "2026-11-21", "mitt personnummer är 88 04 13 23 82 tack", "+46 70 311 22 45"),
    "a3": _klang(
        "conv_a3",
        "2026-11-22",
        "[00:00:01] Agent: Hej!\n[00:00:03] Vera Testsson: Min e-post är vera.testsson@exempel.se.",
        "Vera Testsson",
    ),
    "b1": _klang(
        "conv_b1",
        "2026-11-20",
        "[00:00:01] Agent: Hej!\n[00:00:04] Olle Provsson: Personnummer 800426-2385.\n[00:00:08] Agent: Tack.",
        "Olle Provsson",
    ),
    "b2": _segmented("seg_b2", "2026-11-22", "jag heter Olle och mitt personnummer är 800426-2385", "073-444 55 66"),
    "c1": _klang(
        "conv_c1",
        "2026-11-21",
        "[00:00:01] Agent: Hej!\n[00:00:04] Greta Exempelsson: Det gäller 930805-2381.",
        "Greta Exempelsson",
    ),
}
CALL_IDS = {
    name: make_call_id("klang" if rec.get("sources") else "segmented", rec.get("id") or rec["call_id"])
    for name, rec in RECORDS.items()
}
A_IDS = {CALL_IDS[n] for n in ("a1", "a2", "a3")}
OTHER_IDS = {CALL_IDS[n] for n in ("b1", "b2", "c1")}

# Export files as they arrive: a shared JSON Lines file, single calls, gzip, an array, and two
# broken files that go to quarantine (one with A's number behind a no-break space, one with B's).
FILES = {
    "shared.jsonl": (dumps(RECORDS["a1"]) + "\n" + dumps(RECORDS["b1"]) + "\n").encode(),
    "one.json": dumps(RECORDS["a2"]).encode(),
    "two.json.gz": gzip.compress(dumps(RECORDS["a3"]).encode(), mtime=0),
    "three.json": dumps([RECORDS["b2"], RECORDS["c1"]]).encode(),
    "broken-1.json": '{"id": "x1", "summary": "kund 880413\u00a02382 ringde", "sources": ['.encode(),
    "broken-2.json": b'{"id": "x2", "summary": "kund 800426-2385 ringde", "sources": [',
}


@pytest.fixture
def keyed(monkeypatch, detector):
    """A pipeline with the pseudonymisation key (so the subject index is written)."""
    monkeypatch.setenv("REDACTOR_PSEUDONYM_KEY", KEY)
    return lambda cfg: Pipeline(cfg, detector=detector)


def build_world(tmp_path, cfg: Config, store_uri: str, pipeline: Pipeline, versioned_client=None):
    """Exports arrive in a landing area (a folder, or s3://<bucket>/landing/ next to the lake),
    are ingested from there and stay there as the raw area (`lake.raw_stores`)."""
    src = tmp_path / "exports"
    src.mkdir(exist_ok=True)
    for name, data in FILES.items():
        (src / name).write_bytes(data)
    if store_uri.startswith("s3://"):
        landing = store_uri.rsplit("/", 1)[0] + "/landing/"
        raw = open_store_from_config(cfg.section("store"), landing)
        for _ in range(2 if versioned_client is not None else 1):
            # Landing twice on a versioned bucket: the first copies become noncurrent versions.
            for name, data in FILES.items():
                raw.put(name, data, {"dataset": "landing"})
        source = landing
    else:
        raw = open_store_from_config(cfg.section("store"), str(src))
        source = str(src)
    summary = run_ingest([source], cfg, store_uri, pipeline)
    assert summary.calls_written == 6 and summary.quarantined == 2
    if versioned_client is not None:  # a second ingest, whatever it overwrites or replaces
        run_ingest([source], cfg, store_uri, pipeline)
    lake = Lake.from_config(cfg, store_uri, pipeline.version)
    lake.raw_stores = [raw]
    return lake


def _request(cfg, ids):
    return build_request(pseudonymiser_from(cfg), **ids)


def table_rows(lake, table):
    return [r for k in lake.live_files(table) for r in read_parquet(lake, k).to_pylist()]


def _by_call(rows):
    out = {}
    for r in rows:
        out.setdefault(r["call_id"], []).append(json.dumps(r, default=str, sort_keys=True))
    return {k: sorted(v) for k, v in out.items()}


def snapshot(lake):
    return {t: _by_call(table_rows(lake, t)) for t in TABLES}


def renderings(key: str, data: bytes) -> list[str]:
    """Every way an object's bytes can be read: as stored, gunzipped, Parquet decoded."""
    out = [data.decode("utf-8", "replace")]
    if data[:2] == b"\x1f\x8b":
        out.append(gzip.decompress(data).decode("utf-8", "replace"))
    if key.endswith(".parquet") or data[:4] == b"PAR1":
        out.append(json.dumps(pq.read_table(io.BytesIO(data)).to_pylist(), default=str, ensure_ascii=False))
    return out


def traces(objects) -> list[str]:
    """Keys of objects in which any form of person A's identifiers (or name) still stands."""
    hits = []
    for key, data in objects:
        for text in renderings(key, data):
            flat = text.replace("\u00a0", " ")
            digits = [re.sub(r"\D", "", s) for s in re.findall(r"[\d\s+\-\u00a0]{9,}", text)]
            if any(f.lower() in flat.lower() for f in A_FORMS) or any(d in x for x in digits for d in A_DIGITS):
                hits.append(key)
                break
    return hits


def all_objects(lake):
    """Every object of the lake and of its raw areas."""
    stores = [lake.store, *getattr(lake, "raw_stores", [])]
    return [(f"{st.uri}/{o.key}", st.get(o.key)) for st in stores for o in st.list("")]


def assert_erased(lake, cfg, before):
    after = snapshot(lake)
    for t in TABLES:
        assert not A_IDS & set(after[t]), t
        assert {k: v for k, v in before[t].items() if k in OTHER_IDS} == after[t], t  # others byte-identical
    assert {r["call_id"] for r in table_rows(lake, "calls")} == OTHER_IDS
    assert find_calls(lake, _request(cfg, A).tokens) == []
    assert len(find_calls(lake, _request(cfg, B).tokens)) == 2
    (raw,) = lake.raw_stores
    assert {o.key for o in raw.list("")} == {"shared.jsonl", "three.json", "broken-2.json"}
    assert [json.loads(line)["id"] for line in raw.get("shared.jsonl").splitlines()] == ["conv_b1"]
    assert raw.get("three.json") == FILES["three.json"]
    quarantined = [json.loads(lake.store.get(o.key)) for o in lake.store.list("quarantine/") if o.key.endswith(".json")]
    assert len(quarantined) == 1 and quarantined[0]["source_file"].endswith("broken-2.json")
    assert not list(lake.store.list(PENDING_PREFIX))
    assert traces(all_objects(lake)) == []
    receipts = [json.loads(lake.store.get(o.key)) for o in lake.store.list("audit/erasures/")]
    assert receipts and set().union(*(r["call_ids"] for r in receipts)) == A_IDS
    assert lake.store.tags(next(o.key for o in lake.store.list("audit/erasures/")))["retention-class"] == "audit"


# ---- identifiers and the key -----------------------------------------------------------------


@pytest.mark.parametrize(
    "kind, value, reason",
    [
        ("personnummer", "880413-2383", "check digit"),
        ("personnummer", "880231-2382", "real date"),
        ("personnummer", "88041", "personnummer is not valid"),
        ("phone", "0709", "not a valid Swedish number"),
        ("phone", "hej", "not a valid Swedish number"),
        ("email", "vera.testsson@", "not a valid e-mail"),
        ("email", "vera testsson@exempel.se", "not a valid e-mail"),
        ("customer_number", "!", "customer_number is not valid"),
    ],
)
def test_invalid_identifiers_are_refused_without_echoing_them(config, kind, value, reason, monkeypatch):
    monkeypatch.setenv("REDACTOR_PSEUDONYM_KEY", KEY)
    with pytest.raises(IdentifierError, match=reason) as info:
        build_request(pseudonymiser_from(config), **{kind: [value]})
    assert value not in str(info.value)


def test_forms_of_one_identifier_give_one_token(config, monkeypatch):
    monkeypatch.setenv("REDACTOR_PSEUDONYM_KEY", KEY)
    p = pseudonymiser_from(config)
    assert (
        len(
            {
                build_request(p, personnummer=[f]).tokens[0]
                for f in ("880413-2382", "8804132382", "19880413-2382", "198804132382", "88 04 13 23 82")
            }
        )
        == 1
    )
    assert (
        len({build_request(p, phone=[f]).tokens[0] for f in ("070-311 22 45", "+46 70 311 22 45", "0703112245")}) == 1
    )
    assert build_request(p, email=["Vera.Testsson@Exempel.se"]).tokens == build_request(p, email=[A["email"][0]]).tokens
    assert len({build_request(p, customer_number=[f]).tokens[0] for f in ("KN-448120", "kn 448120", "KN448120")}) == 1
    assert (
        len({build_request(p, facility_id=[f]).tokens[0] for f in ("735999123456789012", "735999 123 456 789 012")})
        == 1
    )


def test_without_a_key_the_subject_commands_refuse(tmp_path, monkeypatch, config):
    monkeypatch.delenv("REDACTOR_PSEUDONYM_KEY", raising=False)
    monkeypatch.delenv("REDACTOR_PSEUDONYM_KEY_FILE", raising=False)
    with pytest.raises(KeyMissingError):
        pseudonymiser_from(config)
    for cmd in ("find", "erase", "restrict"):
        done = CliRunner().invoke(app, ["subject", cmd, "--personnummer", "880413-2382", "--store", str(tmp_path)])
        assert done.exit_code == 2 and "subject index needs the pseudonymisation key" in done.output
        assert "880413" not in done.output


def test_cli_rejects_bad_identifiers_clearly(tmp_path, monkeypatch):
    monkeypatch.setenv("REDACTOR_PSEUDONYM_KEY", KEY)
    for args in (["--personnummer", "880413-2383"], ["--email", "inte-en-adress"], ["--phone", "12345"], []):
        done = CliRunner().invoke(app, ["subject", "find", *args, "--store", str(tmp_path)])
        assert done.exit_code == 2 and "error:" in done.output, args
        assert all(a not in done.output for a in args if not a.startswith("--"))


# ---- the subject index -----------------------------------------------------------------------


def test_subject_index_is_written_whatever_the_text_policy(tmp_path, keyed):
    rec = RECORDS["a1"]
    (tmp_path / "a.json").write_text(dumps(rec))
    tokens = []
    for policy in ("redact", "pseudonymise", "mask"):
        cfg_path = tmp_path / f"{policy}.toml"
        cfg_path.write_text(f'[policy]\ndefault = "{policy}"\n')
        cfg = Config.load(cfg_path)
        run_ingest([str(tmp_path / "a.json")], cfg, str(tmp_path / policy), keyed(cfg))
        lake = Lake.from_config(cfg, str(tmp_path / policy), "t")
        (row,) = table_rows(lake, "calls")
        tokens.append(row["subject_tokens"])
        assert "880413" not in json.dumps(row, default=str)
    assert tokens[0] == tokens[1] == tokens[2]
    assert {t.split(":")[0] for t in tokens[0]} == {"SE_PERSONNUMMER", "PHONE_NUMBER"}


# ---- find / export / restrict ----------------------------------------------------------------


def test_find_export_restrict(tmp_path, config, keyed):
    lake = build_world(tmp_path, config, str(tmp_path / "lake"), keyed(config))
    req = _request(config, A)
    found = find_calls(lake, req.tokens)
    assert {c.call_id for c in found} == A_IDS
    assert [c.call_date.isoformat() for c in found] == ["2026-11-20", "2026-11-21", "2026-11-22"]
    # Any one identifier finds the calls it occurs in.
    assert {c.call_id for c in find_calls(lake, _request(config, {"email": A["email"]}).tokens)} == {CALL_IDS["a3"]}

    doc = export_subject(lake, req, raw_stores=lake.raw_stores)
    assert {c["call_id"] for c in doc["calls"]} == A_IDS
    for c in doc["calls"]:
        assert c["calls"]["call_id"] == c["call_id"] and c["segments"] and c["findings"]
        assert all(r["call_id"] == c["call_id"] for t in ("segments", "findings") for r in c[t])
    assert sorted(r["where"].rsplit("/", 1)[-1] for r in doc["raw_exports"]) == [
        "broken-1.json",
        "one.json",
        "shared.jsonl",
        "two.json.gz",
    ]
    shared = [r for r in doc["raw_exports"] if r["where"].endswith("shared.jsonl")]
    assert [r["record"]["id"] for r in shared] == ["conv_a1"]  # only their record of a shared file
    assert len(doc["quarantined"]) == 1 and doc["quarantined"][0]["reason"]["source_file"].endswith("broken-1.json")
    text = json.dumps(doc, ensure_ascii=False)
    assert not any(i in text for i in OTHER_IDS) and "800426" not in text and "Provsson" not in text

    rep = restrict(lake, req)
    assert rep.changed == 3 and lake.restricted_call_ids() == A_IDS
    # Analysts' views leave restricted calls out of every table; the data itself stays.
    from redactor.query.engine import QueryEngine

    with QueryEngine(lake) as eng:
        for t in TABLES:
            seen = {r[0] for r in eng.query(f"select distinct call_id from {t}").rows()}
            assert seen and not seen & A_IDS, t
    assert A_IDS <= set(snapshot(lake)["calls"])
    assert restrict(lake, req).changed == 0  # idempotent
    assert all(c.restricted for c in find_calls(lake, req.tokens))
    # Another person's restriction on their own calls is independent.
    restrict(lake, _request(config, B))
    assert unrestrict(lake, req).changed == 3
    assert lake.restricted_call_ids() == {CALL_IDS["b1"], CALL_IDS["b2"]}
    assert traces([(o.key, lake.store.get(o.key)) for o in lake.store.list("audit/")]) == []
    assert traces([(o.key, lake.store.get(o.key)) for o in lake.store.list("restrictions/")]) == []


def test_a_new_call_of_a_restricted_person_arrives_restricted(tmp_path, config, keyed):
    from redactor.jobs.ingest import run_job

    lake = build_world(tmp_path, config, str(tmp_path / "lake"), keyed(config))
    restrict(lake, _request(config, A))
    # A calls again, giving only their phone number; B calls again too.
    new = tmp_path / "new"
    new.mkdir()
    (new / "later.jsonl").write_text(
        dumps(_segmented("seg_a4", "2026-11-23", "ring mig på 070-311 22 45", "+46 8 123 456 78"))
        + "\n"
        + dumps(_segmented("seg_b3", "2026-11-23", "personnummer 800426-2385", "073-444 55 66"))
        + "\n"
    )
    report = run_job([str(new)], config, str(tmp_path / "lake"), keyed(config))
    assert report.calls["restricted_on_ingest"] == 1
    a4 = make_call_id("segmented", "seg_a4")
    assert lake.restricted_call_ids() == A_IDS | {a4}
    # Lifting the restriction lifts it on the new call as well.
    unrestrict(lake, _request(config, A))
    assert lake.restricted_call_ids() == set()


def test_the_ingest_jobs_restriction_index_reads_each_object_once(tmp_path, config, keyed):
    from redactor.rights.restrict import RestrictionIndex

    lake = build_world(tmp_path, config, str(tmp_path / "lake"), keyed(config))
    index = RestrictionIndex(lake)
    assert index.in_force() == {}
    restrict(lake, _request(config, A))
    gets = []
    real_get = lake.store.get
    lake.store.get = lambda key: (key.startswith("restrictions/") and gets.append(key)) or real_get(key)
    a_tokens = set(_request(config, A).tokens)
    assert set(index.in_force()) == a_tokens and len(gets) == 3
    assert set(index.in_force()) == a_tokens and len(gets) == 3  # nothing read again
    restrict(lake, _request(config, B))
    assert set(index.in_force()) == a_tokens | set(_request(config, B).tokens) and len(gets) == 5
    unrestrict(lake, _request(config, A))
    assert set(index.in_force()) == set(_request(config, B).tokens)


def test_cli_find_and_export_print_no_identifier(tmp_path, config, keyed):
    store = str(tmp_path / "lake")
    build_world(tmp_path, config, store, keyed(config))
    ids = ["--personnummer", "19880413-2382", "--phone", "+46 70 311 22 45", "--email", "VERA.testsson@exempel.se"]
    done = CliRunner().invoke(app, ["subject", "find", *ids, "--json", "--store", store])
    assert done.exit_code == 0, done.output
    assert {c["call_id"] for c in json.loads(done.output)["calls"]} == A_IDS
    done = CliRunner().invoke(app, ["subject", "find", *ids, "--store", store])
    assert done.exit_code == 0 and "3 call(s)" in done.output
    out = tmp_path / "export.json"
    done = CliRunner().invoke(
        app,
        [
            "subject",
            "export",
            *ids,
            "-o",
            str(out),
            "--no-detector",
            "--store",
            store,
            "--raw",
            str(tmp_path / "exports"),
        ],
    )
    assert done.exit_code == 0, done.output
    assert json.loads(done.output)["calls"] == 3 and json.loads(done.output)["raw_records"] == 4
    assert {c["call_id"] for c in json.loads(out.read_text())["calls"]} == A_IDS
    done = CliRunner().invoke(app, ["subject", "restrict", *ids, "--store", store])
    assert done.exit_code == 0 and json.loads(done.output)["calls"] == 3
    for output in (done.output,):
        assert traces([("out", output.encode())]) == []


def test_a_different_key_is_refused_once_the_index_key_is_known(tmp_path, config, keyed, monkeypatch):
    store = str(tmp_path / "lake")
    build_world(tmp_path, config, store, keyed(config))
    monkeypatch.setenv("REDACTOR_PSEUDONYM_KEY", "another-key-not-a-secret-987654321")
    done = CliRunner().invoke(app, ["subject", "find", "--personnummer", "880413-2382", "--store", store])
    assert done.exit_code == 0 and "0 call(s)" in done.output and "warning: no call carries" in done.output
    monkeypatch.setenv("REDACTOR_PSEUDONYM_KEY", KEY)
    done = CliRunner().invoke(app, ["subject", "find", "--personnummer", "880413-2382", "--store", store])
    assert done.exit_code == 0 and "2 call(s)" in done.output  # a3 has only the e-mail
    monkeypatch.setenv("REDACTOR_PSEUDONYM_KEY", "another-key-not-a-secret-987654321")
    for cmd in ("find", "erase"):
        done = CliRunner().invoke(
            app,
            ["subject", cmd, "--personnummer", "880413-2382", "-y" if cmd == "erase" else "--json", "--store", store],
        )
        assert done.exit_code == 2 and "not the one the subject index was built with" in done.output


# ---- erase -----------------------------------------------------------------------------------


def test_erase_removes_exactly_the_person_and_every_trace(tmp_path, config, keyed, detector):
    from redactor.rights.raw import detector_matcher

    lake = build_world(tmp_path, config, str(tmp_path / "lake"), keyed(config))
    before = snapshot(lake)
    assert A_IDS | OTHER_IDS == set(before["calls"])
    assert traces(all_objects(lake))  # the scan does see A before the erasure
    req = _request(config, A)
    restrict(lake, req)
    report = erase_subject(lake, req, detector_matcher(detector, req.identifiers), lake.raw_stores)
    assert report.rows_removed["calls"] == 3 and report.raw_deleted == 3 and report.raw_rewritten == 1
    assert report.quarantine_deleted == 1 and report.restrictions_dropped == 3
    assert_erased(lake, config, before)
    assert lake.restricted_call_ids() == set()
    # Running it again is harmless and finds nothing more.
    again = erase_subject(lake, req, raw_stores=lake.raw_stores)
    assert again.call_ids == [] and not again.rows_removed and again.raw_deleted == 0
    assert_erased(lake, config, before)


def test_an_erased_person_is_not_ingested_again_when_their_export_comes_back(tmp_path, config, keyed):
    from redactor.jobs.ingest import run_job

    lake = build_world(tmp_path, config, str(tmp_path / "lake"), keyed(config))
    erase_subject(lake, _request(config, A), raw_stores=lake.raw_stores)
    # The same exports delivered again (a re-run with --force, the API re-sending them).
    again = tmp_path / "redelivered"
    again.mkdir()
    for name, data in FILES.items():
        (again / name).write_bytes(data)
    report = run_job([str(again)], config, str(tmp_path / "lake"), keyed(config), incremental=False)
    assert report.status == "partial"  # B's broken file, quarantined again
    # A's three calls by call id, and A's broken file (quarantined, then erased) by its hash.
    assert report.calls["skipped_erased"] == 4, report.calls
    quarantined = [json.loads(lake.store.get(o.key)) for o in lake.store.list("quarantine/") if o.key.endswith(".json")]
    assert [q["source_file"].rsplit("/", 1)[-1] for q in quarantined] == ["broken-2.json"] * len(quarantined)
    assert {r["call_id"] for r in table_rows(lake, "calls")} == OTHER_IDS
    assert find_calls(lake, _request(config, A).tokens) == []


def test_erase_resumes_after_a_crash(tmp_path, config, keyed, monkeypatch):
    import redactor.rights.erase as erase_mod

    lake = build_world(tmp_path, config, str(tmp_path / "lake"), keyed(config))
    before = snapshot(lake)
    # A table object no commit lists (as a crashed writer leaves one) holding one of A's calls.
    from redactor.store.tables import parquet_bytes

    key = lake.live_files("segments")[0]
    stray = read_parquet(lake, key)
    stray = stray.filter(pa.compute.is_in(stray.column("call_id"), value_set=pa.array(sorted(A_IDS))))
    assert stray.num_rows
    lake.store.put(key.rsplit("/", 1)[0] + "/part-stray.parquet", parquet_bytes(stray, {}), {})
    req = _request(config, A)
    real = erase_mod.erase_day
    days = []

    def crash_after_first_partition(lake_, day, holding):
        if days:  # the first date (all three tables, one commit) is done
            raise RuntimeError("simulated crash")
        days.append(day)
        return real(lake_, day, holding)

    monkeypatch.setattr(erase_mod, "erase_day", crash_after_first_partition)
    with pytest.raises(RuntimeError, match="simulated crash"):
        erase_subject(lake, req, raw_stores=lake.raw_stores)
    # Half done: the first date's call is gone from the index, the rest still there, a pending record.
    assert {c.call_id for c in find_calls(lake, req.tokens)} == {CALL_IDS["a2"], CALL_IDS["a3"]}
    (pending,) = [json.loads(lake.store.get(o.key)) for o in lake.store.list(PENDING_PREFIX)]
    assert set(pending["call_ids"]) == A_IDS and pending["tokens"] == req.tokens
    assert traces([(PENDING_PREFIX, json.dumps(pending).encode())]) == []

    monkeypatch.setattr(erase_mod, "erase_day", real)
    report = erase_subject(lake, req, raw_stores=lake.raw_stores)
    assert report.resumed and set(report.call_ids) == A_IDS
    assert_erased(lake, config, before)


def test_cli_erase_prints_counts_and_tokens_only(tmp_path, config, keyed):
    store = str(tmp_path / "lake")
    build_world(tmp_path, config, store, keyed(config))
    ids = ["--personnummer", "880413-2382", "--phone", "0703112245", "--email", "vera.testsson@exempel.se"]
    cfg = tmp_path / "areas.toml"  # the raw area named in the config this time
    cfg.write_text(f'[landing]\nraw_areas = ["{tmp_path / "exports"}"]\n')
    done = CliRunner().invoke(
        app, ["subject", "erase", *ids, "--yes", "--no-detector", "--store", store, "--config", str(cfg)]
    )
    assert done.exit_code == 0, done.output
    out = json.loads(done.output)
    assert out["calls"] == 3 and out["rows_removed"]["calls"] == 3 and len(out["tokens"]) == 3
    assert out["raw_deleted"] == 3 and out["raw_rewritten"] == 1
    assert traces([("out", done.output.encode())]) == []


# ---- on the real S3 server -------------------------------------------------------------------


@pytest.mark.s3
@pytest.mark.slow
def test_erase_on_a_versioned_bucket_leaves_no_version_behind(tmp_path, s3_env, s3_config, keyed):
    bucket = s3_env.make_bucket("rights")
    client = s3_env.client()
    client.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    uri = f"s3://{bucket}/lake"
    lake = build_world(tmp_path, s3_config, uri, keyed(s3_config), versioned_client=client)

    def every_version():
        out = []
        for page in client.get_paginator("list_object_versions").paginate(Bucket=bucket):
            for v in page.get("Versions", []):
                out.append(
                    (v["Key"], client.get_object(Bucket=bucket, Key=v["Key"], VersionId=v["VersionId"])["Body"].read())
                )
        return out

    assert len(every_version()) > len(all_objects(lake))  # the second ingest left noncurrent versions
    assert traces(every_version())
    before = snapshot(lake)
    report = erase_subject(lake, _request(s3_config, A), raw_stores=lake.raw_stores)
    assert report.versions_deleted > 0
    assert_erased(lake, s3_config, before)
    assert traces(every_version()) == []
    # Other people's history is kept: their noncurrent versions are still there.
    assert any(k.endswith("three.json") or "/calls/" in k for k, _ in every_version())


@pytest.mark.s3
@pytest.mark.slow
def test_erase_resumes_after_a_crash_on_s3(tmp_path, s3_env, s3_config, keyed, monkeypatch):
    import redactor.rights.erase as erase_mod

    bucket = s3_env.make_bucket("rights")
    lake = build_world(tmp_path, s3_config, f"s3://{bucket}/lake", keyed(s3_config))
    before = snapshot(lake)
    req = _request(s3_config, A)
    real = erase_mod.erase_day
    n = []

    def crash(*args):
        if n:
            raise RuntimeError("simulated crash")
        n.append(1)
        return real(*args)

    monkeypatch.setattr(erase_mod, "erase_day", crash)
    with pytest.raises(RuntimeError):
        erase_subject(lake, req, raw_stores=lake.raw_stores)
    assert len(find_calls(lake, req.tokens)) == 2
    monkeypatch.setattr(erase_mod, "erase_day", real)
    assert erase_subject(lake, req, raw_stores=lake.raw_stores).resumed
    assert_erased(lake, s3_config, before)
    exported = export_subject(lake, _request(s3_config, B), raw_stores=lake.raw_stores)
    assert {c["call_id"] for c in exported["calls"]} == {CALL_IDS["b1"], CALL_IDS["b2"]}
