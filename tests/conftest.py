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


@pytest.fixture
def pseudonym_key(monkeypatch) -> str:
    key = "test-key-not-a-secret-0123456789"
    monkeypatch.setenv("REDACTOR_PSEUDONYM_KEY", key)
    return key
