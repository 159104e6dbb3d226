"""Synthetic call-centre utterances with PER/LOC/ORG annotations, deterministic for a seed.

News text alone teaches the model nothing about how callers introduce themselves, spell their
names or talk about an estate (dödsbo), and nothing about unpunctuated lowercase ASR output.
Templates are lists of literal strings and (label, slot) pairs; each piece is rendered and
case-transformed on its own, so entity character offsets stay exact.

All names are drawn from the lexicon (recognizers/data/lexicon.tsv), not from Faker at run time, so
the output does not change with the Faker version.

Besides the name templates and the negatives there is a call-centre share (`call_share`) that
looks like what the pipeline really reads: speaker-labelled turns ("Kund: ...", "Agent: ...",
"[00:01:02] Anna Berg: ..."; the role label is not an entity, a person's name as label is),
written and spoken e-mail addresses, phone and customer numbers (never entities: the pattern
recognizers own them; a name said separately still is one), queue and department names from
call metadata ("Kundservice privat", "Växeln"), imperative verbs capitalised at sentence start
("Mejla", "Ring", "Sms:a") and "per kilowattimme"/"per månad" next to the first name Per.

A genitive/vocative share (`genvoc_share`) covers two ways callers and agents use names that news
rarely shows: names in the genitive ("Eriks faktura", "Anna Bergs adress", "det gäller Lars
dödsbo"; the entity is the whole token including the genitive s, as in Webbnyheter, and a name
already ending in s/x/z takes no extra s) next to genitive relatives and nouns that are not names
("min mammas personnummer", "kundens konto"), and a name as a vocative at the end of a turn
("vad kan jag hjälpa dig med, Kristina?", "tack så mycket sofia", "ett ögonblick Johan").
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from recognizers.lexicon import LEXICON_PATH as DEFAULT_LEXICON
from recognizers.numbers import number_words
from redactor.transform.spans import genitive_of as genitive

from .lexicon import HOMOGRAPH_NAMES, IMMIGRANT_FIRST, IMMIGRANT_SURNAMES, load_lexicon, names_of

COMPANIES = [
    "Klang Energi",
    "Norrsken Energi",
    "Fjällkraft",
    "Solbacka Elhandel",
    "Vattenfall",
    "Ellevio",
    "E.ON",
    "Tibber",
    "Fortum",
    "Skellefteå Kraft",
    "Jämtkraft",
    "Göteborg Energi",
    "Mälarenergi",
    "Öresundskraft",
    "Telia",
    "Skatteverket",
    "Kronofogden",
    "Handelsbanken",
    "Swedbank",
    "Nordea",
    "SEB",
    "Försäkringskassan",
    "Hemsö Energi",
    "Vindkraft Norr",
]
STREET_SUFFIXES = ["gatan", "vägen", "stigen", "gränd", "backen", "allén", "torget", "plan"]
STREET_PREFIXES = [
    "Stor",
    "Kyrko",
    "Skol",
    "Björk",
    "Ek",
    "Lind",
    "Park",
    "Järnvägs",
    "Sjö",
    "Mål",
    "Ring",
    "Strand",
    "Trädgårds",
    "Kvarn",
    "Hamn",
    "Tall",
    "Gran",
    "Sten",
    "Berg",
]
RELATIVES = [
    "mammas",
    "pappas",
    "mormors",
    "farfars",
    "morfars",
    "farmors",
    "makes",
    "makas",
    "brors",
    "systers",
    "mosters",
    "farbrors",
]

# (label, slot) placeholders; strings are literal text.
P = ("PER", "full")
F = ("PER", "first")
S = ("PER", "surname")
L = ("LOC", "place")
A = ("LOC", "street")
O = ("ORG", "company")
E = ("PER", "elder")  # an older-generation first name + surname, for dödsbo calls

NAME_TEMPLATES = [
    ["hej du pratar med ", F, " på ", O, " vad kan jag hjälpa dig med"],
    ["Hej, du pratar med ", F, " på ", O, ", vad kan jag hjälpa till med?"],
    ["välkommen till ", O, " du pratar med ", F],
    ["God morgon, ", O, ", det är ", F, "."],
    ["jag heter ", P],
    ["Jag heter ", P, " och ringer om min faktura."],
    ["ja hej jag heter ", P, " och jag bor i ", L],
    ["mitt namn är ", P],
    ["Mitt namn är ", P, ", jag har ett elavtal hos er."],
    ["det är ", P, " här"],
    ["Hej, det är ", F, " här, jag ringde i går."],
    ["ja det är ", F, " ", S, " som ringer"],
    ["det gäller min ", ("REL", ""), " dödsbo ", E],
    ["Det gäller min ", ("REL", ""), " dödsbo, ", E, "."],
    ["jag ringer för dödsboet efter ", E],
    ["Jag är dödsbodelägare efter ", E, " som gick bort i mars."],
    ["så det var ", S, " med två s"],
    ["Så det var ", S, " med två s?"],
    ["och efternamnet var ", S, " eller"],
    ["stavas det ", S, " med k eller c"],
    ["är det ", P, " som står på avtalet"],
    ["Avtalet står på ", P, ", min man."],
    ["kan jag få prata med ", F],
    ["jag blev kopplad från ", F, " i växeln"],
    ["min fru ", F, " har redan ringt om det här"],
    ["Fakturan är ställd till ", P, "."],
    ["det var ", F, " på er kundtjänst som lovade det"],
    ["jag ska flytta ihop med ", P, " i ", L],
    ["okej ", F, " då har jag noterat det"],
    ["Tack ", F, ", ha en bra dag!"],
    ["tack så mycket ", F, " hej hej"],
    ["jag pratade med en ", F, " förra veckan"],
    ["kontaktpersonen är ", P],
    ["hyresvärden heter ", P, " och bor i ", L],
    ["jag bor i ", L],
    ["Jag bor på ", A, " i ", L, "."],
    ["vi flyttar till ", L, " i maj"],
    ["Vi flyttar till ", L, " den första juni."],
    ["adressen är ", A, " ", ("NUM", ""), " i ", L],
    ["anläggningen ligger i ", L],
    ["jag har ett sommarhus utanför ", L],
    ["ni har väl kontor i ", L, "?"],
    ["jag bytte från ", O, " till er"],
    ["elnätet ägs av ", O, " här i ", L],
    ["mamma heter ", P, " och pappa ", P],
    ["jag och ", F, " har gemensamt avtal"],
]

NEGATIVE_TEMPLATES = [
    "jag vill byta elavtal",
    "Jag vill säga upp mitt elavtal.",
    "fakturan var mycket högre än vanligt",
    "Hur mycket kostar det per kWh?",
    "mätarställningen är fyrtiotusen tvåhundra",
    "vi har fast pris",
    "jag har rörligt elpris",
    "elnätsavgiften har höjts",
    "Kan ni skicka fakturan via e-faktura?",
    "det står fel förbrukning på fakturan",
    "vi har en säkring på sexton ampere",
    "elnätet var nere i går",
    "kan jag få autogiro",
    "jag vill ha ett timprisavtal",
    "förbrukningen var 1 200 kWh i januari",
    "Jag läste av mätaren i morse.",
    "ni har dragit pengar två gånger",
    "det gäller en kreditfaktura",
    "björnen har gått i ide",
    "vi såg en björn i skogen",
    "det ligger en stor sten framför garaget",
    "Den gamla eken blåste ner i stormen.",
    "eken i trädgården är hundra år",
    "vi bor nära ett berg",
    "huset är målat i rosa",
    "Hon köpte en rosa tröja.",
    "jag köpte en ros till min fru",
    "rosorna har slagit ut",
    "björken utanför fönstret",
    "vi har en lind på tomten",
    "det är en holme ute i sjön",
    "stig på bara",
    "priset steg kraftigt",
    "stigen upp till berget",
    "stenen låg kvar",
    "det är hårt som sten",
    "vi åkte upp på berget",
    "bergen syns härifrån",
    "vi har björkved i pannan",
    "kan du stå still",
    "strömmen gick i hela kvarteret",
    "en strand vid havet",
    "vi har ström igen",
    "ja precis",
    "nej det stämmer inte",
    "Jag förstår.",
    "mm okej",
    "kan du vänta ett ögonblick",
    "jag ska bara kolla en sak",
    "ni får ringa tillbaka i morgon",
    "vad är mitt kundnummer",
    "Betalningen har inte kommit in.",
    "jag har fått en påminnelse",
    "vi har solceller på taket",
    "hur går jag in på mina sidor",
    "säkringen gick i natt",
    "elpriset har gått upp i vinter",
    "vi har bergvärme",
    "vi eldar med ved",
    "jag vill ha pappersfaktura",
    "kan jag dela upp betalningen",
]

FILLERS = ["eh", "öh", "ja", "alltså", "liksom", "mm", "ehm", "okej", "ja men"]

# --- call-centre material: speaker labels, contact details, queues, verbs ----------------------
# Slots whose text is never an entity (rendered by Generator.outside()).
MW = ("MAIL", "written")  # vera.testsson@exempel.se
MS = ("MAIL", "spoken")  # vera punkt testsson snabel-a exempel punkt se
MSAME = ("MAIL", "same")  # e-mail built from the last person rendered in the same example
PH = ("PHONE", "")  # written or spoken phone number
CN = ("CUSTNO", "")  # kund-/avtalsnummer, written or spoken
PR = ("PRICE", "")  # 1,20 kronor / 89 öre / tvåhundra kronor
QU = ("QUEUE", "")  # Kundservice privat, Växeln, Elavbrott ...
PERN = ("PER", "per")  # the first name Per (contrast to "per kilowattimme")
PERF = ("PER", "per_full")  # Per + surname
OUTSIDE_SLOTS = {"REL", "NUM", "MAIL", "PHONE", "CUSTNO", "PRICE", "QUEUE", "PNR", "NOUN", "NGEN"}

AGENT_LABELS = [
    "Agent",
    "Agent",
    "Agent",
    "Handläggare",
    "Kundtjänst",
    "Kundservice",
    "Operatör",
    "Rådgivare",
    "Säljare",
    "Talare 1",
    "Medarbetare",
    "Support",
]
CUSTOMER_LABELS = ["Kund", "Kund", "Kund", "Kunden", "Talare 2", "Uppringare", "Kund 1", "Privatkund", "Företagskund"]
QUEUE_BASES = [
    "Kundservice",
    "Kundtjänst",
    "Växeln",
    "Elavbrott",
    "Företag",
    "Privat",
    "Felanmälan",
    "Flytt",
    "Fakturafrågor",
    "Avtal",
    "Elnät",
    "Företagskunder",
    "Privatkunder",
    "Solceller",
    "Laddbox",
    "Inkasso",
    "Sälj",
    "Avbrottsinfo",
    "Kundservice Företag",
    "Kundtjänst Privat",
    "Kundsupport",
    "Elhandel",
    "Mina sidor",
    "Återkoppling",
]
QUEUE_SUFFIXES = [
    "privat",
    "företag",
    "Privat",
    "Företag",
    "inkommande",
    "utgående",
    "kväll",
    "helg",
    "prio",
    "2",
    "engelska",
    "callback",
]
MAIL_DOMAINS = [
    "gmail.com",
    "hotmail.com",
    "hotmail.se",
    "outlook.com",
    "yahoo.se",
    "live.se",
    "icloud.com",
    "telia.com",
    "bredband.net",
    "exempel.se",
    "example.com",
    "post.example",
]
ROLE_MAILS = ["kundtjanst", "kundservice", "info", "faktura", "support", "flytt", "elavbrott", "foretag"]
COMPANY_DOMAINS = [
    "norrsken.example",
    "klangenergi.example",
    "fjallkraft.example",
    "solbacka.example",
    "norrskenenergi.se",
    "vindkraftnorr.example",
]
SPOKEN_AT = ["snabel-a", "snabel-a", "snabel a", "snabela", "at"]
SPOKEN_SEP = {".": ["punkt"], "_": ["understreck", "underscore"], "-": ["bindestreck", "streck", "minus"]}
PER_UNITS = [
    "kilowattimme",
    "kilowattimme",
    "kilowattimmen",
    "kWh",
    "månad",
    "månad",
    "år",
    "kvartal",
    "dag",
    "timme",
    "styck",
    "faktura",
    "megawattimme",
    "person",
    "mätare",
]

# One utterance each; e-mails, numbers, queues and verbs are outside, the people in them inside.
CALL_TEMPLATES = [
    # e-mail addresses, written and spoken
    ["Mejla ", MW, "."],
    ["mejla ", MW],
    ["Mejla ", MW, " så tittar vi på det."],
    ["Mejla oss på ", MW, " så svarar vi inom två dagar."],
    ["Maila ", MW, "."],
    ["maila bilden till ", MW],
    ["Maila in blanketten till ", MW, " eller skicka den med post."],
    ["Skicka en bild på mätaren till ", MW, "."],
    ["skicka den till ", MS],
    ["Skicka fakturan till min mejl."],
    ["Mejla mig fakturan i stället."],
    ["min mejl är ", MS],
    ["Min e-post är ", MW, "."],
    ["mejladressen är ", MS],
    ["e-postadressen är ", MW],
    ["det är ", MS],
    ["ja det är ", MS, " heter den"],
    ["kan du skicka det till ", MW, "?"],
    ["Kan du läsa upp din mejladress? Ja, det är ", MS, "."],
    ["mejlen är ", MS, " eh nej förlåt ", MS],
    ["Jag har bytt mejl till ", MW, "."],
    ["skriv ", MS, " så kommer det fram"],
    ["jag heter ", P, " och min mejl är ", MSAME],
    ["Jag heter ", P, ", mejla mig på ", MSAME, "."],
    ["mitt namn är ", P, " och mejladressen ", MSAME],
    ["mejla ", F, " på ", MSAME],
    ["Mejla ", P, " direkt på ", MSAME, "."],
    ["det är ", P, " och mejlen är ", MSAME, " med punkt emellan"],
    ["Skicka det till ", P, " på ", MSAME, "."],
    ["Maila ", F, " så ordnar hon det."],
    # phone and customer numbers
    ["Ring ", PH, " om strömmen inte kommer tillbaka."],
    ["Ring oss på ", PH, "."],
    ["ring mig på ", PH],
    ["Ring tillbaka efter lunch."],
    ["Ring mig i morgon förmiddag."],
    ["Ring ", F, " på ekonomi, hon vet mer."],
    ["ring ", F, " så får du svar"],
    ["mitt nummer är ", PH],
    ["Mobilnumret är ", PH, "."],
    ["du kan nå mig på ", PH, " efter fem"],
    ["telefonnumret är ", PH, " det är min mobil"],
    ["Sms:a ", PH, " när du har läst av mätaren."],
    ["sms:a koden till ", PH],
    ["Sms:a mätarställningen till oss."],
    ["Messa mig när det är klart."],
    ["Jag heter ", P, " och nås på ", PH, "."],
    ["det är ", F, " på ", PH],
    ["mitt kundnummer är ", CN],
    ["Kundnumret är ", CN, "."],
    ["avtalsnummer ", CN],
    ["ja kundnumret ", CN],
    ["Kan du ge mig ditt kundnummer?"],
    ["Skriv kundnumret ", CN, " på blanketten."],
    ["Kundnummer ", CN, ", det står på ", P, "."],
    ["mitt avtalsnummer är ", CN, " och avtalet står på ", P],
    # "per" as a preposition, Per as a name
    ["Det kostar ", PR, " per kilowattimme."],
    ["det blir ", PR, " per månad"],
    ["Per månad blir det ", PR, "."],
    ["fast avgift ", PR, " per år"],
    ["elpriset var ", PR, " per kWh i januari"],
    ["det är ", PR, " per ", ("UNIT", "")],
    ["Per ", ("UNIT", ""), " kostar det ", PR, "."],
    ["vi tar ", PR, " per påbörjad timme"],
    ["månadsavgiften är ", PR, " per månad och elen ", PR, " per kilowattimme"],
    ["jag heter ", PERF],
    ["Jag heter ", PERF, " och ringer om fakturan."],
    ["tack ", PERN, " då vet jag"],
    ["det var ", PERN, " som hjälpte mig sist"],
    ["Hej ", PERN, "!"],
    ["är det ", PERF, " jag pratar med"],
    # imperative verbs and call vocabulary at sentence start
    ["Logga in på mina sidor."],
    ["Fyll i ditt personnummer."],
    ["Ange ditt kundnummer."],
    ["Tryck ett för ", QU, "."],
    ["Vänta lite så kollar jag."],
    ["Kontakta ", O, " om elnätet."],
    ["Kontakta oss om du har frågor."],
    ["Betala fakturan innan den sista."],
    ["Välj fast pris om du vill veta kostnaden."],
    ["Kolla högst upp på fakturan."],
    ["Läs av mätaren i morgon."],
    ["Boka en tid med elektrikern."],
    ["Ladda ner appen och logga in med bank-id."],
    ["Skriv upp referensnumret."],
    ["Stäng av huvudbrytaren."],
    ["Mejla bara så löser vi det."],
    ["Ring oss igen om det händer."],
    ["Skicka ett mejl till ", QU, "."],
    # queues and departments said in the call
    ["Du har kommit till ", QU, "."],
    ["jag kopplar dig till ", QU],
    ["Jag kopplar vidare till ", QU, "."],
    ["välkommen till ", O, " ", QU],
    ["Välkommen till ", QU, ", du pratar med ", F, "."],
    ["jag blev kopplad från ", QU],
    ["ni får ringa ", QU, " om det"],
    ["det här är ", QU, " du pratar med ", F],
]

# Call metadata and titles: queue names stand alone or next to an agent's name.
METADATA_TEMPLATES = [
    [QU],
    [QU],
    [QU],
    ["Kö: ", QU],
    ["Kö: ", QU, ", agent: ", P],
    ["Avdelning: ", QU],
    ["Köns namn: ", QU],
    ["Samtal till ", QU, " från ", PH],
    ["Överfört från Växeln till ", QU, "."],
    [QU, " - ", P],
    [QU, " / ", F],
    [O, " ", QU],
    ["Inkommande samtal, ", QU],
    ["Ämne: ", QU],
    ["Samtal med ", P, " om flytt"],
    ["Kunden ringde ", QU, " om fakturan."],
    ["Kunden vill bli uppringd på ", PH, "."],
    ["Kunden ", P, " ringde om sin faktura och fick hjälp av ", F, " på ", QU, "."],
    ["Sammanfattning: kunden mejlade ", MW, " och fick svar."],
    ["Kö ", QU, ", handläggare ", F],
]

# --- genitive names and vocatives ---------------------------------------------------------------
FG = ("PER", "first_gen")  # Eriks, Annas, Lars (no extra s after s/x/z)
PG = ("PER", "full_gen")  # Anna Bergs
SG = ("PER", "surname_gen")  # Bergs, Lindqvists
EG = ("PER", "elder_gen")  # an older-generation full name in the genitive, for dödsbo calls
PNR = ("PNR", "")  # a personnummer, written or spoken (never an entity)
GEN_NOUNS = [
    "personnummer",
    "faktura",
    "konto",
    "adress",
    "avtal",
    "elavtal",
    "kundnummer",
    "mejl",
    "telefonnummer",
    "lägenhet",
    "mätare",
    "räkning",
    "namn",
    "bankkonto",
    "nummer",
]
NOUN = ("NOUN", "")  # one of GEN_NOUNS (never an entity)
# Genitives that are not names: relatives, roles and nouns in the same positions.
GEN_NOT_NAMES = [
    "kundens",
    "makens",
    "sambons",
    "sambos",
    "min frus",
    "min mans",
    "företagets",
    "hyresgästens",
    "dödsboets",
    "avtalets",
    "barnens",
    "grannens",
    "föreningens",
    "firmans",
    "hushållets",
    "ägarens",
]
NOT_NAME_GEN = ("NGEN", "")  # one of GEN_NOT_NAMES (never an entity)

GENITIVE_TEMPLATES = [
    # identification and read-back
    ["det gäller ", FG, " ", NOUN],
    ["Det gäller ", FG, " ", NOUN, "."],
    ["det är ", FG, " ", NOUN],
    ["Det är ", FG, " ", NOUN, ", inte mitt."],
    ["det är ", PG, " ", NOUN],
    ["Det är ", PG, " ", NOUN, "."],
    ["jag ringer om ", FG, " ", NOUN],
    ["Jag ringer om ", PG, " ", NOUN, "."],
    ["vad är ", FG, " personnummer"],
    ["Vad är ", PG, " personnummer?"],
    ["och ", FG, " personnummer är ", PNR],
    [FG, " personnummer är ", PNR, "."],
    [PG, " personnummer är ", PNR],
    ["jag upprepar ", FG, " personnummer ", PNR],
    ["Jag upprepar: ", PG, " personnummer ", PNR, ", stämmer det?"],
    ["har du ", FG, " personnummer"],
    ["Har du ", PG, " personnummer också?"],
    ["jag har ", FG, " personnummer här det är ", PNR],
    ["kan jag få ", FG, " personnummer"],
    ["Kan jag få ", PG, " kundnummer?"],
    ["jag behöver ", FG, " underskrift också"],
    ["fakturan ska till ", FG, " adress"],
    ["Skicka fakturan till ", PG, " adress."],
    ["det står på ", FG, " namn"],
    ["Avtalet står på ", SG, " namn."],
    ["det står på ", PG, " namn"],
    ["det är ", SG, " konto"],
    ["familjen ", SG, " avtal gick ut i mars"],
    ["Det gäller familjen ", SG, " lägenhet."],
    ["jag ringer för ", FG, " räkning hon är sjuk"],
    ["Jag ringer å ", FG, " vägnar."],
    ["min ", ("REL", ""), " ", NOUN, " och ", FG, " ", NOUN, " är samma"],
    ["är det ", FG, " eller ", FG, " ", NOUN],
    ["Är det ", PG, " ", NOUN, " du menar?"],
    ["jag har ", FG, " fullmakt"],
    ["Jag har ", PG, " fullmakt här."],
    # dödsbo
    ["det gäller ", EG, " dödsbo"],
    ["Det gäller ", EG, " dödsbo."],
    ["jag ringer om ", EG, " dödsbo"],
    ["Jag är dödsbodelägare i ", EG, " dödsbo."],
    ["det gäller min ", ("REL", ""), " dödsbo ", EG],
    ["min ", ("REL", ""), " dödsbo hon hette ", E],
    ["Det gäller min ", ("REL", ""), " dödsbo. Han hette ", E, "."],
    ["vi har ", FG, " bouppteckning nu"],
    ["", EG, " konto ska avslutas"],
]

# The same positions without a name: relatives and roles in the genitive are not entities.
GENITIVE_NEGATIVE_TEMPLATES = [
    ["det gäller min ", ("REL", ""), " ", NOUN],
    ["Det gäller min ", ("REL", ""), " ", NOUN, "."],
    ["min ", ("REL", ""), " personnummer är ", PNR],
    ["Min ", ("REL", ""), " personnummer är ", PNR, "."],
    ["det är ", NOT_NAME_GEN, " ", NOUN],
    ["Det är ", NOT_NAME_GEN, " ", NOUN, "."],
    ["vad är ", NOT_NAME_GEN, " personnummer"],
    ["jag har min ", ("REL", ""), " fullmakt"],
    ["det gäller min ", ("REL", ""), " dödsbo"],
    ["Jag ringer om min ", ("REL", ""), " dödsbo."],
    ["jag upprepar ", NOT_NAME_GEN, " personnummer ", PNR],
    ["skicka det till ", NOT_NAME_GEN, " adress"],
]

VOCATIVE_TEMPLATES = [
    ["vad kan jag hjälpa dig med ", F],
    ["Vad kan jag hjälpa dig med, ", F, "?"],
    ["vad kan jag hjälpa till med ", F],
    ["Hur kan jag hjälpa dig, ", F, "?"],
    ["tack så mycket ", F],
    ["Tack så mycket, ", F, "!"],
    ["tack ", F],
    ["Tack, ", F, "."],
    ["ett ögonblick ", F],
    ["Ett ögonblick, ", F, "."],
    ["tack ", F, " ett ögonblick"],
    ["Tack ", F, ". Ett ögonblick."],
    ["var det något mer jag kan hjälpa dig med ", F],
    ["Var det något mer jag kan hjälpa dig med, ", F, "?"],
    ["ha en bra dag ", F],
    ["Ha en fin dag, ", F, "!"],
    ["hej då ", F],
    ["Hej då, ", F, "!"],
    ["hej ", F],
    ["Hej, ", F, "!"],
    ["god morgon ", F],
    ["stämmer det ", F],
    ["Stämmer det, ", F, "?"],
    ["då är det klart ", F],
    ["Då är det klart, ", F, "."],
    ["okej tack ", F],
    ["vi hörs ", F],
    ["Vi hörs, ", F, "."],
    ["tack för hjälpen ", F],
    ["Tack för hjälpen, ", F, "!"],
    ["det ordnar jag ", F],
    ["Det ordnar jag, ", P, "."],
    ["jag förstår ", F],
    ["Jag förstår, ", F, "."],
    ["då har jag registrerat det ", F],
    ["vänta lite ", F],
    ["Förlåt, ", F, ", vad sa du?"],
    ["ursäkta ", F, " kan du upprepa"],
    ["ja precis ", F],
    ["Absolut, ", F, "."],
    ["tack detsamma ", F],
    ["hör du mig ", F],
]

# Endings that look like a vocative slot but have no name.
VOCATIVE_NEGATIVE_TEMPLATES = [
    "vad kan jag hjälpa dig med",
    "Vad kan jag hjälpa dig med?",
    "tack så mycket",
    "Tack så mycket!",
    "ett ögonblick",
    "Ett ögonblick.",
    "tack ett ögonblick",
    "ha en bra dag",
    "Hej då!",
    "stämmer det",
    "tack så mycket hej hej",
    "vi hörs",
    "tack för hjälpen",
    "Tack för hjälpen!",
    "då är det klart",
    "tack så mycket för hjälpen",
    "ett ögonblick bara",
    "tack detsamma",
    "hör du mig",
]


@dataclass
class Example:
    text: str
    entities: list[tuple[int, int, str]] = field(default_factory=list)  # char start, end, label


class Generator:
    def __init__(self, seed: int = 0, lexicon_path: str | Path = DEFAULT_LEXICON):
        self.rng = random.Random(seed)
        table = load_lexicon(lexicon_path)
        cap = lambda ws: sorted({w[:1].upper() + w[1:] for w in ws})  # noqa: E731
        self.first = cap(names_of(table, "first")) + IMMIGRANT_FIRST
        self.surname = cap(names_of(table, "surname")) + IMMIGRANT_SURNAMES
        self.foreign_first = cap(names_of(table, "foreign_first"))
        self.foreign_surname = cap(names_of(table, "foreign_surname"))
        self.places = [w for w in cap(names_of(table, "place")) if len(w) > 2]
        self.homograph_first = HOMOGRAPH_NAMES["first"]
        self.homograph_surname = HOMOGRAPH_NAMES["surname"]
        self._last_person = ""

    # --- slot fillers -------------------------------------------------------------------------
    def first_name(self) -> str:
        r = self.rng.random()
        if r < 0.12:
            return self.rng.choice(self.homograph_first)
        if r < 0.22:
            return self.rng.choice(IMMIGRANT_FIRST)
        if r < 0.30:
            return self.rng.choice(self.foreign_first)
        if r < 0.38:  # double first names, hyphenated or not
            sep = self.rng.choice(["-", " "])
            return self.rng.choice(self.first) + sep + self.rng.choice(self.first)
        return self.rng.choice(self.first)

    def surname_(self) -> str:
        r = self.rng.random()
        if r < 0.15:
            return self.rng.choice(self.homograph_surname)
        if r < 0.27:
            return self.rng.choice(IMMIGRANT_SURNAMES)
        if r < 0.35:
            return self.rng.choice(self.foreign_surname)
        if r < 0.40:
            return self.rng.choice(self.surname) + "-" + self.rng.choice(self.surname)
        return self.rng.choice(self.surname)

    def mention(self, label: str, words: list[str]) -> list[str] | None:
        """Another name of the same kind for a news entity; None keeps the original.

        Kept: anything not plainly capitalised, a last word ending in s (a genitive or a name
        like Lars: we cannot tell, and a wrong genitive would teach the wrong boundary),
        organisations and multi-word places."""
        last = words[-1]
        if not last[:1].isupper() or last[-1:] in "sS" or label not in ("PER", "LOC"):
            return None
        if label == "LOC":
            return [self.rng.choice(self.places)] if len(words) == 1 else None
        if len(words) == 1:
            name = self.first_name() if self.rng.random() < 0.5 else self.surname_()
        else:
            name = self.fill("full")
        return name.split()

    def fill(self, slot: str) -> str:
        if slot == "first":
            return self.first_name()
        if slot == "surname":
            return self.surname_()
        if slot in ("full", "elder"):
            return self.first_name() + " " + self.surname_()
        if slot == "place":
            return self.rng.choice(self.places)
        if slot == "street":
            return self.rng.choice(STREET_PREFIXES) + self.rng.choice(STREET_SUFFIXES)
        if slot == "company":
            return self.rng.choice(COMPANIES)
        if slot == "per":
            return "Per"
        if slot == "per_full":
            return "Per " + self.surname_()
        if slot.endswith("_gen"):
            return genitive(self.fill(slot[:-4]))
        raise ValueError(slot)

    def outside(self, kind: str, variant: str, asr: bool) -> str:
        """Text for a slot that is never an entity."""
        rng = self.rng
        if kind == "REL":
            return rng.choice(RELATIVES)
        if kind == "NUM":
            return str(rng.randint(1, 120))
        if kind == "MAIL":
            return self.email(variant, asr)
        if kind == "PHONE":
            return self.phone(spoken=asr and rng.random() < 0.5)
        if kind == "CUSTNO":
            digits = "".join(str(rng.randint(0, 9)) for _ in range(rng.randint(6, 10)))
            if asr and rng.random() < 0.4:
                return self.spoken_digits(digits)
            return digits if rng.random() < 0.7 else " ".join(digits[i : i + 3] for i in range(0, len(digits), 3))
        if kind == "PRICE":
            return self.price()
        if kind == "QUEUE":
            queue = rng.choice(QUEUE_BASES)
            if rng.random() < 0.45:
                queue += " " + rng.choice(QUEUE_SUFFIXES)
            return queue
        if kind == "UNIT":
            return rng.choice(PER_UNITS)
        if kind == "PNR":
            return self.personnummer(spoken=asr and rng.random() < 0.5)
        if kind == "NOUN":
            return rng.choice(GEN_NOUNS)
        if kind == "NGEN":
            return rng.choice(GEN_NOT_NAMES)
        raise ValueError(kind)

    def personnummer(self, spoken: bool = False) -> str:
        rng = self.rng
        date = f"{rng.randint(30, 99):02d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
        tail = "".join(str(rng.randint(0, 9)) for _ in range(4))
        century = "19" if rng.random() < 0.4 else ""
        if spoken:
            return self.spoken_digits(century + date + tail)
        return century + date + rng.choice(["-", "", " "]) + tail

    def email(self, variant: str, asr: bool) -> str:
        rng = self.rng
        if variant == "same" and self._last_person:
            parts = self._last_person.split()
            first, last = parts[0], parts[-1]
        else:
            first, last = self.first_name().split()[0], self.surname_()
        first, last = _mail_fold(first), _mail_fold(last)
        r = rng.random()
        if r < 0.08 and variant != "same":
            local, domain = rng.choice(ROLE_MAILS), rng.choice(COMPANY_DOMAINS)
        else:
            domain = rng.choice(MAIL_DOMAINS)
            sep = rng.choice([".", ".", "", "_", "-"])
            if r < 0.25:
                local = first[0] + sep + last
            elif r < 0.35:
                local = first + str(rng.randint(1, 99))
            elif r < 0.45:
                local = first + sep + last + str(rng.randint(50, 99))
            else:
                local = first + sep + last
        spoken = variant == "spoken" or (variant == "same" and asr and rng.random() < 0.6)
        if not spoken:
            return f"{local}@{domain}"
        words = []
        for ch_run in _split_keep(local, "._-"):
            words.append(rng.choice(SPOKEN_SEP[ch_run]) if ch_run in SPOKEN_SEP else ch_run)
        words.append(rng.choice(SPOKEN_AT))
        words += [rng.choice(SPOKEN_SEP[c]) if c in SPOKEN_SEP else c for c in _split_keep(domain, ".")]
        return " ".join(words)

    def phone(self, spoken: bool = False) -> str:
        rng = self.rng
        d = lambda n: "".join(str(rng.randint(0, 9)) for _ in range(n))  # noqa: E731
        r = rng.random()
        if r < 0.55:
            digits = "07" + rng.choice("02369") + d(7)
        elif r < 0.75:
            digits = "08" + d(rng.choice([7, 8]))
        else:
            digits = "0" + rng.choice(["31", "40", "90", "18", "13", "54", "63"]) + d(6)
        if spoken:
            return self.spoken_digits(digits)
        style = rng.random()
        if style < 0.3:
            return digits
        if style < 0.45:
            return "+46 " + digits[1:3] + " " + digits[3:6] + " " + digits[6:8] + " " + digits[8:]
        area = 2 if digits.startswith("08") else 3
        rest = digits[area:]
        groups = (
            [rest[i : i + 2] for i in range(0, len(rest), 2)]
            if len(rest) % 2 == 0
            else [rest[:3]] + [rest[i : i + 2] for i in range(3, len(rest), 2)]
        )
        return digits[:area] + "-" + " ".join(groups)

    def spoken_digits(self, digits: str) -> str:
        """Digit by digit, or in pairs ("sjuttiotre"), the way callers read numbers."""
        out = []
        i = 0
        while i < len(digits):
            if self.rng.random() < 0.3 and i + 1 < len(digits) and digits[i] != "0":
                out.append(number_words(int(digits[i : i + 2])))
                i += 2
            else:
                out.append(number_words(int(digits[i])))
                i += 1
        return " ".join(out)

    def price(self) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.35:
            return f"{rng.randint(0, 4)},{rng.randint(0, 99):02d} kronor"
        if r < 0.55:
            return f"{rng.randint(5, 250)} öre"
        if r < 0.8:
            return f"{rng.randint(20, 900)} {rng.choice(['kronor', 'kr', 'kronor'])}"
        return number_words(rng.randint(2, 99)) + " " + rng.choice(["kronor", "öre"])

    # --- rendering ----------------------------------------------------------------------------
    def render(self, template: list, asr: bool, filler: bool = True) -> Example:
        text = ""
        ents: list[tuple[int, int, str]] = []
        self._last_person = ""
        for piece in template:
            if isinstance(piece, str):
                chunk, label = piece, None
                if asr:
                    chunk = _asr(chunk)
            elif piece[0] in OUTSIDE_SLOTS or piece[0] == "UNIT":
                chunk, label = self.outside(piece[0], piece[1], asr), None
                if asr:  # lowercase only: keep the dots and commas inside addresses and prices
                    chunk = chunk.lower()
            else:
                chunk, label = self.fill(piece[1]), piece[0]
                if label == "PER":
                    self._last_person = chunk
                if asr:
                    chunk = _asr(chunk)
            if label:
                ents.append((len(text), len(text) + len(chunk), label))
            text += chunk
        if asr and filler and self.rng.random() < 0.3:
            fill = self.rng.choice(FILLERS) + " "
            text = fill + text
            ents = [(s + len(fill), e + len(fill), lab) for s, e, lab in ents]
        return Example(text.strip(), ents) if text == text.strip() else _strip(text, ents)

    def genvoc(self, asr: bool) -> Example:
        """A genitive name or a vocative, or the same position without a name."""
        r = self.rng.random()
        if r < 0.45:
            return self.render(self.rng.choice(GENITIVE_TEMPLATES), asr)
        if r < 0.6:
            return self.render(self.rng.choice(GENITIVE_NEGATIVE_TEMPLATES), asr)
        if r < 0.9:
            return self.render(self.rng.choice(VOCATIVE_TEMPLATES), asr)
        text = self.rng.choice(VOCATIVE_NEGATIVE_TEMPLATES)
        return Example(_asr(text) if asr else text, [])

    def negative(self, asr: bool) -> Example:
        text = self.rng.choice(NEGATIVE_TEMPLATES)
        return Example(_asr(text) if asr else text, [])

    def utterance(self, asr: bool) -> Example:
        """One turn's content: a name template, a call template or a negative."""
        r = self.rng.random()
        if r < 0.3:
            return self.render(self.rng.choice(NAME_TEMPLATES), asr)
        if r < 0.42:
            return self.genvoc(asr)
        if r < 0.72:
            return self.render(self.rng.choice(CALL_TEMPLATES), asr)
        return self.negative(asr)

    def speaker(self, role: str, named: bool, asr: bool) -> tuple[str, tuple[int, int, str] | None]:
        """A speaker label (without the colon): a role word, or a person's name (an entity)."""
        if named:
            name = self.fill("full") if self.rng.random() < 0.6 else self.first_name()
            if asr and self.rng.random() < 0.3:
                name = name.lower()
            return name, (0, len(name), "PER")
        label = self.rng.choice(AGENT_LABELS if role == "agent" else CUSTOMER_LABELS)
        r = self.rng.random()
        if r < 0.1:
            label = label.lower()
        elif r < 0.13:
            label = label.upper()
        return label, None

    def dialogue(self, asr: bool, turns: int | None = None) -> Example:
        """Speaker-labelled turns joined by newlines, as in a transcript's content field."""
        rng = self.rng
        turns = turns or rng.choice([1, 1, 2, 2, 3, 3, 4, 5])
        named = {"agent": rng.random() < 0.2, "customer": rng.random() < 0.15}
        labels = {role: self.speaker(role, named[role], asr) for role in ("agent", "customer")}
        stamp = rng.random() < 0.3
        t = rng.randint(0, 300)
        role = "agent" if rng.random() < 0.6 else "customer"
        text, ents = "", []
        for i in range(turns):
            if i:
                text += "\n"
            if stamp:
                t += rng.randint(2, 40)
                text += f"[{t // 3600:02d}:{t // 60 % 60:02d}:{t % 60:02d}] "
            label, label_ent = labels[role]
            if label_ent:
                ents.append((len(text), len(text) + len(label), "PER"))
            text += label + ": "
            ex = self.utterance(asr)
            ents += [(s + len(text), e + len(text), lab) for s, e, lab in ex.entities]
            text += ex.text
            role = "customer" if role == "agent" else "agent"
        return Example(text, ents)

    def call_example(self, asr: bool) -> Example:
        r = self.rng.random()
        if r < 0.45:
            return self.dialogue(asr)
        if r < 0.85:
            return self.render(self.rng.choice(CALL_TEMPLATES), asr)
        # Metadata fields are typed, not transcribed: mostly cased even in ASR-style examples.
        return self.render(self.rng.choice(METADATA_TEMPLATES), asr and self.rng.random() < 0.3, filler=False)

    def examples(
        self,
        n: int,
        negative_share: float = 0.35,
        asr_share: float = 0.5,
        call_share: float = 0.25,
        genvoc_share: float = 0.14,
    ) -> Iterator[Example]:
        """`call_share` of the examples are call-centre material and `genvoc_share` genitive names
        and vocatives (see the module docstring); the rest are name templates and negatives as
        before, `negative_share` of them negatives."""
        rest = 1 - call_share - genvoc_share
        for _ in range(n):
            asr = self.rng.random() < asr_share
            r = self.rng.random()
            if r < call_share:
                yield self.call_example(asr)
            elif r < call_share + genvoc_share:
                yield self.genvoc(asr)
            elif r < call_share + genvoc_share + rest * negative_share:
                yield self.negative(asr)
            else:
                yield self.render(self.rng.choice(NAME_TEMPLATES), asr)


