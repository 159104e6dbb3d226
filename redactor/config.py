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

from redactor.errors import RedactorError

# What a redacted table file's retention counts from (`[retention] from`): the day it is written,
# or the date of the calls in it (a back-filled October call then expires two years after October).
RETENTION_BASES = ("written", "call_date")
# [detect] settings that are scores from 0 to 1 (tail_threshold 0: the learned tail is off).
_SHARES = ("score_threshold", "tail_threshold")
# Settings default_config.toml documents in comments only (their default is computed, or left out
# so that the digest, and so the pipeline version, changes only for the configs that set them).
OPTIONAL_KEYS = {"policy": {"default"}, "retention": {"from"}, "ingest": {"renew_model_every_calls"}}


class ConfigError(RedactorError, ValueError):
    pass


def shipped_data(*parts: str) -> Path:
    """A file or folder shipped in the package (redactor/data/: the name model, the named queries),
    found through importlib.resources so an installed wheel works from any directory. pip installs
    packages as plain directories, which spaCy and glob need."""
    return Path(str(resources.files("redactor").joinpath("data", *parts)))


def is_shipped_ref(ref: str) -> bool:
    """A bare name ("sv_klang", "7hkraft") names something shipped; anything else is a path."""
    return "/" not in ref and not ref.endswith(".toml")


PROFILE_KEYS = {"name", "identifiers", "addresses", "names"}


def load_profile(ref: str, base: Path) -> dict[str, Any]:
    """A company profile: a name shipped in redactor/profiles/ ("7hkraft"), or a TOML file path
    (relative to `base`, the directory of the config naming it)."""
    if is_shipped_ref(ref):
        shipped = resources.files("redactor").joinpath("profiles", f"{ref}.toml")
        if not shipped.is_file():
            raise ConfigError(f"no shipped company profile named {ref!r} (see redactor/profiles/)")
        text, where = shipped.read_text("utf-8"), ref
    else:
        path = Path(ref) if Path(ref).is_absolute() else base / ref
        try:
            text, where = path.read_text("utf-8"), str(path)
        except FileNotFoundError:
            raise ConfigError(f"company profile not found: {path}") from None
    try:
        profile = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"company profile {where} is not valid TOML: {exc}") from None
    unknown = set(profile) - PROFILE_KEYS
    if unknown:
        raise ConfigError(f"unknown key(s) in company profile {where}: {', '.join(sorted(unknown))}")
    for key in PROFILE_KEYS - {"name"}:
        if not all(isinstance(v, str) for v in profile.get(key, [])):
            raise ConfigError(f"company profile {where}: {key} must be a list of strings")
    return profile


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
    def load(cls, path: str | Path | None = None) -> Config:
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
        for name, section in user.items():
            if not isinstance(section, dict):
                raise ConfigError(f"[{name}] in {path} must be a table of settings")
            # A misspelt key would silently keep its default: `urii` would write to ./lake.
            keys = set(section) - set(defaults[name]) - OPTIONAL_KEYS.get(name, set())
            if keys:
                raise ConfigError(f"unknown key(s) in [{name}] of {path}: {', '.join(sorted(keys))}")
        for key in _SHARES:
            value = user.get("detect", {}).get(key)
            if value is not None and (
                isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1
            ):
                raise ConfigError(f"[detect] {key} in {path} must be a number from 0 to 1, not {value!r}")
        basis = user.get("retention", {}).get("from", "written")
        if basis not in RETENTION_BASES:
            raise ConfigError(f"[retention] from must be one of {', '.join(RETENTION_BASES)}, not {basis!r}")
        return cls(_merge(defaults, user), str(path))

    def __post_init__(self) -> None:
        self._apply_company_profile()

    def _apply_company_profile(self) -> None:
        """Fold the company profile into [allowlist] (values; phrases = addresses + names), so every
        detector built from the config keeps the company's own data, and the digest (pipeline
        version) changes with the profile."""
        company = self.data.setdefault("company", {})
        ref = str(company.get("profile") or "")
        allow = self.data.setdefault("allowlist", {})
        allow.setdefault("values", [])
        allow.setdefault("phrases", [])
        if not ref or "name" in company:  # none, or already applied (a copy of a loaded config)
            return
        profile = load_profile(ref, Path(self.source).parent if self.source != "<defaults>" else Path.cwd())
        company["name"] = str(profile.get("name", ref))
        allow["values"] = [*profile.get("identifiers", []), *allow["values"]]
        allow["phrases"] = [*profile.get("addresses", []), *profile.get("names", []), *allow["phrases"]]

    @property
    def company_warning(self) -> str | None:
        """Why the company's own numbers may be redacted as personal data, if they may."""
        allow = self.section("allowlist")
        if self.section("company").get("profile") or allow.get("values") or allow.get("phrases"):
            return None
        return (
            "no company profile or allowlist configured: the company's own switchboard, "
            "organisationsnummer and address will be redacted as personal data and dominate "
            "the analysts' reports (set [company] profile, see docs/usefulness.md)"
        )

    def section(self, name: str) -> dict[str, Any]:
        return self.data.get(name, {})

    @property
    def model_path(self) -> Path:
        """[detect] model: a model shipped in redactor/data/ by name, or a spaCy pipeline folder
        (a relative path is relative to the current directory)."""
        ref = str(self.section("detect")["model"])
        if is_shipped_ref(ref):
            shipped = shipped_data(ref)
            if not (shipped / "config.cfg").is_file():
                raise ConfigError(
                    f"no shipped model named {ref!r} (see redactor/data/; give a folder of your own "
                    f"as a path, e.g. ./{ref})"
                )
            return shipped
        return Path.cwd() / ref

    @property
    def digest(self) -> str:
        """Short hash of the effective configuration, part of the pipeline version."""
        return hashlib.sha256(json.dumps(self.data, sort_keys=True).encode()).hexdigest()[:8]
