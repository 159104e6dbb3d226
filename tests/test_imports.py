"""Every module of the project imports on its own: as the first project module of its interpreter.

One helper process imports the heavy third-party libraries once (spaCy, Presidio, pyarrow, ...),
then forks a child per module; a child starts with no `redactor` or `recognizers` module loaded
and imports just its one, so an import cycle that only works in one order fails here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

_FORK_EACH = r"""
import importlib, json, os, sys, traceback
for lib in ("spacy", "presidio_analyzer", "presidio_anonymizer", "pyarrow.parquet", "duckdb", "boto3", "typer",
            "rich.console", "regex", "starlette.applications", "jinja2"):
    importlib.import_module(lib)
assert not [m for m in sys.modules if m.split(".")[0] in ("redactor", "recognizers")]
failed = {}
for module in json.loads(sys.argv[1]):
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        try:
            importlib.import_module(module)
            code = 0
        except BaseException:
            os.write(write, traceback.format_exc().strip().splitlines()[-1].encode())
            code = 1
        os._exit(code)
    os.close(write)
    with os.fdopen(read) as fh:
        error = fh.read()
    if os.waitpid(pid, 0)[1] != 0:
        failed[module] = error
print(json.dumps(failed))
"""


def _modules() -> list[str]:
    names = []
    for package in ("redactor", "recognizers"):
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if parts[-1] == "__main__":
                continue  # runs the CLI when imported
            names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


@pytest.mark.slow  # ~15 s: one interpreter per module
def test_every_module_imports_as_the_first_of_its_interpreter():
    modules = _modules()
    assert "redactor.cli._common" in modules and "recognizers.phone" in modules
    proc = subprocess.run(
        [sys.executable, "-c", _FORK_EACH, json.dumps(modules)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert json.loads(proc.stdout) == {}
