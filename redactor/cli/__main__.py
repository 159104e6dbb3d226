"""`python -m redactor.cli`: the same as the `redactor` command."""

from redactor.cli import app

app(prog_name="redactor")
