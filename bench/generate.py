"""A seeded generator of realistic Swedish call-centre calls, at any size, streamed.

Shape and density follow the brief and the samples: ~4.8k characters of transcript per call
(log-normal spread, 1.5k-12k), 40-110 turns, Klang API conversations (70 %) and segmented
exports with word timings (30 %), and per call a customer name (said, read back, in the summary),
a personnummer in one of the forms ASR produces (written, spaced, compact, spoken), a phone number,
often an e-mail, an address, a customer or facility number — among the hard negatives a call centre
is full of: amounts, öre prices, meter readings, kWh, dates, times, fuse sizes, invoice/OCR numbers
and the company's own switchboard number and organisationsnummer (the seed company 7H kraft's).

Made-up people only: names are random first/last-name combinations, phone numbers come from the
series the Swedish regulator (PTS) reserves for fiction, e-mail domains are reserved example
domains, and personnummer are Skatteverket's published test numbers (bench/data/).

Every call also carries its gold values (`GeneratedCall.gold`: entity type and the exact string
inserted), so the benchmark can measure recall on what it generated.

    from bench.generate import generate_records, write_exports
    for rec in generate_records(100, seed=1): ...
    write_exports("/tmp/exports", 100_000, seed=1, calls_per_file=1000)  # JSON Lines, streamed
"""

from __future__ import annotations

import gzip
import json
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from recognizers.heuristics import MONTHS
from recognizers.numbers import number_words

DATA = Path(__file__).resolve().parent / "data"


def _test_personnummer() -> list[str]:
    lines = (DATA / "skatteverket_testpersonnummer.txt").read_text("utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")]


PERSONNUMMER = _test_personnummer()

FIRST = [
    "Anna",
    "Sofia",
    "Maria",
    "Elin",
    "Karin",
    "Ida",
    "Emma",
    "Sara",
    "Linnea",
    "Maja",
    "Ebba",
    "Astrid",
    "Johan",
    "Erik",
    "Lars",
    "Anders",
    "Mikael",
    "Fredrik",
    "Oskar",
    "Gustav",
    "Nils",
    "Viktor",
    "Hugo",
    "Mohammed",
    "Ali",
    "Fatima",
    "Amir",
    "Leila",
    "Yusuf",
    "Aisha",
    "Kristoffer",
    "Henrik",
    "Per",
    "Ulla",
    "Birgitta",
    "Margareta",
    "Sven",
    "Göran",
    "Åsa",
    "Björn",
    "Jenny",
    "Petra",
    "Tobias",
    "Malin",
]
LAST = [
    "Testsson",
    "Ekström",
    "Lindqvist",
    "Bergström",
    "Nyberg",
    "Holmgren",
    "Sandberg",
    "Wikström",
    "Al-Hassan",
    "Mäkinen",
    "Öberg",
    "Karlsson",
    "Johansson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
    "Gustafsson",
    "Pettersson",
    "Jonsson",
    "Lindberg",
    "Axelsson",
    "Forsberg",
    "Sjöberg",
    "Hedlund",
    "Lundgren",
    "Åberg",
    "Dahlin",
    "Strand",
    "Falk",
    "Ahmadi",
    "Hosseini",
    "Yilmaz",
]
AGENTS = ["Jonas", "Fredrik", "Lena", "Camilla", "Patrik", "Hanna", "Daniel", "Therese", "Robin", "Josefin"]
STREETS = [
    "Lövstigen",
    "Storgatan",
    "Kyrkvägen",
    "Björkvägen",
    "Skolgatan",
    "Ringvägen",
    "Sjövägen",
    "Parkgatan",
    "Tallvägen",
    "Åsgatan",
    "Granstigen",
    "Hamngatan",
    "Trädgårdsgatan",
    "Ängsvägen",
]
TOWNS = [
    ("Västerås", "722"),
    ("Uppsala", "753"),
    ("Göteborg", "413"),
    ("Malmö", "211"),
    ("Örebro", "702"),
    ("Linköping", "582"),
    ("Umeå", "903"),
    ("Sundsvall", "852"),
    ("Luleå", "972"),
    ("Jönköping", "553"),
    ("Gävle", "803"),
    ("Karlstad", "652"),
    ("Borås", "503"),
    ("Norrköping", "602"),
]
# PTS reserves these number series for fiction: they reach no one.
FICTION_PHONES = [
    ("070", "17406", 5, 99),
    ("08", "465004", 0, 99),
    ("031", "39006", 0, 99),
    ("040", "62804", 0, 99),
    ("0980", "319", 200, 299),
]


