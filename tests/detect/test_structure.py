"""Names from the call's structure: a speaker label that is a name is a PERSON, a role or a
relation is not."""

from __future__ import annotations

import pytest

from redactor.detect.structure import structural_detections


@pytest.mark.parametrize("label", ["Talare 2", "Agent", "spk_0", "Kund 2", "Pappa", "Dotter", "Mormor"])
def test_roles_and_relations_are_no_names(label):
    assert structural_detections({"segments[0].speaker": label}) == {}


def test_a_name_label_is_a_person():
    found = structural_detections({"segments[0].speaker": "Sofia Ekström"})
    assert [(d.entity_type, d.start, d.end) for d in found["segments[0].speaker"]] == [("PERSON", 0, 13)]
