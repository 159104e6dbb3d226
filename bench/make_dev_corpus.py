"""A labelled development corpus of Swedish customer-service calls as speech-to-text writes them.

    .venv/bin/python -m bench.make_dev_corpus [--calls 80] [--seed 3] [--out bench/data/dev_corpus.jsonl]
    .venv/bin/python -m bench.make_dev_corpus --dialogue    # cross-turn calls: bench/data/dev_dialogue.jsonl

One call per line: {"id", "text", "entities": [{"type", "start", "end"}], "negatives": [...]}; the
text is the whole call, one turn a line ("Agent: ..." / "Kund: ..."). About a third of the calls are written the
way ASR without punctuation/casing writes them (lowercase, no sentence punctuation).

What is in it (the forms of the design brief): personnummer (dash, plus for 100+, compact,
12-digit, spaced, fully spoken, mixed, split over two turns, read back), phone numbers (every
grouping, +46, spoken in pairs or digit by digit, split), e-mail (written, spoken, mixed), street
addresses with postal code and post town (written and spoken), IBAN, bank account, bankgiro,
plusgiro, card, anläggnings-id, kundnummer, company organisationsnummer, IP address, names
(greeting, identification, read-back, relatives, dödsbo), fillers ("eh", "öh") and many hard
negatives: amounts, öre prices, meter readings, kWh, dates, times, fuse sizes, invoice and OCR
references, and the company's own switchboard number and organisationsnummer (fixed values,
listed in `bench/data/dev_allowlist.toml`, never annotated as entities). Hard negatives are
listed under "negatives" with their kind (AMOUNT, PRICE, METER, KWH, DATE, TIME, FUSE, INVOICE,
OCR, COMPANY): `redactor eval` reports how many of them any redaction touched (target: none).

Made-up data only: names from Faker sv_SE (seeded), personnummer from Skatteverket's test list
(recognizers/data/), phone numbers from the series PTS reserves for fiction, every other
identifier generated with a valid check digit (Luhn, mod 97, GS1). The templates were written the
way such calls sound, not to suit any recognizer.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

from faker import Faker

from bench.generate import MONTHS, ORDINAL_DAYS

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "data" / "dev_corpus.jsonl"
DIALOGUE_OUT = ROOT / "bench" / "data" / "dev_dialogue.jsonl"
PNR_FILE = ROOT / "recognizers" / "data" / "skatteverket-testpersonnummer.txt"

# The company's own data (not personal data; in bench/data/dev_allowlist.toml).
COMPANY = "Norrsken Energi"
COMPANY_SWITCHBOARD = "08-465 004 80"
COMPANY_SWITCHBOARD_SPOKEN = "noll åtta fyrtiosex femtio noll fyra åttio"
COMPANY_ORGNR = "556614-2708"
COMPANY_BANKGIRO = "5050-1055"

AGENTS = ["Jonas", "Lena", "Camilla", "Patrik", "Hanna", "Daniel", "Therese", "Robin", "Josefin", "Mats"]
TOWNS = [
    ("Stockholm", "1{}"),
    ("Göteborg", "41{}"),
    ("Malmö", "21{}"),
    ("Uppsala", "75{}"),
    ("Västerås", "72{}"),
    ("Örebro", "70{}"),
    ("Linköping", "58{}"),
    ("Umeå", "90{}"),
    ("Sundsvall", "85{}"),
    ("Luleå", "97{}"),
    ("Jönköping", "55{}"),
    ("Gävle", "80{}"),
    ("Karlstad", "65{}"),
    ("Borås", "50{}"),
    ("Norrköping", "60{}"),
    ("Mora", "79{}"),
    ("Lund", "22{}"),
    ("Kiruna", "98{}"),
    ("Falun", "79{}"),
    ("Visby", "62{}"),
    ("Växjö", "35{}"),
    ("Kalmar", "39{}"),
    ("Halmstad", "30{}"),
    ("Bromma", "16{}"),
    ("Hägersten", "12{}"),
    ("Upplands Väsby", "19{}"),
    ("Östersund", "83{}"),
    ("Skellefteå", "93{}"),
    ("Trollhättan", "46{}"),
]
STREET_SUFFIXES = [
    "gatan",
    "vägen",
    "stigen",
    "gränd",
    "allén",
    "backen",
    "torget",
    "leden",
    "slingan",
    "vägen",
    "gatan",
    "vägen",
]
STREET_PREFIXES = [
    "Björk",
    "Ek",
    "Tall",
    "Gran",
    "Lind",
    "Hassel",
    "Rönn",
    "Sjö",
    "Kyrk",
    "Skol",
    "Stor",
    "Ny",
    "Kvarn",
    "Smed",
    "Tegel",
    "Park",
    "Hamn",
    "Ängs",
    "Åker",
    "Bäck",
    "Sol",
    "Vall",
    "Lönn",
    "Ask",
    "Lärk",
    "Hag",
    "Mejeri",
    "Prästgårds",
    "Stations",
    "Mossa",
    "Fjäll",
    "Drottning",
    "Kungs",
]
MAIL_DOMAINS = [
    ("gmail", "com"),
    ("hotmail", "com"),
    ("hotmail", "se"),
    ("outlook", "com"),
    ("telia", "com"),
    ("yahoo", "se"),
    ("exempel", "se"),
    ("live", "se"),
    ("icloud", "com"),
    ("bredband", "net"),
]

UNITS = ["noll", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio"]
TEENS = ["tio", "elva", "tolv", "tretton", "fjorton", "femton", "sexton", "sjutton", "arton", "nitton"]
TENS = {2: "tjugo", 3: "trettio", 4: "fyrtio", 5: "femtio", 6: "sextio", 7: "sjuttio", 8: "åttio", 9: "nittio"}
TENS_COLLOQUIAL = {2: "tjugi", 3: "tretti", 4: "förti", 5: "femti", 6: "sexti", 7: "sjutti", 8: "åtti", 9: "nitti"}


# ---- checksums -------------------------------------------------------------------------------


def luhn_digit(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def gs1_digit(body: str) -> str:
    total = sum(int(ch) * (3 if i % 2 == 0 else 1) for i, ch in enumerate(reversed(body)))
    return str((10 - total % 10) % 10)


def iban_se(rng: random.Random) -> str:
    bban = rng.choice(["500", "800", "600", "300", "950"]) + "".join(rng.choice("0123456789") for _ in range(17))
    numeric = "".join(str(int(c, 36)) for c in bban + "SE00")
    check = 98 - int(numeric) % 97
    return f"SE{check:02d}{bban}"


# ---- spoken numbers ----------------------------------------------------------------------------


def say_number(n: int, rng: random.Random) -> str:
    """0-99 as a Swedish speaker says it, with the variants ASR writes."""
    if n < 10:
        return UNITS[n]
    if n < 20:
        return TEENS[n - 10]
    tens, unit = divmod(n, 10)
    word = TENS_COLLOQUIAL[tens] if rng.random() < 0.15 else TENS[tens]
    if unit == 0:
        return word
    unit_word = UNITS[unit]
    if unit == 1:
        unit_word = rng.choice(["ett", "en", "ett"])
    return word + (" " if rng.random() < 0.12 else "") + unit_word


def say_pairs(digits: str, rng: random.Random) -> str:
    """'850312' -> 'åttiofem noll tre tolv' (a leading zero is said: 'noll tre')."""
    out = []
    for i in range(0, len(digits), 2):
        pair = digits[i : i + 2]
        if len(pair) == 1:
            out.append(UNITS[int(pair)])
        elif pair[0] == "0":
            out.append(f"noll {UNITS[int(pair[1])]}")
        else:
            out.append(say_number(int(pair), rng))
    return " ".join(out)


def say_hundreds(n: int, rng: random.Random) -> str:
    """0-999 as one number ("femhundratjugoåtta", "hundranittiotvå")."""
    if n < 100:
        return say_number(n, rng).replace(" ", "")
    hundreds, rest = divmod(n, 100)
    head = ("" if hundreds == 1 and rng.random() < 0.5 else UNITS[hundreds]) + "hundra"
    return head + (say_number(rest, rng).replace(" ", "") if rest else "")


def say_date(yyyymmdd: str, rng: random.Random) -> str:
    """A birth date with its month named: 'den åttonde november nittiotre', '8 november 1993'."""
    y, m, d = yyyymmdd[:4], int(yyyymmdd[4:6]), int(yyyymmdd[6:8]) % 60 or 1
    if rng.random() < 0.5:
        return f"den {d} {MONTHS[m - 1]} {y}"
    return f"{rng.choice(['den ', ''])}{ordinal(d)} {MONTHS[m - 1]} {say_pairs(y[2:], rng)}"


def say_digits(digits: str) -> str:
    return " ".join(UNITS[int(d)] for d in digits)


def hesitate(spoken: str, rng: random.Random) -> str:
    """A speaker pausing inside a number: a filler, or ASR's comma/"..." between two words."""
    words = spoken.split(" ")
    if len(words) < 3 or rng.random() < 0.6:
        return spoken
    k = rng.randrange(1, len(words))
    pause = rng.choice(["eh", "öh", "ehm", "...", ","])
    if pause == ",":
        words[k - 1] += ","
    else:
        words.insert(k, pause)
    return " ".join(words)


