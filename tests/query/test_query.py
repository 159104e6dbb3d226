"""Issue 7: analysts' read-only SQL over the redacted lake (redactor query / report).

The ready-made queries run on the samples, ingested once with a pseudonymisation key (so
repeat callers are visible), on a local folder and on a real S3 server (SeaweedFS), and their
answers are checked as numbers: the stable facts of the samples are spelled out, the rest is
recomputed independently from the Parquet files with pyarrow.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from redactor.cli import app
from redactor.config import Config
from redactor.jobs.ingest import run_ingest
from redactor.query.engine import QueryEngine, QueryError, ReadOnlyError, check_read_only
from redactor.query.named import find_query, list_queries
from redactor.store.lake import Lake
from tests.conftest import ROOT, SAMPLES

KEY = "test-key-not-a-secret-0123456789"
NAMED = (
    "weekly_calls_per_queue",
    "call_duration_stats",
    "top_topics",
    "repeat_callers",
    "callbacks_per_week",
    "segment_search",
    "findings_per_entity_week",
)
HAVE_S3_FIXTURE = importlib.util.find_spec("tests.s3support") is not None
W48 = date(2026, 11, 23)  # Monday of ISO week 2026-W48, the week of every sample call


def _ingest(config, detector, store_uri: str, key: str | None) -> None:
    from redactor.pipeline import Pipeline

    with pytest.MonkeyPatch.context() as mp:
        if key:
            mp.setenv("REDACTOR_PSEUDONYM_KEY", key)
        else:
            mp.delenv("REDACTOR_PSEUDONYM_KEY", raising=False)
        mp.delenv("REDACTOR_PSEUDONYM_KEY_FILE", raising=False)
        summary = run_ingest([str(SAMPLES)], config, store_uri, Pipeline(config, detector=detector))
    assert summary.calls_written == 8 and summary.quarantined == 0


@pytest.fixture(scope="module")
def lake_dir(tmp_path_factory, config, detector) -> Path:
    path = tmp_path_factory.mktemp("query") / "lake"
    _ingest(config, detector, str(path), KEY)
    return path


@pytest.fixture(scope="module")
def engine(lake_dir, config):
    eng = QueryEngine(Lake.from_config(config, str(lake_dir), "test"))
    yield eng
    eng.close()


def run_named(eng: QueryEngine, name: str, **params) -> list[dict]:
    q = find_query(name)
    result = eng.query(q.sql, q.bind({k: str(v) for k, v in params.items()}))
    return [dict(zip(result.columns, row)) for row in result.rows()]


def parquet_rows(lake_dir: Path, table: str) -> list[dict]:
    """The table as pyarrow reads it straight from the files, independent of DuckDB."""
    rows = []
    for f in sorted((lake_dir / table).glob("call_date=*/*.parquet")):
        day = date.fromisoformat(f.parent.name.split("=", 1)[1])
        rows += [{**r, "call_date": day} for r in pq.read_table(f).to_pylist()]
    return rows


# ---- the ready-made queries, local store -------------------------------------------------


def test_every_ready_made_query_is_listed_documented_and_runs(engine):
    listed = {q.name: q for q in list_queries()}
    assert set(NAMED) <= set(listed)
    for name in NAMED:
        q = listed[name]
        assert q.title and q.description, f"{name} needs a title and a description"
        engine.query(q.sql, q.bind())


def test_views_cover_the_lake(engine, lake_dir):
    assert engine.query("select count(*) from calls").scalar() == 8
    assert engine.query("select count(*) from segments").scalar() == len(parquet_rows(lake_dir, "segments"))
    assert engine.query("select count(*) from findings").scalar() == len(parquet_rows(lake_dir, "findings"))
    types = dict(engine.query("select column_name, column_type from (describe calls)").rows())
    assert types["call_date"] == "DATE" and types["subject_tokens"] == "VARCHAR[]"


def test_weekly_calls_per_queue(engine):
    rows = run_named(engine, "weekly_calls_per_queue")
    got = [
        (
            r["week"],
            r["week_start"],
            r["queue"],
            r["calls"],
            r["inbound"],
            r["outbound"],
            r["total_hours"],
            r["avg_minutes"],
        )
        for r in rows
    ]
    assert got == [
        # Klang API calls have no queue: their folder stands in. 412+96+233+180 s = 921 s.
        ("2026-W48", W48, "kundtjanst-el", 4, 0, 0, 0.26, 3.8),
        ("2026-W48", W48, "Kundservice privat", 3, 3, 0, 0.08, 1.5),  # 88+142.5+40 s
        ("2026-W48", W48, "Företag", 1, 0, 1, 0.02, 1.0),  # 61.2 s
    ]


def test_call_duration_stats(engine):
    rows = {r["queue"]: r for r in run_named(engine, "call_duration_stats")}
    everything = rows["(all queues)"]
    # Durations (s): 40, 61.2, 88, 96, 142.5, 180, 233, 412 -> median 119.25 s, mean 156.6 s.
    assert (everything["calls"], everything["with_duration"]) == (8, 8)
    assert (
        everything["min_minutes"],
        everything["median_minutes"],
        everything["avg_minutes"],
        everything["max_minutes"],
    ) == (0.7, 2.0, 2.6, 6.9)
    assert rows["Kundservice privat"]["median_minutes"] == 1.5  # 88 s
    assert list(rows)[-1] == "(all queues)"


def test_repeat_callers_by_pseudonym_token(engine, lake_dir):
    rows = run_named(engine, "repeat_callers")
    # Independently: tokens that occur in more than one call.
    calls_of = defaultdict(set)
    for call in parquet_rows(lake_dir, "calls"):
        for token in call["subject_tokens"] or []:
            calls_of[token].add(call["call_id"])
    expected = {t for t, ids in calls_of.items() if len(ids) > 1}
    assert {r["token"] for r in rows} == expected
    # The samples: two personnummer come back (the estate call's two people call again on
    # 26 and 27 November), and one mobile number: written "070-123 45 67" on 24 November and
    # spoken digit group by digit group on 25 November get the same token.
    by_type = defaultdict(list)
    for r in rows:
        by_type[r["identifier_type"]].append(r)
    assert {t: len(v) for t, v in by_type.items()} == {"SE_PERSONNUMMER": 2, "PHONE_NUMBER": 1}
    assert all(r["calls"] == 2 for r in rows)
    assert sorted((r["first_call"], r["last_call"], r["span_days"]) for r in by_type["SE_PERSONNUMMER"]) == [
        (date(2026, 11, 25), date(2026, 11, 26), 1),
        (date(2026, 11, 25), date(2026, 11, 27), 2),
    ]
    assert all(r["queues"] == ["Kundservice privat", "kundtjanst-el"] for r in by_type["SE_PERSONNUMMER"])
    [phone] = by_type["PHONE_NUMBER"]
    assert (phone["first_call"], phone["last_call"], phone["queues"]) == (
        date(2026, 11, 24),
        date(2026, 11, 25),
        ["kundtjanst-el"],
    )
    # Tokens are keyed hashes, not values: 32 hex digits after the type.
    assert all(len(r["token"].split(":", 1)[1]) == 32 for r in rows)
    assert run_named(engine, "repeat_callers", min_calls=3) == []


def test_callbacks_per_week(engine):
    assert [tuple(r.values()) for r in run_named(engine, "callbacks_per_week")] == [("2026-W48", 8, 8, 3, 37.5)]
    # With a zero-day window no earlier call counts.
    assert run_named(engine, "callbacks_per_week", days=0)[0]["callbacks"] == 0


def test_without_a_key_there_are_no_tokens(tmp_path, config, detector):
    _ingest(config, detector, str(tmp_path / "lake"), None)
    with QueryEngine(Lake.from_config(config, str(tmp_path / "lake"), "test")) as eng:
        assert run_named(eng, "repeat_callers") == []
        assert run_named(eng, "callbacks_per_week")[0]["calls_with_token"] == 0


def test_segment_search_elavbrott(engine, lake_dir):
    rows = run_named(engine, "segment_search")
    assert len(rows) == 1
    hit = rows[0]
    assert "elavbrott" in hit["text"].lower()
    assert (hit["call_date"], hit["queue"], hit["segment_index"], hit["start_seconds"]) == (
        date(2026, 11, 25),
        "kundtjanst-el",
        1,
        4.0,
    )
    title = engine.query(f"select title from calls where call_id = '{hit['call_id']}'").scalar()
    # The ort is part of the caller's address in that call, so it is redacted in the title too.
    assert title == "Elavbrott <LOCATION_1>"
    # Any term, case-insensitive, substring (compounds), and no LIKE wildcards.
    expected = sum("avbrott" in (s["text"] or "").lower() for s in parquet_rows(lake_dir, "segments"))
    assert len(run_named(engine, "segment_search", term="AVBROTT")) == expected >= 1
    assert run_named(engine, "segment_search", term="%") == []


def test_top_topics(engine):
    rows = run_named(engine, "top_topics")
    words = {r["word"]: r["calls"] for r in rows}
    assert {"elavbrott", "dödsbo", "faktura", "elavtal", "strömavbrott"} <= set(words)
    assert all(n == 1 for n in words.values())  # each sample call has its own topic
    # Placeholders, stop words and numbers never show up as topics.
    assert not {"person", "kunden", "och", "att", "till"} & set(words)
    assert not any(ch.isdigit() for w in words for ch in w)
    assert len(run_named(engine, "top_topics", limit=3)) == 3


def test_findings_per_entity_week(engine, lake_dir):
    rows = run_named(engine, "findings_per_entity_week")
    findings = parquet_rows(lake_dir, "findings")
    per_type = Counter(f["entity_type"] for f in findings)
    calls_per_type = {t: len({f["call_id"] for f in findings if f["entity_type"] == t}) for t in per_type}
    assert {r["entity_type"]: (r["findings"], r["calls"]) for r in rows} == {
        t: (n, calls_per_type[t]) for t, n in per_type.items()
    }
    assert {r["week"] for r in rows} == {"2026-W48"}
    assert {"PERSON", "SE_PERSONNUMMER", "PHONE_NUMBER", "EMAIL_ADDRESS"} <= set(per_type)
    assert [r["findings"] for r in rows] == sorted((r["findings"] for r in rows), reverse=True)


# ---- partitions, committed files only, restrictions ---------------------------------------


def test_call_date_filter_prunes_files(lake_dir, config, tmp_path):
    copy = tmp_path / "lake"
    shutil.copytree(lake_dir, copy)
    with QueryEngine(Lake.from_config(config, str(copy), "t")) as eng:
        assert len(eng.files["segments"]) == 4  # four call dates in the samples
        one_day = "select count(*) from segments where call_date between DATE '2026-11-25' and DATE '2026-11-25'"
        before = eng.query(one_day).scalar()
        assert before > 0
        # Break every other day's file: a pruned query never opens them, a full scan does.
        for f in eng.files["segments"]:
            if "2026-11-25" not in f:
                Path(f).write_bytes(b"not parquet")
        assert eng.query(one_day).scalar() == before
        with pytest.raises(QueryError):
            eng.query("select count(*) from segments")


def test_since_until_narrow_the_views(lake_dir, config):
    with QueryEngine(
        Lake.from_config(config, str(lake_dir), "t"), since=date(2026, 11, 26), until=date(2026, 11, 26)
    ) as eng:
        assert len(eng.files["calls"]) == 1
        assert eng.query("select count(*), min(call_date), max(call_date) from calls").rows() == [
            (2, date(2026, 11, 26), date(2026, 11, 26))
        ]


def test_views_read_only_what_live_files_returns(lake_dir, config, monkeypatch):
    lake = Lake.from_config(config, str(lake_dir), "t")
    snap = lake.snapshot()
    real = snap.live_keys
    # A commit protocol that (say) has not committed 2026-11-27 yet: readers must not see it.
    monkeypatch.setattr(
        snap,
        "live_keys",
        lambda table, since=None, until=None: [k for k in real(table, since, until) if "2026-11-27" not in k],
    )
    monkeypatch.setattr(lake, "snapshot", lambda: snap)
    with QueryEngine(lake) as eng:
        assert eng.query("select count(*) from calls").scalar() == 6
        assert eng.query("select count(*) from calls where call_date = DATE '2026-11-27'").scalar() == 0
        with pytest.raises(QueryError, match="disabled by configuration"):
            eng.query(f"select count(*) from read_parquet('{lake_dir}/calls/call_date=2026-11-27/*.parquet')")


def test_restricted_calls_are_left_out(lake_dir, config, tmp_path):
    copy = tmp_path / "lake"
    shutil.copytree(lake_dir, copy)
    lake = Lake.from_config(config, str(copy), "t")
    with QueryEngine(lake) as eng:
        call_id, segs = eng.query("select call_id, count(*) from segments group by 1 order by 2 desc limit 1").rows()[0]
    lake.store.put(f"restrictions/{call_id}/req-1.json", b"{}", {})
    with QueryEngine(Lake.from_config(config, str(copy), "t")) as eng:
        assert eng.query("select count(*) from calls").scalar() == 7
        for table in ("calls", "segments", "findings"):
            assert eng.query(f"select count(*) from {table} where call_id = '{call_id}'").scalar() == 0


# Every way we know to reach a file, a setting, a secret or the environment from SQL.
FILE_PROBES = [
    "select * from read_parquet({f})",
    "select * from read_parquet({glob}, union_by_name = true)",
    "select * from parquet_scan({f})",
    "select * from parquet_metadata({f})",
    "select * from parquet_schema({f})",
    "select * from parquet_file_metadata({f})",
    "select * from parquet_kv_metadata({f})",
    "select * from read_csv({f})",
    "select * from read_csv_auto({f})",
    "select * from read_json({f})",
    "select * from read_json_auto({f})",
    "select * from read_ndjson_objects({f})",
    "select * from read_text({f})",
    "select * from read_blob({f})",
    "select * from glob({glob})",
    "select * from {f}",
    "from {glob}",
    "select * from query_table({f})",
    "select * from query({q})",
    "select * from sniff_csv({f})",
]
SECRET_PROBES = [
    "select * from duckdb_settings()",
    "select * from duckdb_secrets()",
    "select * from which_secret({f}, 's3')",
    "select current_setting('s3_secret_access_key')",
    "select current_setting('s3_access_key_id')",
    "select current_setting('allowed_paths')",
    "select current_setting('allowed_directories')",
    "select getenv('AWS_SECRET_ACCESS_KEY')",
    "select getenv('REDACTOR_PSEUDONYM_KEY')",
    "select * from duckdb_extensions()",
    "select * from duckdb_variables()",
    "select * from duckdb_databases()",
    "select * from pragma_database_list()",
    "select * from duckdb_views()",
    "select sql from duckdb_views()",
    "select * from duckdb_functions() where function_name = 'calls'",
]


def _probe(eng: QueryEngine, sql: str) -> str | None:
    """The answer as text, or None if the engine refused or failed."""
    try:
        return json.dumps([r.table.to_pylist() for r in eng.execute(sql)], default=str)
    except QueryError:
        return None


def assert_restricted_call_unreadable(eng: QueryEngine, call_id: str, table_glob: str) -> None:
    files = [f for t in ("calls", "segments", "findings") for f in eng.files[t]]
    assert files
    for table in ("calls", "segments", "findings"):
        assert eng.query(f"select count(*) from {table} where call_id = '{call_id}'").scalar() == 0
    for path in files[:2] + [table_glob]:
        quoted = "'" + path + "'"
        for probe in FILE_PROBES:
            sql = probe.format(f=quoted, glob="'" + table_glob + "'", q=f"$$select * from read_parquet({quoted})$$")
            answer = _probe(eng, sql)
            assert answer is None or call_id not in answer, sql


def assert_nothing_secret_readable(eng: QueryEngine, secrets: list[str]) -> None:
    quoted = "'" + eng.files["calls"][0] + "'"
    for probe in SECRET_PROBES:
        sql = probe.format(f=quoted)
        answer = _probe(eng, sql)
        assert answer is None or not any(s in answer for s in secrets), sql


def restricted_copy(lake_dir: Path, config, tmp_path: Path) -> tuple[Path, str]:
    """A copy of the lake with its first call (by id) under restriction."""
    copy = tmp_path / "lake"
    shutil.copytree(lake_dir, copy)
    lake = Lake.from_config(config, str(copy), "t")
    with QueryEngine(lake) as eng:
        call_id = eng.query("select call_id from calls order by call_id limit 1").scalar()
    lake.store.put(f"restrictions/{call_id}/req-1.json", b"{}", {})
    return copy, call_id


@pytest.mark.parametrize("materialise", [False, True])
def test_no_sql_reads_a_restricted_call_or_a_secret(lake_dir, config, tmp_path, monkeypatch, materialise):
    copy, call_id = restricted_copy(lake_dir, config, tmp_path)
    probe_secret = "probe-secret-" + "0123456789abcdef"
    monkeypatch.setenv("REDACTOR_PSEUDONYM_KEY", probe_secret)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", probe_secret)
    with QueryEngine(Lake.from_config(config, str(copy), "t"), materialise=materialise) as eng:
        assert eng.query("select count(*) from calls").scalar() == 7
        assert_restricted_call_unreadable(eng, call_id, f"{copy}/*/*/*.parquet")
        # The live files' paths are not settings either (an attacker would need them to aim).
        assert_nothing_secret_readable(eng, [probe_secret, str(copy)])


def test_empty_store_has_typed_empty_views(tmp_path, config):
    with QueryEngine(Lake.from_config(config, str(tmp_path / "nothing"), "t")) as eng:
        for table in ("calls", "segments", "findings"):
            assert eng.query(f"select count(*) from {table}").scalar() == 0
        assert run_named(eng, "weekly_calls_per_queue") == []
        assert run_named(eng, "repeat_callers") == []


# ---- read-only ----------------------------------------------------------------------------

REFUSED_BY_CHECK = [
    "copy (select 1 as a) to '{live}' (format parquet, use_tmp_file false)",
    "explain analyze copy (select 1 as a) to '{live}' (format parquet, use_tmp_file false)",
    "/* c */ explain analyze copy (select 1 as a) to '{live}'",
    "attach '{tmp}/x.duckdb' as x",
    "install httpfs",
    "load httpfs",
    "load '{tmp}/evil.duckdb_extension'",
    "create table t as select 1",
    "create view v as select 1",
    "create secret s (type s3, key_id 'a', secret 'b')",
    "insert into calls select * from calls",
    "update calls set title = 'x'",
    "delete from calls",
    "drop view calls",
    "export database '{tmp}/dump'",
    "set s3_endpoint = 'example.org'",
    "set enable_external_access = true",
    "reset lock_configuration",
    "pragma enable_profiling",
    "call pragma_version()",
    "checkpoint",
    "select 1; drop view calls",
]

REFUSED_BY_DUCKDB = [
    "select * from read_csv('/etc/passwd')",
    "select * from read_text('/etc/hostname')",
    "select * from glob('{lake}/*')",
    "select * from read_parquet('{lake}/calls/*/*.parquet')",
    "select * from read_text('{lake}/calls/call_date=2026-11-24/.{name}.tags.json')",
    "select * from parquet_metadata('/etc/passwd')",
]


@pytest.mark.parametrize("sql", REFUSED_BY_CHECK)
def test_statements_that_write_or_reach_out_are_refused(engine, lake_dir, tmp_path, sql):
    live = engine.files["calls"][0]
    before = Path(live).read_bytes()
    with pytest.raises(ReadOnlyError):
        engine.execute(sql.format(live=live, tmp=tmp_path, lake=lake_dir))
    assert Path(live).read_bytes() == before
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("sql", REFUSED_BY_DUCKDB)
def test_reading_files_outside_the_views_fails(engine, lake_dir, sql):
    name = Path(engine.files["calls"][0]).name
    with pytest.raises(QueryError, match="disabled by configuration|Permission"):
        engine.execute(sql.format(lake=lake_dir, name=name))


def test_read_only_queries_are_allowed(engine):
    con = duckdb.connect()
    for sql in [
        "select 1",
        "with x as (select 1) select * from x",
        "describe calls",
        "show tables",
        "summarize select 1",
        "explain select 1",
        "explain analyze select 1",
        "from calls limit 1",
        "-- comment\nselect 1",
    ]:
        check_read_only(con, sql)
        engine.execute(sql)
    assert {r[0] for r in engine.query("show tables").rows()} == {"calls", "segments", "findings"}


def test_settings_are_locked(engine):
    assert engine.query("select current_setting('enable_external_access')").scalar() is False
    assert engine.query("select current_setting('lock_configuration')").scalar() is True
    assert engine.query("select current_setting('autoinstall_known_extensions')").scalar() is False


# ---- the command line ---------------------------------------------------------------------

runner = CliRunner()


def cli(*args, input=None):
    return runner.invoke(app, list(args), input=input, catch_exceptions=False)


def test_cli_sql_in_every_format(lake_dir, tmp_path):
    sql = "select queue, count(*) as n from calls where queue is not null group by 1 order by 2 desc, 1"
    table = cli("query", sql, "--store", str(lake_dir))
    assert table.exit_code == 0, table.output
    assert "Kundservice privat" in table.output and "2 rows" in table.output
    as_json = json.loads(cli("query", sql, "--store", str(lake_dir), "--format", "json").output)
    assert {r["queue"]: r["n"] for r in as_json} == {"Kundservice privat": 3, "Företag": 1}
    out = tmp_path / "r.parquet"
    done = cli("query", "select * from calls", "--store", str(lake_dir), "--format", "parquet", "--output", str(out))
    assert done.exit_code == 0
    assert pq.read_table(out).num_rows == 8
    no_file = cli("query", "select 1", "--store", str(lake_dir), "--format", "parquet")
    assert no_file.exit_code == 2 and "--output" in no_file.output


def test_cli_csv_is_exact(lake_dir):
    done = cli(
        "query",
        "select queue, count(*) as n from calls where queue is not null group by 1 order by 2 desc",
        "--store",
        str(lake_dir),
        "--format",
        "csv",
    )
    assert done.output.splitlines() == ["queue,n", "Kundservice privat,3", "Företag,1"]


def test_cli_named_list_and_report(lake_dir):
    listing = cli("query", "--list")
    assert listing.exit_code == 0 and all(name in listing.output for name in NAMED)
    by_name = cli("query", "--name", "segment_search", "--store", str(lake_dir), "--format", "json")
    assert by_name.exit_code == 0 and len(json.loads(by_name.output)) == 1
    report = cli("report", "repeat_callers", "--store", str(lake_dir), "--format", "json")
    assert len(json.loads(report.output)) == 3  # two personnummer and one phone number
    param = cli(
        "report", "segment_search", "--param", "term=ingen-sådan-text", "--store", str(lake_dir), "--format", "json"
    )
    assert json.loads(param.output) == []
    assert cli("report", "no_such_query", "--store", str(lake_dir)).exit_code == 2
    assert cli("report", "segment_search", "--param", "bogus=1", "--store", str(lake_dir)).exit_code == 2
    ranged = cli(
        "report", "weekly_calls_per_queue", "--since", "2026-11-26", "--store", str(lake_dir), "--format", "json"
    )
    assert sum(r["calls"] for r in json.loads(ranged.output)) == 4


def test_cli_refuses_writes_with_exit_2(lake_dir):
    done = cli("query", "copy (select 1) to '/tmp/should-not-exist.csv'", "--store", str(lake_dir))
    assert done.exit_code == 2 and "read-only" in done.output
    assert not Path("/tmp/should-not-exist.csv").exists()


def test_interactive_prompt_from_stdin(lake_dir):
    session = (
        "\n".join(
            [
                "select count(*) as n",
                "  from calls;",
                ".tables",
                ".run segment_search term=elavbrott",
                "create table x as select 1;",
                "select 42 as answer;",
                ".quit",
                "select 'never reached';",
            ]
        )
        + "\n"
    )
    done = cli("query", "--store", str(lake_dir), "--format", "csv", input=session)
    lines = done.stdout.splitlines()
    assert lines[:2] == ["n", "8"]
    assert "calls  (4 files)" in lines
    assert "answer" in lines and "42" in lines and "never reached" not in done.stdout
    assert "read-only" in done.stderr
    assert done.exit_code == 2  # a statement failed in a piped session
    # EOF ends the session and runs a last statement without ';'.
    eof = cli("query", "--store", str(lake_dir), "--format", "csv", input="select 7 as seven")
    assert eof.exit_code == 0 and eof.stdout.splitlines() == ["seven", "7"]


def test_interactive_prompt_ctrl_c_clears_and_run_usage(engine):
    import io

    from redactor.query.shell import RUN_USAGE, Shell

    typed = iter(["select 'half", KeyboardInterrupt, "select 1 as one;", ".run", ".quit"])
    prompts = []

    def read_line(prompt: str) -> str:
        prompts.append(prompt)
        item = next(typed)
        if item is KeyboardInterrupt:
            raise KeyboardInterrupt
        return item

    out, err = io.StringIO(), io.StringIO()
    shell = Shell(engine, out, err, "csv", interactive=True, read_line=read_line)
    shell.run(io.StringIO())
    # The half statement was dropped, not glued to the next one; the session went on.
    assert out.getvalue().splitlines() == ["one", "1"]
    assert prompts == ["sql> ", "...> ", "sql> ", "sql> ", "sql> "]
    assert "statement cleared" in err.getvalue() and RUN_USAGE in err.getvalue() and shell.errors == 1


def test_dot_commands_also_run_as_the_argument(lake_dir):
    done = cli("query", ".schema calls", "--store", str(lake_dir), "--format", "csv")
    assert done.exit_code == 0 and "call_id" in done.stdout
    bad = cli("query", ".schema nothing", "--store", str(lake_dir))
    assert bad.exit_code == 2 and ".schema needs one of" in bad.stderr


def test_table_output_uses_the_terminal_width(lake_dir, monkeypatch):
    sql = "select call_id, full_text from calls order by call_id limit 3"
    monkeypatch.setenv("COLUMNS", "200")
    wide = cli("query", "--store", str(lake_dir), sql).stdout.splitlines()
    assert max(len(line) for line in wide) == 200  # long text fills the terminal, not 80 columns
    monkeypatch.setenv("COLUMNS", "60")
    narrow = cli("query", "--store", str(lake_dir), sql).stdout.splitlines()
    assert max(len(line) for line in narrow) <= 60 and any("…" in line for line in narrow)
    monkeypatch.delenv("COLUMNS")
    piped = cli("query", "--store", str(lake_dir), sql).stdout.splitlines()  # not a terminal: cells cut at 80
    assert max(len(line) for line in piped) < 130


# ---- the same answers from S3 --------------------------------------------------------------


@pytest.mark.s3
@pytest.mark.slow
@pytest.mark.skipif(not HAVE_S3_FIXTURE, reason="the S3 server fixture (tests/s3support.py) is not there yet")
def test_s3_store_gives_the_same_answers_offline(request, engine, lake_dir, config, detector, tmp_path, monkeypatch):
    s3 = request.getfixturevalue("s3_env")
    s3_cfg_path = tmp_path / "s3.toml"
    s3_cfg_path.write_text("[store]\nallow_unknown_region = true\n")
    s3_config = Config.load(s3_cfg_path)
    bucket = s3.make_bucket("query")
    uri = f"s3://{bucket}/lake"
    _ingest(s3_config, detector, uri, KEY)
    # Quarantine-like objects next to the tables must stay out of reach.
    s3.client().put_object(Bucket=bucket, Key="lake/quarantine/date=2026-11-27/x.payload", Body=b"raw")

    with QueryEngine(Lake.from_config(s3_config, uri, "t")) as remote:
        assert remote.is_s3 and all(f.startswith(f"s3://{bucket}/lake/") for f in remote.files["calls"])
        for name in NAMED:
            q = find_query(name)
            assert remote.query(q.sql, q.bind()).rows() == engine.query(q.sql, q.bind()).rows(), name
        assert (
            remote.query("select count(*) from segments where call_date = DATE '2026-11-25'").scalar()
            == engine.query("select count(*) from segments where call_date = DATE '2026-11-25'").scalar()
        )
        for sql in [
            f"select * from read_text('s3://{bucket}/lake/quarantine/date=2026-11-27/x.payload')",
            f"select * from read_parquet('s3://{bucket}/lake/calls/*/*.parquet')",
            "select * from read_csv('/etc/passwd')",
        ]:
            with pytest.raises(QueryError, match="disabled by configuration"):
                remote.execute(sql)
        with pytest.raises(ReadOnlyError):
            remote.execute(f"copy (select 1 as a) to '{remote.files['calls'][0]}' (format parquet)")
        assert_nothing_secret_readable(remote, [s3.secret_key, s3.access_key])
        restricted = remote.query("select call_id from calls order by call_id limit 1").scalar()

    # The command line, same store, answers with the same numbers.
    done = cli("report", "weekly_calls_per_queue", "--store", uri, "--config", str(s3_cfg_path), "--format", "json")
    assert done.exit_code == 0, done.output
    assert [r["calls"] for r in json.loads(done.stdout)] == [4, 3, 1]

    # Restricted on S3: no SQL reaches its rows, through the views or the objects behind them.
    Lake.from_config(s3_config, uri, "t").store.put(f"restrictions/{restricted}/req-1.json", b"{}", {})
    with QueryEngine(Lake.from_config(s3_config, uri, "t")) as remote:
        assert remote.query("select count(*) from calls").scalar() == 7
        assert_restricted_call_unreadable(remote, restricted, f"s3://{bucket}/lake/*/*/*.parquet")
        assert_nothing_secret_readable(remote, [s3.secret_key, s3.access_key])
    # The web app on the same bucket: same rows, the restricted call is not there.
    from starlette.testclient import TestClient

    from redactor.serve.app import create_app
    from redactor.serve.data import LakeView

    view = LakeView(Lake.from_config(s3_config, uri, "t"), refresh_seconds=0)
    try:
        client = TestClient(create_app(view))
        assert client.get(f"/calls/{restricted}").status_code == 404
        listed = client.get("/calls", params={"q": "e"}).text
        assert restricted not in listed and listed.count('<a href="/calls/c') == 7
        assert view.query("select count(*) from calls").scalar() == 7
    finally:
        view.close()


# ---- deploy/: Athena / Trino DDL and the analyst's S3 policies -----------------------------

DEPLOY = ROOT / "deploy"


def _hive_type(t) -> str:
    import pyarrow as pa

    if pa.types.is_string(t):
        return "string"
    if pa.types.is_int32(t):
        return "int"
    if pa.types.is_float64(t):
        return "double"
    if pa.types.is_timestamp(t):
        return "timestamp"
    if pa.types.is_list(t):
        return f"array<{_hive_type(t.value_type)}>"
    if pa.types.is_map(t):
        return f"map<{_hive_type(t.key_type)},{_hive_type(t.item_type)}>"
    if pa.types.is_struct(t):
        return "struct<" + ",".join(f"{f.name}:{_hive_type(f.type)}" for f in t) + ">"
    raise TypeError(t)


def _norm(type_sql: str) -> str:
    """Type text without identifier quotes, for comparing what sqlglot parsed with the schema."""
    return type_sql.replace('"', "").upper()


def _columns(create, dialect: str) -> list[tuple[str, str]]:
    from sqlglot import exp

    return [
        (c.name, _norm(c.args["kind"].sql("trino"))) for c in create.this.expressions if isinstance(c, exp.ColumnDef)
    ]


@pytest.mark.parametrize("table", ["calls", "segments", "findings"])
def test_athena_ddl_parses_and_matches_the_schema(table):
    import sqlglot
    from sqlglot import exp

    from redactor.store.tables import SCHEMAS

    text = (DEPLOY / "athena" / f"{table}.sql").read_text()
    statements = [s for s in sqlglot.parse(text, read="athena") if s is not None]
    assert len(statements) == 1 and isinstance(statements[0], exp.Create)
    create = statements[0]
    assert create.this.this.name == table
    expected = [
        (f.name, _norm(exp.DataType.build(_hive_type(f.type), dialect="athena").sql("trino"))) for f in SCHEMAS[table]
    ]
    assert _columns(create, "athena") == expected
    partitioned = create.find(exp.PartitionedByProperty)
    assert [c.name for c in partitioned.this.expressions] == ["call_date"]
    props = {p.name: p.text("value") for p in create.find_all(exp.Property) if p.name}
    assert props["projection.enabled"] == "true" and props["projection.call_date.type"] == "date"
    assert props["projection.call_date.format"] == "yyyy-MM-dd"
    location = create.find(exp.LocationProperty).this.name
    assert location.endswith(f"/lake/{table}/")
    assert props["storage.location.template"] == f"{location}call_date=${{call_date}}/"


def test_trino_ddl_parses_and_matches_the_schema():
    import sqlglot
    from sqlglot import exp

    from redactor.store.tables import SCHEMAS

    text = (DEPLOY / "athena" / "trino_hive_metastore.sql").read_text()
    creates = [s for s in sqlglot.parse(text, read="trino") if isinstance(s, exp.Create)]
    assert [c.this.this.name for c in creates] == ["calls", "segments", "findings"]
    for create in creates:
        table = create.this.this.name
        expected = [
            (f.name, _norm(exp.DataType.build(_hive_type(f.type), dialect="athena").sql("trino")))
            for f in SCHEMAS[table]
        ]
        got = _columns(create, "trino")
        # Trino's timestamp(3) is the same column as Athena's timestamp.
        assert [(n, t.replace("TIMESTAMP(3)", "TIMESTAMP")) for n, t in got] == expected + [("call_date", "VARCHAR")]
        assert "partitioned_by=array['call_date']" in create.sql("trino").replace(" ", "").lower()


def test_broken_ddl_does_not_parse():
    import sqlglot
    from sqlglot.errors import ParseError

    text = (
        (DEPLOY / "athena" / "calls.sql")
        .read_text()
        .replace("PARTITIONED BY (`call_date` string)", "PARTITIONED BY (`call_date` string")
    )
    with pytest.raises(ParseError):
        sqlglot.parse(text, read="athena")


def _matches(patterns, value: str) -> bool:
    import fnmatch

    patterns = [patterns] if isinstance(patterns, str) else patterns
    return any(fnmatch.fnmatchcase(value.lower(), p.lower()) for p in patterns)


def _condition_holds(condition: dict, context: dict) -> bool:
    for op, pairs in condition.items():
        for key, wanted in pairs.items():
            if key not in context:
                return False
            value = context[key]
            if op in ("StringLike", "ArnLike"):
                ok = _matches(wanted, value)
            elif op in ("StringEquals", "Bool"):
                ok = value in ([wanted] if isinstance(wanted, str) else wanted)
            else:
                raise AssertionError(f"condition operator {op} not modelled by this test")
            if not ok:
                return False
    return True


def _decide(policies: list[dict], action: str, resource: str, context: dict) -> bool:
    """IAM evaluation in miniature: an explicit Deny wins, else an Allow is needed."""
    allowed = False
    for policy in policies:
        for st in policy["Statement"]:
            if not _matches(st["Action"], action):
                continue
            if "Resource" in st and not _matches(st["Resource"], resource):
                continue
            if "NotResource" in st and _matches(st["NotResource"], resource):
                continue
            if "Condition" in st and not _condition_holds(st["Condition"], context):
                continue
            if st["Effect"] == "Deny":
                return False
            allowed = True
    return allowed


def test_analyst_policy_reads_only_the_redacted_tables():
    identity = json.loads((DEPLOY / "iam" / "analyst-read-only.json").read_text())
    guard = json.loads((DEPLOY / "iam" / "bucket-policy-analyst-guard.json").read_text())
    bucket = "arn:aws:s3:::klang-redacted-eu-north-1"
    ctx = {"aws:SecureTransport": "true", "aws:PrincipalArn": "arn:aws:iam::111122223333:role/klang-support-analyst"}
    both = [identity, guard]

    def get(key, policies=both, context=ctx):
        return _decide(policies, "s3:GetObject", f"{bucket}/{key}", context)

    def list_(prefix):
        return _decide(both, "s3:ListBucket", bucket, {**ctx, "s3:prefix": prefix})

    for key in [
        "lake/calls/call_date=2026-11-24/part-1.parquet",
        "lake/segments/call_date=2026-11-24/part-1.parquet",
        "lake/findings/call_date=2026-11-24/part-1.parquet",
        "lake/_lake/snapshots/00000042.json",
    ]:
        assert get(key) and get(key, [identity]), key
    for key in [
        "lake/quarantine/date=2026-11-27/x.payload",
        "lake/quarantine/date=2026-11-27/x.json",
        "landing/klang/2026-11-27/export.json.gz",
        "lake/keys/pseudonym.key",
        "lake/restrictions/c1/r.json",
        "lake/audit/2026/erasure.json",
        "lake/callsX/secret",
        "other/calls/x.parquet",
        "lake/_lake/leases/job.json",
    ]:
        assert not get(key), key
        # The bucket-policy guard alone also refuses, whatever identity policy the role has.
        broad = {"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": f"{bucket}/*"}]}
        assert not get(key, [broad, guard]), key
    assert list_("lake/calls/") and list_("lake/restrictions/") and list_("lake/_lake/snapshots/")
    assert not list_("lake/quarantine/") and not list_("lake/") and not list_("")
    for action in ["s3:PutObject", "s3:DeleteObject", "s3:PutObjectTagging", "s3:DeleteObjectVersion"]:
        assert not _decide(both, action, f"{bucket}/lake/calls/call_date=2026-11-24/part-1.parquet", ctx), action
    assert not get("lake/calls/call_date=2026-11-24/part-1.parquet", context={**ctx, "aws:SecureTransport": "false"})


# ---- exports for analysts' own tools (issue 17) ---------------------------------------------


def test_export_parquet_folder_and_duckdb_file(lake_dir, config, tmp_path):
    copy, restricted = restricted_copy(lake_dir, config, tmp_path)
    with QueryEngine(Lake.from_config(config, str(copy), "t")) as eng:
        counts = {t: eng.query(f"select count(*) from {t}").scalar() for t in ("calls", "segments", "findings")}
        version = eng.version

    done = cli("export", "--store", str(copy), "--to", str(tmp_path / "bi"))
    assert done.exit_code == 0, done.output
    manifest = json.loads(done.stdout)
    assert manifest["lake_version"] == version and manifest["restricted_calls_left_out"] == 1
    assert {t: v["rows"] for t, v in manifest["tables"].items()} == counts
    assert json.loads((tmp_path / "bi" / "manifest.json").read_text()) == manifest
    for table, n in counts.items():
        rows = pq.read_table(tmp_path / "bi" / f"{table}.parquet").to_pylist()
        assert len(rows) == n and restricted not in {r["call_id"] for r in rows}
        assert "call_date" in rows[0]
    # What a BI tool does with the folder: plain DuckDB over the files.
    assert (
        duckdb.sql(f"select count(*) from '{tmp_path / 'bi' / 'segments.parquet'}'").fetchone()[0] == counts["segments"]
    )

    again = cli("export", "--store", str(copy), "--to", str(tmp_path / "bi"))
    assert again.exit_code == 2 and "--replace" in again.output
    assert cli("export", "--store", str(copy), "--to", str(tmp_path / "bi"), "--replace").exit_code == 0
    assert sorted(p.name for p in (tmp_path / "bi").iterdir()) == [
        "calls.parquet",
        "findings.parquet",
        "manifest.json",
        "segments.parquet",
    ]

    done = cli("export", "--store", str(copy), "--to", str(tmp_path / "bi.duckdb"), "--since", "2026-11-25")
    assert done.exit_code == 0, done.output
    con = duckdb.connect(str(tmp_path / "bi.duckdb"), read_only=True)
    try:
        assert con.execute("select min(call_date) from calls").fetchone()[0] == date(2026, 11, 25)
        assert con.execute("select count(*) from calls where call_id = ?", [restricted]).fetchone()[0] == 0
        stored = json.loads(con.execute("select manifest_json from manifest").fetchone()[0])
        assert stored["since"] == "2026-11-25" and stored["lake_version"] == version
        assert con.execute("select count(*) from segments").fetchone()[0] == stored["tables"]["segments"]["rows"]
    finally:
        con.close()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no staging left behind


def test_a_store_without_a_lake_is_an_error(tmp_path):
    for args in (["query", "select 1"], ["export", "--to", str(tmp_path / "x")]):
        done = cli(*args, "--store", str(tmp_path / "nothing"))
        assert done.exit_code == 1 and "no lake" in done.output


def test_an_error_does_not_quote_back_the_personnummer_the_analyst_typed(engine):
    # DuckDB's message quotes the statement and the value it could not convert
    for sql in (
        "select * from segments where text = '811218-9876' and nosuchcolumn = 1",
        "select cast('811218-9876' as integer)",
    ):
        with pytest.raises(QueryError) as raised:
            engine.query(sql)
        assert "811218" not in str(raised.value) and "9876" not in str(raised.value)
