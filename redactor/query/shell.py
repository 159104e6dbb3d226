"""The interactive prompt of `redactor query` (no SQL argument).

Lines are collected until one ends with `;`, then run; results go to stdout, errors to stderr,
and the prompt goes on. Dot commands work on an empty buffer: .tables, .schema TABLE, .queries,
.run NAME [param=value ...], .help, .quit/.exit. EOF ends the session (a pending statement
without `;` is still run, so `echo "select 1" | redactor query` works).
"""

from __future__ import annotations

from typing import TextIO

from redactor.query.engine import QueryEngine, QueryError
from redactor.query.named import QueryNotFound, find_query, list_queries
from redactor.query.output import write_result

HELP = """\
Enter SQL ending with ';' (views: calls, segments, findings; column call_date is the partition).
  .tables               the views and how many files each reads
  .schema TABLE         columns of a view
  .queries              the ready-made queries
  .run NAME [k=v ...]   run a ready-made query, optionally with parameters
  .help                 this text
  .quit / .exit         leave (or end of input)
Read-only: SELECT, WITH, DESCRIBE, SHOW, SUMMARIZE and EXPLAIN only."""


class Shell:
    def __init__(self, engine: QueryEngine, out: TextIO, err: TextIO, fmt: str = "table", interactive: bool = False):
        self.engine, self.out, self.err, self.fmt, self.interactive = engine, out, err, fmt, interactive
        self.errors = 0  # failed statements: piped sessions exit non-zero so scripts notice

    def _show(self, sql: str, params: dict | None = None) -> None:
        try:
            for result in self.engine.execute(sql, params):
                write_result(result.table, self.fmt, self.out, None)
                if self.interactive:
                    self.err.write(f"({result.seconds * 1000:.0f} ms)\n")
        except QueryError as exc:
            self.errors += 1
            self.err.write(f"error: {exc}\n")
        self.out.flush()

    def _dot(self, line: str) -> bool:
        """Run a dot command; False means leave."""
        word, _, rest = line.partition(" ")
        rest = rest.strip()
        if word in (".quit", ".exit", ".q"):
            return False
        if word == ".help":
            self.out.write(HELP + "\n")
        elif word == ".tables":
            for table, files in self.engine.files.items():
                self.out.write(f"{table}  ({len(files)} files)\n")
        elif word == ".schema":
            if rest not in self.engine.files:
                self.err.write(f"error: .schema needs one of {', '.join(self.engine.files)}\n")
            else:
                self._show(f'DESCRIBE "{rest}"')
        elif word == ".queries":
            for q in list_queries():
                self.out.write(f"{q.name:28} {q.title}\n")
        elif word == ".run":
            name, *pairs = rest.split()
            try:
                query = find_query(name)
                params = query.bind(dict(p.split("=", 1) for p in pairs if "=" in p))
            except (QueryNotFound, ValueError) as exc:
                self.err.write(f"error: {exc}\n")
            else:
                self._show(query.sql, params)
        else:
            self.err.write(f"error: unknown command {word} (.help lists them)\n")
        self.out.flush()
        return True

    def run(self, lines: TextIO) -> None:
        buffer: list[str] = []
        if self.interactive:
            self.err.write("redactor query: read-only SQL over the redacted lake. .help for help, .quit to leave.\n")
        while True:
            if self.interactive:
                self.err.write("sql> " if not buffer else "...> ")
                self.err.flush()
            line = lines.readline()
            if not line:  # EOF
                pending = "\n".join(buffer).strip()
                if pending:
                    self._show(pending)
                return
            stripped = line.strip()
            if not buffer and stripped.startswith("."):
                if not self._dot(stripped):
                    return
                continue
            if not buffer and not stripped:
                continue
            buffer.append(line.rstrip("\n"))
            if stripped.endswith(";"):
                self._show("\n".join(buffer))
                buffer.clear()
