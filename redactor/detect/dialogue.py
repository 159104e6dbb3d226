"""The call's dialogue as one text, and detections mapped back to the segments they came from.

In a call centre the agent asks ("personnummer?", "och de fyra sista?") and the customer answers
in the next turn, often with a fragment, sometimes split by "Mm."; detected one segment at a time,
"811218" and "9876" both pass. So the segments are detected together, in order, as the lines of
one text `Label: text` (the shape `redactor scan` reads and the recognizers know: a turn change is
a new labelled line). Labels are neutral ("Agent", "Kund", "Kund 2", "Talare 2"): each speaker
has one, so a second customer answering the first one's question ("lägenhet... mamma, vilket
nummer?" / "Ett noll noll tre.") is another speaker; and a speaker's name, which is detected in its
own field, is never repeated.

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
    per_role: dict[str, int] = {}
    for seg in segments:
        role = _ROLE_LABELS.get(seg.role or "")
        key = f"{seg.role}\x00{seg.speaker or ''}"
        if key not in labels:
            # each speaker their own label, so a second customer ("Kund 2") answers the first one's
            # question: "Kund", "Kund 2", "Agent", ...; speakers without a known role "Talare n"
            n = per_role[role or ""] = per_role.get(role or "", 0) + 1
            labels[key] = (f"{role} {n}" if n > 1 else role) if role else f"Talare {n}"
        label = labels[key]
        head = f"{label}: "
        # A line break inside a segment would read as a turn change without a label: keep the
        # segment one line in the dialogue (same length, so offsets map one to one).
        body = seg.text.replace("\n", " ").replace("\r", " ")
        pieces.append((pos + len(head), segment_field(seg.index), len(body)))
        parts.append(head + body + "\n")
        pos += len(head) + len(body) + 1
    return Dialogue("".join(parts), tuple(pieces))
