"""Configuration as data: a TOML file layered over the packaged defaults."""

from __future__ import annotations

import copy
import hashlib
import json
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class ConfigError(ValueError):
    pass


def _merge(base: dict, override: dict) -> dict:
    out = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


@dataclass
class Config:
    data: dict[str, Any]
    source: str = "<defaults>"

    @classmethod
    def load(cls, path: str | Path | None = None) -> "Config":
        defaults = tomllib.loads(resources.files("redactor").joinpath("default_config.toml").read_text("utf-8"))
        if path is None:
            return cls(defaults)
        try:
            user = tomllib.loads(Path(path).read_text("utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"config file not found: {path}") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"config file {path} is not valid TOML: {exc}") from None
        unknown = set(user) - set(defaults)
        if unknown:
            raise ConfigError(f"unknown section(s) in {path}: {', '.join(sorted(unknown))}")
        from redactor.store.retention import RETENTION_BASES

        basis = user.get("retention", {}).get("from", "written")
        if basis not in RETENTION_BASES:
            raise ConfigError(f"[retention] from must be one of {', '.join(RETENTION_BASES)}, not {basis!r}")
        return cls(_merge(defaults, user), str(path))

    def section(self, name: str) -> dict[str, Any]:
        return self.data.get(name, {})

    @property
    def model_path(self) -> Path:
        p = Path(self.section("detect")["model"])
        return p if p.is_absolute() else PROJECT_ROOT / p

    @property
    def digest(self) -> str:
        """Short hash of the effective configuration, part of the pipeline version."""
        return hashlib.sha256(json.dumps(self.data, sort_keys=True).encode()).hexdigest()[:8]