def thin_spaces(value: str, rng: random.Random) -> str:
    """Transcripts put U+00A0 / U+202F / U+2009 inside numbers."""
    if rng.random() < 0.2 and " " in value:
        return value.replace(" ", rng.choice(["\u00a0", "\u202f", "\u2009"]))
    return value


# ---- call builder ------------------------------------------------------------------------------


class Call:
    def __init__(self, rng: random.Random, asr: bool):
        self.rng = rng
        self.asr = asr  # lowercase, unpunctuated speech-to-text
        self.lines: list[tuple[str, list]] = []

    def say(self, role: str, *pieces) -> None:
        """Pieces are plain text or (TYPE, text) entities, joined as written."""
        self.lines.append((role, list(pieces)))

    def agent(self, *pieces) -> None:
        self.say("Agent", *pieces)

    def kund(self, *pieces) -> None:
        self.say("Kund", *pieces)

    def render(self) -> tuple[str, list[dict], list[dict]]:
        """(text, entities, hard negatives)."""
        text = ""
        ents: list[dict] = []
        negs: list[dict] = []
        for role, pieces in self.lines:
            text += f"{role}: "
            for p in pieces:
                if isinstance(p, tuple):
                    etype, value = p
                    value = value.lower() if self.asr else value
                    span = {"type": etype.lstrip("-"), "start": len(text), "end": len(text) + len(value)}
                    (negs if etype.startswith("-") else ents).append(span)
                    text += value
                else:
                    text += _asr_plain(p) if self.asr else p
            text = text.rstrip(" ") + "\n"
        return text.rstrip("\n"), ents, negs


def _asr_plain(text: str) -> str:
    """Lowercase without sentence punctuation (decimal commas and "08.00" stay)."""
    out = re.sub(r"[.?!]+(?=\s|$)", "", text.lower())
    return re.sub(r",(?=\s|$)", "", out)


_MARK = re.compile(r"«([A-Z]+)\|([^»]*)»")


def marked(line: str) -> list:
    """Pieces of a line with «TYPE|text» hard-negative marks: ("-TYPE", text) for each."""
    pieces: list = []
    pos = 0
    for m in _MARK.finditer(line):
        if m.start() > pos:
            pieces.append(line[pos : m.start()])
        pieces.append(("-" + m.group(1), m.group(2)))
        pos = m.end()
    if pos < len(line):
        pieces.append(line[pos:])
    return pieces


def filler(rng: random.Random) -> str:
    return rng.choice(["", "", "", "eh ", "öh ", "ehm ", "alltså ", "ja ", "mm "])


# ---- identifiers in the forms people say them --------------------------------------------------