def _asr(text: str) -> str:
    """Lowercase, drop sentence punctuation; keep hyphens and the dot inside names like E.ON."""
    out = text.lower()
    for ch in ",?!":
        out = out.replace(ch, "")
    if out.endswith("."):
        out = out[:-1]
    return out


_MAIL_FOLD = str.maketrans(
    {
        "å": "a",
        "ä": "a",
        "ö": "o",
        "é": "e",
        "è": "e",
        "ü": "u",
        "ø": "o",
        "æ": "ae",
        "ç": "c",
        "ş": "s",
        "ğ": "g",
        "ı": "i",
        " ": "",
        "'": "",
    }
)


def _mail_fold(name: str) -> str:
    """How a name usually appears in an e-mail address: lowercase ASCII."""
    return name.lower().translate(_MAIL_FOLD).encode("ascii", "ignore").decode() or "x"


def _split_keep(text: str, seps: str) -> list[str]:
    """'anna.berg-lind' -> ['anna', '.', 'berg', '-', 'lind'] (empty parts dropped)."""
    out, cur = [], ""
    for ch in text:
        if ch in seps:
            if cur:
                out.append(cur)
            out.append(ch)
            cur = ""
        else:
            cur += ch
    if cur:
        out.append(cur)
    return out


def _strip(text: str, ents: list[tuple[int, int, str]]) -> Example:
    lead = len(text) - len(text.lstrip())
    return Example(text.strip(), [(s - lead, e - lead, lab) for s, e, lab in ents])


def to_docs(nlp, examples) -> Iterator:
    """spaCy Docs with entities; examples whose spans don't align to tokens are skipped."""
    for ex in examples:
        doc = nlp.make_doc(ex.text)
        spans = [doc.char_span(s, e, label=lab) for s, e, lab in ex.entities]
        if any(sp is None for sp in spans):
            continue
        doc.ents = spans
        yield doc
