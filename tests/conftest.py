"""Shared fixtures. Test data uses made-up people and Skatteverket's test personnummer only."""

from __future__ import annotations

from pathlib import Path

import pytest

from redactor.config import Config

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"

# Skatteverket test numbers (they belong to no one), in the forms the tests use.
PNR_12 = "198804132382"
PNR_DASH = "880413-2382"
PNR_B_DASH = "800426-2385"


@pytest.fixture(scope="session")
def config() -> Config:
    return Config.load()


@pytest.fixture(scope="session")
def pipeline(config):
    from redactor.pipeline import Pipeline

    return Pipeline(config)


@pytest.fixture(scope="session")
def detector(pipeline):
    return pipeline.detector


@pytest.fixture(scope="session")
def rules_pipeline(tmp_path_factory):
    """The default config on a tokenizer-only spaCy pipeline: every recognizer, no name model.
    For tests of what happens to redacted calls (store, rights, reprocess), not of detection."""
    import spacy

    from redactor.pipeline import Pipeline

    folder = tmp_path_factory.mktemp("rules_model")
    spacy.blank("sv").to_disk(folder / "blank")
    config = folder / "rules.toml"
    config.write_text(f'[detect]\nmodel = "{(folder / "blank").as_posix()}"\n')
    return Pipeline(Config.load(config))


@pytest.fixture
def cfg(tmp_path):
    """A job config in tmp_path: (path, Config). Test modules override it with their own settings."""
    from tests.job_support import job_config

    return job_config(tmp_path, "[job]\ncompact_min_files = 0\n")


@pytest.fixture
def pipe(cfg, detector):
    """A pipeline on `cfg` sharing the session's detector (the model loads once)."""
    from redactor.pipeline import Pipeline

    return Pipeline(cfg[1], detector=detector)


@pytest.fixture
def pseudonym_key(monkeypatch) -> str:
    key = "test-key-not-a-secret-0123456789"
    monkeypatch.setenv("REDACTOR_PSEUDONYM_KEY", key)
    return key


# ---- S3 servers (issue 5): started once per session, on 127.0.0.1, by the tests themselves ----


@pytest.fixture(scope="session")
def s3_server(tmp_path_factory):
    """A real SeaweedFS S3 server: `.endpoint_url`, `.access_key`, `.secret_key`, `.make_bucket()`,
    `.client()`, `.setenv(monkeypatch)`, `.run_lifecycle()` (see tests/s3support.py)."""
    from tests.s3support import start_seaweedfs

    server = start_seaweedfs(tmp_path_factory.mktemp("seaweedfs"))
    yield server
    server.stop(kill=True)  # its data is thrown away: no need for SeaweedFS's slow graceful stop


@pytest.fixture(scope="session")
def moto_s3(tmp_path_factory):
    """moto's server: reports LocationConstraint and does SSE-KMS (expires nothing)."""
    from tests.s3support import start_moto

    server = start_moto(tmp_path_factory.mktemp("moto"))
    yield server
    server.stop()


@pytest.fixture
def s3_env(s3_server, monkeypatch):
    """The SeaweedFS server with this test's AWS environment pointing at it."""
    s3_server.setenv(monkeypatch)
    return s3_server


@pytest.fixture
def s3_config(tmp_path) -> Config:
    """Defaults plus `[store] allow_unknown_region = true` (SeaweedFS reports no region)."""
    path = tmp_path / "s3.toml"
    path.write_text("[store]\nallow_unknown_region = true\n")
    return Config.load(path)


def pytest_addoption(parser):
    parser.addoption("--all", action="store_true", help="Run the slow tests too (what CI runs).")


def pytest_collection_modifyitems(config, items):
    """Locally the quick suite: tests marked slow run with --all (or a -m expression of your own)."""
    if config.getoption("--all") or config.getoption("markexpr"):
        return
    slow = [item for item in items if item.get_closest_marker("slow")]
    if slow:
        config.hook.pytest_deselected(items=slow)
        items[:] = [item for item in items if not item.get_closest_marker("slow")]
