"""Swedish PII recognizers for Presidio: one module per entity family.

Each module exposes a Presidio recognizer class and, where the entity has a natural normal form,
a `canonical(text)` used for pseudonym tokens and the subject index (e.g. personnummer as 12 digits).
"""

from __future__ import annotations

from typing import Callable

from presidio_analyzer import EntityRecognizer

from recognizers import (address, dialogue_slots, email, identifiers, introduction, organisationsnummer, payment,
                         personnummer, phone,
                         postal_code)
from recognizers.allowlist import AllowlistFilter, number_digits
from recognizers.fold import fold_text


# Normal forms: spacing, case and spoken-vs-written never change the token (an officer types
# "KN-448120", a transcript says "kn 448120"; "noll sju noll ..." and "070-..." are one number).
CANONICAL: dict[str, Callable[[str], str]] = {
    personnummer.ENTITY: personnummer.canonical,
    organisationsnummer.ENTITY: organisationsnummer.canonical,
    phone.ENTITY: phone.canonical,
    email.ENTITY: email.canonical,
    address.ENTITY: address.canonical,
    postal_code.ENTITY: postal_code.canonical,
    payment.IBAN: payment.iban_canonical,
    payment.CARD: number_digits,
    payment.BANK_ACCOUNT: payment.account_canonical,
    payment.BANKGIRO: payment.giro_canonical,
    payment.PLUSGIRO: payment.giro_canonical,
    identifiers.CUSTOMER: identifiers.customer_canonical,
    identifiers.FACILITY: number_digits,
    identifiers.IP: lambda text: text.strip().lower(),
}


def canonical_value(entity_type: str, text: str) -> str:
    """Normal form of a detected value (as written: folded here first); types without one are case-
    and space-folded."""
    text = fold_text(text)
    fn = CANONICAL.get(entity_type)
    if fn is not None:
        return fn(text)
    return " ".join(text.casefold().split())


def build_recognizers(language: str = "sv") -> list[EntityRecognizer]:
    """The pattern recognizers the analyzer registers (the NER model adds PERSON/LOCATION)."""
    return [
        personnummer.SePersonnummerRecognizer(supported_language=language),
        dialogue_slots.DialogueSlotRecognizer(supported_language=language),
        introduction.SelfIntroductionRecognizer(supported_language=language),
        personnummer.SeSpokenPersonnummerRecognizer(supported_language=language),
        personnummer.SePersonnummerTailRecognizer(supported_language=language),
        organisationsnummer.SeOrganisationsnummerRecognizer(supported_language=language),
        organisationsnummer.SeSpokenOrganisationsnummerRecognizer(supported_language=language),
        phone.SePhoneRecognizer(supported_language=language),
        phone.SeTenDigitPhoneRecognizer(supported_language=language),
        phone.SeSpokenPhoneRecognizer(supported_language=language),
        email.EmailRecognizer(supported_language=language),
        address.SeAddressRecognizer(supported_language=language),
        address.SeAddressLowercaseRecognizer(supported_language=language),
        address.SePostTownRecognizer(supported_language=language),
        postal_code.SePostalCodeRecognizer(supported_language=language),
        postal_code.SeSpokenPostalCodeRecognizer(supported_language=language),
        payment.IbanRecognizer(supported_language=language),
        payment.CreditCardRecognizer(supported_language=language),
        payment.SpokenCreditCardRecognizer(supported_language=language),
        payment.SeBankAccountRecognizer(supported_language=language),
        payment.SeSpokenBankAccountRecognizer(supported_language=language),
        payment.SeBankgiroRecognizer(supported_language=language),
        payment.SeSpokenBankgiroRecognizer(supported_language=language),
        payment.SePlusgiroRecognizer(supported_language=language),
        payment.SeSpokenPlusgiroRecognizer(supported_language=language),
        identifiers.SeFacilityIdRecognizer(supported_language=language),
        identifiers.SeSpokenFacilityIdRecognizer(supported_language=language),
        identifiers.CustomerNumberRecognizer(supported_language=language),
        identifiers.SpokenCustomerNumberRecognizer(supported_language=language),
        identifiers.IpAddressRecognizer(supported_language=language),
    ]


__all__ = ["AllowlistFilter", "CANONICAL", "build_recognizers", "canonical_value"]