class Gen:
    def __init__(self, rng: random.Random, fake: Faker, pnrs: list[str]):
        self.rng, self.fake, self.pnrs = rng, fake, pnrs

    def person(self) -> tuple[str, str]:
        return self.fake.first_name(), self.fake.last_name()

    def pnr12(self, old: bool = False) -> str:
        pool = [p for p in self.pnrs if p[:2] == "19" and int(p[:4]) < 1925] if old else self.pnrs
        return self.rng.choice(pool)

    def pnr_forms(self, p12: str) -> str:
        r = self.rng
        ten = p12[2:]
        form = r.choice(
            [
                "dash",
                "dash",
                "compact",
                "12",
                "12dash",
                "spaced1",
                "spaced2",
                "spaced3",
                "spoken",
                "spoken",
                "mixed",
                "mixed2",
                "spoken_tail_digits",
                "streck",
            ]
        )
        if form == "dash":
            return f"{ten[:6]}-{ten[6:]}"
        if form == "compact":
            return ten
        if form == "12":
            return p12
        if form == "12dash":
            return f"{p12[:8]}-{p12[8:]}"
        if form == "spaced1":
            return thin_spaces(f"{ten[:6]} {ten[6:]}", r)
        if form == "spaced2":
            return thin_spaces(f"{ten[:2]} {ten[2:4]} {ten[4:6]} {ten[6:8]} {ten[8:]}", r)
        if form == "spaced3":
            return thin_spaces(f"{ten[:2]} {ten[2:4]} {ten[4:6]} {ten[6:]}", r)
        if form == "spoken":
            if r.random() < 0.3:
                return hesitate(f"{say_pairs(p12[:2], r)} {say_pairs(ten, r)}", r)
            return hesitate(say_pairs(ten, r), r)
        if form == "spoken_tail_digits":
            return hesitate(f"{say_pairs(ten[:6], r)} {say_digits(ten[6:])}", r)
        if form == "mixed":
            return f"{ten[:6]} {say_pairs(ten[6:], r)}"
        if form == "streck":  # the dash said aloud
            return (
                f"{ten[:6]} streck {ten[6:]}"
                if r.random() < 0.4
                else f"{say_pairs(ten[:6], r)} streck {say_pairs(ten[6:], r)}"
            )
        return f"{say_pairs(ten[:6], r)} {ten[6:]}"

    def phone(self) -> str:
        r = self.rng
        kind = r.choice(["mobile", "mobile", "mobile", "sthlm", "gbg", "malmo"])
        # PTS fiction series: 070-174 06 05..99, 08-465 004 00..99, 031-390 06 00..99, 040-628 04 00..99
        if kind == "mobile":
            nsn = f"7017406{r.randint(5, 99):02d}"
        elif kind == "sthlm":
            nsn = f"8465004{r.randint(0, 79):02d}"
        elif kind == "gbg":
            nsn = f"3139006{r.randint(0, 99):02d}"
        else:
            nsn = f"4062804{r.randint(0, 99):02d}"
        return nsn

    def phone_form(self, nsn: str) -> str:
        r = self.rng
        if nsn.startswith("7"):
            area, rest = "0" + nsn[:2], nsn[2:]
        else:
            area, rest = ("08", nsn[1:]) if nsn.startswith("8") else ("0" + nsn[:2], nsn[2:])
        if len(rest) == 8:  # 08-465 004 80 or 08-46 50 04 80
            groups = [rest[:3], rest[3:6], rest[6:]] if r.random() < 0.6 else [rest[i : i + 2] for i in range(0, 8, 2)]
        else:  # 070-174 06 55 or 070-17 40 655
            groups = [rest[:3], rest[3:5], rest[5:]] if r.random() < 0.8 else [rest[:2], rest[2:4], rest[4:]]
        grouped = " ".join(groups)
        form = r.choice(["dash", "compact", "intl", "spaced", "dash", "spoken", "digits", "mixed", "0046"])
        if form == "dash":
            return thin_spaces(f"{area}-{grouped}", r)
        if form == "compact":
            return area + rest
        if form == "intl":
            return thin_spaces(f"+46 {area[1:]} {grouped}", r) if r.random() < 0.7 else f"+46{area[1:]}{rest}"
        if form == "0046":
            return f"0046 {area[1:]} {grouped}"
        if form == "spaced":
            return thin_spaces(f"{area} {grouped}", r)
        spoken_groups = " ".join(say_pairs(g, r) if len(g) == 2 else say_digits(g) for g in groups)
        if form == "spoken":
            return hesitate(f"{say_digits(area)} {spoken_groups}", r)
        if form == "digits":
            return hesitate(say_digits(area + rest), r)
        return f"{area} {spoken_groups}"

    def email(self, first: str, last: str) -> tuple[str, str]:
        """(written, spoken) forms of one made-up address."""
        r = self.rng
        f, surname = _ascii(first), _ascii(last)
        dom, tld = r.choice(MAIL_DOMAINS)
        shape = r.choice(["dot", "dot", "plain", "initial", "digits", "under", "dash"])
        year = str(r.randint(60, 99))
        local_w, local_s = {
            "dot": (f"{f}.{surname}", f"{f} punkt {surname}"),
            "plain": (f"{f}{surname}", f"{f}{surname}"),
            "initial": (f"{f[0]}.{surname}", f"{f[0]} punkt {surname}"),
            "digits": (f"{f}{year}", f"{f}{year}"),
            "under": (f"{f}_{surname}", f"{f} understreck {surname}"),
            "dash": (f"{f}-{surname}", f"{f} bindestreck {surname}"),
        }[shape]
        at = r.choice(["snabel-a", "snabel-a", "snabel a", "snabela", "at", "kommersiellt a"])
        written = f"{local_w}@{dom}.{tld}"
        style = r.random()
        if style < 0.55:
            spoken = f"{local_s} {at} {dom} punkt {tld}"
        elif style < 0.8:
            spoken = f"{local_w} {at} {dom}.{tld}"
        else:
            spoken = written
        return written, spoken

    def street(self) -> str:
        r = self.rng
        if r.random() < 0.5:
            return self.fake.street_name()
        return r.choice(STREET_PREFIXES) + r.choice(STREET_SUFFIXES)

    def address(self) -> tuple[str, str, str, bool]:
        """(street line, postal code, town, spoken) -- the street line as said."""
        r = self.rng
        street = self.street()
        no = r.randint(1, 99) if r.random() < 0.85 else r.randint(100, 240)
        spoken = no < 100 and r.random() < 0.35
        num = say_number(no, r) if spoken else str(no)
        letter = r.choice(["", "", "", "A", "B", "C"])
        if letter:
            num += (" " + letter.lower()) if spoken else (letter if r.random() < 0.6 else " " + letter)
        line = f"{street} {num}"
        if r.random() < 0.3:
            flat = f"1{r.randint(0, 3)}{r.randint(0, 1)}{r.randint(1, 9)}"
            line += r.choice([f", lägenhet {flat}", f" lgh {flat}", f", lgh {flat}"])
        town, pattern = r.choice(TOWNS)
        code = pattern.format("".join(r.choice("0123456789") for _ in range(5 - len(pattern) + 2)))
        code = f"{code[:3]} {code[3:]}"
        return line, code, town, spoken

    def bankgiro(self) -> str:
        body = str(self.rng.randint(100000, 9999999))  # 7 or 8 digits with the Luhn digit
        num = body + luhn_digit(body)
        return f"{num[:-4]}-{num[-4:]}"

    def plusgiro(self) -> str:
        body = str(self.rng.randint(10000, 9999999))
        num = body + luhn_digit(body)
        if len(num) >= 6 and self.rng.random() < 0.6:
            head = num[:-1]
            groups = []
            while len(head) > 2:
                groups.insert(0, head[-2:])
                head = head[:-2]
            if head:
                groups.insert(0, head)
            return " ".join(groups) + "-" + num[-1]
        return f"{num[:-1]}-{num[-1]}"

    def bank_account(self) -> str:
        """Swedbank: 5-digit clearing (Luhn over the first four) + 10-digit account (Luhn)."""
        r = self.rng
        clearing = f"8{r.randint(100, 999)}"
        clearing += luhn_digit(clearing)
        body = "".join(r.choice("0123456789") for _ in range(9))
        account = body + luhn_digit(body)
        return r.choice(
            [
                f"{clearing[:4]}-{clearing[4]}, {account[:3]} {account[3:6]} {account[6:9]}-{account[9]}",
                f"{clearing[:4]}-{clearing[4]} {account}",
                f"{clearing} {account}",
            ]
        )

    def card(self) -> str:
        r = self.rng
        body = r.choice(["4", "5"]) + "".join(r.choice("0123456789") for _ in range(14))
        num = body + luhn_digit(body)
        return " ".join(num[i : i + 4] for i in range(0, 16, 4)) if r.random() < 0.7 else num

    def facility(self) -> str:
        body = "735999" + "".join(self.rng.choice("0123456789") for _ in range(11))
        num = body + gs1_digit(body)
        r = self.rng.random()
        if r < 0.5:
            return num
        if r < 0.8:
            return f"{num[:6]} {num[6:9]} {num[9:12]} {num[12:15]} {num[15:]}"
        return f"735 999 {num[6:9]} {num[9:12]} {num[12:15]} {num[15:]}"

    def customer_number(self) -> str:
        body = str(self.rng.randint(100000, 9999999))
        num = body + luhn_digit(body)
        return num if self.rng.random() < 0.6 else f"{num[:-4]} {num[-4:]}"

    def orgnr(self) -> str:
        body = f"55{self.rng.randint(6000000, 9999999)}"
        num = body + luhn_digit(body)
        return f"{num[:6]}-{num[6:]}"

    def ip(self) -> str:
        r = self.rng
        net = r.choice(["192.0.2", "198.51.100", "203.0.113"])
        return f"{net}.{r.randint(2, 254)}"


