"""The call's dialogue as one text, and detections mapped back to the segments they came from.

In a call centre the agent asks ("personnummer?", "och de fyra sista?") and the customer answers
in the next turn, often with a fragment, sometimes split by "Mm."; detected one segment at a time,
"811218" and "9876" both pass. So the segments are detected together, in order, as the lines of
one text `Label: text` (the shape `redactor scan` reads and the recognizers know: a turn change is
a new labelled line). Labels are neutral ("Agent", "Kund", "Talare 2"): they tell speakers apart
without repeating a speaker's name, which is detected in its own field.

A detection is mapped back to every segment it overlaps, clipped to that segment's text; the
label and the line break are never part of a finding.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from redactor.detect.analyzer import Detection
from redactor.domain import Segment

_ROLE_LABELS = {"agent": "Agent", "customer": "Kund"}


def segment_field(index: int) -> str:
    return f"segments[{index}].text"


@dataclass(frozen=True)
class Dialogue:
    text: str
    # (start in `text`, segment field name, length of the segment text), in text order
    pieces: tuple[tuple[int, str, int], ...]

    def split(self, detections: list[Detection]) -> dict[str, list[Detection]]:
        """Detections on the dialogue text as detections on the segments' own texts."""
        out: dict[str, list[Detection]] = {}
        starts = [p[0] for p in self.pieces]
        for d in detections:
            k = max(0, bisect_right(starts, d.start) - 1)
            while k < len(self.pieces) and self.pieces[k][0] < d.end:
                start, name, length = self.pieces[k]
                s, e = max(d.start, start) - start, min(d.end, start + length) - start
                if s < e:
                    out.setdefault(name, []).append(Detection(d.entity_type, s, e, d.score, d.recognizer))
                k += 1
        return out


def build_dialogue(segments: list[Segment]) -> Dialogue:
    labels: dict[str, str] = {}
    parts: list[str] = []
    pieces: list[tuple[int, str, int]] = []
    pos = 0
    for seg in segments:
        label = _ROLE_LABELS.get(seg.role or "")
        if label is None:
            key = seg.speaker or ""
            label = labels.setdefault(key, f"Talare {len(labels) + 1}")
        head = f"{label}: "
        # A line break inside a segment would read as a turn change without a label: keep the
        # segment one line in the dialogue (same length, so offsets map one to one).
        body = seg.text.replace("\n", " ").replace("\r", " ")
        pieces.append((pos + len(head), segment_field(seg.index), len(body)))
        parts.append(head + body + "\n")
        pos += len(head) + len(body) + 1
    return Dialogue("".join(parts), tuple(pieces))
