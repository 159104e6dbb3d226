"""A config file fails closed: a misspelt section, key or entity type is an error, not a default."""

from __future__ import annotations

import re

import pytest

from redactor.config import Config, ConfigError
from redactor.transform.policy import Policy, PolicyError


@pytest.mark.parametrize(
    "text, message",
    [
        ("[stor]\nuri = 'x'\n", "unknown section"),
        ("[store]\nurii = 's3://bucket/lake'\n", "unknown key(s) in [store]"),
        ("[detect]\nscore_treshold = 0.9\n", "unknown key(s) in [detect]"),
        ("store = 's3://bucket/lake'\n", "must be a table"),
        ("[detect]\ntail_threshold = 'abc'\n", "[detect] tail_threshold in"),
        ("[detect]\ntail_threshold = 1.5\n", "must be a number from 0 to 1, not 1.5"),
        ("[detect]\ntail_threshold = -1\n", "must be a number from 0 to 1, not -1"),
        ("[detect]\ntail_threshold = true\n", "must be a number from 0 to 1, not True"),
        ("[detect]\nscore_threshold = '0.3'\n", "[detect] score_threshold in"),
    ],
)
def test_a_misspelt_setting_is_refused(tmp_path, text, message):
    path = tmp_path / "c.toml"
    path.write_text(text)
    with pytest.raises(ConfigError, match=re.escape(message)):
        Config.load(path)


def test_documented_optional_settings_are_accepted(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text("[policy]\ndefault = 'mask'\n[retention]\nfrom = 'call_date'\n[store]\nuri = './elsewhere'\n")
    config = Config.load(path)
    assert config.section("store")["uri"] == "./elsewhere" and config.section("policy")["default"] == "mask"


def test_a_misspelt_entity_type_in_the_policy_is_refused():
    with pytest.raises(PolicyError, match="unknown entity type"):
        Policy(entities={"PERSN": "redact"})
    assert Policy(entities={"PERSON": "mask"}).action("PERSON") == "mask"


def test_the_pipeline_version_names_the_learned_tail(tmp_path):
    """A retrained or switched-off tail is new code to `redactor reprocess`."""
    from redactor.pipeline import Pipeline

    off = tmp_path / "off.toml"
    off.write_text("[detect]\ntail_threshold = 0\n")
    on_version, off_version = Pipeline(Config.load(None)).version, Pipeline(Config.load(off)).version
    assert re.search(r"\+tail\.[0-9a-f]{8}\+", on_version) and "+tail.off+" in off_version