def _ascii(name: str) -> str:
    table = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u", "Å": "a", "Ä": "a", "Ö": "o"})
    return "".join(ch for ch in name.translate(table).lower() if ch.isalnum())


# ---- hard negatives ------------------------------------------------------------------------


def hard_negative(rng: random.Random) -> tuple[str, str]:
    """(agent line, customer line) full of numbers that are not personal data."""
    kwh = rng.randint(800, 25000)
    amount = rng.randint(150, 9800)
    ore = rng.choice(["89,5", "124,9", "42,30", "67", "151,2"])
    meter = rng.randint(10000, 99999)
    day = rng.randint(1, 28)
    month = rng.choice(MONTHS)
    invoice = f"{rng.randint(2023, 2025)}{rng.randint(1, 12):02d}{rng.randint(10000, 99999)}"
    ocr_body = str(rng.randint(10**9, 10**12))
    ocr = ocr_body + luhn_digit(ocr_body)
    fuse = rng.choice(["16", "20", "25", "35", "50"])
    # «TYPE|text» marks a hard negative: recorded under "negatives" (never redacted, checked by
    # `redactor eval`), written as plain text.
    sp = lambda n: say_thousands(n, rng)  # noqa: E731
    options = [
        (
            f"Din förbrukning förra året var «KWH|{kwh:,} kWh».".replace(",", " "),
            "Okej, och vad kostar det per kilowattimme just nu?",
        ),
        (f"Just nu ligger spotpriset på «PRICE|{ore} öre» per kilowattimme plus påslag.", "Det var dyrt."),
        (
            f"Fakturan på «AMOUNT|{amount} kronor» förföll den «DATE|{day} {month}».",
            f"Jag trodde jag betalade den den «DATE|{rng.randint(1, 28)}:e».",
        ),
        (
            "Vilken mätarställning står det på mätaren?",
            f"Det står «METER|{meter}» ... «METER|{meter // 10:,}» nej «METER|{meter}».".replace(",", " "),
        ),
        (f"Fakturanummer «INVOICE|{invoice}», och OCR-numret är «OCR|{ocr}».", "Ja det är den jag har framför mig."),
        (f"Du har en säkring på «FUSE|{fuse} ampere» idag.", f"Ja det stämmer, «FUSE|{fuse} A»."),
        (f"Du kan alltid ringa vår växel på «COMPANY|{COMPANY_SWITCHBOARD}».", "Bra, tack."),
        (
            f"Betala till bankgiro «COMPANY|{COMPANY_BANKGIRO}», vårt organisationsnummer är «COMPANY|{COMPANY_ORGNR}».",
            "Okej, jag skriver upp det.",
        ),
        (
            f"Det blir «AMOUNT|{amount},{rng.randint(10, 99)} kr» inklusive moms, alltså {rng.randint(20, 25)} procent.",
            "Mm.",
        ),
        (
            f"Vi har öppet mellan klockan «TIME|{rng.choice(['8', '08.00', 'åtta'])}» och "
            f"«TIME|{rng.choice(['17', '16.30', 'fem'])}».",
            "Då ringer jag tillbaka i morgon vid tio.",
        ),
        (
            f"Avläsningen gjordes «DATE|{rng.randint(2023, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}».",
            f"Men jag flyttade in den «DATE|{rng.randint(1, 28)} {month}».",
        ),
        (
            f"Ditt månadsbelopp blir «AMOUNT|{rng.randint(300, 2500)} kronor», «PRICE|{rng.randint(10, 90)} öre» i fast "
            "avgift per dag.",
            f"Och hur många månader, {rng.choice(['tolv', '24', 'sex'])}?",
        ),
        (f"Ring gärna vår kundtjänst på «COMPANY|{COMPANY_SWITCHBOARD_SPOKEN}».", "Jaha, tack."),
        (
            f"Elområde {rng.randint(1, 4)}, och huvudsäkringen är «FUSE|{fuse} ampere».",
            f"Vi har en villa på {rng.randint(90, 220)} kvadrat.",
        ),
        # said in words, as ASR writes them
        ("Vad står det på mätaren nu?", f"Det står «METER|{sp(meter)}» kilowattimmar."),
        (
            f"Det blir «AMOUNT|{sp(amount)} kronor och {say_number(rng.randint(10, 99), rng)} öre».",
            "Okej, det är mer än förra månaden.",
        ),
        ("Och vilket OCR-nummer står det på inbetalningskortet?", f"OCR-numret är «OCR|{say_digits(ocr)}»."),
        (
            f"Fakturan är på «AMOUNT|{sp(amount)} kronor», den förfaller den «DATE|{ordinal(day)} {month}».",
            f"Kan jag dela upp den på {rng.choice(['två', 'tre', 'fyra'])} månader?",
        ),
        (
            "Hur mycket har du förbrukat i år?",
            f"Ungefär «KWH|{sp(kwh)} kilowattimmar», vi har {say_number(rng.randint(2, 6), rng)} barn.",
        ),
        (
            f"Priset är «PRICE|{say_number(rng.randint(30, 99), rng)} komma {say_number(rng.randint(1, 9), rng)} öre» "
            "per kilowattimme i april.",
            f"Och i maj, blir det «PRICE|{say_number(rng.randint(30, 99), rng)} öre» då?",
        ),
        (
            "När flyttade du in?",
            f"«DATE|Den {ordinal(day)} {month} {rng.choice(['tjugotjugofyra', 'tvåtusen tjugofyra', 'tjugofyra'])}», "
            f"vid «TIME|{say_number(rng.randint(1, 12), rng)}» tiden.",
        ),
        (
            "Vilken säkring har du?",
            f"«FUSE|{say_number(int(fuse), rng).capitalize()} ampere» tror jag, huset är byggt "
            f"«DATE|nittonhundra{say_number(rng.randint(20, 99), rng).replace(' ', '')}».",
        ),
    ]
    return rng.choice(options)


