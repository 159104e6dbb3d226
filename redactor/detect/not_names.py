"""Words the name model takes for people or places in call-centre speech, and that never are.

The model learnt names from news text; a call opens its turns with discourse words ("Jaha, det
visste jag inte.", "Toppen Sofia") and mentions services, apps and regions that news text rarely
has in that position. These lists are for the `not_names` component (redactor/detect/components.py):
discourse words are trimmed off the edges of a PERSON/LOCATION span (nothing left: dropped), and
a span that is one of the services, countries or regions below, also in the genitive, is dropped.

All entries are casefolded. The operating company's own names come from its profile instead
(`[company] profile`, see docs/usefulness.md).
"""

from __future__ import annotations

from recognizers.introduction import his_before
from recognizers.numbers import words_to_digits

# English words callers mix in, never a name nor inside one: a span of the model's that holds one
# ("end of the month", "Théo uses the profile") is no name at all (`components.not_names`); "the"
# and "and" taken for a name were found again everywhere in the call. Not "an", "do", "will",
# "may": names too.
ENGLISH_WORDS = frozenset(
    """
the and of to on at for with from by about into your our their its this that these those is are was
were been am i'm you he she we they it but or if not does did have has had would could should must
""".split()
)
# Interjections, answers, greetings, discourse particles and pronouns, and a few everyday words of
# calls the model has taken for names ("Årsmodell?", "avin", "Villa.", "PUK-koden"), thanks in the
# caller's other language ("Muchas gracias"), dialect's "det" ("hä är Torbjörn") and the English
# words above: never a name, capitalised or not ("hans", "mina" and "max" are left out: Hans, Mina
# and Max are names).
DISCOURSE = (
    frozenset(
        """
aha ah aj ajdå aja asså alltså absolut adjö bra hej hejsan hejhej hejdå hallå hm hmm mm mhm mmm
ja jaa jaha jahaa jahopp jaja jajamen jamen japp jaså javisst jo jodå jovisst juste just
kanon kanonbra ok okej okejdå okidoki oj ojdå ojoj oh nej nejdå nja nä nää näe nämen nåja nå
precis perfekt prima super superbra toppen tack tackar tusen underbart utmärkt visst vänta
jättebra jättefint jättesnällt fint snällt härligt exakt självklart givetvis säkert verkligen
hoppsan hoppla usch herregud förlåt ursäkta sorry grattis välkommen tja tjena tjenare tjabba
eh ehm öh öhm äh ähm va vad men och så då nu
jag mig min mitt du dig din ditt dina ni er ert era vi oss vår vårt våra hon henne hennes han honom
de dem deras den det denna detta dessa som här där
avi avin avier årsmodell årsmodellen dynamisk statisk villa villan puk pin
gracias muchas merci danke grazie obrigado kiitos shukran thanks thank yes yeah okay please name hä dä
wa alaikum aleikum salam salaam assalamu
señora señor senora senor signora madame monsieur madam sir
""".split()
    )
    | ENGLISH_WORDS
)

# Services, apps, brands and authorities a Swedish energy customer mentions.
SERVICES = frozenset(
    s.strip()
    for s in """
kivra, bankid, mobilt bankid, swish, mina sidor, ellevio, vattenfall, e.on, eon, e-on, postnord,
android, iphone, ipad, ios, apple, app store, google, google play, microsoft, windows, facebook,
instagram, messenger, whatsapp, teams, zoom, gmail, hotmail, outlook, yahoo, klarna, trustly,
autogiro, e-faktura, efaktura, skatteverket, försäkringskassan, kronofogden, tibber, fortum,
telia, tele2, telenor, comviq, halebop, swedbank, handelsbanken, seb, nordea, danske bank,
länsförsäkringar, ica banken, sparbanken, energimarknadsinspektionen, energimyndigheten,
konsumentverket, hallå konsument, elpriskollen, nord pool, svenska kraftnät, spotify, netflix,
youtube, samsung, huawei, chrome, safari, siri, bixia, greenely, mälarenergi, jämtkraft,
skellefteå kraft, öresundskraft, göteborg energi, umeå energi, tekniska verken, eskilstuna energi,
ica, ica maxi, ica kvantum, coop, willys, hemköp, lidl, city gross, systembolaget, apoteket, ikea,
macbook, macbook air, macbook pro, imac, playstation, xbox, server, router, modem, wifi,
sas, norwegian, finnair, sj, viking line, tallink silja, stena line, easypark, aimo park, rut, rot,
rut-avdrag, rot-avdrag
""".replace("\n", " ").split(",")
    if s.strip()
)

