"""`redactor serve`: the analysts' read-only web app (Starlette + Jinja2, rendered on the server).

Pages: `/` dashboard, `/calls?q=WORD` search, `/calls/{call_id}` call reader, `/queries` and
`/queries/{name}` saved queries (`.csv` for download), `/healthz`. Only GET/HEAD routes exist, so
nothing can be changed through it; everything is read through `LakeView` (the same locked-down
engine and restriction rules as `redactor query`). No script runs in the browser: the content
security policy forbids scripts and every external fetch.
"""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route
from starlette.templating import Jinja2Templates

from redactor.query.engine import QueryError
from redactor.query.named import QueryNotFound, find_query, list_queries
from redactor.query.output import records, write_result
from redactor.serve import charts
from redactor.serve.access import Access, gate
from redactor.serve.data import LakeView

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
PLACEHOLDER = re.compile(r"<[A-Z][A-Z0-9_]*(?::[0-9a-f]+)?>|\*{3}[-* ]*\*")  # <TYPE_1>, <TYPE:token>, masks
SHOWN_ROWS = 500
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",  # pages hold call text: no copies in shared or browser caches
}


def highlight(text: str | None) -> Markup:
    """Redacted text with every placeholder wrapped in <mark>; everything else escaped."""
    if not text:
        return Markup("")
    out, last = [], 0
    for m in PLACEHOLDER.finditer(text):
        out.append(escape(text[last : m.start()]))
        out.append(Markup('<mark class="ph">{}</mark>').format(m.group()))
        last = m.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


def mmss(seconds: float | None) -> str:
    if seconds is None:
        return ""
    total = int(seconds)
    return f"{total // 60:02d}:{total % 60:02d}"


TEMPLATES.env.filters["highlight"] = highlight
TEMPLATES.env.filters["mmss"] = mmss


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


class _Gate(BaseHTTPMiddleware):
    def __init__(self, app, access: Access):
        super().__init__(app)
        self.access = access

    async def dispatch(self, request: Request, call_next):
        response = gate(request, self.access) or await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response


def create_app(view: LakeView, access: Access | None = None) -> Starlette:
    access = access or Access()

    def page(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        return TEMPLATES.TemplateResponse(
            request, template, {"version": view.version, **context}, status_code=status_code
        )

    def dashboard(request: Request) -> Response:
        view.refresh()
        since, until = _day(request.query_params.get("since")), _day(request.query_params.get("until"))
        d = view.dashboard(since, until)
        figures = {
            "calls": charts.stacked_columns(d.weeks, d.calls_per_queue, "Calls per ISO week and queue"),
            "length": charts.bars(d.length_labels, d.length_counts, "Calls by length"),
            "topics": charts.bars([w for w, _ in d.topics], [float(n) for _, n in d.topics], "Top topics"),
            "findings": charts.lines(d.finding_weeks, d.findings_per_type, "Findings per entity type and week"),
        }
        return page(request, "dashboard.html", d=d, figures=figures, since=since, until=until)

    def search(request: Request) -> Response:
        view.refresh()
        term = request.query_params.get("q", "").strip()
        rows, total = view.search(term) if term else ([], 0)
        return page(request, "search.html", q=term, rows=rows, total=total)

    def call(request: Request) -> Response:
        view.refresh()
        found = view.call(request.path_params["call_id"])
        if found is None:
            return page(request, "not_found.html", status_code=404, what="call")
        info, turns = found
        return page(request, "call.html", call=info, turns=turns, q=request.query_params.get("q", ""))

    def queries(request: Request) -> Response:
        return page(request, "queries.html", queries=list_queries())

    def _run(request: Request):
        name = request.path_params["name"]
        named = find_query(name)
        params = named.bind({k: v for k, v in request.query_params.items() if k in named.params})
        view.refresh()
        return named, params, view.query(named.sql, params)

    def saved_query(request: Request) -> Response:
        try:
            named, params, result = _run(request)
        except QueryNotFound:
            return page(request, "not_found.html", status_code=404, what="saved query")
        except (QueryError, ValueError) as exc:
            named = find_query(request.path_params["name"])
            return page(request, "query.html", status_code=400, query=named, params=named.bind(), error=str(exc))
        shown = result.table.slice(0, SHOWN_ROWS)
        return page(
            request,
            "query.html",
            query=named,
            params=params,
            columns=result.columns,
            rows=[list(r.values()) for r in records(shown)],
            total=result.table.num_rows,
            seconds=result.seconds,
        )

    def saved_query_csv(request: Request) -> Response:
        try:
            named, _, result = _run(request)
        except QueryNotFound:
            return Response("no such saved query\n", status_code=404, media_type="text/plain")
        except (QueryError, ValueError) as exc:
            return Response(f"error: {exc}\n", status_code=400, media_type="text/plain")
        out = io.StringIO()
        write_result(result.table, "csv", out, None)
        return Response(
            out.getvalue(),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{named.name}.csv"'},
        )

    def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok", "lake_version": view.version})

    routes = [
        Route("/", dashboard),
        Route("/calls", search),
        Route("/calls/{call_id}", call),
        Route("/queries", queries),
        Route("/queries/{name}.csv", saved_query_csv),
        Route("/queries/{name}", saved_query),
        Route("/healthz", healthz),
    ]
    return Starlette(routes=routes, middleware=[Middleware(_Gate, access=access)])