def fiction_subscriber(prefix: str, n: int, hi: int) -> str:
    """Subscriber digits of number `n` in a FICTION_PHONES series (zero-padded like its top)."""
    return prefix + f"{n:0{len(str(hi))}d}"


MAIL_DOMAINS = ["exempel.se", "example.com", "example.org", "exempel.nu"]
EPOCH = datetime(2026, 10, 1, 6, 0, tzinfo=UTC)
CALL_INTERVAL_S = 43
# The seed company (redactor/profiles/7hkraft.toml): its own numbers are public company data.
COMPANY = "7H kraft"
SWITCHBOARD_FORMS = ["0321-68 89 00", "0321-688900", "noll tre två ett sextioåtta åttionio noll noll"]
COMPANY_ORGNR = "556525-1366"

ORDINAL_DAYS = [
    "första",
    "andra",
    "tredje",
    "fjärde",
    "femte",
    "sjätte",
    "sjunde",
    "åttonde",
    "nionde",
    "tionde",
    "elfte",
    "tolfte",
    "trettonde",
    "fjortonde",
    "femtonde",
    "sextonde",
    "sjuttonde",
    "artonde",
    "nittonde",
    "tjugonde",
]


def spoken_pair(n: int) -> str:
    """0-99 as ASR writes a spoken pair: "noll tre", "tolv", "fyrtiotvå"."""
    return f"noll {number_words(n)}" if n < 10 else number_words(n)


def spoken_digits(digits: str) -> str:
    return " ".join(number_words(int(d)) for d in digits)


@dataclass
class GeneratedCall:
    record: dict
    gold: list[tuple[str, str]] = field(default_factory=list)  # (entity type, exact inserted string)


@dataclass
class _Person:
    first: str
    last: str
    pnr12: str
    phone: tuple[str, str]  # (area code, subscriber digits)
    email: str
    street: str
    town: str
    postcode: str

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


class _CallWriter:
    """Builds one call's turns; `say` records the PII strings it inserts as gold."""

    def __init__(self, rng: random.Random, person: _Person, agent: str):
        self.rng, self.p, self.agent = rng, person, agent
        self.turns: list[tuple[str, str]] = []  # (role, text)
        self.gold: list[tuple[str, str]] = []

    def say(self, role: str, text: str, *gold: tuple[str, str]) -> None:
        self.turns.append((role, text))
        self.gold.extend(gold)

    # -- PII renderings --------------------------------------------------------------------

    def pnr_form(self) -> str:
        d = self.p.pnr12
        ten = d[2:]
        form = self.rng.choices(
            ["dash", "compact10", "twelve", "dash12", "space", "pairs", "spoken", "mixed"],
            weights=[30, 12, 8, 6, 14, 10, 12, 8],
        )[0]
        if form == "dash":
            return f"{ten[:6]}-{ten[6:]}"
        if form == "compact10":
            return ten
        if form == "twelve":
            return d
        if form == "dash12":
            return f"{d[:8]}-{d[8:]}"
        if form == "space":
            return f"{ten[:6]} {ten[6:]}"
        if form == "pairs":
            return " ".join(ten[i : i + 2] for i in range(0, 10, 2))
        if form == "spoken":
            return " ".join(spoken_pair(int(ten[i : i + 2])) for i in range(0, 10, 2))
        return f"{ten[:6]} " + " ".join(spoken_pair(int(ten[i : i + 2])) for i in (6, 8))

    def phone_form(self) -> str:
        area, sub = self.p.phone
        form = self.rng.choices(["grouped", "dash_compact", "compact", "intl", "spoken"], weights=[35, 15, 15, 15, 20])[
            0
        ]
        if form == "grouped":
            if len(sub) == 7:
                return f"{area}-{sub[:3]} {sub[3:5]} {sub[5:]}"
            if len(sub) == 8:
                return f"{area}-{sub[:3]} {sub[3:6]} {sub[6:]}"
            return f"{area}-{sub[:3]} {sub[3:]}"
        if form == "dash_compact":
            return f"{area}-{sub}"
        if form == "compact":
            return f"{area}{sub}"
        if form == "intl":
            return f"+46 {area[1:]} {sub[:3]} {sub[3:5]} {sub[5:]}".strip()
        return spoken_digits(area + sub)

    def email_form(self) -> str:
        if self.rng.random() < 0.6:
            return self.p.email
        local, domain = self.p.email.split("@")
        return f"{local.replace('.', ' punkt ')} snabel-a {domain.replace('.', ' punkt ')}"


