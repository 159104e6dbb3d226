"""The interactive prompt of `redactor query` (no SQL argument).

Lines are collected until one ends with `;`, then run; results go to stdout, errors to stderr,
and the prompt goes on. Dot commands work on an empty buffer: .tables, .schema TABLE, .queries,
.run NAME [param=value ...], .help, .quit/.exit. EOF ends the session (a pending statement
without `;` is still run, so `echo "select 1" | redactor query` works).

On a terminal, lines are read with readline: arrow keys edit and recall earlier lines, and
Ctrl-C clears the statement being typed (or stops a running one) instead of leaving. History
lives only as long as the session: it is never written to a file, because analysts type search
words and those may be anything.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from redactor.query.engine import QueryEngine, QueryError
from redactor.query.named import QueryNotFound, find_query, list_queries
from redactor.query.output import terminal_width, write_result

HELP = """\
Enter SQL ending with ';' (views: calls, segments, findings; column call_date is the partition).
  .tables               the views and how many files each reads
  .schema TABLE         columns of a view
  .queries              the ready-made queries
  .run NAME [k=v ...]   run a ready-made query, optionally with parameters
  .help                 this text
  .quit / .exit         leave (or end of input)
Read-only: SELECT, WITH, DESCRIBE, SHOW, SUMMARIZE and EXPLAIN only. Ctrl-C clears the statement."""
RUN_USAGE = "usage: .run NAME [param=value ...]   (.queries lists the names)"


class Shell:
    def __init__(
        self,
        engine: QueryEngine,
        out: TextIO,
        err: TextIO,
        fmt: str = "table",
        interactive: bool = False,
        read_line: Callable[[str], str] | None = None,
    ):
        self.engine, self.out, self.err, self.fmt, self.interactive = engine, out, err, fmt, interactive
        self.errors = 0  # failed statements: piped sessions exit non-zero so scripts notice
        if interactive and read_line is None:
            import readline  # noqa: F401  - gives input() line editing and in-session history

            read_line = input
        self.read_line = read_line

    def _show(self, sql: str, params: dict | None = None) -> None:
        try:
            for result in self.engine.execute(sql, params):
                write_result(result.table, self.fmt, self.out, None, width=terminal_width(self.out))
                if self.interactive:
                    self.err.write(f"({result.seconds * 1000:.0f} ms)\n")
        except QueryError as exc:
            self._error(str(exc))
        except KeyboardInterrupt:
            if not self.interactive:
                raise
            self.err.write("interrupted\n")
        self.out.flush()

    def _error(self, message: str) -> None:
        self.errors += 1
        self.err.write(f"error: {message}\n")

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
                self._error(f".schema needs one of {', '.join(self.engine.files)}")
            else:
                self._show(f'DESCRIBE "{rest}"')
        elif word == ".queries":
            for q in list_queries():
                self.out.write(f"{q.name:28} {q.title}\n")
        elif word == ".run" and not rest:
            self._error(RUN_USAGE)
        elif word == ".run":
            name, *pairs = rest.split()
            try:
                query = find_query(name)
                params = query.bind(dict(p.split("=", 1) for p in pairs if "=" in p))
            except (QueryNotFound, ValueError) as exc:
                self._error(str(exc))
            else:
                self._show(query.sql, params)
        else:
            self._error(f"unknown command {word} (.help lists them)")
        self.out.flush()
        return True

    def _next_line(self, lines: TextIO, continuing: bool) -> str | None:
        """The next line with its newline, or None at the end of input."""
        if self.read_line is None:
            return lines.readline() or None
        try:
            return self.read_line("...> " if continuing else "sql> ") + "\n"
        except EOFError:
            self.err.write("\n")
            return None

    def run(self, lines: TextIO) -> None:
        buffer: list[str] = []
        if self.interactive:
            self.err.write("redactor query: read-only SQL over the redacted lake. .help for help, .quit to leave.\n")
        while True:
            try:
                line = self._next_line(lines, bool(buffer))
            except KeyboardInterrupt:
                if not self.interactive:
                    raise
                buffer.clear()
                self.err.write("^C (statement cleared; .quit to leave)\n")
                continue
            if line is None:  # EOF
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
