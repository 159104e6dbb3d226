"""Package data: the name model, the named queries and the lexicon ship inside the package.

A non-editable install works without the checkout: the wheel carries them, and `redactor ingest`
run from another directory stores exactly what the checkout stores.

The wheel is built offline (no build isolation) and installed with pip into a fresh venv; that
venv sees the already installed dependencies through a .pth line, so only the project itself
comes from the wheel."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from redactor.cli import app
from tests.conftest import ROOT, SAMPLES

TABLES = ("calls", "segments", "findings")


def _run(cmd: list[str], **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300, **kwargs)
    assert done.returncode == 0, done.stderr[-2000:]
    return done


def _build_and_install(tmp: Path) -> Path:
    """Build the wheel from a copy of the sources (no stale build/ of the checkout can leak in) and
    install it into a new venv; returns the venv's bin folder."""
    src = tmp / "src"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("redactor", "recognizers"):
        shutil.copytree(ROOT / name, src / name, ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp / "dist"),
            str(src),
        ]
    )
    (wheel,) = (tmp / "dist").glob("klang_redactor-*.whl")
    venv = tmp / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)])
    python = str(venv / "bin" / "python")
    site = Path(_run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip())
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    _run([sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "-q", str(wheel)])
    return venv / "bin"


def _tables(lake: Path) -> dict[str, list[dict]]:
    out = {}
    for table in TABLES:
        parts = [pq.read_table(p) for p in sorted((lake / table).rglob("part-*.parquet"))]
        rows = pa.concat_tables(parts).to_pylist()
        out[table] = sorted(rows, key=repr)
    return out


@pytest.mark.slow
def test_installed_wheel_ingests_from_another_directory(tmp_path):
    bin_dir = _build_and_install(tmp_path / "build")
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    probe = "import redactor, recognizers; print(redactor.__file__); print(recognizers.__file__)"
    where = _run([str(bin_dir / "python"), "-c", probe], cwd=work, env=env).stdout.split()
    for path in where:  # the installed package runs, not the checkout
        assert Path(path).resolve().is_relative_to(bin_dir.parent.resolve()) and not Path(
            path
        ).resolve().is_relative_to(ROOT)
    assert not work.resolve().is_relative_to(ROOT)
    _run([str(bin_dir / "redactor"), "ingest", str(SAMPLES), "--store", "lake"], cwd=work, env=env)
    installed = _tables(work / "lake")

    reference = tmp_path / "checkout-lake"
    done = CliRunner().invoke(app, ["ingest", str(SAMPLES), "--store", str(reference)])
    assert done.exit_code == 0, done.output
    expected = _tables(reference)
    assert all(expected[t] for t in TABLES) and any(r["entity_type"] == "PERSON" for r in expected["findings"])
    assert installed == expected


def test_shipped_model_by_name_own_model_by_path(tmp_path, monkeypatch):
    from redactor.config import Config, ConfigError
    from redactor.query.named import DEFAULT_DIR

    shipped = Config.load().model_path
    assert (
        (shipped / "config.cfg").is_file()
        and shipped.parent.name == "data"
        and (DEFAULT_DIR / "segment_search.sql").is_file()
    )
    own = tmp_path / "conf.toml"
    own.write_text('[detect]\nmodel = "mine/sv_klang"\n')
    monkeypatch.chdir(tmp_path)  # a relative path is the user's, relative to the current directory
    assert Config.load(own).model_path == tmp_path / "mine" / "sv_klang"
    own.write_text('[detect]\nmodel = "sv_nothing"\n')
    with pytest.raises(ConfigError, match="no shipped model named 'sv_nothing'"):
        _ = Config.load(own).model_path