# ---- dialogue material ------------------------------------------------------------------------

FILLER_AGENT = [
    "Okej, då förstår jag.",
    "Mm, precis.",
    "Ett ögonblick bara, jag tittar i systemet.",
    "Jag ser det här nu.",
    "Det ska jag kolla upp åt dig.",
    "Vänta lite, sidan laddar.",
    "Ja, det stämmer med det jag ser här.",
    "Tack för att du väntade.",
    "Absolut, inga problem.",
    "Då har jag noterat det.",
    "Jag förstår att det är frustrerande.",
    "Precis, så är det.",
    "Då gör vi så.",
    "Har du några fler frågor om det?",
    "Det låter bra.",
    "Jag kan förklara hur det fungerar med rörligt elpris.",
    "Det beror på hur elpriset har gått under månaden.",
    "Nätavgiften kommer från nätbolaget, inte från oss.",
    "Du har ett fast pris som gäller till nästa höst.",
    "Det är en vanlig fråga den här tiden på året.",
]
FILLER_CUSTOMER = [
    "Ja.",
    "Mm.",
    "Okej.",
    "Ja precis.",
    "Nej, det tror jag inte.",
    "Aha, okej.",
    "Jaha, det visste jag inte.",
    "Ja, det gör jag.",
    "Vänta, jag ska bara hämta fakturan.",
    "Jag har den framför mig nu.",
    "Ja men det var ju det jag trodde.",
    "Nej, inte vad jag vet.",
    "Bra, tack.",
    "Hm, det låter konstigt.",
    "Ja, vi har bott här i fyra år nu.",
    "Det har varit så kallt den här vintern.",
    "Vi har en luftvärmepump sedan i fjol.",
    "Jag vill bara förstå varför den blev så hög.",
    "Kan ni skicka det på mejlen istället?",
    "Det är min sambo som brukar sköta det här.",
]
TOPICS = ["faktura", "flytt", "avtal", "matare", "avbrott", "autogiro"]


def _amount(rng: random.Random) -> str:
    kr = rng.randint(150, 6500)
    return (
        f"{kr // 1000} {kr % 1000:03d},{rng.randint(0, 99):02d} kronor"
        if kr >= 1000
        else f"{kr},{rng.randint(0, 99):02d} kronor"
    )


def _meter(rng: random.Random) -> str:
    v = rng.randint(1000, 99999)
    return f"{v // 1000} {v % 1000:03d}" if v >= 1000 else str(v)


