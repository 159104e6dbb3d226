"""Odd characters, odd separators, forgotten fields: how many values stay readable after ingest.

    .venv/bin/python -m bench.odd_forms [--random N] [--seed S] [--json] [--show]

Builds calls that each carry one value — a Skatteverket test personnummer, a PTS fiction-series
phone number or a made-up e-mail address — in an odd written form (digits of other scripts,
invisible characters, dash variants, dots, slashes, tabs, line breaks, digit-by-digit and triple
groupings, "＠", "。", "[at]", Cyrillic look-alikes, combining accents) and in one field of one of the two
export shapes (transcript turn, title, digest, summary, participant, metadata value, metadata
key, role, language, status, segment text, words, speaker). Two sets: every form from issue 14 in
every field ("listed"), and N random combinations ("random"). The calls go through the scheduled
job into a local lake; every string of every stored Parquet table is read back and a value counts
as leaked when its digits (folded to ASCII, all other characters dropped) or its folded e-mail
address stand in any stored string. Quarantined calls are counted apart (nothing stored).

The form builders are shared with tests/pipeline/test_odd_forms.py (Hypothesis).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from recognizers.fold import ascii_digits, fold_text
from redactor.evaluation_pipeline import stored_strings

DATA = Path(__file__).resolve().parent / "data"
PERSONNUMMER = [
    ln.strip()
    for ln in (DATA / "skatteverket_testpersonnummer.txt").read_text("utf-8").splitlines()
    if ln.strip() and not ln.startswith("#")
]
# PTS fiction series (bench/generate.py): 070-1740605..99, 031-3900600..99, 040-6280400..99.
PHONES = (
    [f"070174{n:04d}" for n in range(605, 700)]
    + [f"0313900{n:03d}" for n in range(600, 700)]
    + [f"0406280{n:03d}" for n in range(400, 500)]
)
EMAILS = ["vendela.qvist@telia.se", "oskar.lindqvist@exempel.se", "maja.holmgren@example.com"]

# Zero digit of each digit alphabet (ten consecutive code points).
ALPHABETS = {
    "ascii": "0",
    "fullwidth": "\uff10",
    "arabic-indic": "\u0660",
    "persian": "\u06f0",
    "devanagari": "\u0966",
    "bengali": "\u09e6",
    "math-bold": "\U0001d7ce",
    "math-monospace": "\U0001d7f6",
}
INVISIBLES = {
    "none": "",
    "zwj": "\u200d",
    "zwnj": "\u200c",
    "word-joiner": "\u2060",
    "lrm": "\u200e",
    "cgj": "\u034f",
    "combining-acute": "\u0301",
    "vs16": "\ufe0f",
    "zwsp": "\u200b",
    "soft-hyphen": "\u00ad",
}
SEPARATORS = {
    "hyphen": "-",
    "en-dash": "\u2013",
    "em-dash": "\u2014",
    "u2010": "\u2010",
    "nb-hyphen": "\u2011",
    "minus": "\u2212",
    "fullwidth-hyphen": "\uff0d",
    "space": " ",
    "nbsp": "\u00a0",
    "tab": "\t",
    "newline": "\n",
    "dot": ".",
    "slash": "/",
    "underscore": "_",
    "spaced-en-dash": " \u2013 ",
    "none": "",
}
# How the digits are grouped: sizes of consecutive groups (None: the personnummer's date/serial split).
GROUPINGS = {
    "6+4": (6, 4),
    "digit-by-digit": (1,) * 10,
    "triples": (3, 3, 3, 1),
    "pairs": (2,) * 5,
    "3+3+2+2": (3, 3, 2, 2),
    "compact": (10,),
}


@dataclass(frozen=True)
class Form:
    alphabet: str = "ascii"
    separator: str = "hyphen"
    invisible: str = "none"
    grouping: str = "6+4"
    century: bool = False  # personnummer: 12 digits

    @property
    def label(self) -> str:
        return f"{self.alphabet}/{self.separator}/{self.invisible}/{self.grouping}" + ("/12" if self.century else "")


def in_alphabet(digits: str, alphabet: str) -> str:
    zero = ord(ALPHABETS[alphabet])
    return "".join(chr(zero + int(d)) for d in digits)


def render(digits: str, form: Form) -> str:
    """The digits grouped, separated, in another script, with an invisible character inside each group."""
    sizes = GROUPINGS[form.grouping]
    if len(digits) == 12:  # the century goes in front of the first group
        sizes = (sizes[0] + 2,) + sizes[1:]
    groups, pos = [], 0
    for size in sizes:
        groups.append(digits[pos : pos + size])
        pos += size
    inv = INVISIBLES[form.invisible]
    parts = [
        inv.join(in_alphabet(d, form.alphabet) for d in g) if inv and len(g) > 1 else in_alphabet(g, form.alphabet)
        for g in groups
        if g
    ]
    return SEPARATORS[form.separator].join(parts)


def personnummer_form(pnr12: str, form: Form) -> str:
    return render(pnr12 if form.century else pnr12[2:], form)


EMAIL_FORMS = {
    "plain": lambda e: e,
    "fullwidth-at": lambda e: e.replace("@", "\uff20"),
    "small-at": lambda e: e.replace("@", "\ufe6b"),
    "ideographic-stop": lambda e: e[::-1].replace(".", "\u3002", 1)[::-1],
    "cyrillic-o-e": lambda e: e.replace("o", "\u043e").replace("e", "\u0435"),
    "combining-accents": lambda e: e.replace("e", "e\u0301").replace("a", "a\u0300"),
    "zero-width": lambda e: e.replace(".", "\u200b.").replace("@", "@\u200d"),
    "bracketed": lambda e: e.replace("@", " [at] ")[::-1].replace(".", " ]tod[ ", 1)[::-1],
    "parenthesised-at": lambda e: e.replace("@", "(at)"),
}
PHONE_LAYOUTS = {
    "standard": lambda d: f"{d[:3]}-{d[3:6]} {d[6:8]} {d[8:]}",
    "brackets": lambda d: f"({d[:3]}) {d[3:6]} {d[6:8]} {d[8:]}",
    "spaced-en-dash": lambda d: f"{d[:3]} \u2013 {d[3:6]} {d[6:8]} {d[8:]}",
    "international": lambda d: f"+46 {d[1:3]} {d[3:6]} {d[6:8]} {d[8:]}",
}

# ---- calls carrying one value in one field --------------------------------------------------

KLANG_FIELDS = (
    "content",
    "title",
    "digest",
    "summary",
    "participant",
    "extra_value",
    "extra_key",
    "nested_key",
    "status",
    "source_language",
    "document",
)
SEGMENTED_FIELDS = (
    "segment_text",
    "words",
    "role",
    "speaker",
    "language",
    "language_code",
    "status",
    "extra_value",
    "extra_key",
    "title",
    "summary",
)
FIELDS = tuple(f"klang.{f}" for f in KLANG_FIELDS) + tuple(f"segmented.{f}" for f in SEGMENTED_FIELDS)
_ASK = {
    "pnr": "Vad är ditt personnummer?",
    "phone": "Vilket telefonnummer når vi dig på?",
    "email": "Vilken mejladress har du?",
}
_SAY = {"pnr": "Mitt personnummer är {v}.", "phone": "Mitt telefonnummer är {v}.", "email": "Min mejl är {v}."}


def call_with(kind: str, value: str, field: str, cid: str) -> dict:
    """A call whose only personal data is `value` (kind pnr/phone/email) in `field` (one of FIELDS)."""
    shape, name = field.split(".", 1)
    said = _SAY[kind].format(v=value)
    if shape == "klang":
        content = (
            f"[00:00:01] Agent: Norrsken Energi, hej! {_ASK[kind]}\n[00:00:05] Kund: "
            + (said if name == "content" else "Det kan jag ta sen.")
            + "\n[00:00:09] Agent: Tack, då är det noterat."
        )
        source = {
            "type": "transcript",
            "duration_seconds": 30,
            "language": "swe",
            "participants": [],
            "content": content,
        }
        rec: dict = {
            "id": cid,
            "title": "Fakturafråga",
            "created_at": "2026-11-20T10:00:00Z",
            "status": "ready",
            "digest": "Kunden undrar över fakturan.",
            "summary": "Kunden ringde om fakturan.",
            "sources": [source],
        }
        if name in ("title", "digest", "summary"):
            rec[name] = said
        elif name == "participant":
            source["participants"] = [{"name": value}]
        elif name == "extra_value":
            rec["caller_number"] = value
        elif name == "extra_key":
            rec["contacts"] = {value: "kund"}
        elif name == "nested_key":
            rec["crm"] = {"links": [{value: {"note": "kund"}}]}
        elif name == "status":
            rec["status"] = value
        elif name == "source_language":
            source["language"] = value
        elif name == "document":
            rec["sources"].append({"type": "document", "content": said, "language": value})
        return rec
    turn = said if name == "segment_text" else "Det kan jag ta sen."
    segments = [
        {"speaker": "spk_0", "role": "agent", "start": 0.0, "end": 2.0, "text": f"Norrsken Energi. {_ASK[kind]}"},
        {
            "speaker": value if name == "speaker" else "spk_1",
            "role": value if name == "role" else "customer",
            "start": 2.0,
            "end": 6.0,
            "text": turn,
        },
    ]
    if name == "words":  # in the word list only (the text and the words disagree)
        segments[1]["words"] = [
            {"word": w, "start": 2.0 + k * 0.3, "end": 2.2 + k * 0.3} for k, w in enumerate(said.split(" "))
        ]
    rec = {
        "call_id": cid,
        "created_at": "2026-11-21T09:00:00Z",
        "duration": 6.0,
        "queue": "Privat",
        "direction": "inbound",
        "segments": segments,
        "language": "sv",
    }
    if name in ("language", "language_code", "status", "title", "summary"):
        rec[name] = said if name in ("title", "summary") else value
    elif name == "extra_value":
        rec["caller_number"] = value
    elif name == "extra_key":
        rec["contacts"] = {value: "kund"}
    return rec


# ---- what a reader of the lake sees ---------------------------------------------------------


def digit_keys(kind: str, canonical: str) -> set[str]:
    """Digit strings that make the value readable: a personnummer's 10 digits, a phone's national number."""
    if kind == "pnr":
        return {canonical[2:]}
    if kind == "phone":
        return {canonical[1:]}
    return set()


def readable(kind: str, canonical: str, strings: list[str]) -> bool:
    """The value stands in one of the strings, read as a person reads it."""
    if kind == "email":
        local = canonical.split("@")[0]
        return any(local in fold_text(s).lower() for s in strings)
    keys = digit_keys(kind, canonical)
    return any(k in ascii_digits(s) for s in strings for k in keys)


# ---- the cases ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    kind: str  # pnr / phone / email
    canonical: str  # 12-digit personnummer, 10-digit national phone with trunk 0, e-mail
    form: str  # label of the written form
    text: str  # the value as written
    field: str


def listed_cases() -> list[Case]:
    """Every form issue 14 lists, in every field."""
    pnr = PERSONNUMMER[7]
    forms = [Form(alphabet=a) for a in ALPHABETS if a != "ascii"]
    forms += [Form(invisible=i) for i in INVISIBLES if i != "none"]
    forms += [
        Form(separator=s)
        for s in (
            "en-dash",
            "em-dash",
            "u2010",
            "nb-hyphen",
            "minus",
            "fullwidth-hyphen",
            "tab",
            "newline",
            "dot",
            "slash",
            "underscore",
        )
    ]
    forms += [Form(separator="space", grouping=g) for g in ("digit-by-digit", "triples")]
    values = [("pnr", pnr, f.label, personnummer_form(pnr, f)) for f in forms]
    phone = PHONES[0]
    values += [("phone", phone, f"phone/{k}", fn(phone)) for k, fn in PHONE_LAYOUTS.items()]
    values += [("email", EMAILS[0], f"email/{k}", fn(EMAILS[0])) for k, fn in EMAIL_FORMS.items()]
    return [Case(kind, canon, label, text, field) for kind, canon, label, text in values for field in FIELDS]


def random_cases(n: int, seed: int) -> list[Case]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        field = rng.choice(FIELDS)
        kind = rng.choice(["pnr", "pnr", "phone", "email"])
        if kind == "email":
            name, fn = rng.choice(list(EMAIL_FORMS.items()))
            email = rng.choice(EMAILS)
            out.append(Case(kind, email, f"email/{name}", fn(email), field))
            continue
        form = Form(
            rng.choice(list(ALPHABETS)),
            rng.choice(list(SEPARATORS)),
            rng.choice(list(INVISIBLES)),
            rng.choice(list(GROUPINGS)),
            century=kind == "pnr" and rng.random() < 0.3,
        )
        if kind == "pnr":
            pnr = rng.choice(PERSONNUMMER)
            out.append(Case(kind, pnr, form.label, personnummer_form(pnr, form), field))
        else:
            phone = rng.choice(PHONES)
            out.append(Case(kind, phone, f"phone/{form.label}", render(phone, form), field))
    return out


def run(cases: list[Case], workdir: Path, pipeline=None, config=None) -> dict:
    """Ingest one call per case through the scheduled job; count readable values in the lake."""
    from redactor.config import Config
    from redactor.ingest.parse import make_call_id
    from redactor.jobs.ingest import run_job
    from redactor.pipeline import Pipeline
    from redactor.store.lake import Lake

    config = config or Config.load()
    pipeline = pipeline or Pipeline(config)
    landing = workdir / "landing"
    landing.mkdir(parents=True, exist_ok=True)
    with open(landing / "odd-forms.jsonl", "w", encoding="utf-8") as fh:
        for i, c in enumerate(cases):
            fh.write(json.dumps(call_with(c.kind, c.text, c.field, f"odd_{i:05d}"), ensure_ascii=False) + "\n")
    store = str(workdir / "lake")
    report = run_job([str(landing)], config, store, pipeline, report_to_store=False)
    lake = Lake.from_config(config, store, pipeline.version)
    stored = stored_strings(lake)
    leaks, quarantined = [], 0
    for i, c in enumerate(cases):
        cid = make_call_id("klang" if c.field.startswith("klang.") else "segmented", f"odd_{i:05d}")
        if cid not in stored:
            quarantined += 1
        elif readable(c.kind, c.canonical, stored[cid]):
            leaks.append(c)
    return {
        "cases": len(cases),
        "stored": len(cases) - quarantined,
        "quarantined": quarantined,
        "leaks": len(leaks),
        "leaked": leaks,
        "job_status": report.status,
    }


def summarise(name: str, result: dict, show: bool) -> dict:
    fields: dict[str, int] = {}
    forms: dict[str, int] = {}
    for c in result["leaked"]:
        fields[c.field] = fields.get(c.field, 0) + 1
        forms[c.form] = forms.get(c.form, 0) + 1
    out = {k: v for k, v in result.items() if k != "leaked"}
    out["leaks_by_field"] = dict(sorted(fields.items()))
    out["leaks_by_form"] = dict(sorted(forms.items()))
    if show:  # test numbers and fiction phones only
        out["leaked_examples"] = [f"{c.field} {c.form} {c.text!r}" for c in result["leaked"][:40]]
    return {name: out}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--random", type=int, default=600, help="random form x field combinations (default 600)")
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--show", action="store_true", help="list leaked cases (test numbers and fiction phones only)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    from redactor.config import Config
    from redactor.pipeline import Pipeline

    config = Config.load()
    pipeline = Pipeline(config)
    out: dict = {}
    for name, cases in (("listed", listed_cases()), ("random", random_cases(args.random, args.seed))):
        with tempfile.TemporaryDirectory() as tmp:
            out.update(summarise(name, run(cases, Path(tmp), pipeline, config), args.show))
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        for name, r in out.items():
            print(
                f"{name}: {r['cases']} calls, {r['stored']} stored, {r['quarantined']} quarantined, "
                f"{r['leaks']} with the value readable in the lake"
            )
            for f, n in r["leaks_by_field"].items():
                print(f"  field {f}: {n}")
            for ex in r.get("leaked_examples", []):
                print(f"  {ex}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