# Days of the month as said; the first twenty are the generator's.
ORDINALS = [
    *ORDINAL_DAYS,
    "tjugoförsta",
    "tjugoandra",
    "tjugotredje",
    "tjugofjärde",
    "tjugofemte",
    "tjugosjätte",
    "tjugosjunde",
    "tjugoåttonde",
    "tjugonionde",
    "trettionde",
    "trettioförsta",
]


def ordinal(day: int) -> str:
    return ORDINALS[day - 1]


def say_thousands(n: int, rng: random.Random) -> str:
    """An amount or reading as said: 'fyrtiofem tusen åttahundrasjuttiotvå', 'tolvhundrafemtio'."""
    thousands, rest = divmod(n, 1000)
    hundreds, small = divmod(rest, 100)
    parts = []
    if thousands:
        parts.append(
            ("" if thousands == 1 and rng.random() < 0.5 else say_number(thousands, rng).replace(" ", "")) + "tusen"
        )
    if hundreds:
        parts.append(("ett" if hundreds == 1 else UNITS[hundreds]) + "hundra")
    if small:
        parts.append(say_number(small, rng).replace(" ", ""))
    return " ".join(parts) if parts else "noll"


# ---- call scenarios ----------------------------------------------------------------------------


def make_call(idx: int, rng: random.Random, gen: Gen) -> tuple[str, list[dict], list[dict]]:
    asr = rng.random() < 0.35
    c = Call(rng, asr)
    agent = rng.choice(AGENTS)
    first, last = gen.person()
    full = f"{first} {last}"
    f = lambda: filler(rng)  # noqa: E731

    c.agent(f"{COMPANY}, du pratar med ", ("PERSON", agent), ", vad kan jag hjälpa dig med?")
    opener = rng.random()
    if opener < 0.5:
        c.kund(f"Hej, {f()}det är ", ("PERSON", full), ". Jag ringer om min faktura.")
    elif opener < 0.8:
        c.kund(f"Ja hej, {f()}jag har en fråga om mitt avtal.")
        c.agent("Absolut. Vad heter du?")
        c.kund(f"{f()}", ("PERSON", full), ".")
    else:
        c.kund(f"Hej hej, {f()}jag skulle vilja flytta mitt elavtal.")

    # Identification: personnummer, possibly split over two turns, read back.
    old = rng.random() < 0.06
    p12 = gen.pnr12(old)
    c.agent(
        rng.choice(
            [
                "Kan jag få ditt personnummer?",
                "Vad har du för personnummer?",
                "Då behöver jag ditt personnummer, tolv siffror eller tio.",
            ]
        )
    )
    if old:
        ten = p12[2:]
        pn = f"{ten[:6]}+{ten[6:]}"
        # the year of birth said beside it is personal data too
        c.kund(f"{f()}Det är ", ("SE_PERSONNUMMER", pn), ", jag är född ", ("SE_PERSONNUMMER", p12[:4]), ".")
    elif rng.random() < 0.2:
        ten = p12[2:]
        head = ten[:6] if rng.random() < 0.5 else say_pairs(ten[:6], rng)
        tail = ten[6:] if rng.random() < 0.5 else say_pairs(ten[6:], rng)
        c.kund(f"{f()}", ("SE_PERSONNUMMER", head))
        c.agent(rng.choice(["Mm.", "Ja?", "Och sista fyra?"]))
        c.kund(("SE_PERSONNUMMER", tail), ".")
    else:
        c.kund(f"{f()}", ("SE_PERSONNUMMER", gen.pnr_forms(p12)), rng.choice([".", ", stämmer det?", ""]))
    if rng.random() < 0.4:
        ten = p12[2:]
        rb = f"{ten[:6]}-{ten[6:]}" if rng.random() < 0.5 else say_pairs(ten, rng)
        c.agent("Jag upprepar: ", ("SE_PERSONNUMMER", rb), ". Och du heter ", ("PERSON", full), "?")
        c.kund("Ja, det stämmer.")
    else:
        c.agent("Tack ", ("PERSON", first), rng.choice([", då har jag dig här.", ". Ett ögonblick."]))

    scenarios = rng.sample(
        [
            "move",
            "contact",
            "autogiro",
            "invoice",
            "facility",
            "dodsbo",
            "company",
            "card",
            "meter",
            "ip",
            "customer_no",
            "relative",
        ],
        k=rng.randint(3, 5),
    )
    for sc in scenarios:
        if rng.random() < 0.7:
            a, k = hard_negative(rng)
            c.agent(*marked(a))
            c.kund(*marked(k))
        if sc == "move":
            line, code, town, spoken = gen.address()
            c.agent("Vilken adress flyttar du till?")
            if spoken or asr:
                digits = code.replace(" ", "")
                said = f"{say_digits(digits[:3])} {say_pairs(digits[3:], rng)}" if rng.random() < 0.5 else code
                c.kund(f"{f()}", ("SE_ADDRESS", line), " ", ("SE_POSTAL_CODE", said), " ", ("LOCATION", town), ".")
            else:
                c.kund(
                    f"{f()}Det är ", ("SE_ADDRESS", line), ", ", ("SE_POSTAL_CODE", code), " ", ("LOCATION", town), "."
                )
            if rng.random() < 0.5:
                c.agent(
                    "Så ",
                    ("SE_ADDRESS", line),
                    " i ",
                    ("LOCATION", town),
                    ", från den ",
                    f"{rng.randint(1, 28)} {rng.choice(['mars', 'april', 'maj', 'juni'])}?",
                )
                c.kund("Ja precis.")
        elif sc == "contact":
            written, spoken = gen.email(first, last)
            nsn = gen.phone()
            c.agent("Vilket telefonnummer når vi dig på?")
            if rng.random() < 0.2:
                form = gen.phone_form(nsn)
                parts = [p for p in re.split(r"[ \u00a0\u202f\u2009]", form) if p not in ("eh", "öh", "ehm", "...")]
                while len(parts) < 2:  # one block: say it grouped instead
                    form = gen.phone_form(nsn)
                    parts = [p for p in re.split(r"[ \u00a0\u202f\u2009]", form) if p not in ("eh", "öh", "ehm", "...")]
                parts = [p.rstrip(",") for p in parts]
                cut = max(1, len(parts) // 2)
                c.kund(("PHONE_NUMBER", " ".join(parts[:cut])), " ...")
                c.agent("Ja?")
                c.kund(("PHONE_NUMBER", " ".join(parts[cut:])), ".")
            else:
                c.kund(f"{f()}", ("PHONE_NUMBER", gen.phone_form(nsn)), ".")
            if rng.random() < 0.35:
                c.agent("Jag läser upp det: ", ("PHONE_NUMBER", gen.phone_form(nsn)), ".")
            c.agent("Och din e-postadress?")
            c.kund(f"{f()}Det är ", ("EMAIL_ADDRESS", spoken), ".")
            if rng.random() < 0.4:
                c.agent("Alltså ", ("EMAIL_ADDRESS", written), "?")
                c.kund("Ja.")
        elif sc == "autogiro":
            c.agent("Vill du betala med autogiro? Då behöver jag clearingnummer och kontonummer.")
            if rng.random() < 0.5:
                c.kund(f"{f()}Swedbank, ", ("SE_BANK_ACCOUNT", gen.bank_account()), ".")
            else:
                c.kund(f"{f()}Jag har IBAN ", ("IBAN_CODE", _group_iban(gen.iban(), rng)), ".")
        elif sc == "invoice":
            c.kund(f"{f()}Jag har betalat för mycket. Kan ni sätta tillbaka pengarna?")
            c.agent("Absolut, vart ska vi betala ut överskottet?")
            if rng.random() < 0.5:
                c.kund("Till min firmas bankgiro, ", ("SE_BANKGIRO", gen.bankgiro()), ".")
            else:
                c.kund(f"{f()}Jag har plusgiro, ", ("SE_PLUSGIRO", gen.plusgiro()), ".")
        elif sc == "facility":
            c.agent("Har du anläggnings-id:t? Det står på din faktura, arton siffror som börjar på 735999.")
            c.kund(f"{f()}Ja, ", ("SE_FACILITY_ID", gen.facility()), ".")
        elif sc == "dodsbo":
            df, dl = gen.person()
            p_dead = gen.pnr12()
            c.kund(f"{f()}Det gäller också min pappas dödsbo. Han hette ", ("PERSON", f"{df} {dl}"), ".")
            c.agent("Jag beklagar. Har du hans personnummer?")
            c.kund(("SE_PERSONNUMMER", gen.pnr_forms(p_dead)), ".")
            c.agent("Tack. Dödsboet efter ", ("PERSON", f"{df} {dl}"), " får en slutfaktura.")
        elif sc == "company":
            c.kund(
                "Jag har även en firma, ",
                f"{last} Bygg AB, organisationsnummer ",
                ("SE_ORGANISATIONSNUMMER", gen.orgnr()),
                ".",
            )
            c.agent("Då lägger jag det på företagsavtalet.")
        elif sc == "card":
            c.agent("Vill du betala direkt med kort?")
            c.kund(f"{f()}Ja, ", ("CREDIT_CARD", gen.card()), ".")
            c.agent("Och giltighetstiden?")
            c.kund(("CREDIT_CARD", f"{rng.randint(1, 12):02d}/{rng.randint(26, 30)}"), ".")  # card data too
            c.agent(f"Tack, dragningen på {rng.randint(200, 3000)} kronor är gjord.")
        elif sc == "meter":
            c.kund(f"{f()}Mätarställningen idag var {rng.randint(10000, 99999)} kilowattimmar.")
            c.agent("Tack, jag registrerar den.")
        elif sc == "ip":
            c.agent("Appen loggar din IP-adress vid inloggning. Ser du någon adress där?")
            c.kund(f"{f()}Det står ", ("IP_ADDRESS", gen.ip()), ".")
        elif sc == "customer_no":
            c.agent("Har du ditt kundnummer?")
            c.kund(f"{f()}Kundnumret är ", ("CUSTOMER_NUMBER", gen.customer_number()), ".")
        elif sc == "relative":
            rf, rl = gen.person()
            c.kund(f"{f()}Min sambo ", ("PERSON", f"{rf} {rl}"), " ska också stå på avtalet.")
            c.agent("Då behöver jag ", ("PERSON", rf), "s personnummer också.")
            c.kund(("SE_PERSONNUMMER", gen.pnr_forms(gen.pnr12())), ".")
    c.agent("Var det något mer jag kan hjälpa dig med, ", ("PERSON", first), "?")
    c.kund(rng.choice(["Nej, det var allt. Tack så mycket.", "Nej tack, hej då.", "Nej det var bra så. Hej."]))
    return c.render()


# ---- cross-turn calls (issue 13) ------------------------------------------------------------------

# Made-up people of many origins: the name model has seen few such names, the turn's shape shows them.
WORLD_FIRST = [
    "Giorgos",
    "Donya",
    "Nguyen Thi",
    "Oluwaseun",
    "Aleksandra",
    "Mehmet",
    "Fatima",
    "Dariusz",
    "Mirela",
    "Abdirahman",
    "Svetlana",
    "Tenzin",
    "Ayşe",
    "Juha",
    "Amani",
    "Raúl",
    "Ngozi",
    "Hamid",
]
WORLD_LAST = [
    "Papadopoulos",
    "Rahimi",
    "Lan",
    "Adeyemi",
    "Kowalczyk",
    "Yilmaz",
    "Haddad",
    "Nowak",
    "Popescu",
    "Warsame",
    "Ivanova",
    "Dorje",
    "Korhonen",
    "Mwangi",
    "Etxeberria",
    "Okafor",
    "Tehrani",
    "Osei",
]


def make_dialogue_call(idx: int, rng: random.Random, gen: Gen) -> tuple[str, list[dict], list[dict]]:
    """Values given across turns: fragments in the turn after the question, numbers split by a
    back-channel, answers two turns later, read-backs in another form, self-introductions."""
    asr = rng.random() < 0.3
    c = Call(rng, asr)
    agent = rng.choice(AGENTS)
    first, last = rng.choice(WORLD_FIRST), rng.choice(WORLD_LAST)
    c.agent(f"{COMPANY}, du pratar med ", ("PERSON", agent), ".")
    c.kund(
        *rng.choice(
            [
                [("Hej, "), ("PERSON", f"{first} {last}"), ", jag äger huset på landet."],
                [("Hej, "), ("PERSON", f"{first} {last}"), "."],
                [("Jag heter "), ("PERSON", f"{first} {last}"), ". Eller ", ("PERSON", first), " räcker."],
            ]
        )
    )
    f = lambda: filler(rng)  # noqa: E731
    wait = lambda: c.kund(rng.choice(["Vänta lite.", "Ett ögonblick, jag letar.", "Jag ska bara hämta kortet."]))  # noqa: E731
    scenes = rng.sample(
        [
            "split_pnr",
            "birth_date",
            "last_four",
            "phone_split",
            "postal",
            "bankgiro",
            "clearing",
            "customer",
            "ip",
            "late_answer",
            "repeat",
            "birth_date_month",
            "correction",
            "slow_last_four",
        ],
        k=rng.randint(4, 6),
    )
    for sc in scenes:
        if rng.random() < 0.5:
            a, k = hard_negative(rng)
            c.agent(*marked(a))
            c.kund(*marked(k))
        ten = gen.pnr12()[2:]
        if sc == "split_pnr":
            c.agent("Vad har du för personnummer?")
            c.kund(f(), ("SE_PERSONNUMMER", ten[:6] if rng.random() < 0.5 else say_pairs(ten[:6], rng)))
            c.agent(rng.choice(["Mm.", "Ja?", "Och sista fyra?"]))
            c.kund(("SE_PERSONNUMMER", ten[6:] if rng.random() < 0.5 else say_pairs(ten[6:], rng)), ".")
        elif sc == "birth_date":
            c.agent("Och ditt födelsedatum?")
            p12 = gen.pnr12()
            c.kund(f(), ("SE_PERSONNUMMER", rng.choice([p12[:8], p12[2:8], say_pairs(p12[2:8], rng)])), ".")
        elif sc == "last_four":
            c.agent("Och de fyra sista?")
            c.kund(f(), ("SE_PERSONNUMMER", ten[6:] if rng.random() < 0.4 else say_pairs(ten[6:], rng)), ".")
        elif sc == "phone_split":
            nsn = gen.phone()
            digits = "0" + nsn
            c.agent("Och ditt telefonnummer?")
            c.kund(("PHONE_NUMBER", say_digits(digits[:3])))
            c.agent(rng.choice(["Ja?", "Mm.", "Fortsätt."]))
            c.kund(("PHONE_NUMBER", say_pairs(digits[3:], rng) if rng.random() < 0.5 else digits[3:]), ".")
        elif sc == "postal":
            _, code, town, _ = gen.address()
            digits = code.replace(" ", "")
            c.agent("Och postnumret?")
            c.kund(
                f(),
                ("SE_POSTAL_CODE", rng.choice([code, f"{say_digits(digits[:3])} {say_pairs(digits[3:], rng)}"])),
                ".",
            )
        elif sc == "bankgiro":
            bg = gen.bankgiro()
            d = bg.replace("-", "")
            c.agent("Och det nya bankgironumret?")
            if rng.random() < 0.5:
                wait()
            head = say_hundreds(int(d[:3]), rng) if len(d) == 7 and d[0] != "0" else say_pairs(d[:-4], rng)
            said = rng.choice([bg, ", ".join([head, say_pairs(d[-4:-2], rng), say_pairs(d[-2:], rng)])])
            c.kund(f(), ("SE_BANKGIRO", said), ".")
            c.agent("Så ", ("SE_BANKGIRO", bg), "?")
            c.kund("Ja.")
        elif sc == "clearing":
            acct = gen.bank_account()
            digits = re.sub(r"\D", "", acct)
            if rng.random() < 0.5:
                c.agent("Clearingnummer?")
                c.kund(f(), ("SE_BANK_ACCOUNT", digits[:4]), ".")
                c.agent("Och kontonumret?")
                c.kund(
                    f(), ("SE_BANK_ACCOUNT", " ".join(digits[4 + i : 7 + i] for i in range(0, len(digits) - 4, 3))), "."
                )
            else:
                c.agent("Vilket konto ska pengarna till?")
                c.kund(
                    "Clearing och konto är ",
                    ("SE_BANK_ACCOUNT", f"{digits[:4]} {digits[4:6]} {digits[6:9]} {digits[9:]}"),
                    ".",
                )
        elif sc == "customer":
            c.agent("Kundnumret?")
            c.kund(f(), ("CUSTOMER_NUMBER", say_digits(re.sub(r"\D", "", gen.customer_number()))), ".")
        elif sc == "ip":
            ip = gen.ip()
            c.agent("Vilken IP-adress står det i routern?")
            c.kund(("IP_ADDRESS", " punkt ".join(say_hundreds(int(p), rng) for p in ip.split("."))), ".")
        elif sc == "repeat":
            # the agent asks for the value again: it comes back in words, maybe in two parts
            c.agent(rng.choice(["Vad har du för personnummer?", "Och ditt personnummer?"]))
            c.kund(f(), ("SE_PERSONNUMMER", f"{ten[:6]}-{ten[6:]}"), ".")
            c.agent(rng.choice(["Och det i ord?", "Förlåt, kan du ta det igen?", "Ursäkta, en gång till?"]))
            if rng.random() < 0.5:
                c.kund(("SE_PERSONNUMMER", say_pairs(ten[:6], rng)))
                c.agent(rng.choice(["Mm.", "Ja?", "Och resten?"]))
                c.kund(("SE_PERSONNUMMER", say_pairs(ten[6:], rng)), ".")
            else:
                c.kund(("SE_PERSONNUMMER", say_pairs(ten, rng)), ".")
        elif sc == "birth_date_month":
            c.agent(rng.choice(["Och ditt födelsedatum?", "När är du född?"]))
            c.kund(f(), ("SE_PERSONNUMMER", say_date(gen.pnr12()[:8], rng)), ".")
        elif sc == "correction":
            # a value corrected after it was given: both forms are the customer's
            _, code, _, _ = gen.address()
            wrong = code[:-2] + code[-1] + code[-2]
            c.agent("Och postnumret?")
            fix = rng.choice([", nej förlåt, det var ", ", nej vänta, det är "])
            c.kund(f(), ("SE_POSTAL_CODE", wrong), fix, ("SE_POSTAL_CODE", code), ".")
        elif sc == "slow_last_four":
            c.agent("Och de fyra sista?")
            c.kund(rng.choice(["Vänta, jag ska bara ta fram körkortet.", "Öh, vänta lite."]))
            c.agent(rng.choice(["Inga problem, ta den tid du behöver.", "Har du dem?", "Ingen brådska."]))
            c.kund(f(), ("SE_PERSONNUMMER", ten[6:] if rng.random() < 0.5 else say_pairs(ten[6:], rng)), ".")
        elif sc == "late_answer":
            c.agent("Och kundnumret, har du det?")
            wait()
            c.agent(rng.choice(["Inga problem.", "Mm.", "Ta den tid du behöver."]))
            c.kund(f(), ("CUSTOMER_NUMBER", re.sub(r"\D", "", gen.customer_number())), ".")
    c.agent("Tack ", ("PERSON", first.split()[0]), ", då är allt klart.")
    c.kund("Tack, hej då.")
    return c.render()


def _group_iban(iban: str, rng: random.Random) -> str:
    return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4)) if rng.random() < 0.6 else iban


Gen.iban = lambda self: iban_se(self.rng)  # type: ignore[attr-defined]


def build(n_calls: int = 80, seed: int = 3, dialogue: bool = False) -> list[dict]:
    rng = random.Random(seed)
    fake = Faker("sv_SE")
    fake.seed_instance(seed)
    pnrs = [ln.strip() for ln in PNR_FILE.read_text("utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    gen = Gen(rng, fake, pnrs)
    out = []
    for i in range(n_calls):
        text, ents, negs = (make_dialogue_call if dialogue else make_call)(i, rng, gen)
        out.append({"id": f"{'dlg' if dialogue else 'dev'}-{i:03d}", "text": text, "entities": ents, "negatives": negs})
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--calls", type=int, default=80)
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--dialogue", action="store_true", help="cross-turn calls (bench/data/dev_dialogue.jsonl)")
    args = ap.parse_args(argv)
    args.out = args.out or (DIALOGUE_OUT if args.dialogue else OUT)
    docs = build(args.calls, args.seed, args.dialogue)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps(d, ensure_ascii=False) + "\n")
    n_ents = sum(len(d["entities"]) for d in docs)
    print(f"wrote {len(docs)} calls, {n_ents} entities to {args.out}")


if __name__ == "__main__":
    main()