def _hard_negative(rng: random.Random) -> tuple[str, str]:
    """A turn full of numbers that are not personal data."""
    kind = rng.randrange(9)
    if kind == 0:
        return (
            "agent",
            f"Fakturan för {rng.choice(MONTHS)} är på {_amount(rng)} och förfaller den {rng.randint(1, 28)} {rng.choice(MONTHS)}.",
        )
    if kind == 1:
        return "customer", f"Mätarställningen är {_meter(rng)} kilowattimmar, jag läste av den i morse."
    if kind == 2:
        return "agent", f"Elpriset var {rng.randint(40, 250)} öre per kilowattimme i snitt, plus moms."
    if kind == 3:
        return (
            "agent",
            f"Ni förbrukade {rng.randint(300, 3200)} kWh förra månaden, det är {rng.randint(5, 60)} procent mer än i fjol.",
        )
    if kind == 4:
        return "customer", f"Vi har säkringar på {rng.choice([16, 20, 25, 35])} ampere, det står på elcentralen."
    if kind == 5:
        ocr = "".join(str(rng.randint(0, 9)) for _ in range(rng.choice([8, 10, 12, 14])))
        return "agent", f"OCR-numret är {ocr} och fakturanumret {rng.randint(1000000, 9999999)}."
    if kind == 6:
        return (
            "agent",
            f"Du kan alltid ringa vår växel på {rng.choice(SWITCHBOARD_FORMS)}, vi har öppet {rng.randint(7, 9)} till {rng.randint(16, 20)}.",
        )
    if kind == 7:
        return (
            "agent",
            f"Mellan klockan {rng.randint(8, 15)}.{rng.choice(['00', '15', '30', '45'])} och {rng.randint(16, 21)}.00 den {rng.randint(1, 28)}/{rng.randint(1, 12)} var det avbrott i området.",
        )
    return "agent", f"Vårt organisationsnummer är {COMPANY_ORGNR} om du behöver det till deklarationen."


def _scenario(w: _CallWriter, topic: str) -> None:
    rng, p = w.rng, w.p
    w.say("agent", f"{COMPANY}, du pratar med {w.agent}, vad kan jag hjälpa dig med?")
    intro = {
        "faktura": "jag har fått en faktura som är mycket högre än vanligt",
        "flytt": "jag ska flytta och vill ta med mig elavtalet",
        "avtal": "jag funderar på att byta till fast pris",
        "matare": "jag skulle vilja lämna en mätarställning",
        "avbrott": "vi hade strömavbrott i går kväll och jag undrar vad som hände",
        "autogiro": "jag vill börja betala med autogiro",
    }[topic]
    if rng.random() < 0.7:
        w.say("customer", f"Hej, det är {p.name}, {intro}.", ("PERSON", p.name))
    else:
        w.say("customer", f"Hej, {intro}.")
    w.say(
        "agent",
        rng.choice(
            ["Då behöver jag ditt personnummer först.", "Kan jag få ditt personnummer?", "Vad har du för personnummer?"]
        ),
    )
    pnr = w.pnr_form()
    w.say(
        "customer",
        rng.choice(["Ja, det är {}.", "{}.", "Det är {}, tror jag att det var.", "Ja, {}"]).format(pnr),
        ("SE_PERSONNUMMER", pnr),
    )
    if rng.random() < 0.5:  # agent reads it back, often in another form
        again = w.pnr_form()
        w.say("agent", f"Tack, {again}, och du heter?", ("SE_PERSONNUMMER", again))
        w.say("customer", f"{p.name}.", ("PERSON", p.name))
    else:
        w.say("agent", f"Tack. Då ser jag dig här, {p.first}.", ("PERSON", p.first))
    if topic == "flytt":
        num = rng.randint(1, 60)
        addr = f"{p.street} {num}{rng.choice(['', 'A', 'B'])}"
        w.say("agent", "Vilken adress flyttar du till?")
        w.say(
            "customer",
            f"{addr}, lägenhet {rng.randint(1001, 1404)}, {p.postcode} {p.town}.",
            ("SE_ADDRESS", addr),
            ("SE_POSTAL_CODE", p.postcode),
            ("LOCATION", p.town),
        )
        w.say("agent", f"Och inflyttning den {rng.choice(ORDINAL_DAYS)} {rng.choice(MONTHS)}?")
    if topic in ("matare", "flytt", "avbrott"):
        fid = "735999" + "".join(str(rng.randint(0, 9)) for _ in range(12))
        w.say("agent", f"Ditt anläggnings-id är {fid}, stämmer det?", ("SE_FACILITY_ID", fid))
    if rng.random() < 0.5:
        kundnr = str(rng.randint(1000000, 9999999))
        w.say("customer", f"Mitt kundnummer är {kundnr} om det hjälper.", ("CUSTOMER_NUMBER", kundnr))
    w.say("agent", "Vilket telefonnummer kan vi nå dig på?")
    ph = w.phone_form()
    w.say("customer", f"Det är {ph}.", ("PHONE_NUMBER", ph))
    if rng.random() < 0.55:
        w.say("agent", "Och din e-postadress?")
        em = w.email_form()
        w.say("customer", f"Ja, {em}.", ("EMAIL_ADDRESS", em))


