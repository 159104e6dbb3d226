"""Where the EU bucket may live: the one list of AWS regions inside the EU/EEA.

The privacy policy promises that customer data stays in the EU/EEA. That is a legal territory,
not a naming convention, so the list is explicit rather than "starts with eu-":

- eu-central-2 (Zurich) is excluded: Switzerland is in EFTA but neither in the EU nor the EEA.
  It has an EU adequacy decision, but "adequate" is not what the policy promises.
- eu-west-2 (London) is excluded: the UK left the EU and is not in the EEA (adequacy again,
  same reasoning).
- eusc-de-east-1 (AWS European Sovereign Cloud, Brandenburg, Germany) is included: EU territory.

Widening the list is a policy decision for the data-protection officer, made by editing this
file in a reviewed change, never by configuration.
"""

from __future__ import annotations

from redactor.errors import RedactorError

EU_EEA_REGIONS: dict[str, str] = {
    "eu-north-1": "Stockholm, Sweden",
    "eu-central-1": "Frankfurt, Germany",
    "eu-west-1": "Dublin, Ireland",
    "eu-west-3": "Paris, France",
    "eu-south-1": "Milan, Italy",
    "eu-south-2": "Aragón, Spain",
    "eusc-de-east-1": "Brandenburg, Germany (AWS European Sovereign Cloud)",
}

# Named here so an error message can say why a plausible-looking region is refused.
NOT_EU_EEA_NOTES: dict[str, str] = {
    "eu-west-2": "London, United Kingdom: not in the EU/EEA since Brexit",
    "eu-central-2": "Zurich, Switzerland: not in the EU/EEA",
}


class RegionError(RedactorError):
    """The bucket is not (provably) in the EU/EEA; nothing may be written to it."""


def location_to_region(location: str | None, endpoint_is_aws: bool) -> str | None:
    """Turn a GetBucketLocation answer into a region name, or None when it is unknown.

    AWS answers null/empty for us-east-1 and the legacy "EU" for eu-west-1. Other servers
    (SeaweedFS) answer null because they have no regions at all, so there null means "unknown",
    not "us-east-1".
    """
    if location in (None, ""):
        return "us-east-1" if endpoint_is_aws else None
    if location == "EU":
        return "eu-west-1"
    return location


def is_eu_eea(region: str | None) -> bool:
    return region in EU_EEA_REGIONS


def require_eu_eea(bucket: str, region: str | None, allow_unknown_region: bool = False) -> str:
    """Return a description of where the bucket is, or raise RegionError.

    `allow_unknown_region` only accepts a server that reports no region at all; it never accepts
    a region that is reported and outside the EU/EEA.
    """
    if region is None:
        if allow_unknown_region:
            return "unknown region (allowed by [store] allow_unknown_region)"
        raise RegionError(
            f"bucket {bucket!r}: the server reports no region, so it cannot be shown to be in the EU/EEA; "
            "for a local test server without regions set [store] allow_unknown_region = true"
        )
    if region in EU_EEA_REGIONS:
        return f"{region} ({EU_EEA_REGIONS[region]})"
    why = NOT_EU_EEA_NOTES.get(region, "not an EU/EEA region")
    raise RegionError(
        f"bucket {bucket!r} is in {region} ({why}); data must stay in the EU/EEA (allowed: {', '.join(EU_EEA_REGIONS)})"
    )
