"""The Presidio compatibility module: the installed Presidio has every private part the fast path
uses, and a version without one is refused at start-up with a message naming what is missing."""

import pytest
from presidio_analyzer import AnalyzerEngine

from redactor.detect import presidio_compat


def test_the_pinned_presidio_has_every_private_part_used():
    assert presidio_compat.missing_attributes() == []
    presidio_compat.check_version()


def test_a_presidio_without_a_private_part_is_refused_with_a_clear_message(monkeypatch):
    monkeypatch.delattr(AnalyzerEngine, "_AnalyzerEngine__remove_low_scores")
    with pytest.raises(presidio_compat.PresidioVersionError) as err:
        presidio_compat.check_version()
    message = str(err.value)
    assert "AnalyzerEngine._AnalyzerEngine__remove_low_scores" in message
    assert f"presidio-analyzer=={presidio_compat.PINNED_VERSION}" in message