def _build_call(rng: random.Random, index: int, target_chars: int) -> tuple[_CallWriter, str]:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    area, prefix, lo, hi = rng.choice(FICTION_PHONES)
    sub = fiction_subscriber(prefix, rng.randint(lo, hi), hi)
    town, post3 = rng.choice(TOWNS)
    person = _Person(
        first,
        last,
        rng.choice(PERSONNUMMER),
        (area, sub),
        f"{first.lower()}.{last.lower()}@{rng.choice(MAIL_DOMAINS)}".replace("å", "a")
        .replace("ä", "a")
        .replace("ö", "o"),
        rng.choice(STREETS),
        town,
        f"{post3} {rng.randint(10, 99)}",
    )
    w = _CallWriter(rng, person, rng.choice(AGENTS))
    topic = rng.choice(TOPICS)
    _scenario(w, topic)
    length = sum(len(t) for _, t in w.turns)
    while length < target_chars:
        r = rng.random()
        if r < 0.22:
            role, text = _hard_negative(rng)
        elif r < 0.30:
            role, text = (
                "agent",
                rng.choice(["Stämmer det, {}?", "Är du kvar, {}?", "Tack {}, då vet jag."]).format(person.first),
            )
            w.gold.append(("PERSON", person.first))
        else:
            role = "agent" if rng.random() < 0.5 else "customer"
            text = " ".join(
                rng.choice(FILLER_AGENT if role == "agent" else FILLER_CUSTOMER)
                for _ in range(rng.choice([1, 2, 2, 3]))
            )
        w.say(role, text)
        length += len(text)
    w.say("agent", f"Tack för samtalet {person.first}, ha en fin dag!", ("PERSON", person.first))
    w.gold.append(("PERSON", person.first))
    return w, topic


def _target_length(rng: random.Random, mean: int) -> int:
    sigma = 0.45
    return int(min(12000, max(1500, rng.lognormvariate(math.log(mean) - sigma**2 / 2, sigma))))


