"""Query results as a text table, CSV, JSON or Parquet.

Results travel as Arrow tables from DuckDB (no pytz needed for TIMESTAMPTZ, types kept for
Parquet); the text forms convert values here.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any, TextIO

import pyarrow as pa
import pyarrow.parquet as pq

FORMATS = ("table", "csv", "json", "parquet")
MAX_CELL = 80  # characters per cell in a text table not meant for a terminal; CSV/JSON/Parquet keep everything
MIN_CELL = 8  # a column fitted to the terminal keeps at least this many characters


def _plain(value: Any, t: pa.DataType) -> Any:
    """A JSON-ready value: maps become objects, dates ISO strings, lists/structs recursive."""
    if value is None:
        return None
    if pa.types.is_map(t):
        return {str(k): _plain(v, t.item_type) for k, v in value}
    if pa.types.is_list(t) or pa.types.is_large_list(t):
        return [_plain(v, t.value_type) for v in value]
    if pa.types.is_struct(t):
        return {f.name: _plain(value.get(f.name), f.type) for f in t}
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, bytes):
        return value.hex()
    return value


def records(table: pa.Table) -> list[dict[str, Any]]:
    types = {f.name: f.type for f in table.schema}
    return [{k: _plain(v, types[k]) for k, v in row.items()} for row in table.to_pylist()]


def _text(value: Any) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, float):
        return repr(value) if value != int(value) or abs(value) >= 1e15 else f"{value:.1f}"
    return str(value)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def terminal_width(out: TextIO) -> int | None:
    """Columns of the terminal `out` writes to ($COLUMNS wins), None if it is not a terminal."""
    if "COLUMNS" in os.environ or (hasattr(out, "isatty") and out.isatty()):
        return shutil.get_terminal_size().columns
    return None


def _fit(widths: list[int], total: int) -> list[int]:
    """Column widths whose boxed table fits in `total` columns: the widest give way first."""
    budget = total - (3 * len(widths) + 1)
    if sum(widths) <= budget:
        return widths
    cap = max(widths)
    while cap > MIN_CELL and sum(min(w, cap) for w in widths) > budget:
        cap -= 1
    return [min(w, cap) for w in widths]


def format_table(table: pa.Table, max_rows: int | None = 200, width: int | None = None) -> str:
    """A boxed text table; at most `max_rows` rows shown, the rest counted.

    With `width` (a terminal's columns) long cells are cut so the table fits it; without, each
    cell is cut at MAX_CELL characters.
    """
    # EXPLAIN returns (explain_key, explain_value): the plan text is the answer, print it as is.
    if table.column_names[-1:] == ["explain_value"]:
        return "\n".join(str(v) for v in table.column("explain_value").to_pylist())
    names = table.column_names
    shown = table.slice(0, max_rows) if max_rows is not None else table
    rows = [[_text(row[n]).replace("\n", "⏎ ") for n in names] for row in records(shown)]
    numeric = [
        pa.types.is_integer(f.type) or pa.types.is_floating(f.type) or pa.types.is_decimal(f.type) for f in table.schema
    ]
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(names)]
    widths = _fit(widths, width) if width else [min(w, MAX_CELL) for w in widths]
    rows = [[_cut(c, w) for c, w in zip(r, widths)] for r in rows]
    names = [_cut(n, w) for n, w in zip(names, widths)]

    def line(cells: list[str]) -> str:
        out = [c.rjust(w) if num else c.ljust(w) for c, w, num in zip(cells, widths, numeric)]
        return "│ " + " │ ".join(out) + " │"

    bar = "─┼─".join("─" * w for w in widths)
    parts = ["┌─" + "─┬─".join("─" * w for w in widths) + "─┐", line(names), "├─" + bar + "─┤"]
    parts += [line(r) for r in rows]
    parts.append("└─" + "─┴─".join("─" * w for w in widths) + "─┘")
    more = table.num_rows - shown.num_rows
    count = f"{table.num_rows} row{'s' if table.num_rows != 1 else ''}"
    parts.append(count + (f" ({more} not shown: use --format csv or --output)" if more else ""))
    return "\n".join(parts)


def format_csv(table: pa.Table) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(table.column_names)
    for row in records(table):
        writer.writerow(
            [
                "" if v is None else (json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else v)
                for v in row.values()
            ]
        )
    return buf.getvalue()


def format_json(table: pa.Table) -> str:
    """A JSON array of row objects (ISO dates, maps as objects)."""
    return json.dumps(records(table), ensure_ascii=False, indent=None) + "\n"


def write_result(
    table: pa.Table,
    fmt: str,
    out: TextIO | None,
    path: str | None,
    max_rows: int | None = 200,
    width: int | None = None,
) -> None:
    """Write to `path` if given (Parquet needs one), else to the text stream `out`."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    if fmt == "parquet":
        if not path:
            raise ValueError("--format parquet needs --output FILE")
        pq.write_table(table, path, compression="zstd")
        return
    if fmt == "table":
        text = format_table(table, None if path else max_rows, None if path else width) + "\n"
    elif fmt == "csv":
        text = format_csv(table)
    else:
        text = format_json(table)
    if path:
        with open(path, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
    else:
        out.write(text)
