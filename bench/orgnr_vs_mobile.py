"""How often a Swedish mobile number written as ten digits is taken for an organisationsnummer.

    .venv/bin/python -m bench.orgnr_vs_mobile [--n 200000] [--seed 5] [--json]

Draws seeded random ten-digit numbers from the mobile series (070, 072, 073, 076, 079; each checked
as a valid mobile with libphonenumber's offline metadata) and counts the ones accepted as an
organisationsnummer by (a) our validation, (b) our recognizers end to end on "Det är <number>."
with an organisationsnummer context word in front ("organisationsnummer <number>"), and
(c) Presidio 2.2.366's SeOrganisationsnummerRecognizer (pattern + its own validation, same text).
Also: the share accepted as a personnummer by our check (digits alone), for the phone/personnummer
resolution (docs/recognizers.md: numbers starting with 0).
"""

from __future__ import annotations

import argparse
import json
import random


def mobiles(n: int, seed: int) -> list[str]:
    import phonenumbers

    rng = random.Random(seed)
    out: list[str] = []
    while len(out) < n:
        num = rng.choice(["070", "072", "073", "076", "079"]) + f"{rng.randrange(10**7):07d}"
        if phonenumbers.number_type(phonenumbers.parse("+46" + num[1:])) == phonenumbers.PhoneNumberType.MOBILE:
            out.append(num)
    return out


def run(n: int = 200_000, seed: int = 5) -> dict:
    from presidio_analyzer.predefined_recognizers import SeOrganisationsnummerRecognizer as PresidioOrg

    from recognizers import organisationsnummer, personnummer

    nums = mobiles(n, seed)
    ours_valid = sum(organisationsnummer.is_valid_digits(m) for m in nums)
    pnr_valid = sum(personnummer.is_valid_digits(m) for m in nums)
    ours = organisationsnummer.KlangOrganisationsnummerRecognizer()
    presidio = PresidioOrg(supported_language="sv")
    ours_hits = presidio_hits = 0
    for m in nums:
        text = f"organisationsnummer {m}."
        if any(r.entity_type == organisationsnummer.ENTITY for r in ours.analyze(text, [organisationsnummer.ENTITY])):
            ours_hits += 1
        if presidio.analyze(text, ["SE_ORGANISATIONSNUMMER"]):
            presidio_hits += 1
    rate = lambda k: round(k / n, 6)  # noqa: E731
    return {
        "mobiles": n,
        "seed": seed,
        "ours_validation_accepts": ours_valid,
        "ours_validation_rate": rate(ours_valid),
        "ours_recognizer_accepts": ours_hits,
        "ours_recognizer_rate": rate(ours_hits),
        "presidio_recognizer_accepts": presidio_hits,
        "presidio_recognizer_rate": rate(presidio_hits),
        "valid_as_personnummer": pnr_valid,
        "valid_as_personnummer_rate": rate(pnr_valid),
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Organisationsnummer false accepts on Swedish mobile numbers.")
    ap.add_argument("--n", type=int, default=200_000)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    out = run(args.n, args.seed)
    if args.json:
        print(json.dumps(out, indent=2))
        return
    print(f"{out['mobiles']} Swedish mobile numbers (070/072/073/076/079, ten digits, seed {out['seed']}):")
    print(f"  accepted as organisationsnummer, ours (validation):  {out['ours_validation_rate']:.4%}")
    print(f"  accepted as organisationsnummer, ours (recognizer):  {out['ours_recognizer_rate']:.4%}")
    print(f"  accepted as organisationsnummer, Presidio 2.2.366:   {out['presidio_recognizer_rate']:.4%}")
    print(f"  valid as a personnummer too (resolved by topic):     {out['valid_as_personnummer_rate']:.4%}")


if __name__ == "__main__":
    main()