# Countries and parts of Sweden: "Sveriges vanligaste avtal", "hela Västra Götaland" say nothing
# about where a customer lives. Towns and municipalities are not here: those stay LOCATION.
COUNTRIES = frozenset(
    s.strip()
    for s in """
sverige, norge, danmark, finland, island, tyskland, polen, frankrike, spanien, italien, england,
storbritannien, usa, amerika, europa, eu, norden, skandinavien, estland, lettland, litauen,
nederländerna, holland, belgien, schweiz, österrike, grekland, turkiet, thailand, kina, indien,
ryssland, ukraina, irak, iran, syrien, somalia, eritrea, afghanistan, portugal, irland, skottland,
kroatien, bosnien, serbien, rumänien, ungern, tjeckien, marocko, egypten, vietnam, japan, kanada,
chile, argentina, brasilien, colombia, peru, mexiko, bolivia, venezuela, ecuador, etiopien,
kenya, nigeria, ghana, uganda, sudan, sydsudan, kongo, gambia, senegal, kamerun, zimbabwe,
sydafrika, tunisien, algeriet, libyen, jemen, libanon, jordanien, palestina, saudiarabien,
kuwait, pakistan, bangladesh, sri lanka, nepal, filippinerna, indonesien, malaysia, sydkorea,
korea, australien, nya zeeland, kosovo, albanien, nordmakedonien, makedonien, montenegro,
slovenien, slovakien, bulgarien, moldavien, belarus, vitryssland, georgien, armenien,
azerbajdzjan, kazakstan, uzbekistan, tadzjikistan, kurdistan, tjetjenien, mongoliet, myanmar,
kambodja, laos
""".replace("\n", " ").split(",")
    if s.strip()
)

REGIONS = frozenset(
    s.strip()
    for s in """
norrland, svealand, götaland, västra götaland, skåne, halland, blekinge, småland, öland, gotland,
östergötland, västergötland, bohuslän, dalsland, värmland, närke, västmanland, uppland,
södermanland, sörmland, dalarna, gästrikland, hälsingland, härjedalen, jämtland, medelpad,
ångermanland, västerbotten, norrbotten, lappland, roslagen, kronoberg, gävleborg, västernorrland,
skaraborg, kinnekulle, österlen, bergslagen, tornedalen,
sydsverige, mellansverige, norra sverige, södra sverige, mellersta sverige
""".replace("\n", " ").split(",")
    if s.strip()
)

# Breeds a vet's or an animal insurer's caller names, which the model takes for people or places.
BREEDS = frozenset(
    s.strip()
    for s in """
golden retriever, golden, labrador, labrador retriever, retriever, schäfer, tax, chihuahua, border collie,
jack russell, cocker spaniel, springer spaniel, pudel, beagle, mops, bulldog, fransk bulldog,
gårdshund, dansk-svensk gårdshund, rottweiler, boxer, dalmatiner, husky, shih tzu, cavalier,
whippet, vinthund, norsk skogkatt, maine coon, ragdoll, perser, helig birma, bengal, sphynx,
svenskt varmblod, nordsvensk, shetlandsponny, islandshäst, fjordhäst, gotlandsruss, arabiskt fullblod
""".replace("\n", " ").split(",")
    if s.strip()
)

NOT_NAMES = SERVICES | COUNTRIES | REGIONS | BREEDS

# Organisations named by what they are ("Bostadsrättsföreningen Tallen", "Fastighetsbolaget Norr",
# "Lunds kommun", "Tallen AB") or by what they sell ("Sparbanken Mälardalen", "Kvitter Mobil").
ORGANISATION_WORDS = (
    "föreningen",
    "förening",
    "bolaget",
    "bolag",
    "stiftelsen",
    "kommun",
    "kommunen",
    "regionen",
    "banken",
    "bank",
    "mobil",
    "elhandel",
    "energi",
    "försäkringar",
    "försäkring",
    "elnät",
    "bredband",
    "telekom",
    "finans",
    "fastigheter",
    "bostäder",
)
ORGANISATION_FORMS = frozenset(("ab", "hb", "kb", "brf"))
# What an agent asks for in one word, which the model takes for a name ("Registreringsnummer?",
# "Bokningsnummer.", "Födelsedatum?"): no name ends so.
QUESTION_NOUN_ENDINGS = ("nummer", "numret", "datum", "datumet", "adress", "adressen", "koden", "avgiften")


# "max" before a number ("max 140 tecken") is "at most"; "hans" before what someone has is "his"
# (`recognizers.introduction.his_before`).
_AT_MOST = "max"
# "My" is a name and the English "my" of callers who mix in English ("My name, eh, mitt namn är ...",
# "My wife Nasrin can take key").
_MY = "my"
MY_THINGS = frozenset(
    """
name wife husband daughter son mother father mom dad family friend brother sister children kids baby
company phone number address account card job work home english swedish
""".split()
)


def is_word_here(text: str, next_word: str, opens: bool = False) -> bool:
    """A name that is a word where it stands: "Hans" before what he has, "max" before a number,
    "My" before an English noun; `opens`: it opens a sentence."""
    key, nxt = text.casefold(), next_word.casefold()
    return (
        his_before(text, next_word, opens)
        or (key == _MY and nxt in MY_THINGS)
        or (key == _AT_MOST and (nxt[:1].isdigit() or bool(words_to_digits(nxt))))
    )


def is_not_name(text: str) -> bool:
    """A service, country or region, also in the genitive ("Sveriges") or as a county ("Skåne län",
    "Västra Götalands län"), an organisation named by what it is, or a one-word question's noun."""
    key = " ".join(text.casefold().split())
    if key.endswith(" län"):
        return True
    words = key.split()
    if any(w.endswith(ORGANISATION_WORDS) for w in words) or not ORGANISATION_FORMS.isdisjoint(words):
        return True
    if len(words) == 1 and words[0].endswith(QUESTION_NOUN_ENDINGS):
        return True
    return key in NOT_NAMES or (key.endswith("s") and key[:-1] in NOT_NAMES)