def _klang(w: _CallWriter, index: int, topic: str, created: datetime, rng: random.Random) -> dict:
    p = w.p
    t = rng.randint(0, 3)
    lines = []
    agent_label = f"Agent {w.agent}" if rng.random() < 0.5 else "Talare 1"
    customer_label = p.name if rng.random() < 0.6 else "Talare 2"
    for role, text in w.turns:
        label = agent_label if role == "agent" else customer_label
        lines.append(f"[{t // 3600:02d}:{t // 60 % 60:02d}:{t % 60:02d}] {label}: {text}")
        t += max(2, len(text) // 14 + rng.randint(0, 3))
    if customer_label == p.name:
        w.gold.append(("PERSON", p.name))
    summary = (
        f"## Sammanfattning\n- {p.name} ringde om {topic}.\n- Ärendet är löst, bekräftelse skickas.\n"
        f"- Kunden nås på telefon om något behöver kompletteras."
    )
    w.gold.append(("PERSON", p.name))
    return {
        "id": f"conv_{index:08x}",
        "title": f"{topic.capitalize()} – {p.name}" if rng.random() < 0.5 else f"Ärende: {topic}",
        "created_at": created.isoformat().replace("+00:00", "Z"),
        "updated_at": (created + timedelta(seconds=t + 60)).isoformat().replace("+00:00", "Z"),
        "status": "ready",
        "digest": f"Kunden hör av sig om {topic}.",
        "summary": summary,
        "folder_id": "kundtjanst-el",
        "sources": [
            {
                "type": "transcript",
                "duration_seconds": t,
                "language": "swe",
                "content": "\n".join(lines),
                "participants": [{"name": agent_label}, {"name": customer_label}],
            }
        ],
    }


def _segmented(w: _CallWriter, index: int, created: datetime, rng: random.Random) -> dict:
    t = 0.4
    segments = []
    for role, text in w.turns:
        words = []
        start = t
        for token in text.split():
            dur = 0.12 + 0.045 * len(token)
            words.append(
                {
                    "word": token.strip(".,?!").lower(),
                    "punctuated_word": token,
                    "start": round(t, 2),
                    "end": round(t + dur, 2),
                    "confidence": round(rng.uniform(0.82, 0.99), 2),
                }
            )
            t += dur + 0.06
        segments.append(
            {
                "speaker": "A" if role == "agent" else "B",
                "role": role,
                "start": round(start, 2),
                "end": round(t, 2),
                "text": text,
                "words": words,
            }
        )
        t += rng.uniform(0.3, 1.5)
    return {
        "call_id": f"dg-{created:%Y%m%d}-{index:06d}",
        "created_at": created.isoformat().replace("+00:00", "Z"),
        "duration": round(t, 2),
        "language": "sv",
        "queue": rng.choice(["Kundservice privat", "Flytt", "Faktura"]),
        "direction": "inbound",
        "caller_number": w.p.phone[0] + w.p.phone[1],
        "agent_name": w.agent,
        "segments": segments,
    }


def generate(
    n: int, seed: int = 0, mean_chars: int = 4800, segmented_share: float = 0.3, start_index: int = 0
) -> Iterator[GeneratedCall]:
    """`n` calls, deterministic for a seed; call i depends only on (seed, i), so chunks are reproducible."""
    for i in range(start_index, start_index + n):
        rng = random.Random(f"{seed}:{i}")
        w, topic = _build_call(rng, i, _target_length(rng, mean_chars))
        # Exports arrive in time order, ~2,000 calls a day (a mid-size retailer's call centre).
        created = EPOCH + timedelta(seconds=i * CALL_INTERVAL_S + rng.randrange(0, CALL_INTERVAL_S))
        if rng.random() < segmented_share:
            record = _segmented(w, i, created, rng)
            w.gold.append(("PHONE_NUMBER", record["caller_number"]))
            w.gold.append(("PERSON", w.agent))
        else:
            record = _klang(w, i, topic, created, rng)
            w.gold.append(("PERSON", w.agent))
        yield GeneratedCall(record, w.gold)


def generate_records(n: int, seed: int = 0, **kw) -> Iterator[dict]:
    for call in generate(n, seed, **kw):
        yield call.record


def write_exports(
    directory: str | Path,
    n: int,
    seed: int = 0,
    calls_per_file: int = 500,
    gzip_files: bool = False,
    gold: bool = False,
    **kw,
) -> list[Path]:
    """Write `n` calls as JSON Lines files of `calls_per_file` calls, streaming (flat memory).

    With `gold`, a `gold.jsonl` beside them holds {"id", "gold": [[type, value], ...]} per call.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    gold_out = (directory / "gold.jsonl").open("w", encoding="utf-8") if gold else None
    try:
        for start in range(0, n, calls_per_file):
            count = min(calls_per_file, n - start)
            path = directory / f"export-{start // calls_per_file:05d}.jsonl{'.gz' if gzip_files else ''}"
            opener = gzip.open if gzip_files else open
            with opener(path, "wt", encoding="utf-8") as fh:
                for call in generate(count, seed, start_index=start, **kw):
                    fh.write(json.dumps(call.record, ensure_ascii=False) + "\n")
                    if gold_out:
                        rid = call.record.get("id") or call.record.get("call_id")
                        gold_out.write(json.dumps({"id": rid, "gold": call.gold}, ensure_ascii=False) + "\n")
            paths.append(path)
    finally:
        if gold_out:
            gold_out.close()
    return paths


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser(description="Write generated calls as JSON Lines export files.")
    ap.add_argument("directory")
    ap.add_argument("--calls", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--per-file", type=int, default=500)
    ap.add_argument("--gold", action="store_true")
    args = ap.parse_args()
    files = write_exports(args.directory, args.calls, args.seed, args.per_file, gold=args.gold)
    print(json.dumps({"files": len(files), "calls": args.calls}))
