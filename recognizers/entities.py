"""The entity registry: every kind of personal data the project finds, declared once.

Per entity type: the recognizers that report it, its canonical form (the key of pseudonym
tokens, of the subject index and of "the same value" within a call), the identifier kind an
officer gives to `redactor subject` (a *subject entity*: its keyed tokens make up the
subject index), what a finding becomes by default, and how its value is found again in other
forms. Everything that lists entities derives from this table: the analyzer's recognizers
(`recognizers.build_recognizers`), `recognizers.CANONICAL`, the transform's subject entities
and number handling, the rights module's identifier kinds and the policy's defaults (which
the config's `[policy]` section still overrides). docs/recognizers.md describes each entry
and how to add one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from presidio_analyzer import EntityRecognizer

from recognizers import (
    address,
    birth_years,
    dialogue_slots,
    double_names,
    email,
    foreign_address,
    handles,
    identifiers,
    introduction,
    nicknames,
    organisationsnummer,
    payment,
    personnummer,
    phone,
    place_lines,
    postal_code,
    street_named,
    titled_names,
    vehicle,
)
from recognizers.fold import fold_text
from recognizers.numbers import number_digits

Action = Literal["redact", "mask", "pseudonymise"]
# What a finding may become: a numbered placeholder, its shape in "*", a keyed token.
ACTIONS: tuple[Action, ...] = ("redact", "mask", "pseudonymise")

# Our recognizer classes (and so their names, which findings record) start with this, so none
# is ever taken for one of Presidio's own (SePersonnummerRecognizer, EmailRecognizer, ...).
RECOGNIZER_PREFIX = "Klang"

Recognizers = tuple[type[EntityRecognizer], ...]
# Report values of several entity types, each from its own context (who asked what).
_DIALOGUE: Recognizers = (dialogue_slots.KlangDialogueSlotRecognizer,)


@dataclass(frozen=True)
class Entity:
    """One entity type and everything the project does with it."""

    name: str  # the entity type, as Presidio reports it (Presidio's name where it has one)
    description: str
    # Our recognizers that report it, in the order the analyzer runs them (where two report
    # the same result, Presidio keeps the first one's).
    recognizers: Recognizers
    canonical: Callable[[str], str] | None = None  # None: case- and space-folded text
    subject_kind: str | None = None  # identifier kind of `redactor subject`, if any
    policy: Action = "redact"  # what a finding becomes unless the config says otherwise
    from_model: bool = False  # the NER model reports it too
    is_number: bool = True  # a number: also found again by its digits in another form
    digits_identify: bool = False  # its digits identify a person in any grouping
    # Redacted where found only: not found again elsewhere in the call (but for its numbers of four
    # digits or more, by their digits), nor checked for there.
    local: bool = False

    @property
    def subject(self) -> bool:
        """Its keyed tokens make up the subject index (rights: access, erasure)."""
        return self.subject_kind is not None


ENTITIES: tuple[Entity, ...] = (
    Entity(
        "SE_PERSONNUMMER",
        "personnummer, samordningsnummer, interim numbers",
        (
            personnummer.KlangPersonnummerRecognizer,
            *_DIALOGUE,
            personnummer.KlangSpokenPersonnummerRecognizer,
            personnummer.KlangPersonnummerTailRecognizer,
            personnummer.KlangBirthDatePairsRecognizer,
            personnummer.KlangNamedPersonnummerRecognizer,
            birth_years.KlangBirthYearDateRecognizer,
        ),
        personnummer.canonical,
        subject_kind="personnummer",
        digits_identify=True,
    ),
    Entity(
        "PERSON",
        "a person's name",
        (
            *_DIALOGUE,
            introduction.KlangSelfIntroductionRecognizer,
            titled_names.KlangTitledNameRecognizer,
            nicknames.KlangNicknameRecognizer,
            nicknames.KlangCalledNameRecognizer,
            double_names.KlangDoubleFirstNameRecognizer,
        ),
        from_model=True,
        is_number=False,
    ),
    Entity(
        "SE_ORGANISATIONSNUMMER",
        "organisationsnummer (a sole trader's is personal data)",
        (
            *_DIALOGUE,
            organisationsnummer.KlangOrganisationsnummerRecognizer,
            organisationsnummer.KlangSpokenOrganisationsnummerRecognizer,
        ),
        organisationsnummer.canonical,
        digits_identify=True,
    ),
    Entity(
        "PHONE_NUMBER",
        "phone number: Swedish, or abroad with its country code",
        (
            *_DIALOGUE,
            phone.KlangPhoneRecognizer,
            phone.KlangTenDigitPhoneRecognizer,
            phone.KlangSpokenPhoneRecognizer,
            phone.KlangInternationalPhoneRecognizer,
            phone.KlangToldPhoneRecognizer,
        ),
        phone.canonical,
        subject_kind="phone",
        digits_identify=True,
    ),
    Entity(
        "EMAIL_ADDRESS",
        "e-mail address, written or spelt out",
        (*_DIALOGUE, email.KlangEmailRecognizer),
        email.canonical,
        subject_kind="email",
        is_number=False,
    ),
    Entity(
        "USERNAME",
        "a user, account or network name: kattis_62, goran.ekstrom48, hallberg_5g, or the answer to "
        "'Vad är ditt användarnamn?'",
        (*_DIALOGUE, handles.KlangHandleRecognizer),
        is_number=False,
    ),
    Entity(
        "SE_ADDRESS",
        "address: street line (street, number, letter, flat), place and number, box, flat, property",
        (
            *_DIALOGUE,
            address.KlangAddressRecognizer,
            address.KlangAddressLowercaseRecognizer,
            street_named.KlangStreetNamedRecognizer,
            place_lines.KlangPlaceLineRecognizer,
            foreign_address.KlangNumberFirstAddressRecognizer,
        ),
        address.canonical,
        is_number=False,
    ),
    Entity(
        "LOCATION",
        "place: post town after an address or postal code, or before a postnummer; the place someone lives in,"
        " or said with their name when they introduce themselves; else the NER model's",
        (
            introduction.KlangSelfIntroductionRecognizer,
            place_lines.KlangPlaceLineRecognizer,
            address.KlangPostTownRecognizer,
            address.KlangHomePlaceRecognizer,
            address.KlangPlaceAfterStreetRecognizer,
            foreign_address.KlangForeignPostcodeRecognizer,
        ),
        from_model=True,
        is_number=False,
    ),
    Entity(
        "SE_POSTAL_CODE",
        "postnummer; a postcode abroad after a street line",
        (
            *_DIALOGUE,
            place_lines.KlangPlaceLineRecognizer,
            foreign_address.KlangNumberFirstAddressRecognizer,
            foreign_address.KlangForeignPostcodeRecognizer,
            postal_code.KlangPostalCodeRecognizer,
            postal_code.KlangSpokenPostalCodeRecognizer,
        ),
        postal_code.canonical,
    ),
    Entity(
        "IBAN_CODE",
        "IBAN",
        (*_DIALOGUE, payment.KlangIbanRecognizer),
        payment.iban_canonical,
    ),
    Entity(
        "CREDIT_CARD",
        "payment card number, and its expiry date and security code",
        (
            *_DIALOGUE,
            payment.KlangCreditCardRecognizer,
            payment.KlangSpokenCreditCardRecognizer,
            payment.KlangCardDetailsRecognizer,
        ),
        number_digits,
        digits_identify=True,
    ),
    Entity(
        "SE_BANK_ACCOUNT",
        "Swedish bank account: clearing number and account",
        (
            *_DIALOGUE,
            payment.KlangBankAccountRecognizer,
            payment.KlangSpokenBankAccountRecognizer,
            payment.KlangBankClearingRecognizer,
        ),
        payment.account_canonical,
        digits_identify=True,
    ),
    Entity(
        "SE_BANKGIRO",
        "bankgiro number",
        (*_DIALOGUE, payment.KlangBankgiroRecognizer, payment.KlangSpokenBankgiroRecognizer),
        payment.giro_canonical,
        digits_identify=True,
    ),
    Entity(
        "SE_PLUSGIRO",
        "plusgiro number",
        (*_DIALOGUE, payment.KlangPlusgiroRecognizer, payment.KlangSpokenPlusgiroRecognizer),
        payment.giro_canonical,
        digits_identify=True,
    ),
    Entity(
        "SE_FACILITY_ID",
        "anläggnings-id: 18 digits starting 735999",
        (
            *_DIALOGUE,
            identifiers.KlangFacilityIdRecognizer,
            identifiers.KlangSpokenFacilityIdRecognizer,
        ),
        number_digits,
        subject_kind="facility_id",
        digits_identify=True,
    ),
    Entity(
        "CUSTOMER_NUMBER",
        "the retailer's customer or contract number",
        (
            *_DIALOGUE,
            identifiers.KlangCustomerNumberRecognizer,
            identifiers.KlangContractCodeRecognizer,
            identifiers.KlangShareNumberRecognizer,
            identifiers.KlangSpokenCustomerNumberRecognizer,
            identifiers.KlangOwnNumberRecognizer,
        ),
        identifiers.code_canonical,
        subject_kind="customer_number",
        digits_identify=True,
    ),
    Entity(
        "IP_ADDRESS",
        "IPv4 or IPv6 address",
        (*_DIALOGUE, identifiers.KlangIpAddressRecognizer),
        identifiers.ip_canonical,
    ),
    Entity(
        "ID_NUMBER",
        "the number of an ID document or a device: passport, driving licence, ID card, IMEI, MAC address, SIM card,"
        " eSIM, pet chip, a dog's registration number, a crypto wallet's address, key tag, "
        "frikort",
        (
            *_DIALOGUE,
            identifiers.KlangMacAddressRecognizer,
            identifiers.KlangSimCardRecognizer,
            identifiers.KlangTagNumberRecognizer,
            identifiers.KlangDogRegistrationRecognizer,
            identifiers.KlangWalletAddressRecognizer,
        ),
        identifiers.code_canonical,
    ),
    Entity(
        "ACCESS_CODE",
        "a code that opens something: portkod, alarm, key box, PIN, a parcel's pickup code",
        _DIALOGUE,
        identifiers.code_canonical,
    ),
    Entity(
        "PERSONAL_DETAIL",
        "what the learned tail (recognizers.tail) reads as personal data in a dialogue where no rule names it: a code "
        "read letter by letter, a clearing number alone, a sibling's birth date; and a date of death asked or told",
        _DIALOGUE,
        is_number=False,
        local=True,  # its single words ("K", "tredje") are too common to chase (its numbers of 4+ digits are)
    ),
    Entity(
        "SE_VEHICLE_REGISTRATION",
        "vehicle registration number (registreringsnummer): ABC 123, ABC 12D, spelled; a VIN",
        (vehicle.KlangVehicleRegistrationRecognizer,),
        vehicle.canonical,
        is_number=False,
    ),
)

BY_NAME: dict[str, Entity] = {e.name: e for e in ENTITIES}
# Normal forms: spacing, case and spoken-vs-written never change the token (an officer types
# "KN-448120", a transcript says "kn 448120"; "noll sju noll ..." and "070-..." are one).
CANONICAL: dict[str, Callable[[str], str]] = {e.name: e.canonical for e in ENTITIES if e.canonical is not None}
# Identifiers that find a person again; their keyed tokens make up the subject index.
SUBJECT_ENTITIES: tuple[str, ...] = tuple(e.name for e in ENTITIES if e.subject)
# Identifier kind (`redactor subject --personnummer ...`) -> entity type.
SUBJECT_KINDS: dict[str, str] = {e.subject_kind: e.name for e in ENTITIES if e.subject_kind is not None}
# Types whose values are not numbers (found again as text only).
NOT_NUMBERS: frozenset[str] = frozenset(e.name for e in ENTITIES if not e.is_number)
# Numbers whose digits identify a person whatever their grouping (leak check, propagation).
DIGIT_ENTITIES: frozenset[str] = frozenset(e.name for e in ENTITIES if e.digits_identify)
# Redacted where found only (`Entity.local`).
LOCAL_ENTITIES: frozenset[str] = frozenset(e.name for e in ENTITIES if e.local)
# What the NER model reports.
MODEL_ENTITIES: tuple[str, ...] = tuple(e.name for e in ENTITIES if e.from_model)


def recognizer_classes(entities: Iterable[Entity] = ENTITIES) -> Recognizers:
    """Every recognizer class of these entities, once, in registry order."""
    seen: dict[type[EntityRecognizer], None] = {}
    for entity in entities:
        seen.update(dict.fromkeys(entity.recognizers))
    return tuple(seen)


def default_policy(entity_type: str) -> Action:
    """What a finding of this type becomes unless configured (unknown types: redacted)."""
    entity = BY_NAME.get(entity_type)
    return entity.policy if entity is not None else "redact"


def canonical_value(entity_type: str, text: str) -> str:
    """Normal form of a detected value (as written: folded here first); types without one
    are case- and space-folded."""
    text = fold_text(text)
    fn = CANONICAL.get(entity_type)
    if fn is not None:
        return fn(text)
    return " ".join(text.casefold().split())
