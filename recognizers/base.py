"""The shared base of the recognizers of spoken, mixed and split numbers."""

from __future__ import annotations

import re

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult

from recognizers.heuristics import DATE_OR_TIME, after_reference_word
from recognizers.numbers import Window, longest_run, longest_unwritten_run, windows


def tagged_result(
    rec: EntityRecognizer, entity: str, start: int, end: int, score: float, explanation: str
) -> RecognizerResult:
    """A result of `rec`, tagged with its name and id as Presidio's own are."""
    expl = AnalysisExplanation(recognizer=rec.name, original_score=score, textual_explanation=explanation)
    return RecognizerResult(
        entity_type=entity,
        start=start,
        end=end,
        score=score,
        analysis_explanation=expl,
        recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: rec.name,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: rec.id,
        },
    )


class TextRecognizer(EntityRecognizer):
    """A recognizer that reads the text alone (no NLP artefacts, no context words) and reports
    ENTITIES: the dialogue slots, self-introductions, plates, place lines."""

    ENTITIES: tuple[str, ...] = ()

    def __init__(self, supported_language: str = "sv"):
        super().__init__(
            supported_entities=list(self.ENTITIES),
            supported_language=supported_language,
            name=type(self).__name__,
            context=[],
        )

    def load(self) -> None:  # nothing to load
        pass


class DigitWindowRecognizer(EntityRecognizer):
    """Base for the spoken/mixed/split forms of a digit-based identifier.

    Subclasses set ENTITY, LENGTHS (digit counts), CONTEXT and implement
    `score_window(text, window) -> float | None` (None: not this entity). Only windows the written
    patterns cannot see are reported (a number word, a filler or pause inside, or a turn change);
    the family's PatternRecognizer handles plain written digits, so results never duplicate.
    `may_match` lets the detector skip texts without such a window.
    """

    ENTITY = ""
    LENGTHS: tuple[int, ...] = ()
    CONTEXT: list[str] = []
    MIN_TOKENS = 1
    SKIP_PLAIN = True  # leave plain written digits to the family's PatternRecognizer
    # The layouts the family's PatternRecognizer reads (fullmatch, from `extend_start`); plain
    # written digits in any other grouping ("8 8 0 4 1 3 2 3 8 2", "880 413 238 2") are reported
    # here. None: every plain window is the PatternRecognizer's.
    LAYOUT: re.Pattern[str] | None = None

    def __init__(self, supported_language: str = "sv"):
        super().__init__(
            supported_entities=[self.ENTITY],
            supported_language=supported_language,
            name=type(self).__name__,
            context=list(self.CONTEXT),
        )

    def load(self) -> None:  # nothing to load
        pass

    def score_window(self, text: str, window: Window) -> float | None:
        raise NotImplementedError

    def may_match(self, text: str) -> bool:
        runs_len = longest_run(text) if self.LAYOUT is not None else longest_unwritten_run(text)
        return runs_len >= self.LENGTHS[0]

    def extend_start(self, text: str, start: int) -> int:
        """Where the reported span starts: a "+" right before the digits belongs to the number."""
        return start - 1 if start > 0 and text[start - 1] == "+" else start

    def written(self, text: str, window: Window) -> bool:
        return (
            self.LAYOUT is None
            or self.LAYOUT.fullmatch(text, self.extend_start(text, window.start), window.end) is not None
        )

    def analyze(self, text, entities, nlp_artifacts=None):
        if entities and self.ENTITY not in entities:
            return []
        if not self.may_match(text):
            return []
        scores: dict[tuple[int, int], float] = {}

        def accept(w: Window) -> bool:
            # an OCR/invoice reference: the whole run of digits it introduces
            k = w.i
            while k > 0 and w.run.gaps[k] != "turn":
                k -= 1  # where this utterance of digits starts
            if after_reference_word(text, w.start) or after_reference_word(text, w.run.tokens[k].start):
                return False
            if DATE_OR_TIME.fullmatch(text, w.start, w.end):
                return False
            s = self.score_window(text, w)
            if s is None:
                return False
            scores[(w.run.tokens[w.i].start, w.run.tokens[w.j].end)] = s
            return True

        results = []
        for w in windows(
            text,
            self.LENGTHS,
            accept,
            min_tokens=self.MIN_TOKENS,
            skip_plain=self.SKIP_PLAIN,
            written=lambda w: self.written(text, w),
        ):
            score = scores[(w.start, w.end)]
            for s, e in w.pieces():
                if s == w.start:
                    s = self.extend_start(text, s)
                results.append(self.result(s, e, score, "digit window (spoken/mixed/split form)"))
        return results

    def result(self, start: int, end: int, score: float, explanation: str) -> RecognizerResult:
        """A result of this recognizer, tagged with its name and id as Presidio's own are."""
        return tagged_result(self, self.ENTITY, start, end, score, explanation)
