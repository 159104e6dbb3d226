"""`redactor subject find|export|erase|restrict|unrestrict`: data-subject rights (`redactor.rights`).

Identifiers given on the command line are validated and turned into subject-index tokens at
once; output names tokens, call ids and counts, never an identifier.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import typer

from redactor.cli._common import ConfigOption, ExitCode, StoreOption, app, fail, load_config, sub_app

if TYPE_CHECKING:
    from redactor.config import Config
    from redactor.rights.identifiers import SubjectRequest
    from redactor.store import ObjectStore
    from redactor.store.lake import Lake
    from redactor.transform import Pseudonymiser

T = TypeVar("T")

# Erasing more calls than this needs an explicit --max-calls: see `erase`.
DEFAULT_MAX_CALLS = 20

subject_app = sub_app(
    "Data-subject rights for one person: find their calls, export everything stored about them "
    "(access, portability), erase them (right to be forgotten), restrict or unrestrict processing. "
    "Needs the pseudonymisation key the calls were ingested with (REDACTOR_PSEUDONYM_KEY)."
)
app.add_typer(subject_app, name="subject")

_PNR = typer.Option(
    None, "--personnummer", "-p", help="Personnummer or samordningsnummer (any written form). Repeatable."
)
_PHONE = typer.Option(None, "--phone", help="Swedish phone number (any written form). Repeatable.")
_EMAIL = typer.Option(None, "--email", help="E-mail address. Repeatable.")
_CUST = typer.Option(None, "--customer-number", help="Customer or contract number. Repeatable.")
_FAC = typer.Option(None, "--facility-id", help="Anläggnings-id (18 digits, 735999...). Repeatable.")
_CASE = typer.Option(None, "--case-ref", help="The request's case or ticket reference, recorded in the receipt.")
_OPERATOR = typer.Option(
    None, "--operator", help="Who handles the request, recorded in the receipt (default: the OS user)."
)
NO_RAW_AREA = (
    "no raw area configured ([landing] raw_areas or --raw): raw exports still in retention were not "
    "searched, so the export holds the redacted calls and quarantined items only"
)


@dataclass
class _Ctx:
    config: Config
    lake: Lake
    request: SubjectRequest
    pseudonymiser: Pseudonymiser

    def found(self, n: int) -> str | None:
        """After a lookup: remember the key if it found calls; a warning if it found none."""
        from redactor.rights.find import NOTHING_FOUND, remember_key

        if n:
            _run(lambda: remember_key(self.lake, self.pseudonymiser))
            return None
        typer.echo(f"warning: {NOTHING_FOUND}", err=True)
        return NOTHING_FOUND


def _open(
    config: Path | None,
    store: str | None,
    case_ref: str | None = None,
    operator: str | None = None,
    **ids: list[str] | None,
) -> _Ctx:
    from redactor import __version__
    from redactor.rights.audit import set_actor
    from redactor.rights.find import pseudonymiser_from, verify_key
    from redactor.rights.identifiers import IdentifierError, KeyMissingError, build_request
    from redactor.store import StoreError
    from redactor.store.lake import Lake
    from redactor.transform import KeyError_

    cfg = load_config(config)
    set_actor(operator, case_ref)
    try:
        pseudonymiser = pseudonymiser_from(cfg)
        request = build_request(pseudonymiser, **ids)
    except (KeyMissingError, KeyError_, IdentifierError) as exc:
        fail(str(exc), ExitCode.USAGE)
    try:
        lake = Lake.from_config(cfg, store, __version__)
        verify_key(lake, pseudonymiser)
    except KeyMissingError as exc:
        fail(str(exc), ExitCode.USAGE)
    except StoreError as exc:
        fail(str(exc))
    return _Ctx(cfg, lake, request, pseudonymiser)


def _detector_match(ctx: _Ctx, enabled: bool) -> Callable[[bytes], bool] | None:
    """A detector for the quarantine scan, built only if a payload needs it."""
    from redactor.rights.raw import lazy_detector_matcher

    return lazy_detector_matcher(ctx.config, ctx.request.identifiers) if enabled else None


def _run(fn: Callable[[], T]) -> T:
    from redactor.store import StoreError

    try:
        return fn()
    except StoreError as exc:
        fail(str(exc))


_RAW = typer.Option(
    None,
    "--raw",
    help="A raw area to search as well as [landing] raw_areas: a folder or "
    "s3://bucket/prefix/ where exports are kept after ingest. Repeatable.",
)


def _raw_stores(ctx: _Ctx, extra: list[str] | None) -> list[ObjectStore]:
    from redactor.rights.raw import open_raw_areas

    return _run(lambda: open_raw_areas(ctx.config, extra or ()))


_DETECTOR = typer.Option(
    True,
    "--detector/--no-detector",
    help="Also run the detector over quarantined payloads to find spoken or split forms.",
)


@subject_app.command()
def find(
    personnummer: list[str] | None = _PNR,
    phone: list[str] | None = _PHONE,
    email: list[str] | None = _EMAIL,
    customer_number: list[str] | None = _CUST,
    facility_id: list[str] | None = _FAC,
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
    case_ref: str | None = _CASE,
    operator: str | None = _OPERATOR,
    store: str | None = StoreOption,
    config: Path | None = ConfigOption,
) -> None:
    """Which calls concern this person: call ids and dates (restricted calls marked)."""
    from redactor.rights.audit import write_audit
    from redactor.rights.find import find_calls

    ctx = _open(
        config,
        store,
        case_ref,
        operator,
        personnummer=personnummer,
        phone=phone,
        email=email,
        customer_number=customer_number,
        facility_id=facility_id,
    )
    calls = _run(lambda: find_calls(ctx.lake, ctx.request.tokens))
    ctx.found(len(calls))
    _run(
        lambda: write_audit(
            ctx.lake, "find", ctx.request.request_id, {"tokens": ctx.request.tokens, "calls": len(calls)}
        )
    )
    if as_json:
        typer.echo(
            json.dumps(
                {
                    "request_id": ctx.request.request_id,
                    "tokens": ctx.request.tokens,
                    "calls": [c.as_dict() for c in calls],
                },
                ensure_ascii=False,
            )
        )
        return
    typer.echo(f"{len(calls)} call(s) for tokens {', '.join(ctx.request.tokens)}")
    for c in calls:
        typer.echo(f"{c.call_id}  {c.call_date}  {'restricted' if c.restricted else ''}".rstrip())


@subject_app.command()
def export(
    output: Path = typer.Option(
        ...,
        "--output",
        "-o",
        help="Where to write the JSON export ('-' for standard output); "
        "the readable report goes beside it (FILE.md). Both are created mode 0600.",
        dir_okay=False,
    ),
    report: bool = typer.Option(
        True, "--report/--no-report", help="Also write the human-readable access report (Markdown) beside the JSON."
    ),
    personnummer: list[str] | None = _PNR,
    phone: list[str] | None = _PHONE,
    email: list[str] | None = _EMAIL,
    customer_number: list[str] | None = _CUST,
    facility_id: list[str] | None = _FAC,
    detector: bool = _DETECTOR,
    raw: list[str] | None = _RAW,
    case_ref: str | None = _CASE,
    operator: str | None = _OPERATOR,
    store: str | None = StoreOption,
    config: Path | None = ConfigOption,
) -> None:
    """Everything stored about this person as JSON (access and portability requests), plus a report they can read.

    Their calls' redacted rows from calls, segments and findings; their records in raw exports still
    in retention; their quarantined items. Prints a summary (counts and tokens) when writing a file.
    """
    from redactor.rights.audit import current_actor
    from redactor.rights.export import export_subject
    from redactor.rights.report import access_report, report_path, write_private

    ctx = _open(
        config,
        store,
        case_ref,
        operator,
        personnummer=personnummer,
        phone=phone,
        email=email,
        customer_number=customer_number,
        facility_id=facility_id,
    )
    stores = _raw_stores(ctx, raw)
    warnings = [] if stores else [NO_RAW_AREA]
    for w in warnings:
        typer.echo(f"warning: {w}", err=True)
    doc = _run(lambda: export_subject(ctx.lake, ctx.request, _detector_match(ctx, detector), stores))
    not_found = ctx.found(len(doc["calls"]))
    text = json.dumps({**doc, "warnings": warnings}, ensure_ascii=False, indent=2, default=str)
    if str(output) == "-":
        sys.stdout.write(text + "\n")
        return
    write_private(output, text + "\n")
    out = {
        "output": str(output),
        "tokens": ctx.request.tokens,
        "calls": len(doc["calls"]),
        "raw_records": len(doc["raw_exports"]),
        "quarantined": len(doc["quarantined"]),
        "warnings": warnings,
    }
    if report:
        path = report_path(output)
        notes = warnings + ([not_found] if not_found else [])
        write_private(
            path, access_report(doc, actor=current_actor(), warnings=notes, retention_days=ctx.lake.retention.days)
        )
        out["report"] = str(path)
    typer.echo(json.dumps(out))


@subject_app.command()
def erase(
    personnummer: list[str] | None = _PNR,
    phone: list[str] | None = _PHONE,
    email: list[str] | None = _EMAIL,
    customer_number: list[str] | None = _CUST,
    facility_id: list[str] | None = _FAC,
    detector: bool = _DETECTOR,
    raw: list[str] | None = _RAW,
    as_json: bool = typer.Option(False, "--json", help="--dry-run: print JSON instead of text."),
    yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask for confirmation."),
    dry_run: bool = typer.Option(
        False,
        "--dry-run",
        help="List what would be erased (calls, rows per table, raw "
        "exports, quarantined items, restrictions); change nothing, write no receipt.",
    ),
    max_calls: int = typer.Option(
        DEFAULT_MAX_CALLS,
        "--max-calls",
        min=0,
        help="Refuse to erase more calls than "
        "this: an identifier shared by many calls (a switchboard number) is rarely one "
        "person. Check with --dry-run, then raise it explicitly.",
    ),
    case_ref: str | None = _CASE,
    operator: str | None = _OPERATOR,
    store: str | None = StoreOption,
    config: Path | None = ConfigOption,
) -> None:
    """Erase this person: their calls from every table and partition, their raw exports and quarantined items, old object versions; writes an erasure receipt to audit/.

    Safe to re-run: an interrupted erasure is completed by running the same command again.
    """
    from redactor.rights.erase import erase_subject, plan_erasure, plan_text
    from redactor.rights.find import NOTHING_FOUND, find_calls

    ctx = _open(
        config,
        store,
        case_ref,
        operator,
        personnummer=personnummer,
        phone=phone,
        email=email,
        customer_number=customer_number,
        facility_id=facility_id,
    )
    if dry_run:
        stores = _raw_stores(ctx, raw)
        plan = _run(lambda: plan_erasure(ctx.lake, ctx.request, _detector_match(ctx, detector), stores))
        if not plan["calls"]:
            typer.echo(f"warning: {NOTHING_FOUND}", err=True)
        if plan["calls"] > max_calls:
            typer.echo(
                f"warning: {plan['calls']} calls is more than --max-calls {max_calls}: erasing needs "
                f"--max-calls {plan['calls']}",
                err=True,
            )
        typer.echo(json.dumps(plan, ensure_ascii=False) if as_json else plan_text(plan))
        return
    n = len(_run(lambda: find_calls(ctx.lake, ctx.request.tokens)))
    if n > max_calls:
        fail(
            f"these identifiers match {n} calls, more than --max-calls {max_calls}. An identifier shared by many "
            "calls (the company's switchboard, a shared e-mail) is rarely one person: check with --dry-run and, "
            f"if every call is theirs, run again with --max-calls {n}",
            ExitCode.USAGE,
        )
    ctx.found(n)
    if not yes and not typer.confirm(
        f"Erase {n} call(s) and every other trace of this person from {ctx.lake.store.uri}?"
    ):
        raise typer.Exit(ExitCode.FAILURE)
    stores = _raw_stores(ctx, raw)
    report = _run(lambda: erase_subject(ctx.lake, ctx.request, _detector_match(ctx, detector), stores))
    typer.echo(json.dumps(report.as_dict(), ensure_ascii=False))


def _restrict_cmd(action: str) -> Callable[..., None]:
    def command(
        personnummer: list[str] | None = _PNR,
        phone: list[str] | None = _PHONE,
        email: list[str] | None = _EMAIL,
        customer_number: list[str] | None = _CUST,
        facility_id: list[str] | None = _FAC,
        case_ref: str | None = _CASE,
        operator: str | None = _OPERATOR,
        store: str | None = StoreOption,
        config: Path | None = ConfigOption,
    ) -> None:
        from redactor.rights import restrict as r

        ctx = _open(
            config,
            store,
            case_ref,
            operator,
            personnummer=personnummer,
            phone=phone,
            email=email,
            customer_number=customer_number,
            facility_id=facility_id,
        )
        report = _run(lambda: getattr(r, action)(ctx.lake, ctx.request))
        ctx.found(len(report.calls))
        typer.echo(json.dumps(report.as_dict(), ensure_ascii=False))

    command.__doc__ = {
        "restrict": "Restrict processing: keep this person's calls but exclude them from analysts' views.",
        "unrestrict": "Lift this person's restriction: their calls return to analysts' views.",
    }[action]
    return command


subject_app.command("restrict")(_restrict_cmd("restrict"))
subject_app.command("unrestrict")(_restrict_cmd("unrestrict"))
