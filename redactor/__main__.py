"""`python -m redactor`: the same command line as `redactor`."""

from redactor.cli import app

app(prog_name="redactor")
