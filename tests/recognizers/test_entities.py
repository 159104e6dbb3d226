"""The entity registry agrees with what is built and used: the recognizers the analyzer
registers, what they can report, the policies, the subject index and the NER model's types."""

from __future__ import annotations

import pytest

import recognizers
from recognizers import entities
from recognizers.entities import BY_NAME, ENTITIES, SUBJECT_ENTITIES, SUBJECT_KINDS
from recognizers.tail import TAIL_ENTITY
from redactor.rights import identifiers as rights_identifiers
from redactor.transform import call as transform_call
from redactor.transform.policy import Policy


@pytest.fixture(scope="module")
def built():
    return recognizers.build_recognizers()


def test_every_entity_a_built_recognizer_can_report_is_registered_and_lists_it(built):
    for rec in built:
        for entity_type in rec.supported_entities:
            assert entity_type in BY_NAME, (type(rec).__name__, entity_type)
            assert type(rec) in BY_NAME[entity_type].recognizers, (type(rec).__name__, entity_type)


def test_every_recognizer_an_entity_lists_is_built_once_and_reports_it(built):
    classes = [type(rec) for rec in built]
    assert len(set(classes)) == len(classes)
    by_class = {type(rec): rec for rec in built}
    for entity in ENTITIES:
        assert entity.recognizers or entity.from_model or entity.name == TAIL_ENTITY, entity.name
        for cls in entity.recognizers:
            assert entity.name in by_class[cls].supported_entities, (entity.name, cls.__name__)
        # Where two recognizers report the same result Presidio keeps the first one's: the
        # registry's order is the order they run in.
        assert [c for c in classes if c in entity.recognizers] == list(entity.recognizers), entity.name


def test_names_are_unique_and_every_entity_has_a_description():
    assert len(BY_NAME) == len(ENTITIES)
    assert all(e.description for e in ENTITIES)


def test_the_ner_model_types_are_registered_as_model_entities():
    from redactor.detect.analyzer import NER_ENTITIES

    assert set(NER_ENTITIES) == set(entities.MODEL_ENTITIES)


@pytest.mark.parametrize("entity", ENTITIES, ids=lambda e: e.name)
def test_policy_default_comes_from_the_registry_and_the_config_overrides_it(entity):
    assert entity.policy in entities.ACTIONS
    assert Policy().action(entity.name) == entity.policy
    assert Policy("mask").action(entity.name) == "mask"
    assert Policy(None, {entity.name: "mask"}).action(entity.name) == "mask"


def test_an_unregistered_type_is_redacted_by_default():
    assert Policy().action("SOMETHING_NEW") == "redact"


def test_subject_kinds_and_subject_entities_derive_from_the_registry():
    assert rights_identifiers.KINDS == SUBJECT_KINDS
    assert transform_call.SUBJECT_ENTITIES == SUBJECT_ENTITIES
    assert set(SUBJECT_KINDS.values()) == set(SUBJECT_ENTITIES)
    # The subject index keys a value by its canonical form: every subject entity has one.
    assert all(BY_NAME[e].canonical is not None for e in SUBJECT_ENTITIES)


def test_every_dialogue_slot_reports_a_registered_entity():
    from recognizers.dialogue_slots import SLOTS

    assert {s.entity for s in SLOTS} <= set(BY_NAME)


def test_canonical_forms_are_the_registry_s():
    assert recognizers.CANONICAL == {e.name: e.canonical for e in ENTITIES if e.canonical}
    assert recognizers.canonical_value("IP_ADDRESS", " 192.0.2.14 ") == "192.0.2.14"
    assert recognizers.canonical_value("PERSON", "  Anna   BERG ") == "anna berg"
    # a code said in words and written is one value, so it gets one placeholder in every field
    assert recognizers.canonical_value("ACCESS_CODE", "ett nio sju åtta") == "1978"
    assert recognizers.canonical_value("ACCESS_CODE", "19 78") == "1978"
    assert recognizers.canonical_value("ID_NUMBER", "752 098 100") == recognizers.canonical_value(
        "ID_NUMBER", "752098100"
    )


def test_recognizer_names_are_their_class_names_with_our_prefix_and_clash_with_none_of_presidios(built):
    from presidio_analyzer import predefined_recognizers

    presidio_names = {n for n in dir(predefined_recognizers) if n.endswith("Recognizer")}
    assert "SePersonnummerRecognizer" in presidio_names  # the clash this rules out
    for rec in built:
        assert rec.name == type(rec).__name__
        assert rec.name.startswith(entities.RECOGNIZER_PREFIX)
        assert rec.name not in presidio_names


def test_the_recognizers_page_names_every_entity_and_recognizer():
    from pathlib import Path

    page = (Path(__file__).resolve().parents[2] / "docs" / "recognizers.md").read_text("utf-8")
    for entity in ENTITIES:
        assert f"`{entity.name}`" in page
        for cls in entity.recognizers:
            assert f"`{cls.__name__}`" in page, cls.__name__
